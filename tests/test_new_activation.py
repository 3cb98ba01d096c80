"""Adding an activation is its registry entry plus its config entry, and nothing else.

In a copy of the repository, a parametric activation (Swish, z sigmoid(beta z)) is added to
the registry the way a contributor would, given a config entry, and the whole workflow runs
on it: the article figures, the sweep and the claims.
"""

import json

import pytest
import yaml

from conftest import copy_repository, snakemake_in, tiny_config
from nnfit.publish.tables import read_table

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


@pytest.fixture(scope="module")
def repository_with_swish(tmp_path_factory):
    root = copy_repository(tmp_path_factory.mktemp("swish"))
    registry = root / "scripts/nnfit/model/activations.py"
    source = registry.read_text()
    for old, new in (
        ("\n\nACTIVATIONS: dict[str, Activation] = {", SWISH),
        ("        leaky_relu(),\n    )\n}", "        leaky_relu(),\n        swish(),\n    )\n}"),
    ):
        assert source.count(old) == 1, old
        source = source.replace(old, new)
    registry.write_text(source)
    return root


def run(root, config, *args):
    (root / "config.yaml").write_text(yaml.safe_dump(config))
    return snakemake_in(root, *args)


def swish_config(**entry):
    config = tiny_config("sigmoid")
    config["activations"]["swish"] = {"n_hidden": 3, **entry}
    config["sweep"]["activations"] = ["sigmoid", "swish"]
    return config


def test_a_new_parametric_activation_runs_through_the_whole_workflow(repository_with_swish):
    root = repository_with_swish
    done = run(root, swish_config(beta=2.0))
    assert done.returncode == 0, done.stderr
    figures = root / "results/figures"
    for stem in ("swish.png", "swish_hidden.png", "swish_extrapolation.png"):
        assert (figures / stem).stat().st_size > 0, stem
    assert (figures / "swish_training.gif").exists()
    metrics = json.loads((root / "results/metrics/swish.json").read_text())
    assert metrics["parameters"] == {"beta": 2.0} and metrics["n_hidden"] == 3
    table = read_table(root / "results/sweep/sweep.csv")
    swish = table["variant"] == "swish"
    assert swish.any() and (table["beta"][swish] == 2.0).all()
    assert set(table["a"][swish].astype(str)) == {"nan"}  # snake's parameter does not apply


def test_a_new_activations_misspelled_parameter_is_refused_by_name(repository_with_swish):
    refused = run(repository_with_swish, swish_config(betta=2.0), "--dry-run")
    assert refused.returncode != 0
    message = refused.stdout + refused.stderr
    assert "activations.swish: unknown key 'betta' (did you mean 'beta'?)" in message
