"""Rule plot_dead_relu: dead ReLU units by width, and whether they explain failed fits."""

from nnfit.logs import log_to

log = log_to(snakemake.log[0])

from nnfit import style, summary_figures  # noqa: E402
from nnfit.tables import read_sweep_table  # noqa: E402

table = read_sweep_table(snakemake.input.table, snakemake.params.networks)
with style.styled():
    fig = summary_figures.dead_relu(table, snakemake.params.fit_threshold)
    style.save_figure(fig, snakemake.output, snakemake.params.dpi)
