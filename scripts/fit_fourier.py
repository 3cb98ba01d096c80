"""Rule fit_fourier: cosine networks fit to a target with several harmonics, each seed
on its own draw of the data."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

from nnfit.experiments.fourier_fit import fit_cosine_series  # noqa: E402
from nnfit.model.artifacts import save_npz  # noqa: E402
from nnfit.model.criteria import Criteria  # noqa: E402
from nnfit.model.data import seed_training_sets  # noqa: E402
from nnfit.model.targets import harmonic_sum  # noqa: E402
from nnfit.model.training import AdamConfig  # noqa: E402

p = snakemake.params
target = harmonic_sum(p.terms)
x, y = seed_training_sets(p.seeds, p.n_samples, p.noise_sd, p.train_range, target)
adam = AdamConfig(**p.adam)
result = fit_cosine_series(
    x,
    y,
    target,
    p.seeds,
    p.n_hidden,
    p.iterations,
    adam,
    Criteria(**p.criteria),
    p.train_range,
    p.grid_points,
)
save_npz(snakemake.output[0], **result, x=x, y=y)
log.info("%d of %d cosine networks fit %r", result["fits"].sum(), len(p.seeds), p.target)
