"""Rule write_provenance: the resolved config, its hash, package versions and the commit."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

from nnfit.model.artifacts import save_json  # noqa: E402
from nnfit.publish.provenance import provenance  # noqa: E402

record = provenance(snakemake.config, snakemake.params.git)
save_json(snakemake.output[0], record)
log.info("config %s, commit %s", record["config_sha256"], record["git"]["commit"])
