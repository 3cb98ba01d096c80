"""Training animations: draw the static scene once, blit only what changes.

Every frame is mapped to one shared 256-colour palette through a lookup table,
so no frame is quantised on its own and the GIF carries a single colour table.
"""

from dataclasses import dataclass

import imageio.v3 as iio
import numpy as np
from PIL import Image

from nnfit import style
from nnfit.activations import Activation
from nnfit.artifacts import TrainedModel, atomic_path
from nnfit.network import Params, forward

HOLD_LAST_MS = 2000  # linger on the final fit before the loop restarts
_LUT_BITS = 5  # colours are matched on 5 bits per channel: 32768 table entries
_TRANSPARENT = 255  # the palette index kept free for "unchanged since the last frame"


@dataclass(frozen=True)
class TrainingFrames:
    """What each frame shows: the network after ``iteration`` steps."""

    iteration: np.ndarray  # (n_frames,)
    loss: np.ndarray  # (n_frames,)
    curves: np.ndarray  # (n_frames, n_grid): the network output on x
    x: np.ndarray  # (n_grid,)


def frame_iterations(iterations: int, stride: int) -> np.ndarray:
    """Every stride-th iteration after the first step, always ending on the last."""
    shown = np.arange(stride, iterations + 1, stride)
    return shown if shown.size and shown[-1] == iterations else np.append(shown, iterations)


def training_frames(model: TrainedModel, act: Activation, x: np.ndarray, stride: int):
    iteration = frame_iterations(model.loss.size - 1, stride)
    curves = np.empty((iteration.size, x.size))
    for start in range(0, iteration.size, 64):  # chunks bound the (frames, grid, nodes) array
        rows = iteration[start : start + 64]
        params = Params(*(h[rows] for h in model.history))
        curves[start : start + 64] = forward(params, x, act)
    return TrainingFrames(iteration, model.loss[iteration], curves, x)


def _palette_lookup(samples: np.ndarray) -> tuple[bytes, np.ndarray]:
    """A palette for these RGB pixels (index 255 left free) and a 15-bit colour -> index table."""
    pixels = Image.fromarray(samples.reshape(-1, 1, 3))
    quantised = pixels.quantize(
        _TRANSPARENT, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )
    palette = np.zeros((256, 3), dtype=np.int32)
    used = np.array(quantised.getpalette(), dtype=np.int32).reshape(-1, 3)[:_TRANSPARENT]
    palette[: len(used)] = used
    levels = (np.arange(1 << _LUT_BITS) << (8 - _LUT_BITS)) + (1 << (7 - _LUT_BITS))
    grid = np.stack(np.meshgrid(levels, levels, levels, indexing="ij"), -1).reshape(-1, 3)
    used = used.astype(float)
    distance = (used**2).sum(1) - 2.0 * grid @ used.T  # squared distance less |grid|^2
    return palette.astype(np.uint8).tobytes(), distance.argmin(1).astype(np.uint8)


def _colour_keys(rgba: np.ndarray) -> np.ndarray:
    shift = 8 - _LUT_BITS
    r, g, b = (rgba[..., i].astype(np.uint16) >> shift for i in range(3))
    return (r << (2 * _LUT_BITS)) | (g << _LUT_BITS) | b


def _pixel_box(bbox, height: int) -> tuple[slice, slice]:
    """Array rows and columns of a display-space bounding box (origin bottom left)."""
    x0, y0, x1, y1 = (int(round(v)) for v in bbox.extents)
    return slice(height - y1, height - y0), slice(x0, x1)


class _Scene:
    """The static plot, drawn once; each frame blits the network curve into the axes and
    stamps the counter from glyph tiles rendered once (the counter sits outside the axes)."""

    def __init__(self, frames: TrainingFrames, truth_y, x_train, y_train, title, dpi, width):
        with style.styled():
            self.fig, ax = style.new_figure(figsize=(6.4, 4.0), dpi=dpi)
            ax.plot(frames.x, truth_y, color=style.TRUE_FUNCTION, label=r"$\sin(x)$")
            ax.scatter(
                x_train,
                y_train,
                s=18,
                color=style.SAMPLES,
                edgecolor=style.SAMPLES_EDGE,
                linewidth=0.6,
                label="training samples",
                zorder=3,
            )
            (self.line,) = ax.plot(
                frames.x,
                frames.curves[0],
                color=style.NETWORK,
                linewidth=2.2,
                label="network",
                animated=True,
                zorder=4,
            )
            ax.set(
                xlim=style.padded(frames.x[0], frames.x[-1]),
                ylim=(-1.9, 1.6),
                xlabel="x",
                ylabel="y",
            )
            ax.set_title(title, loc="left")
            ax.legend(loc="lower left", ncols=3)
            self.counter = self.fig.text(
                0.985,
                0.975,
                "0" * width,
                ha="right",
                va="top",
                family="DejaVu Sans Mono",
                fontsize=9.5,
                color=style.INK,
                animated=True,
            )
            self.ax = ax
            self.fig.canvas.draw()
        canvas = self.fig.canvas
        self.background = canvas.copy_from_bbox(self.fig.bbox)
        self.height = int(canvas.get_width_height()[1])
        self.axes_box = _pixel_box(ax.bbox, self.height)
        renderer = canvas.get_renderer()
        extent = self.counter.get_window_extent(renderer)
        self.counter_box = _pixel_box(extent, self.height)
        self.advance = extent.width / width
        self.counter.set_ha("left")
        self.counter.set_x(self.fig.transFigure.inverted().transform((extent.x0, 0))[0])

    def draw(self, curve=None, text=None) -> np.ndarray:
        """Blit the curve and, if given, the counter drawn by matplotlib: (height, width, 4)."""
        canvas = self.fig.canvas
        canvas.restore_region(self.background)
        if curve is not None:
            self.line.set_ydata(curve)
            self.ax.draw_artist(self.line)
        if text is not None:
            self.counter.set_text(text)
            self.fig.draw_artist(self.counter)
        return np.asarray(canvas.buffer_rgba())


