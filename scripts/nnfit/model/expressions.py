"""Expressions in x from a config, parsed into a tree of allowed nodes and evaluated with numpy.

A config may come from anyone, so its text never reaches Python's eval (nor numexpr, whose
evaluate ends in eval): ``ast.parse`` only reads it, every node of the syntax tree is
checked against the tables below and rebuilt as a ``Node``, and ``Node.__call__`` evaluates
that tree with numpy's ufuncs. Anything else (a name but x, an attribute, a subscript, a
string, a lambda, a generator, a keyword argument) is refused with the reason.

Each node is a number or a truth (a comparison, and what ``&``, ``|``, ``~`` make of
truths); ``where(truth, number, number)`` turns truths back into numbers, and an expression
must be a number. Every value is float64.
"""

import ast
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

MAX_LENGTH = 1000  # characters: a target is a formula, not a program
MAX_DEPTH = 100  # nested operations: beyond any formula, well within Python's recursion limit
NUMBER, TRUTH = "number", "truth"

# name -> numpy ufunc; each takes numbers and gives a number (numexpr's real functions)
FUNCTIONS: dict[str, np.ufunc] = {
    "abs": np.absolute,
    "arccos": np.arccos,
    "arccosh": np.arccosh,
    "arcsin": np.arcsin,
    "arcsinh": np.arcsinh,
    "arctan": np.arctan,
    "arctan2": np.arctan2,
    "arctanh": np.arctanh,
    "ceil": np.ceil,
    "copysign": np.copysign,
    "cos": np.cos,
    "cosh": np.cosh,
    "exp": np.exp,
    "expm1": np.expm1,
    "floor": np.floor,
    "fmod": np.fmod,
    "hypot": np.hypot,
    "log": np.log,
    "log10": np.log10,
    "log1p": np.log1p,
    "log2": np.log2,
    "maximum": np.maximum,
    "minimum": np.minimum,
    "sign": np.sign,
    "sin": np.sin,
    "sinh": np.sinh,
    "sqrt": np.sqrt,
    "tan": np.tan,
    "tanh": np.tanh,
    "trunc": np.trunc,
}
# (ufunc, kind of its operands, kind of its value)
BINARY = {
    ast.Add: (np.add, NUMBER, NUMBER),
    ast.Sub: (np.subtract, NUMBER, NUMBER),
    ast.Mult: (np.multiply, NUMBER, NUMBER),
    ast.Div: (np.true_divide, NUMBER, NUMBER),
    ast.Pow: (np.power, NUMBER, NUMBER),
    ast.Mod: (np.mod, NUMBER, NUMBER),
    ast.BitAnd: (np.logical_and, TRUTH, TRUTH),
    ast.BitOr: (np.logical_or, TRUTH, TRUTH),
}
UNARY = {
    ast.USub: (np.negative, NUMBER, NUMBER),
    ast.UAdd: (np.positive, NUMBER, NUMBER),
    ast.Invert: (np.logical_not, TRUTH, TRUTH),
}
COMPARE = {
    ast.Lt: np.less,
    ast.LtE: np.less_equal,
    ast.Gt: np.greater,
    ast.GtE: np.greater_equal,
    ast.Eq: np.equal,
    ast.NotEq: np.not_equal,
}
SYMBOLS = {
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
    ast.Pow: "**",
    ast.Mod: "%",
    ast.BitAnd: "&",
    ast.BitOr: "|",
    ast.USub: "-",
    ast.UAdd: "+",
    ast.Invert: "~",
}


class ExpressionError(ValueError):
    """An expression that is not a formula in x; the message says why."""


def excerpt(text: str, limit: int = 60) -> str:
    """``text`` quoted, cut to ``limit`` characters with its length said when longer."""
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}... ({len(text)} characters)"


@dataclass(frozen=True)
class Node:
    """One operation of an expression: ``op`` applied to the values of ``args``; a leaf (no
    op) is the constant ``value``, or x when ``value`` is None."""

    kind: str  # NUMBER or TRUTH
    op: Callable | None = None
    args: tuple["Node", ...] = ()
    value: float | None = None

    def __call__(self, x: np.ndarray) -> np.ndarray:
        if self.op is None:
            return x if self.value is None else np.float64(self.value)
        return self.op(*(arg(x) for arg in self.args))


def _expect(node: Node, kind: str, what: str) -> Node:
    if node.kind != kind:
        raise ExpressionError(f"{what} needs a {kind}, got a {node.kind}")
    return node


def _constant(value) -> Node:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ExpressionError(f"{value!r} is not a number (only numbers and x are allowed)")
    try:
        number = float(value)
    except OverflowError:
        raise ExpressionError(f"the number {excerpt(str(value))} is too large") from None
    if not np.isfinite(number):
        raise ExpressionError(f"the number {value!r} is not finite")
    return Node(NUMBER, value=number)


