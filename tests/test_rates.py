"""Rates over seeds and their intervals, against scipy's binomial test as the reference."""

import numpy as np
import pytest
from scipy.stats import binomtest

from nnfit.rates import Rate, all_of, any_of, wilson_interval


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
