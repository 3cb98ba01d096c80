"""The article's static figures. Each function draws from saved artifacts only."""

import numpy as np
from matplotlib.ticker import MaxNLocator, MultipleLocator

from nnfit.figures import style
from nnfit.model.activations import Activation
from nnfit.model.criteria import Criteria
from nnfit.model.targets import ARTICLE_TARGET, FIGURE_POINTS, Target

# One scale for every activation on a target, so they compare at a glance: the sine's
# (-3, 3) and as much room around any other target.
EXTRAPOLATION_HEIGHT = 3.0


def broken_at_jumps(y: np.ndarray, limit: float = 1.0) -> np.ndarray:
    """y with NaN after each step larger than ``limit``, so a jump is not drawn as a wall.

    On the dense grids used here no continuous network changes that much between
    neighbouring points; the saw's jumps do.
    """
    y = np.array(y, dtype=float)
    y[1:][np.abs(np.diff(y, axis=0)) > limit] = np.nan
    return y


def _samples(ax, x, y, label="training samples"):
    ax.scatter(
        x,
        y,
        s=20,
        color=style.SAMPLES,
        edgecolor=style.SAMPLES_EDGE,
        linewidth=0.6,
        label=label,
        zorder=3,
    )


def fitting(target: Target) -> str:
    """What a title adds about the target: nothing for the article's sine."""
    return "" if target.name == ARTICLE_TARGET else f", fitting {target.label}"


def fit_failure(metrics: dict, criteria: Criteria) -> str:
    """Why a network is no fit by the sweep's criterion (nnfit.model.criteria), in a few
    words: "" for one that fits."""
    train_mse, interp_mse = metrics["train_mse"], metrics["interp_mse"]
    if criteria.fits(train_mse, interp_mse):
        return ""
    return "learnt the noise" if criteria.memorises(train_mse, interp_mse) else "does not fit"


def fit_note(metrics: dict, criteria: Criteria) -> str:
    """What a title adds about a network that does not fit: nothing for one that fits."""
    failure = fit_failure(metrics, criteria)
    if not failure:
        return ""
    train_mse, interp_mse = metrics["train_mse"], metrics["interp_mse"]
    if criteria.memorises(train_mse, interp_mse):
        error, kind, threshold = interp_mse, "MSE against the target", criteria.function_threshold
    else:
        error, kind, threshold = train_mse, "train MSE", criteria.fit_threshold
    return f"{failure}: {kind} {error:.2g}, a fit is at most {threshold:.2g}"


def with_note(title: str, note: str) -> str:
    """A static figure's title, and the note on a line of its own."""
    return f"{title}\n{note}" if note else title


def kinks(x, contributions) -> tuple[np.ndarray, np.ndarray]:
    """Where a node switches on or off: the grid points at which its contribution starts or
    stops being exactly zero (a ReLU node's kink; none for smooth activations). Returns the
    grid indices and the nodes."""
    off = contributions == 0  # (n_grid, n_hidden)
    rows, nodes = np.nonzero(off[1:] != off[:-1])
    return rows + 1, nodes


def sinusoid(x_train, y_train, train_range, noise_sd, target: Target):
    fig, ax = style.new_figure(figsize=style.FIGSIZE["sinusoid"])
    x = np.linspace(*train_range, FIGURE_POINTS)
    truth = target.f(x)
    ax.plot(x, truth, color=style.TRUE_FUNCTION, label=target.label)
    _samples(ax, x_train, y_train, f"{x_train.size} noisy samples (noise sd {noise_sd:g})")
    ax.set(
        xlabel="x",
        ylabel="y",
        xlim=style.padded(*train_range),
        ylim=style.y_limits(truth, 1.6, 1.45),
        title="The training set" + ("" if target.name == ARTICLE_TARGET else f": {target.label}"),
    )
    ax.legend(loc="lower left", ncols=2)
    return fig


