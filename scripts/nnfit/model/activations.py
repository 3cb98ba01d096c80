"""Activation functions, each with its exact derivative, in one registry.

Adding an activation is one entry in ``ACTIVATIONS``: the function and its derivative
with respect to the pre-activation ``z`` side by side, its names, its colour in the
summary figures and, for a parametric one, its parameters with their defaults and the
factory that builds it for other values (Snake's ``a``).

The explorer page (nnfit.publish.explorer) draws every curve in the browser: ``js`` is f as a
JavaScript expression in ``z`` and the entry's parameters by name, and ``centre`` says what
-b_i / w_i is for a node (its kink, its centre), if anything.

Training runs in nnfit.model.kernel, which has each registry entry's value and derivative
compiled in (its ``KINDS``); an entry it does not know trains through the same kernel with
f and f' from here, tabulated every step by ``value_and_slope``. An entry whose value and
derivative share work (sigmoid and tanh reuse f for f', the periodic ones one argument for
sin and cos) gives ``f_and_df``, which fills preallocated buffers in one pass.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np

Array = np.ndarray
TWO_PI = 2.0 * np.pi


@dataclass(frozen=True)
class Activation:
    name: str
    f: Callable[[Array], Array]
    df: Callable[[Array], Array]
    label: str  # how figures name it
    formula: str  # mathtext, used in figure titles
    colour: str  # its line colour in every summary figure
    js: str  # f in JavaScript, in z and the parameters: the explorer page's formula
    parameters: Mapping[str, float] = field(default_factory=dict)  # name -> this entry's value
    build: Callable[..., "Activation"] | None = None  # the same activation, other parameters
    # distance from z to the nearest point where f has no derivative (None: smooth everywhere)
    kink_distance: Callable[[Array], Array] | None = None
    f_and_df: Callable[[Array, Array, Array], None] | None = None  # (z, value, slope)
    centre: str | None = None  # what z = 0, x = -b_i / w_i, is for a node: "kink", "centre"

    def value_and_slope(self, z: Array, value: Array, slope: Array) -> None:
        """f(z) into ``value`` and f'(z) into ``slope``, buffers of z's shape and dtype."""
        if self.f_and_df is not None:
            self.f_and_df(z, value, slope)
        else:
            value[...] = self.f(z)
            slope[...] = self.df(z)

    def with_parameters(self, **values) -> "Activation":
        """This activation with some of its parameters set; unknown names are refused."""
        unknown = sorted(set(values) - set(self.parameters))
        if unknown:
            takes = ", ".join(self.parameters) or "no parameters"
            raise ValueError(f"activation {self.name!r} takes {takes}, got {unknown}")
        if not values:
            return self
        return self.build(**{**self.parameters, **values})


def _sigmoid(z, out=None):
    # 1 / (1 + e^-z) is exact to an ulp or two and costs one SIMD exp, a third of scipy's
    # expit here (whose import alone costs every job a quarter of a second); e^-z
    # overflows to inf for z < -709, which gives the exact limit 0
    if out is None:
        out = np.empty_like(z, dtype=np.result_type(z, 1.0))
    np.negative(z, out=out)
    with np.errstate(over="ignore"):
        np.exp(out, out=out)
    out += 1.0
    return np.reciprocal(out, out=out)


def _sigmoid_grad(z):
    s = _sigmoid(z)
    return s * (1.0 - s)


def _sigmoid_and_grad(z, value, slope):
    _sigmoid(z, out=value)
    np.subtract(1.0, value, out=slope)
    slope *= value


def _relu(z):
    return np.maximum(z, 0.0)


def _relu_grad(z):
    # the kink at z == 0 takes the subgradient 0, as the common frameworks do
    return (z > 0).astype(float)


def _relu_and_grad(z, value, slope):
    np.maximum(z, 0.0, out=value)
    np.greater(z, 0.0, out=slope)


def leaky_relu(slope: float = 0.01) -> Activation:
    """Leaky ReLU, max(z, slope z): below its kink a unit still passes a gradient, so it can
    never die (Maas, Hannun and Ng, 2013; 0.01 is their slope and PyTorch's default)."""
    if not 0 <= slope < 1:
        # at 1 it is the identity, and a network of identities is a straight line
        raise ValueError(f"leaky_relu's slope must be at least 0 and below 1, got {slope}")

    def f(z):
        return np.where(z > 0, z, slope * z)

    def df(z):
        # the kink at z == 0 takes the lower side's slope, as ReLU's takes 0
        return np.where(z > 0, 1.0, slope)

    def f_and_df(z, value, grad):
        np.greater(z, 0.0, out=grad)  # 1 above the kink, 0 below
        grad *= 1.0 - slope
        grad += slope
        np.multiply(z, grad, out=value)

    formula = rf"$f(z) = \max(z, {slope:g}z)$"
    return Activation(
        "leaky_relu",
        f,
        df,
        f"Leaky ReLU (slope {slope:g})",
        formula,
        "#1f78b4",
        "z > 0 ? z : slope * z",
        {"slope": slope},
        leaky_relu,
        kink_distance=np.abs,
        f_and_df=f_and_df,
        centre="kink",
    )


def _tanh_grad(z):
    return 1.0 - np.tanh(z) ** 2


def _tanh_and_grad(z, value, slope):
    np.tanh(z, out=value)
    np.multiply(value, value, out=slope)
    np.subtract(1.0, slope, out=slope)


def _sin_cos(z, sin_out, cos_out):
    """sin(z) and cos(z) into buffers of z's shape and dtype; cos_out may be z itself.

    In float64, one pass of glibc's vector libm (nnfit.model.libmvec) where the machine has it:
    numpy's scalar sin and cos were nearly all of a periodic network's training time.
    """
    if z.dtype == np.float64 and all(a.flags.c_contiguous for a in (z, sin_out, cos_out)):
        from nnfit.model import (
            libmvec,  # numba's import is a third of a second: only jobs that need it
        )

        if libmvec.AVAILABLE:
            libmvec.sin_cos(z.reshape(-1), sin_out.reshape(-1), cos_out.reshape(-1))
            return
    np.sin(z, out=sin_out)
    np.cos(z, out=cos_out)


def _cos_and_grad(z, value, slope):
    _sin_cos(z, slope, value)
    np.negative(slope, out=slope)


def _sin_and_grad(z, value, slope):
    _sin_cos(z, value, slope)


def _neg_sin(z):
    return -np.sin(z)


def _saw(z):
    # the periodic ReLU: slope 1, period 2 pi (so w = 1 is the sine's frequency)
    return np.mod(z, TWO_PI)


def _saw_grad(z):
    # mod(z, P) = z - P floor(z / P), and floor is constant between its jumps: the
    # derivative is 1 almost everywhere, so the gradient reaches w_i as x and b_i as 1
    return np.ones_like(z)


def _saw_and_grad(z, value, slope):
    # z - 2 pi floor(z / 2 pi): within an ulp of |z| of np.mod, whose exact fmod costs
    # ten times as much here
    np.multiply(z, 1.0 / TWO_PI, out=value)
    np.floor(value, out=value)
    value *= -TWO_PI
    value += z
    slope.fill(1.0)


def _saw_kink_distance(z):
    return np.abs(z - TWO_PI * np.round(z / TWO_PI))


def snake(a: float = 1.0) -> Activation:
    """Snake, x + sin^2(a x) / a (Ziyin, Hartwig and Ueda, NeurIPS 2020)."""
    if not 0 < a <= 100:
        # a divides; beyond 100 its period pi / a is far finer than any samples, and the
        # exact-property checks overflow
        raise ValueError(f"snake's a must be above 0 and at most 100, got {a}")

    def f(z):
        return z + np.sin(a * z) ** 2 / a

    def df(z):
        return 1.0 + np.sin(2.0 * a * z)  # 1 + 2 sin(az) cos(az)

    def f_and_df(z, value, slope):
        np.multiply(z, a, out=slope)
        _sin_cos(slope, value, slope)
        slope *= value
        slope *= 2.0
        slope += 1.0
        value *= value
        value /= a
        value += z

    formula = r"$f(z) = z + \sin^2(z)$" if a == 1 else rf"$f(z) = z + \sin^2({a:g}z) / {a:g}$"
    label = f"Snake (a = {a:g})"
    js = "z + Math.sin(a * z) ** 2 / a"
    return Activation(
        "snake", f, df, label, formula, "#e6ab02", js, {"a": a}, snake, f_and_df=f_and_df
    )


ACTIVATIONS: dict[str, Activation] = {
    act.name: act
    for act in (
        Activation(
            "sigmoid",
            _sigmoid,
            _sigmoid_grad,
            "Sigmoid",
            r"$f(z) = 1 / (1 + e^{-z})$",
            "#1b9e77",
            "1 / (1 + Math.exp(-z))",
            f_and_df=_sigmoid_and_grad,
            centre="centre",
        ),
        Activation(
            "relu",
            _relu,
            _relu_grad,
            "ReLU",
            r"$f(z) = \max(z, 0)$",
            "#d95f02",
            "Math.max(z, 0)",
            kink_distance=np.abs,
            f_and_df=_relu_and_grad,
            centre="kink",
        ),
        Activation(
            "tanh",
            np.tanh,
            _tanh_grad,
            "Tanh",
            r"$f(z) = \tanh(z)$",
            "#e7298a",
            "Math.tanh(z)",
            f_and_df=_tanh_and_grad,
            centre="centre",
        ),
        Activation(
            "cos",
            np.cos,
            _neg_sin,
            "Cosine",
            r"$f(z) = \cos(z)$",
            "#7570b3",
            "Math.cos(z)",
            f_and_df=_cos_and_grad,
        ),
        Activation(
            "sin",
            np.sin,
            np.cos,
            "Sine",
            r"$f(z) = \sin(z)$",
            "#66a61e",
            "Math.sin(z)",
            f_and_df=_sin_and_grad,
        ),
        Activation(
            "saw",
            _saw,
            _saw_grad,
            "Saw (periodic ReLU)",
            r"$f(z) = z \ \mathrm{mod}\ 2\pi$",
            "#a6761d",
            # z mod 2 pi as numpy's np.mod: JavaScript's % is C's fmod, exact, then the
            # same correction of a negative remainder
            "z % (2 * Math.PI) < 0 ? z % (2 * Math.PI) + 2 * Math.PI : z % (2 * Math.PI)",
            kink_distance=_saw_kink_distance,
            centre="kink",
            f_and_df=_saw_and_grad,
        ),
        snake(),
        leaky_relu(),
    )
}

# Every parameter name any activation takes: each is a column of the sweep table.
PARAMETER_NAMES: tuple[str, ...] = tuple(
    sorted({name for act in ACTIVATIONS.values() for name in act.parameters})
)


def get_activation(name: str, **parameters) -> Activation:
    """The named activation, with ``parameters`` set (snake: a) and the rest at defaults."""
    if name not in ACTIVATIONS:
        known = ", ".join(sorted(ACTIVATIONS))
        raise ValueError(f"unknown activation {name!r}; known: {known}")
    return ACTIVATIONS[name].with_parameters(**parameters)
