"""The article's network: h_i = f(w_i x + b_i), y = sum_i v_i h_i + c.

Every function accepts parameters with any leading batch shape ``B`` (one
network: ``B = ()``; a sweep over seeds: ``B = (S,)``), so a single network and
a batch of networks run the same code.
"""

from typing import NamedTuple

import numpy as np

from nnfit.activations import Activation


class Params(NamedTuple):
    w: np.ndarray  # (*B, n_hidden) input weights: frequencies for cos
    b: np.ndarray  # (*B, n_hidden) hidden biases: phases for cos
    v: np.ndarray  # (*B, n_hidden) output weights: amplitudes for cos
    c: np.ndarray  # (*B,) output bias


def preactivation(params: Params, x: np.ndarray) -> np.ndarray:
    """z_i = w_i x + b_i for every sample: (*B, n_samples, n_hidden)."""
    return x[:, None] * params.w[..., None, :] + params.b[..., None, :]


def node_contributions(params: Params, x: np.ndarray, act: Activation) -> np.ndarray:
    """v_i h_i(x): (*B, n_samples, n_hidden); their sum plus c is the output."""
    return act.f(preactivation(params, x)) * params.v[..., None, :]


def forward(params: Params, x: np.ndarray, act: Activation) -> np.ndarray:
    """The network output y(x): (*B, n_samples)."""
    h = act.f(preactivation(params, x))  # (*B, n_samples, n_hidden)
    return (h @ params.v[..., :, None])[..., 0] + params.c[..., None]


def mse(params: Params, x: np.ndarray, y: np.ndarray, act: Activation) -> np.ndarray:
    """Mean squared error against targets y: (*B,)."""
    return np.mean((forward(params, x, act) - y) ** 2, axis=-1)


def mse_and_grad(
    params: Params, x: np.ndarray, y: np.ndarray, act: Activation
) -> tuple[np.ndarray, Params]:
    """The MSE loss (*B,) and its exact gradient with respect to every parameter."""
    z = preactivation(params, x)  # (*B, n_samples, n_hidden)
    h = act.f(z)
    out = (h @ params.v[..., :, None])[..., 0] + params.c[..., None]
    residual = out - y  # (*B, n_samples)
    loss = np.mean(residual**2, axis=-1)

    grad_out = (2.0 / x.shape[0]) * residual  # (*B, n_samples)
    grad_v = (grad_out[..., None, :] @ h)[..., 0, :]  # (*B, n_hidden)
    grad_c = grad_out.sum(axis=-1)
    grad_z = grad_out[..., :, None] * params.v[..., None, :] * act.df(z)
    grad_w = x @ grad_z  # (*B, n_hidden)
    grad_b = grad_z.sum(axis=-2)
    return loss, Params(grad_w, grad_b, grad_v, grad_c)
