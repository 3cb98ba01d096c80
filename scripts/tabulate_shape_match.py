"""Rule tabulate_shape_match: the activation x target matrix as a table, and the graded
takeaway."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

from nnfit.grading.shapes import claims_markdown, shape_match_table  # noqa: E402
from nnfit.model.artifacts import atomic_path, load_npz  # noqa: E402
from nnfit.model.targets import from_spec  # noqa: E402
from nnfit.publish.tables import write_table  # noqa: E402

p = snakemake.params
targets = {spec["name"]: from_spec(spec) for spec in p.targets}
runs = [
    load_npz(path, required=("activation", "target", "seeds", "width", "fits", "extrapolates"))
    for path in snakemake.input.runs
]
table = shape_match_table(runs, targets, p.widths)
write_table(snakemake.output.table, table)
with atomic_path(snakemake.output.claims) as tmp:
    tmp.write_text(claims_markdown(table, list(targets.values()), p.activations, p.seeds))
log.info("%d cells of %d activations x %d targets", len(runs), len(p.activations), len(targets))
