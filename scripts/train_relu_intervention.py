"""Rule train_relu_intervention: ReLU networks of one width under one intervention (the
default initialisation, no unit dead at the start, leaky ReLU), the dead units counted as
they train."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

from nnfit.experiments.causes import intervention_batch  # noqa: E402
from nnfit.model.artifacts import save_npz  # noqa: E402

wildcards = snakemake.wildcards
batch = intervention_batch(snakemake.params.settings, wildcards.intervention, int(wildcards.width))
save_npz(snakemake.output[0], **batch)
log.info(
    "%s, width %s: %d seeds, %.0f%% fit, %.1f%% of units dead at the start, %.1f%% at the end",
    wildcards.intervention,
    wildcards.width,
    batch["seed"].size,
    100 * batch["fits"].mean(),
    100 * batch["dead"][:, 0].mean(),
    100 * batch["dead"][:, -1].mean(),
)
