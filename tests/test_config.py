"""Bad config stops the run before any job, with one message naming the key."""

import copy
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import DEFAULT_CONFIG, REPO, run_workflow, small_config
from nnfit.publish.config import (
    ConfigError,
    check_config,
    config_problems,
    read_config_file,
    typed_overrides,
    unwritable_problem,
)

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
        "activations.snake: snake's a must be above 0 and at most 100, got -1.0",
    ),
    "missing key": (
        lambda c: c["data"].pop("noise_sd"),
        "data: missing required key 'noise_sd'",
    ),
    "integer written as a float": (
        lambda c: c["sweep"].update(widths=[1.0, 2]),
        "sweep.widths.0: 1.0 is not of type 'integer'",
    ),
    "not a finite number": (
        lambda c: c["training"].update(lr=float("nan")),
        "training.lr: nan is not a finite number",
    ),
    "a harmonic of frequency 0": (
        lambda c: c["targets"].update(mine=[[0.0, 1.0, 0.0]]),
        "targets.mine[0]: frequency and amplitude must be positive",
    ),
    "the data target": (
        lambda c: c["targets"].update(sine=[[1.0, 1.0, 0.0]]),
        "targets.sine: sine is a built-in target",
    ),
    "a range beyond 1e6": (
        lambda c: c["data"].update(extrapolation_range=[-1e300, 1e300]),
        "data.extrapolation_range.0: -1e+300 is less than the minimum of -1000000.0",
    ),
    "a GIF too slow for its format": (
        lambda c: c["figures"]["gif"].update(fps=0.001),
        "figures.gif.fps: 0.001 is less than the minimum of 0.1",
    ),
    "misspelled key": (
        lambda c: c["training"].update(iteratons=c["training"].pop("iterations")),
        "training: unknown key 'iteratons' (did you mean 'iterations'?)",
    ),
    "a slow one-node run no slower than cos": (
        lambda c: c["causes"].update(cos_slow_lr=0.01),
        "causes.cos_slow_lr: 0.01 must be below cos's learning rate (0.01)",
    ),
}


def test_the_default_config_is_valid():
    assert config_problems(copy.deepcopy(DEFAULT_CONFIG), SCHEMA) == []


@pytest.mark.parametrize("case", BAD_CONFIGS)
def test_validator_names_the_key_and_the_problem(case):
    edit, message = BAD_CONFIGS[case]
    assert message in config_problems(changed(edit), SCHEMA)[0]


# The workflow's own messages, through Snakemake: each case costs a start-up. Three by default,
# a schema error and two of check_config's own (test_validator_names_the_key_and_the_problem
# checks every message); seven more with pytest -m long.
THROUGH_SNAKEMAKE = ["unknown activation", "n_hidden zero", "reversed range"]
ALSO_THROUGH_SNAKEMAKE = [case for case in list(BAD_CONFIGS)[:10] if case not in THROUGH_SNAKEMAKE]
ALSO = pytest.mark.long(
    reason="by default test_validator_names_the_key_and_the_problem checks this message and "
    "three other cases go through Snakemake"
)


@pytest.mark.parametrize(
    "case", THROUGH_SNAKEMAKE + [pytest.param(case, marks=ALSO) for case in ALSO_THROUGH_SNAKEMAKE]
)
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


def test_nested_command_line_overrides_are_typed_as_yaml_would():
    override = {"sigmoid": {"n_hidden": "5", "lr": "0.02", "a": "1e-3"}, "widths": ["1", "x"]}
    assert typed_overrides(override) == {
        "sigmoid": {"n_hidden": 5, "lr": 0.02, "a": 0.001},
        "widths": [1, "x"],
    }


def test_a_problem_names_the_file_that_set_the_key():
    user = {"training": {"iterations": 30.0}}
    config = changed(lambda c: c["training"].update(user["training"]))
    with pytest.raises(ConfigError) as refused:
        check_config(config, SCHEMA, [("config.yaml", DEFAULT_CONFIG), ("my.yaml", user)])
    assert "training.iterations: 30.0 is not of type 'integer' (in my.yaml)" in str(refused.value)


@pytest.mark.parametrize(
    "edit, key",
    [
        (lambda c: c.update(targets={"../../escape": {"expression": "sin(x)"}}), "targets"),
        (lambda c: c.update(targets={"a/b": [[1.0, 1.0, 0.0]]}), "targets"),
        (lambda c: c["data"].update(target="../../escape"), "data.target"),
        (lambda c: c["fourier"].update(target="/etc/passwd"), "fourier.target"),
        (lambda c: c["activations"].update({"../relu": {"n_hidden": 3}}), "activations"),
        (lambda c: c["sweep"].update(activations=["sigmoid", "..\\relu"]), "sweep.activations.1"),
        (lambda c: c.update(shapes={"targets": ["abs", "x y"]}), "shapes.targets.1"),
    ],
)
def test_a_name_that_would_be_a_path_is_refused_naming_its_key(edit, key):
    problems = config_problems(changed(edit), SCHEMA)
    assert any(p.startswith(f"{key}: ") and "is not a name" in p for p in problems), problems


