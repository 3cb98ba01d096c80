"""Damaged artifacts of every kind: the reading job names the file and sets it aside, and the
next plain run remakes whatever is missing."""

import errno
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest

from conftest import REPO, run_workflow, small_config
from nnfit.experiments.sweep import SWEEP_COLUMNS
from nnfit.model.artifacts import (
    ArtifactError,
    atomic_path,
    load_json,
    load_npz,
    save_json,
    save_npz,
)
from nnfit.publish.tables import read_sweep_table, write_table


def flip_deflate_bytes(path):
    """Invert bytes early in the first member's compressed stream: zlib fails to inflate it."""
    with zipfile.ZipFile(path) as archive:
        info = archive.infolist()[0]
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 5
    data[start : start + 8] = bytes(b ^ 0xFF for b in data[start : start + 8])
    path.write_bytes(bytes(data))


def truncate(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def binary_junk(path):
    path.write_bytes(bytes(range(256)) * 4)


def cut_to_whole_lines(path):
    lines = path.read_text().splitlines(keepends=True)
    path.write_text("".join(lines[: len(lines) // 2]))


def text_in_a_number(path):
    path.write_text(path.read_text().replace("0.", "O.", 1))


def drop_a_key(path):
    path.write_text(path.read_text().replace('"extrap_mse"', '"extrap_mse_"'))


def a_list(path):
    path.write_text("[1, 2, 3]\n")


SWEEP_ROWS = 6


def make_npz(path):
    save_npz(path, x=np.linspace(-5, 5, 1000), y=np.arange(1000.0))


def read_npz(path):
    return load_npz(path, required=("x", "y"))


def drop_an_array(path):
    save_npz(path, x=np.linspace(-5, 5, 1000))


def make_csv(path):
    columns = {name: [0.5] * SWEEP_ROWS for name in SWEEP_COLUMNS}
    columns |= {"variant": ["cos"] * SWEEP_ROWS, "activation": ["cos"] * SWEEP_ROWS}
    write_table(path, columns)


def read_csv(path):
    return read_sweep_table(path, networks=SWEEP_ROWS)


def make_json(path):
    save_json(path, {"extrap_mse": 0.5, "n_hidden": 3})


def read_json(path):
    return load_json(path, required=("extrap_mse", "n_hidden"))


KINDS = {  # name: (suffix, make, read, [damage, ...])
    "npz": (".npz", make_npz, read_npz, [truncate, flip_deflate_bytes, binary_junk, drop_an_array]),
    "csv": (
        ".csv",
        make_csv,
        read_csv,
        [truncate, binary_junk, cut_to_whole_lines, text_in_a_number],
    ),
    "json": (".json", make_json, read_json, [truncate, binary_junk, drop_a_key, a_list]),
}
CASES = [(kind, damage) for kind, (*_, damages) in KINDS.items() for damage in damages]


@pytest.mark.parametrize(("kind", "damage"), CASES, ids=[f"{k}-{d.__name__}" for k, d in CASES])
def test_each_damage_to_each_kind_is_named_and_set_aside(tmp_path, kind, damage):
    suffix, make, read, _ = KINDS[kind]
    path = tmp_path / f"artifact{suffix}"
    make(path)
    read(path)  # intact, it reads
    damage(path)
    with pytest.raises(ArtifactError, match=str(path)):
        read(path)
    assert not path.exists()
    assert path.with_name(path.name + ".corrupt").exists()


def one_activation_config() -> dict:
    config = small_config()
    config["activations"] = {"cos": config["activations"]["cos"]}
    config["sweep"] |= {"activations": ["cos"], "snake_a": [], "widths": [3], "seeds": 2}
    config["figures"]["gif"]["dpi"] = 40
    return config


@pytest.fixture(scope="module")
def figures_run(tmp_path_factory):
    config = one_activation_config()
    workdir = tmp_path_factory.mktemp("damaged")
    run = run_workflow(workdir, config, "figures")
    assert run.returncode == 0, run.stderr
    return config, workdir


def test_a_corrupt_training_set_is_remade_with_what_snakemake_deleted(figures_run):
    """The job reading train.npz fails naming it; Snakemake deletes that job's outputs; the
    next plain run remakes train.npz and them, not only the outputs still asked for."""
    config, workdir = figures_run
    data, model = workdir / "results/data/train.npz", workdir / "results/models/cos.npz"
    flip_deflate_bytes(data)
    model.unlink()  # as Snakemake does with the output of the job that failed

    failed = run_workflow(workdir, config, "figures")
    assert failed.returncode != 0
    assert "results/data/train.npz: unreadable or truncated" in failed.stderr
    assert not data.exists() and data.with_name("train.npz.corrupt").exists()

    rerun = run_workflow(workdir, config, "figures")
    assert rerun.returncode == 0, rerun.stderr
    assert data.exists() and model.exists()
    assert "Nothing to be done" in run_workflow(workdir, config, "figures").stderr


LONG_CASES = {  # artifact: (damage, an output made from it, deleted so that its job runs)
    "results/sweep/sweep.csv": (cut_to_whole_lines, "results/claims.md"),
    "results/sweep/runs/cos/w3.npz": (flip_deflate_bytes, "results/sweep/sweep.csv"),
    "results/metrics/cos.json": (drop_a_key, "results/figures/cos_extrapolation.png"),
    "results/fourier/fourier.npz": (truncate, "results/figures/fourier.png"),
    "results/analysis/cos_hidden.npz": (binary_junk, "results/figures/cos_hidden.png"),
}


@pytest.mark.long(
    reason="a whole run each; by default test_each_damage_to_each_kind_is_named_and_set_aside "
    "damages each kind of file, and in CI (pytest -m slow) test_a_corrupt_training_set_is_"
    "remade_with_what_snakemake_deleted one artifact of a run"
)
@pytest.mark.parametrize("artifact", LONG_CASES)
def test_each_kind_of_damaged_artifact_in_a_whole_run(tmp_path, artifact):
    damage, reader_output = LONG_CASES[artifact]
    config = one_activation_config()
    assert run_workflow(tmp_path, config).returncode == 0
    damage(tmp_path / artifact)
    (tmp_path / reader_output).unlink()

    failed = run_workflow(tmp_path, config)
    assert failed.returncode != 0
    assert f"{artifact}: " in failed.stderr and "moved it to" in failed.stderr
    assert (tmp_path / f"{artifact}.corrupt").exists()

    rerun = run_workflow(tmp_path, config)
    assert rerun.returncode == 0, rerun.stderr
    assert (tmp_path / artifact).exists() and (tmp_path / reader_output).exists()
    assert "Nothing to be done" in run_workflow(tmp_path, config).stderr


def test_a_write_that_fails_names_its_file_and_leaves_nothing(tmp_path):
    path = tmp_path / "results/models/cos.npz"
    with (
        pytest.raises(ArtifactError, match=f"{path}: could not be written"),
        atomic_path(path) as tmp,
    ):
        tmp.write_bytes(b"half")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    assert list(path.parent.iterdir()) == []


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_job_whose_log_cannot_be_written_still_says_why_it_failed():
    script = (
        "from nnfit.publish.logs import log_to; log_to('/dev/full'); raise ValueError('the cause')"
    )
    run = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "scripts")},
    )
    assert run.returncode != 0
    assert "ValueError: the cause" in run.stderr
    assert "/dev/full: could not write this log (No space left on device)" in run.stderr
    assert "Error in sys.excepthook" not in run.stderr
