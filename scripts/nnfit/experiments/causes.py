"""The causes the article gives for two observations, tested by changing them.

Dead ReLUs: "I had to increase the number of hidden nodes to 100 to reliably achieve a good
fit (presumably because of dead Relus)". ReLU networks train from the sweep's seeds, each on
its own draw of the data, under three interventions that share each seed's data and its
initial w, v and c, so a seed's outcomes pair up across them:

- ``default``: the sweep's initialisation (PyTorch's default, w and b from U(-1, 1));
- ``live``: no unit dead on the training data at the start. Only the units that start dead
  are changed: each gets a new kink -b/w uniform over its seed's samples, its w kept, so the
  unit is active on some samples and slopes the same way. Redrawing every kink would also
  move the live units' kinks (which the default crowds near 0) and mix placement with death;
- ``leaky``: leaky ReLU, whose units pass a gradient below the kink and so cannot die.

The share of dead units is counted every few steps of training, not only at the ends.

"If you are lucky with initialization or just train longer, even one node is enough": one
cosine node trains from the sweep's seeds to the largest step count, and its fit is read at
each count on the way (Adam has no schedule, so the run to 10000 steps passes through the run
to 1000). Each run keeps its initial parameters, so luck can be read against them, and runs
at cos's learning rate and at a lower one, where training may not be over by the first count.
"""

import numpy as np

from nnfit.experiments.sweep import (
    initial_batch,
    iterations_to_fit,
    settings_adam,
    settings_training_sets,
)
from nnfit.model.activations import Activation, get_activation
from nnfit.model.analysis import function_mse
from nnfit.model.criteria import Criteria
from nnfit.model.network import Params, mse, preactivation
from nnfit.model.seeding import kink_rng
from nnfit.model.targets import from_spec
from nnfit.model.training import recorded_steps, train

INTERVENTIONS = ("default", "live", "leaky")
LABELS = {
    "default": "default initialisation",
    "live": "no unit dead at the start",
    "leaky": "leaky ReLU",
}


def dead_units(params: Params, x: np.ndarray) -> np.ndarray:
    """Which units are below their kink on every training sample: (*B, n_hidden)."""
    return np.all(preactivation(params, x) <= 0, axis=-2)


def dead_fraction(params: Params, x: np.ndarray) -> np.ndarray:
    """Share of units below their kink on every training sample: (*B,)."""
    return dead_units(params, x).mean(axis=-1)


def revive(params: Params, x: np.ndarray, seeds) -> Params:
    """``params`` with every unit that is dead on its seed's samples x (seeds, n_samples)
    given a new kink inside the samples' span: b = -w k, k uniform over it, w kept."""
    dead = dead_units(params, x)  # (seeds, n_hidden)
    kinks = np.stack(
        [
            kink_rng(seed).uniform(x_s.min(), x_s.max(), params.w.shape[-1])
            for seed, x_s in zip(seeds, x, strict=True)
        ]
    )  # (seeds, n_hidden), drawn for every unit so one seed's draws do not depend on another's
    b = np.where(dead, -params.w * kinks, params.b)
    return Params(params.w, b, params.v, params.c)


def _fit_threshold(settings: dict) -> float:
    return Criteria(**settings["criteria"]).fit_threshold


def _judged(settings: dict, params: Params, act: Activation, train_mse) -> dict:
    """The train MSE, the MSE against the noiseless target, and whether that is a fit."""
    truth = from_spec(settings["target"]).f
    with np.errstate(over="ignore", invalid="ignore"):
        interp_mse = function_mse(
            params, act, settings["train_range"], settings["grid_points"], truth
        )
    if np.ndim(train_mse) == 2:  # (seeds, checkpoints) from (checkpoints, seeds)
        interp_mse = interp_mse.T
    fits = Criteria(**settings["criteria"]).fits(train_mse, interp_mse)
    return {"train_mse": train_mse, "interp_mse": interp_mse, "fits": fits}


def intervention_act(intervention: str, leaky_slope: float) -> Activation:
    if intervention not in INTERVENTIONS:
        raise ValueError(
            f"unknown intervention {intervention!r}; known: {', '.join(INTERVENTIONS)}"
        )
    if intervention == "leaky":
        return get_activation("leaky_relu", slope=leaky_slope)
    return get_activation("relu")


def intervention_batch(settings: dict, intervention: str, width: int) -> dict:
    """ReLU networks of one width under one intervention, one per seed: whether each fits,
    and the share of its units dead on its samples at every recorded step."""
    seeds = settings["seeds"]
    x, y = settings_training_sets(settings)  # (seeds, n_samples) each
    initial = initial_batch("relu", width, seeds)  # every intervention starts from relu's draw
    if intervention == "live":
        initial = revive(initial, x, seeds)
    act = intervention_act(intervention, settings["leaky_slope"])
    every = settings["record_every"]
    result = train(
        initial,
        x,
        y,
        act,
        settings["iterations"],
        settings_adam(settings),
        record_history=True,
        record_every=every,
        raise_on_divergence=False,
    )
    with np.errstate(over="ignore", invalid="ignore"):
        train_mse = mse(result.params, x, y, act)
        # one recorded step at a time: all at once would hold (steps, seeds, samples, nodes)
        dead = np.stack(
            [dead_fraction(Params(*row), x) for row in zip(*result.history, strict=True)]
        )
    return {
        "seed": np.asarray(seeds),
        "width": np.array(width),
        "intervention": np.array(intervention),
        "activation": np.array(act.name),
        **_judged(settings, result.params, act, train_mse),
        "steps": recorded_steps(settings["iterations"], every),
        "dead": dead.T,  # (seeds, steps), from (steps, seeds)
    }


def longer_training_batch(settings: dict) -> dict:
    """Cosine networks of one width (the sweep's seeds and data) trained at ``lr`` to the
    largest of ``checkpoints`` steps: each one's initial parameters, and its train MSE and fit
    after every checkpoint."""
    seeds, width = settings["seeds"], settings["width"]
    checkpoints = np.array(sorted(settings["checkpoints"]))
    x, y = settings_training_sets(settings)
    act = get_activation("cos")
    every = int(np.gcd.reduce(checkpoints))  # every checkpoint is a recorded step
    initial = initial_batch("cos", width, seeds)  # each field (seeds, width), c (seeds,)
    result = train(
        initial,
        x,
        y,
        act,
        int(checkpoints[-1]),
        settings_adam(settings),
        record_history=True,
        record_every=every,
        raise_on_divergence=False,
    )
    steps = recorded_steps(int(checkpoints[-1]), every)
    at = Params(*(field[np.searchsorted(steps, checkpoints)] for field in result.history))
    with np.errstate(over="ignore", invalid="ignore"):
        train_mse = mse(at, x, y, act).T  # (seeds, checkpoints)
    threshold = _fit_threshold(settings)
    return {
        "seed": np.asarray(seeds),
        "width": np.array(width),
        "lr": np.array(settings["lr"]),
        **{f"initial_{name}": value for name, value in initial._asdict().items()},
        "checkpoints": checkpoints,
        **_judged(settings, at, act, train_mse),
        "iterations_to_fit": iterations_to_fit(result.loss, threshold),
    }
