"""The workflow on a real, single-node SLURM cluster, through the documented profile.

The cluster (munged, slurmctld, slurmd) is started on this machine for the module and stopped
by pid afterwards, whatever happens; see tests/slurm/cluster.py.
"""

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from slurm import cluster

from conftest import REPO, run_workflow, small_config

pytestmark = [
    pytest.mark.slow,  # a whole run through a cluster it starts
    pytest.mark.skipif(
        bool(cluster.missing_binaries()),
        reason="SLURM is not installed: apt-get install -y slurm-wlm munge (.ci/run does)",
    ),
    pytest.mark.skipif(os.geteuid() != 0, reason="a test SLURM cluster needs root"),
]

# The profile as a user runs it, plus what this cluster differs in: it has no accounting
# (so no accounts, and squeue instead of sacct for job states) and jobs of seconds, not hours.
SLURM_ARGS = [
    "--profile", str(REPO / "profiles" / "slurm"),
    "--slurm-no-account",
    "--slurm-status-command", "squeue",
    "--slurm-init-seconds-before-status-checks", "1",
    "--seconds-between-status-checks", "1",
]  # fmt: skip
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} ", re.MULTILINE)


@pytest.fixture(scope="module")
def slurm():
    # not pytest's tmp_path: munged wants every folder above its socket open to everyone
    root = Path(tempfile.mkdtemp(prefix="nnfit-slurm-"))
    try:
        cluster.start(root)
        yield root
    finally:
        cluster.stop(root)
        shutil.rmtree(root, ignore_errors=True)


def contents(workdir: Path) -> dict[str, bytes]:
    """Every file under results/ by name: its bytes, except for what differs from run to run
    by nature, the time at which each log line was written and the benchmarks' measurements."""
    files = {}
    for path in sorted((workdir / "results").rglob("*")):
        if not path.is_file():
            continue
        name = str(path.relative_to(workdir))
        data = path.read_bytes()
        if path.suffix == ".log":
            data = TIMESTAMP.sub("", data.decode()).encode()
        elif name.startswith("results/benchmarks/"):
            data = b""  # present in both runs, but the seconds and megabytes are this run's
        files[name] = data
    return files


def slurm_jobs() -> list[tuple[str, str]]:
    """(comment, state) of every job the cluster has seen lately; the executor's comment is
    rule_<rule>_wildcards_<values>."""
    run = subprocess.run(
        ["squeue", "--states=all", "--noheader", "--format=%k %T"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return [tuple(line.rsplit(" ", 1)) for line in run.stdout.splitlines()]


def test_slurm_run_makes_the_same_files_as_a_local_run(slurm, tmp_path):
    config = small_config()
    # two networks and a two-width sweep of them keep the job count, and so the test, small
    names = ["cos", "relu"]
    config["activations"] = {name: config["activations"][name] for name in names}
    config["sweep"] |= {"activations": names, "widths": [1, 3], "snake_a": []}
    # every figure of the article and the metrics of these networks, and the sweep's table
    # (not the claims: grading the article's claims needs all of its activations)
    stems = ["network", "sinusoid"]
    stems += [f"{name}{part}" for name in names for part in ("", "_hidden", "_extrapolation")]
    targets = [f"results/figures/{stem}.png" for stem in stems]
    targets += [f"results/figures/{name}_training.gif" for name in names]
    targets += [f"results/metrics/{name}.json" for name in names]
    targets += ["results/sweep/sweep.csv"]

    local = run_workflow(tmp_path / "local", config, *targets)
    assert local.returncode == 0, local.stderr
    on_slurm = run_workflow(tmp_path / "slurm", config, *targets, *SLURM_ARGS)
    assert on_slurm.returncode == 0, on_slurm.stderr

    jobs = slurm_jobs()
    assert all(state == "COMPLETED" for _, state in jobs), jobs
    comments = [comment for comment, _ in jobs]
    assert sorted(c for c in comments if c.startswith("rule_train_network_")) == [
        "rule_train_network_wildcards_cos",
        "rule_train_network_wildcards_relu",
    ], jobs
    # widths 1 and 3 are narrow: each activation trains both in one job
    assert sorted(c for c in comments if c.startswith("rule_train_sweep_")) == [
        "rule_train_sweep_bundle_wildcards_cos",
        "rule_train_sweep_bundle_wildcards_relu",
    ], jobs

    expected = contents(tmp_path / "local")
    for name in ["results/models/cos.npz", "results/figures/relu_training.gif"]:
        assert name in expected
    assert "results/sweep/sweep.csv" in expected
    got = contents(tmp_path / "slurm")
    assert sorted(got) == sorted(expected)
    assert [name for name in expected if got[name] != expected[name]] == []
