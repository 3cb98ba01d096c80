"""Analytic gradients against finite differences, an independent reference."""

import numpy as np
import pytest

from nnfit.model.activations import ACTIVATIONS, TWO_PI, Activation, get_activation
from nnfit.model.network import Params, mse
from nnfit.model.training import mse_and_grad

STEP = 1e-4  # five-point stencil: truncation ~STEP^4, round-off ~1e-16 |f| / STEP
MARGIN = 5 * STEP  # the stencil must not straddle a kink
# The stencil's round-off is about 1e-12 for values of order one: an absolute floor far above
# it, so that a derivative passing through zero (any smooth activation's) needs no special case.
RTOL, ATOL = 1e-6, 1e-9

CASES = [(name, {}) for name in sorted(ACTIVATIONS)] + [
    ("snake", {"a": 0.5}),
    ("snake", {"a": 5.0}),
    ("leaky_relu", {"slope": 0.2}),
    ("leaky_relu", {"slope": 0.0}),  # ReLU itself
]
IDS = [name + "".join(f"-{k}{v:g}" for k, v in parameters.items()) for name, parameters in CASES]


def derivative(function, z):
    h = STEP
    return (
        -function(z + 2 * h) + 8 * function(z + h) - 8 * function(z - h) + function(z - 2 * h)
    ) / (12 * h)


@pytest.mark.parametrize(("name", "parameters"), CASES, ids=IDS)
def test_activation_derivative_matches_finite_differences(name, parameters):
    act = get_activation(name, **parameters)
    z = np.linspace(-6.5, 6.5, 261)  # past 2 pi, where the saw jumps
    if act.kink_distance is not None:
        z = z[act.kink_distance(z) > MARGIN]
    np.testing.assert_allclose(act.df(z), derivative(act.f, z), rtol=RTOL, atol=ATOL)


@pytest.mark.parametrize(("name", "parameters"), CASES, ids=IDS)
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_value_and_slope_in_one_pass_equal_f_and_df(name, parameters, dtype):
    act = get_activation(name, **parameters)
    z = np.linspace(-800, 800, 4001, dtype=dtype)  # far past where e^-z overflows
    value, slope = np.empty_like(z), np.empty_like(z)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        act.value_and_slope(z, value, slope)
    tolerance = {np.float64: 1e-14, np.float32: 1e-6}[dtype]
    gap = value - act.f(z)
    if act.name == "saw":
        # the saw's one-pass form rounds like z itself (to an ulp of |z|), and the two
        # sides of a jump are the same point of the period
        gap = np.mod(gap + np.pi, TWO_PI) - np.pi
        assert np.all(np.abs(gap) <= 4 * np.finfo(dtype).eps * np.maximum(np.abs(z), TWO_PI))
    else:
        scale = np.maximum(np.abs(act.f(z)), 1.0)  # Snake's f(0) = 0: compare absolutely
        np.testing.assert_array_less(np.abs(gap) / scale, tolerance)
    np.testing.assert_allclose(slope, act.df(z), rtol=tolerance, atol=tolerance)
    assert value.dtype == slope.dtype == dtype


@pytest.mark.parametrize("name", ["cos", "sin", "snake"])
def test_a_periodic_value_does_not_depend_on_where_its_element_sits(name):
    # batched and one-at-a-time training agree exactly only if an element's sin and cos
    # are the same in a long array (vector calls) as in a short one (the padded tail)
    act = get_activation(name)
    z = np.random.default_rng(0).uniform(-50.0, 50.0, 103)
    value, slope = np.empty_like(z), np.empty_like(z)
    act.value_and_slope(z, value, slope)
    for start, size in [(0, 1), (1, 3), (5, 4), (98, 5), (10, 9)]:
        part = z[start : start + size].copy()
        part_value, part_slope = np.empty_like(part), np.empty_like(part)
        act.value_and_slope(part, part_value, part_slope)
        np.testing.assert_array_equal(part_value, value[start : start + size])
        np.testing.assert_array_equal(part_slope, slope[start : start + size])


def test_an_activation_without_a_one_pass_form_falls_back_to_f_and_df():
    plain = Activation("plain", np.sin, np.cos, "Plain", "$f$", "black", "Math.sin(z)")
    z = np.linspace(-3, 3, 7)
    value, slope = np.empty_like(z), np.empty_like(z)
    plain.value_and_slope(z, value, slope)
    np.testing.assert_array_equal(value, np.sin(z))
    np.testing.assert_array_equal(slope, np.cos(z))


@pytest.mark.parametrize(("name", "parameters"), CASES, ids=IDS)
def test_loss_gradient_matches_finite_differences(name, parameters):
    act = get_activation(name, **parameters)
    rng = np.random.default_rng(1)
    n_hidden = 7
    x = np.linspace(-3, 3, 30)
    y = np.sin(x) + rng.normal(0, 0.1, x.size)
    params = Params(*(rng.normal(0, 1, n_hidden) for _ in range(3)), np.array(0.3))
    if act.kink_distance is not None:
        # the loss is smooth around params only if no sample sits near a kink; this draw has none
        z = x[:, None] * params.w + params.b
        assert act.kink_distance(z).min() > 4 * MARGIN

    _, grads = mse_and_grad(params, x, y, act)
    for field in Params._fields:
        numeric = numeric_gradient(params, field, x, y, act)
        np.testing.assert_allclose(
            getattr(grads, field), numeric, rtol=RTOL, atol=ATOL, err_msg=field
        )


def numeric_gradient(params, field, x, y, act):
    value = getattr(params, field)
    numeric = np.zeros_like(value)
    for index in np.ndindex(value.shape):
        unit = np.zeros_like(value)
        unit[index] = 1.0

        def loss(shift, unit=unit):
            return mse(params._replace(**{field: value + shift * unit}), x, y, act)

        numeric[index] = derivative(np.vectorize(loss), np.array(0.0))
    return numeric


def test_relu_takes_the_zero_subgradient_at_its_kink():
    relu = ACTIVATIONS["relu"]
    assert relu.df(np.array([0.0]))[0] == 0.0
    assert relu.df(np.array([-1e-300, 1e-300])).tolist() == [0.0, 1.0]


def test_saw_is_periodic_with_unit_slope_between_its_jumps():
    saw = ACTIVATIONS["saw"]
    z = np.linspace(-20, 20, 1001)
    np.testing.assert_allclose(saw.f(z + TWO_PI), saw.f(z), atol=1e-12)
    assert saw.f(z).min() >= 0 and saw.f(z).max() < TWO_PI
    inside = saw.kink_distance(z) > 0.1  # np.gradient's stencil stays off the jumps
    np.testing.assert_allclose(np.gradient(saw.f(z), z)[inside][1:-1], 1.0, atol=1e-9)


def test_sigmoid_is_finite_and_exact_for_large_inputs():
    sigmoid = ACTIVATIONS["sigmoid"]
    z = np.array([-1e4, -745.0, -40.0, 0.0, 40.0, 1e4])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        values = sigmoid.f(z)
        slopes = sigmoid.df(z)
    assert np.all(np.isfinite(values)) and np.all(np.isfinite(slopes))
    assert values[0] == 0.0 and values[-1] == 1.0 and values[3] == 0.5
    np.testing.assert_allclose(values[2], np.exp(-40.0), rtol=1e-12)


def test_parameters_go_only_to_parametric_activations():
    assert get_activation("snake", a=3.0).f(np.array([0.5])) == pytest.approx(
        0.5 + np.sin(1.5) ** 2 / 3
    )
    with pytest.raises(ValueError, match="'relu' takes no parameters"):
        get_activation("relu", a=1.0)
