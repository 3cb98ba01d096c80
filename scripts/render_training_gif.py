"""Rule render_training_gif: the network output after every training iteration, as a GIF
and, for the Snakemake report, as the same frames in an animated PNG."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

import numpy as np  # noqa: E402

from nnfit.figures.article import fitting  # noqa: E402
from nnfit.figures.gif import animate_training, training_frames, write_apng, write_gif  # noqa: E402
from nnfit.model.artifacts import load_model, load_npz  # noqa: E402
from nnfit.model.targets import from_spec  # noqa: E402

p = snakemake.params
model = load_model(snakemake.input.model)
data = load_npz(snakemake.input.data, required=("x", "y"))
act = model.act()
target = from_spec(p.target)
x = np.linspace(*p.train_range, p.grid_points)
frames = training_frames(model, act, x, p.stride)
title = f"{act.label}, {model.params.w.size} hidden nodes{fitting(target)}"
animation = animate_training(
    frames, target.f(x), target.label, data["x"], data["y"], title, p.fps, p.dpi
)
write_gif(snakemake.output.gif, animation)
write_apng(snakemake.output.apng, animation)
log.info("%s: %d frames", act.name, frames.iteration.size)
