"""Library code as a rule input: an edit reruns exactly the jobs whose scripts import it.

The reference is independent of the workflow's own import analysis (ast, in common.smk):
each rule script is started with a stand-in ``snakemake`` object that stops it at its first
use, after its imports, and the nnfit modules Python actually loaded are read off
``sys.modules`` (each script in its own process, forked from one that has loaded numpy,
matplotlib and the like but no nnfit module).
"""

import functools
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from conftest import REPO, snakemake_in

IMPORTS_OF = textwrap.dedent(
    """
    import builtins, os, sys, traceback

    # what the rule scripts import from outside the library, loaded once before the forks:
    # each child then loads only what its script adds, the nnfit modules among it
    import imageio.v3, matplotlib.pyplot, numba, numpy, PIL.Image, scipy, yaml

    class Stop(Exception):
        pass

    class StandIn:
        def __init__(self, log):
            self.log = [log]

        def __getattr__(self, name):
            raise Stop  # the script is past its imports: stop before it does any work

    library, out, scripts = sys.argv[1], sys.argv[2], sys.argv[3:]
    sys.path.insert(0, library)
    for k, script in enumerate(scripts):
        child = os.fork()
        if child == 0:  # a fresh copy of this process: no nnfit module loaded yet
            status = 1
            try:
                builtins.snakemake = StandIn(f"{out}/{k}.log")
                try:
                    exec(compile(open(script).read(), script, "exec"), {"__name__": "__main__"})
                except Stop:
                    pass
                with open(f"{out}/{k}.txt", "w") as found:
                    found.write(" ".join(sorted(
                        m.__file__ for name, m in list(sys.modules.items())
                        if (name == "nnfit" or name.startswith("nnfit."))
                        and getattr(m, "__file__", None)
                    )))
                status = 0
            finally:
                if status:
                    traceback.print_exc()
                os._exit(status)
        if os.waitpid(child, 0)[1]:
            sys.exit(f"{script}: its imports failed")
    """
)


@functools.cache
def runtime_imports_of_every_script() -> dict[Path, frozenset[str]]:
    """For each rule script, the nnfit files (relative to the library) that running it
    imports (one Python start-up and one import of numpy, matplotlib... for all scripts)."""
    scripts = sorted((REPO / "scripts").glob("*.py"))
    out = Path(tempfile.mkdtemp())
    subprocess.run(
        [sys.executable, "-c", IMPORTS_OF, str(REPO / "scripts"), str(out), *map(str, scripts)],
        capture_output=True,
        text=True,
        check=True,
    )
    library = REPO / "scripts/nnfit"
    return {
        script: frozenset(
            str(Path(file).relative_to(library)) for file in (out / f"{k}.txt").read_text().split()
        )
        for k, script in enumerate(scripts)
    }


def runtime_imports(script: Path) -> frozenset[str]:
    """The nnfit files (relative to the library) that running ``script`` imports."""
    return runtime_imports_of_every_script()[script]


@pytest.fixture(scope="module")
def checkout(code_checkout) -> Path:
    """A copy of the repository with a finished tiny run (conftest.code_checkout)."""
    return code_checkout


def summary(checkout: Path) -> list[tuple[str, str, str]]:
    """Snakemake's dry-run summary: each output's path, rule and status."""
    run = snakemake_in(checkout, "--summary")
    assert run.returncode == 0, run.stderr
    rows = [line.split("\t") for line in run.stdout.splitlines()[1:]]
    return [(row[0], row[2], row[4]) for row in rows]


@pytest.fixture(scope="module")
def rules_of_the_run(checkout) -> set[str]:
    """The rules of the finished run's jobs, read once (a summary is a Snakemake start-up)."""
    return {rule for _, rule, _ in summary(checkout)}


def rules_with_changed_code(checkout: Path) -> set[str]:
    # (--list-changes params lists every output in Snakemake 9.27, changed or not)
    return {rule for _, rule, status in summary(checkout) if status == "params changed"}


def rule_scripts() -> dict[str, Path]:
    """Each rule's script, as the rule files name it (two rules may share one; a rule made
    by ``use rule ... as ... with:`` runs its base rule's script)."""
    found, derived = {}, []
    for rules in (REPO / "workflow/rules").glob("*.smk"):
        text = rules.read_text()
        for block in re.split(r"^\s*rule ", text, flags=re.MULTILINE)[1:]:
            script = re.search(r'"\.\./\.\./scripts/(\w+\.py)"', block)
            if script:
                found[block.split(":", 1)[0]] = REPO / "scripts" / script.group(1)
        derived += re.findall(r"^use rule (\w+) as (\w+) with:", text, flags=re.MULTILINE)
    for base, rule in derived:
        found.setdefault(rule, found[base])
    return found


@pytest.mark.parametrize(
    ("edited", "imported"),
    [
        # every random draw: the data and each initialisation
        ("model/seeding.py", "model/seeding.py"),
        ("model/activations.py", "model/activations.py"),
        ("publish/tables.py", "publish/tables.py"),
        ("model/fourier.py", "model/fourier.py"),
        ("figures/nnfit.mplstyle", "figures/style.py"),  # read by style.py, not imported
        ("grading/__init__.py", "grading/__init__.py"),  # a package runs before its modules
    ],
)
def test_editing_a_library_file_reruns_exactly_the_rules_that_use_it(
    checkout, rules_of_the_run, edited, imported
):
    scripts = rule_scripts()
    expected = {
        rule
        for rule in rules_of_the_run
        if rule in scripts and imported in runtime_imports(scripts[rule])
    }
    assert expected, f"no rule of this config uses {imported}: the case tests nothing"
    library_file = checkout / "scripts/nnfit" / edited
    original = library_file.read_text()
    try:
        library_file.write_text(original + "\n# an edit\n")
        assert rules_with_changed_code(checkout) == expected
    finally:
        library_file.write_text(original)


def test_a_finished_checkout_copied_elsewhere_has_nothing_to_do(checkout, tmp_path):
    assert {status for _, _, status in summary(checkout)} == {"ok"}  # edits above undone
    moved = tmp_path / "moved"
    shutil.copytree(checkout, moved, symlinks=True)  # copy2 keeps every file's mtime
    run = snakemake_in(moved, "--dry-run")
    assert run.returncode == 0, run.stderr
    assert "Nothing to be done" in run.stdout + run.stderr
