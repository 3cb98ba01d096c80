"""Is float32 precise enough for the sweep? Every success rate both ways, in one run.

Trains the whole sweep of config.yaml (every swept activation at every width, and Snake
at every swept a) in float64 and in float32 from the same initialisations, and prints,
for each batch, the share of seeds that fit and that extrapolate in each precision with
the 95% Wilson interval of the float64 share; then the same for the share of fitting
cosine networks (at the article's width) whose largest node is the sine. These are the
rates the claims table is built from. Ends with the rates outside their interval (the
sweep could train in float32 only if there were none) and each precision's training time.
nnfit's kernel trains in float64 only; float32 is trained by the numpy path it replaced
(tests/reference_training.py), float64 by the kernel.

    python bench/sweep_precision.py
"""

import sys
import time
from functools import partial
from pathlib import Path

import numpy as np
import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "tests"))

import reference_training  # noqa: E402

from nnfit.experiments.sweep import run_batch  # noqa: E402
from nnfit.grading.claims import FREQUENCY_TOLERANCE, PHASE_TOLERANCE  # noqa: E402
from nnfit.model.activations import get_activation  # noqa: E402
from nnfit.model.criteria import Criteria  # noqa: E402
from nnfit.model.data import sample_training_set  # noqa: E402
from nnfit.model.fourier import split_dominant, wrap  # noqa: E402
from nnfit.model.network import Params  # noqa: E402
from nnfit.model.seeding import data_rng  # noqa: E402
from nnfit.model.training import AdamConfig, train  # noqa: E402

TRAINERS = {np.float64: train, np.float32: partial(reference_training.train, dtype=np.float32)}

Z95 = 1.959964


def wilson_interval(successes: int, n: int) -> tuple[float, float]:
    """The 95% Wilson score interval of a binomial proportion."""
    if n == 0:
        return 0.0, 1.0
    p = successes / n
    centre = (p + Z95**2 / (2 * n)) / (1 + Z95**2 / n)
    half = Z95 / (1 + Z95**2 / n) * np.sqrt(p * (1 - p) / n + Z95**2 / (4 * n * n))
    return centre - half, centre + half


def sweep_batches(config):
    """(variant, activation name, parameters, width) for every batch the workflow trains."""
    sweep, activations = config["sweep"], config["activations"]
    for name in sweep["activations"]:
        options = {"a": activations[name]["a"]} if "a" in activations[name] else {}
        for width in sweep["widths"]:
            yield name, name, options, width
    for a in sweep["snake_a"]:
        yield f"snake-a{a:g}", "snake", {"a": a}, activations["snake"]["n_hidden"]


def sine_node_share(batch) -> tuple[int, int]:
    """Fitting cosine networks whose largest node has frequency 1 and phase 0, and how many fit."""
    params = Params(*(batch[f"final_{k}"] for k in "wbvc"))
    (frequency, _, phase), _ = split_dominant(params)
    sine = (np.abs(frequency - 1.0) <= FREQUENCY_TOLERANCE) & (
        np.abs(wrap(phase)) <= PHASE_TOLERANCE
    )
    return int(np.sum(sine & batch["fits"])), int(np.sum(batch["fits"]))


def main():
    config = yaml.safe_load((REPO / "config.yaml").read_text())
    data, training, sweep = config["data"], config["training"], config["sweep"]
    x, y = sample_training_set(
        data_rng(config["seed"]),
        data["n_samples"],
        data["noise_sd"],
        data["train_range"],
        np.sin,
    )
    criteria = Criteria(
        data["noise_sd"] ** 2,
        sweep["fit_factor"],
        sweep["extrapolation_factor"],
        sweep["function_factor"],
    )
    seeds = list(range(config["seed"], config["seed"] + sweep["seeds"]))

    rates, seconds = [], {np.float64: 0.0, np.float32: 0.0}
    for variant, name, options, width in sweep_batches(config):
        settings = {**training, **config["activations"][name]}
        adam = AdamConfig(settings["lr"], settings["beta1"], settings["beta2"], settings["eps"])
        batches = {}
        for dtype in seconds:
            start = time.perf_counter()
            batches[dtype] = run_batch(
                get_activation(name, **options),
                width,
                seeds,
                x,
                y,
                settings["iterations"],
                adam,
                data["train_range"],
                data["extrapolation_range"],
                data["grid_points"],
                criteria,
                np.sin,
                trainer=TRAINERS[dtype],
            )
            seconds[dtype] += time.perf_counter() - start
        wide, narrow = batches[np.float64], batches[np.float32]
        for measure in ("fits", "extrapolates"):
            n = wide[measure].size
            rates.append(
                (f"{variant} w{width} {measure}", wide[measure].sum(), narrow[measure].sum(), n, n)
            )
        if name == "cos" and width == config["activations"]["cos"]["n_hidden"]:
            (k64, n64), (k32, n32) = sine_node_share(wide), sine_node_share(narrow)
            rates.append((f"{variant} w{width} sine node", k64, k32, n64, n32))

    print(f"{'rate':32s} {'float64':>8s} {'95% interval':>15s} {'float32':>8s}")
    outside = []
    for label, k64, k32, n64, n32 in rates:
        low, high = wilson_interval(k64, n64)
        share32 = k32 / n32 if n32 else float("nan")
        within = n32 > 0 and low - 1e-12 <= share32 <= high + 1e-12  # the bounds round
        if not within:
            outside.append(label)
        mark = "" if within else "  OUTSIDE"
        print(f"{label:32s} {k64 / n64:8.0%} [{low:5.0%}, {high:5.0%}] {share32:8.0%}{mark}")
    print(
        f"\n{len(rates) - len(outside)} of {len(rates)} float32 rates within the 95% Wilson "
        f"interval of the float64 rate; outside: {', '.join(outside) or 'none'}"
    )
    print(
        f"training and measuring time: float64 {seconds[np.float64]:.1f} s, "
        f"float32 {seconds[np.float32]:.1f} s"
    )


if __name__ == "__main__":
    main()
