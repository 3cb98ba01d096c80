"""Success rates over seeds, with the uncertainty that a finite number of seeds leaves.

A rate from 50 seeds is an estimate: ``Rate`` carries its 95% Wilson interval, and its
comparisons with a threshold answer True, False, or None where the interval straddles the
threshold and the seeds cannot tell.
"""

from dataclasses import dataclass

import numpy as np

Z95 = 1.959963984540054  # the standard normal's 97.5% quantile


def wilson_interval(successes, trials, z: float = Z95):
    """95% interval of a success rate, for arrays too; sensible at 0% and 100%, unlike the
    normal approximation p +- 2 se."""
    successes, trials = np.asarray(successes, float), np.asarray(trials, float)
    p = successes / trials
    centre = (p + z**2 / (2 * trials)) / (1 + z**2 / trials)
    half = z * np.sqrt(p * (1 - p) / trials + z**2 / (4 * trials**2)) / (1 + z**2 / trials)
    return centre - half, centre + half


@dataclass(frozen=True)
class Rate:
    successes: int
    trials: int

    @classmethod
    def of(cls, outcomes) -> "Rate":
        outcomes = np.asarray(outcomes, bool)
        return cls(int(outcomes.sum()), int(outcomes.size))

    @property
    def value(self) -> float:
        return self.successes / self.trials

    @property
    def interval(self) -> tuple[float, float]:
        low, high = wilson_interval(self.successes, self.trials)
        return float(low), float(high)

    def at_least(self, threshold: float) -> bool | None:
        """True if the whole interval reaches the threshold, False if none of it does."""
        low, high = self.interval
        return True if low >= threshold else False if high < threshold else None

    def below(self, threshold: float) -> bool | None:
        reaches = self.at_least(threshold)
        return None if reaches is None else not reaches

    def text(self) -> str:
        low, high = self.interval
        return f"{self.value:.0%} (95% CI {low:.0%}-{high:.0%})"

    def numbers(self) -> dict:
        low, high = self.interval
        return {"rate": self.value, "low": low, "high": high, "n": self.trials}


def all_of(*answers: bool | None) -> bool | None:
    """And, where None is 'cannot tell': False wins over None, None over True."""
    return False if False in answers else None if None in answers else True


def any_of(*answers: bool | None) -> bool | None:
    """Or, where None is 'cannot tell': True wins over None, None over False."""
    return True if True in answers else None if None in answers else False
