"""Seeded initialisation and full-batch training (Adam; momentum for snake_paper) through
the kernel of nnfit.model.kernel."""

from dataclasses import dataclass

import numpy as np

from nnfit.model.activations import Activation
from nnfit.model.network import Params, pack, unpack


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
) -> TrainingResult:
    """Full-batch Adam on the MSE, for one network or a batch of them, in float64.

    With ``record_history``, keeps the parameters after every ``record_every``-th step
    (``recorded_steps``). With ``raise_on_divergence`` false, diverged networks of a batch
    keep their non-finite values and the caller decides what a failure means.
    """
    t = np.arange(1, iterations + 1)
    # Adam's bias corrections, computed as Python computes them (beta ** t), not by numba
    scale1 = np.array([adam.lr / (1.0 - adam.beta1**k) for k in t.tolist()] + [0.0])
    scale2 = np.array([1.0 - adam.beta2**k for k in t.tolist()] + [0.0])
    hyper = np.array([adam.lr, adam.beta1, adam.beta2, adam.eps])
    every = record_every if record_history else None
    theta, loss, history, _ = _optimise(
        params, x, y, act, iterations, "ADAM", hyper, scale1, scale2, every
    )
    if raise_on_divergence and not (np.isfinite(loss).all() and np.isfinite(theta).all()):
        bad = int(np.argmax(~np.isfinite(loss).reshape(-1, iterations + 1).all(axis=0)))
        raise TrainingDiverged(
            f"training the {act.name} network diverged (non-finite loss or parameters, "
            f"first at iteration {bad}) with learning rate {adam.lr}; "
            f"lower the learning rate for {act.name} in config.yaml"
        )
    return TrainingResult(
        params=unpack(theta),
        loss=loss,
        history=unpack(history) if history is not None else None,
    )


def train_with_momentum(params: Params, x, y, act, iterations: int, lr: float, momentum: float):
    """Full-batch SGD with momentum as PyTorch's torch.optim.SGD does it (no dampening, not
    Nesterov): v <- momentum v + grad, theta <- theta - lr v. Returns the final parameters and
    the loss before each step and after the last."""
    unused = np.zeros(iterations + 1)
    theta, loss, _, _ = _optimise(
        params, x, y, act, iterations, "MOMENTUM", np.array([lr, momentum]), unused, unused
    )
    return unpack(theta), loss


def mse_and_grad(
    params: Params, x: np.ndarray, y: np.ndarray, act: Activation
) -> tuple[np.ndarray, Params]:
    """The MSE loss (*B,) and its exact gradient with respect to every parameter."""
    unused = np.zeros(1)
    _, loss, _, grad = _optimise(params, x, y, act, 0, "ADAM", np.zeros(4), unused, unused)
    return loss[..., 0], unpack(grad)


def _optimise(
    params,
    x,
    y,
    act,
    iterations,
    optimiser,
    hyper,
    scale1,
    scale2,
    record_every=None,
):
    """Runs the kernel (its arguments optimiser, the name of one of its optimisers, .. scale2)
    on every network of params (*B, ...). Returns the final parameters packed
    (*B, 3 n_hidden + 1), the loss (*B, iterations + 1), the parameters after every
    record_every-th step (None without it) and the last gradient, packed."""
    # numba's import is a third of a second: the workflow's parse imports this module's callers
    # to plan jobs, and only a job that trains needs the kernel
    from nnfit.model import kernel

    optimiser = getattr(kernel, optimiser)
    theta = pack(params)
    batch, size = theta.shape[:-1], theta.shape[-1]
    theta = np.ascontiguousarray(theta.reshape(-1, size))
    networks = theta.shape[0]
    # one training set (n_samples,) for every network, or one each (*B, n_samples)
    x2, y2 = (
        np.ascontiguousarray(np.reshape(a, (-1, np.shape(a)[-1])), np.float64) for a in (x, y)
    )
    first, second, grad = (np.zeros_like(theta) for _ in range(3))
    loss = np.empty((networks, iterations + 1))
    steps = recorded_steps(iterations, record_every) if record_every else np.array([], int)
    history_row = np.full(iterations + 1, -1)  # the history's row of each step, -1 for none
    history_row[steps] = np.arange(steps.size)
    history = np.empty((steps.size, networks, size))
    kind, name = kernel.KINDS.get(act.name, (kernel.TABLE, None))
    parameter = float(act.parameters[name]) if name else 0.0
    arguments = (first, second, grad, loss, history, history_row, optimiser, hyper, scale1, scale2)
    if kind != kernel.TABLE:
        kernel.train_batch(kind, parameter, x2, y2, theta, *arguments, 0, iterations + 1, _NO_TABLE)
    else:
        n = (size - 1) // 3
        table = np.empty((networks, 2, x2.shape[1], n))
        with np.errstate(over="ignore", invalid="ignore"):
            for step in range(iterations + 1):
                z = x2[:, :, None] * theta[:, None, :n] + theta[:, None, n : 2 * n]
                act.value_and_slope(z, table[:, 0], table[:, 1])
                kernel.train_batch(kind, 0.0, x2, y2, theta, *arguments, step, step + 1, table)
    return (
        theta.reshape(*batch, size),
        loss.reshape(*batch, iterations + 1),
        history.reshape(-1, *batch, size) if record_every else None,
        grad.reshape(*batch, size),
    )


_NO_TABLE = np.zeros((1, 2, 0, 0))
