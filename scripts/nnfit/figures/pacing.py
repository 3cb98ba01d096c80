"""Which training iterations an animation shows: a fixed number of frames (its length times
its frame rate), chosen where the picture changes, so the first hundred iterations, in which
the network finds its shape, get most of them and the long quiet end a few. The report's copy
of the explorer holds the same iterations. numpy only: no figure is drawn here.
"""

from dataclasses import dataclass

import numpy as np

from nnfit.model.activations import Activation
from nnfit.model.artifacts import TrainedModel
from nnfit.model.network import Params, forward, node_contributions

HOLD_FIRST_MS = 500  # the untrained network, long enough to be seen before it moves
HOLD_LAST_MS = 2000  # linger on the final fit before the loop restarts
# Share of the frames spaced evenly in log(1 + iteration) rather than by visible change:
# enough that the counter keeps moving through a quiet stretch (and the last change, late
# and small, is still shown), few enough that the frames follow the picture.
LOG_SHARE = 0.25


@dataclass(frozen=True)
class TrainingFrames:
    """What each frame shows: the network after ``iteration`` steps."""

    iteration: np.ndarray  # (n_frames,)
    loss: np.ndarray  # (n_frames,)
    curves: np.ndarray  # (n_frames, n_grid): the network output on x
    x: np.ndarray  # (n_grid,)
    nodes: np.ndarray | None = None  # (n_frames, n_grid, n_hidden): each v_i h_i(x), if drawn


def frame_iterations(iterations: int, stride: int) -> np.ndarray:
    """The untrained network (iteration 0), every stride-th iteration, and always the last."""
    shown = np.arange(0, iterations + 1, stride)
    return shown if shown[-1] == iterations else np.append(shown, iterations)


def frame_count(seconds: float, fps: float) -> int:
    """Frames in an animation of ``seconds``, the first and last held (HOLD_FIRST_MS,
    HOLD_LAST_MS) and the others shown 1/fps each; at least the first and the last."""
    moving = seconds - (HOLD_FIRST_MS + HOLD_LAST_MS) / 1000
    return 2 + max(0, int(moving * fps + 1e-9))


def paced(iteration: np.ndarray, curves: np.ndarray, n_frames: int) -> np.ndarray:
    """Indices of at most ``n_frames`` of these frames, the first and the last included,
    spaced evenly in progress: a blend of how far the curve has moved so far (the mean
    absolute change of y between consecutive frames, summed) and of log(1 + iteration)."""
    if iteration.size <= n_frames:
        return np.arange(iteration.size)
    step = np.nan_to_num(np.abs(np.diff(curves, axis=0)), posinf=0.0).mean(axis=1)
    moved = np.concatenate([[0.0], np.cumsum(step)])
    logged = np.log1p(iteration - iteration[0]) / np.log1p(iteration[-1] - iteration[0])
    share = LOG_SHARE if moved[-1] > 0 else 1.0  # a curve that never moves: log time only
    progress = (1 - share) * moved / max(moved[-1], np.finfo(float).tiny) + share * logged
    progress[-1] = 1.0  # against rounding: the last frame always ends the animation
    # Frames of large change are reached by several even steps at once; ask for more steps
    # until n_frames distinct frames are found.
    for steps in np.unique(np.geomspace(n_frames, 64 * n_frames, 40).astype(int)):
        chosen = np.unique(np.searchsorted(progress, np.linspace(0, 1, steps), side="left"))
        if chosen.size >= n_frames:
            break
    if chosen.size > n_frames:  # keep the first and last, thin the rest evenly
        keep = np.round(np.linspace(0, chosen.size - 1, n_frames)).astype(int)
        chosen = chosen[keep]
    return chosen


def animation_frames(
    model: TrainedModel, act: Activation, train_range, gif: dict, hidden: bool = False
) -> TrainingFrames:
    """The frames of the network's training animation under ``figures.gif`` settings (its
    stride, seconds, fps and grid_points): the iterations it shows and what they show."""
    x = np.linspace(*train_range, gif["grid_points"])
    n_frames = frame_count(gif["seconds"], gif["fps"])
    return training_frames(model, act, x, gif["stride"], n_frames, hidden=hidden)


def _history_rows(model: TrainedModel, rows: np.ndarray) -> Params:
    return Params(*(h[rows] for h in model.history))


def training_frames(
    model: TrainedModel,
    act: Activation,
    x: np.ndarray,
    stride: int,
    n_frames: int | None = None,
    hidden: bool = False,
) -> TrainingFrames:
    """The network after every stride-th iteration or, given ``n_frames``, after as many of
    those as ``paced`` chooses; with each node's v_i h_i(x) if ``hidden``."""
    iteration = frame_iterations(model.loss.size - 1, stride)
    curves = np.empty((iteration.size, x.size))
    for start in range(0, iteration.size, 64):  # chunks bound the (frames, grid, nodes) array
        rows = iteration[start : start + 64]
        curves[start : start + 64] = forward(_history_rows(model, rows), x, act)
    if n_frames is not None:
        chosen = paced(iteration, curves, n_frames)
        iteration, curves = iteration[chosen], curves[chosen]
    nodes = node_contributions(_history_rows(model, iteration), x, act) if hidden else None
    return TrainingFrames(iteration, model.loss[iteration], curves, x, nodes)
