"""Target functions the networks fit, in one registry, and the user's own from the config.

Each target is a function of x with a label for figures, its period (None when it has
none: extrapolation is graded only for periodic targets) and the activations whose shape
is its shape, the explicit map the shape-match claims grade. A user's target is either a
sum of harmonics (``[[frequency, amplitude, phase], ...]``) or an expression in x, parsed
into a tree of allowed operations and evaluated with numpy (nnfit.model.expressions; never
by Python's eval).
"""

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from nnfit.model.expressions import ExpressionError, evaluate, excerpt, parse

Array = np.ndarray
TWO_PI = 2.0 * np.pi
ARTICLE_TARGET = "sine"  # the article's data; its figures keep the article's titles


@dataclass(frozen=True)
class Target:
    name: str
    f: Callable[[Array], Array]
    label: str  # mathtext, in legends and titles
    period: float | None  # None: not periodic, so extrapolation is not graded
    matches: tuple[str, ...] = ()  # activations of the same shape (what the takeaway favours)
    terms: tuple | None = None  # [frequency, amplitude, phase] rows of a sum of harmonics


def harmonic_sum(terms) -> Callable[[Array], Array]:
    """Sum of amplitude * sin(frequency * x + phase) over [frequency, amplitude, phase] terms."""
    terms = np.asarray(terms, dtype=float)  # (n_terms, 3)

    def target(x):
        f, a, phase = terms[:, 0], terms[:, 1], terms[:, 2]
        return (a * np.sin(np.multiply.outer(x, f) + phase)).sum(axis=-1)

    return target


def harmonic_period(terms) -> float | None:
    """2 pi / the frequencies' greatest common divisor when they are whole numbers, else None."""
    frequencies = [term[0] for term in terms]
    if not all(float(f).is_integer() and f > 0 for f in frequencies):
        return None
    return TWO_PI / math.gcd(*(int(f) for f in frequencies))


def _square(x):
    return np.sign(np.sin(x))


def _triangle(x):
    return (2.0 / np.pi) * np.arcsin(np.sin(x))


def _sawtooth(x):
    # rises with slope 1/pi from -1 to 1, then jumps back at odd multiples of pi
    return 2.0 * (x / TWO_PI - np.floor(x / TWO_PI + 0.5))


def _step(x):
    return np.where(x < 0, 0.0, 1.0)


def _bump(x):
    return np.exp(-0.5 * x**2)


def _quadratic(x):
    return x**2 / 10.0  # scaled so the training range's values stay near the sine's


HARMONICS = [[1.0, 1.0, 0.0], [2.0, 0.5, 0.8], [3.0, 0.3, -1.2]]

TARGETS: dict[str, Target] = {
    target.name: target
    for target in (
        Target("sine", np.sin, r"$\sin(x)$", TWO_PI, ("cos", "sin"), ((1.0, 1.0, 0.0),)),
        # a jump is a steep sigmoid: one step node per jump
        Target("square", _square, r"$\mathrm{sign}(\sin x)$", TWO_PI, ("sigmoid", "tanh")),
        # a kink is a ReLU: one node per corner
        Target("triangle", _triangle, r"triangle wave", TWO_PI, ("relu",)),
        Target("sawtooth", _sawtooth, r"sawtooth wave", TWO_PI, ("saw",)),
        Target("abs", np.abs, r"$|x|$", None, ("relu",)),
        Target("step", _step, r"step at $x = 0$", None, ("sigmoid", "tanh")),
        Target("bump", _bump, r"$e^{-x^2/2}$", None),
        Target("quadratic", _quadratic, r"$x^2/10$", None),
        Target(
            "harmonics",
            harmonic_sum(HARMONICS),
            "three harmonics",
            TWO_PI,
            ("cos", "sin"),
            tuple(map(tuple, HARMONICS)),
        ),
    )
}


class TargetError(ValueError):
    """A user target that cannot be evaluated; the message names its config key."""


def expression_function(key: str, expression: str) -> Callable[[Array], Array]:
    """f(x) from an expression in x, parsed into a checked tree (never run by Python)."""
    try:
        tree = parse(expression)
    except ExpressionError as err:
        raise TargetError(f"{key}: cannot read {excerpt(str(expression))} ({err})") from None

    def f(x):
        return evaluate(tree, x)

    return f


def user_target(name: str, entry) -> Target:
    """A config entry of ``targets``: harmonic terms, or {expression, period, label, matches}."""
    if isinstance(entry, Mapping):
        f = expression_function(f"targets.{name}.expression", entry["expression"])
        label = entry.get("label", entry["expression"])
        return Target(name, f, label, entry.get("period"), tuple(entry.get("matches", ())))
    label = " + ".join(f"{a:g} sin({f:g}x{phase:+g})" for f, a, phase in entry)
    period = harmonic_period(entry)
    terms = tuple(map(tuple, entry))
    return Target(name, harmonic_sum(entry), label, period, ("cos", "sin"), terms)


def get_target(name: str, user_targets: Mapping | None = None) -> Target:
    """The named target: the user's entry of ``targets`` if there is one, else the registry's."""
    if user_targets and name in user_targets:
        return user_target(name, user_targets[name])
    if name not in TARGETS:
        known = ", ".join([*TARGETS, *(user_targets or {})])
        raise TargetError(f"unknown target {name!r}; known: {known}")
    return TARGETS[name]


def target_spec(name: str, user_targets: Mapping | None) -> dict:
    """What a rule needs to rebuild a target: its name and the user's entry, if any."""
    return {"name": name, "entry": (user_targets or {}).get(name)}


def from_spec(spec: Mapping) -> Target:
    entry = spec.get("entry")
    return get_target(spec["name"], {spec["name"]: entry} if entry is not None else None)


MAX_MAGNITUDE = 1e6  # as the ranges: beyond, squared errors overflow and axes break
FIGURE_POINTS = 500  # the target's curve in the data figure (nnfit.figures.article)


def finite_problem(target: Target, key: str, grids) -> str | None:
    """Why a target cannot be fit (a value that is not finite, or beyond +-MAX_MAGNITUDE) on
    one of ``grids``, each (what it is, [low, high], points), or None."""
    for what, x_range, points in grids:
        x = np.linspace(*x_range, points)
        with np.errstate(all="ignore"):
            y = target.f(x)
        bad = ~np.isfinite(y)
        if bad.any():
            return (
                f"{key}: {target.name} is not finite at x = {x[bad][0]:.17g} "
                f"(on {what}, {points} points over {list(x_range)})"
            )
        large = np.abs(y) > MAX_MAGNITUDE
        if large.any():
            return (
                f"{key}: {target.name} is {y[large][0]:.3g} at x = {x[large][0]:.6g}, beyond "
                f"+-{MAX_MAGNITUDE:g} (on {what}, {points} points over {list(x_range)})"
            )
    return None
