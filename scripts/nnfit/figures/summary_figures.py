"""Figures of the sweep: what holds across seeds, not in one lucky run."""

import numpy as np
from matplotlib.lines import Line2D

from nnfit.figures import style
from nnfit.grading.rates import wilson_interval
from nnfit.model.activations import get_activation
from nnfit.model.fourier import harmonic_amplitudes


def _by_width(table, variant, column, reduce):
    rows = table["variant"] == variant
    widths = np.unique(table["width"][rows])
    return widths, np.array([reduce(table[column][rows & (table["width"] == w)]) for w in widths])


def _width_labels(widths):
    # on a log axis 6 to 9 crowd against 10: tick them, label the rest
    return [f"{w:g}" if w <= 5 or w % 10 == 0 else "" for w in widths]


def _width_axis(ax, widths):
    ax.set_xscale("log")
    ax.set_xticks(widths, _width_labels(widths), fontsize=8)
    ax.minorticks_off()
    ax.set_xlabel("hidden nodes")


def _label(name):
    return get_activation(name).label


def reliability(table, variants, fit_threshold, fit_factor):
    fig, (rate_ax, mse_ax) = style.new_figure(ncols=2, figsize=style.FIGSIZE["summary"])
    for name in variants:
        colour = style.activation_colour(name)
        widths, wins = _by_width(table, name, "fits", np.sum)
        _, trials = _by_width(table, name, "fits", np.size)
        low, high = wilson_interval(wins, trials)
        rate_ax.fill_between(widths, low, high, color=colour, alpha=0.15, linewidth=0)
        rate_ax.plot(widths, wins / trials, "o-", color=colour, markersize=3.5, label=_label(name))
        _, q25 = _by_width(table, name, "train_mse", lambda v: np.nanpercentile(v, 25))
        _, q50 = _by_width(table, name, "train_mse", np.nanmedian)
        _, q75 = _by_width(table, name, "train_mse", lambda v: np.nanpercentile(v, 75))
        mse_ax.fill_between(widths, q25, q75, color=colour, alpha=0.15, linewidth=0)
        mse_ax.plot(widths, q50, "o-", color=colour, markersize=3.5)
    n_seeds = int(trials.max())
    rate_ax.set(
        ylim=(-0.03, 1.03),
        ylabel="share of seeds that fit",
        title=f"Fits (train MSE within {fit_factor:g}x the noise variance)",
    )
    mse_ax.axhline(
        fit_threshold, color=style.INK, linestyle="--", linewidth=1, label="fit threshold"
    )
    mse_ax.set(
        yscale="log",
        ylabel="train MSE (median, quartiles)",
        title=f"Train MSE over {n_seeds} seeds",
    )
    for ax in (rate_ax, mse_ax):
        _width_axis(ax, widths)
    # beside the panels: inside, any corner of the rates is crossed by some activation's line
    handles, labels = rate_ax.get_legend_handles_labels()
    more_handles, more_labels = mse_ax.get_legend_handles_labels()
    fig.legend(handles + more_handles, labels + more_labels, loc="outside right center", fontsize=8)
    return fig


