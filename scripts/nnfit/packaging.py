"""The CI artifact: chosen results in one zip, with a manifest of sizes and SHA-256 sums."""

import hashlib
import zipfile
from pathlib import Path

from nnfit.artifacts import atomic_path

MANIFEST = "MANIFEST.tsv"
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # fixed entry times: the same files give the same zip


def sha256(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


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
            info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
