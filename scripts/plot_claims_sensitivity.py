"""Rule plot_claims_sensitivity: every verdict under each threshold setting."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

from nnfit.figures import style, summary_figures  # noqa: E402
from nnfit.grading.sensitivity import SENSITIVITY_COLUMNS  # noqa: E402
from nnfit.publish.tables import read_table  # noqa: E402

table = read_table(
    snakemake.input.table, SENSITIVITY_COLUMNS, text_columns=("claim", "setting", "verdict")
)
with style.styled():
    fig = summary_figures.claims_sensitivity(table)
    style.save_figure(fig, snakemake.output, snakemake.params.dpi)
