"""Seed sweeps: one batched computation against training the networks one at a time.

Trains S networks of one activation and width (default: sigmoid, 10 nodes, S = 100,
1000 iterations, the final metrics and loss curves the sweep needs) both ways in one
run, and prints the time per network for each and the ratio.

    python bench/sweep.py [--seeds 100] [--activation sigmoid] [--width 10]
"""

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

from nnfit.activations import get_activation  # noqa: E402
from nnfit.data import sample_training_set  # noqa: E402
from nnfit.seeding import data_rng, init_rng  # noqa: E402
from nnfit.sweep import initial_batch  # noqa: E402
from nnfit.training import AdamConfig, init_params, train  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=100)
    parser.add_argument("--activation", default="sigmoid")
    parser.add_argument("--width", type=int, default=10)
    args = parser.parse_args()

    config = yaml.safe_load((REPO / "config.yaml").read_text())
    data, training = config["data"], config["training"]
    x, y = sample_training_set(
        data_rng(config["seed"]),
        data["n_samples"],
        data["noise_sd"],
        data["train_range"],
        np.sin,
    )
    act = get_activation(args.activation)
    adam = AdamConfig(lr=training["lr"])
    seeds = range(args.seeds)

    start = time.perf_counter()
    batched = train(
        initial_batch(act.name, args.width, seeds), x, y, act, training["iterations"], adam
    )
    batched_s = (time.perf_counter() - start) / args.seeds

    start = time.perf_counter()
    alone = [
        train(
            init_params(init_rng(seed, act.name), args.width),
            x,
            y,
            act,
            training["iterations"],
            adam,
        ).loss
        for seed in seeds
    ]
    alone_s = (time.perf_counter() - start) / args.seeds

    gap = np.max(np.abs(batched.loss - np.array(alone)) / np.array(alone))
    print(
        f"{args.seeds} {act.name} networks, {args.width} nodes, {training['iterations']} iterations"
    )
    print(f"  batched:        {1e3 * batched_s:8.2f} ms per network")
    print(f"  one at a time:  {1e3 * alone_s:8.2f} ms per network")
    print(f"  speed-up {alone_s / batched_s:.1f}x; largest relative loss difference {gap:.1e}")


if __name__ == "__main__":
    main()
