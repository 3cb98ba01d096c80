"""The thresholds of success, in units of the noise variance: every rule and claim uses these."""

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Criteria:
    """What counts as a fit and as extrapolating, for one noise level."""

    noise_variance: float
    fit_factor: float  # a fit: train MSE within fit_factor x the noise variance
    extrapolation_factor: float  # extrapolates: extrapolation MSE within this x the variance

    @property
    def fit_threshold(self) -> float:
        return self.fit_factor * self.noise_variance

    @property
    def extrapolation_threshold(self) -> float:
        return self.extrapolation_factor * self.noise_variance


def wilson_interval(successes: np.ndarray, trials: np.ndarray, z: float = 1.96):
    """95% interval of a success rate; sensible at 0% and 100%, unlike p +- 2 se."""
    p = successes / trials
    centre = (p + z**2 / (2 * trials)) / (1 + z**2 / trials)
    half = z * np.sqrt(p * (1 - p) / trials + z**2 / (4 * trials**2)) / (1 + z**2 / trials)
    return centre - half, centre + half
