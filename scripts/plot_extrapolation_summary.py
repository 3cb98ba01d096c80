"""Rule plot_extrapolation_summary: which activations extrapolate, over seeds."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

from nnfit.figures import style, summary_figures  # noqa: E402
from nnfit.publish.tables import read_sweep_table  # noqa: E402

p = snakemake.params
table = read_sweep_table(snakemake.input.table, snakemake.params.networks)
with style.styled():
    fig = summary_figures.extrapolation_summary(
        table, p.article_widths, p.extrapolation_threshold, p.extrapolation_factor
    )
    style.save_figure(fig, snakemake.output, p.dpi)
