"""Snake in its authors' setting: every seed's network far beyond its data
(trained by nnfit.experiments.snake_paper)."""

import numpy as np

from nnfit.experiments.snake_paper import PAPER
from nnfit.figures import style


def paper_figure(runs: list[dict]):
    """Every seed's network far beyond its data, against sin(x)."""
    fig, ax = style.new_figure(figsize=style.FIGSIZE["extrapolation"])
    grid = runs[0]["grid"]
    for piece in PAPER.pieces:
        ax.axvspan(
            *piece, color=style.TRAIN_RANGE, label="data" if piece == PAPER.pieces[0] else None
        )
    ax.plot(grid, np.sin(grid), color=style.TRUE_FUNCTION, linewidth=2, label=r"$\sin(x)$")
    for k, run in enumerate(runs):
        ax.plot(
            grid,
            run["output"],
            color=style.NETWORK,
            linewidth=1.2 if k == 0 else 0.8,
            alpha=1.0 if k == 0 else 0.45,
            label="networks, one per seed" if k == 0 else None,
        )
    ax.scatter(
        runs[0]["x"], runs[0]["y"], s=10, color=style.SAMPLES, zorder=3, label="samples (seed 0)"
    )
    ax.set(
        xlim=(grid[0], grid[-1]),
        ylim=(-3, 3),
        xlabel="x",
        ylabel="y",
        title=f"Snake (a = {PAPER.a:g}, {PAPER.n_hidden} nodes) in its authors' setting",
    )
    ax.legend(loc="lower left", ncols=4, fontsize=8)
    return fig
