"""The command lines the README shows, typed as a user types them in a clone's root."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO, small_config

SNAKEMAKE = str(Path(sys.executable).with_name("snakemake"))


def tiny_config() -> dict:
    """One activation and the least of everything: each command runs in seconds."""
    config = small_config()
    config["activations"] = {"cos": config["activations"]["cos"]}
    config["training"]["iterations"] = 5
    config["data"]["grid_points"] = 20
    config["sweep"] |= {"activations": ["cos"], "snake_a": [], "widths": [3], "seeds": 1}
    config["sweep"]["deciding_seeds"] = 1
    config["fourier"] |= {"seeds": 1, "iterations": 5}
    config["figures"]["gif"] |= {"dpi": 30, "grid_points": 20, "stride": 1}
    config["shapes"] = {"targets": ["abs"], "widths": [1, 3]}
    config["snake_paper"] = {"seeds": 1, "iterations": 5}
    config["tuning"] = {"seeds": 2, "lrs": [0.05, 0.2]}
    return config


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """The repository's tracked files, as a clone has them, with the tiny config.yaml."""
    root = tmp_path_factory.mktemp("clone")
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split("\0")
    for name in filter(None, tracked):
        if (REPO / name).is_file():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, root / name)
    (root / "config.yaml").write_text(yaml.safe_dump(tiny_config()))
    return root


def typed(clone: Path, command: str) -> subprocess.CompletedProcess:
    """``command`` as typed at a shell prompt in the clone's root."""
    return subprocess.run(
        command.replace("snakemake", SNAKEMAKE, 1),
        shell=True,
        cwd=clone,
        capture_output=True,
        text=True,
        timeout=600,
    )


def made_files(clone: Path) -> set[str]:
    """Every result except logs and benchmarks."""
    results = clone / "results"
    return {
        str(path.relative_to(clone))
        for path in results.rglob("*")
        if path.is_file() and path.relative_to(results).parts[0] not in ("logs", "benchmarks")
    }


def metrics(clone: Path) -> dict:
    return json.loads((clone / "results/metrics/cos.json").read_text())


# The tests of this module share one clone and run in order, as a user's session would.


def test_one_figure_by_its_path_builds_only_what_it_needs(clone):
    run = typed(clone, "snakemake --cores 2 results/figures/cos_hidden.png")
    assert run.returncode == 0, run.stderr
    assert made_files(clone) == {
        "results/data/train.npz",
        "results/models/cos.npz",
        "results/analysis/cos_hidden.npz",
        # its metrics say whether the network fits, which a figure of a failed fit says
        "results/analysis/cos_extrapolation.npz",
        "results/metrics/cos.json",
        "results/figures/cos_hidden.png",
        # one job draws a trained network's figures: matplotlib's import is most of each
        "results/figures/cos_extrapolation.png",
        "results/figures/cos_training.gif",
        "results/report/cos_training.png",
    }


def test_configfile_is_merged_onto_config_yaml(clone):
    (clone / "other.yaml").write_text("activations:\n  cos:\n    n_hidden: 2\n")
    # --configfile takes every word after it, so the target comes first
    run = typed(clone, "snakemake --cores 2 results/metrics/cos.json --configfile other.yaml")
    assert run.returncode == 0, run.stderr
    assert metrics(clone)["n_hidden"] == 2  # from other.yaml
    assert metrics(clone)["iterations"] == tiny_config()["training"]["iterations"]  # config.yaml


def test_nested_config_overrides_keep_their_types(clone):
    override = """'activations={"cos":{"n_hidden":4,"lr":0.02}}'"""
    run = typed(clone, f"snakemake --cores 2 results/metrics/cos.json --config {override}")
    assert run.returncode == 0, run.stderr
    assert (metrics(clone)["n_hidden"], metrics(clone)["lr"]) == (4, 0.02)


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (
            "--configfile bad.yaml",
            "training.iterations: 30.0 is not of type 'integer' (in bad.yaml)",
        ),
        ("--config 'training={iterations: 0}'", "training.iterations: 0 is less than the minimum"),
    ],
)
def test_a_bad_value_on_the_command_line_is_refused_naming_key_and_source(clone, option, message):
    (clone / "bad.yaml").write_text("training:\n  iterations: 30.0\n")
    before = made_files(clone)
    run = typed(clone, f"snakemake --cores 2 {option}")
    assert run.returncode != 0
    assert message in run.stderr
    assert made_files(clone) == before


