"""The training set: noisy samples of a target function (nnfit.targets)."""

from collections.abc import Callable

import numpy as np


def sample_training_set(
    rng: np.random.Generator,
    n_samples: int,
    noise_sd: float,
    x_range: tuple[float, float],
    target: Callable[[np.ndarray], np.ndarray],
) -> tuple[np.ndarray, np.ndarray]:
    """x uniform over x_range (sorted), y = target(x) + N(0, noise_sd^2): both (n_samples,)."""
    x = np.sort(rng.uniform(*x_range, n_samples))
    y = target(x) + rng.normal(0.0, noise_sd, n_samples)
    return x, y
