"""Activation functions, each with its exact derivative, in one registry.

Adding an activation is one entry in ``ACTIVATIONS``: the function and its
derivative with respect to the pre-activation ``z``, side by side.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

Array = np.ndarray


@dataclass(frozen=True)
class Activation:
    name: str
    f: Callable[[Array], Array]
    df: Callable[[Array], Array]
    label: str  # how figures name it
    formula: str  # mathtext, used in figure titles


def _sigmoid(z):
    # exp of a non-positive number only, so neither branch overflows for large |z|
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _sigmoid_grad(z):
    s = _sigmoid(z)
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


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation("sigmoid", _sigmoid, _sigmoid_grad, "Sigmoid", r"$f(z) = 1 / (1 + e^{-z})$"),
        Activation("relu", _relu, _relu_grad, "ReLU", r"$f(z) = \max(z, 0)$"),
        Activation("tanh", np.tanh, _tanh_grad, "Tanh", r"$f(z) = \tanh(z)$"),
        Activation("cos", np.cos, _neg_sin, "Cosine", r"$f(z) = \cos(z)$"),
    )
}


def get_activation(name: str) -> Activation:
    try:
        return ACTIVATIONS[name]
    except KeyError:
        known = ", ".join(sorted(ACTIVATIONS))
        raise ValueError(f"unknown activation {name!r}; known: {known}") from None
