"""Rule plot_hidden_nodes: each node's v_i h_i(x) and the network output they sum to."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

from nnfit.figures import article, style  # noqa: E402
from nnfit.model.activations import get_activation  # noqa: E402
from nnfit.model.artifacts import load_json, load_npz  # noqa: E402
from nnfit.model.criteria import Criteria  # noqa: E402
from nnfit.model.targets import from_spec  # noqa: E402

parts = load_npz(snakemake.input.hidden, required=("x", "contributions", "c", "output"))
data = load_npz(snakemake.input.data, required=("x", "y"))
metrics = load_json(snakemake.input.metrics, required=("train_mse",))
with style.styled():
    fig = article.hidden_nodes(
        parts["x"],
        parts["contributions"],
        parts["c"],
        parts["output"],
        data["x"],
        data["y"],
        get_activation(snakemake.wildcards.activation, **snakemake.params.parameters),
        from_spec(snakemake.params.target),
        article.fit_note(metrics, Criteria(**snakemake.params.criteria)),
    )
    style.save_figure(fig, snakemake.output, snakemake.params.dpi, snakemake.params.config_hash)
log.info("wrote %s", ", ".join(snakemake.output))