def extrapolation_summary(table, article_widths, threshold, factor):
    """Extrapolation error at each activation's article width, and its rate across widths."""
    fig, (box_ax, rate_ax) = style.new_figure(ncols=2, figsize=style.FIGSIZE["summary"])
    names = list(article_widths)
    shares, never = [], []
    for k, name in enumerate(names):
        rows = (table["variant"] == name) & (table["width"] == article_widths[name])
        values = table["extrap_mse"][rows]
        colour = style.activation_colour(name)
        jitter = np.linspace(-0.25, 0.25, values.size)
        box_ax.scatter(k + jitter, values, s=9, color=colour, alpha=0.6, linewidth=0)
        box_ax.boxplot(
            [values], positions=[k], widths=0.6, showfliers=False, medianprops={"color": style.INK}
        )
        shares.append(np.mean(values <= threshold))
        widths, wins = _by_width(table, name, "extrapolates", np.sum)
        _, trials = _by_width(table, name, "extrapolates", np.size)
        low, high = wilson_interval(wins, trials)
        if wins.any():  # bands of rates at 0 everywhere would only stack into one blur
            rate_ax.fill_between(widths, low, high, color=colour, alpha=0.12, linewidth=0)
        else:
            never.append((_label(name).split(" (")[0], float(high.max())))
        rate_ax.plot(widths, wins / trials, "o-", color=colour, markersize=3.5, label=_label(name))
    box_ax.axhline(
        threshold,
        color=style.INK,
        linestyle="--",
        linewidth=1,
        label=f"extrapolation threshold ({factor:g}x the noise variance)",
    )
    box_ax.legend(loc="upper right", fontsize=8)
    box_ax.set_xticks(
        range(len(names)),
        [
            f"{_label(n).split(' (')[0]}\n{article_widths[n]} nodes\n{100 * share:.0f}%"
            for n, share in zip(names, shares, strict=True)
        ],
        fontsize=8,
    )
    box_ax.set(
        yscale="log",
        ylabel="MSE beyond the training range",
        title="At the article's widths (and % that extrapolate)",
    )
    rate_ax.set(
        ylim=(-0.03, 1.03),
        ylabel="share of seeds that extrapolate (band: 95% interval)",
        title=f"Extrapolates (MSE within {factor:g}x the noise variance)",
    )
    _width_axis(rate_ax, widths)
    if never:  # their band would be 0 to this at every width
        names_at_zero = ", ".join(n for n, _ in never)
        top = max(h for _, h in never)
        rate_ax.plot([], [], " ", label=f"{names_at_zero}: none,\n95% interval 0 to {top:.0%}")
    rate_ax.legend(loc="upper right", fontsize=8)
    return fig


def dead_relu(batches: list[dict], labels: dict):
    """The dead-ReLU interventions: the share of dead units as training goes, and the fit
    rate of each intervention within each width (95% Wilson intervals)."""
    fig, (dead_ax, rate_ax) = style.new_figure(ncols=2, figsize=style.FIGSIZE["summary"])
    widths = sorted({int(b["width"]) for b in batches}, reverse=True)
    dashes = {w: ["-", "--", ":", "-."][k % 4] for k, w in enumerate(widths)}
    names = list(labels)
    n_seeds = batches[0]["fits"].size
    offsets = dict(zip(names, np.linspace(-0.22, 0.22, len(names)), strict=True))
    for b in batches:
        name, width = str(b["intervention"]), int(b["width"])
        colour = style.INTERVENTION_COLOURS[name]
        dead_ax.plot(
            b["steps"],
            100 * np.nanmean(b["dead"], axis=0),
            dashes[width],
            color=colour,
        )
        wins, trials = int(np.sum(b["fits"])), b["fits"].size
        low, high = wilson_interval(wins, trials)
        position = widths[::-1].index(width) + offsets[name]
        rate = wins / trials
        rate_ax.errorbar(
            position,
            100 * rate,
            # at 0 or all seeds an interval's end rounds a hair past the rate
            yerr=np.clip([[100 * (rate - low)], [100 * (high - rate)]], 0, None),
            fmt="o",
            color=colour,
            capsize=3,
            markersize=5,
            label=labels[name] if width == widths[0] else None,
        )
    dead_ax.set(
        xlabel="iteration",
        ylabel=f"dead units (%, mean of {n_seeds} seeds)",
        title="Units below their kink on every sample",
        ylim=(0, None),
    )
    # colours are named in the right panel's legend; here only the widths' line styles
    widths_key = [
        Line2D([], [], linestyle=dashes[w], color=style.INK, label=f"{w} nodes") for w in widths
    ]
    dead_ax.legend(handles=widths_key, fontsize=8, loc="lower right")
    rate_ax.axhline(90, color=style.INK, linestyle=":", linewidth=1, label="reliable (90%)")
    rate_ax.set_xticks(range(len(widths)), [f"{w} nodes" for w in widths[::-1]])
    rate_ax.set(
        xlim=(-0.6, len(widths) - 0.4),
        ylim=(0, 103),
        ylabel=f"seeds that fit (%, of {n_seeds}; 95% interval)",
        title="Fit rate within each width",
    )
    rate_ax.legend(fontsize=8, loc="lower right")
    return fig


