"""Rule plot_reliability: how often each activation fits, by width, over seeds."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

from nnfit.figures import style, summary_figures  # noqa: E402
from nnfit.publish.tables import read_sweep_table  # noqa: E402

p = snakemake.params
table = read_sweep_table(snakemake.input.table, snakemake.params.networks)
with style.styled():
    fig = summary_figures.reliability(table, p.variants, p.fit_threshold, p.fit_factor)
    style.save_figure(fig, snakemake.output, p.dpi)
