"""Provenance and the CI artifact: what made each result, checked from the files themselves."""

import copy
import hashlib
import io
import json
import zipfile
from importlib import metadata

import pytest
from PIL import Image

from conftest import run_workflow, small_config
from nnfit.publish.packaging import MANIFEST, pack
from nnfit.publish.provenance import PACKAGES, config_hash, figure_config, figure_hashes

NAMES = ("cos", "sigmoid")


def read_manifest(archive: zipfile.ZipFile) -> dict[str, tuple[int, str]]:
    header, *rows = archive.read(MANIFEST).decode().splitlines()
    assert header == "file\tsize\tsha256"
    return {name: (int(size), digest) for name, size, digest in (r.split("\t") for r in rows)}


def test_config_hash_ignores_key_order_but_not_values():
    config = small_config()
    reordered = dict(reversed(list(config.items())))
    assert config_hash(reordered) == config_hash(config)
    changed = copy.deepcopy(config)
    changed["data"]["noise_sd"] = 0.2
    assert config_hash(changed) != config_hash(config)


def test_an_activation_change_alters_only_its_own_figures_hash():
    config = small_config()
    config["sweep"] = {"seeds": 5}  # a key no figure of the article depends on
    changed = copy.deepcopy(config)
    changed["activations"]["relu"]["lr"] = 0.02
    changed["sweep"]["seeds"] = 50
    before, after = figure_hashes(config), figure_hashes(changed)
    assert {name for name in before if before[name] != after[name]} == {"relu"}
    assert "relu" not in json.dumps(figure_config(config, "sigmoid"))


def test_pack_writes_a_manifest_matching_the_packed_bytes(tmp_path):
    sources = {"figures/a.png": b"\x89PNG fake", "metrics/a.json": b"{}\n", "claims.md": b""}
    files = {}
    for name, data in sources.items():
        path = tmp_path / "src" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        files[name] = path
    pack(tmp_path / "a.zip", files)
    pack(tmp_path / "b.zip", dict(reversed(list(files.items()))))
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        assert archive.testzip() is None
        assert set(archive.namelist()) == {MANIFEST, *sources}
        for name, (size, digest) in read_manifest(archive).items():
            assert size == len(sources[name])
            assert digest == hashlib.sha256(archive.read(name)).hexdigest()


@pytest.fixture(scope="module")
def artifacts_run(small_runs):
    """The artifacts target, after a whole run of the small config in every format."""
    config, (workdir, _) = small_runs
    run = run_workflow(workdir, config, "artifacts")
    assert run.returncode == 0, run.stderr
    return config, workdir


def test_provenance_records_config_versions_and_commit(artifacts_run):
    config, workdir = artifacts_run
    record = json.loads((workdir / "results/provenance.json").read_text())
    assert {k: record["config"][k] for k in config} == config
    canonical = json.dumps(record["config"], sort_keys=True, separators=(",", ":"))
    assert record["config_sha256"] == hashlib.sha256(canonical.encode()).hexdigest()[:16]
    for package in PACKAGES:
        assert record["versions"][package] == metadata.version(package)
    assert record["versions"]["python"].count(".") == 2
    assert len(record["git"]["commit"]) == 40  # the tests run from a git checkout


def test_static_figures_carry_their_config_hash(artifacts_run):
    _, workdir = artifacts_run
    hashes = json.loads((workdir / "results/provenance.json").read_text())
    hashes = hashes["figure_config_sha256"]
    figures = workdir / "results/figures"
    stems = {"network": "data", "sinusoid": "data"}
    stems |= {f"{name}{suffix}": name for name in NAMES for suffix in ("", "_hidden")}
    stems |= {f"{name}_extrapolation": name for name in NAMES}
    for stem, scope in stems.items():
        assert Image.open(figures / f"{stem}.png").text["nnfit-config-sha256"] == hashes[scope]
        stamp = f"nnfit-config-sha256:{hashes[scope]}".encode()
        for ext in ("pdf", "svg"):
            assert stamp in (figures / f"{stem}.{ext}").read_bytes(), f"{stem}.{ext}"


def test_artifact_zip_packs_figures_metrics_and_provenance(artifacts_run):
    config, workdir = artifacts_run
    results = workdir / "results"
    with zipfile.ZipFile(results / "nnfit-figures.zip") as archive:
        manifest = read_manifest(archive)
        assert set(archive.namelist()) == {MANIFEST, *manifest}
        for name, (size, digest) in manifest.items():
            data = (results / name).read_bytes()
            assert (size, digest) == (len(data), hashlib.sha256(data).hexdigest()), name
            assert archive.read(name) == data, name
        gif = Image.open(io.BytesIO(archive.read("figures/cos_training.gif")))
        assert gif.n_frames > 1
    expected = {"provenance.json", "figures/network.png", "figures/sinusoid.svg"}
    expected |= {"claims.md", "claims.json", "figures/reliability.png", "index.html"}
    expected |= {"pages/claims.html", "explorer.html"}
    for name in config["activations"]:
        expected |= {f"metrics/{name}.json", f"figures/{name}_training.gif"}
        expected |= {f"figures/{name}_extrapolation.{ext}" for ext in ("png", "pdf", "svg")}
    assert expected <= set(manifest)
    assert not any(name.startswith(("models/", "analysis/", "logs/")) for name in manifest)
    assert "report/explorer.html" not in manifest  # the report's copy: explorer.html is there