def convergence(curves: dict, fit_threshold):
    """Loss against iteration: median and quartiles over seeds, per activation."""
    if not curves:
        raise ValueError("no activation was swept at its article width")
    seeds = max(loss.shape[0] for _, loss in curves.values())
    fig, ax = style.new_figure(figsize=style.FIGSIZE["extrapolation"])
    # Curves that converge alike (cosine and sine are one network up to a bias shift) would
    # hide one another: each line is drawn thinner than the one before, on top of it, and
    # dashed, so that the earlier ones show at its edges and through its gaps.
    widths = np.linspace(3.6, 1.2, len(curves))
    for k, (name, (width, loss)) in enumerate(curves.items()):  # loss: (seeds, iterations + 1)
        colour = style.activation_colour(name)
        steps = np.arange(loss.shape[1])
        q25, q50, q75 = np.nanpercentile(loss, [25, 50, 75], axis=0)
        ax.fill_between(steps, q25, q75, color=colour, alpha=0.15, linewidth=0)
        ax.plot(
            steps,
            q50,
            color=colour,
            linewidth=widths[k],
            linestyle="-" if k == 0 else (0, (5, 2)),
            label=f"{_label(name)}, {width} nodes",
        )
    ax.axhline(fit_threshold, color=style.INK, linestyle="--", linewidth=1, label="fit threshold")
    ax.set(
        yscale="log",
        xlabel="iteration",
        ylabel="train MSE (median, quartiles)",
        title=f"Convergence over {seeds} seeds at the article's widths",
    )
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8)
    return fig


def snake_a(table, variants: dict, width):
    """Snake's a: how often it fits, how often it extrapolates, and how fast it drifts."""
    fig, (rate_ax, drift_ax) = style.new_figure(ncols=2, figsize=style.FIGSIZE["summary"])
    values = np.array(sorted(variants.values()))
    names = [n for n, _ in sorted(variants.items(), key=lambda item: item[1])]
    fits = [table["fits"][table["variant"] == n].mean() for n in names]
    extrapolates = [table["extrapolates"][table["variant"] == n].mean() for n in names]
    rate_ax.plot(values, fits, "o-", color=style.activation_colour("snake"), label="fits")
    rate_ax.plot(values, extrapolates, "s--", color=style.TRUE_FUNCTION, label="extrapolates")
    rate_ax.set(
        xscale="log",
        ylim=(-0.03, 1.03),
        xlabel="a",
        ylabel="share of seeds",
        title=f"Snake, {width} nodes, for each a",
    )
    rate_ax.set_xticks(values, [f"{v:g}" for v in values])
    rate_ax.minorticks_off()
    rate_ax.legend(fontsize=8)
    drift = [np.abs(table["drift_slope"][table["variant"] == n]) for n in names]
    drift_ax.boxplot(
        drift,
        positions=np.log10(values),
        widths=0.15,
        showfliers=False,
        medianprops={"color": style.INK},
    )
    drift_ax.set_xticks(np.log10(values), [f"{v:g}" for v in values])
    drift_ax.set(
        yscale="log",
        xlabel="a",
        ylabel=r"drift $|\Sigma\, v_i w_i|$",
        title="Linear drift far from the data",
    )
    return fig


def fourier(fit: dict, harmonics, tolerance: float, target_name: str):
    """What the Fourier claim reads: each fitting network's amplitude at each of the target's
    frequencies (its nodes there summed as phasors, since they add), and its nodes near none
    of them, against the target's spectrum."""
    fig, ax = style.new_figure(figsize=style.FIGSIZE["extrapolation"])
    target_frequency, target_amplitude = fit["target_frequency"], fit["target_amplitude"]
    keep = target_amplitude > 1e-3 * target_amplitude.max()
    ax.vlines(
        target_frequency[keep],
        0,
        target_amplitude[keep],
        color=style.TRUE_FUNCTION,
        linewidth=2.5,
        label=f"spectrum of '{target_name}' (scipy.fft)",
    )
    good = fit["fits"]
    nodes = [fit[f"node_{name}"][good] for name in ("frequency", "amplitude", "phase")]
    combined, unmatched = harmonic_amplitudes(*nodes, harmonics, tolerance)
    # each network a little apart from the next, so that equal amplitudes stay visible
    n = len(combined)
    offset = (np.linspace(-0.06, 0.06, n) if n > 1 else np.zeros(n))[:, None]
    ax.scatter(
        (np.asarray(harmonics)[None, :] + offset).ravel(),
        combined.ravel(),
        s=24,
        color=style.NETWORK,
        alpha=0.8,
        linewidth=0,
        label=f"each fitting network's nodes within {tolerance:.0%}, summed as phasors",
    )
    ax.scatter(
        nodes[0][unmatched],
        nodes[1][unmatched],
        s=16,
        facecolor="none",
        edgecolor="0.45",
        linewidth=0.8,
        label="their nodes at none of the target's frequencies",
    )
    top = max(3.5, float(target_frequency[keep].max()) + 1.0)
    ax.set(
        xlim=(0, top),
        ylim=(0, None),
        xlabel=r"frequency $|w_i|$",
        ylabel="amplitude",
        title=f"Cosine networks read as Fourier series: {int(good.sum())} of {good.size} seeds "
        f"fit with {nodes[0].shape[-1]} nodes",
    )
    ax.legend(loc="upper right", fontsize=8)
    return fig


