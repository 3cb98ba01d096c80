"""Seeded initialisation and full-batch Adam training."""

from dataclasses import dataclass

import numpy as np

from nnfit.activations import Activation
from nnfit.network import Params, mse, mse_and_grad


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
    history: Params | None  # each field (iterations + 1, *B, ...); row 0 the initial


def train(
    params: Params,
    x: np.ndarray,
    y: np.ndarray,
    act: Activation,
    iterations: int,
    adam: AdamConfig,
    record_history: bool = False,
    raise_on_divergence: bool = True,
) -> TrainingResult:
    """Full-batch Adam on the MSE, for one network or a batch of them.

    With ``raise_on_divergence`` false, diverged networks of a batch keep their
    non-finite values and the caller decides what a failure means.
    """
    params = Params(*(np.array(p, dtype=float) for p in params))
    first = [np.zeros_like(p) for p in params]
    second = [np.zeros_like(p) for p in params]
    loss = np.empty((iterations + 1, *params.c.shape))
    history = [np.empty((iterations + 1, *p.shape)) for p in params] if record_history else None

    # overflow in a diverging network is detected below, once, not warned about every step
    with np.errstate(over="ignore", invalid="ignore"):
        for step in range(iterations + 1):
            if history is not None:
                for hist, p in zip(history, params, strict=True):
                    hist[step] = p
            if step == iterations:
                loss[step] = mse(params, x, y, act)
                break
            loss[step], grads = mse_and_grad(params, x, y, act)
            correction1 = 1.0 - adam.beta1 ** (step + 1)
            correction2 = 1.0 - adam.beta2 ** (step + 1)
            for p, g, m, s in zip(params, grads, first, second, strict=True):
                m *= adam.beta1
                m += (1.0 - adam.beta1) * g
                s *= adam.beta2
                s += (1.0 - adam.beta2) * g * g
                p -= adam.lr * (m / correction1) / (np.sqrt(s / correction2) + adam.eps)

    if raise_on_divergence and not (
        np.isfinite(loss).all() and all(np.isfinite(p).all() for p in params)
    ):
        bad = int(np.argmax(~np.isfinite(loss).reshape(iterations + 1, -1).all(axis=1)))
        raise TrainingDiverged(
            f"training the {act.name} network diverged (non-finite loss or parameters, "
            f"first at iteration {bad}) with learning rate {adam.lr}; "
            f"lower the learning rate for {act.name} in config.yaml"
        )
    return TrainingResult(
        params=params,
        loss=np.moveaxis(loss, 0, -1),
        history=Params(*history) if history is not None else None,
    )
