"""The numpy training path of commit 7c8c3e6, kept as the kernel's reference.

Before nnfit.model.kernel, nnfit trained through this code: one batched numpy pass per
operation over (networks, samples, nodes) arrays. The tests compare the kernel's losses with
it, and bench/sweep.py times it beside the kernel. The code is 7c8c3e6's ``LossGradient``
(nnfit/network.py) and ``train`` with ``_adam_step`` (nnfit/training.py), unchanged but for
the imports; the activations' numpy ``value_and_slope`` is still nnfit's.
"""

import numpy as np

from nnfit.model.activations import Activation
from nnfit.model.network import Params, pack, unpack
from nnfit.model.training import AdamConfig, TrainingDiverged, TrainingResult, recorded_steps


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


def train(
    params: Params,
    x: np.ndarray,
    y: np.ndarray,
    act: Activation,
    iterations: int,
    adam: AdamConfig,
    record_history: bool = False,
    record_every: int = 1,
    raise_on_divergence: bool = True,
    dtype=np.float64,
) -> TrainingResult:
    """Full-batch Adam on the MSE, for one network or a batch of them.

    With ``record_history``, keeps the parameters after every ``record_every``-th step
    (``recorded_steps``). Trains in ``dtype`` and returns float64 arrays. With
    ``raise_on_divergence`` false, diverged networks of a batch keep their non-finite values
    and the caller decides what a failure means.
    """
    theta = pack(params, dtype)  # (*B, 3 n_hidden + 1), updated in place
    batch, n_hidden = theta.shape[:-1], params.w.shape[-1]
    loss_and_grad = LossGradient(x, y, act, batch, n_hidden, dtype)
    grad, first, second, step_size = (np.zeros_like(theta) for _ in range(4))
    loss = np.empty((iterations + 1, *batch))
    steps = recorded_steps(iterations, record_every)
    history = np.empty((steps.size, *theta.shape)) if record_history else None
    row = 0

    # overflow in a diverging network is detected below, once, not warned about every step
    with np.errstate(over="ignore", invalid="ignore"):
        for step in range(iterations + 1):
            if history is not None and step == steps[row]:
                history[row] = theta
                row += 1
            if step == iterations:
                loss[step] = loss_and_grad(theta)
                break
            loss[step] = loss_and_grad(theta, grad)
            _adam_step(theta, grad, first, second, step_size, step + 1, adam)

    if raise_on_divergence and not (np.isfinite(loss).all() and np.isfinite(theta).all()):
        bad = int(np.argmax(~np.isfinite(loss).reshape(iterations + 1, -1).all(axis=1)))
        raise TrainingDiverged(
            f"training the {act.name} network diverged (non-finite loss or parameters, "
            f"first at iteration {bad}) with learning rate {adam.lr}; "
            f"lower the learning rate for {act.name} in config.yaml"
        )
    return TrainingResult(
        params=_float64_copy(unpack(theta)),
        loss=np.moveaxis(loss, 0, -1),
        history=_float64_copy(unpack(history)) if history is not None else None,
    )


def _adam_step(theta, grad, first, second, step_size, t: int, adam: AdamConfig) -> None:
    """theta -= lr * m_hat / (sqrt(s_hat) + eps), every array updated in place."""
    first *= adam.beta1
    np.multiply(grad, 1.0 - adam.beta1, out=step_size)
    first += step_size
    second *= adam.beta2
    np.multiply(grad, grad, out=step_size)
    step_size *= 1.0 - adam.beta2
    second += step_size
    np.divide(second, 1.0 - adam.beta2**t, out=step_size)
    np.sqrt(step_size, out=step_size)
    step_size += adam.eps
    np.divide(first, step_size, out=step_size)
    step_size *= adam.lr / (1.0 - adam.beta1**t)
    theta -= step_size


def _float64_copy(params: Params) -> Params:
    return Params(*(np.array(p, dtype=np.float64) for p in params))


def train_with_momentum(params: Params, x, y, act, iterations: int, lr: float, momentum: float):
    """Full-batch SGD with momentum as PyTorch's torch.optim.SGD does it (no dampening, not
    Nesterov): v <- momentum v + grad, theta <- theta - lr v. Returns the final parameters and
    the loss before each step and after the last."""
    theta = pack(params)
    grad, velocity = np.zeros_like(theta), np.zeros_like(theta)
    loss_and_grad = LossGradient(x, y, act, theta.shape[:-1], params.w.shape[-1])
    loss = np.empty(iterations + 1)
    with np.errstate(over="ignore", invalid="ignore"):
        for step in range(iterations):
            loss[step] = loss_and_grad(theta, grad)
            velocity *= momentum
            velocity += grad
            theta -= lr * velocity
        loss[iterations] = loss_and_grad(theta)
    return Params(*(np.array(p) for p in unpack(theta))), loss
