"""The lecture pack: the article's story as 16:9 slides, one PDF of them, and a handout.

Each slide is drawn from the run's saved artifacts by the article's own figure functions
(nnfit.figures.article and diagram), set on a 1920 x 1080 page with a heading; every number
a slide states is read from the metrics and claims files, never typed. A slide is 8 x 4.5
inches at 240 dpi: the article's figures keep their proportions, and slide.mplstyle raises
their text so that a room can read it.
"""

import re
import textwrap
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.text import Text

from nnfit.figures import article, diagram, style
from nnfit.figures.slides import QUOTED_CLAIMS, slide_names
from nnfit.grading.claims import BORDERLINE, FAILS, HOLDS, NOT_GRADED, PARTLY
from nnfit.model.activations import Activation
from nnfit.model.artifacts import atomic_path
from nnfit.model.targets import Target

SLIDE_INCHES = (8.0, 4.5)
SLIDE_DPI = 240  # 1920 x 1080 pixels
SLIDE_STYLE = Path(__file__).with_name("slide.mplstyle")
HEADING_SIZE = 20  # points: 67 of the slide's 1080 pixels
TEXT_SIZE = 14
SMALLEST_TEXT = 10  # points: 33 pixels; smaller text in a reused figure is raised to this
DIAGRAM_NODES = 3  # few enough that every weight is labelled and legible from the back
HANDOUT_INCHES = (8.27, 11.69)  # A4 portrait
THUMBNAIL_DPI = 120  # 960 x 540 pixels per slide on the handout: over 250 dpi printed
# a PDF made twice from the same slides is the same file
PDF_METADATA = {"Creator": None, "Producer": None, "CreationDate": None}

# What each network's activation brings to the story, in the article's terms.
ACTIVATION_POINTS = {
    "sigmoid": "Flat on both sides: each node is one smooth step.",
    "relu": "Flat on one side only: each node must be balanced by another.",
    "cos": "Periodic: it repeats forever, as a sine does.",
}
VERDICT_COLOURS = {
    HOLDS: "#2e7d32",
    PARTLY: "#b26a00",
    BORDERLINE: "#4a6a9b",
    FAILS: "#c62828",
    NOT_GRADED: "#6b6b6b",
}


# what the slides read of each network's metrics (results/metrics/<name>.json)
METRICS = ("n_hidden", "iterations", "lr", "train_mse", "noise_variance", "extrap_mse")


@dataclass(frozen=True)
class Network:
    """One of the article's trained networks, as its saved artifacts hold it."""

    activation: Activation
    hidden: dict  # results/analysis/<name>_hidden.npz: x, contributions, c, output
    curve: dict  # results/analysis/<name>_extrapolation.npz: x, output, truth, train_range
    metrics: dict  # results/metrics/<name>.json


@dataclass(frozen=True)
class Lecture:
    """Everything the slides read."""

    x_train: np.ndarray  # (n_samples,)
    y_train: np.ndarray  # (n_samples,)
    train_range: tuple[float, float]
    noise_sd: float
    target: Target
    networks: dict[str, Network]  # the story's networks the config has, in the story's order
    claims: list[dict]  # results/claims.json


@contextmanager
def slide_styled():
    with style.styled(), plt.style.context(SLIDE_STYLE):
        yield


# Slides


def _heading(fig, text: str) -> None:
    fig.text(0.035, 0.955, text, fontsize=HEADING_SIZE, weight="bold", va="top", color=style.INK)


def _notes(fig, paragraphs, x: float, y: float, width: int = 60, **kwargs) -> None:
    """Paragraphs of text from (x, y) down, each wrapped at ``width`` characters."""
    text = "\n\n".join(textwrap.fill(paragraph, width) for paragraph in paragraphs)
    options = {"fontsize": TEXT_SIZE, "va": "top", "color": style.INK, "linespacing": 1.35}
    fig.text(x, y, text, **options | kwargs)


