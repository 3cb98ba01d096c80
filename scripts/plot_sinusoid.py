"""Rule plot_sinusoid: the true target (the sine) and the noisy samples the networks see."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

from nnfit.figures import article, style  # noqa: E402
from nnfit.model.artifacts import load_npz  # noqa: E402
from nnfit.model.targets import from_spec  # noqa: E402

p = snakemake.params
data = load_npz(snakemake.input.data, required=("x", "y"))
with style.styled():
    fig = article.sinusoid(data["x"], data["y"], p.train_range, p.noise_sd, from_spec(p.target))
    style.save_figure(fig, snakemake.output, p.dpi, p.config_hash)
log.info("wrote %s", ", ".join(snakemake.output))
