"""The shape-match sweep's training: one activation on one target, width after width."""

import numpy as np

from nnfit.experiments.sweep import run_batch
from nnfit.model.activations import Activation
from nnfit.model.criteria import RELIABLE, Criteria
from nnfit.model.targets import Target
from nnfit.model.training import AdamConfig


def train_widths(
    act: Activation,
    widths,
    seeds,
    x: np.ndarray,
    y: np.ndarray,
    target: Target,
    iterations: int,
    adam: AdamConfig,
    ranges: dict,
    criteria: Criteria,
) -> dict[str, np.ndarray]:
    """Fit counts at each width in increasing order, up to the first width where at least
    RELIABLE of the seeds fit: a wider one cannot change the smallest reliable width, and
    skipping them is most of the sweep's saving. Arrays are (widths trained,)."""
    trained = {"width": [], "fits": [], "extrapolates": [], "diverged": []}
    for width in sorted(widths):
        runs = run_batch(
            act,
            width,
            seeds,
            x,
            y,
            iterations,
            adam,
            ranges["train_range"],
            ranges["extrapolation_range"],
            ranges["grid_points"],
            criteria,
            target.f,
        )
        trained["width"].append(width)
        trained["fits"].append(runs["fits"].sum())
        trained["extrapolates"].append((runs["fits"] & runs["extrapolates"]).sum())
        trained["diverged"].append(runs["diverged"].sum())
        if runs["fits"].mean() >= RELIABLE:
            break
    return {name: np.array(values) for name, values in trained.items()}
