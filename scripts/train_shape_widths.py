"""Rule train_shape_widths: one activation on one target, width after width, every seed
on its own draw of the data."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

import numpy as np  # noqa: E402

from nnfit.experiments.shape_training import train_widths  # noqa: E402
from nnfit.model.activations import get_activation  # noqa: E402
from nnfit.model.artifacts import save_npz  # noqa: E402
from nnfit.model.criteria import Criteria  # noqa: E402
from nnfit.model.data import seed_training_sets  # noqa: E402
from nnfit.model.targets import from_spec  # noqa: E402
from nnfit.model.training import AdamConfig  # noqa: E402

p = snakemake.params.batch
act = get_activation(p["activation"], **p["parameters"])
target = from_spec(snakemake.params.target)
x, y = seed_training_sets(p["seeds"], p["n_samples"], p["noise_sd"], p["train_range"], target.f)
runs = train_widths(
    act,
    snakemake.params.widths,
    p["seeds"],
    x,
    y,
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
