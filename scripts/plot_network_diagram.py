"""Rule plot_network_diagram: the article's network figure."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

from nnfit.figures import style  # noqa: E402
from nnfit.figures.diagram import network_diagram  # noqa: E402

with style.styled():
    style.save_figure(
        network_diagram(snakemake.params.n_hidden),
        snakemake.output,
        snakemake.params.dpi,
        snakemake.params.config_hash,
    )
log.info("wrote %s", ", ".join(snakemake.output))
