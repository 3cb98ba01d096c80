"""Rule train_network: one network per activation, with its full training history."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

from nnfit.model.activations import get_activation  # noqa: E402
from nnfit.model.artifacts import TrainedModel, load_npz, save_model  # noqa: E402
from nnfit.model.seeding import init_rng  # noqa: E402
from nnfit.model.training import AdamConfig, init_params, train  # noqa: E402

t = snakemake.params.network
data = load_npz(snakemake.input.data, required=("x", "y"))
act = get_activation(snakemake.wildcards.activation, **snakemake.params.parameters)
adam = AdamConfig(lr=t["lr"], beta1=t["beta1"], beta2=t["beta2"], eps=t["eps"])
initial = init_params(init_rng(t["seed"], act.name), t["n_hidden"])
result = train(initial, data["x"], data["y"], act, t["iterations"], adam, record_history=True)
save_model(
    snakemake.output[0],
    TrainedModel(
        result.params, result.history, result.loss, act.name, adam.lr, snakemake.params.parameters
    ),
)
log.info(
    "%s, %d hidden nodes, lr %g: MSE %.5f -> %.5f after %d iterations",
    act.name,
    t["n_hidden"],
    adam.lr,
    result.loss[0],
    result.loss[-1],
    t["iterations"],
)
