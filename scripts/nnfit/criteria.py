"""The thresholds of success, in units of the noise variance: every rule and claim uses these."""

from dataclasses import dataclass


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
