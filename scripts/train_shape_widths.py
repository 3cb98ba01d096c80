"""Rule train_shape_widths: one activation on one target, width after width, every seed."""

from nnfit.logs import log_to

log = log_to(snakemake.log[0])

import numpy as np  # noqa: E402

from nnfit.activations import get_activation  # noqa: E402
from nnfit.artifacts import load_npz, save_npz  # noqa: E402
from nnfit.criteria import Criteria  # noqa: E402
from nnfit.shape_training import train_widths  # noqa: E402
from nnfit.targets import from_spec  # noqa: E402
from nnfit.training import AdamConfig  # noqa: E402

p = snakemake.params.batch
data = load_npz(snakemake.input.data, required=("x", "y"))
act = get_activation(p["activation"], **p["parameters"])
target = from_spec(snakemake.params.target)
runs = train_widths(
    act,
    snakemake.params.widths,
    p["seeds"],
    data["x"],
    data["y"],
    target,
    p["iterations"],
    AdamConfig(lr=p["lr"], beta1=p["beta1"], beta2=p["beta2"], eps=p["eps"]),
    {key: p[key] for key in ("train_range", "extrapolation_range", "grid_points")},
    Criteria(**p["criteria"]),
)
save_npz(
    snakemake.output[0],
    **runs,
    activation=np.array(act.name),
    target=np.array(target.name),
    seeds=np.array(len(p["seeds"])),
)
log.info(
    "%s on %s: fits by width %s",
    act.name,
    target.name,
    dict(zip(runs["width"].tolist(), runs["fits"].tolist(), strict=True)),
)
