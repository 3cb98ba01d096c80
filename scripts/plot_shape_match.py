"""Rule plot_shape_match: the activation x target heatmap of the smallest reliable width."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

from nnfit.figures import style  # noqa: E402
from nnfit.figures.shape_figures import shape_match_heatmap  # noqa: E402
from nnfit.model.criteria import RELIABLE  # noqa: E402
from nnfit.publish.tables import read_table  # noqa: E402

p = snakemake.params
table = read_table(snakemake.input.table)
with style.styled():
    fig = shape_match_heatmap(table, p.activations, p.targets, max(p.widths), RELIABLE)
    style.save_figure(fig, snakemake.output, p.dpi)
log.info("wrote %s", ", ".join(snakemake.output))
