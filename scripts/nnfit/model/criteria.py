"""The thresholds of success, in units of the noise variance, and of an effect worth a cause:
every rule and claim uses these."""

from dataclasses import dataclass

import numpy as np

# "Reliably" means at least 90% of seeds, "sometimes" at least half: fixed before any sweep ran.
RELIABLE = 0.9
SOMETIMES = 0.5


@dataclass(frozen=True)
class Criteria:
    """What counts as a fit and as extrapolating, for one noise level."""

    noise_variance: float
    fit_factor: float  # a fit: train MSE within fit_factor x the noise variance
    extrapolation_factor: float  # extrapolates: extrapolation MSE within this x the variance
    # and its MSE against the noiseless target on the training range within this x the
    # variance: a network that memorises the noise meets the first test, not this one
    function_factor: float

    @property
    def fit_threshold(self) -> float:
        return self.fit_factor * self.noise_variance

    @property
    def function_threshold(self) -> float:
        return self.function_factor * self.noise_variance

    def fits(self, train_mse, function_mse):
        """A fit: near the samples *and* near the function they were drawn from."""
        return (np.asarray(train_mse) <= self.fit_threshold) & (
            np.asarray(function_mse) <= self.function_threshold
        )

    def memorises(self, train_mse, function_mse):
        """Near the samples but not near the function: the noise learnt as if it were signal."""
        return (np.asarray(train_mse) <= self.fit_threshold) & ~(
            np.asarray(function_mse) <= self.function_threshold
        )

    def extrapolates(self, extrap_mse):
        return np.asarray(extrap_mse) <= self.extrapolation_threshold

    @property
    def extrapolation_threshold(self) -> float:
        return self.extrapolation_factor * self.noise_variance


# A cause the article names explains failures only if removing it raises the fit rate by
# at least this much (a tenth of the seeds); a change whose whole 95% interval lies below it
# does not explain them. Fixed before the interventions ran.
MEANINGFUL_GAIN = 0.1

# A change counts as no effect only if its whole 95% interval lies within +-5 points (an
# equivalence margin, half the gain that would matter). Fixed before the verdicts used it.
EQUIVALENCE_MARGIN = 0.05