def _legible(fig) -> None:
    """Raise text a reused figure drew small (a legend of many nodes) to SMALLEST_TEXT."""
    for text in fig.findobj(Text):
        if text.get_text() and text.get_fontsize() < SMALLEST_TEXT:
            text.set_fontsize(SMALLEST_TEXT)


def _on_slide(fig, heading: str, content=(0.0, 0.1, 1.0, 0.76)):
    """An article figure laid out in ``content`` (left, bottom, width, height as fractions)
    of a slide, under ``heading``."""
    fig.set_size_inches(SLIDE_INCHES)
    fig.get_layout_engine().set(rect=content)
    _heading(fig, heading)
    return fig


def _blank_slide(heading: str | None = None):
    fig = plt.figure(figsize=SLIDE_INCHES)
    if heading:
        _heading(fig, heading)
    return fig


def title_slide(lecture: Lecture):
    fig = _blank_slide()
    fig.text(0.07, 0.66, "What neural networks\nactually do", fontsize=34, weight="bold")
    fig.text(
        0.07,
        0.42,
        f"Curve fitting: one hidden layer learns\n{lecture.x_train.size} noisy samples of "
        f"{lecture.target.label}",
        fontsize=18,
        va="top",
        color=style.INK,
        linespacing=1.6,
    )
    fig.text(
        0.07,
        0.08,
        'After T. Matiisen, "What neural networks actually do?" (2018). Drawn by nnfit.',
        fontsize=11,
        color="0.35",
    )
    return fig


def network_slide(lecture: Lecture):
    fig = diagram.network_diagram(DIAGRAM_NODES)
    _on_slide(fig, "One input, one hidden layer, one output", content=(0.0, 0.02, 0.58, 0.84))
    _notes(
        fig,
        [
            "Each hidden node bends x through the activation f.",
            "The output adds the nodes up, each times its weight, plus a bias.",
            "Training moves every weight and bias until y matches the samples.",
        ],
        0.6,
        0.74,
        width=27,
    )
    return fig


def data_slide(lecture: Lecture):
    fig = article.sinusoid(
        lecture.x_train, lecture.y_train, lecture.train_range, lecture.noise_sd, lecture.target
    )
    return _on_slide(
        fig,
        f"The task: {lecture.x_train.size} noisy samples of {lecture.target.label}",
        content=(0.0, 0.0, 1.0, 0.84),
    )


def activation_slide(lecture: Lecture, name: str):
    network = lecture.networks[name]
    act, metrics = network.activation, network.metrics
    fig = article.activation_curve(act)
    _on_slide(fig, f"The {act.label} network", content=(0.0, 0.02, 0.55, 0.84))
    _notes(
        fig,
        [
            ACTIVATION_POINTS[name],
            f"{metrics['n_hidden']} hidden nodes, {metrics['iterations']} steps of Adam "
            f"(learning rate {metrics['lr']:g}).",
        ],
        0.58,
        0.7,
        width=30,
    )
    return fig


def nodes_slide(lecture: Lecture, name: str):
    network = lecture.networks[name]
    act, metrics, parts = network.activation, network.metrics, network.hidden
    fig = article.hidden_nodes(
        parts["x"],
        parts["contributions"],
        parts["c"],
        parts["output"],
        lecture.x_train,
        lecture.y_train,
        act,
        lecture.target,
    )
    _on_slide(fig, f"{act.label}: the nodes add up to the fit", content=(0.0, 0.1, 1.0, 0.76))
    _notes(
        fig,
        [
            f"{metrics['n_hidden']} {act.label} nodes: train MSE {metrics['train_mse']:.2g}, "
            f"against the noise's variance {metrics['noise_variance']:.2g}."
        ],
        0.035,
        0.085,
        width=100,
    )
    return fig


