"""Rule plot_activations: each activation function's curve. One job draws them all:
importing matplotlib takes longer than drawing a curve."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

from nnfit.figures import article, style  # noqa: E402
from nnfit.model.activations import get_activation  # noqa: E402

p = snakemake.params
for name, parameters in p.parameters.items():
    paths = getattr(snakemake.output, name)
    with style.styled():
        fig = article.activation_curve(get_activation(name, **parameters))
        style.save_figure(fig, paths, p.dpi, p.config_hash[name])
    log.info("wrote %s", ", ".join(paths))
