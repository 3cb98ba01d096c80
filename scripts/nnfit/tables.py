"""Tidy tables as CSV: one row per network, written byte-reproducibly."""

import csv

import numpy as np

from nnfit.artifacts import ArtifactError, atomic_path


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


def read_table(path) -> dict[str, np.ndarray]:
    """Columns as arrays: numbers as float, true/false as bool, anything else as str."""
    try:
        with open(path, newline="") as handle:
            rows = list(csv.reader(handle))
    except FileNotFoundError:
        raise ArtifactError(f"{path}: file not found; rerun the rule that makes it") from None
    if not rows:
        raise ArtifactError(f"{path}: empty table; rerun the rule that makes it")
    header, body = rows[0], rows[1:]
    table = {}
    for name, values in zip(
        header, zip(*body, strict=True) if body else [()] * len(header), strict=True
    ):
        if values and set(values) <= {"true", "false"}:
            table[name] = np.array([v == "true" for v in values])
        else:
            try:
                table[name] = np.array(values, dtype=float)
            except ValueError:
                table[name] = np.array(values)
    return table
