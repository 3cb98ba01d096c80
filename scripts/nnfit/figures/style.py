"""The article's visual language in one place: colours by role, the style file, saving."""

import io
import logging
from contextlib import contextmanager
from pathlib import Path

import matplotlib
import matplotlib.artist
import numpy as np

matplotlib.use("Agg")  # headless: figures are files, never windows
# As matplotlib's modules are imported, each Artist subclass writes its set() method's
# docstring from all of its properties: 0.2 s of each figure job, for help() text no job
# reads. Modules that import matplotlib's artists before this one still pay it.
matplotlib.artist.kwdoc = lambda artist: ""

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.legend_handler import HandlerTuple  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from PIL import Image, PngImagePlugin  # noqa: E402

from nnfit.model.activations import ACTIVATIONS  # noqa: E402
from nnfit.model.artifacts import atomic_path  # noqa: E402

STYLE_FILE = Path(__file__).with_name("nnfit.mplstyle")
FORMATS = (".png", ".pdf", ".svg")  # every format a static figure is written in (figures.formats)

TRUE_FUNCTION = "#1f5fbf"  # the article: "the original function is blue"
SAMPLES = "#9be39b"  # "the noisy training samples are light green"
SAMPLES_EDGE = "#4caf50"
NETWORK = "#d94f1e"  # the network's output, warm against the blue truth
TRAIN_RANGE = "#eef2f7"  # shading of the training range
NODE_CMAP = "tab10"  # distinct colours for hidden nodes (cycled beyond ten)
FAINT_NODE_ALPHA = 0.35  # hidden nodes behind the network in the animations: seen, not loud
NODE_SWATCH = 5  # colours in the one legend swatch that stands for many nodes' lines
INK = "#262626"
# the dead-ReLU interventions (nnfit.experiments.causes): ReLU's own colour for its default,
# leaky ReLU's for leaky ReLU, and a neutral dark for the revived initialisation
INTERVENTION_COLOURS = {
    "default": ACTIVATIONS["relu"].colour,
    "live": "#5a5a5a",
    "leaky": ACTIVATIONS["leaky_relu"].colour,
}

# Figure sizes in inches, by figure; the pixel size is this times the dpi.
FIGSIZE = {
    "sinusoid": (6.4, 4.0),
    "activation": (4.8, 3.6),
    "hidden": (7.2, 4.4),
    "extrapolation": (8.0, 3.8),
    "training": (6.4, 4.0),
    "summary": (10.0, 4.0),
}


def activation_colour(name: str) -> str:
    """The activation's own colour from the registry; grey for a name it does not know."""
    return ACTIVATIONS[name].colour if name in ACTIVATIONS else "0.4"


@contextmanager
def styled():
    with plt.style.context(STYLE_FILE):
        yield


def new_figure(**kwargs):
    """A figure and axes in nnfit's style (call inside ``styled()``)."""
    return plt.subplots(**kwargs)


def save_figure(fig, paths, dpi: int, config_hash: str | None = None) -> None:
    """Write ``fig`` to every path (format from the suffix), without volatile metadata.

    ``config_hash`` (see nnfit.publish.provenance) is stored as a PNG text chunk, the PDF's
    Subject and the SVG's Identifier, so a figure names the config that made it.
    """
    stamp = f"nnfit-config-sha256:{config_hash}" if config_hash else None
    paths = [paths] if isinstance(paths, str | Path) else paths  # one path, or one per format
    for path in map(Path, paths):
        metadata = {
            ".png": {"nnfit-config-sha256": config_hash} if stamp else {},
            ".pdf": {"Creator": None, "Producer": None, "CreationDate": None, "Subject": stamp},
            ".svg": {"Creator": None, "Date": None, "Identifier": stamp},
        }[path.suffix]
        with atomic_path(path) as tmp:
            if path.suffix == ".png":
                write_png(tmp, fig, dpi, metadata)
            else:
                fig.savefig(tmp, dpi=dpi, metadata=metadata, format=path.suffix[1:])
        # the layout the first format found, kept for the others: the same places in every
        # file, and no second pass over every text (an SVG's mathtext is parsed anew)
        fig.set_layout_engine("none")
    plt.close(fig)
    remove_stale_formats(paths)


