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


def test_slurm_run_makes_the_same_files_as_a_local_run(slurm, tmp_path):
    config = small_config()
    # two networks keep the cluster's job count, and so the test, small; one is periodic
    config["activations"] = {name: config["activations"][name] for name in ("cos", "relu")}

    local = run_workflow(tmp_path / "local", config)
    assert local.returncode == 0, local.stderr
    on_slurm = run_workflow(tmp_path / "slurm", config, *SLURM_ARGS)
    assert on_slurm.returncode == 0, on_slurm.stderr

    jobs = subprocess.run(
        ["squeue", "--states=all", "--noheader", "--format=%k %T"],
        capture_output=True, text=True, check=True,
    ).stdout.split("\n")  # fmt: skip
    # the executor names each SLURM job's comment after its rule and wildcards
    trained = sorted(job for job in jobs if job.startswith("rule_train_network"))
    assert trained == [
        "rule_train_network_wildcards_cos COMPLETED",
        "rule_train_network_wildcards_relu COMPLETED",
    ], jobs

    expected = contents(tmp_path / "local")
    assert "results/models/cos.npz" in expected and "results/figures/relu_training.gif" in expected
    got = contents(tmp_path / "slurm")
    assert sorted(got) == sorted(expected)
    assert [name for name in expected if got[name] != expected[name]] == []
