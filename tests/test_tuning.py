"""Tuning (snakemake tune): the range and learning rates chosen by the stated rule, on seeds
that no claim is graded on."""

import copy
import json

import numpy as np
import pytest

from conftest import DEFAULT_CONFIG, run_workflow, tiny_config
from nnfit.grading import tuning
from nnfit.grading.rates import Rate


def rates_of(table: dict) -> tuning.Rates:
    """Fit rates from {(half, activation): {lr: successes of 10}}."""
    return {key: {lr: Rate(k, 10) for lr, k in by_lr.items()} for key, by_lr in table.items()}


def test_the_widest_range_where_every_article_network_fits_half_the_time_is_chosen():
    rates = rates_of(
        {
            (5.0, "sigmoid"): {0.1: 10, 0.2: 10},
            (5.0, "relu"): {0.1: 9, 0.2: 8},
            (5.0, "cos"): {0.1: 10, 0.2: 10},
            (6.0, "sigmoid"): {0.1: 4, 0.2: 7},
            (6.0, "relu"): {0.1: 6, 0.2: 6},  # a tie: the smaller rate
            (6.0, "cos"): {0.1: 9, 0.2: 10},
            (9.0, "sigmoid"): {0.1: 9, 0.2: 9},
            (9.0, "relu"): {0.1: 4, 0.2: 3},  # ReLU fails the widest range
            (9.0, "cos"): {0.1: 9, 0.2: 9},
        }
    )
    assert tuning.choose(rates) == {
        "train_range": [-6.0, 6.0],
        "lr": {"sigmoid": 0.2, "relu": 0.1, "cos": 0.2},
    }


def test_no_range_is_chosen_where_an_article_network_never_fits_half_the_time():
    rates = rates_of({(5.0, "relu"): {0.1: 4}, (5.0, "cos"): {0.1: 10}})
    assert tuning.choose(rates) == {"train_range": None, "lr": {}}
    markdown = tuning.to_markdown(rates, tuning.choose(rates), {"train_range": [], "lr": {}}, [7])
    assert "No candidate range" in markdown


@pytest.fixture(scope="module")
def tuned(tmp_path_factory):
    config = tiny_config("sigmoid", "cos")
    config["tuning"] = {
        "seeds": 4,
        "first_seed": 500,
        "half_ranges": [3.0, 6.0],
        "lrs": [0.05, 0.2],
    }
    config["training"]["iterations"] = 400  # enough for some networks to fit: a real choice
    workdir = tmp_path_factory.mktemp("tune")
    run = run_workflow(workdir, config, "tune")
    assert run.returncode == 0, run.stderr
    return workdir, config


def test_snakemake_tune_chooses_by_its_rule_from_its_own_runs(tuned):
    workdir, config = tuned
    choices = json.loads((workdir / "results/tuning/choices.json").read_text())
    assert choices["seeds"] == [500, 501, 502, 503]
    # the rule applied by hand to the saved outcomes
    fit = {}
    for half in (3.0, 6.0):
        for name in ("sigmoid", "cos"):
            run = np.load(workdir / f"results/tuning/runs/{half:g}/{name}.npz")
            assert run["fits"].shape == (2, 4) and list(run["seed"]) == [500, 501, 502, 503]
            fit[half, name] = dict(zip(run["lrs"].tolist(), run["fits"].mean(axis=1), strict=True))
    usable = [
        h for h in (3.0, 6.0) if all(max(fit[h, n].values()) >= 0.5 for n in ("sigmoid", "cos"))
    ]
    assert usable, "no range usable: the test would not exercise the choice"
    half = max(usable)
    assert choices["chosen"]["train_range"] == [-half, half]
    for name in ("sigmoid", "cos"):
        best = max(fit[half, name].values())
        assert choices["chosen"]["lr"][name] == min(
            lr for lr, r in fit[half, name].items() if r == best
        )
    text = (workdir / "results/tuning/tuning.md").read_text()
    assert "no claim is graded on" in text and f"[-{half:g}, {half:g}]" in text


def test_tuning_seeds_that_meet_the_graded_ones_are_refused(tmp_path):
    config = tiny_config("cos")
    config["tuning"] = {"first_seed": 1}  # the sweep grades seeds 0, 1, 2
    run = run_workflow(tmp_path, config, "--dry-run")
    assert run.returncode != 0
    said = run.stdout + run.stderr
    assert "tuning.first_seed" in said and "overlap" in said


@pytest.mark.slow
def test_the_default_config_makes_every_choice_tune_makes_on_it(tmp_path):
    """config.yaml's range and learning rates are the tuning's, not typed by hand: the real
    default config, tuned on its own tuning seeds (about a minute on two cores)."""
    run = run_workflow(tmp_path, copy.deepcopy(DEFAULT_CONFIG), "tune")
    assert run.returncode == 0, run.stderr
    choices = json.loads((tmp_path / "results/tuning/choices.json").read_text())
    assert choices["configured"]["train_range"] == DEFAULT_CONFIG["data"]["train_range"]
    disagreeing = {key for key, agrees in choices["agrees"]["lr"].items() if not agrees}
    assert choices["agrees"]["train_range"] and not disagreeing, choices["chosen"]
