"""Rule render_training_gif: the network output during training, in frames paced by how
much it changes, as a GIF and, for the Snakemake report, as the same frames in an animated
PNG."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

import numpy as np  # noqa: E402

from nnfit.figures.article import fit_failure, fitting  # noqa: E402
from nnfit.figures.gif import (  # noqa: E402
    animate_training,
    frame_count,
    training_frames,
    write_apng,
    write_gif,
)
from nnfit.model.artifacts import load_json, load_model, load_npz  # noqa: E402
from nnfit.model.criteria import Criteria  # noqa: E402
from nnfit.model.targets import from_spec  # noqa: E402

p = snakemake.params
model = load_model(snakemake.input.model)
data = load_npz(snakemake.input.data, required=("x", "y"))
act = model.act()
target = from_spec(p.target)
x = np.linspace(*p.train_range, p.grid_points)
n_frames = frame_count(p.seconds, p.fps)
frames = training_frames(model, act, x, p.stride, n_frames, hidden=p.hidden)
metrics = load_json(snakemake.input.metrics, required=("train_mse",))
# beside the counter there is room for one line: its MSE says how far from a fit
failure = fit_failure(metrics, Criteria(**p.criteria))
fails = f", {failure}" if failure else ""
title = f"{act.label}, {model.params.w.size} hidden nodes{fitting(target)}{fails}"
width, height = p.aspect
figsize = (6.4, 6.4 * height / width)  # 6.4 inches wide: the text keeps its size in any shape
animation = animate_training(
    frames, target.f(x), target.label, data["x"], data["y"], title, p.fps, p.dpi, figsize
)
write_gif(snakemake.output.gif, animation)
write_apng(snakemake.output.apng, animation)
log.info("%s: %d frames, iterations %s", act.name, frames.iteration.size, frames.iteration.tolist())
