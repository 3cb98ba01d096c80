"""Rule train_tuning_batch: one activation's article network on one candidate range, at every
candidate learning rate, over the tuning seeds (each its own data, as in the sweep)."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

import numpy as np  # noqa: E402

from nnfit.experiments.sweep import configured_batch  # noqa: E402
from nnfit.model.artifacts import save_npz  # noqa: E402

settings = snakemake.params.settings
fits, extrapolates = [], []
for lr in settings["lrs"]:
    batch = configured_batch({**settings, "lr": lr}, settings["width"])
    fits.append(batch["fits"])
    extrapolates.append(batch["extrapolates"])
    log.info("%s, lr %g: %.0f%% fit", settings["activation"], lr, 100 * batch["fits"].mean())
save_npz(
    snakemake.output[0],
    activation=np.array(settings["activation"]),
    width=np.array(settings["width"]),
    half_range=np.array(settings["train_range"][1]),
    seed=np.array(settings["seeds"]),
    lrs=np.array(settings["lrs"], float),
    fits=np.array(fits),  # (lrs, seeds)
    extrapolates=np.array(extrapolates),
)
