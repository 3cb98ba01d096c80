"""The shape-match heatmap: activation x target, the smallest width that fits reliably."""

import numpy as np
from matplotlib.colors import LogNorm
from matplotlib.patches import Rectangle

from nnfit.figures import style
from nnfit.model.activations import get_activation


def shape_match_heatmap(table, activations, targets, max_width: int, reliable: float):
    """Cells coloured by the smallest reliable width on a log scale, its number written in;
    "none" on grey where no width fits; the matching activations' cells outlined."""
    widths = np.full((len(activations), len(targets)), np.nan)
    matches = np.zeros(widths.shape, dtype=bool)
    borderline = np.zeros(widths.shape, dtype=bool)
    for i, a in enumerate(activations):
        for j, t in enumerate(targets):
            row = np.flatnonzero((table["activation"] == a) & (table["target"] == t))[0]
            value = str(table["smallest_reliable_width"][row])
            widths[i, j] = np.nan if value == "none" else float(value)
            matches[i, j] = table["matches"][row]
            borderline[i, j] = table["borderline"][row]
    fig, ax = style.new_figure(figsize=(1.0 + 0.9 * len(targets), 1.2 + 0.5 * len(activations)))
    ax.set_facecolor("0.88")  # "none": no width fits
    norm = LogNorm(1, max_width)
    image = ax.imshow(np.ma.masked_invalid(widths), cmap="viridis_r", norm=norm, aspect="auto")
    for (i, j), width in np.ndenumerate(widths):
        text = "none" if np.isnan(width) else f"{width:g}" + ("?" if borderline[i, j] else "")
        light = not np.isnan(width) and norm(width) > 0.55
        ax.text(j, i, text, ha="center", va="center", fontsize=9, color="white" if light else "0.1")
        if matches[i, j]:
            ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, edgecolor="black", lw=2))
    ax.set_xticks(range(len(targets)), targets, rotation=30, ha="right")
    ax.set_yticks(range(len(activations)), [get_activation(a).label for a in activations])
    ax.tick_params(length=0)
    ax.grid(False)  # the style's grid would cut through the cells
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_title(
        f"Smallest width where >= {reliable:.0%} of seeds fit (outlined: shapes match; "
        "?: borderline)",
        loc="left",
        fontsize=10,
    )
    fig.colorbar(image, ax=ax, label="hidden nodes", fraction=0.04, pad=0.02)
    return fig
