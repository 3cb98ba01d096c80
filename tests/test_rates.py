"""Rates over seeds and their intervals, against scipy's binomial test as the reference."""

import numpy as np
import pytest
from scipy.stats import binomtest, multinomial

from nnfit.grading.rates import (
    ClusteredRate,
    PairedChange,
    Rate,
    all_of,
    any_of,
    paired_difference_interval,
    wilson_interval,
)


@pytest.mark.parametrize(("k", "n"), [(0, 50), (1, 50), (25, 50), (45, 50), (50, 50), (3, 7)])
def test_the_interval_is_scipys_wilson_interval(k, n):
    reference = binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
    np.testing.assert_allclose(Rate(k, n).interval, (reference.low, reference.high), atol=1e-12)


def test_intervals_of_arrays_are_those_of_each_rate():
    low, high = wilson_interval(np.array([0, 10, 20]), np.array([20, 20, 20]))
    for k in range(3):
        np.testing.assert_allclose((low[k], high[k]), Rate(10 * k, 20).interval, atol=1e-15)


def test_a_comparison_the_interval_cannot_decide_answers_none():
    assert Rate(50, 50).at_least(0.9) is True  # 93%-100%
    assert Rate(30, 50).at_least(0.9) is False
    assert Rate(45, 50).at_least(0.9) is None and Rate(45, 50).below(0.9) is None
    assert Rate(0, 650).below(0.05) is True


def test_three_valued_and_or():
    assert all_of(True, None) is None and all_of(False, None) is False and all_of(True, True)
    assert any_of(False, None) is None and any_of(True, None) is True and not any_of(False)


def paired_tables(n: int):
    """Every paired table of n trials: (both, gained, lost, neither) counts, each (tables,)."""
    both, gained, lost = np.meshgrid(*[np.arange(n + 1)] * 3, indexing="ij")
    keep = both + gained + lost <= n
    both, gained, lost = both[keep], gained[keep], lost[keep]
    return both, gained, lost, n - both - gained - lost


@pytest.mark.parametrize(
    "cells",  # probabilities of (both, gained, lost, neither): a seed's two outcomes
    [
        (0.65, 0.05, 0.05, 0.25),
        (0.6, 0.15, 0.02, 0.23),
        (0.45, 0.1, 0.1, 0.35),
        (0.9, 0.05, 0, 0.05),
    ],
)
def test_the_paired_interval_covers_the_true_change_about_95_percent_of_the_time(cells):
    # exact coverage over every table 50 paired seeds can give, weighted by its probability
    n = 50
    tables = paired_tables(n)
    probability = multinomial(n, cells).pmf(np.stack(tables, axis=-1))
    low, high = paired_difference_interval(*tables)
    truth = cells[1] - cells[2]
    coverage = probability[(low <= truth) & (truth <= high)].sum()
    assert probability.sum() == pytest.approx(1.0)
    assert coverage >= 0.93  # never much below its 95%; above, it is only cautious


def test_a_paired_change_counts_each_seeds_two_outcomes():
    before = np.array([1, 1, 0, 0, 1], bool)
    after = np.array([1, 0, 1, 1, 1], bool)
    change = PairedChange.of(before, after)
    assert (change.both, change.gained, change.lost, change.trials) == (2, 2, 1, 5)
    assert change.value == pytest.approx(0.2)
    low, high = change.interval
    assert -1 <= low < change.value < high <= 1


def test_a_change_raises_a_rate_only_where_its_interval_says_so():
    assert PairedChange(30, 12, 0, 50).raises(0.1) is True  # +24 points, all of it above 0
    assert PairedChange(40, 0, 0, 50).raises(0.1) is False  # no seed changed: -7 to +7
    assert PairedChange(30, 4, 1, 50).raises(0.1) is None  # +6, from below 0 to above 10


def test_a_change_is_no_effect_only_where_its_whole_interval_lies_within_the_margin():
    assert PairedChange(190, 5, 5, 400).within(0.05) is True  # 0 points: -2 to +2
    assert PairedChange(20, 1, 0, 50).within(0.05) is None  # +2 points, but -3 to +7
    assert PairedChange(300, 0, 40, 400).within(0.05) is False  # -10 points: -13 to -7
    low, high = PairedChange(190, 5, 5, 400).interval
    assert PairedChange(190, 5, 5, 400).within(max(-low, high)) is True  # the edges belong


def test_clusters_of_one_unit_are_independent_trials():
    outcomes = (np.arange(40) % 3 == 0)[:, None]  # 40 networks of one unit each
    clustered, plain = ClusteredRate.of(outcomes), Rate.of(outcomes)
    assert clustered.value == plain.value and clustered.trials == 40
    assert 39 <= clustered.effective_trials <= 40
    assert clustered.interval == pytest.approx(plain.interval, abs=0.01)


def test_units_that_always_agree_within_a_cluster_count_once_per_cluster():
    outcomes = np.repeat((np.arange(12) < 8)[:, None], 3, axis=1)  # 12 networks x 3 units
    clustered = ClusteredRate.of(outcomes)
    assert clustered.effective_trials == pytest.approx(11)  # k - 1, Kish's estimate
    low, high = clustered.interval
    naive_low, naive_high = Rate.of(outcomes).interval
    assert low < naive_low and high > naive_high
    assert ClusteredRate.of(np.ones((10, 3), bool)).effective_trials == 10  # 100%: per network


def test_the_clustered_interval_covers_a_correlated_rate_where_the_naive_one_does_not():
    # 10 networks of 3 units; a network's units share its own success probability, drawn
    # from Beta(0.7, 0.3) (mean 70%, strongly correlated within a network)
    rng = np.random.default_rng(7)
    covered = {"clustered": 0, "naive": 0}
    repeats = 2000
    for _ in range(repeats):
        p = rng.beta(0.7, 0.3, size=10)
        outcomes = rng.random((10, 3)) < p[:, None]
        for name, rate in (("clustered", ClusteredRate.of(outcomes)), ("naive", Rate.of(outcomes))):
            low, high = rate.interval
            covered[name] += low <= 0.7 <= high
    assert covered["clustered"] / repeats >= 0.9
    assert covered["naive"] / repeats < covered["clustered"] / repeats - 0.05
