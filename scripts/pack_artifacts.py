"""Rule pack_artifacts: figures, metrics, claims and provenance in one zip with a manifest."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

from pathlib import Path  # noqa: E402

from nnfit.publish.packaging import pack  # noqa: E402
from nnfit.publish.verify import problems, recorded_digests  # noqa: E402

damaged = problems(snakemake.input.files, recorded_digests(*snakemake.input.provenance))
if damaged:  # the zip never ships a file that fails
    log.error("not packed, damaged outputs:\n%s", "\n".join(damaged))
    raise SystemExit(1)
zip_path = Path(snakemake.output[0])
# named in the zip as they are beside it, under results/
files = {str(Path(path).relative_to(zip_path.parent)): path for path in snakemake.input.files}
pack(zip_path, files)
log.info("%d files packed into %s", len(files), snakemake.output[0])
