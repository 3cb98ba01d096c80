"""What counts as success, stated once: every rule and claim takes its thresholds from here."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Criteria:
    """What counts as success, stated once and in units of the noise variance."""

    noise_variance: float
    fit_factor: float  # a fit: train MSE within fit_factor x the noise variance
    extrapolation_factor: float  # extrapolates: extrapolation MSE within this x the variance

    @property
    def fit_threshold(self) -> float:
        return self.fit_factor * self.noise_variance

    @property
    def extrapolation_threshold(self) -> float:
        return self.extrapolation_factor * self.noise_variance
