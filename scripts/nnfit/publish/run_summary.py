"""The few lines a finished run ends with: where its results are and what was found."""

import json
from collections import Counter
from pathlib import Path


def run_summary(results: Path) -> str:
    """Where the figures, gallery and claims are under ``results`` and the claims' verdicts;
    only what the run has made so far is named."""
    lines = ["nnfit finished."]
    figures = results / "figures"
    if figures.is_dir():
        lines.append(f"  figures: {figures}/ ({sum(1 for _ in figures.iterdir())} files)")
    gallery = results / "index.html"
    if gallery.exists():
        lines.append(f"  gallery: {gallery} (open it in a browser)")
    lines.append(f"  report:  snakemake --report {results / 'report.html'}")
    claims = results / "claims.json"
    if claims.exists():
        verdicts = Counter(claim["verdict"] for claim in json.loads(claims.read_text()))
        counts = ", ".join(f"{verdict}: {n}" for verdict, n in verdicts.most_common())
        lines.append(f"  claims:  {results / 'claims.md'}: {counts}")
    return "\n".join(lines)
