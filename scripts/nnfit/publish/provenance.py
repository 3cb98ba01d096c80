"""Where results came from: the config and its hash, package versions, the code's commit."""

import hashlib
import json
import platform
import subprocess
from importlib import metadata

PACKAGES = ("numpy", "scipy", "matplotlib", "imageio", "pillow", "snakemake")

# The keys every figure depends on; each activation's figures add only that activation's
# entry, so editing one activation (or a key added for other summaries) leaves the others'
# figures, and the hash they carry, untouched.
FIGURE_KEYS = ("seed", "data", "targets", "training", "figures")  # data.target names a target


HASH_DIGITS = 16  # 64 bits name a config beyond doubt and fit a line of the report's sidebar


def config_hash(config: dict) -> str:
    """The first 16 hex digits of the SHA-256 of the config as canonical JSON: key order and
    whitespace do not count."""
    canonical = json.dumps(config, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:HASH_DIGITS]


def figure_config(config: dict, activation: str | None = None) -> dict:
    """The part of the config that a figure (of ``activation``, if given) depends on."""
    scoped = {key: config[key] for key in FIGURE_KEYS if key in config}
    if activation is not None:
        scoped["activations"] = {activation: config["activations"][activation]}
    return scoped


def figure_hashes(config: dict) -> dict[str, str]:
    """The hash each figure carries: under "data" for the network and sinusoid figures,
    under its activation's name for the others."""
    names = [None, *config["activations"]]
    return {name or "data": config_hash(figure_config(config, name)) for name in names}


def package_versions() -> dict[str, str]:
    return {"python": platform.python_version()} | {p: metadata.version(p) for p in PACKAGES}


def git_state(directory) -> dict:
    """The checked-out commit of ``directory`` and whether tracked files differ from it;
    both None outside a git checkout (a downloaded archive, say)."""

    def git(*args):
        run = subprocess.run(["git", "-C", str(directory), *args], capture_output=True, text=True)
        if run.returncode != 0:
            raise OSError(run.stderr)
        return run.stdout.strip()

    try:
        commit = git("rev-parse", "HEAD")
        dirty = bool(git("status", "--porcelain", "--untracked-files=no"))
    except OSError:
        return {"commit": None, "dirty": None}
    return {"commit": commit, "dirty": dirty}


def provenance(config: dict, git: dict, outputs: dict[str, str]) -> dict:
    """The record of a run; ``outputs``: each article output's SHA-256, which
    nnfit.publish.verify checks the files against."""
    return {
        "outputs": outputs,
        "config": config,
        "config_sha256": config_hash(config),
        "figure_config_sha256": figure_hashes(config),
        "versions": package_versions(),
        "git": git,
    }
