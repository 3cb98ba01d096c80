"""Rule train_snake_paper: one Snake network in its authors' setting
(nnfit.experiments.snake_paper)."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

from nnfit.experiments.snake_paper import run_seed  # noqa: E402
from nnfit.model.artifacts import save_npz  # noqa: E402

p = snakemake.params
run = run_seed(int(snakemake.wildcards.seed), p.iterations, p.noise_sd, p.grid_points)
save_npz(snakemake.output[0], **run)
log.info(
    "seed %s: train MSE %.3g, beyond the data %.3g",
    run["seed"],
    run["train_mse"],
    run["extrap_mse"],
)