class _Stamper:
    """Frames as palette indices: the static part once, the axes and the counter per frame.

    The counter is monospaced: characters that differ from the first frame's counter
    (the digits) are stamped from tiles rendered once; the words stay as drawn.
    """

    def __init__(self, scene: _Scene, lookup: np.ndarray, labels: list[str]):
        self.scene, self.lookup, self.first_label = scene, lookup, labels[0]
        self.static = lookup[_colour_keys(scene.draw(text=labels[0]))]
        rows, cols = scene.counter_box
        edges = [cols.start + int(round(i * scene.advance)) for i in range(len(labels[0]) + 1)]
        self.cells = [slice(a, b) for a, b in zip(edges[:-1], edges[1:], strict=True)]
        self.tiles = {}
        for char in sorted(set("".join(labels))):
            pixels = scene.draw(text=char)[rows, self.cells[0].start : self.cells[0].start + 32]
            self.tiles[char] = lookup[_colour_keys(pixels)]

    def frame(self, curve: np.ndarray, text: str, out: np.ndarray) -> None:
        out[...] = self.static
        rows, cols = self.scene.axes_box
        out[rows, cols] = self.lookup[_colour_keys(self.scene.draw(curve)[rows, cols])]
        counter_rows = self.scene.counter_box[0]
        for cell, char, first in zip(self.cells, text, self.first_label, strict=True):
            if char != first:
                out[counter_rows, cell] = self.tiles[char][:, : cell.stop - cell.start]


def frame_label(iteration: int, loss: float, width: int) -> str:
    return f"iteration {iteration:>{width}d}   MSE {loss:8.4f}"


def render_training_gif(
    path, frames: TrainingFrames, truth_y, x_train, y_train, title, fps: float, dpi: int
) -> None:
    digits = len(str(int(frames.iteration[-1])))
    labels = [
        frame_label(i, loss, digits) for i, loss in zip(frames.iteration, frames.loss, strict=True)
    ]
    scene = _Scene(frames, truth_y, x_train, y_train, title, dpi, len(labels[0]))
    first = scene.draw(frames.curves[0], labels[0])[..., :3].copy()
    last = scene.draw(frames.curves[-1], labels[-1])[..., :3]
    palette, lookup = _palette_lookup(np.concatenate([first, last]))
    stamper = _Stamper(scene, lookup, labels)
    indexed = np.empty((len(labels), *first.shape[:2]), dtype=np.uint8)
    for k, (curve, label) in enumerate(zip(frames.curves, labels, strict=True)):
        stamper.frame(curve, label, out=indexed[k])
    style.plt.close(scene.fig)
    _write_gif(path, indexed, palette, [1000.0 / fps] * (len(labels) - 1) + [HOLD_LAST_MS])


def _write_gif(path, indexed: np.ndarray, palette: bytes, durations) -> None:
    """Palette-index frames (n, height, width) to a looping GIF with one global colour table.

    Pixels equal to the previous frame's become the transparent index 255 (left out of
    the palette), so each frame stores little more than the moving curve and counter.
    imageio hands single-channel frames to Pillow as greyscale, which Pillow encodes
    without re-quantising or adding per-frame colour tables; the shared palette then
    replaces the greyscale ramp in the global colour table, which a GIF keeps at a
    fixed offset: 6 bytes of signature, 7 of screen descriptor, then 256 RGB triples.
    """
    delta = indexed.copy()
    delta[1:][indexed[1:] == indexed[:-1]] = _TRANSPARENT
    with atomic_path(path) as tmp:
        iio.imwrite(
            tmp,
            delta,
            plugin="pillow",
            extension=".gif",
            mode="L",
            is_batch=True,
            duration=durations,
            loop=0,
            optimize=False,
            transparency=_TRANSPARENT,
            disposal=1,
        )  # 1: keep each frame, the next one draws over it
        with open(tmp, "r+b") as gif:
            header = gif.read(13)
            if header[:6] != b"GIF89a" or header[10] & 0x87 != 0x87:
                raise RuntimeError(f"{path}: unexpected GIF header from the writer: {header!r}")
            gif.write(palette)
