"""Rule sample_data: the noisy samples of the target that the networks are trained on."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

from nnfit.model.artifacts import save_npz  # noqa: E402
from nnfit.model.data import sample_training_set  # noqa: E402
from nnfit.model.seeding import data_rng  # noqa: E402
from nnfit.model.targets import from_spec  # noqa: E402

p = snakemake.params
target = from_spec(p.target)
x, y = sample_training_set(data_rng(p.seed), p.n_samples, p.noise_sd, p.train_range, target.f)
save_npz(snakemake.output[0], x=x, y=y)
log.info("%d samples of %s over %s, noise sd %g", x.size, target.name, p.train_range, p.noise_sd)
