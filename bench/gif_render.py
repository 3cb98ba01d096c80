"""Training-GIF rendering: nnfit's blitting renderer against FuncAnimation + PillowWriter.

Both render the same frames of the same trained network, in the same figure, size and
dpi, in one run. Prints ms per frame for each, their ratio, and the two file sizes.

    python bench/gif_render.py [--frames 1000] [--activation sigmoid]
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

from matplotlib.animation import FuncAnimation, PillowWriter  # noqa: E402

from nnfit.figures import gif, pacing, style  # noqa: E402
from nnfit.model.activations import get_activation  # noqa: E402
from nnfit.model.artifacts import TrainedModel  # noqa: E402
from nnfit.model.data import sample_training_set  # noqa: E402
from nnfit.model.seeding import data_rng, init_rng  # noqa: E402
from nnfit.model.training import AdamConfig, init_params, train  # noqa: E402


def trained_model(config, name, iterations):
    data = config["data"]
    x, y = sample_training_set(
        data_rng(config["seed"]),
        data["n_samples"],
        data["noise_sd"],
        data["train_range"],
        np.sin,
    )
    settings = config["training"] | config["activations"][name]
    act = get_activation(name)
    initial = init_params(init_rng(config["seed"], name), settings["n_hidden"])
    result = train(
        initial, x, y, act, iterations, AdamConfig(lr=settings["lr"]), record_history=True
    )
    return TrainedModel(result.params, result.history, result.loss, name, settings["lr"]), x, y


def render_with_funcanimation(path, frames, truth, truth_label, x_train, y_train, title, fps, dpi):
    """The obvious way: redraw the whole figure for every frame, let PillowWriter quantise."""
    labels = gif.frame_labels(frames)
    scene = gif.TrainingScene(
        frames, truth, truth_label, x_train, y_train, title, dpi, len(labels[0])
    )
    scene.line.set_animated(False)
    scene.counter.set_animated(False)

    def update(k):
        scene.line.set_ydata(frames.curves[k])
        scene.counter.set_text(labels[k])
        return scene.line, scene.counter

    animation = FuncAnimation(scene.fig, update, frames=len(labels), blit=False)
    animation.save(path, writer=PillowWriter(fps=fps), dpi=dpi)
    style.plt.close(scene.fig)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=1000)
    parser.add_argument("--activation", default="sigmoid")
    args = parser.parse_args()

    config = yaml.safe_load((REPO / "config.yaml").read_text())
    model, x_train, y_train = trained_model(config, args.activation, args.frames)
    act = get_activation(args.activation)
    x = np.linspace(*config["data"]["train_range"], config["figures"]["gif"]["grid_points"])
    frames = pacing.training_frames(model, act, x, stride=1)
    fps, dpi = config["figures"]["gif"]["fps"], config["figures"]["gif"]["dpi"]
    title = f"{act.label}, {model.params.w.size} hidden nodes"

    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, render in (
            ("nnfit", gif.render_training_gif),
            ("FuncAnimation", render_with_funcanimation),
        ):
            path = Path(tmp) / f"{name}.gif"
            start = time.perf_counter()
            with style.styled():
                render(path, frames, np.sin(x), r"$\sin(x)$", x_train, y_train, title, fps, dpi)
            seconds = time.perf_counter() - start
            results[name] = (1000 * seconds / frames.iteration.size, path.stat().st_size)

    print(f"{frames.iteration.size} frames of {args.activation}, {dpi} dpi")
    for name, (ms, size) in results.items():
        print(f"  {name:>14}: {ms:8.2f} ms/frame  {size / 1e6:6.2f} MB")
    ours, theirs = results["nnfit"], results["FuncAnimation"]
    print(
        f"  speed-up {theirs[0] / ours[0]:.1f}x per frame, file {ours[1] / theirs[1]:.2f}x the size"
    )


if __name__ == "__main__":
    main()
