"""Training animations: draw the static scene once, blit only what changes.

The frames are the iterations nnfit.figures.pacing chooses, paced for people; each frame's
counter shows the iteration it really is.

Every frame is mapped to one shared 256-colour palette through a lookup table,
so no frame is quantised on its own and the GIF carries a single colour table.
"""

import struct
import zlib
from dataclasses import dataclass

import numpy as np
from PIL import GifImagePlugin, Image

from nnfit.figures import style
from nnfit.figures.article import broken_at_jumps
from nnfit.figures.pacing import HOLD_FIRST_MS, HOLD_LAST_MS, TrainingFrames
from nnfit.model.artifacts import atomic_path

MAX_GIF_FRAME_MS = 655_350  # a GIF stores a frame's delay as 16 bits of hundredths of a second
MAX_APNG_FRAME_MS = 65_535  # Pillow stores an APNG frame's delay as 16 bits of milliseconds
_LUT_BITS = 5  # colours are matched on 5 bits per channel: 32768 table entries
_TRANSPARENT = 255  # the palette index kept free for "unchanged since the last frame"
_Y_ROOM = (1.9, 1.6)  # below and above, in half-heights of the target: the samples, the legend
NODES_LABEL = "hidden nodes $v_i\\,h_i$"
_TITLE_GAP_INCHES = 0.4  # at least this between the title and the counter beside it


def _palette_lookup(samples: np.ndarray) -> tuple[bytes, np.ndarray]:
    """A palette for these RGBA pixels (index 255 left free) and a 15-bit colour -> index table.

    Colours seen in the samples map to the index the quantiser gave them, so white stays
    exactly white; colours never seen map to the palette entry nearest their bin centre.
    """
    pixels = Image.fromarray(np.ascontiguousarray(samples[..., :3]).reshape(-1, 1, 3))
    quantised = pixels.quantize(
        _TRANSPARENT, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )
    used = np.array(quantised.getpalette(), dtype=np.int32).reshape(-1, 3)[:_TRANSPARENT]
    levels = (np.arange(1 << _LUT_BITS, dtype=np.int32) << (8 - _LUT_BITS)) + (1 << (7 - _LUT_BITS))
    blue, green, red = np.meshgrid(levels, levels, levels, indexing="ij")
    grid = np.stack([red, green, blue], -1).reshape(-1, 3)  # row r + 32 g + 1024 b
    # Squared distances less |grid|^2, exact in integers (no BLAS call: a process's first
    # starts its threads), a cache-sized block of bins at a time.
    norms, twice = (used**2).sum(1), 2 * used.T
    lookup = np.empty(len(grid), np.uint8)
    for start in range(0, len(grid), 1024):
        lookup[start : start + 1024] = (norms - grid[start : start + 1024] @ twice).argmin(1)
    lookup[_colour_keys(samples).ravel()] = np.asarray(quantised).ravel()
    return _unique_palette(used).tobytes(), lookup


