"""Rule aggregate_sweep: every network of the sweep as one row of a tidy table."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

from nnfit.experiments.sweep import SWEEP_COLUMNS, sweep_rows  # noqa: E402
from nnfit.model.artifacts import load_npz  # noqa: E402
from nnfit.publish.tables import write_table  # noqa: E402

# every batch has these; ReLU's dead counts and Snake's drift only where they apply
BATCH_ARRAYS = SWEEP_COLUMNS[: SWEEP_COLUMNS.index("iterations_to_fit") + 1]

columns = {name: [] for name in SWEEP_COLUMNS}
for path in snakemake.input.runs:
    for name, values in sweep_rows(load_npz(path, required=BATCH_ARRAYS)).items():
        columns[name].extend(values)
write_table(snakemake.output[0], columns)
log.info("%d networks from %d batches", len(columns["seed"]), len(snakemake.input.runs))
