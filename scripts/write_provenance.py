"""Rule write_provenance: the resolved config, its hash, package versions, the commit and the
SHA-256 of every article output."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

from nnfit.model.artifacts import save_json  # noqa: E402
from nnfit.publish.packaging import sha256  # noqa: E402
from nnfit.publish.provenance import provenance  # noqa: E402

outputs = {path: sha256(path) for path in sorted(snakemake.input.outputs)}
record = provenance(snakemake.config, snakemake.params.git, outputs)
save_json(snakemake.output[0], record)
log.info("config %s, commit %s", record["config_sha256"], record["git"]["commit"])