def extrapolation_slide(lecture: Lecture):
    """The story's networks far beyond the training range, one row each, on one x axis:
    the article's extrapolation figures side by side."""
    networks = list(lecture.networks.values())
    fig = _blank_slide("Beyond the training range")
    axes = fig.subplots(len(networks), 1, sharex=True, squeeze=False)[:, 0]
    fig.get_layout_engine().set(rect=(0.0, 0.0, 1.0, 0.85))
    for ax, network in zip(axes, networks, strict=True):
        curve, metrics = network.curve, network.metrics
        x = curve["x"]
        ax.axvspan(*curve["train_range"], color=style.TRAIN_RANGE, zorder=0)
        ax.plot(x, article.broken_at_jumps(curve["truth"]), color=style.TRUE_FUNCTION)
        ax.scatter(
            lecture.x_train,
            lecture.y_train,
            s=14,
            color=style.SAMPLES,
            edgecolor=style.SAMPLES_EDGE,
            linewidth=0.5,
            zorder=3,
        )
        ax.plot(x, article.broken_at_jumps(curve["output"]), color=style.NETWORK)
        ax.set(xlim=(x[0], x[-1]), ylim=style.y_limits(curve["truth"], 2.0, 2.0))
        ax.set_title(
            f"{network.activation.label}, {metrics['n_hidden']} nodes: "
            f"MSE {metrics['extrap_mse']:.2g} beyond the training range",
            loc="left",
            fontsize=TEXT_SIZE,
        )
    axes[-1].set_xlabel("x")
    handles = [
        plt.Rectangle((0, 0), 1, 1, color=style.TRAIN_RANGE),
        plt.Line2D([], [], color=style.TRUE_FUNCTION),
        plt.Line2D([], [], color=style.NETWORK),
    ]
    fig.legend(
        handles,
        ["training range", lecture.target.label, "network"],
        loc="outside lower center",
        ncols=3,
    )
    return fig


def _short(evidence: str) -> str:
    """A claim's headline measurement: its evidence up to the first sentence or clause end."""
    return re.split(r"[.;]\s", evidence, maxsplit=1)[0].rstrip(".")


def _below(text: Text) -> float:
    """The figure fraction at which ``text`` ends, downwards."""
    fig = text.get_figure()
    box = text.get_window_extent(fig.canvas.get_renderer())
    return fig.transFigure.inverted().transform((0, box.y0))[1]


def claims_slide(lecture: Lecture, name: str):
    """Each quoted claim of QUOTED_CLAIMS[name]: its verdict, our wording, what was measured."""
    heading, ids = QUOTED_CLAIMS[name]
    fig = _blank_slide(heading)
    quoted = [claim for claim in lecture.claims if claim["id"] in ids]
    if not quoted:
        _notes(fig, ["The seed sweep of this config grades none of these claims."], 0.035, 0.8)
    y = 0.82
    for claim in quoted:
        fig.text(
            0.035,
            y,
            claim["verdict"],
            fontsize=TEXT_SIZE,
            weight="bold",
            color="white",
            va="top",
            bbox={
                "boxstyle": "round,pad=0.3",
                "facecolor": VERDICT_COLOURS.get(claim["verdict"], VERDICT_COLOURS[NOT_GRADED]),
                "edgecolor": "none",
            },
        )
        said = fig.text(
            0.26,
            y,
            textwrap.fill(claim["claim"], 50),
            fontsize=TEXT_SIZE,
            va="top",
            color=style.INK,
        )
        y = _below(said) - 0.02
        measured = textwrap.fill(_short(claim["evidence"]), 60)
        y = _below(fig.text(0.26, y, measured, fontsize=12, va="top", color="0.35")) - 0.06
    return fig


SLIDES: dict[str, Callable] = {
    "title": title_slide,
    "network": network_slide,
    "data": data_slide,
    "extrapolation": extrapolation_slide,
}


def draw_slide(lecture: Lecture, name: str):
    """The slide named ``name`` (see slide_names), drawn in the slides' style."""
    if name in SLIDES:
        fig = SLIDES[name](lecture)
    elif name in QUOTED_CLAIMS:
        fig = claims_slide(lecture, name)
    elif name.endswith("_nodes"):
        fig = nodes_slide(lecture, name.removesuffix("_nodes"))
    else:
        fig = activation_slide(lecture, name)
    _legible(fig)
    return fig