def _unique_palette(used: np.ndarray) -> np.ndarray:
    """``used`` padded to 256 entries with colours it does not hold, so that each colour
    names one index: Pillow maps the palette it is given to the frames' by colour."""
    taken = {tuple(colour) for colour in used.astype(int)}
    spare = (c for c in ((k % 256, k // 256, 1) for k in range(65536)) if c not in taken)
    padding = [next(spare) for _ in range(256 - len(used))]
    return np.concatenate([used, np.array(padding).reshape(-1, 3)]).astype(np.uint8)


def _colour_keys(rgba: np.ndarray) -> np.ndarray:
    """The top 5 bits of red, green and blue as r + 32 g + 1024 b, read as one uint32."""
    pixel = rgba.view(np.uint32)[..., 0]  # RGBA bytes: red in the low byte
    return ((pixel >> 3) & 0x1F) | ((pixel >> 6) & 0x3E0) | ((pixel >> 9) & 0x7C00)


def _y_limits(truth_y: np.ndarray, final_curve: np.ndarray) -> tuple[float, float]:
    """The target's y range (the sine's (-1.9, 1.6)), widened where the trained network goes
    beyond it (Saw's spikes)."""
    usual = style.y_limits(truth_y, *_Y_ROOM)
    low, high = np.nanmin(final_curve), np.nanmax(final_curve)
    margin = 0.05 * (high - low)
    return min(usual[0], low - margin), max(usual[1], high + margin)


def _pixel_box(bbox, height: int) -> tuple[slice, slice]:
    """Array rows and columns of a display-space bounding box (origin bottom left)."""
    x0, y0, x1, y1 = (int(round(v)) for v in bbox.extents)
    return slice(height - y1, height - y0), slice(x0, x1)


class TrainingScene:
    """The static plot, drawn once; each frame blits the network curve into the axes and
    stamps the counter from glyph tiles rendered once (the counter sits outside the axes)."""

    def __init__(
        self,
        frames: TrainingFrames,
        truth_y,
        truth_label,
        x_train,
        y_train,
        title,
        dpi,
        width,
        figsize=style.FIGSIZE["training"],
    ):
        with style.styled():
            self.fig, ax = style.new_figure(figsize=figsize, dpi=dpi)
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
            self.node_lines = self._node_lines(ax, frames)
            entries = [style.nodes_entry(self.node_colours, NODES_LABEL)] if self.node_lines else []
            (self.line,) = ax.plot(
                frames.x,
                broken_at_jumps(frames.curves[0]),
                color=style.NETWORK,
                linewidth=2.2,
                label="network",
                animated=True,
                zorder=4,
            )
            ax.set(
                xlim=style.padded(frames.x[0], frames.x[-1]),
                ylim=_y_limits(truth_y, frames.curves[-1]),
                xlabel="x",
                ylabel="y",
            )
            self.title = ax.set_title(title)
            style.legend(ax, entries, loc="lower left", ncols=4 if self.node_lines else 3)
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
            self._fit_title_beside_counter()
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

    def _node_lines(self, ax, frames: TrainingFrames) -> list:
        """Each node's v_i h_i(x), faint under the network (none unless the frames hold them)."""
        if frames.nodes is None:
            return []
        n_hidden = frames.nodes.shape[-1]
        self.node_colours = style.node_colours(n_hidden)
        return [
            ax.plot(
                frames.x,
                broken_at_jumps(frames.nodes[0, :, i]),
                color=colour,
                linewidth=style.faint_node_width(n_hidden),
                alpha=style.FAINT_NODE_ALPHA,
                animated=True,
                zorder=2,
            )[0]
            for i, colour in enumerate(self.node_colours)
        ]

    def _fit_title_beside_counter(self) -> None:
        """Shrink a long title (Saw's) until it ends well before the counter starts."""
        renderer = self.fig.canvas.get_renderer()
        room = self.counter.get_window_extent(renderer).x0 - _TITLE_GAP_INCHES * self.fig.dpi
        extent = self.title.get_window_extent(renderer)
        if extent.x1 > room:
            scale = (room - extent.x0) / extent.width
            self.title.set_fontsize(self.title.get_fontsize() * scale)
            self.fig.canvas.draw()

    def draw(self, curve=None, text=None, nodes=None) -> np.ndarray:
        """Blit the curve (over the nodes' curves, if given) and, if given, the counter drawn
        by matplotlib: (height, width, 4)."""
        canvas = self.fig.canvas
        canvas.restore_region(self.background)
        if nodes is not None:
            for line, node in zip(self.node_lines, nodes.T, strict=True):
                line.set_ydata(broken_at_jumps(node))
                self.ax.draw_artist(line)
        if curve is not None:
            self.line.set_ydata(broken_at_jumps(curve))
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

    def update(self, curve: np.ndarray, text: str, nodes=None) -> None:
        rows, cols = self.scene.axes_box
        drawn = self.scene.draw(curve, nodes=nodes)[rows, cols]
        self.current[rows, cols] = self.lookup[_colour_keys(drawn)]
        self.current[self.counter_band] = self.static[self.counter_band]
        for cell, char, first in zip(self.cells, text, self.first_label, strict=True):
            if char != first:
                self.current[self.counter_band[0], cell] = self.tiles[char][
                    :, : cell.stop - cell.start
                ]


def frame_labels(frames: TrainingFrames) -> list[str]:
    """The counter of each frame, all of one width so the text never shifts."""
    digits = len(str(int(frames.iteration[-1])))
    width = max(8, *(len(f"{loss:.4f}") for loss in frames.loss))  # an MSE of 1e4 is wider
    return [
        f"iteration {i:>{digits}d}   MSE {loss:{width}.4f}"
        for i, loss in zip(frames.iteration, frames.loss, strict=True)
    ]


@dataclass(frozen=True)
class Animation:
    """Frames as indices into one shared palette, each storing only what changed."""

    frames: np.ndarray  # (n_frames, height, width); _TRANSPARENT: as in the frame before
    palette: bytes  # 256 RGB entries
    durations: list[float]  # ms per frame


def frame_durations(n_frames: int, fps: float) -> list[float]:
    """Milliseconds per frame: the first and the last held, the others 1/fps each."""
    if n_frames == 1:
        return [HOLD_LAST_MS]
    return [HOLD_FIRST_MS] + [1000.0 / fps] * (n_frames - 2) + [HOLD_LAST_MS]


def animate_training(
    frames: TrainingFrames,
    truth_y,
    truth_label: str,
    x_train,
    y_train,
    title,
    fps: float,
    dpi: int,
    figsize=style.FIGSIZE["training"],
) -> Animation:
    labels = frame_labels(frames)
    scene = TrainingScene(
        frames, truth_y, truth_label, x_train, y_train, title, dpi, len(labels[0]), figsize
    )

    def nodes(k):
        return None if frames.nodes is None else frames.nodes[k]

    first = scene.draw(frames.curves[0], labels[0], nodes(0)).copy()
    last = scene.draw(frames.curves[-1], labels[-1], nodes(-1))
    palette, lookup = _palette_lookup(np.concatenate([first, last]))
    stamper = _Stamper(scene, lookup, labels)

    # Each frame after the first stores only what changed; the rest is transparent.
    delta = np.full((len(labels), *first.shape[:2]), _TRANSPARENT, dtype=np.uint8)
    previous = stamper.current.copy()
    for k, (curve, label) in enumerate(zip(frames.curves, labels, strict=True)):
        stamper.update(curve, label, nodes(k))
        if k == 0:
            delta[0] = stamper.current
        for region in stamper.changing:
            now, before = stamper.current[region], previous[region]
            if k > 0:
                delta[k][region] = np.where(now == before, _TRANSPARENT, now)
            before[...] = now
    style.plt.close(scene.fig)
    return Animation(delta, palette, frame_durations(len(labels), fps))


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
    figsize=style.FIGSIZE["training"],
) -> None:
    animation = animate_training(
        frames, truth_y, truth_label, x_train, y_train, title, fps, dpi, figsize
    )
    write_gif(path, animation)


def _changed_box(indices: np.ndarray) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) of a frame's pixels that are not transparent; the top left
    pixel alone if there are none."""
    changed = indices != _TRANSPARENT
    rows, cols = np.flatnonzero(changed.any(1)), np.flatnonzero(changed.any(0))
    if rows.size == 0:
        return 0, 0, 1, 1
    return int(cols[0]), int(rows[0]), int(cols[-1]) + 1, int(rows[-1]) + 1


def write_gif(path, animation: Animation) -> None:
    """A looping GIF in the animation's one palette.

    Index 255 (a spare colour, used by no pixel of the scene) is transparent and every
    frame is drawn over the last one, so a frame need only hold what changed. The file is
    put together from Pillow's pieces (``GifImagePlugin.getheader`` and ``getdata``): the
    header, with the shared palette as the file's one colour table, then each frame's
    indices as they are, cropped to the box around what it changed. Pillow's own
    multi-frame writer finds such boxes by comparing each frame with the one before after
    remapping its palette onto the shared one: two thirds of the writing time.
    """
    first = Image.fromarray(animation.frames[0])  # uint8 (height, width): mode "L"
    first.putpalette(animation.palette)
    info = {"loop": 0, "transparency": _TRANSPARENT, "optimize": False}
    chunks, _ = GifImagePlugin.getheader(first, animation.palette, info)
    for k, (indices, ms) in enumerate(zip(animation.frames, animation.durations, strict=True)):
        left, top, right, bottom = _changed_box(indices) if k else (0, 0, *indices.shape[::-1])
        frame = Image.fromarray(np.ascontiguousarray(indices[top:bottom, left:right]))
        frame.putpalette(animation.palette)
        chunks += GifImagePlugin.getdata(
            frame,
            (left, top),
            duration=min(ms, MAX_GIF_FRAME_MS),
            disposal=1,  # keep each frame: the next one draws over it
            transparency=_TRANSPARENT,
        )
    with atomic_path(path) as tmp:
        tmp.write_bytes(b"".join(chunks) + b";")  # ";": the GIF trailer


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    """A PNG chunk: length, type, data, and the CRC-32 of type and data."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def write_apng(path, animation: Animation) -> None:
    """The same frames as an animated PNG, which Snakemake's report shows (a GIF it only
    offers for download); each frame is blended over the one before, as in the GIF.

    Written chunk by chunk as the APNG specification lays them out: the shared palette, index
    255 transparent, and each frame cropped to what it changed, its rows unfiltered (palette
    indices gain nothing from PNG's filters) and deflated with zlib's run-length strategy
    (the transparent runs are most of a frame): 7% smaller than zlib's default level, in a
    third of its time."""
    height, width = animation.frames.shape[1:]
    opaque = bytes([255]) * _TRANSPARENT + b"\0"  # each palette entry's alpha
    chunks = [
        b"\x89PNG\r\n\x1a\n",
        # 8-bit palette indices; deflate, adaptive filters, no interlacing
        _png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0)),
        _png_chunk(b"acTL", struct.pack(">II", len(animation.frames), 0)),  # 0: loop forever
        _png_chunk(b"PLTE", animation.palette),
        _png_chunk(b"tRNS", opaque),
    ]
    sequence = 0  # fcTL and fdAT chunks share one count
    for k, (indices, ms) in enumerate(zip(animation.frames, animation.durations, strict=True)):
        left, top, right, bottom = _changed_box(indices) if k else (0, 0, width, height)
        delay = min(round(ms), MAX_APNG_FRAME_MS)  # in thousandths of a second
        # dispose op 0 (keep the frame), blend op 1 (draw over: transparent shows the last)
        control = struct.pack(
            ">IIIIIHHBB", sequence, right - left, bottom - top, left, top, delay, 1000, 0, 1
        )
        chunks.append(_png_chunk(b"fcTL", control))
        rows = indices[top:bottom, left:right]
        unfiltered = np.hstack([np.zeros((rows.shape[0], 1), np.uint8), rows])  # filter 0
        deflate = zlib.compressobj(strategy=zlib.Z_RLE)
        data = deflate.compress(unfiltered.tobytes()) + deflate.flush()
        if k == 0:  # the first frame is the PNG's own image
            chunks.append(_png_chunk(b"IDAT", data))
            sequence += 1
        else:
            chunks.append(_png_chunk(b"fdAT", struct.pack(">I", sequence + 1) + data))
            sequence += 2
    chunks.append(_png_chunk(b"IEND", b""))
    with atomic_path(path) as tmp:
        tmp.write_bytes(b"".join(chunks))
