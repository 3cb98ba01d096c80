"""Target expressions: parsed into a checked tree, never run by Python, evaluated like numpy."""

import copy
import json
import subprocess
import sys

import numpy as np
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DEFAULT_CONFIG, REPO, run_workflow, tiny_config
from nnfit.model.expressions import MAX_DEPTH, MAX_LENGTH, evaluate, parse
from nnfit.model.targets import TargetError, user_target
from nnfit.publish.config import config_problems

SCHEMA = yaml.safe_load((REPO / "workflow/schemas/config.schema.yaml").read_text())
KEY = "targets.evil.expression"


def escapes(canary: str) -> dict[str, str]:
    """Known ways out of numexpr's and eval's checks; each would create ``canary`` if run."""
    touch = f"open({canary!r}, 'w')"
    hidden = "".join(f"\\x{ord(c):02x}" for c in touch)  # the same call, spelled in escapes
    return {
        "generator (numexpr 2.14.2's escape)": f"1 in (exec({touch!r}) for _ in 'a')",
        "generator alone": f"(exec({touch!r}) for _ in 'a')",
        "list comprehension": f"[exec({touch!r}) for _ in 'a']",
        "lambda": f"(lambda: {touch})()",
        "builtin call": touch,
        "exec": f"exec({touch!r})",
        "eval of escapes": f"eval('{hidden}')",
        "import": f"__import__('os').system('touch {canary}')",
        "attribute": "x.__class__.__base__.__subclasses__()",
        "tuple's class": "().__class__.__bases__[0].__subclasses__()",
        "function attribute": "sin.__globals__",
        "dunder name": "__builtins__",
        "subscript": "x[0]",
        "string": "'sin(x)'",
        "bytes": "b'x'",
        "f-string": f"f'{{{touch}}}'",
        "percent format": "'%s' % x",
        "conditional": f"x if {touch} else x",
        "walrus": f"(y := {touch})",
        "keyword argument": f"sin(x={touch})",
        "starred argument": f"sin(*[{touch}])",
        "set": f"{{{touch}}}",
        "dict": f"{{1: {touch}}}",
        "statement after the formula": f"x; {touch}",
        "line after the formula": f"x\n{touch}",
        "boolean operator": f"x and {touch}",
        "fullwidth exec": f"ｅｘｅｃ({touch!r})",
        "mathematical bold exec": f"𝐞𝐱𝐞𝐜({touch!r})",
        "fullwidth x": "ｘ",
        "greek omicron as o": f"\u03bfpen({canary!r}, 'w')",
        "null byte": f"x\x00{touch}",
        "a call of a call": "sin(x)(x)",
        "getattr": "getattr(x, 'real')",
        "too long": "+".join(["x"] * MAX_LENGTH),
        "deeply nested calls": "sin(" * (MAX_DEPTH + 1) + "x" + ")" * (MAX_DEPTH + 1),
        "deeply nested parentheses": "(" * 300 + "x" + ")" * 300,
        "deeply nested minus": "-" * 900 + "x",
        "a number too large for a float": "9" * 400,
        "complex number": "1j * x",
        "truth as a value": "x < 1",
        "number as a truth": "where(x, 1, 0)",
    }


@pytest.mark.parametrize("case", list(escapes("canary")))
def test_an_escape_is_refused_naming_the_key_and_nothing_runs(case, tmp_path, monkeypatch):
    monkeypatch.setenv("NUMEXPR_SANITIZE", "0")  # numexpr's own checks switched off
    canary = tmp_path / "canary"
    expression = escapes(str(canary))[case]
    with pytest.raises(TargetError, match=f"^{KEY}: cannot read ") as refused:
        user_target("evil", {"expression": expression})
    assert len(str(refused.value)) < 500, "a long expression is cut in the message"
    assert not canary.exists()


def test_the_library_never_loads_numexpr():
    loads = (
        "import sys; sys.path.insert(0, 'scripts');"
        "import nnfit.plan, nnfit.publish.config, nnfit.model.targets as t;"
        "t.user_target('p', {'expression': 'exp(-x**2) * cos(3 * x)'}).f(t.np.zeros(3));"
        "print('numexpr' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", loads], cwd=REPO, capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr
    assert "numexpr" not in (REPO / "requirements.txt").read_text()


@pytest.mark.parametrize("how", ["--configfile", "--config"])
def test_a_dry_run_refuses_an_escape_before_anything_runs(tmp_path, how, monkeypatch):
    monkeypatch.setenv("NUMEXPR_SANITIZE", "0")
    canary = tmp_path / "canary"
    expression = escapes(str(canary))["generator (numexpr 2.14.2's escape)"]
    targets = {"evil": {"expression": expression}}
    if how == "--configfile":
        (tmp_path / "my.yaml").write_text(yaml.safe_dump({"targets": targets}))
        args = ["--configfile", str(tmp_path / "my.yaml")]
    else:
        args = ["--config", f"targets={json.dumps(targets)}"]
    run = run_workflow(tmp_path / "work", tiny_config("relu"), "-n", *args)
    assert run.returncode != 0
    assert f"{KEY}: cannot read" in run.stdout + run.stderr
    assert not canary.exists()


