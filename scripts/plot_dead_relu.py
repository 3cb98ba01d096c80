"""Rule plot_dead_relu: dead ReLU units during training under each intervention, and the
fit rate of each within each width."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

from nnfit.experiments.causes import LABELS  # noqa: E402
from nnfit.figures import style, summary_figures  # noqa: E402
from nnfit.model.artifacts import load_npz  # noqa: E402

REQUIRED = ("intervention", "width", "fits", "steps", "dead")
batches = [load_npz(path, required=REQUIRED) for path in snakemake.input.runs]
with style.styled():
    fig = summary_figures.dead_relu(batches, LABELS)
    style.save_figure(fig, snakemake.output, snakemake.params.dpi)
