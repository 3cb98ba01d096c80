"""The causes experiment: what each intervention changes, and only that."""

import numpy as np
import pytest

from nnfit.experiments.causes import (
    dead_fraction,
    intervention_batch,
    longer_training_batch,
    revive,
)
from nnfit.experiments.sweep import configured_batch, initial_batch
from nnfit.model.activations import get_activation
from nnfit.model.data import seed_training_sets
from nnfit.model.network import Params
from nnfit.model.seeding import init_rng
from nnfit.model.targets import get_target
from nnfit.model.training import init_params

SEEDS = list(range(6))
SETTINGS = {
    "seeds": SEEDS,
    "n_samples": 50,
    "noise_sd": 0.1,
    "train_range": [-5.0, 5.0],
    "grid_points": 200,
    "iterations": 30,
    "lr": 0.01,
    "beta1": 0.9,
    "beta2": 0.999,
    "eps": 1e-8,
    "criteria": {
        "noise_variance": 0.01,
        "fit_factor": 1.5,
        "extrapolation_factor": 5.0,
        "function_factor": 1.0,
    },
    "target": {"name": "sine", "entry": None},
    "leaky_slope": 0.01,
    "record_every": 10,
}


def training_sets(width=20):
    x, _ = seed_training_sets(SEEDS, 50, 0.1, [-5.0, 5.0], get_target("sine").f)
    return x, initial_batch("relu", width, SEEDS)


def test_dead_units_are_those_inactive_on_every_sample():
    x = np.linspace(-5, 5, 50)
    params = Params(
        w=np.array([0.0, 1.0, 1.0, -1.0]),
        b=np.array([-1.0, 10.0, -6.0, -6.0]),  # dead, alive, dead (x <= 5), dead (x >= -5)
        v=np.ones(4),
        c=np.array(0.0),
    )
    assert dead_fraction(params, x) == pytest.approx(0.75)


def test_the_revived_initialisation_has_no_unit_dead_on_its_training_data():
    x, initial = training_sets(width=100)
    relu = get_activation("relu")
    assert dead_fraction(initial, x).max() > 0  # the default does leave some dead
    live = revive(initial, x, SEEDS)
    # each unit's output, sample by sample, as the network computes it: (seeds, samples, nodes)
    outputs = relu.f(x[:, :, None] * live.w[:, None, :] + live.b[:, None, :])
    assert np.all(outputs.max(axis=1) > 0)


def test_reviving_changes_only_the_dead_units_biases():
    x, initial = training_sets(width=100)
    live = revive(initial, x, SEEDS)
    for kept in ("w", "v", "c"):
        np.testing.assert_array_equal(getattr(live, kept), getattr(initial, kept))
    changed = live.b != initial.b
    dead = np.all(x[:, :, None] * initial.w[:, None, :] + initial.b[:, None, :] <= 0, axis=1)
    np.testing.assert_array_equal(changed, dead)
    kinks = -live.b[changed] / live.w[changed]
    lowest, highest = (
        np.broadcast_to(end[:, None], changed.shape)[changed] for end in x.T[[0, -1]]
    )
    assert np.all((lowest <= kinks) & (kinks <= highest))  # inside the seed's own samples


def test_the_live_intervention_starts_with_no_dead_unit_and_counts_them_as_it_trains():
    batch = intervention_batch(SETTINGS, "live", 20)
    assert batch["steps"].tolist() == [0, 10, 20, 30]
    assert batch["dead"].shape == (len(SEEDS), 4)
    assert np.all(batch["dead"][:, 0] == 0)


def test_the_default_intervention_is_the_sweeps_relu_batch():
    # the same data, initialisation and training: the comparison's baseline is the sweep's
    sweep = {
        **SETTINGS,
        "activation": "relu",
        "parameters": {},
        "extrapolation_range": [-15.0, 15.0],
        "grid_points": 50,
    }
    default = intervention_batch(SETTINGS, "default", 20)
    np.testing.assert_allclose(default["train_mse"], configured_batch(sweep, 20)["train_mse"])


def test_leaky_relu_shares_relus_initialisation_and_only_its_slope_differs():
    leaky = intervention_batch(SETTINGS | {"iterations": 0}, "leaky", 20)
    default = intervention_batch(SETTINGS | {"iterations": 0}, "default", 20)
    assert str(leaky["activation"]) == "leaky_relu"
    np.testing.assert_array_equal(leaky["dead"], default["dead"])  # same kinks at the start


def test_fits_read_on_the_way_are_those_of_shorter_runs():
    # Adam has no schedule: the run to 40 steps passes through the run to 20
    settings = SETTINGS | {"width": 1, "lr": 0.05, "checkpoints": [20, 40]}
    longer = longer_training_batch(settings)
    shorter = longer_training_batch(settings | {"checkpoints": [20]})
    np.testing.assert_allclose(longer["train_mse"][:, 0], shorter["train_mse"][:, 0], rtol=1e-12)
    assert longer["fits"].shape == (len(SEEDS), 2)


def test_a_longer_run_keeps_each_seeds_initial_parameters_and_its_learning_rate():
    # luck is read against the initialisation every seed's training started from: the single
    # network trainer's draw for that seed
    settings = SETTINGS | {"width": 1, "lr": 0.005, "checkpoints": [20]}
    batch = longer_training_batch(settings)
    for k, seed in enumerate(SEEDS):
        drawn = init_params(init_rng(seed, "cos"), 1)
        for name in ("w", "b", "v", "c"):
            np.testing.assert_array_equal(batch[f"initial_{name}"][k], getattr(drawn, name))
    assert float(batch["lr"]) == 0.005
    faster = longer_training_batch(settings | {"lr": 0.05})
    assert not np.allclose(batch["train_mse"], faster["train_mse"])  # trained at its own lr


def test_an_unknown_intervention_is_refused_by_name():
    with pytest.raises(ValueError, match="unknown intervention 'dropout'"):
        intervention_batch(SETTINGS, "dropout", 20)


def test_the_figure_draws_rates_of_none_and_of_every_seed():
    from nnfit.experiments.causes import LABELS
    from nnfit.figures import style, summary_figures

    batches = [
        {
            "intervention": np.array(name),
            "width": np.array(20),
            "fits": np.full(3, name == "leaky"),  # 0 of 3 and 3 of 3: intervals end at the rate
            "steps": np.array([0, 10]),
            "dead": np.zeros((3, 2)),
        }
        for name in LABELS
    ]
    with style.styled():
        fig = summary_figures.dead_relu(batches, LABELS)
    assert len(fig.axes) == 2
    style.plt.close(fig)