def test_a_dry_run_refuses_a_target_name_that_leaves_results(tmp_path):
    config = changed(lambda c: c.update(targets={"../../escape": {"expression": "sin(x)"}}))
    config["shapes"] = {"targets": ["../../escape"]}
    run = run_workflow(tmp_path / "work", config, "-n", "shapes")
    assert run.returncode != 0
    assert "targets: '../../escape' is not a name" in run.stdout + run.stderr
    assert not (tmp_path / "escape").exists() and not (tmp_path / "work/results").exists()


@pytest.mark.parametrize(
    "text, says",
    [
        ("seed: 1\n  data: [\n", "my.yaml, line 2, column 7: not valid YAML: "),
        ("seed: 1\n\tdata: {}\n", "my.yaml, line 2, column 1: not valid YAML: "),
        ("seed: [1, 2\n", "my.yaml, line 2, column 1: not valid YAML: "),
        ("", "my.yaml: empty; a config is a mapping of keys"),
        ("# only a comment\n", "my.yaml: empty"),
        ("- seed\n- 1\n", "my.yaml: holds a list, not a mapping of keys"),
        ("seed: 1\nseed: 2\n", "my.yaml, line 2: 'seed' is set again; line 1 set it first"),
        (
            "data:\n  n_samples: 5\n  noise_sd: 1\n  n_samples: 6\n",
            "my.yaml, line 4: 'n_samples' is set again; line 2 set it first",
        ),
    ],
)
def test_a_config_file_problem_names_the_file_and_the_line(tmp_path, monkeypatch, text, says):
    monkeypatch.chdir(tmp_path)
    Path("my.yaml").write_text(text)
    with pytest.raises(ConfigError) as refused:
        read_config_file("my.yaml")
    assert str(refused.value).startswith(says), str(refused.value)


def test_a_good_config_file_reads_as_yaml_does():
    path = REPO / "config.yaml"
    assert read_config_file(path) == yaml.safe_load(path.read_text())


def test_a_long_value_is_cut_in_the_message():
    expression = " + ".join(f"{i} * x" for i in range(20_000))
    config = changed(lambda c: c.update(targets={"long": {"expression": expression}}))
    (problem,) = config_problems(config, SCHEMA)
    assert problem.startswith("targets.long.expression: cannot read '0 * x + 1 * x")
    assert f"({len(expression)} characters)" in problem and len(problem) < 300


@pytest.mark.parametrize(
    "file, text, says",
    [
        ("config.yaml", "seed: 0\n\tdata: {}\n", "config.yaml, line 2, column 1: not valid YAML"),
        ("config.yaml", "", "config.yaml: empty"),
        ("my.yaml", "seed: 1\nseed: 2\n", "my.yaml, line 2: 'seed' is set again; line 1"),
    ],
)
def test_snakemake_names_the_file_and_line_of_a_bad_config_file(tmp_path, file, text, says):
    (tmp_path / file).write_text(text)
    args = ["--configfile", str(tmp_path / file)] if file == "my.yaml" else []
    # run_workflow writes the small config as config.yaml; the bad one then replaces it
    done = run_workflow(tmp_path / "work", small_config(), "-n", "--configfile", "x")
    assert done.returncode != 0  # (x does not exist: only the directory is made here)
    if file == "config.yaml":
        (tmp_path / "work/config.yaml").write_text(text)
    run = subprocess.run(
        [sys.executable, "-m", "snakemake", "--snakefile", str(REPO / "Snakefile")]
        + ["--directory", str(tmp_path / "work"), "-n", *args],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode != 0
    assert says in run.stdout + run.stderr


def test_an_unwritable_results_is_named_before_any_job(tmp_path):
    (tmp_path / "results").write_text("a file where the results directory should be")
    run = run_workflow(tmp_path, small_config(), "results/data/train.npz")
    assert run.returncode != 0
    assert "results/: cannot write there (Not a directory)" in run.stdout + run.stderr
    assert "rule sample_data" not in run.stdout
    assert unwritable_problem(tmp_path / "results/sub") is not None
    assert unwritable_problem(tmp_path / "elsewhere/new") is None
