"""Rule train_sweep_batch: every seed of one activation and width, trained as one batch."""

from nnfit.logs import log_to

log = log_to(snakemake.log[0])

import numpy as np  # noqa: E402

from nnfit.artifacts import load_npz, save_npz  # noqa: E402
from nnfit.sweep import configured_batch  # noqa: E402

data = load_npz(snakemake.input.data, required=("x", "y"))
for width, path in zip(snakemake.params.widths, snakemake.output, strict=True):
    batch = configured_batch(snakemake.params.batch, width, data["x"], data["y"])
    save_npz(path, **batch, variant=np.array(snakemake.wildcards.variant))
    log.info(
        "%s width %d: %d seeds, %.0f%% fit, %.0f%% extrapolate, %d diverged",
        batch["activation"],
        width,
        batch["seed"].size,
        100 * batch["fits"].mean(),
        100 * batch["extrapolates"].mean(),
        batch["diverged"].sum(),
    )
