"""Which library files a rule script runs, and one digest of them: a rule's param, so that
editing a module reruns exactly the jobs whose scripts import it, and a moved checkout nothing.
"""

import ast
import functools
import hashlib
from pathlib import Path

LIBRARY = Path(__file__).resolve().parents[1]  # scripts/nnfit


def _module_file(module: str) -> Path | None:
    """The file of a dotted nnfit module (``nnfit.model.network``), a package's __init__.py."""
    parts = module.split(".")[1:]
    if (LIBRARY.joinpath(*parts) / "__init__.py").is_file():
        return LIBRARY.joinpath(*parts) / "__init__.py"
    path = LIBRARY.joinpath(*parts).with_suffix(".py")
    return path if parts and path.is_file() else None


@functools.cache  # the workflow's parse asks for every script's files: each file parsed once
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(), filename=str(path))


def _statements(body: list[ast.stmt]):
    """Every statement in ``body`` and in the blocks nested in it (imports are statements,
    so there is no need to walk the expressions, ten times as many nodes)."""
    for node in body:
        yield node
        for block in ("body", "orelse", "finalbody", "handlers", "cases"):
            yield from _statements(getattr(node, block, []))


def _imported_modules(path: Path) -> set[str]:
    """Dotted nnfit modules a file imports, with every package on the way (Python runs each
    package's __init__.py before its modules)."""
    names = set()
    for node in _statements(_tree(path).body):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
    modules = set()
    for name in names:
        if name == "nnfit" or name.startswith("nnfit."):
            parts = name.split(".")
            modules |= {".".join(parts[:k]) for k in range(1, len(parts) + 1)}
    return modules


@functools.cache
def _files_of(path: Path) -> frozenset[Path]:
    found = {_module_file(module) for module in _imported_modules(path)}
    return frozenset(file for file in found if file is not None)


@functools.cache
def _data_files(path: Path) -> frozenset[Path]:
    """Files beside a module that it names in a string (style.py's nnfit.mplstyle)."""
    text = path.read_text()
    siblings = [p for p in path.parent.iterdir() if p.is_file() and p != path and p.name in text]
    if not siblings:  # no need to walk the tree of a module that names none
        return frozenset()
    strings = {n.value for n in ast.walk(_tree(path)) if isinstance(n, ast.Constant)}
    return frozenset(p for p in siblings if p.name in strings)


@functools.cache
def library_files(script: Path) -> tuple[str, ...]:
    """Every library file a script depends on, relative to the library: the closure of its
    nnfit imports and the data files those modules read."""
    pending, closure = set(_files_of(Path(script))), set()
    while pending:
        file = pending.pop()
        closure.add(file)
        pending |= _files_of(file) - closure
    closure |= {data for file in list(closure) for data in _data_files(file)}
    return tuple(sorted(str(file.relative_to(LIBRARY)) for file in closure))


def library_digest(script: Path) -> str:
    """16 hex digits of SHA-256 over the names and bytes of library_files(script)."""
    digest = hashlib.sha256()
    for name in library_files(script):
        digest.update(name.encode() + b"\0" + (LIBRARY / name).read_bytes() + b"\0")
    return digest.hexdigest()[:16]
