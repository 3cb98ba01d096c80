"""Rule plot_activation: the activation function's curve."""

from nnfit.logs import log_to

log = log_to(snakemake.log[0])

from nnfit import figures, style  # noqa: E402
from nnfit.activations import get_activation  # noqa: E402

with style.styled():
    fig = figures.activation_curve(
        get_activation(snakemake.wildcards.activation, **snakemake.params.parameters)
    )
    style.save_figure(fig, snakemake.output, snakemake.params.dpi, snakemake.params.config_hash)
log.info("wrote %s", ", ".join(snakemake.output))
