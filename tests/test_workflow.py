"""The workflow itself, run end to end in temporary directories."""

import csv
import json

import numpy as np
import pytest

from conftest import DEFAULT_CONFIG, DEFAULT_RUN_NETWORKS, REPO, run_workflow, small_config
from nnfit.experiments.sweep import SWEEP_COLUMNS
from nnfit.model.activations import get_activation
from nnfit.publish.tables import read_table

NOISE_VARIANCE = DEFAULT_CONFIG["data"]["noise_sd"] ** 2


def metrics(workdir, name):
    return json.loads((workdir / f"results/metrics/{name}.json").read_text())


@pytest.mark.parametrize("name", DEFAULT_RUN_NETWORKS)
def test_article_networks_fit_the_training_set(default_run, name):
    """Fit as the claims define it; the defaults were chosen over many seeds, not this one."""
    fit_factor = DEFAULT_CONFIG["sweep"]["fit_factor"]
    assert metrics(default_run, name)["train_mse"] <= fit_factor * NOISE_VARIANCE


def test_only_the_cosine_network_extrapolates(default_run):
    assert metrics(default_run, "cos")["extrap_mse"] < 0.05
    assert metrics(default_run, "sigmoid")["extrap_mse"] > 0.2
    assert metrics(default_run, "relu")["extrap_mse"] > 0.2


def test_the_readmes_picture_quotes_the_default_runs_numbers(default_run):
    """The README's first picture is a committed copy of a slide: its caption's numbers must
    be those the default config makes, or the picture is stale."""
    caption = (REPO / "README.md").read_text().split("docs/extrapolation.png)", 1)[1]
    caption = " ".join(caption.split("\n\n", 2)[1].split())
    quoted = {
        name: f"{metrics(default_run, name)['extrap_mse']:.2g}" for name in DEFAULT_RUN_NETWORKS
    }
    expected = (
        f"MSE {quoted['sigmoid']} for the sigmoid network, {quoted['relu']} for ReLU and "
        f"{quoted['cos']} for the cosine"
    )
    assert expected in caption


def test_small_config_runs_end_to_end(small_runs):
    config, (tmp_path, _) = small_runs
    iterations = config["training"]["iterations"]
    for name, settings in config["activations"].items():
        n = settings["n_hidden"]
        with np.load(tmp_path / f"results/models/{name}.npz") as model:
            assert model["w_hist"].shape == (iterations + 1, n)
            assert model["c_hist"].shape == (iterations + 1,)
            assert model["loss"].shape == (iterations + 1,)
        with np.load(tmp_path / f"results/analysis/{name}_hidden.npz") as hidden:
            assert hidden["contributions"].shape == (config["data"]["grid_points"], n)
        assert (tmp_path / f"results/analysis/{name}_extrapolation.npz").exists()
        assert set(metrics(tmp_path, name)) >= {"train_mse", "interp_mse", "extrap_mse"}


def test_the_sweep_seed_of_the_config_is_the_article_network_and_claims_say_how_typical(
    small_runs,
):
    """Same data, initialisation and training: each article figure's network is one of the
    sweep's seeds, which is what makes "this network fits; 70% of seeds do" meaningful."""
    config, (workdir, _) = small_runs
    table = read_table(
        workdir / "results/sweep/sweep.csv", SWEEP_COLUMNS, text_columns=("variant", "activation")
    )
    claims = (workdir / "results/claims.md").read_text()
    swept = [
        name
        for name, entry in config["activations"].items()
        if entry["n_hidden"] in config["sweep"]["widths"]
    ]
    assert swept == ["cos", "snake"]  # the small config sweeps these two at their widths
    for name in swept:
        row = (
            (table["variant"] == name)
            & (table["width"] == config["activations"][name]["n_hidden"])
            & (table["seed"] == config["seed"])
        )
        article = metrics(workdir, name)
        np.testing.assert_allclose(table["train_mse"][row], [article["train_mse"]], rtol=1e-12)
        np.testing.assert_allclose(table["extrap_mse"][row], [article["extrap_mse"]], rtol=1e-12)
        label = get_activation(name, **article["parameters"]).label
        assert f"| {label}, {article['n_hidden']} nodes | This network " in claims


def test_a_learning_rate_that_would_diverge_is_refused_before_any_job(tmp_path):
    """A rate of 1e300 overflowed in the job; the schema now bounds lr (training.py's
    divergence message is tested in test_training.py)."""
    config = small_config()
    config["activations"] = {"relu": {"n_hidden": 5, "lr": 1e300}}
    config["sweep"] |= {"activations": ["relu"], "snake_a": []}
    run = run_workflow(tmp_path, config, "results/models/relu.npz")
    assert run.returncode != 0
    assert "activations.relu.lr: 1e+300 is greater than the maximum of 10" in run.stderr
    assert not (tmp_path / "results").exists()


@pytest.mark.long(
    reason="a whole run to the claims; by default test_plan's "
    "test_each_setting_that_retrains_the_cosine_retrains_its_article_width checks the plan, "
    "and the small config's run grades every setting"
)
def test_claims_are_graded_under_each_training_setting_at_any_article_width(tmp_path):
    """The cosine's article width outside the sensitivity widths (1 to 3): each training
    setting still retrains the batch the cosine's claims read (the README's n_hidden 5)."""
    config = small_config()
    config["activations"] = {"cos": config["activations"]["cos"] | {"n_hidden": 5}}
    config["sweep"] |= {"activations": ["cos"], "snake_a": [], "widths": [1, 5]}
    run = run_workflow(tmp_path, config, "results/claims.md")
    assert run.returncode == 0, run.stderr
    with open(tmp_path / "results/claims_sensitivity.csv", newline="") as table:
        grades = {(row["claim"], row["setting"]) for row in csv.DictReader(table)}
    assert ("cos_phase", "range [-5, 5]") in grades  # read from the retrained batch at width 5
