"""Rule plot_activation: the activation function's curve."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

from nnfit.figures import article, style  # noqa: E402
from nnfit.model.activations import get_activation  # noqa: E402

with style.styled():
    fig = article.activation_curve(
        get_activation(snakemake.wildcards.activation, **snakemake.params.parameters)
    )
    style.save_figure(fig, snakemake.output, snakemake.params.dpi, snakemake.params.config_hash)
log.info("wrote %s", ", ".join(snakemake.output))
