"""Rule sample_data: the noisy sine samples every network is trained on."""

from nnfit.logs import log_to

log = log_to(snakemake.log[0])

from nnfit.artifacts import save_npz  # noqa: E402
from nnfit.data import sample_training_set  # noqa: E402
from nnfit.seeding import data_rng  # noqa: E402

p = snakemake.params
x, y = sample_training_set(data_rng(p.seed), p.n_samples, p.noise_sd, p.train_range)
save_npz(snakemake.output[0], x=x, y=y)
log.info("%d samples over %s, noise sd %g", x.size, p.train_range, p.noise_sd)