VERDICT_COLOURS = {  # from worst to best, so the colour scale reads like the verdicts
    "not graded": "#d9d9d9",
    "does not hold": "#d6604d",
    "borderline": "#f4c96b",
    "partly holds": "#a6d96a",
    "holds": "#1a9850",
}


# Each claim's row in the sensitivity figure, named as a reader would (claims.md has the
# claim in full); a claim not named here shows its id with spaces.
CLAIM_NAMES = {
    "sigmoid_fits": "Sigmoid fits with 10 nodes",
    "sigmoid_nodes": "Sigmoid needs about 7 nodes",
    "relu_needs_100": "ReLU needs about 100 nodes",
    "dead_relu": "...because of dead ReLUs",
    "cos_fits_3": "Cosine fits with 3 nodes",
    "cos_one_node": "One cosine node: luck or longer training",
    "no_extrapolation": "Sigmoid and ReLU cannot extrapolate",
    "cos_extrapolates": "Cosine extrapolates",
    "fourier_sine": "One cosine node carries the sine",
    "cos_phase": "Cosine starts far from frequency 1",
    "shape_matters": "The activation's shape decides the nodes",
    "saw": "Saw trains and extrapolates",
    "snake": "Snake extrapolates",
    "fourier_harmonics": "Cosine recovers a spectrum",
    "theorems": "Exact extrapolation properties hold",
}
NOT_RETRAINED = "blank: not retrained under this setting\n(the claim rests on runs of its own)"


def claim_name(claim_id: str) -> str:
    return CLAIM_NAMES.get(claim_id, claim_id.replace("_", " "))


def claims_sensitivity(table):
    """Each claim's verdict (rows) under each setting (columns); blank where a training
    setting did not retrain what the claim is graded on, as the legend says."""
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    claim_ids = list(dict.fromkeys(table["claim"]))
    setting_names = list(dict.fromkeys(table["setting"]))
    verdicts = list(VERDICT_COLOURS)
    grid = np.full((len(claim_ids), len(setting_names)), np.nan)
    for claim_id, setting, verdict in zip(
        table["claim"], table["setting"], table["verdict"], strict=True
    ):
        grid[claim_ids.index(claim_id), setting_names.index(setting)] = verdicts.index(verdict)
    fig, ax = style.new_figure(
        figsize=(4.4 + 1.1 * len(setting_names), 1.3 + 0.32 * len(claim_ids))
    )
    ax.pcolormesh(
        np.ma.masked_invalid(grid),
        cmap=ListedColormap(list(VERDICT_COLOURS.values())),
        vmin=-0.5,
        vmax=len(verdicts) - 0.5,
        edgecolors="white",
        linewidth=1.5,
    )
    ax.set_xlim(0, len(setting_names))
    ax.set_ylim(len(claim_ids), 0)  # the first claim on top, as in claims.md
    labels = [
        name.replace(" factor ", "\nfactor ").replace("as ", "as\n") for name in setting_names
    ]
    ax.set_xticks(np.arange(len(setting_names)) + 0.5, labels, fontsize=8)
    ax.set_yticks(np.arange(len(claim_ids)) + 0.5, map(claim_name, claim_ids), fontsize=8)
    ax.tick_params(length=0)
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_title("Each claim's verdict under other thresholds and other training settings")
    ax.legend(
        handles=[Patch(color=c, label=v) for v, c in VERDICT_COLOURS.items()]
        + [Patch(facecolor="white", edgecolor="0.6", label=NOT_RETRAINED)],
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        frameon=False,
        fontsize=8,
    )
    return fig
