"""The lines a finished run ends with: paths as typed from the root, stale pages named."""

import json
from pathlib import Path

from nnfit.publish.run_summary import run_summary


def finished_run(results: Path, made_by: str) -> Path:
    (results / "figures").mkdir(parents=True)
    (results / "figures/cos.png").write_bytes(b"")
    (results / "index.html").write_text("<h1>gallery</h1>")
    (results / "claims.json").write_text(json.dumps([{"verdict": "holds"}]))
    (results / "provenance_claims.json").write_text(json.dumps({"config_sha256": made_by}))
    return results


def test_the_claims_and_gallery_of_this_config_are_named_plainly(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    finished_run(Path("results"), made_by="abc")
    said = run_summary(Path("results"), Path(), "abc")
    assert "  figures: results/figures/ (1 files)" in said
    assert "  gallery: results/index.html (open it in a browser)" in said
    assert "  claims:  results/claims.md: holds: 1" in said.splitlines()
    assert "another config" not in said


def test_claims_and_gallery_left_by_another_config_are_said_to_be(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    finished_run(Path("results"), made_by="abc")
    said = run_summary(Path("results"), Path(), "def")  # `figures` with another config
    for line in ("gallery: results/index.html", "claims:  results/claims.md: holds: 1"):
        (found,) = [text for text in said.splitlines() if line in text]
        assert found.endswith(
            "made by an earlier run of another config: snakemake --cores 4 remakes it"
        )


def test_a_named_runs_paths_are_shown_from_the_root(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a named run works in runs/<name>/
    finished_run(Path("results"), made_by="abc")
    said = run_summary(Path("results"), Path("runs/mine"), "abc")
    assert "  figures: runs/mine/results/figures/ (1 files)" in said
    assert "snakemake --report results/report.html with the same config writes " in said
    assert said.rstrip().endswith("runs/mine/results/claims.md: holds: 1")
