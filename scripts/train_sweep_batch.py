"""Rules train_sweep_batch and train_sweep_bundle: every seed of one activation at each
width the job names, one batch (and one file) per width; each seed draws its own data."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

import numpy as np  # noqa: E402

from nnfit.experiments.sweep import configured_batch  # noqa: E402
from nnfit.model.artifacts import save_npz  # noqa: E402

for width, path in zip(snakemake.params.widths, snakemake.output, strict=True):
    batch = configured_batch(snakemake.params.batch, width)
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
