"""The memory budget: estimates against the real code's peak, and what cannot fit refused."""

import copy
import tracemalloc

import numpy as np
import pytest
import yaml

from conftest import DEFAULT_CONFIG, REPO, run_workflow, small_config
from nnfit.experiments.sweep import configured_batch
from nnfit.model.activations import get_activation
from nnfit.model.seeding import init_rng
from nnfit.model.training import AdamConfig, init_params, train
from nnfit.plan import Plan
from nnfit.publish.budget import GB, IMPORTS, estimates
from nnfit.publish.config import ConfigError, check_config, config_problems, with_defaults

SCHEMA = yaml.safe_load((REPO / "workflow/schemas/config.schema.yaml").read_text())


def resolved(edit=None) -> dict:
    config = copy.deepcopy(DEFAULT_CONFIG)
    if edit:
        edit(config)
    return with_defaults(config, SCHEMA)


def estimate(config, job: str) -> float:
    """The estimate of one job, without what every job's imports take."""
    (found,) = [e.bytes - IMPORTS for e in estimates(config) if e.job == job]
    return found


def traced_peak(run) -> int:
    """The most memory numpy and Python held at once while ``run`` ran (tracemalloc)."""
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_the_default_config_fits_in_the_default_limit():
    config = resolved()
    assert config["limits"]["memory_gb"] == 8
    assert max(e.bytes for e in estimates(config)) < config["limits"]["memory_gb"] * GB


def test_an_article_network_estimate_bounds_its_training_peak():
    def edit(c):
        c["activations"]["relu"] |= {"n_hidden": 300, "iterations": 4000}

    config = resolved(edit)
    rng = np.random.default_rng(0)
    x = np.sort(rng.uniform(-6, 6, config["data"]["n_samples"]))
    act = get_activation("relu")

    def run():
        initial = init_params(init_rng(0, "relu"), 300)
        train(initial, x, np.sin(x), act, 4000, AdamConfig(lr=0.01), record_history=True)

    # numba compiles the kernel on its first call in a fresh checkout: warm it up, since the
    # compiler's memory is the same for every job and not what the estimate is of
    train(init_params(init_rng(0, "relu"), 2), x, np.sin(x), act, 2, AdamConfig(lr=0.01))
    peak, estimated = traced_peak(run), estimate(config, "train_network (relu)")
    assert peak <= estimated <= 4 * peak, (peak, estimated)


def test_a_sweep_batch_estimate_bounds_its_peak():
    def edit(c):
        c["data"]["grid_points"] = 20_000
        # width 60 is tanh's article width: a deciding cell, whose seeds the estimate counts
        c["sweep"] |= {"seeds": 4, "deciding_seeds": 40, "widths": [60], "activations": ["tanh"]}
        c["activations"]["tanh"]["n_hidden"] = 60
        c["shapes"] = {"widths": [60]}
        c["training"]["iterations"] = 300

    config = resolved(edit)
    settings = Plan(config).sweep_batch_params("tanh")
    configured_batch({**settings, "seeds": settings["seeds"][:1], "iterations": 2}, 2)  # compile
    peak = traced_peak(lambda: configured_batch(settings, 60))
    estimated = estimate(config, "train_sweep_batch (tanh)")
    # the estimate allows for the retrained sensitivity settings' 3x the iterations
    assert peak <= estimated <= 6 * peak, (peak, estimated)


@pytest.mark.parametrize(
    "edit, says",
    [
        (
            lambda c: c["activations"]["relu"].update(n_hidden=10_000, iterations=1_000_000),
            "activations.relu.n_hidden, activations.iterations, data.n_samples: a "
            "train_network (relu) job would need about",
        ),
        (
            lambda c: (
                c["figures"]["gif"].update(dpi=300, stride=1)
                or c["training"].update(iterations=100_000)
            ),
            "plot_trained_network (sigmoid) job would need",
        ),
        (
            lambda c: (
                c["sweep"].update(seeds=10_000, widths=[10_000])
                or c["data"].update(n_samples=10_000)
            ),
            "sweep.seeds, sweep.deciding_seeds, sweep.widths, training.iterations, data.n_samples, "
            "data.grid_points: "
            "a train_sweep_batch",
        ),
        (lambda c: c.update(limits={"memory_gb": 0.1}), "more than limits.memory_gb = 0.1"),
    ],
)
def test_what_cannot_fit_is_refused_naming_the_keys_and_the_estimate(edit, says):
    config = copy.deepcopy(DEFAULT_CONFIG)
    edit(config)
    assert config_problems(config, SCHEMA) == []  # each size alone is allowed
    with pytest.raises(ConfigError, match="GB of memory, more than limits.memory_gb") as refused:
        check_config(config, SCHEMA)
    assert says in str(refused.value)


@pytest.mark.parametrize(
    "key, value",
    [
        ("data.grid_points", 1_000_000_000),
        ("activations.relu.n_hidden", 10_000_000),
        ("sweep.seeds", 1_000_000),
        ("training.iterations", 100_000_000),
        ("data.n_samples", 100_000_000),
        ("figures.gif.grid_points", 100_000_000),
    ],
)
def test_the_issues_sizes_are_refused_by_the_schema(key, value):
    config = copy.deepcopy(DEFAULT_CONFIG)
    *parents, last = key.split(".")
    node = config
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value
    problems = config_problems(config, SCHEMA)
    assert any(p.startswith(f"{key}: {value} is greater than the maximum") for p in problems)


def test_snakemake_refuses_a_job_that_cannot_fit_before_any_job(tmp_path):
    config = small_config()
    config["limits"] = {"memory_gb": 0.2}
    run = run_workflow(tmp_path, config, "-n")
    assert run.returncode != 0
    assert "more than limits.memory_gb = 0.2 (in config.yaml)" in run.stdout + run.stderr
    assert not (tmp_path / "results").exists()
