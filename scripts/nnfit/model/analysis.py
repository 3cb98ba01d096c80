"""What a trained network does: per-node contributions and extrapolation."""

from collections.abc import Callable

import numpy as np

from nnfit.model.activations import Activation
from nnfit.model.network import Params, forward, node_contributions


def decompose(params: Params, x: np.ndarray, act: Activation) -> dict[str, np.ndarray]:
    """Each v_i h_i(x), the bias c and their sum, which is the network output."""
    contributions = node_contributions(params, x, act)  # (n_grid, n_hidden)
    return {
        "x": x,
        "contributions": contributions,
        "c": params.c,
        "output": contributions.sum(axis=-1) + params.c[..., None],
    }


def outside(x: np.ndarray, x_range) -> np.ndarray:
    return (x < x_range[0]) | (x > x_range[1])


def function_mse(params: Params, act: Activation, train_range, grid_points: int, truth):
    """MSE against the noiseless target on a dense grid over the training range: (*B,)."""
    x_in = np.linspace(*train_range, grid_points)
    return np.mean((forward(params, x_in, act) - truth(x_in)) ** 2, axis=-1)


def fit_metrics(
    params: Params,
    act: Activation,
    x_train: np.ndarray,
    y_train: np.ndarray,
    train_range,
    extrapolation_range,
    grid_points: int,
    truth: Callable[[np.ndarray], np.ndarray],
) -> dict[str, np.ndarray]:
    """Train, interpolation and extrapolation MSE, for one network or a batch: each (*B,).

    Interpolation is measured against the noiseless target ``truth`` on a dense grid over
    the training range, extrapolation on a dense grid over the rest of the
    extrapolation range.
    """
    x_all = np.linspace(*extrapolation_range, grid_points)
    x_out = x_all[outside(x_all, train_range)]
    return {
        "train_mse": np.mean((forward(params, x_train, act) - y_train) ** 2, axis=-1),
        "interp_mse": function_mse(params, act, train_range, grid_points, truth),
        "extrap_mse": np.mean((forward(params, x_out, act) - truth(x_out)) ** 2, axis=-1),
    }