def activation_curve(act: Activation):
    fig, ax = style.new_figure(figsize=style.FIGSIZE["activation"])
    z = np.linspace(-6, 6, 601)
    ax.plot(z, broken_at_jumps(act.f(z)), color=style.NETWORK)
    # The axes cross at the origin, as in the article, but the tick labels stay on the
    # frame's edges: beside the crossing axes they would sit on the curve (tanh's -0.5).
    for line in (ax.axhline, ax.axvline):
        line(0, color=style.INK, linewidth=0.9, zorder=1)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.xaxis.set_major_locator(MultipleLocator(2))
    ax.yaxis.set_major_locator(MaxNLocator(5, steps=[1, 2, 5, 10]))
    ax.set_title(f"{act.label}:  {act.formula}", pad=12)
    ax.set_xlabel("z", loc="right")
    ax.set_ylabel("f(z)", loc="top", rotation=0)
    ax.set_xlim(-6.6, 6.6)
    return fig


def hidden_nodes(
    x,
    contributions,
    c,
    output,
    x_train,
    y_train,
    act: Activation,
    target: Target,
    note: str = "",
):
    """Each v_i h_i(x) in its own colour, the bias as a dashed level, the sum drawn boldly,
    and where a node switches on (a ReLU's kink) marked on the sum. ``note`` (``fit_note``)
    ends the title."""
    n_hidden = contributions.shape[1]
    fig, ax = style.new_figure(figsize=style.FIGSIZE["hidden"])
    colours = style.node_colours(n_hidden)
    thin = n_hidden > 10  # beyond ten, one legend entry stands for all the nodes
    for i in range(n_hidden):
        label = None if thin else f"$v_{{{i + 1}}}\\,h_{{{i + 1}}}$"
        ax.plot(
            x,
            broken_at_jumps(contributions[:, i]),
            color=colours[i],
            linewidth=0.8 if n_hidden > 20 else 1.3,  # a hundred curves read as a texture
            alpha=0.55 if n_hidden > 20 else 0.9,
            label=label,
        )
    ax.axhline(
        float(c),
        color=style.INK,
        linestyle="--",
        linewidth=1.0,
        label=f"bias $c$ = {float(c):.2f}".replace("-", "\N{MINUS SIGN}"),
    )
    _samples(ax, x_train, y_train)
    ax.plot(
        x, broken_at_jumps(output), color=style.INK, linewidth=3.0, label="network output", zorder=4
    )
    switched, _ = kinks(x, contributions)
    if switched.size:
        ax.plot(
            x[switched],
            output[switched],
            linestyle="none",
            marker="o",
            markersize=4.5,
            markerfacecolor="white",
            markeredgecolor=style.INK,
            markeredgewidth=1.2,
            label="a node switches on (kink)",
            zorder=5,
        )
    ax.set(
        xlabel="x",
        ylabel="contribution to y",
        xlim=(x[0], x[-1]),
    )
    title = f"{act.label}, {n_hidden} hidden nodes{fitting(target)}: each node's $v_i\\,h_i(x)$"
    ax.set_title(with_note(title, note))
    entries = [style.nodes_entry(colours, f"$v_i\\,h_i$, {n_hidden} nodes")] if thin else []
    style.legend(ax, entries, loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8)
    return fig


def extrapolation(
    x,
    output,
    truth,
    train_range,
    x_train,
    y_train,
    extrap_mse,
    act: Activation,
    n_hidden: int,
    target: Target,
    note: str = "",
):
    """The network far beyond its samples, against the target; ``note`` ends the title."""
    fig, ax = style.new_figure(figsize=style.FIGSIZE["extrapolation"])
    ax.axvspan(*train_range, color=style.TRAIN_RANGE, zorder=0, label="training range")
    ax.plot(x, broken_at_jumps(truth), color=style.TRUE_FUNCTION, label=target.label)
    _samples(ax, x_train, y_train)
    ax.plot(x, broken_at_jumps(output), color=style.NETWORK, linewidth=2.2, label="network")
    ax.set(
        xlabel="x",
        ylabel="y",
        xlim=(x[0], x[-1]),
        ylim=style.y_limits(truth, EXTRAPOLATION_HEIGHT, EXTRAPOLATION_HEIGHT),
    )
    title = (
        f"{act.label}, {n_hidden} hidden nodes{fitting(target)}: "
        f"MSE {extrap_mse:.3g} beyond the training range"
    )
    ax.set_title(with_note(title, note))
    # below the plot: inside, a network that leaves the range (ReLU's lines) runs through it
    fig.legend(loc="outside lower center", ncols=4)
    return fig
