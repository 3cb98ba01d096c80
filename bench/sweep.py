"""The training kernel against the numpy path it replaced (commit 7c8c3e6), in one run.

For sigmoid with 10 nodes, ReLU with 100 and cosine with 100 (each with its configured
learning rate and the configured iterations), trains S networks (default 400, each on its
own draw of the training set, as the sweep does) as one batch in float64 twice: with
nnfit's kernel (nnfit.model.kernel) and with 7c8c3e6's numpy code, kept as
tests/reference_training.py. Prints the time per network each way and their ratio, the
speed-up also by CPU time (the machine may be shared), the largest relative gap between the
two losses over the first 100 steps, and the kernel's
arithmetic rate: the floating-point operations of the step's formula per second, against
one core's peak, measured here by a loop of fused multiply-adds.

The step's formula counts, per network and step with n nodes and m samples: 10 n m for
z = w x + b (2), the output's sum v h (2) and the three gradient sums (6), 7 m for the
residual, the loss and dL/dy, and 11 (3 n + 1) for Adam; the activation itself (an exp, a
sin and cos, a comparison) is not counted, so the rate understates the work of cos and
sigmoid; for those two the column "libmvec" gives the time their exp, or sin and cos, alone
take per network (the same calls on as many elements, outside the kernel).

Also prints what a job pays once: numba's compilation of the kernel with an empty cache
and its load from the cache (each in a fresh process).

    python bench/sweep.py [--seeds 400] [--cases sigmoid/10 relu/100 cos/100] [--repeat 1]

On a shared machine the kernel and the reference take turns, --repeat N times, and each
keeps its fastest: the ratios are those of one run.
"""

import argparse
import ctypes
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import llvmlite.binding as llvm
import numpy as np
import yaml
from llvmlite import ir

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "tests"))

import reference_training  # noqa: E402

from nnfit.experiments.sweep import initial_batch  # noqa: E402
from nnfit.model import libmvec  # noqa: E402
from nnfit.model.activations import get_activation  # noqa: E402
from nnfit.model.data import seed_training_sets  # noqa: E402
from nnfit.model.targets import get_target  # noqa: E402
from nnfit.model.training import AdamConfig, train  # noqa: E402

FMA_CHAINS = 12  # independent accumulators: more than FMA latency x FMA units on x86-64 cores
FMA_LANES = 4  # doubles per AVX2 register
LOAD_KERNEL = """
import time
start = time.perf_counter()
import numpy as np
from nnfit.model.activations import get_activation
from nnfit.model.training import AdamConfig, init_params, train
for name in ("sigmoid", "relu", "cos"):
    train(init_params(np.random.default_rng(0), 4), np.ones(3), np.ones(3),
          get_activation(name), 1, AdamConfig())
print(time.perf_counter() - start)
"""


def step_flops(n: int, m: int) -> int:
    """Floating-point operations of one training step by the formula (module docstring)."""
    return 10 * n * m + 7 * m + 11 * (3 * n + 1)


def fma_peak(seconds: float = 0.2, repeat: int = 5) -> float:
    """One core's FLOP/s for a loop of independent vector fused multiply-adds (best of
    ``repeat``), compiled by LLVM for this CPU."""
    llvm.initialize_native_target()
    llvm.initialize_native_asmprinter()
    vector = ir.VectorType(ir.DoubleType(), FMA_LANES)
    module = ir.Module("fma_peak")
    fma = ir.Function(module, ir.FunctionType(vector, [vector] * 3), "llvm.fma.v4f64")
    loop_type = ir.FunctionType(ir.DoubleType(), [ir.IntType(64)])
    function = ir.Function(module, loop_type, "fma_loop")
    entry, body, done = (function.append_basic_block(name) for name in ("entry", "body", "done"))
    builder = ir.IRBuilder(entry)
    a = ir.Constant(vector, [0.999999] * FMA_LANES)
    b = ir.Constant(vector, [1e-7] * FMA_LANES)
    builder.branch(body)
    builder.position_at_end(body)
    count = builder.phi(ir.IntType(64))
    sums = [builder.phi(vector) for _ in range(FMA_CHAINS)]
    updated = [builder.call(fma, [total, a, b]) for total in sums]
    following = builder.add(count, ir.Constant(ir.IntType(64), 1))
    count.add_incoming(ir.Constant(ir.IntType(64), 0), entry)
    count.add_incoming(following, body)
    for total, new in zip(sums, updated, strict=True):
        total.add_incoming(ir.Constant(vector, [1.0] * FMA_LANES), entry)
        total.add_incoming(new, body)
    builder.cbranch(builder.icmp_signed("<", following, function.args[0]), body, done)
    builder.position_at_end(done)
    result = updated[0]
    for new in updated[1:]:
        result = builder.fadd(result, new)
    builder.ret(builder.extract_element(result, ir.Constant(ir.IntType(32), 0)))

    target = llvm.Target.from_default_triple().create_target_machine(
        cpu=llvm.get_host_cpu_name(), features=llvm.get_host_cpu_features().flatten(), opt=3
    )
    parsed = llvm.parse_assembly(str(module))
    engine = llvm.create_mcjit_compiler(parsed, target)
    engine.finalize_object()
    address = engine.get_function_address("fma_loop")
    loop = ctypes.CFUNCTYPE(ctypes.c_double, ctypes.c_int64)(address)
    per_iteration = FMA_CHAINS * FMA_LANES * 2
    iterations = 1_000_000
    loop(iterations)
    start = time.perf_counter()
    loop(iterations)
    iterations = max(1, int(iterations * seconds / (time.perf_counter() - start)))
    best = np.inf
    for _ in range(repeat):
        start = time.perf_counter()
        loop(iterations)
        best = min(best, time.perf_counter() - start)
    return iterations * per_iteration / best


