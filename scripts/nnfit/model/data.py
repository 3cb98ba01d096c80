"""The training set: noisy samples of a target function (nnfit.model.targets)."""

from collections.abc import Callable

import numpy as np

from nnfit.model.seeding import data_rng


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


def seed_training_sets(
    seeds, n_samples: int, noise_sd: float, x_range, target: Callable[[np.ndarray], np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """Each seed's own training set, drawn as the article's is from the config seed: x and y
    (seeds, n_samples). A rate over seeds is then a rate of the whole procedure (data and
    initialisation), not of one set of 50 points."""
    draws = [
        sample_training_set(data_rng(seed), n_samples, noise_sd, x_range, target) for seed in seeds
    ]
    x, y = (np.stack(column) for column in zip(*draws, strict=True))
    return x, y
