"""Rule verify: every output decodes and matches its digest in provenance.json."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

from nnfit.publish.verify import problems, recorded_digests  # noqa: E402

damaged = problems(snakemake.input.files, recorded_digests(snakemake.input.provenance))
if damaged:
    log.error("damaged outputs:\n%s", "\n".join(damaged))
    raise SystemExit(1)
log.info(
    "%d outputs verified: each decodes and matches provenance.json", len(snakemake.input.files)
)
