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
    """A palette for these RGBA pixels (index 255 left free) and a 15-bit colour -> index table.

    Colours seen in the samples map to the index the quantiser gave them, so white stays
    exactly white; colours never seen map to the palette entry nearest their bin centre.
    """
    pixels = Image.fromarray(np.ascontiguousarray(samples[..., :3]).reshape(-1, 1, 3))
    quantised = pixels.quantize(
        _TRANSPARENT, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )
    used = np.array(quantised.getpalette(), dtype=float).reshape(-1, 3)[:_TRANSPARENT]
    levels = (np.arange(1 << _LUT_BITS) << (8 - _LUT_BITS)) + (1 << (7 - _LUT_BITS))
    blue, green, red = np.meshgrid(levels, levels, levels, indexing="ij")
    grid = np.stack([red, green, blue], -1).reshape(-1, 3)  # row r + 32 g + 1024 b
    distance = (used**2).sum(1) - 2.0 * grid @ used.T  # squared distance less |grid|^2
    lookup = distance.argmin(1).astype(np.uint8)
    lookup[_colour_keys(samples).ravel()] = np.asarray(quantised).ravel()
    palette = np.zeros((256, 3), dtype=np.uint8)
    palette[: len(used)] = used
    return palette.tobytes(), lookup


def _colour_keys(rgba: np.ndarray) -> np.ndarray:
    """The top 5 bits of red, green and blue as r + 32 g + 1024 b, read as one uint32."""
    pixel = rgba.view(np.uint32)[..., 0]  # RGBA bytes: red in the low byte
    return ((pixel >> 3) & 0x1F) | ((pixel >> 6) & 0x3E0) | ((pixel >> 9) & 0x7C00)


def _pixel_box(bbox, height: int) -> tuple[slice, slice]:
    """Array rows and columns of a display-space bounding box (origin bottom left)."""
    x0, y0, x1, y1 = (int(round(v)) for v in bbox.extents)
    return slice(height - y1, height - y0), slice(x0, x1)


class TrainingScene:
    """The static plot, drawn once; each frame blits the network curve into the axes and
    stamps the counter from glyph tiles rendered once (the counter sits outside the axes)."""

    def __init__(
        self, frames: TrainingFrames, truth_y, truth_label, x_train, y_train, title, dpi, width
    ):
        with style.styled():
            self.fig, ax = style.new_figure(figsize=style.FIGSIZE["training"], dpi=dpi)
            ax.plot(frames.x, truth_y, color=style.TRUE_FUNCTION, label=truth_label)
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
                ylim=style.y_limits(truth_y, 1.9, 1.6),
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
    """The current frame as palette indices, updated only where frames differ.

    The static scene is mapped once; each frame maps the axes (where the curve moves)
    and stamps the counter. The counter is monospaced: characters that differ from the
    first frame's (the digits) come from tiles rendered once; the words stay as drawn.
    """

    def __init__(self, scene: TrainingScene, lookup: np.ndarray, labels: list[str]):
        self.scene, self.lookup, self.first_label = scene, lookup, labels[0]
        self.static = lookup[_colour_keys(scene.draw(text=labels[0]))]
        self.current = self.static.copy()  # (height, width)
        rows, cols = scene.counter_box
        edges = [cols.start + int(round(i * scene.advance)) for i in range(len(labels[0]) + 1)]
        self.cells = [slice(a, b) for a, b in zip(edges[:-1], edges[1:], strict=True)]
        self.tiles = {}
        for char in sorted(set("".join(labels))):
            pixels = scene.draw(text=char)[rows, self.cells[0].start : self.cells[0].start + 32]
            self.tiles[char] = lookup[_colour_keys(pixels)]
        self.counter_band = (rows, slice(edges[0], edges[-1]))
        self.changing = (scene.axes_box, self.counter_band)  # everything else stays static

    def update(self, curve: np.ndarray, text: str) -> None:
        rows, cols = self.scene.axes_box
        self.current[rows, cols] = self.lookup[_colour_keys(self.scene.draw(curve)[rows, cols])]
        self.current[self.counter_band] = self.static[self.counter_band]
        for cell, char, first in zip(self.cells, text, self.first_label, strict=True):
            if char != first:
                self.current[self.counter_band[0], cell] = self.tiles[char][
                    :, : cell.stop - cell.start
                ]


