"""What a small job pays besides its work, with and without this round's savings, in one run.

Most of a `figures` job's time is Python's own: importing numba or matplotlib and shutting
down. Each line times nnfit's way against the obvious alternative, in fresh processes taking
turns (the median of --repeat runs each), or in one process for the writers:

- exit: a training job (import the kernel, train the 3-node cosine for 1000 steps) ending
  with exit_without_collecting(), against a plain exit, whose garbage collections walk every
  object numba made;
- BLAS probe: the same job, against one that imports scipy.linalg first, as numba's probe
  for np.dot's BLAS would without nnfit.model.kernel's guard;
- matplotlib: importing matplotlib.pyplot with each artist's set() docstring skipped, as
  nnfit.figures.style does, against a plain import;
- GIF and animated PNG: nnfit's writers against Pillow's multi-frame writers (save_all, at
  Pillow's default zlib level) on the same default animation (112 frames of 640 x 400); the
  sizes of the files each wrote are printed below the table.

    python bench/job_overhead.py [--repeat 5]
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "tests"))

from pillow_writers import saved_by_pillow  # noqa: E402

from nnfit.figures import gif, pacing  # noqa: E402
from nnfit.model.activations import get_activation  # noqa: E402
from nnfit.model.artifacts import TrainedModel  # noqa: E402
from nnfit.model.seeding import init_rng  # noqa: E402
from nnfit.model.training import AdamConfig, init_params, train  # noqa: E402

PATH = f"import sys; sys.path.insert(0, {str(REPO / 'scripts')!r})\n"
TRAIN = """
import numpy as np
from nnfit.model.activations import get_activation
from nnfit.model.seeding import init_rng
from nnfit.model.training import AdamConfig, init_params, train
act = get_activation("cos")
x = np.linspace(-6.28, 6.28, 50)
train(init_params(init_rng(0, act.name), 3), x, np.sin(x), act, 1000, AdamConfig(lr=0.01),
      record_history=True)
"""
QUICK = "from nnfit.publish.quick_exit import exit_without_collecting\nexit_without_collecting()\n"
PAIRS = {
    "exit": (PATH + QUICK + TRAIN, PATH + TRAIN),
    "BLAS probe": (PATH + QUICK + TRAIN, PATH + QUICK + "import scipy.linalg\n" + TRAIN),
    "matplotlib": (
        "import matplotlib.artist\nmatplotlib.artist.kwdoc = lambda a: ''\n"
        "import matplotlib.pyplot\n",
        "import matplotlib.pyplot\n",
    ),
}


def process_seconds(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def animation() -> gif.Animation:
    act = get_activation("cos")
    x_train = np.linspace(-6.28, 6.28, 50)
    adam = AdamConfig(lr=0.01)
    result = train(
        init_params(init_rng(0, act.name), 3), x_train, np.sin(x_train), act, 1000, adam, True
    )
    model = TrainedModel(result.params, result.history, result.loss, act.name, adam.lr)
    x = np.linspace(-6.28, 6.28, 400)
    frames = pacing.training_frames(model, act, x, 1, pacing.frame_count(8, 20))
    return gif.animate_training(
        frames, np.sin(x), "sin(x)", x_train, np.sin(x_train), "Cosine", 20, 100
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rows = []
    process_seconds(PAIRS["exit"][0])  # numba's cache warm before anything is timed
    for name, (ours, theirs) in PAIRS.items():
        times = ([], [])
        for _ in range(args.repeat):  # taking turns, so a busy moment hits both
            for kept, code in zip(times, (ours, theirs), strict=True):
                kept.append(process_seconds(code))
        rows.append((name, *(statistics.median(kept) for kept in times)))
    shown = animation()
    sizes = []
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        for name, ours, options in (
            ("GIF writer", gif.write_gif, {"palette": shown.palette, "disposal": 1}),
            ("APNG writer", gif.write_apng, {"disposal": 0, "blend": 1}),
        ):
            path = folder / ("a.gif" if "GIF" in name else "a.png")
            times = ([], [])
            for _ in range(args.repeat):
                start = time.perf_counter()
                ours(path, shown)
                times[0].append(time.perf_counter() - start)
                size = path.stat().st_size
                start = time.perf_counter()
                saved_by_pillow(path, shown, **options)
                times[1].append(time.perf_counter() - start)
            sizes.append(f"{name}: nnfit {size} bytes, Pillow {path.stat().st_size}")
            rows.append((name, *(statistics.median(kept) for kept in times)))
    print(f"median of {args.repeat} runs each, taking turns; seconds")
    print(f"{'':14s} {'nnfit':>8s} {'alternative':>12s} {'saved':>8s} {'ratio':>7s}")
    for name, ours, theirs in rows:
        print(f"{name:14s} {ours:8.3f} {theirs:12.3f} {theirs - ours:8.3f} {theirs / ours:6.2f}x")
    print("\n".join(sizes))


if __name__ == "__main__":
    main()
