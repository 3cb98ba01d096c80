"""Activation functions, each with its exact derivative, in one registry.

Adding an activation is one entry in ``ACTIVATIONS``: the function and its
derivative with respect to the pre-activation ``z``, side by side. An activation
with a parameter (Snake's ``a``) is a factory in ``PARAMETRIC`` as well.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.special import expit

Array = np.ndarray
TWO_PI = 2.0 * np.pi


@dataclass(frozen=True)
class Activation:
    name: str
    f: Callable[[Array], Array]
    df: Callable[[Array], Array]
    label: str  # how figures name it
    formula: str  # mathtext, used in figure titles


def _sigmoid_grad(z):
    s = expit(z)  # scipy's logistic function: exact and overflow-free for any z
    return s * (1.0 - s)


def _relu(z):
    return np.maximum(z, 0.0)


def _relu_grad(z):
    # the kink at z == 0 takes the subgradient 0, as the common frameworks do
    return (z > 0).astype(float)


def _tanh_grad(z):
    return 1.0 - np.tanh(z) ** 2


def _neg_sin(z):
    return -np.sin(z)


def _saw(z):
    # the periodic ReLU: slope 1, period 2 pi (so w = 1 is the sine's frequency)
    return np.mod(z, TWO_PI)


def _saw_grad(z):
    # mod(z, P) = z - P floor(z / P), and floor is constant between its jumps: the
    # derivative is 1 almost everywhere, so the gradient reaches w_i as x and b_i as 1
    return np.ones_like(z)


def snake(a: float = 1.0) -> Activation:
    """Snake, x + sin^2(a x) / a (Ziyin, Hartwig and Ueda, NeurIPS 2020)."""

    def f(z):
        return z + np.sin(a * z) ** 2 / a

    def df(z):
        return 1.0 + np.sin(2.0 * a * z)  # 1 + 2 sin(az) cos(az)

    formula = r"$f(z) = z + \sin^2(z)$" if a == 1 else rf"$f(z) = z + \sin^2({a:g}z) / {a:g}$"
    return Activation("snake", f, df, f"Snake (a = {a:g})", formula)


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation("sigmoid", expit, _sigmoid_grad, "Sigmoid", r"$f(z) = 1 / (1 + e^{-z})$"),
        Activation("relu", _relu, _relu_grad, "ReLU", r"$f(z) = \max(z, 0)$"),
        Activation("tanh", np.tanh, _tanh_grad, "Tanh", r"$f(z) = \tanh(z)$"),
        Activation("cos", np.cos, _neg_sin, "Cosine", r"$f(z) = \cos(z)$"),
        Activation("sin", np.sin, np.cos, "Sine", r"$f(z) = \sin(z)$"),
        Activation(
            "saw", _saw, _saw_grad, "Saw (periodic ReLU)", r"$f(z) = z \ \mathrm{mod}\ 2\pi$"
        ),
        snake(),
    )
}

PARAMETRIC: dict[str, Callable[..., Activation]] = {"snake": snake}


def get_activation(name: str, **options) -> Activation:
    """The named activation; ``options`` set a parametric one's parameters (snake: a)."""
    if name not in ACTIVATIONS:
        known = ", ".join(sorted(ACTIVATIONS))
        raise ValueError(f"unknown activation {name!r}; known: {known}")
    if not options:
        return ACTIVATIONS[name]
    if name not in PARAMETRIC:
        raise ValueError(f"activation {name!r} takes no parameters, got {sorted(options)}")
    return PARAMETRIC[name](**options)
