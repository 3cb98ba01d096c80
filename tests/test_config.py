"""Bad config stops the run before any job, with one message naming the key."""

import copy

import pytest
import yaml

from conftest import DEFAULT_CONFIG, REPO, run_workflow
from nnfit.config import config_problems

SCHEMA = yaml.safe_load((REPO / "workflow/schemas/config.schema.yaml").read_text())


def changed(edit):
    config = copy.deepcopy(DEFAULT_CONFIG)
    edit(config)
    return config


BAD_CONFIGS = {
    "unknown activation": (
        lambda c: c["activations"].update(sigmod={"n_hidden": 10}),
        "unknown activation 'sigmod' (did you mean 'sigmoid'?)",
    ),
    "n_hidden zero": (
        lambda c: c["activations"]["relu"].update(n_hidden=0),
        "activations.relu.n_hidden: 0 is less than the minimum of 1",
    ),
    "n_hidden fractional": (
        lambda c: c["activations"]["cos"].update(n_hidden=2.5),
        "activations.cos.n_hidden: 2.5 is not of type 'integer'",
    ),
    "lr not a number": (
        lambda c: c["training"].update(lr="fast"),
        "training.lr: 'fast' is not of type 'number'",
    ),
    "lr negative": (
        lambda c: c["activations"]["relu"].update(lr=-0.01),
        "activations.relu.lr: -0.01 is less than or equal to the minimum of 0",
    ),
    "reversed range": (
        lambda c: c["data"].update(train_range=[5.0, -5.0]),
        "data.train_range: low must be below high, got [5.0, -5.0]",
    ),
    "empty range": (
        lambda c: c["data"].update(extrapolation_range=[3.0, 3.0]),
        "data.extrapolation_range: low must be below high, got [3.0, 3.0]",
    ),
    "parameter on a plain activation": (
        lambda c: c["activations"]["relu"].update(a=2.0),
        "activations.relu: unknown key 'a'; relu takes no parameters",
    ),
    "misspelled parameter": (
        lambda c: c["activations"]["snake"].update(aa=2.0),
        "activations.snake: unknown key 'aa' (did you mean 'a'?); snake takes a",
    ),
    "parameter out of its activation's range": (
        lambda c: c["activations"]["snake"].update(a=-1.0),
        "activations.snake: snake's a must be positive (it divides), got -1.0",
    ),
    "missing key": (
        lambda c: c["data"].pop("noise_sd"),
        "data: missing required key 'noise_sd'",
    ),
    "misspelled key": (
        lambda c: c["training"].update(iteratons=c["training"].pop("iterations")),
        "training: unknown key 'iteratons' (did you mean 'iterations'?)",
    ),
}


def test_the_default_config_is_valid():
    assert config_problems(copy.deepcopy(DEFAULT_CONFIG), SCHEMA) == []


@pytest.mark.parametrize("case", BAD_CONFIGS)
def test_validator_names_the_key_and_the_problem(case):
    edit, message = BAD_CONFIGS[case]
    assert message in config_problems(changed(edit), SCHEMA)[0]


@pytest.mark.parametrize("case", BAD_CONFIGS)
def test_snakemake_stops_before_any_job(tmp_path, case):
    edit, message = BAD_CONFIGS[case]
    run = run_workflow(tmp_path, changed(edit))
    assert run.returncode != 0
    assert message in run.stderr
    assert not (tmp_path / "results").exists()


def test_extrapolation_range_must_reach_beyond_training_range():
    config = changed(lambda c: c["data"].update(extrapolation_range=[-4.0, 15.0]))
    (problem,) = config_problems(config, SCHEMA)
    assert "data.extrapolation_range [-4.0, 15.0] must reach beyond" in problem
