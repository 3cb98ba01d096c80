"""Adding an activation is its registry entry plus its config entry, and nothing else.

In a copy of the repository, a parametric activation (Swish, z sigmoid(beta z)) is added to
the registry the way a contributor would (conftest.code_checkout), given a config entry, and
the whole workflow runs on it: the article figures, the sweep and the claims.
"""

import json
import shutil

import yaml

from conftest import snakemake_in
from nnfit.publish.tables import read_table


def test_a_new_parametric_activation_runs_through_the_whole_workflow(code_checkout):
    root = code_checkout  # its whole run, with swish among the activations, has finished
    config = yaml.safe_load((root / "config.yaml").read_text())
    assert config["activations"]["swish"] == {"n_hidden": 3, "beta": 2.0}
    assert "swish" in config["sweep"]["activations"]
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


def test_a_new_activations_misspelled_parameter_is_refused_by_name(code_checkout, tmp_path):
    root = tmp_path / "checkout"  # a copy without results: the shared checkout stays as it is
    shutil.copytree(code_checkout, root, ignore=shutil.ignore_patterns("results", ".snakemake"))
    config = yaml.safe_load((root / "config.yaml").read_text())
    config["activations"]["swish"] = {"n_hidden": 3, "betta": 2.0}
    (root / "config.yaml").write_text(yaml.safe_dump(config))
    refused = snakemake_in(root, "--dry-run")
    assert refused.returncode != 0
    message = refused.stdout + refused.stderr
    assert "activations.swish: unknown key 'betta' (did you mean 'beta'?)" in message
