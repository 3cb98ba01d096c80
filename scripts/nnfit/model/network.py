"""The article's network: h_i = f(w_i x + b_i), y = sum_i v_i h_i + c.

Every function accepts parameters with any leading batch shape ``B`` (one
network: ``B = ()``; a sweep over seeds: ``B = (S,)``), so a single network and
a batch of networks run the same code.
"""

from typing import NamedTuple

import numpy as np

from nnfit.model.activations import Activation


class Params(NamedTuple):
    w: np.ndarray  # (*B, n_hidden) input weights: frequencies for cos
    b: np.ndarray  # (*B, n_hidden) hidden biases: phases for cos
    v: np.ndarray  # (*B, n_hidden) output weights: amplitudes for cos
    c: np.ndarray  # (*B,) output bias


def preactivation(params: Params, x: np.ndarray) -> np.ndarray:
    """z_i = w_i x + b_i for every sample: (*B, n_samples, n_hidden). ``x`` is one set of
    samples (n_samples,) or one per network (*B, n_samples)."""
    return x[..., :, None] * params.w[..., None, :] + params.b[..., None, :]


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


def pack(params: Params, dtype=np.float64) -> np.ndarray:
    """All parameters in one array (*B, 3 n_hidden + 1): w, b, v and c side by side."""
    return np.concatenate(
        [params.w, params.b, params.v, np.asarray(params.c)[..., None]], axis=-1, dtype=dtype
    )


def unpack(theta: np.ndarray) -> Params:
    """Views of w, b, v and c in a packed array."""
    n = (theta.shape[-1] - 1) // 3
    c = theta[..., 3 * n :].reshape(theta.shape[:-1])
    return Params(theta[..., :n], theta[..., n : 2 * n], theta[..., 2 * n : 3 * n], c)
