"""Rule train_cos_longer: one-node cosine networks trained longer, their fit read at each
step count on the way."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

from nnfit.experiments.causes import longer_training_batch  # noqa: E402
from nnfit.model.artifacts import save_npz  # noqa: E402

batch = longer_training_batch(snakemake.params.settings)
save_npz(snakemake.output[0], **batch)
for steps, fits in zip(batch["checkpoints"], batch["fits"].T, strict=True):
    log.info("after %d steps: %d of %d seeds fit", steps, fits.sum(), fits.size)