def kernel_load_seconds(cache_dir: str) -> tuple[float, float]:
    """Seconds, of wall time and of CPU, for a fresh process to import nnfit and run the
    kernel once for sigmoid, ReLU and cosine, with numba's cache in ``cache_dir``."""
    environment = {**os.environ, "PYTHONPATH": str(REPO / "scripts"), "NUMBA_CACHE_DIR": cache_dir}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, "-c", LOAD_KERNEL], env=environment, capture_output=True, text=True
    )
    if done.returncode:
        raise RuntimeError(done.stderr)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return float(done.stdout), cpu


def libmvec_seconds(name: str, elements: int, iterations: int) -> float:
    """Seconds the activation's libmvec calls alone take for one network's training."""
    z = np.random.default_rng(0).uniform(-7.0, 7.0, elements)  # as |w x + b| at the start
    first, second = np.empty_like(z), np.empty_like(z)
    call = {
        "sigmoid": lambda: libmvec.exp(z, first),
        "cos": lambda: libmvec.sin_cos(z, first, second),
    }
    if name not in call:
        return np.nan
    call[name]()
    start = time.perf_counter()
    for _ in range(iterations):
        call[name]()
    return time.perf_counter() - start


def timed(function, *args) -> tuple[np.ndarray, object]:
    """Seconds one call took, of wall time and of this process's CPU, and its result."""
    start = np.array([time.perf_counter(), time.process_time()])
    result = function(*args)
    return np.array([time.perf_counter(), time.process_time()]) - start, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=400)
    parser.add_argument("--cases", nargs="+", default=["sigmoid/10", "relu/100", "cos/100"])
    parser.add_argument("--repeat", type=int, default=1, help="time each N times, keep the best")
    args = parser.parse_args()

    config = yaml.safe_load((REPO / "config.yaml").read_text())
    data, training = config["data"], config["training"]
    seeds = range(config["seed"], config["seed"] + args.seeds)
    target = get_target(data["target"]).f
    x, y = seed_training_sets(
        seeds, data["n_samples"], data["noise_sd"], data["train_range"], target
    )
    with tempfile.TemporaryDirectory() as cache:
        compile_s = kernel_load_seconds(cache)
        load_s = kernel_load_seconds(cache)
    print(
        f"kernel, once per job (fresh processes, importing nnfit included; wall, CPU): compile "
        f"with an empty numba cache {compile_s[0]:.1f} s, {compile_s[1]:.1f} s; load from the "
        f"cache {load_s[0]:.1f} s, {load_s[1]:.1f} s"
    )
    peak = fma_peak()  # one core's, measured again after each case: the highest counts
    print(
        f"{args.seeds} networks per case, {training['iterations']} iterations, float64; "
        "milliseconds per network"
    )
    rows = []
    for case in args.cases:
        name, width = case.split("/")
        width = int(width)
        settings = config["activations"].get(name, {})
        iterations = settings.get("iterations", training["iterations"])
        act = get_activation(name)
        adam = AdamConfig(lr=settings.get("lr", training["lr"]))
        initial = initial_batch(name, width, seeds)
        train(initial, x, y, act, 1, adam)  # what a job pays once is reported above

        kernel_s = reference_s = np.full(2, np.inf)  # wall, CPU
        for _ in range(args.repeat):  # turns, so both see the same load
            took, ours = timed(train, initial, x, y, act, iterations, adam)
            kernel_s = np.minimum(kernel_s, took)
            took, theirs = timed(reference_training.train, initial, x, y, act, iterations, adam)
            reference_s = np.minimum(reference_s, took)
        early = slice(0, 101)
        gap = np.max(np.abs(ours.loss[:, early] - theirs.loss[:, early]) / theirs.loss[:, early])
        rate = step_flops(width, data["n_samples"]) * iterations * args.seeds / kernel_s[0]
        alone = libmvec_seconds(name, width * data["n_samples"], iterations)
        peak = max(peak, fma_peak())
        rows.append((case, reference_s / args.seeds, kernel_s / args.seeds, gap, rate, alone))

    print(
        f"one core's peak ({FMA_CHAINS} independent chains of 4-lane FMAs, the highest of "
        f"{len(args.cases) + 1} measurements): {peak / 1e9:.1f} GFLOP/s"
    )
    print(
        f"{'case':12s} {'7c8c3e6 numpy':>14s} {'kernel':>8s} {'speed-up':>9s} {'(CPU)':>7s} "
        f"{'loss gap (100 steps)':>21s} {'kernel GFLOP/s':>15s} {'of peak':>8s} {'libmvec':>8s}"
    )
    for case, reference_s, kernel_s, gap, rate, alone in rows:
        ratio = reference_s / kernel_s
        print(
            f"{case:12s} {1e3 * reference_s[0]:14.2f} {1e3 * kernel_s[0]:8.2f}"
            f" {ratio[0]:8.2f}x {ratio[1]:6.2f}x {gap:21.1e} {rate / 1e9:15.2f}"
            f" {rate / peak:8.1%} {1e3 * alone:8.2f}"
        )


if __name__ == "__main__":
    main()
