"""Rule plot_convergence: loss against iteration over seeds, at the article's widths."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

from nnfit.figures import style, summary_figures  # noqa: E402
from nnfit.model.artifacts import load_npz  # noqa: E402

curves = {}
for name, path in zip(snakemake.params.names, snakemake.input.runs, strict=True):
    batch = load_npz(path, required=("loss", "width"))
    curves[name] = (int(batch["width"]), batch["loss"])
with style.styled():
    fig = summary_figures.convergence(curves, snakemake.params.fit_threshold)
    style.save_figure(fig, snakemake.output, snakemake.params.dpi)
