"""Rule plot_trained_network: a trained network's figures. Each node's v_i h_i(x) and the
output they sum to; the network far outside its training range; its training as a GIF (and,
for the Snakemake report, as the same frames in an animated PNG), in frames paced by how much
it changes. One job draws all three: importing matplotlib is most of a small figure's time."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])


from nnfit.figures import article, style  # noqa: E402
from nnfit.figures.gif import animate_training, write_apng, write_gif  # noqa: E402
from nnfit.figures.pacing import animation_frames  # noqa: E402
from nnfit.model.artifacts import load_json, load_model, load_npz  # noqa: E402
from nnfit.model.criteria import Criteria  # noqa: E402
from nnfit.model.targets import from_spec  # noqa: E402

p = snakemake.params
model = load_model(snakemake.input.model)
act = model.act()
target = from_spec(p.target)
criteria = Criteria(**p.criteria)
data = load_npz(snakemake.input.data, required=("x", "y"))
metrics = load_json(
    snakemake.input.metrics, required=("train_mse", "interp_mse", "extrap_mse", "n_hidden")
)
note = article.fit_note(metrics, criteria)

parts = load_npz(snakemake.input.hidden, required=("x", "contributions", "c", "output"))
with style.styled():
    fig = article.hidden_nodes(
        parts["x"],
        parts["contributions"],
        parts["c"],
        parts["output"],
        data["x"],
        data["y"],
        act,
        target,
        note,
    )
    style.save_figure(fig, snakemake.output.hidden, p.dpi, p.config_hash)

curve = load_npz(snakemake.input.curve, required=("x", "output", "truth", "train_range"))
with style.styled():
    fig = article.extrapolation(
        curve["x"],
        curve["output"],
        curve["truth"],
        curve["train_range"],
        data["x"],
        data["y"],
        metrics["extrap_mse"],
        act,
        metrics["n_hidden"],
        target,
        note,
    )
    style.save_figure(fig, snakemake.output.extrapolation, p.dpi, p.config_hash)

g = p.gif
frames = animation_frames(model, act, p.train_range, g, hidden=g["hidden"])
x = frames.x
# beside the counter there is room for one line: its MSE says how far from a fit
failure = article.fit_failure(metrics, criteria)
fails = f", {failure}" if failure else ""
title = f"{act.label}, {model.params.w.size} hidden nodes{article.fitting(target)}{fails}"
width, height = g["aspect"]
figsize = (6.4, 6.4 * height / width)  # 6.4 inches wide: the text keeps its size in any shape
animation = animate_training(
    frames, target.f(x), target.label, data["x"], data["y"], title, g["fps"], g["dpi"], figsize
)
write_gif(snakemake.output.gif, animation)
write_apng(snakemake.output.apng, animation)
log.info(
    "wrote %s; %s: %d frames, iterations %s",
    ", ".join(snakemake.output),
    act.name,
    frames.iteration.size,
    frames.iteration.tolist(),
)
