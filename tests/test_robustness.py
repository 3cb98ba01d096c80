"""The workflow under change and faults: edits, kills, corrupt files, a second run at once."""

import copy
import os
import signal
import subprocess
import sys
import time

import imageio.v3 as iio
import numpy as np
import pytest

from conftest import REPO, run_workflow, small_config, tiny_config


def article_targets(config) -> list[str]:
    """The article's outputs and provenance.json: a whole run without the seed sweep."""
    per_activation = ["models/{}.npz", "metrics/{}.json", "figures/{}_training.gif"]
    per_activation += [f"figures/{{}}{stem}.png" for stem in ("", "_hidden", "_extrapolation")]
    paths = ["figures/network.png", "figures/sinusoid.png", "provenance.json"]
    paths += [path.format(name) for name in config["activations"] for path in per_activation]
    return [f"results/{path}" for path in paths]


def summary(workdir, config, *targets) -> dict[str, tuple[str, bool]]:
    """Snakemake's dry-run summary with ``config``: each output's rule and whether it
    would be remade."""
    run = run_workflow(workdir, config, "--summary", *targets)
    assert run.returncode == 0, run.stderr
    rows = [line.split("\t") for line in run.stdout.splitlines()[1:]]
    return {row[0]: (row[2], row[-1] != "no update") for row in rows}


def pending_updates(workdir, config, *targets) -> set[str]:
    return {path for path, (_, pending) in summary(workdir, config, *targets).items() if pending}