def frame_labels(frames: TrainingFrames) -> list[str]:
    """The counter of each frame, all of one width so the text never shifts."""
    digits = len(str(int(frames.iteration[-1])))
    return [
        f"iteration {i:>{digits}d}   MSE {loss:8.4f}"
        for i, loss in zip(frames.iteration, frames.loss, strict=True)
    ]


def render_training_gif(
    path,
    frames: TrainingFrames,
    truth_y,
    truth_label: str,
    x_train,
    y_train,
    title,
    fps: float,
    dpi: int,
) -> None:
    labels = frame_labels(frames)
    scene = TrainingScene(
        frames, truth_y, truth_label, x_train, y_train, title, dpi, len(labels[0])
    )
    first = scene.draw(frames.curves[0], labels[0]).copy()
    last = scene.draw(frames.curves[-1], labels[-1])
    palette, lookup = _palette_lookup(np.concatenate([first, last]))
    stamper = _Stamper(scene, lookup, labels)

    # Each frame after the first stores only what changed; the rest is transparent.
    delta = np.full((len(labels), *first.shape[:2]), _TRANSPARENT, dtype=np.uint8)
    previous = stamper.current.copy()
    for k, (curve, label) in enumerate(zip(frames.curves, labels, strict=True)):
        stamper.update(curve, label)
        if k == 0:
            delta[0] = stamper.current
        for region in stamper.changing:
            now, before = stamper.current[region], previous[region]
            if k > 0:
                delta[k][region] = np.where(now == before, _TRANSPARENT, now)
            before[...] = now
    style.plt.close(scene.fig)
    _write_gif(path, delta, palette, [1000.0 / fps] * (len(labels) - 1) + [HOLD_LAST_MS])


def _write_gif(path, frames: np.ndarray, palette: bytes, durations) -> None:
    """Palette-index frames (n, height, width) to a looping GIF in one shared palette.

    Index 255 (left out of the palette) is transparent and every frame is drawn over
    the last one, so a frame need only hold what changed. imageio hands single-channel
    frames to Pillow as greyscale, which Pillow encodes without re-quantising; the
    shared palette then replaces the greyscale ramp in every colour table Pillow wrote.
    """
    with atomic_path(path) as tmp:
        iio.imwrite(
            tmp,
            frames,
            plugin="pillow",
            extension=".gif",
            mode="L",
            is_batch=True,
            duration=durations,
            loop=0,
            optimize=False,
            transparency=_TRANSPARENT,
            disposal=1,  # keep each frame: the next one draws over it
        )
        data = bytearray(tmp.read_bytes())
        for offset in _colour_tables(data, path):
            data[offset : offset + len(palette)] = palette
        tmp.write_bytes(data)


def _colour_tables(gif: bytes, path) -> list[int]:
    """Offsets of the 256-entry colour tables of a GIF: the global one and any per frame.

    Browsers honour a frame's own (local) table, so every one must carry the palette.
    """
    if gif[:6] != b"GIF89a" or gif[10] & 0x87 != 0x87:
        raise RuntimeError(f"{path}: unexpected GIF header from the writer: {bytes(gif[:13])!r}")
    tables, at = [13], 13 + 768

    def skip_sub_blocks(at):
        while gif[at]:
            at += gif[at] + 1
        return at + 1

    while gif[at] != 0x3B:  # trailer
        if gif[at] == 0x21:  # extension: label, then data sub-blocks
            at = skip_sub_blocks(at + 2)
        elif gif[at] == 0x2C:  # image descriptor: 9 bytes, packed flags, table, LZW data
            flags = gif[at + 9]
            at += 10
            if flags & 0x80:
                if flags & 0x07 != 0x07:
                    raise RuntimeError(f"{path}: a frame's colour table is not 256 entries")
                tables.append(at)
                at += 768
            at = skip_sub_blocks(at + 1)
        else:
            raise RuntimeError(f"{path}: unexpected GIF block 0x{gif[at]:02x} at byte {at}")
    return tables
