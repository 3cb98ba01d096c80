"""What an earlier run of another config left: the claims, their figures and the pages that
provenance_claims.json records. `figures` remakes none of them, so beside its figures they
would describe another config (the gallery would caption the new figures with the old
target's words and numbers). A run removes them before its first job."""

import json
import textwrap
from pathlib import Path, PurePosixPath

RECORD = "provenance_claims.json"
KEPT = {"results/provenance.json"}  # recorded too, but every figures run remakes it


def left_by_another_config(results: Path, config_sha256: str) -> list[Path]:
    """The files under ``results`` that its claims record lists, with the record itself, if
    another config made them; none if the record is this config's, absent or unreadable (a
    damaged record is for `snakemake verify` to name). A listed path that is not a plain
    path under results/ is never returned: the record is a file anyone can edit."""
    record = results / RECORD
    try:
        made = json.loads(record.read_text())
        if made["config_sha256"] == config_sha256:
            return []
        listed = list(made["outputs"])
    except (OSError, ValueError, KeyError, TypeError):
        return []
    found = []
    for name in listed:
        path = PurePosixPath(name) if isinstance(name, str) else None
        if path is None or path.is_absolute() or ".." in path.parts or name in KEPT:
            continue
        if path.parts[:1] != ("results",) or len(path.parts) < 2:
            continue
        file = results.joinpath(*path.parts[1:])
        if file.is_file():
            found.append(file)
    return found + [record]


def remove_left_by_another_config(results: Path, config_sha256: str) -> list[Path]:
    """Remove what ``left_by_another_config`` finds; returns what it removed."""
    removed = left_by_another_config(results, config_sha256)
    for file in removed:
        file.unlink(missing_ok=True)
    return removed


def removal_message(removed: list[Path], folder: Path = Path()) -> str:
    """What a run says it removed, in lines a terminal shows whole, paths as typed from the
    repository's root (a named run's ``folder`` is runs/<name>)."""
    pages = [str(folder / file) for file in removed if file.suffix == ".html"]
    return textwrap.fill(
        f"Removed the claims and pages of an earlier run of another config ({len(removed)} "
        f"files, among them {', '.join(pages) or 'no page'}): beside this run's figures they "
        "would describe that config. A whole run of this config (`snakemake --cores 4` with "
        "the same --configfile or --config) remakes them; a `name:` in a config keeps its "
        "results apart, in runs/<name>/.",
        width=96,
        break_long_words=False,
        break_on_hyphens=False,
    )
