"""The lines a finished run ends with, paths as typed from the root; what a run removes that
another config left."""

import json
from pathlib import Path

from nnfit.publish.earlier_runs import removal_message, remove_left_by_another_config
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
    said = run_summary(Path("results"), Path())
    assert "  figures: results/figures/ (1 files)" in said
    assert "  gallery: results/index.html (open it in a browser)" in said
    assert "  claims:  results/claims.md: holds: 1" in said.splitlines()
    assert "another config" not in said


def test_claims_and_pages_of_another_config_are_removed_and_nothing_else(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a run works in its folder: paths under results/
    results = finished_run(Path("results"), made_by="abc")
    (results / "provenance.json").write_text("{}")
    outside = tmp_path / "escape.txt"
    outside.write_text("not the run's")
    listed = ["results/index.html", "results/claims.json", "results/provenance.json"]
    listed += ["results/../escape.txt", "/etc/hostname", "escape.txt", "results", 7]
    record = {"config_sha256": "abc", "outputs": dict.fromkeys(map(str, listed), "0")}
    (results / "provenance_claims.json").write_text(json.dumps(record))

    assert remove_left_by_another_config(results, "abc") == []  # this config's own
    assert (results / "index.html").exists()

    removed = remove_left_by_another_config(results, "def")  # `figures` with another config
    assert removed == [
        results / "index.html",
        results / "claims.json",
        results / "provenance_claims.json",
    ]
    assert not [file for file in removed if file.exists()]
    assert (results / "provenance.json").exists()  # remade by every figures run
    assert (results / "figures/cos.png").exists()  # not in the record
    assert outside.read_text() == "not the run's"  # a listed path never leaves results/
    said = removal_message(removed, Path("runs/mine"))
    assert max(map(len, said.splitlines())) <= 96  # lines a terminal shows whole
    assert "another config (3 files, among them runs/mine/results/index.html)" in " ".join(
        said.split()
    )


def test_a_damaged_or_missing_record_removes_nothing(tmp_path):
    results = finished_run(tmp_path / "results", made_by="abc")
    for damaged in ("", "[]", '{"config_sha256": "abc"}', '{"outputs": {}}', "{"):
        (results / "provenance_claims.json").write_text(damaged)
        assert remove_left_by_another_config(results, "def") == [], damaged
    (results / "provenance_claims.json").unlink()
    assert remove_left_by_another_config(results, "def") == []
    assert (results / "index.html").exists()


def test_a_named_runs_paths_are_shown_from_the_root(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a named run works in runs/<name>/
    finished_run(Path("results"), made_by="abc")
    said = run_summary(Path("results"), Path("runs/mine"))
    assert "  figures: runs/mine/results/figures/ (1 files)" in said
    assert "snakemake --report results/report.html with the same config writes " in said
    assert said.rstrip().endswith("runs/mine/results/claims.md: holds: 1")
