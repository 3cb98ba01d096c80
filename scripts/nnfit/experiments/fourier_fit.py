"""Cosine networks trained on a periodic target and read node by node (nnfit.model.fourier)."""

import numpy as np

from nnfit.experiments.sweep import initial_batch
from nnfit.model.activations import get_activation
from nnfit.model.analysis import function_mse
from nnfit.model.fourier import node_sines, target_spectrum
from nnfit.model.training import train


def fit_cosine_series(
    x, y, target, seeds, n_hidden, iterations, adam, criteria, train_range, grid_points
):
    """Cosine networks fit to samples of a periodic target, read node by node.

    Returns each network's nodes as (frequency, amplitude, phase), its train MSE, its MSE
    against the target on the training range and whether it fits (``criteria``), beside
    the target's spectrum: arrays with a leading seed axis.
    """
    act = get_activation("cos")
    result = train(
        initial_batch(act.name, n_hidden, seeds),
        x,
        y,
        act,
        iterations,
        adam,
        raise_on_divergence=False,
    )
    with np.errstate(over="ignore", invalid="ignore"):
        interp_mse = function_mse(result.params, act, train_range, grid_points, target)
    frequency, amplitude, phase = node_sines(result.params)
    target_frequency, target_amplitude = target_spectrum(target)
    return {
        "seed": np.asarray(seeds),
        "node_frequency": frequency,  # (seeds, n_hidden)
        "node_amplitude": amplitude,
        "node_phase": phase,
        "train_mse": result.loss[:, -1],
        "interp_mse": interp_mse,
        "fits": criteria.fits(result.loss[:, -1], interp_mse),
        "target_frequency": target_frequency,
        "target_amplitude": target_amplitude,
    }