def _call(node: ast.Call, depth: int) -> Node:
    if not isinstance(node.func, ast.Name):
        raise ExpressionError("only a function of the list may be called, by its name")
    name = node.func.id
    if node.keywords or any(isinstance(arg, ast.Starred) for arg in node.args):
        raise ExpressionError(f"{name}: arguments are given by position only")
    if name != "where" and name not in FUNCTIONS:
        known = ", ".join(["where", *FUNCTIONS])
        raise ExpressionError(f"unknown function {excerpt(name)}; known: {known}")
    args = [_build(arg, depth + 1) for arg in node.args]
    if name == "where":
        if len(args) != 3:
            raise ExpressionError(f"where takes 3 arguments, got {len(args)}")
        _expect(args[0], TRUTH, "where's first argument")
        for arg in args[1:]:
            _expect(arg, NUMBER, "where's second and third arguments")
        return Node(NUMBER, np.where, tuple(args))
    ufunc = FUNCTIONS[name]
    if len(args) != ufunc.nin:
        raise ExpressionError(f"{name} takes {ufunc.nin} argument(s), got {len(args)}")
    for arg in args:
        _expect(arg, NUMBER, f"{name}'s argument")
    return Node(NUMBER, ufunc, tuple(args))


def _build(node: ast.AST, depth: int = 0) -> Node:
    """The checked tree of one node of Python's syntax tree."""
    if depth > MAX_DEPTH:
        raise ExpressionError(f"nested more than {MAX_DEPTH} operations deep")
    if isinstance(node, ast.Expression):
        return _build(node.body, depth)
    if isinstance(node, ast.Constant):
        return _constant(node.value)
    if isinstance(node, ast.Name):
        if node.id != "x":
            raise ExpressionError(f"names {excerpt(node.id)}, but the only variable is x")
        return Node(NUMBER)
    if isinstance(node, ast.BinOp) and type(node.op) in BINARY:
        ufunc, operands, kind = BINARY[type(node.op)]
        what = f"{SYMBOLS[type(node.op)]}"
        args = tuple(_expect(_build(a, depth + 1), operands, what) for a in (node.left, node.right))
        return Node(kind, ufunc, args)
    if isinstance(node, ast.UnaryOp) and type(node.op) in UNARY:
        ufunc, operand, kind = UNARY[type(node.op)]
        arg = _expect(_build(node.operand, depth + 1), operand, SYMBOLS[type(node.op)])
        return Node(kind, ufunc, (arg,))
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in COMPARE:
        args = tuple(
            _expect(_build(a, depth + 1), NUMBER, "a comparison")
            for a in (node.left, node.comparators[0])
        )
        return Node(TRUTH, COMPARE[type(node.ops[0])], args)
    if isinstance(node, ast.Compare) and len(node.ops) > 1:
        raise ExpressionError("a chained comparison: write (a < x) & (x < b)")
    if isinstance(node, ast.Compare):
        raise ExpressionError(f"the comparison {type(node.ops[0]).__name__} is not allowed")
    if isinstance(node, ast.Call):
        return _call(node, depth)
    if isinstance(node, ast.BoolOp | ast.UnaryOp) and isinstance(
        getattr(node, "op", None), ast.And | ast.Or | ast.Not
    ):
        raise ExpressionError("and, or, not: write &, |, ~ between comparisons")
    raise ExpressionError(f"{type(node).__name__} is not allowed in an expression")


def parse(text: str) -> Node:
    """The checked tree of ``text``, or ExpressionError saying what is not allowed."""
    if not isinstance(text, str):
        raise ExpressionError(f"{text!r} is not a string")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"{len(text)} characters, more than {MAX_LENGTH}")
    foreign = [c for c in text if not (c.isascii() and (c.isprintable() or c in " \t\n\r"))]
    if foreign:
        # Python reads look-alike letters (fullwidth, mathematical) as plain ones
        raise ExpressionError(f"{foreign[0]!r} is not a printable ASCII character")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError) as err:
        reason = getattr(err, "msg", None) or str(err) or type(err).__name__
        raise ExpressionError(f"not a formula ({reason})") from None
    node = _build(tree)
    _expect(node, NUMBER, "an expression")
    return node


def evaluate(node: Node, x) -> np.ndarray:
    """``node`` at every point of ``x``, as float64 of x's shape (numpy's warnings silenced:
    a value that is not finite is the caller's to refuse)."""
    x = np.asarray(x, dtype=float)
    with np.errstate(all="ignore"):
        value = node(x)
    return np.broadcast_to(value, x.shape).astype(float)
