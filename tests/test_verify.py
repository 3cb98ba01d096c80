"""snakemake verify: every output decodes as its kind and matches its recorded digest."""

import csv
import hashlib
import json
import os
import zipfile

import matplotlib
import numpy as np
import pytest
from PIL import Image

from conftest import run_workflow, tiny_config
from nnfit.publish.verify import damage, problems

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def figure(path):
    fig, ax = plt.subplots(figsize=(2, 2))
    ax.plot([0, 1], [1, 0])
    fig.savefig(path)
    plt.close(fig)


def gif(path):
    frames = [Image.new("P", (8, 8), color) for color in (1, 2, 3)]
    frames[0].save(path, save_all=True, append_images=frames[1:])


def whole_files(directory) -> dict[str, object]:
    """One whole file of each kind, made by the libraries nnfit writes them with."""
    made = {}
    for ext in ("png", "pdf", "svg"):
        made[ext] = directory / f"figure.{ext}"
        figure(made[ext])
    made["gif"] = directory / "training.gif"
    gif(made["gif"])
    made["npz"] = directory / "model.npz"
    np.savez_compressed(made["npz"], w=np.arange(1000.0), loss=np.ones(1000))
    made["json"] = directory / "metrics.json"
    made["json"].write_text(json.dumps({"train_mse": 0.01}))
    made["csv"] = directory / "sweep.csv"
    with open(made["csv"], "w", newline="") as stream:
        csv.writer(stream).writerows([["seed", "fits"], [0, True], [1, False]])
    return made


def junk_inside(path):
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(range(64))
    path.write_bytes(bytes(data))


def emptied(path):
    path.write_bytes(b"")


def truncated(path):
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])


DAMAGES = {
    "png": [junk_inside, emptied, truncated],
    "gif": [junk_inside, emptied, truncated],
    "pdf": [emptied, truncated],
    "svg": [emptied, truncated],
    "npz": [junk_inside, emptied, truncated],
    "json": [emptied, truncated, lambda p: p.write_text('{"train_mse": NaN}')],
    "csv": [emptied, lambda p: p.write_text("seed,fits\n0,True\n1\n")],
}


def test_whole_files_of_every_kind_pass(tmp_path):
    for path in whole_files(tmp_path).values():
        assert damage(path) is None, path


@pytest.mark.parametrize(
    "kind, hurt", [(kind, hurt) for kind, hurts in DAMAGES.items() for hurt in hurts]
)
def test_each_damage_to_each_kind_is_found_and_named(tmp_path, kind, hurt):
    path = whole_files(tmp_path)[kind]
    hurt(path)
    (found,) = problems([path], {})
    assert found.startswith(f"{path}: does not decode as {kind.upper()}")
    assert found.endswith(f"remake it with: snakemake --cores 4 --force {path}")


def test_a_whole_file_that_is_not_the_one_recorded_is_found(tmp_path):
    path = whole_files(tmp_path)["png"]
    recorded = hashlib.sha256(path.read_bytes()).hexdigest()
    assert problems([path], {str(path): recorded}) == []
    Image.new("RGB", (4, 4)).save(path)  # a valid PNG, but another
    (found,) = problems([path], {str(path): recorded})
    assert "its SHA-256 differs from the one recorded when it was made" in found


def hurt_keeping_time(path, hurt):
    """Damage a file and restore its timestamp, so Snakemake sees nothing to do."""
    stat = path.stat()
    hurt(path)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


@pytest.mark.slow
def test_verify_and_artifacts_name_every_damaged_output_and_ship_none(tmp_path):
    config = tiny_config("relu")
    assert run_workflow(tmp_path, config, "artifacts").returncode == 0
    results = tmp_path / "results"
    recorded = {}
    for record in ("provenance.json", "provenance_claims.json"):
        recorded |= json.loads((results / record).read_text())["outputs"]
    for path, digest in recorded.items():  # the digests are the files'
        assert hashlib.sha256((tmp_path / path).read_bytes()).hexdigest() == digest, path
    with zipfile.ZipFile(results / "nnfit-figures.zip") as archive:
        shipped = {f"results/{name}" for name in archive.namelist()} - {"results/MANIFEST.tsv"}
    # every file the zip ships has a digest, but the record that holds the others' own
    assert shipped - set(recorded) == {"results/provenance_claims.json"}
    assert run_workflow(tmp_path, config, "verify").returncode == 0

    damaged = {
        "results/figures/relu_hidden.png": junk_inside,
        "results/figures/relu_training.gif": emptied,
        "results/provenance.json": emptied,
        "results/models/relu.npz": truncated,
    }
    # whole files of their kind, but not the ones the run made
    altered = {
        "results/claims.md": lambda p: p.write_text(p.read_text() + "edited by hand\n"),
        "results/index.html": lambda p: p.write_text(p.read_text().replace("<h1>", "<h1>x")),
    }
    for path, hurt in (damaged | altered).items():
        hurt_keeping_time(tmp_path / path, hurt)
    (results / "nnfit-figures.zip").unlink()
    run = run_workflow(tmp_path, config, "verify")
    assert run.returncode != 0
    said = run.stdout + run.stderr
    for path in damaged:
        assert f"{path}: does not decode as" in said, path
    for path in altered:
        assert f"{path}: decodes, but its SHA-256 differs" in said, path
    for path in damaged | altered:
        assert f"remake it with: snakemake --cores 4 --force {path}" in said, path
    (remake_all,) = [line for line in said.splitlines() if "remake them all with" in line]
    assert sorted(remake_all.split("--force ")[1].split()) == sorted(damaged | altered)

    packed = run_workflow(tmp_path, config, "artifacts")
    assert packed.returncode != 0
    assert "not packed" in packed.stdout + packed.stderr
    assert not (results / "nnfit-figures.zip").exists()

    remade = run_workflow(tmp_path, config, "--force", *damaged, *altered)  # as it said
    assert remade.returncode == 0, remade.stderr
    assert run_workflow(tmp_path, config, "verify").returncode == 0
    assert run_workflow(tmp_path, config, "artifacts").returncode == 0
    with zipfile.ZipFile(results / "nnfit-figures.zip") as archive:
        assert (
            archive.read("figures/relu_training.gif")
            == (results / "figures/relu_training.gif").read_bytes()
        )
