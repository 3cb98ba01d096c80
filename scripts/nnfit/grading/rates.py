"""Success rates over seeds, with the uncertainty that a finite number of seeds leaves.

A rate from 50 seeds is an estimate: ``Rate`` carries its 95% Wilson interval, and its
comparisons with a threshold answer True, False, or None where the interval straddles the
threshold and the seeds cannot tell. ``ClusteredRate`` is a rate over units nested in
networks, ``PairedChange`` the change in a rate when the same seeds run again with one thing
changed.
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


class _IntervalComparisons:
    """Comparisons and text of an estimate with a 95% ``interval``, a ``value`` and ``trials``."""

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


@dataclass(frozen=True)
class Rate(_IntervalComparisons):
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


@dataclass(frozen=True)
class ClusteredRate(_IntervalComparisons):
    """A rate over units nested in clusters (the harmonics of one network): units of one
    cluster succeed or fail together more than independent trials would, so the interval is
    Wilson's at the effective number of trials, the count divided by Kish's design effect
    (the between-cluster variance of the ratio estimate over the binomial one). At 0% or 100%
    there is no variance to compare, and each cluster counts as one trial."""

    successes: tuple[int, ...]  # per cluster
    sizes: tuple[int, ...]  # units per cluster

    @classmethod
    def of(cls, outcomes) -> "ClusteredRate":
        """From a (clusters, units) array of outcomes."""
        outcomes = np.asarray(outcomes, bool)
        if outcomes.ndim != 2 or outcomes.size == 0:
            raise ValueError(f"clustered outcomes must be (clusters, units), not {outcomes.shape}")
        return cls(
            tuple(int(k) for k in outcomes.sum(axis=1)), (outcomes.shape[1],) * len(outcomes)
        )

    @property
    def trials(self) -> int:
        return int(sum(self.sizes))

    @property
    def value(self) -> float:
        return sum(self.successes) / self.trials

    @property
    def effective_trials(self) -> float:
        s, m = np.asarray(self.successes, float), np.asarray(self.sizes, float)
        k, p = len(s), self.value
        if p in (0.0, 1.0) or k < 2:
            return float(k)
        between = k / (k - 1) * np.sum((s - p * m) ** 2) / self.trials**2
        binomial = p * (1 - p) / self.trials
        return float(self.trials / max(1.0, between / binomial))

    @property
    def interval(self) -> tuple[float, float]:
        n = self.effective_trials
        low, high = wilson_interval(self.value * n, n)
        return float(low), float(high)

    def numbers(self) -> dict:
        return super().numbers() | {"clusters": len(self.sizes), "n_eff": self.effective_trials}


def paired_difference_interval(both, gained, lost, neither, z: float = Z95):
    """95% interval of p_after - p_before when every trial is run before and after a change
    (Newcombe 1998, Statistics in Medicine 17:2635, method 10): Wilson intervals of the two
    rates, combined with their correlation phi, continuity-corrected toward 0. Arrays too."""
    both, gained, lost, neither = (np.asarray(k, float) for k in (both, gained, lost, neither))
    n = both + gained + lost + neither
    after, before = (both + gained) / n, (both + lost) / n
    low_a, high_a = wilson_interval(both + gained, n, z)
    low_b, high_b = wilson_interval(both + lost, n, z)
    margins = (both + gained) * (lost + neither) * (both + lost) * (gained + neither)
    cross = both * neither - gained * lost
    corrected = np.where(cross > n / 2, cross - n / 2, np.where(cross < 0, cross, 0.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        phi = np.where(margins > 0, corrected / np.sqrt(margins), 0.0)
    da, ub = after - low_a, high_b - before
    ua, db = high_a - after, before - low_b
    difference = after - before
    low = difference - np.sqrt(np.maximum(da**2 - 2 * phi * da * ub + ub**2, 0.0))
    high = difference + np.sqrt(np.maximum(ua**2 - 2 * phi * ua * db + db**2, 0.0))
    return low, high


@dataclass(frozen=True)
class PairedChange:
    """How a success rate changes when the same seeds run again with one thing changed."""

    both: int  # seeds that succeed before and after
    gained: int  # succeed only after the change
    lost: int  # succeed only before it
    trials: int

    @classmethod
    def of(cls, before, after) -> "PairedChange":
        before, after = np.asarray(before, bool), np.asarray(after, bool)
        if before.shape != after.shape:
            raise ValueError(f"paired outcomes differ in shape: {before.shape}, {after.shape}")
        return cls(
            int(np.sum(before & after)),
            int(np.sum(after & ~before)),
            int(np.sum(before & ~after)),
            int(before.size),
        )

    @property
    def value(self) -> float:
        return (self.gained - self.lost) / self.trials

    @property
    def interval(self) -> tuple[float, float]:
        neither = self.trials - self.both - self.gained - self.lost
        low, high = paired_difference_interval(self.both, self.gained, self.lost, neither)
        return float(low), float(high)

    def raises(self, gain: float) -> bool | None:
        """Does the change raise the rate? False if even the interval's top is below ``gain``
        (any rise is too small to matter), True if its bottom is above 0, else None."""
        low, high = self.interval
        return False if high < gain else True if low > 0 else None

    def within(self, margin: float) -> bool | None:
        """Is the change no larger than ``margin`` either way? True if the whole interval lies
        within +-margin (an equivalence test), False if none of it does, else None."""
        low, high = self.interval
        if -margin <= low and high <= margin:
            return True
        return False if low > margin or high < -margin else None

    def text(self) -> str:
        low, high = self.interval
        return f"{100 * self.value:+.0f} points (95% CI {100 * low:+.0f} to {100 * high:+.0f})"

    def numbers(self) -> dict:
        low, high = self.interval
        return {"change": self.value, "low": low, "high": high, "n": self.trials}


def all_of(*answers: bool | None) -> bool | None:
    """And, where None is 'cannot tell': False wins over None, None over True."""
    return False if False in answers else None if None in answers else True


def any_of(*answers: bool | None) -> bool | None:
    """Or, where None is 'cannot tell': True wins over None, None over False."""
    return True if True in answers else None if None in answers else False
