"""Targets and the training set: noisy samples of a target function."""

from collections.abc import Callable

import numpy as np


def periodic_target(terms) -> Callable[[np.ndarray], np.ndarray]:
    """Sum of amplitude * sin(frequency * x + phase) over [frequency, amplitude, phase] terms."""
    terms = np.asarray(terms, dtype=float)  # (n_terms, 3)

    def target(x):
        f, a, phase = terms[:, 0], terms[:, 1], terms[:, 2]
        return (a * np.sin(np.multiply.outer(x, f) + phase)).sum(axis=-1)

    return target


def sample_training_set(
    rng: np.random.Generator,
    n_samples: int,
    noise_sd: float,
    x_range: tuple[float, float],
    target: Callable[[np.ndarray], np.ndarray] = np.sin,
) -> tuple[np.ndarray, np.ndarray]:
    """x uniform over x_range (sorted), y = target(x) + N(0, noise_sd^2): both (n_samples,)."""
    x = np.sort(rng.uniform(*x_range, n_samples))
    y = target(x) + rng.normal(0.0, noise_sd, n_samples)
    return x, y
