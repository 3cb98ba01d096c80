"""Rule evaluate_extrapolation: the network beyond its training range, and its metrics."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

import numpy as np  # noqa: E402

from nnfit.model.analysis import fit_metrics  # noqa: E402
from nnfit.model.artifacts import load_model, load_npz, save_json, save_npz  # noqa: E402
from nnfit.model.network import forward  # noqa: E402
from nnfit.model.targets import from_spec  # noqa: E402

p = snakemake.params
model = load_model(snakemake.input.model)
data = load_npz(snakemake.input.data, required=("x", "y"))
params = model.params
act = model.act()
target = from_spec(p.target)

x = np.linspace(*p.extrapolation_range, p.grid_points)
save_npz(
    snakemake.output.curve,
    x=x,
    output=forward(params, x, act),
    truth=target.f(x),
    train_range=np.array(p.train_range),
)
metrics = fit_metrics(
    params,
    act,
    data["x"],
    data["y"],
    p.train_range,
    p.extrapolation_range,
    p.grid_points,
    target.f,
)
summary = {name: float(value) for name, value in metrics.items()}
summary |= {
    "activation": act.name,
    "target": target.name,
    "parameters": model.parameters,
    "n_hidden": int(params.w.size),
    "lr": model.lr,
    "iterations": int(model.loss.size - 1),
    "noise_variance": float(p.noise_sd**2),
}
save_json(snakemake.output.metrics, summary)
log.info("%s: %s", act.name, ", ".join(f"{k} {v:.4g}" for k, v in metrics.items()))
