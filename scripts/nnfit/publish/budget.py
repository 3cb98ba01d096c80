"""Each job's peak memory, estimated from the config before any job runs.

A config from anyone may ask for more than the machine has (a billion grid points, a
history of 1e8 steps): such a run would swap for minutes and die with an empty log. The
estimates below count the float64 arrays each kind of job holds at its peak, from the sizes
the config sets, plus what any job's imports take; ``budget_problems`` refuses every job
whose estimate exceeds ``limits.memory_gb``, naming the keys it grows with.
tests/test_budget.py checks the estimates against tracemalloc's peak of the real code.
"""

import math
from typing import NamedTuple

from nnfit.experiments.snake_paper import PAPER
from nnfit.grading.sensitivity import TRAINING_SETTINGS

FLOAT = 8  # bytes of a float64
GB = 1e9
IMPORTS = 0.3 * GB  # Python, numpy, scipy, matplotlib, numba: 0.15 to 0.3 GB per job
STEP_BUFFERS = 10  # (samples, width) arrays one Adam step holds: z, h, f'(z), gradients, ...
GRID_BUFFERS = 4  # (grid, width) arrays of a network evaluated on a grid
CHUNK_FRAMES = 64  # nnfit.figures.gif evaluates the animation's curves 64 frames at a time
ITERATIONS_FACTOR = max(
    change.get("iterations_factor", 1) for _, change in TRAINING_SETTINGS.values()
)


class Estimate(NamedTuple):
    job: str  # which job, as a reader knows it
    keys: tuple[str, ...]  # the config keys it grows with
    bytes: float


def _training(networks, samples, width, iterations, history_rows=0) -> float:
    """Full-batch training of ``networks`` at once: each step's buffers, the loss curve
    and, if recorded, a parameter history of ``history_rows`` rows (kept twice: as
    trained, then as the float64 copy that is saved)."""
    step = STEP_BUFFERS * networks * samples * width
    loss = 2 * networks * (iterations + 1)
    history = 2 * history_rows * networks * (3 * width + 1)
    return FLOAT * (step + loss + history)


def _grid(networks, points, width) -> float:
    return FLOAT * GRID_BUFFERS * networks * points * width


def article_estimates(config: dict) -> list[Estimate]:
    """The article's networks: training with history, analyses, the animation."""
    data, gif = config["data"], config["figures"]["gif"]
    samples, grid = data["n_samples"], data["grid_points"]
    estimates = []
    for name, entry in config["activations"].items():
        width = entry["n_hidden"]
        iterations = entry.get("iterations", config["training"]["iterations"])
        where = "activations" if "iterations" in entry else "training"
        keys = (f"activations.{name}.n_hidden", f"{where}.iterations", "data.n_samples")
        rows = iterations + 1
        estimates.append(
            Estimate(
                f"train_network ({name})", keys, _training(1, samples, width, iterations, rows)
            )
        )
        estimates.append(
            Estimate(
                f"decompose_network ({name})",
                (f"activations.{name}.n_hidden", "data.grid_points"),
                _grid(1, grid, width),
            )
        )
        frames = math.ceil(iterations / gif["stride"]) + 1
        pixels = (6.4 * gif["dpi"]) * (4.0 * gif["dpi"])  # one byte each, a palette index
        gif_bytes = (
            FLOAT * rows * (3 * width + 1)  # the model's history, loaded
            + FLOAT * frames * gif["grid_points"]  # each frame's curve
            + _grid(CHUNK_FRAMES, gif["grid_points"], width)
            + 2 * frames * pixels  # the frames, and the animated PNG's copy
        )
        gif_keys = (f"{where}.iterations", "figures.gif.stride", "figures.gif.dpi")
        gif_keys += ("figures.gif.grid_points", f"activations.{name}.n_hidden")
        estimates.append(Estimate(f"plot_trained_network ({name})", gif_keys, gif_bytes))
    return estimates


def sweep_estimates(config: dict) -> list[Estimate]:
    """The seed sweep (and its retrained sensitivity settings), the causes, the Fourier
    fits, the shape sweep and Snake's paper setting."""
    data, sweep = config["data"], config["sweep"]
    samples, grid = data["n_samples"], data["grid_points"]
    seeds = max(sweep["seeds"], sweep["deciding_seeds"])  # the deciding cells' batches
    activations = config["activations"]
    estimates = []
    for name in sweep["activations"]:
        entry = activations[name]
        iterations = ITERATIONS_FACTOR * entry.get("iterations", config["training"]["iterations"])
        widths = [*sweep["widths"], *config.get("shapes", {}).get("widths", [])]
        width = max(widths + [entry["n_hidden"]])
        keys = ("sweep.seeds", "sweep.deciding_seeds", "sweep.widths", "training.iterations")
        keys += ("data.n_samples",)
        keys += ("data.grid_points",)
        batch = _training(seeds, samples, width, iterations) + _grid(seeds, grid, width)
        estimates.append(Estimate(f"train_sweep_batch ({name})", keys, batch))
    causes = config.get("causes", {})
    if "relu" in sweep["activations"]:
        iterations = activations["relu"].get("iterations", config["training"]["iterations"])
        rows = iterations // causes.get("record_every", 10) + 2
        width = max(causes.get("relu_widths", [20, 100]))
        keys = ("causes.relu_widths", "causes.record_every", "sweep.seeds", "sweep.deciding_seeds")
        keys += ("training.iterations",)
        relu = _training(seeds, samples, width, iterations, rows)
        estimates.append(Estimate("train_relu_intervention", keys, relu))
    if "cos" in sweep["activations"]:
        checkpoints = causes.get("cos_iterations", [1000, 3000, 10000])
        rows = max(checkpoints) // math.gcd(*checkpoints) + 2
        keys = ("causes.cos_iterations", "sweep.seeds", "sweep.deciding_seeds")
        cos = _training(seeds, samples, 1, max(checkpoints), rows)
        estimates.append(Estimate("train_cos_longer", keys, cos))
    fourier = config["fourier"]
    keys = ("fourier.seeds", "fourier.n_hidden", "fourier.iterations", "data.grid_points")
    fourier_bytes = _training(
        fourier["seeds"], samples, fourier["n_hidden"], fourier["iterations"]
    ) + _grid(fourier["seeds"], grid, fourier["n_hidden"])
    estimates.append(Estimate("fit_fourier", keys, fourier_bytes))
    paper = config.get("snake_paper", {})
    iterations = paper.get("iterations", 15000)
    snake = _training(1, samples, PAPER.n_hidden, iterations) + _grid(1, grid, PAPER.n_hidden)
    keys = ("snake_paper.iterations", "data.grid_points")
    estimates.append(Estimate("train_snake_paper", keys, snake))
    return estimates


def estimates(config: dict) -> list[Estimate]:
    """Every kind of job's peak memory, for a checked config with its defaults."""
    return [
        estimate._replace(bytes=estimate.bytes + IMPORTS)
        for estimate in article_estimates(config) + sweep_estimates(config)
    ]


def budget_problems(config: dict) -> list[tuple[tuple, str]]:
    """(path, message) for every job whose estimate exceeds limits.memory_gb."""
    limit = config["limits"]["memory_gb"]
    return [
        (
            tuple(estimate.keys[0].split(".")),
            f"{', '.join(estimate.keys)}: a {estimate.job} job would need about "
            f"{estimate.bytes / GB:.3g} GB of memory, more than limits.memory_gb = {limit:g}",
        )
        for estimate in estimates(config)
        if estimate.bytes > limit * GB
    ]