def rendered_pixels(fig, dpi: int) -> np.ndarray:
    """The figure as matplotlib renders it at ``dpi``: an (height, width, 4) RGBA array."""
    if not isinstance(fig.canvas, FigureCanvasAgg):  # a figure made without pyplot
        FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="rgba", dpi=dpi)
    # raw bytes carry no size; the renderer that drew them has it (Agg truncates the
    # figure's size in pixels, which inches times dpi does not always reproduce)
    height, width = np.asarray(fig.canvas.renderer.buffer_rgba()).shape[:2]
    pixels = np.frombuffer(buffer.getvalue(), np.uint8)
    if pixels.size != height * width * 4:
        raise RuntimeError(f"rendered {pixels.size} bytes, not {width} x {height} RGBA pixels")
    return pixels.reshape(height, width, 4)


def write_png(path, fig, dpi: int, text: dict[str, str] | None = None) -> None:
    """The figure as a PNG with these text chunks, in RGB where every pixel is opaque.

    matplotlib's own PNG keeps an alpha channel even on a white background: a quarter of the
    bytes before compression, a tenth of the file after, in every figure and in the report
    that embeds them. The pixels are the ones matplotlib renders either way."""
    rgba = rendered_pixels(fig, dpi)
    opaque = (rgba[..., 3] == 255).all()
    image = Image.fromarray(np.ascontiguousarray(rgba[..., :3]) if opaque else rgba)
    info = PngImagePlugin.PngInfo()
    for key, value in (text or {}).items():
        info.add_text(key, value)
    image.save(path, format="PNG", pnginfo=info, dpi=(dpi, dpi))


def remove_stale_formats(paths) -> list[Path]:
    """Remove the figure's files in the formats it is no longer written in, and say so.

    A figure is one set of files, one per format: a PDF left beside a rebuilt PNG would show
    the figure of an earlier config (another config hash) as if it were current."""
    written = set(map(Path, paths))
    stale = sorted(
        sibling
        for path in written
        for sibling in map(path.with_suffix, FORMATS)
        if sibling not in written and sibling.exists()
    )
    for path in stale:
        path.unlink()
        logging.getLogger("nnfit").info(
            "removed %s: made by an earlier run, its format is no longer in figures.formats", path
        )
    return stale


def node_colours(n: int) -> list:
    """Distinct colours for n hidden nodes: tab10 for up to ten, a smooth sweep beyond."""
    if n <= 10:
        return [plt.get_cmap(NODE_CMAP)(i) for i in range(n)]
    return [plt.get_cmap("turbo")(t) for t in np.linspace(0.05, 0.95, n)]


def faint_node_width(n_hidden: int) -> float:
    """Line width of a node's curve in an animation: thinner as there are more of them."""
    return 1.0 if n_hidden <= 10 else 0.6


def nodes_entry(colours, label: str) -> tuple[tuple, str]:
    """One legend entry for many nodes' lines: a swatch of a few of their colours, evenly
    through them, side by side (drawn by ``legend``)."""
    picks = np.unique(np.round(np.linspace(0, len(colours) - 1, min(NODE_SWATCH, len(colours)))))
    swatch = tuple(Line2D([], [], color=colours[int(i)], linewidth=2.0) for i in picks)
    return swatch, label


def legend(ax, entries=(), **kwargs):
    """The axes' legend with ``entries`` ((handle, label) pairs) after its own; a tuple of
    handles is drawn as one swatch of lines side by side."""
    handles, labels = ax.get_legend_handles_labels()
    for handle, label in entries:
        handles.append(handle)
        labels.append(label)
    handler_map = {tuple: HandlerTuple(ndivide=None, pad=0)}
    return ax.legend(handles, labels, handler_map=handler_map, **kwargs)


def y_limits(truth, below: float, above: float) -> tuple[float, float]:
    """Axis limits ``below`` and ``above`` half the target's height around its middle. The
    height never shrinks below the sine's [-1, 1], so the article's figures keep their scale."""
    low, high = min(float(np.min(truth)), -1.0), max(float(np.max(truth)), 1.0)
    middle, half = (low + high) / 2, (high - low) / 2
    return middle - below * half, middle + above * half


def padded(low: float, high: float, fraction: float = 0.02) -> tuple[float, float]:
    """Axis limits with room for the samples that sit at the ends of a range."""
    margin = fraction * (high - low)
    return low - margin, high + margin