def test_the_figures_target_makes_the_article_without_the_sweep(clone):
    run = typed(clone, "snakemake --cores 2 figures")
    assert run.returncode == 0, run.stderr
    made = made_files(clone)
    assert {"results/figures/cos_training.gif", "results/figures/network.png"} <= made
    assert "results/provenance.json" in made
    # nothing of the seed sweep: the explorer, which shows the sweep's seeds, is its own target
    assert not [path for path in made if path.startswith("results/sweep")]
    assert "results/explorer.html" not in made
    assert "nnfit finished." in run.stderr and "results/figures/" in run.stderr


def test_a_report_of_the_figures_target_alone(clone):
    report = typed(clone, "snakemake --report results/report.html")
    assert report.returncode == 0, report.stderr
    assert (clone / "results/report.html").stat().st_size > 0
    (clone / "results/report.html").unlink()  # the next report is of the whole run


def test_artifacts_builds_everything_and_report_reads_it(clone):
    run = typed(clone, "snakemake --cores 2 artifacts")
    assert run.returncode == 0, run.stderr
    assert {"results/nnfit-figures.zip", "results/claims.md"} <= made_files(clone)
    assert "Nothing to be done" in typed(clone, "snakemake --cores 2").stderr

    report = typed(clone, "snakemake --report results/report.html")
    assert report.returncode == 0, report.stderr
    assert (clone / "results/report.html").stat().st_size > 0


@pytest.mark.slow
def test_a_named_run_leaves_the_default_results_as_they_are(clone):
    (clone / "mine.yaml").write_text("name: mine\ndata: {target: abs}\n")
    before = {path: (clone / path).read_bytes() for path in made_files(clone)}
    run = typed(clone, "snakemake --cores 2 figures --configfile mine.yaml")
    assert run.returncode == 0, run.stderr
    mine = clone / "runs/mine/results"
    assert json.loads((mine / "metrics/cos.json").read_text())["target"] == "abs"
    assert (mine / "figures/cos_hidden.png").exists()
    assert "figures: runs/mine/results/figures/" in run.stderr
    report = typed(clone, "snakemake --report results/report.html --configfile mine.yaml")
    assert report.returncode == 0, report.stderr
    assert (mine / "report.html").exists()
    assert {path: (clone / path).read_bytes() for path in made_files(clone)} == before


def test_a_run_name_that_is_a_path_is_refused(clone):
    run = typed(clone, "snakemake -n --config name=../escape")
    assert run.returncode != 0
    assert "name: '../escape' is not a name" in run.stdout + run.stderr
    assert not (clone / "escape").exists()  # where runs/../escape would have been


def test_verify_checks_every_output_as_typed(clone):
    run = typed(clone, "snakemake --cores 4 verify")
    assert run.returncode == 0, run.stderr
    assert "outputs verified: each decodes and matches its recorded digest" in run.stderr


@pytest.mark.parametrize(
    ("command", "made"),
    [
        ("snakemake --cores 4 explorer", "results/explorer.html"),
        ("snakemake --cores 4 shapes", "results/shapes/claims.md"),
        ("snakemake --cores 2 snake_paper", "results/snake_paper/claims.md"),
        ("snakemake --cores 4 tune", "results/tuning/choices.json"),
    ],
)
def test_the_targets_beyond_the_default_run_build_as_typed(clone, command, made):
    run = typed(clone, command)
    assert run.returncode == 0, run.stderr
    assert made in made_files(clone)


def test_unlock_runs_as_the_lock_message_types_it(clone):
    """After a hard kill the lock's message says to run this (the kill itself:
    tests/test_robustness.py, -m long)."""
    run = typed(clone, "snakemake --unlock")
    assert run.returncode == 0, run.stderr
    assert not any((clone / ".snakemake/locks").glob("*"))


def test_a_nested_config_key_works_where_a_dotted_one_fails(clone):
    dotted = typed(clone, "snakemake --cores 4 figures --config data.target=abs")
    assert dotted.returncode != 0
    assert "Config entry must start with a valid identifier" in dotted.stdout + dotted.stderr
    run = typed(clone, """snakemake --cores 4 figures --config 'data={"target": "abs"}'""")
    assert run.returncode == 0, run.stderr
    assert metrics(clone)["target"] == "abs"
    # the rest of data keeps config.yaml's values
    noise_variance = tiny_config()["data"]["noise_sd"] ** 2
    assert metrics(clone)["noise_variance"] == pytest.approx(noise_variance)