def _number(fig, k: int, total: int) -> None:
    fig.text(0.975, 0.025, f"{k} / {total}", fontsize=10, ha="right", color="0.5")


def handout(lecture: Lecture, thumbnails: list[np.ndarray]):
    """One A4 page: a title, then the slides after the title slide, two to a row."""
    rows = -(-len(thumbnails) // 2)
    fig = plt.figure(figsize=HANDOUT_INCHES, layout="none")
    fig.text(0.06, 0.975, "What neural networks actually do", fontsize=18, weight="bold", va="top")
    fig.text(
        0.06,
        0.948,
        f"A network with one hidden layer fits {lecture.x_train.size} noisy samples of "
        f"{lecture.target.label}: the lecture's slides, in order.",
        fontsize=10,
        va="top",
        color=style.INK,
    )
    top, bottom, gap = 0.93, 0.035, 0.012  # figure fractions
    aspect = (9 / 16) * HANDOUT_INCHES[0] / HANDOUT_INCHES[1]  # a slide's height per width
    # two slides to a row, as wide as the page allows or as tall as the rows allow
    height = min((0.9 - gap) / 2 * aspect, (top - bottom) / rows - gap)
    width = height / aspect
    left = (1 - 2 * width - gap) / 2
    for k, pixels in enumerate(thumbnails):
        row, column = divmod(k, 2)
        box = (left + column * (width + gap), top - (row + 1) * (height + gap) + gap, width, height)
        ax = fig.add_axes(box)
        ax.imshow(pixels, interpolation="none")  # embedded at its own resolution
        ax.set_axis_off()
        ax.add_patch(
            plt.Rectangle(
                (0, 0),
                1,
                1,
                transform=ax.transAxes,
                fill=False,
                edgecolor="0.75",
                linewidth=0.6,
                clip_on=False,
            )
        )
    fig.text(
        0.06,
        0.015,
        'After T. Matiisen, "What neural networks actually do?" (2018). Drawn by nnfit.',
        fontsize=8,
        color="0.35",
    )
    return fig


def stale_slides(slide_paths) -> list[Path]:
    """Numbered slides beside ``slide_paths`` that are not among them: left by a config with
    other networks, they would be shown as part of this lecture."""
    keep = {Path(path) for path in slide_paths}
    folders = {path.parent for path in keep}
    found = (path for folder in folders for path in folder.glob("[0-9][0-9]-*.png"))
    return sorted(path for path in found if path not in keep)


def write_lecture(lecture: Lecture, slide_paths, pdf_path, handout_path) -> list[Path]:
    """Each slide of slide_names(lecture.networks) to its PNG (in the same order), all of
    them to one PDF, and the handout to a one-page PDF; stale slides beside them are
    removed, and returned."""
    names = slide_names(lecture.networks)
    if len(slide_paths) != len(names):
        raise ValueError(f"{len(names)} slides ({', '.join(names)}), {len(slide_paths)} paths")
    stale = stale_slides(slide_paths)
    for path in stale:
        path.unlink()
    thumbnails = []
    with (
        slide_styled(),
        atomic_path(pdf_path) as pdf_tmp,
        PdfPages(pdf_tmp, metadata=PDF_METADATA) as pdf,
    ):
        for k, (name, path) in enumerate(zip(names, slide_paths, strict=True), start=1):
            fig = draw_slide(lecture, name)
            _number(fig, k, len(names))
            with atomic_path(path) as tmp:
                style.write_png(tmp, fig, SLIDE_DPI)
            pdf.savefig(fig)
            if name != "title":
                thumbnails.append(style.rendered_pixels(fig, THUMBNAIL_DPI))
            plt.close(fig)
        page = handout(lecture, thumbnails)
        with atomic_path(handout_path) as tmp:
            page.savefig(tmp, metadata=PDF_METADATA, format="pdf")
        plt.close(page)
    return stale
