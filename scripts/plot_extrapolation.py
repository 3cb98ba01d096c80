"""Rule plot_extrapolation: the network far outside its training range, against the target."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

from nnfit.figures import article, style  # noqa: E402
from nnfit.model.activations import get_activation  # noqa: E402
from nnfit.model.artifacts import load_json, load_npz  # noqa: E402
from nnfit.model.criteria import Criteria  # noqa: E402
from nnfit.model.targets import from_spec  # noqa: E402

curve = load_npz(snakemake.input.curve, required=("x", "output", "truth", "train_range"))
data = load_npz(snakemake.input.data, required=("x", "y"))
metrics = load_json(snakemake.input.metrics, required=("extrap_mse", "n_hidden", "train_mse"))
with style.styled():
    fig = article.extrapolation(
        curve["x"],
        curve["output"],
        curve["truth"],
        curve["train_range"],
        data["x"],
        data["y"],
        metrics["extrap_mse"],
        get_activation(snakemake.wildcards.activation, **snakemake.params.parameters),
        metrics["n_hidden"],
        from_spec(snakemake.params.target),
        article.fit_note(metrics, Criteria(**snakemake.params.criteria)),
    )
    style.save_figure(fig, snakemake.output, snakemake.params.dpi, snakemake.params.config_hash)
log.info("wrote %s", ", ".join(snakemake.output))
