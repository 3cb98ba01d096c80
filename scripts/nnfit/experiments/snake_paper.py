"""Snake where its authors showed it extrapolating (Ziyin, Hartwig & Ueda, NeurIPS 2020, their
notebook extrapolation_experiments.ipynb): a 1-512-1 network with a = 20 fixed, full-batch SGD
with momentum 0.9 and learning rate 0.01 for 15 000 steps, 64 samples of sin(x) on [-15, -5] and
[5, 15], the input divided by 15. Our sweep trains 10 Snake nodes with Adam for 1000 steps on
one interval; this is the setting the paper's claim was made in.

Not said by the description, chosen here: the samples are drawn uniformly, half on each
interval, with the project's noise; extrapolation is measured beyond the data out to three
times its reach, as everywhere in nnfit.
"""

from dataclasses import dataclass

import numpy as np

from nnfit.model.activations import get_activation
from nnfit.model.analysis import outside
from nnfit.model.network import forward
from nnfit.model.seeding import data_rng, init_rng
from nnfit.model.training import init_params, train_with_momentum


@dataclass(frozen=True)
class PaperSetting:
    n_hidden: int = 512
    a: float = 20.0
    lr: float = 0.01
    momentum: float = 0.9
    n_samples: int = 64
    pieces: tuple = ((-15.0, -5.0), (5.0, 15.0))
    input_scale: float = 15.0  # the network sees x / 15

    @property
    def reach(self) -> float:
        return max(abs(end) for piece in self.pieces for end in piece)


PAPER = PaperSetting()


def paper_training_set(seed: int, noise_sd: float, setting: PaperSetting = PAPER):
    """x (sorted, half on each piece) and y = sin(x) + noise, from the seed's data stream."""
    rng = data_rng(seed)
    per_piece = setting.n_samples // len(setting.pieces)
    x = np.sort(np.concatenate([rng.uniform(*piece, per_piece) for piece in setting.pieces]))
    return x, np.sin(x) + rng.normal(0.0, noise_sd, x.size)


def run_seed(seed: int, iterations: int, noise_sd: float, grid_points: int, setting=PAPER):
    """One network trained in the paper's setting, and how it does on and beyond its data."""
    act = get_activation("snake", a=setting.a)
    x, y = paper_training_set(seed, noise_sd, setting)
    initial = init_params(init_rng(seed, "snake"), setting.n_hidden)
    params, loss = train_with_momentum(
        initial, x / setting.input_scale, y, act, iterations, setting.lr, setting.momentum
    )
    grid = np.linspace(-3 * setting.reach, 3 * setting.reach, grid_points)
    beyond = outside(grid, (-setting.reach, setting.reach))
    on_data = np.any([(grid >= lo) & (grid <= hi) for lo, hi in setting.pieces], axis=0)
    output = forward(params, grid / setting.input_scale, act)
    return {
        "seed": np.array(seed),
        "x": x,
        "y": y,
        "loss": loss,
        "train_mse": np.array(loss[-1]),
        "interp_mse": np.array(np.mean((output[on_data] - np.sin(grid[on_data])) ** 2)),
        "extrap_mse": np.array(np.mean((output[beyond] - np.sin(grid[beyond])) ** 2)),
        "grid": grid,
        "output": output,
    }
