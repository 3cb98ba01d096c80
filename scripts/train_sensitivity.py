"""Rule train_sensitivity: the smaller sweep under one training setting, as one table (the
rows sweep.csv would have) and the cosine's batch at its article width."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

import numpy as np  # noqa: E402

from nnfit.experiments.sweep import SWEEP_COLUMNS, configured_batch, sweep_rows  # noqa: E402
from nnfit.grading.claims import COS_BATCH  # noqa: E402
from nnfit.model.artifacts import save_npz  # noqa: E402
from nnfit.publish.tables import write_table  # noqa: E402

columns = {name: [] for name in SWEEP_COLUMNS}
cos = {}
for batch in snakemake.params.batches:
    for width in batch["widths"]:
        runs = configured_batch(batch["settings"], width)
        for name, values in sweep_rows({**runs, "variant": np.array(batch["variant"])}).items():
            columns[name] += values
        if batch["variant"] == "cos" and width == snakemake.params.cos_width:
            cos = {name: runs[name] for name in COS_BATCH}
        log.info("%s width %d: %.0f%% fit", batch["variant"], width, 100 * runs["fits"].mean())
write_table(snakemake.output.table, columns)
save_npz(snakemake.output.cos, **cos)
