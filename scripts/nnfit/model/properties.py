"""Exact properties of one-hidden-layer networks, measured on trained parameters.

Each function returns how far a network (or a batch: leading axis) is from what
a theorem says, so a large value is a bug, not a finding.
"""

import numpy as np

from nnfit.model.activations import Activation
from nnfit.model.network import Params, forward

# How far a trained network may be from each property before it counts as a bug: the ReLU
# and sigmoid properties are exact up to round-off; Snake's drift is bounded by 1.
THEOREM_TOLERANCE = {"relu_tail": 1e-9, "sigmoid_limit": 1e-9, "snake_drift": 1.0}


def _single(params: Params, k: int) -> Params:
    return Params(*(p[k] for p in params))


def relu_tail_deviation(params: Params, act: Activation) -> np.ndarray:
    """Beyond its outermost kink (-b_i / w_i) a ReLU network is affine: the largest
    gap between the network and the line through two points out there, per network,
    relative to the output's size. (*B,)"""
    deviations = []
    for k in range(params.c.size):
        p = _single(params, k) if params.c.ndim else params
        active = p.w != 0
        kinks = -p.b[active] / p.w[active]
        edge = max(np.abs(kinks).max(initial=0.0), 1.0)
        worst = 0.0
        for side in (-1.0, 1.0):
            x = side * edge * np.array([2.0, 3.0, 5.0, 9.0])
            y = forward(p, x, act)
            line = y[0] + (y[1] - y[0]) * (x - x[0]) / (x[1] - x[0])
            worst = max(worst, np.max(np.abs(y - line)) / max(1.0, np.max(np.abs(y))))
        deviations.append(worst)
    return np.array(deviations).reshape(params.c.shape)


def sigmoid_limits(params: Params) -> tuple[np.ndarray, np.ndarray]:
    """c + sum of v_i over w_i > 0 (as x -> +inf) and over w_i < 0 (x -> -inf);
    a node with w_i = 0 adds v_i / 2 to both. Each (*B,)."""
    w, v, c = params.w, params.v, params.c
    flat = 0.5 * np.where(w == 0, v, 0.0).sum(-1)
    return c + np.where(w > 0, v, 0.0).sum(-1) + flat, c + np.where(w < 0, v, 0.0).sum(-1) + flat


def sigmoid_limit_deviation(params: Params, act: Activation) -> np.ndarray:
    """Distance between the network far out (where every |w_i x + b_i| > 50) and its limits."""
    upper, lower = sigmoid_limits(params)
    scale = np.abs(params.w)
    far = np.max((50.0 + np.abs(params.b)) / np.where(scale > 0, scale, np.inf), axis=-1)
    gaps = []
    for k in range(params.c.size):
        p = _single(params, k) if params.c.ndim else params
        x_far = float(np.atleast_1d(far)[k]) + 1.0
        y = forward(p, np.array([-x_far, x_far]), act)
        gaps.append(max(abs(y[0] - np.atleast_1d(lower)[k]), abs(y[1] - np.atleast_1d(upper)[k])))
    return np.array(gaps).reshape(params.c.shape)


def snake_drift(params: Params) -> np.ndarray:
    """sum_i v_i w_i: the slope at which a one-layer Snake network drifts far from the data."""
    return (params.v * params.w).sum(-1)


def snake_drift_deviation(params: Params, act: Activation, a: float) -> np.ndarray:
    """How far the network's average slope over a long stretch is from sum_i v_i w_i.

    Snake is z plus a bounded term, sin^2(az)/a in [0, 1/a]; over a stretch of length L
    the slope can differ from the drift by at most sum_i |v_i| / (a L), which bounds the
    deviation divided by that allowance below 1.
    """
    length = 1e4
    x = np.array([length, 2 * length])
    slope = np.diff(forward(params, x, act), axis=-1)[..., 0] / length
    allowance = np.abs(params.v).sum(-1) / (a * length)
    return np.abs(slope - snake_drift(params)) / np.maximum(allowance, 1e-300)
