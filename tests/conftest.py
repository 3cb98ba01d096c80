import copy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CONFIG = yaml.safe_load((REPO / "config.yaml").read_text())

# fixtures that run the whole workflow: a test that asks for one is `slow` (pytest -m slow),
# unless it is `long` (left out of CI too)
WHOLE_RUN_FIXTURES = {
    "small_runs",
    "code_checkout",
    "article_run",
    "explorer_run",
    "figures_run",
    "tuned",
}


def pytest_collection_modifyitems(items):
    for item in items:
        if WHOLE_RUN_FIXTURES & set(item.fixturenames) and not item.get_closest_marker("long"):
            item.add_marker(pytest.mark.slow)


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
CHROMIUM_ARGS += ["--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"]
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium (/usr/bin/chromium) is not installed"
)


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright (no browser of Playwright's own is downloaded)."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium (/usr/bin/chromium) is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def small_config() -> dict:
    """The default experiments, shortened so that a whole workflow run takes seconds."""
    config = copy.deepcopy(DEFAULT_CONFIG)
    config["training"]["iterations"] = 20
    config["data"]["grid_points"] = 50
    config["figures"]["dpi"] = 40
    config["figures"]["gif"]["stride"] = 5
    # four activations cover every kind of figure and claim: smooth, kinked, periodic, Snake's a
    config["activations"] = {
        name: config["activations"][name] for name in ("sigmoid", "relu", "cos", "snake")
    }
    config["activations"]["snake"]["n_hidden"] = 3  # a swept width, so its claim is made
    config["sweep"] |= {
        "seeds": 3,
        "deciding_seeds": 5,  # the article widths' batches and the causes: more seeds
        "widths": [1, 3],
        "activations": list(config["activations"]),
        "snake_a": [5.0],
    }
    config["fourier"] |= {"seeds": 2, "iterations": 20}
    config["causes"] |= {"relu_widths": [3], "record_every": 5, "cos_iterations": [10, 20]}
    return config


def tiny_config(*names: str) -> dict:
    """The small config with only these activations."""
    config = small_config()
    config["activations"] = {name: config["activations"][name] for name in names}
    config["figures"]["gif"]["dpi"] = 40
    if "sweep" in config:  # the seed sweep may only name configured activations
        config["sweep"]["activations"] = list(names)
        config["sweep"]["snake_a"] = []
    return config


def run_workflow(workdir: Path, config: dict, *args: str) -> subprocess.CompletedProcess:
    """Run the real Snakefile in ``workdir`` with ``config`` as its config.yaml."""
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "config.yaml").write_text(yaml.safe_dump(config))
    return subprocess.run(
        [sys.executable, "-m", "snakemake", "--snakefile", str(REPO / "Snakefile")]
        + ["--directory", str(workdir), "--cores", "2", *args],
        capture_output=True,
        text=True,
        timeout=600,
    )


# the article's networks whose default-config metrics tests/test_workflow.py checks
DEFAULT_RUN_NETWORKS = ("sigmoid", "relu", "cos", "tanh")


@pytest.fixture(scope="session")
def default_run(tmp_path_factory) -> Path:
    """The default config's metrics of the networks the tests read, made by the workflow
    itself (the others train as these do; the small config runs every activation)."""
    workdir = tmp_path_factory.mktemp("default")
    targets = [f"results/metrics/{name}.json" for name in DEFAULT_RUN_NETWORKS]
    run = run_workflow(workdir, DEFAULT_CONFIG, *targets)
    assert run.returncode == 0, run.stderr
    return workdir


@pytest.fixture(scope="session")
def small_runs(tmp_path_factory) -> tuple[dict, list[Path]]:
    """The small config, with every figure format, run twice from scratch."""
    config = small_config()
    config["figures"]["formats"] = ["png", "pdf", "svg"]
    workdirs = []
    for name in ("first", "second"):
        workdir = tmp_path_factory.mktemp(name)
        run = run_workflow(workdir, config)
        assert run.returncode == 0, run.stderr
        workdirs.append(workdir)
    return config, workdirs


def copy_repository(root: Path) -> Path:
    """The workflow's files copied to ``root``, to change or run there as a checkout."""
    for name in ("workflow", "scripts", "profiles"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(REPO / "Snakefile", root)
    return root


def snakemake_in(checkout: Path, *args: str) -> subprocess.CompletedProcess:
    """Snakemake as a user runs it: from the root of a checkout, with its config.yaml."""
    return subprocess.run(
        [sys.executable, "-m", "snakemake", "--cores", "2", *args],
        cwd=checkout,
        capture_output=True,
        text=True,
        timeout=600,
    )


# A parametric activation added to a copy's registry as a contributor would add it.
SWISH = '''
def swish(beta: float = 1.0) -> Activation:
    """Swish, z sigmoid(beta z) (Ramachandran, Zoph and Le, 2017)."""

    def f(z):
        return z * _sigmoid(beta * z)

    def df(z):
        s = _sigmoid(beta * z)
        return s + beta * z * s * (1.0 - s)

    label, formula = f"Swish (beta = {beta:g})", r"$z\\,\\sigma(\\beta z)$"
    js = "z / (1 + Math.exp(-beta * z))"
    return Activation("swish", f, df, label, formula, "#17becf", js, {"beta": beta}, swish)


ACTIVATIONS: dict[str, Activation] = {'''


def add_swish(root: Path) -> None:
    """Swish in the registry of the checkout at ``root``: its function and its entry."""
    registry = root / "scripts/nnfit/model/activations.py"
    source = registry.read_text()
    for old, new in (
        ("\n\nACTIVATIONS: dict[str, Activation] = {", SWISH),
        ("        leaky_relu(),\n    )\n}", "        leaky_relu(),\n        swish(),\n    )\n}"),
    ):
        assert source.count(old) == 1, old
        source = source.replace(old, new)
    registry.write_text(source)


@pytest.fixture(scope="session")
def code_checkout(tmp_path_factory) -> Path:
    """A copy of the repository with Swish added to its registry and a finished whole run of
    a tiny config with cos, relu and Swish: tests/test_code_dependencies.py edits its library
    (and undoes each edit), tests/test_new_activation.py reads Swish's outputs."""
    root = copy_repository(tmp_path_factory.mktemp("checkout"))
    add_swish(root)
    config = tiny_config("cos", "relu")
    config["activations"]["swish"] = {"n_hidden": 3, "beta": 2.0}
    config["sweep"]["activations"] = ["cos", "relu", "swish"]
    (root / "config.yaml").write_text(yaml.safe_dump(config))
    run = snakemake_in(root)
    assert run.returncode == 0, run.stderr
    return root
