"""The CI artifact: chosen results in one zip, with a manifest of sizes and SHA-256 sums."""

import hashlib
import zipfile
from pathlib import Path

from nnfit.model.artifacts import atomic_path, zip_entry

MANIFEST = "MANIFEST.tsv"


def sha256(path) -> str:
    with open(path, "rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def manifest(files: dict[str, Path]) -> str:
    """Tab-separated: file (its name in the zip), size in bytes, sha256; sorted by file."""
    rows = [
        f"{name}\t{Path(path).stat().st_size}\t{sha256(path)}\n"
        for name, path in sorted(files.items())
    ]
    return "file\tsize\tsha256\n" + "".join(rows)


def pack(zip_path, files: dict[str, Path]) -> None:
    """Write ``files`` (name in the zip -> path) and their manifest to ``zip_path``."""
    if MANIFEST in files:
        raise ValueError(f"{MANIFEST} is the manifest's own name; rename that file")
    entries = {MANIFEST: manifest(files).encode()} | {
        name: Path(path).read_bytes() for name, path in sorted(files.items())
    }
    with atomic_path(zip_path) as tmp, zipfile.ZipFile(tmp, "w") as archive:
        for name, data in entries.items():
            archive.writestr(zip_entry(name), data)
