"""Seeded initialisation and full-batch Adam training."""

from dataclasses import dataclass

import numpy as np

from nnfit.model.activations import Activation
from nnfit.model.network import LossGradient, Params, pack, unpack


@dataclass(frozen=True)
class AdamConfig:
    lr: float = 0.01
    beta1: float = 0.9  # Kingma & Ba's defaults
    beta2: float = 0.999
    eps: float = 1e-8


class TrainingDiverged(RuntimeError):
    pass


def init_params(rng: np.random.Generator, n_hidden: int, batch: tuple = ()) -> Params:
    """PyTorch's default for nn.Linear: U(-1/sqrt(fan_in), 1/sqrt(fan_in)).

    With one input the hidden layer draws from U(-1, 1), so ReLU kinks and
    sigmoid centres (-b/w) start spread around the origin rather than all at 0.
    """
    bound_out = 1.0 / np.sqrt(n_hidden)
    return Params(
        w=rng.uniform(-1.0, 1.0, (*batch, n_hidden)),
        b=rng.uniform(-1.0, 1.0, (*batch, n_hidden)),
        v=rng.uniform(-bound_out, bound_out, (*batch, n_hidden)),
        c=rng.uniform(-bound_out, bound_out, batch),
    )


@dataclass
class TrainingResult:
    params: Params  # final parameters
    loss: np.ndarray  # (*B, iterations + 1): MSE of the parameters after k steps
    history: Params | None  # each field (len(recorded_steps), *B, ...); row 0 the initial


def recorded_steps(iterations: int, every: int = 1) -> np.ndarray:
    """The steps whose parameters a history keeps: 0, every, 2 every, ... and the last."""
    return np.unique(np.append(np.arange(0, iterations + 1, every), iterations))


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