def start_workflow(workdir, config, *args) -> subprocess.Popen:
    """run_workflow, without waiting; in its own process group so it can be killed whole."""
    run_workflow(workdir, config, "--dry-run")  # writes config.yaml, checks it parses
    return subprocess.Popen(
        [sys.executable, "-m", "snakemake", "--snakefile", str(REPO / "Snakefile")]
        + ["--directory", str(workdir), "--cores", "2", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def wait_for(condition, timeout=120.0, poll=0.002):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(poll)


@pytest.fixture(scope="module")
def article_run(tmp_path_factory):
    """A complete run of two activations' article figures, to change and damage."""
    config = tiny_config("cos", "sigmoid")
    workdir = tmp_path_factory.mktemp("built")
    run = run_workflow(workdir, config, *article_targets(config))
    assert run.returncode == 0, run.stderr
    return config, workdir


def test_after_a_full_run_nothing_is_pending(article_run):
    config, workdir = article_run
    assert pending_updates(workdir, config, *article_targets(config)) == set()


DATA_RULES = {"sample_data", "plot_network_diagram", "plot_sinusoid"}
# rules with one job per activation, which the path names
PER_ACTIVATION_RULES = {
    "train_network",
    "decompose_network",
    "evaluate_extrapolation",
    "plot_trained_network",
}


def test_changing_one_article_network_remakes_its_jobs_and_the_summaries_only(small_runs):
    config, (_, workdir) = small_runs
    changed = copy.deepcopy(config)
    changed["activations"]["sigmoid"]["n_hidden"] += 1
    before = summary(workdir, config)
    try:
        after = summary(workdir, changed)
    finally:
        run_workflow(workdir, config, "--dry-run")  # puts the original config back
    assert not [path for path, (_, pending) in before.items() if pending]
    for path, (rule, pending) in after.items():
        if rule in PER_ACTIVATION_RULES:
            assert pending == ("/sigmoid" in path), path
        elif rule in DATA_RULES or rule in ("train_sweep_batch", "train_sweep_bundle"):
            assert not pending, path  # a batch's width is in its path, not the article's
    # the rest summarise every activation; provenance.json records the whole config
    assert after["results/provenance.json"][1]


def test_a_truncated_model_fails_its_consumer_by_name_and_the_rerun_remakes_it(article_run):
    config, workdir = article_run
    model = workdir / "results/models/cos.npz"
    data = model.read_bytes()
    model.write_bytes(data[: len(data) // 2])

    failed = run_workflow(workdir, config, *article_targets(config))
    assert failed.returncode != 0
    assert "results/models/cos.npz: unreadable or truncated" in failed.stderr
    assert (workdir / "results/models/cos.npz.corrupt").exists()

    rerun = run_workflow(workdir, config, *article_targets(config))
    assert rerun.returncode == 0, rerun.stderr
    with np.load(model) as arrays:
        assert arrays["w_hist"].shape == (config["training"]["iterations"] + 1, 3)
    assert pending_updates(workdir, config, *article_targets(config)) == set()


def test_a_deleted_input_is_remade_before_the_job_that_needs_it(article_run):
    config, workdir = article_run
    data = workdir / "results/data/train.npz"
    data.unlink()
    run = run_workflow(
        workdir, config, "--forcerun", "plot_sinusoid", "results/figures/sinusoid.png"
    )
    assert run.returncode == 0, run.stderr
    with np.load(data) as arrays:
        assert arrays["x"].shape == (config["data"]["n_samples"],)


def test_no_rule_claims_a_path_outside_its_pattern(article_run):
    config, workdir = article_run
    for path in ("results/figures/cosine.png", "results/models/sigmoid_hidden.npz"):
        run = run_workflow(workdir, config, "--dry-run", path)
        assert run.returncode != 0 and "MissingRuleException" in run.stdout + run.stderr, path


def slow_gif_config() -> dict:
    """One GIF of many frames, so that writing it takes long enough to be caught."""
    config = tiny_config("cos")
    config["training"]["iterations"] = 1500
    config["figures"]["gif"]["stride"] = 1
    return config


@pytest.mark.long(
    reason="a GIF of 1501 frames, drawn twice; by default tests/test_damage.py's "
    "test_a_write_that_fails_names_its_file_and_leaves_nothing checks the atomic write and "
    "test_a_second_run_in_the_same_directory_stops_with_a_clear_message a running run's lock"
)
def test_a_run_killed_while_writing_a_gif_reruns_to_a_complete_gif(tmp_path):
    config = slow_gif_config()
    gif = tmp_path / "results/figures/cos_training.gif"
    partial = gif.with_name(".cos_training.partial.gif")
    run = start_workflow(tmp_path, config, str(gif.relative_to(tmp_path)))
    try:
        wait_for(lambda: partial.exists() or run.poll() is not None)
        assert run.poll() is None, "the GIF was written before the kill: " + run.stderr.read()
        os.killpg(run.pid, signal.SIGKILL)  # as abrupt as a power cut: no clean-up runs
        run.wait()
        assert not gif.exists()
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()

    relock = run_workflow(tmp_path, config)
    assert relock.returncode != 0 and "--unlock" in relock.stderr  # the dead run's lock
    assert run_workflow(tmp_path, config, "--unlock").returncode == 0
    rerun = run_workflow(tmp_path, config, str(gif.relative_to(tmp_path)))
    assert rerun.returncode == 0, rerun.stderr
    frames = iio.imread(gif, index=None, mode="RGB")
    assert frames.shape[0] == config["training"]["iterations"] + 1  # iteration 0 to the last
    assert not partial.exists()


@pytest.mark.slow
def test_a_second_run_in_the_same_directory_stops_with_a_clear_message(tmp_path):
    config = slow_gif_config()
    first = start_workflow(tmp_path, config)
    try:
        wait_for(lambda: any((tmp_path / ".snakemake/locks").glob("*")) or first.poll() is not None)
        assert first.poll() is None
        second = run_workflow(tmp_path, config)
        assert second.returncode != 0
        assert "Directory cannot be locked" in second.stderr
        assert first.poll() is None  # the first run is left alone
    finally:
        os.killpg(first.pid, signal.SIGINT)  # Ctrl-C
        first.wait(timeout=120)


def test_snake_values_that_print_alike_are_still_two_sweep_variants(tmp_path):
    config = small_config()
    config["sweep"]["snake_a"] = [0.1, 0.1000001, 1.0]
    # --summary lists every planned output (the quiet profile's dry run prints no paths)
    run = run_workflow(tmp_path, config, "--summary", "results/sweep/sweep.csv")
    assert run.returncode == 0, run.stderr
    planned = run.stdout + run.stderr
    for name in ("snake-a0.1/", "snake-a0.1000001/", "snake-a1/"):
        assert f"results/sweep/runs/{name}w3.npz" in planned, name
