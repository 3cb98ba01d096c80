"""Rule verify: every output decodes and matches its digest in provenance.json or
provenance_claims.json."""

import logging

from nnfit.publish.logs import ANSWER, log_to

log = log_to(snakemake.log[0])

from nnfit.publish.verify import problems, recorded_digests  # noqa: E402

damaged = problems(snakemake.input.files, recorded_digests(*snakemake.input.provenance))
if damaged:
    log.error("damaged outputs:\n%s", "\n".join(damaged))
    raise SystemExit(1)
logging.getLogger(ANSWER).info(
    "%d outputs verified: each decodes and matches its recorded digest", len(snakemake.input.files)
)
