"""Rule plot_snake_a: the effect of Snake's a on fitting, extrapolating and drifting."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

from nnfit.figures import style, summary_figures  # noqa: E402
from nnfit.publish.tables import read_sweep_table  # noqa: E402

p = snakemake.params
table = read_sweep_table(snakemake.input.table, snakemake.params.networks)
with style.styled():
    fig = summary_figures.snake_a(table, p.variants, p.width)
    style.save_figure(fig, snakemake.output, p.dpi)
