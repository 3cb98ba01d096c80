"""Tidy tables as CSV: one row per network, written byte-reproducibly."""

import csv

import numpy as np

from nnfit.experiments.sweep import SWEEP_COLUMNS
from nnfit.model.artifacts import ArtifactError, atomic_path, set_aside


def _cell(value) -> str:
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value)).lower()
    if isinstance(value, (float, np.floating)):
        return repr(float(value))  # the shortest text that reads back to the same float
    return str(value)


def write_table(path, columns: dict[str, list]) -> None:
    names = list(columns)
    with atomic_path(path) as tmp, open(tmp, "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(names)
        writer.writerows(zip(*(map(_cell, columns[n]) for n in names), strict=True))


def read_table(path, columns=(), text_columns=(), rows=None) -> dict[str, np.ndarray]:
    """Columns as arrays: numbers as float, true/false as bool, anything else as str.

    A table that cannot be read, lacks one of ``columns``, holds text in one of them that
    is not in ``text_columns``, or has other than ``rows`` rows (when given) is set aside,
    naming itself.
    """
    try:
        with open(path, newline="") as handle:
            lines = list(csv.reader(handle))
    except FileNotFoundError:
        raise ArtifactError(f"{path}: file not found; rerun the rule that makes it") from None
    except (ValueError, csv.Error) as err:  # UnicodeDecodeError for binary junk
        raise set_aside(path, f"not a readable CSV table ({err})") from None
    if not lines:
        raise set_aside(path, "empty table")
    header, body = lines[0], lines[1:]
    ragged = [i + 2 for i, line in enumerate(body) if len(line) != len(header)]
    if ragged:
        raise set_aside(path, f"line {ragged[0]} has not the header's {len(header)} cells")
    missing = [name for name in columns if name not in header]
    if missing:
        raise set_aside(path, f"missing columns {missing}")
    if rows is not None and len(body) != rows:
        raise set_aside(path, f"{len(body)} rows where {rows} were written")
    table = {}
    cells = zip(*body, strict=True) if body else [()] * len(header)
    for name, values in zip(header, cells, strict=True):
        if values and set(values) <= {"true", "false"}:
            table[name] = np.array([v == "true" for v in values])
        else:
            try:
                table[name] = np.array(values, dtype=float)
            except ValueError:
                table[name] = np.array(values)
    garbled = [n for n in columns if n not in text_columns and table[n].dtype.kind == "U"]
    if garbled:
        raise set_aside(path, f"text where numbers belong in columns {garbled}")
    return table


def read_sweep_table(path, networks: int) -> dict[str, np.ndarray]:
    """sweep.csv, which must hold every column and one row for each of ``networks``: a table
    cut at a row boundary would otherwise drop whole activations without a word."""
    return read_table(path, SWEEP_COLUMNS, text_columns=("variant", "activation"), rows=networks)
