"""The few lines a finished run ends with: where its results are and what was found."""

import json
from collections import Counter
from pathlib import Path


def made_by_another_config(results: Path, config_sha256: str | None) -> bool:
    """Whether the claims and pages under ``results`` are an earlier run's, of another config
    (`figures` remakes neither): provenance_claims.json records the config they were made by."""
    record = results / "provenance_claims.json"
    if config_sha256 is None or not record.exists():
        return False
    try:
        return json.loads(record.read_text()).get("config_sha256") != config_sha256
    except (ValueError, AttributeError):
        return False  # damaged: snakemake verify names it


def run_summary(results: Path, folder: Path = Path(), config_sha256: str | None = None) -> str:
    """Where the figures, gallery and claims are under ``results`` and the claims' verdicts;
    only what the run has made so far is named, each path as typed from the repository's
    root (a named run's ``folder`` is runs/<name>), and claims and gallery left by a run of
    another config are said to be."""
    shown = folder / results
    lines = ["nnfit finished."]
    figures = results / "figures"
    if figures.is_dir():
        count = sum(1 for _ in figures.iterdir())
        lines.append(f"  figures: {shown / 'figures'}/ ({count} files)")
    stale = made_by_another_config(results, config_sha256)
    earlier = "; made by an earlier run of another config: snakemake --cores 4 remakes it"
    if (results / "index.html").exists():
        note = earlier if stale else " (open it in a browser)"
        lines.append(f"  gallery: {shown / 'index.html'}{note}")
    report = f"snakemake --report {results / 'report.html'}"
    if folder != Path():  # a named run's paths are within its folder
        report += f" with the same config writes {shown / 'report.html'}"
    lines.append(f"  report:  {report}")
    claims = results / "claims.json"
    if claims.exists():
        verdicts = Counter(claim["verdict"] for claim in json.loads(claims.read_text()))
        counts = ", ".join(f"{verdict}: {n}" for verdict, n in verdicts.most_common())
        lines.append(f"  claims:  {shown / 'claims.md'}: {counts}{earlier if stale else ''}")
    return "\n".join(lines)
