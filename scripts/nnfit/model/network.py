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


class LossGradient:
    """The MSE of a batch of networks on one training set (x, y: (n_samples,)) or one set
    each (x, y: (*B, n_samples)), and its exact gradient.

    Works on packed parameters (``pack``) and reuses its buffers every step. Each sum
    over samples or nodes is one batched matmul: z = [x 1] @ [w; b], the output
    h @ v, and the gradient with respect to w and b is [g x; g] @ f'(z) times v,
    where g is dL/dy, so no (*B, n_samples, n_hidden) tensor of per-sample gradients
    is ever built.
    """

    def __init__(self, x, y, act: Activation, batch: tuple, n_hidden: int, dtype=np.float64):
        n_samples = x.shape[-1]
        self.act = act
        self.n_hidden = n_hidden
        self.batch = batch
        self.inputs = np.stack([x, np.ones_like(x)], axis=-1).astype(dtype)  # (..., n_samples, 2)
        self.y = y.astype(dtype)[..., :, None]  # (..., n_samples, 1)
        self.z = np.empty((*batch, n_samples, n_hidden), dtype)
        self.h = np.empty_like(self.z)
        self.slope = np.empty_like(self.z)
        self.residual = np.empty((*batch, n_samples, 1), dtype)
        self.signal = np.empty((*batch, 2, n_samples), dtype)  # rows g x and g
        self.grad_wb = np.empty((*batch, 2, n_hidden), dtype)
        self.grad_v = np.empty((*batch, 1, n_hidden), dtype)

    def __call__(self, theta: np.ndarray, grad: np.ndarray | None = None) -> np.ndarray:
        """The loss (*B,); with ``grad``, also its gradient, packed like theta, into grad."""
        n = self.n_hidden
        v = theta[..., 2 * n : 3 * n, None]  # (*B, n_hidden, 1)
        c = theta[..., 3 * n :, None]  # (*B, 1, 1)
        np.matmul(self.inputs, theta[..., : 2 * n].reshape(*self.batch, 2, n), out=self.z)
        self.act.value_and_slope(self.z, self.h, self.slope)
        r = np.matmul(self.h, v, out=self.residual)  # (*B, n_samples, 1)
        r += c
        r -= self.y
        loss = np.mean(np.square(r[..., 0]), axis=-1)
        if grad is None:
            return loss

        g = self.signal[..., 1, :]  # (*B, n_samples)
        np.multiply(r[..., 0], 2.0 / r.shape[-2], out=g)
        np.multiply(g, self.inputs[..., 0], out=self.signal[..., 0, :])
        np.matmul(self.signal, self.slope, out=self.grad_wb)
        self.grad_wb *= theta[..., None, 2 * n : 3 * n]
        grad[..., : 2 * n] = self.grad_wb.reshape(*self.batch, 2 * n)
        np.matmul(self.signal[..., 1:, :], self.h, out=self.grad_v)
        grad[..., 2 * n : 3 * n] = self.grad_v[..., 0, :]
        grad[..., 3 * n] = g.sum(axis=-1)
        return loss


def mse_and_grad(
    params: Params, x: np.ndarray, y: np.ndarray, act: Activation
) -> tuple[np.ndarray, Params]:
    """The MSE loss (*B,) and its exact gradient with respect to every parameter."""
    theta = pack(params)
    grad = np.empty_like(theta)
    loss = LossGradient(x, y, act, theta.shape[:-1], params.w.shape[-1])(theta, grad)
    return loss, unpack(grad)
