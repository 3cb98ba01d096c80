"""Whether each output is whole: it decodes as its kind of file and matches its recorded digest.

Snakemake trusts a file by its timestamp, so junk written into a figure, an emptied GIF or
a truncated model whose old timestamp was restored look done. ``problems`` opens every
file the way a reader would (every frame of a GIF, every array of an NPZ, every row of a
CSV) and compares its SHA-256 with the one recorded when it was made: in provenance.json for
the article's outputs, in provenance_claims.json for the claims, the pages and
provenance.json itself.
"""

import contextlib
import csv
import io
import json
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
from PIL import Image, ImageSequence

from nnfit.model.expressions import excerpt
from nnfit.publish.packaging import sha256


def _image(path: Path) -> None:
    with Image.open(path) as image:
        image.verify()  # the chunks' checksums
    with Image.open(path) as image:
        for frame in ImageSequence.Iterator(image):  # every frame's pixels decompress
            frame.load()


def _pdf(path: Path) -> None:
    data = path.read_bytes()
    if not data.startswith(b"%PDF-"):
        raise ValueError("no %PDF- header")
    if b"startxref" not in data[-1024:] or b"%%EOF" not in data[-1024:]:
        raise ValueError("no cross-reference trailer (%%EOF): truncated")


def _svg(path: Path) -> None:
    root = ElementTree.parse(path).getroot()
    if not root.tag.endswith("svg"):
        raise ValueError(f"the root element is {root.tag}, not svg")


def _npz(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        bad = archive.testzip()  # every member's CRC
        if bad is not None:
            raise ValueError(f"member {bad} fails its checksum")
    with np.load(path, allow_pickle=False) as archive:
        for name in archive.files:
            archive[name]


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def _json(path: Path) -> None:
    json.loads(path.read_text(), parse_constant=_refuse_constant)


def _csv(path: Path) -> None:
    header, *rows = csv.reader(io.StringIO(path.read_text()))  # ValueError when empty
    if not header:
        raise ValueError("no header")
    for number, row in enumerate(rows, start=2):
        if len(row) != len(header):
            raise ValueError(f"line {number} has {len(row)} fields, the header {len(header)}")


def _text(path: Path) -> None:
    if not path.read_text().strip():
        raise ValueError("empty")


DECODERS = {
    ".png": _image,
    ".gif": _image,
    ".pdf": _pdf,
    ".svg": _svg,
    ".npz": _npz,
    ".json": _json,
    ".csv": _csv,
}


def damage(path, digest: str | None = None) -> str | None:
    """Why ``path`` is not a whole file of its kind, or differs from ``digest``; else None."""
    path = Path(path)
    try:
        DECODERS.get(path.suffix, _text)(path)
    except FileNotFoundError:
        return "missing"
    except Exception as err:  # each decoder fails in its own ways: all mean damaged
        kind = path.suffix[1:].upper() or "text"
        return f"does not decode as {kind} ({type(err).__name__}: {excerpt(str(err))})"
    if digest is not None and sha256(path) != digest:
        return "decodes, but its SHA-256 differs from the one recorded when it was made"
    return None


def problems(files, digests: dict[str, str]) -> list[str]:
    """One sentence per damaged file, each saying how to remake it, then (for more than one)
    the command that remakes them all in the order they depend on each other."""
    found = {}
    for path in files:
        why = damage(path, digests.get(str(path)))
        if why:
            found[path] = f"{path}: {why}; remake it with: snakemake --cores 4 --force {path}"
    if len(found) > 1:
        every = " ".join(map(str, found))
        return [*found.values(), f"remake them all with: snakemake --cores 4 --force {every}"]
    return list(found.values())


def recorded_digests(*records) -> dict[str, str]:
    """The outputs' digests that the provenance ``records`` hold (none from a damaged one:
    it is then one of the problems)."""
    digests = {}
    for record in records:
        with contextlib.suppress(OSError, ValueError, AttributeError, TypeError):
            digests |= json.loads(Path(record).read_text()).get("outputs", {})
    return digests
