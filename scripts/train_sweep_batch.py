"""Rule train_sweep_batch: every seed of one activation and width, trained as one batch."""

from nnfit.logs import log_to

log = log_to(snakemake.log[0])

import numpy as np  # noqa: E402

from nnfit.activations import PARAMETER_NAMES, get_activation  # noqa: E402
from nnfit.artifacts import load_npz, save_npz  # noqa: E402
from nnfit.criteria import Criteria  # noqa: E402
from nnfit.sweep import run_batch  # noqa: E402
from nnfit.targets import from_spec  # noqa: E402
from nnfit.training import AdamConfig  # noqa: E402

p = snakemake.params.batch
data = load_npz(snakemake.input.data, required=("x", "y"))
act = get_activation(p["activation"], **p["parameters"])
width = int(snakemake.wildcards.width)
adam = AdamConfig(lr=p["lr"], beta1=p["beta1"], beta2=p["beta2"], eps=p["eps"])
criteria = Criteria(**p["criteria"])
runs = run_batch(
    act,
    width,
    p["seeds"],
    data["x"],
    data["y"],
    p["iterations"],
    adam,
    p["train_range"],
    p["extrapolation_range"],
    p["grid_points"],
    criteria,
    from_spec(p["target"]).f,
)
save_npz(
    snakemake.output[0],
    **runs,
    variant=np.array(snakemake.wildcards.variant),
    activation=np.array(act.name),
    width=np.array(width),
    **{name: np.array(act.parameters.get(name, np.nan)) for name in PARAMETER_NAMES},
    lr=np.array(adam.lr),
)
log.info(
    "%s width %d: %d seeds, %.0f%% fit, %.0f%% extrapolate, %d diverged",
    act.label,
    width,
    len(p["seeds"]),
    100 * runs["fits"].mean(),
    100 * runs["extrapolates"].mean(),
    runs["diverged"].sum(),
)
