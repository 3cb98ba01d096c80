"""The network diagram: x -> n hidden nodes h_i = f(w_i x + b_i) -> y = sum v_i h_i + c."""

import matplotlib.patches as mpatches

from nnfit.figures import style

MAX_DRAWN = 10  # beyond this the middle nodes collapse into an ellipsis
RADIUS = 0.2


def _drawn_nodes(n_hidden: int) -> list[int | None]:
    """1-based node numbers to draw, None where the ellipsis stands."""
    if n_hidden <= MAX_DRAWN:
        return list(range(1, n_hidden + 1))
    return [1, 2, 3, 4, None, n_hidden - 1, n_hidden]


def _edge_label(ax, start, end, text, at):
    x = start[0] + at * (end[0] - start[0])
    y = start[1] + at * (end[1] - start[1])
    ax.text(
        x,
        y,
        text,
        ha="center",
        va="center",
        fontsize=10,
        color=style.INK,
        zorder=5,
        bbox={"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none"},
    )


def diagram_size(n_hidden: int) -> tuple[float, float]:
    """Width and height in inches: the height grows with the nodes drawn."""
    return 6.4, max(3.4, 0.72 * len(_drawn_nodes(n_hidden)) + 1.6)


def network_diagram(n_hidden: int):
    nodes = _drawn_nodes(n_hidden)
    rows = len(nodes)
    spacing = 0.85
    height = (rows - 1) * spacing
    fig, ax = style.new_figure(figsize=diagram_size(n_hidden))
    ax.set_axis_off()
    ax.set_aspect("equal")

    source, sink = (0.0, height / 2), (4.0, height / 2)
    hidden = {node: (2.0, height - k * spacing) for k, node in enumerate(nodes)}
    label_all = rows <= 4  # with more nodes, label the first and last edges only
    for node, centre in hidden.items():
        if node is None:
            ax.text(*centre, r"$\vdots$", ha="center", va="center", fontsize=18, color=style.INK)
            continue
        for start, end in ((source, centre), (centre, sink)):
            ax.plot(*zip(start, end, strict=True), color="0.55", linewidth=1.0, zorder=1)
        if label_all or node in (nodes[0], nodes[-1]):
            _edge_label(ax, source, centre, f"$w_{{{node}}}$", 0.62)
            _edge_label(ax, centre, sink, f"$v_{{{node}}}$", 0.38)
        ax.add_patch(
            mpatches.Circle(
                centre,
                RADIUS,
                facecolor="#fde3d8",
                edgecolor=style.NETWORK,
                linewidth=1.4,
                zorder=3,
            )
        )
        ax.text(*centre, "$f$", ha="center", va="center", fontsize=12, zorder=4)
        # the bias above its node and the node's output below, where no edge passes
        for text, offset, align, colour in (
            (f"$b_{{{node}}}$", RADIUS + 0.03, "bottom", "0.35"),
            (f"$h_{{{node}}}$", -RADIUS - 0.03, "top", style.INK),
        ):
            ax.text(
                centre[0],
                centre[1] + offset,
                text,
                fontsize=8.5,
                color=colour,
                ha="center",
                va=align,
                zorder=4,
            )

    for centre, text, colour in ((source, "$x$", "#dbe6f7"), (sink, "$y$", "#dbe6f7")):
        ax.add_patch(
            mpatches.Circle(
                centre,
                RADIUS * 1.25,
                facecolor=colour,
                edgecolor=style.TRUE_FUNCTION,
                linewidth=1.4,
                zorder=3,
            )
        )
        ax.text(*centre, text, ha="center", va="center", fontsize=13, zorder=4)
    ax.text(sink[0], sink[1] - RADIUS * 1.25 - 0.12, "$+c$", ha="center", va="top", fontsize=10)

    ax.set_xlim(-0.5, 4.5)
    ax.set_ylim(-0.8, height + 0.45)
    ax.text(
        2.0,
        -0.45,
        r"$h_i = f(w_i x + b_i)$        $y = \sum_{i=1}^{n} v_i h_i + c$",
        ha="center",
        va="top",
        fontsize=11,
    )
    ax.set_title(f"One hidden layer, n = {n_hidden}")
    return fig
