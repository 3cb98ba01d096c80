"""Analytic gradients against central finite differences, an independent reference."""

import numpy as np
import pytest

from nnfit.activations import ACTIVATIONS
from nnfit.network import Params, mse, mse_and_grad

STEP = 1e-6


def relative_error(analytic, numeric):
    return np.max(np.abs(analytic - numeric) / np.maximum(1e-8, np.abs(numeric) + np.abs(analytic)))


def away_from_kinks(z, step):
    """Nudge pre-activations off ReLU's kink: finite differences across it are meaningless."""
    return np.where(np.abs(z) < 1e3 * step, 1e3 * step * np.where(z < 0, -1, 1), z)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activation_derivative_matches_finite_differences(name):
    act = ACTIVATIONS[name]
    z = away_from_kinks(np.linspace(-6, 6, 241), STEP)
    numeric = (act.f(z + STEP) - act.f(z - STEP)) / (2 * STEP)
    assert relative_error(act.df(z), numeric) < 1e-6


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_loss_gradient_matches_finite_differences(name):
    act = ACTIVATIONS[name]
    rng = np.random.default_rng(1)
    n_hidden = 7
    x = np.linspace(-3, 3, 30)
    y = np.sin(x) + rng.normal(0, 0.1, x.size)
    params = Params(*(rng.normal(0, 1, n_hidden) for _ in range(3)), np.array(0.3))
    # ReLU's loss is not differentiable where a sample sits on a kink; this draw has none near
    z = x[:, None] * params.w + params.b
    assert np.abs(z).min() > 1e3 * STEP

    _, grads = mse_and_grad(params, x, y, act)
    for field in Params._fields:
        value = getattr(params, field)
        numeric = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            shifted = []
            for sign in (1, -1):
                nudged = value.copy()
                nudged[index] += sign * STEP
                shifted.append(mse(params._replace(**{field: nudged}), x, y, act))
            numeric[index] = (shifted[0] - shifted[1]) / (2 * STEP)
        assert relative_error(getattr(grads, field), numeric) < 1e-6, field


def test_relu_takes_the_zero_subgradient_at_its_kink():
    relu = ACTIVATIONS["relu"]
    assert relu.df(np.array([0.0]))[0] == 0.0
    assert relu.df(np.array([-1e-300, 1e-300])).tolist() == [0.0, 1.0]


def test_sigmoid_is_finite_and_exact_for_large_inputs():
    sigmoid = ACTIVATIONS["sigmoid"]
    z = np.array([-1e4, -745.0, -40.0, 0.0, 40.0, 1e4])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        values = sigmoid.f(z)
        slopes = sigmoid.df(z)
    assert np.all(np.isfinite(values)) and np.all(np.isfinite(slopes))
    assert values[0] == 0.0 and values[-1] == 1.0 and values[3] == 0.5
    np.testing.assert_allclose(values[2], np.exp(-40.0), rtol=1e-12)
