"""Seed sweeps: one batched computation against training the networks one at a time.

For sigmoid with 10 nodes, ReLU with 100 and cosine with 100 (each with its configured
learning rate, 1000 iterations), trains S networks (default 100) three ways in one run:
one at a time in float64, the obvious alternative; as one batch in float64; and as one
batch in float32, the sweep's precision. Prints the time per network of each, the
speed-ups, and how far the batch's float64 losses are from the one-at-a-time ones.

With ``--baseline DIR`` (a checkout of another nnfit version, e.g. made by
``git worktree add /tmp/before <commit>``), the same batches are also trained by DIR's
code, in a subprocess of this run, and the ratios against it printed.

    python bench/sweep.py [--seeds 100] [--cases sigmoid/10 relu/100 cos/100] [--baseline DIR]
                          [--repeat 1]

On a shared machine, --repeat N times each batch N times and keeps the fastest.
"""

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import yaml

REPO = Path(__file__).resolve().parents[1]

# Runs in the checkout under test (its scripts/ first on sys.path); uses only the API
# that nnfit's versions share: prints the seconds one batched training took. One step
# first, untimed, so what a job pays once (numba loading nnfit.model.libmvec) is not spread over
# the networks: the job-time sums of a default run count it.
TIME_BATCH = """
import sys, time, json
import numpy as np
from nnfit.model.activations import get_activation
from nnfit.experiments.sweep import initial_batch
from nnfit.model.training import AdamConfig, train
x, y, name, width, seeds, iterations, lr, extra = json.loads(sys.argv[1])
act = get_activation(name)
initial = initial_batch(name, width, range(seeds))
train(initial, np.array(x), np.array(y), act, 1, AdamConfig(lr=lr), **extra)
start = time.perf_counter()
train(initial, np.array(x), np.array(y), act, iterations, AdamConfig(lr=lr), **extra)
print(time.perf_counter() - start)
"""


def time_batch(scripts: Path, repeat, x, y, name, width, seeds, iterations, lr, **extra) -> float:
    """Seconds per network of batched training by the nnfit in ``scripts``, best of repeat."""
    task = json.dumps([x.tolist(), y.tolist(), name, width, seeds, iterations, lr, extra])
    times = []
    for _ in range(repeat):
        run = subprocess.run(
            [sys.executable, "-c", TIME_BATCH, task],
            env={"PYTHONPATH": str(scripts)},
            capture_output=True,
            text=True,
            check=True,
        )
        times.append(float(run.stdout) / seeds)
    return min(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=100)
    parser.add_argument("--cases", nargs="+", default=["sigmoid/10", "relu/100", "cos/100"])
    parser.add_argument("--baseline", type=Path, help="another nnfit checkout to compare with")
    parser.add_argument(
        "--repeat", type=int, default=1, help="time each batch N times, keep the best"
    )
    args = parser.parse_args()

    sys.path.insert(0, str(REPO / "scripts"))
    from nnfit.model.activations import get_activation
    from nnfit.model.data import sample_training_set
    from nnfit.model.seeding import data_rng, init_rng
    from nnfit.model.training import AdamConfig, init_params, train

    config = yaml.safe_load((REPO / "config.yaml").read_text())
    data, training = config["data"], config["training"]
    x, y = sample_training_set(
        data_rng(config["seed"]),
        data["n_samples"],
        data["noise_sd"],
        data["train_range"],
        np.sin,
    )
    iterations = training["iterations"]
    print(f"{args.seeds} networks per case, {iterations} iterations; milliseconds per network")
    header = f"{'case':12s} {'one at a time':>14s} {'batch f64':>10s} {'batch f32':>10s}"
    if args.baseline:
        header += f" {'baseline':>9s}  baseline / batch f64, f32"
    print(header + "   one at a time / batch f64   loss gap")

    for case in args.cases:
        name, width = case.split("/")
        width = int(width)
        lr = config["activations"].get(name, {}).get("lr", training["lr"])
        act, adam = get_activation(name), AdamConfig(lr=lr)
        common = (args.repeat, x, y, name, width, args.seeds, iterations, lr)
        baseline = time_batch(args.baseline / "scripts", *common) if args.baseline else None
        batch64 = time_batch(REPO / "scripts", *common)
        batch32 = time_batch(REPO / "scripts", *common, dtype="float32")

        start = time.perf_counter()
        alone = np.array(
            [
                train(init_params(init_rng(s, name), width), x, y, act, iterations, adam).loss
                for s in range(args.seeds)
            ]
        )
        alone_s = (time.perf_counter() - start) / args.seeds

        from nnfit.experiments.sweep import initial_batch

        together = train(initial_batch(name, width, range(args.seeds)), x, y, act, iterations, adam)
        gap = np.max(np.abs(together.loss - alone) / np.abs(alone))

        line = f"{case:12s} {1e3 * alone_s:14.2f} {1e3 * batch64:10.2f} {1e3 * batch32:10.2f}"
        if baseline is not None:
            line += (
                f" {1e3 * baseline:9.2f}  {baseline / batch64:10.2f}x {baseline / batch32:6.2f}x"
            )
        print(line + f" {alone_s / batch64:22.2f}x {gap:14.1e}")


if __name__ == "__main__":
    main()
