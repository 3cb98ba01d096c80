"""Rule render_explorer: results/explorer.html, every iteration and seed of each network, and
the report's copy, each history at the iterations its training animation shows."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

from nnfit.experiments.sweep import settings_training_sets  # noqa: E402
from nnfit.figures.pacing import animation_frames  # noqa: E402
from nnfit.model.artifacts import atomic_path, load_json, load_model, load_npz  # noqa: E402
from nnfit.model.criteria import Criteria  # noqa: E402
from nnfit.model.targets import from_spec  # noqa: E402
from nnfit.publish.explorer import (  # noqa: E402
    CHROMIUM_MAX_URL,
    data_url_length,
    explorer_data,
    explorer_page,
)

p = snakemake.params
inputs = snakemake.input
models = {name: load_model(path) for name, path in zip(p.activations, inputs.models, strict=True)}
metrics = {name: load_json(path) for name, path in zip(p.activations, inputs.metrics, strict=True)}
batches = {name: load_npz(path) for name, path in zip(p.swept, inputs.batches, strict=True)}
train = load_npz(inputs.data[0], required=("x", "y"))
seeds = p.samples["seeds"]
if seeds:
    seed_x, seed_y = settings_training_sets(p.samples, seeds)  # (seeds, n_samples) each
else:
    seed_x = seed_y = np.empty((0, p.samples["n_samples"]))
shown = (
    models,
    metrics,
    batches,
    (train["x"], train["y"]),
    (seeds, seed_x, seed_y),
    from_spec(p.samples["target"]),
    p.samples["train_range"],
    p.samples["extrapolation_range"],
    p.samples["grid_points"],
    Criteria(**p.criteria),
)
recorded = {
    name: animation_frames(model, model.act(), p.samples["train_range"], p.animation).iteration
    for name, model in models.items()
}
note = (
    "In the report, each network at the iterations its training animation shows; "
    "explorer.html, beside the report in results/, has every iteration."
)
for path, data in (
    (snakemake.output.page, explorer_data(*shown)),
    (snakemake.output.report, explorer_data(*shown, recorded, note)),
):
    output = Path(path)
    with atomic_path(output) as tmp:
        tmp.write_text(explorer_page(data), encoding="utf-8")
    log.info("wrote %s: %d activations, %d bytes", output, len(models), output.stat().st_size)
if data_url_length(Path(snakemake.output.report)) >= CHROMIUM_MAX_URL:
    log.warning(
        "%s is too long for the report to show in Chromium (a data URL over 2 MB): "
        "open results/explorer.html instead, or shorten the animations (figures.gif)",
        snakemake.output.report,
    )
