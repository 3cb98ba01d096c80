"""A single-node SLURM cluster on this machine, for testing the workflow's SLURM profile.

Everything it needs lives in one folder: the munge key and socket, slurm.conf, the state and
spool directories, the daemons' logs and a pid file per daemon. The daemons run in the
foreground of processes we start ourselves, so stopping them is a signal to a known pid.

    python tests/slurm/cluster.py start DIR
    python tests/slurm/cluster.py stop DIR

Needs Debian's slurm-wlm and munge packages and root (slurmd starts jobs as their user).
"""

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

DAEMONS = ("munged", "slurmctld", "slurmd")  # started in this order, stopped in reverse
# The executor's job step runs `srun` with every SLURM_* variable removed, SLURM_CONF too, so
# srun inside a job finds the cluster only through the default path: while the cluster runs,
# that path is a symbolic link to our slurm.conf.
DEFAULT_CONF = Path("/etc/slurm/slurm.conf")
STARTUP_TIMEOUT = 60  # seconds for the node to report idle; it takes about 2 here


def missing_binaries() -> list[str]:
    return [name for name in (*DAEMONS, "sinfo", "sbatch", "squeue") if not shutil.which(name)]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def memory_mb() -> int:
    """A little below the machine's memory, as slurmd refuses a node claiming more than it has."""
    total_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return int(total_kb / 1024 * 0.9)


def slurm_conf(root: Path, node: str) -> str:
    return f"""\
ClusterName=nnfit
SlurmctldHost={node}
SlurmctldPort={free_port()}
SlurmdPort={free_port()}
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket={root / "munge.socket"}
StateSaveLocation={root / "state"}
SlurmdSpoolDir={root / "spool"}
SlurmctldPidFile={root / "slurmctld.pid"}
SlurmdPidFile={root / "slurmd.pid"}
SlurmctldLogFile={root / "slurmctld.log"}
SlurmdLogFile={root / "slurmd.log"}
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
MpiDefault=none
ReturnToService=2
SchedulerParameters=sched_interval=1
NodeName={node} NodeAddr=127.0.0.1 CPUs={os.cpu_count()} RealMemory={memory_mb()} State=UNKNOWN
PartitionName=main Nodes={node} Default=YES MaxTime=INFINITE State=UP
"""


def start(root: Path) -> None:
    """Write the configuration into ``root``, start the daemons, wait for the node to be idle.

    On failure every daemon already started is stopped again, and the error quotes their logs.
    """
    if missing := missing_binaries():
        raise RuntimeError(
            f"SLURM is not installed (missing {', '.join(missing)}): "
            "apt-get install -y slurm-wlm munge"
        )
    # munged insists that everyone may traverse to its socket, and only root may read the key
    root.mkdir(parents=True, exist_ok=True)
    root.chmod(0o755)
    for folder in ("state", "spool"):
        (root / folder).mkdir(exist_ok=True)
    key = root / "munge.key"
    key.write_bytes(os.urandom(1024))
    key.chmod(0o400)
    if DEFAULT_CONF.is_symlink() and not DEFAULT_CONF.exists():
        DEFAULT_CONF.unlink()  # left by a test cluster that was killed before it could stop
    if DEFAULT_CONF.exists():
        raise RuntimeError(
            f"{DEFAULT_CONF} exists: this machine already has a SLURM "
            "configuration, which a test cluster must not replace"
        )
    node = socket.gethostname().split(".")[0]
    (root / "slurm.conf").write_text(slurm_conf(root, node))
    DEFAULT_CONF.parent.mkdir(parents=True, exist_ok=True)
    DEFAULT_CONF.symlink_to(root / "slurm.conf")
    commands = {
        "munged": [
            "munged",
            "--foreground",
            f"--key-file={key}",
            f"--socket={root / 'munge.socket'}",
            f"--pid-file={root / 'munged.pid'}",
            f"--seed-file={root / 'munged.seed'}",
            f"--log-file={root / 'munged.log'}",
        ],
        "slurmctld": ["slurmctld", "-D", "-i"],
        "slurmd": ["slurmd", "-D"],
    }
    try:
        for name in DAEMONS:
            with open(root / f"{name}.out", "wb") as out:
                daemon = subprocess.Popen(
                    commands[name], stdout=out, stderr=subprocess.STDOUT, start_new_session=True
                )
            (root / f"{name}.daemon").write_text(str(daemon.pid))
            if name == "munged":
                wait_for(lambda: (root / "munge.socket").exists(), root, "munged's socket")
        wait_for(lambda: node_state() == "idle", root, f"node {node} to be idle")
    except BaseException:
        stop(root)
        raise


def node_state() -> str:
    run = subprocess.run(["sinfo", "--noheader", "--format=%T"], capture_output=True, text=True)
    return run.stdout.strip()


def wait_for(condition, root: Path, what: str) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}; daemon output:\n{logs(root)}")
        time.sleep(0.5)


def logs(root: Path) -> str:
    parts = []
    for name in DAEMONS:
        for path in (root / f"{name}.out", root / f"{name}.log"):
            if path.exists():
                parts.append(f"--- {path.name}\n{path.read_text(errors='replace')[-3000:]}")
    return "\n".join(parts)


def stop(root: Path) -> None:
    """Stop the daemons that ``start`` recorded in ``root``, newest first, by their pids."""
    for name in reversed(DAEMONS):
        pid_file = root / f"{name}.daemon"
        if not pid_file.exists():
            continue
        pid = int(pid_file.read_text())
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pid_file.unlink()
            continue
        if not wait_for_exit(pid, seconds=20):
            os.kill(pid, signal.SIGKILL)
            wait_for_exit(pid, seconds=5)
        pid_file.unlink()
    if DEFAULT_CONF.is_symlink() and DEFAULT_CONF.readlink() == root / "slurm.conf":
        DEFAULT_CONF.unlink()


def wait_for_exit(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            # reaps the daemon when we are its parent; otherwise the pid just disappears
            if os.waitpid(pid, os.WNOHANG)[0] == pid:
                return True
        except ChildProcessError:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return True
        time.sleep(0.2)
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=["start", "stop"])
    parser.add_argument("root", type=Path, help="folder for the cluster's files")
    args = parser.parse_args()
    root = args.root.resolve()
    if args.action == "start":
        start(root)
        print(f"SLURM is up: node {socket.gethostname().split('.')[0]} idle, files in {root}")
    else:
        stop(root)


if __name__ == "__main__":
    sys.exit(main())
