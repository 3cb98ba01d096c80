"""The few lines a finished run ends with: where its results are and what was found."""

import json
from collections import Counter
from pathlib import Path


def run_summary(results: Path, folder: Path = Path()) -> str:
    """Where the figures, gallery and claims are under ``results`` and the claims' verdicts;
    only what the run has made so far is named, each path as typed from the repository's
    root (a named run's ``folder`` is runs/<name>). Claims and pages of another config are
    not there to name: a run removes them first (nnfit.publish.earlier_runs)."""
    shown = folder / results
    lines = ["nnfit finished."]
    figures = results / "figures"
    if figures.is_dir():
        count = sum(1 for _ in figures.iterdir())
        lines.append(f"  figures: {shown / 'figures'}/ ({count} files)")
    if (results / "index.html").exists():
        lines.append(f"  gallery: {shown / 'index.html'} (open it in a browser)")
    report = f"snakemake --report {results / 'report.html'}"
    if folder != Path():  # a named run's paths are within its folder
        report += f" with the same config writes {shown / 'report.html'}"
    lines.append(f"  report:  {report}")
    claims = results / "claims.json"
    if claims.exists():
        verdicts = Counter(claim["verdict"] for claim in json.loads(claims.read_text()))
        counts = ", ".join(f"{verdict}: {n}" for verdict, n in verdicts.most_common())
        lines.append(f"  claims:  {shown / 'claims.md'}: {counts}")
    return "\n".join(lines)