def test_an_escape_in_the_config_is_a_problem_naming_the_key(tmp_path):
    config = copy.deepcopy(DEFAULT_CONFIG)
    config["targets"] = {"evil": {"expression": "(lambda: 1)()"}}
    assert any(p.startswith(f"{KEY}: cannot read") for p in config_problems(config, SCHEMA))


# the reference: the same tree evaluated with numpy here, by a table of its own
NUMPY = {
    "+": np.add,
    "-": np.subtract,
    "*": np.multiply,
    "/": np.divide,
    "**": np.power,
    "%": np.mod,
    "<": np.less,
    ">=": np.greater_equal,
    "==": np.equal,
    "&": np.logical_and,
    "|": np.logical_or,
}
UNARY_NUMPY = {"sin": np.sin, "exp": np.exp, "log": np.log, "abs": np.abs, "sqrt": np.sqrt}
BINARY_NUMPY = {"arctan2": np.arctan2, "hypot": np.hypot, "minimum": np.minimum}

leaves = st.one_of(
    st.just(("x",)),
    st.floats(-1e3, 1e3, allow_nan=False).map(lambda v: ("number", v)),
    st.integers(0, 20).map(lambda v: ("number", v)),
)


def _extend(trees):
    truths = st.tuples(st.sampled_from(["<", ">=", "=="]), trees, trees).map(
        lambda t: ("compare", *t)
    )
    truths = truths | st.tuples(st.sampled_from(["&", "|"]), truths, truths).map(
        lambda t: ("logical", *t)
    )
    return st.one_of(
        st.tuples(st.sampled_from(["+", "-", "*", "/", "**", "%"]), trees, trees).map(
            lambda t: ("binary", *t)
        ),
        trees.map(lambda t: ("negative", t)),
        st.tuples(st.sampled_from(sorted(UNARY_NUMPY)), trees).map(lambda t: ("call", *t)),
        st.tuples(st.sampled_from(sorted(BINARY_NUMPY)), trees, trees).map(lambda t: ("call", *t)),
        st.tuples(truths, trees, trees).map(lambda t: ("where", *t)),
    )


trees = st.recursive(leaves, _extend, max_leaves=12)


def render(tree) -> str:
    """The tree as text, every operation in parentheses, a negative number as (-v)."""
    kind, *rest = tree
    if kind == "x":
        return "x"
    if kind == "number":
        return f"({rest[0]!r})"
    if kind in ("binary", "compare", "logical"):
        op, left, right = rest
        return f"({render(left)} {op} {render(right)})"
    if kind == "negative":
        return f"(-{render(rest[0])})"
    if kind == "call":
        name, *args = rest
        return f"{name}({', '.join(map(render, args))})"
    return f"where({', '.join(map(render, rest))})"


def reference(tree, x):
    kind, *rest = tree
    if kind == "x":
        return x
    if kind == "number":
        return np.float64(rest[0])
    if kind in ("binary", "compare", "logical"):
        op, left, right = rest
        return NUMPY[op](reference(left, x), reference(right, x))
    if kind == "negative":
        return np.negative(reference(rest[0], x))
    if kind == "call":
        name, *args = rest
        return {**UNARY_NUMPY, **BINARY_NUMPY}[name](*(reference(a, x) for a in args))
    return np.where(*(reference(part, x) for part in rest))


@settings(max_examples=300, deadline=None)
@given(trees)
def test_a_generated_expression_evaluates_as_numpy_does_on_its_tree(tree):
    x = np.linspace(-7.0, 7.0, 29)
    with np.errstate(all="ignore"):
        expected = np.broadcast_to(reference(tree, x), x.shape).astype(float)
    np.testing.assert_array_equal(evaluate(parse(render(tree)), x), expected)


@pytest.mark.parametrize(
    "text, numpy",
    [
        ("-x**2", lambda x: -(x**2)),
        ("2**3**2", lambda x: np.full_like(x, 512.0)),
        ("1 - x - 3", lambda x: (1 - x) - 3),
        ("x / 2 / 4", lambda x: (x / 2) / 4),
        ("x % 3 * 2", lambda x: (x % 3) * 2),
        ("2 * x + 1 < 3", None),
        ("where(~(x < 0) & (x < 2), 1, 0)", lambda x: np.where((x >= 0) & (x < 2), 1.0, 0.0)),
        ("where((x < -1) | (x > 1), x, 0)", lambda x: np.where(np.abs(x) > 1, x, 0.0)),
        ("exp(-x**2 / 8) * cos(3 * x)", lambda x: np.exp(-(x**2) / 8) * np.cos(3 * x)),
        ("  sin(x)\n", np.sin),
    ],
)
def test_precedence_is_pythons(text, numpy):
    x = np.linspace(-3.0, 3.0, 13)
    if numpy is None:  # a truth is not a target
        with pytest.raises(ValueError, match="an expression needs a number, got a truth"):
            parse(text)
        return
    np.testing.assert_array_equal(evaluate(parse(text), x), numpy(x))
