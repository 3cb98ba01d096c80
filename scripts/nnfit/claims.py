"""The article's claims against the sweep's measurements, with verdicts fixed in advance.

Every verdict follows from thresholds stated here, chosen before the sweep ran:
"reliably" means at least 90% of seeds, "sometimes" at least 50%.
"""

from dataclasses import asdict, dataclass

import numpy as np

from nnfit.fourier import dominant_node, wrap
from nnfit.network import Params
from nnfit.sweep import THEOREM_TOLERANCE

RELIABLE = 0.9
SOMETIMES = 0.5
FREQUENCY_TOLERANCE = 0.05  # relative: a node "has" frequency f within 5%
PHASE_TOLERANCE = 0.2  # radians
AMPLITUDE_TOLERANCE = 0.25  # relative, for the harmonics' recovered amplitudes
HOLDS, PARTLY, FAILS = "holds", "partly holds", "does not hold"


@dataclass(frozen=True)
class Claim:
    id: str
    claim: str  # the article's claim in our words
    evidence: str  # what we measured, with seed counts
    verdict: str
    numbers: dict


def graded(value, holds, partly) -> str:
    return HOLDS if holds(value) else PARTLY if partly(value) else FAILS


def reliability_verdict(rate: float) -> str:
    """Holds when reliable (>= 90% of seeds), partly when it happens at least half the time."""
    return graded(rate, lambda r: r >= RELIABLE, lambda r: r >= SOMETIMES)


class Sweep:
    """Success rates by (variant, width) from the tidy sweep table."""

    def __init__(self, table):
        self.table = table

    def has(self, variant, width=None) -> bool:
        return bool(np.any(self.rows(variant, width)))

    def rows(self, variant, width=None):
        rows = self.table["variant"] == variant
        return rows if width is None else rows & (self.table["width"] == width)

    def rate(self, variant, width, column="fits") -> float:
        return float(np.mean(self.table[column][self.rows(variant, width)]))

    def seeds(self, variant, width) -> int:
        return int(np.sum(self.rows(variant, width)))

    def widths(self, variant):
        return sorted({int(w) for w in self.table["width"][self.rows(variant)]})

    def reliable_width(self, variant):
        """The fewest hidden nodes at which at least 90% of seeds fit, None if no width does."""
        return next((w for w in self.widths(variant) if self.rate(variant, w) >= RELIABLE), None)

    def reliable_text(self, variant) -> str:
        width = self.reliable_width(variant)
        return str(width) if width is not None else f"none up to {max(self.widths(variant))}"

    def rates(self, variant, column="fits") -> str:
        return ", ".join(f"{w}: {self.rate(variant, w, column):.0%}" for w in self.widths(variant))


def _pct(x) -> str:
    return f"{x:.0%}"


def evaluate(
    table, article_widths: dict, cos_batch: dict, fourier_fit: dict, noise_sd: float, targets_terms
) -> list[Claim]:
    """Every claim whose networks the sweep trained, in the article's order."""
    s = Sweep(table)
    found = []
    for needs, build in CLAIMS:
        if all(s.has(variant, width) for variant, width in needs(article_widths)):
            found.append(build(s, article_widths, cos_batch, fourier_fit, noise_sd, targets_terms))
    return found


def _fit_rate_claim(s, claim_id, claim, variant, width):
    """A claim that networks of one activation and width fit reliably."""
    rate = s.rate(variant, width)
    return Claim(
        claim_id,
        claim,
        f"{_pct(rate)} of {s.seeds(variant, width)} seeds fit with {width} nodes.",
        reliability_verdict(rate),
        {"rate": rate},
    )


def _sigmoid_fits(s, *_):
    return _fit_rate_claim(
        s,
        "sigmoid_fits",
        "A sigmoid network with 10 hidden nodes fits the sine on the training range.",
        "sigmoid",
        10,
    )


def _sigmoid_nodes(s, *_):
    needed = s.reliable_width("sigmoid")
    return Claim(
        "sigmoid_nodes",
        "About 7 sigmoid nodes are needed for this range (10 are used because random "
        "initialisation may misplace some).",
        f"Fewest nodes that fit in >= 90% of seeds: {s.reliable_text('sigmoid')}. "
        f"Fit rate by width: {s.rates('sigmoid')}.",
        graded(
            needed, lambda w: w is not None and abs(w - 7) <= 1, lambda w: w is not None and w <= 10
        ),
        {"reliable_width": needed},
    )


def _relu_needs_100(s, *_):
    small = max((s.rate("relu", w) for w in s.widths("relu") if w <= 20), default=0.0)
    at_100 = s.rate("relu", 100)
    return Claim(
        "relu_needs_100",
        "ReLU needs about 100 hidden nodes to fit reliably.",
        f"Fit rate by width: {s.rates('relu')}; fewest nodes with >= 90%: "
        f"{s.reliable_text('relu')}.",
        HOLDS
        if at_100 >= RELIABLE and small < RELIABLE
        else PARTLY
        if at_100 >= SOMETIMES and at_100 > small
        else FAILS,
        {"rate_100": at_100, "best_rate_up_to_20": small},
    )


def _cos_fits_3(s, *_):
    return _fit_rate_claim(
        s, "cos_fits_3", "A cosine network fits reliably with just 3 nodes.", "cos", 3
    )


def _cos_one_node(s, *_):
    rate = s.rate("cos", 1)
    return Claim(
        "cos_one_node",
        "With a lucky initialisation one cosine node is enough.",
        f"{_pct(rate)} of {s.seeds('cos', 1)} seeds fit with 1 node (longer training was not "
        "measured).",
        graded(rate, lambda r: r >= 0.1, lambda r: r > 0),
        {"rate": rate},
    )


def _no_extrapolation(s, *_):
    best = {
        name: max(s.rate(name, w, "extrapolates") for w in s.widths(name))
        for name in ("sigmoid", "relu")
    }
    return Claim(
        "no_extrapolation",
        "Sigmoid and ReLU networks cannot extrapolate beyond the training range.",
        "Share of seeds that extrapolate, at the best width: "
        + ", ".join(f"{k} {_pct(v)}" for k, v in best.items())
        + ".",
        graded(max(best.values()), lambda r: r <= 0.05, lambda r: r < SOMETIMES),
        best,
    )


def _cos_extrapolates(s, *_):
    rate = s.rate("cos", 3, "extrapolates")
    return Claim(
        "cos_extrapolates",
        "The cosine network (3 nodes) handles extrapolation effortlessly.",
        f"{_pct(rate)} of {s.seeds('cos', 3)} seeds extrapolate with 3 nodes; by width: "
        f"{s.rates('cos', 'extrapolates')}.",
        reliability_verdict(rate),
        {"rate": rate},
    )


def _shape_matters(s, *_):
    order = {name: s.reliable_width(name) for name in ("cos", "sigmoid", "relu")}
    size = {k: (v if v is not None else np.inf) for k, v in order.items()}
    return Claim(
        "shape_matters",
        "The activation's shape decides how many nodes are needed: the closer to the "
        "target's shape, the fewer.",
        "Fewest nodes fitting >= 90% of seeds: "
        + ", ".join(f"{k} {s.reliable_text(k)}" for k in order)
        + ".",
        HOLDS
        if size["cos"] < size["sigmoid"] < size["relu"]
        else PARTLY
        if size["cos"] < size["relu"]
        else FAILS,
        order,
    )


def _saw(s, *_):
    fit = s.rate("saw", max(s.widths("saw")))
    extrapolates = max(s.rate("saw", w, "extrapolates") for w in s.widths("saw"))
    return Claim(
        "saw",
        "Open question: a periodic ReLU (saw wave, z mod 2 pi) can be trained by gradient "
        "descent through the modulo, and extrapolates like the cosine.",
        "The gradient exists almost everywhere: d/dw_i of mod(w_i x + b_i, 2 pi) is x, "
        "d/db_i is 1 (checked against finite differences). "
        f"Fit rate by width: {s.rates('saw')}; at most {_pct(extrapolates)} of seeds "
        "extrapolate at any width.",
        HOLDS
        if fit >= RELIABLE and extrapolates >= RELIABLE
        else PARTLY
        if fit >= SOMETIMES or extrapolates >= SOMETIMES
        else FAILS,
        {"fit_rate_widest": fit, "best_extrapolation_rate": extrapolates},
    )


def _snake(s, widths, *_) -> Claim:
    width = widths["snake"]
    rows = s.table["activation"] == "snake"
    variants = sorted(
        {v for v in s.table["variant"][rows] if v.startswith("snake-a")},
        key=lambda v: float(v.removeprefix("snake-a")),
    )
    by_a = {v.removeprefix("snake-a"): s.rate(v, width, "extrapolates") for v in variants}
    fits = {v.removeprefix("snake-a"): s.rate(v, width) for v in variants}
    configured = s.rate("snake", width, "extrapolates")
    return Claim(
        "snake",
        "Beyond the article: Snake, x + sin^2(ax)/a, lets a network extrapolate a "
        "periodic function.",
        f"With {width} nodes, share of seeds that extrapolate for a = "
        + ", ".join(f"{a}: {r:.0%}" for a, r in by_a.items())
        + "; that fit: "
        + ", ".join(f"{a}: {r:.0%}" for a, r in fits.items())
        + f"; with the configured a: {configured:.0%}.",
        HOLDS
        if configured >= RELIABLE
        else PARTLY
        if max(by_a.values(), default=0.0) >= SOMETIMES
        else FAILS,
        {"extrapolates_by_a": by_a, "fits_by_a": fits, "configured": configured},
    )


def _dead_relu(s, *_) -> Claim:
    table = s.table
    rows = table["variant"] == "relu"
    mixed = [
        w
        for w in np.unique(table["width"][rows])
        if 0.1 < np.mean(table["fits"][rows & (table["width"] == w)]) < 0.9
    ]
    pick = rows & np.isin(table["width"], mixed)
    fail, fit = pick & ~table["fits"], pick & table["fits"]
    gap = (
        float(np.mean(table["dead_end"][fail]) - np.mean(table["dead_end"][fit])) if mixed else 0.0
    )
    start = float(np.mean(table["dead_start"][rows]))
    return Claim(
        "dead_relu",
        "ReLU networks are hard to fit presumably because of dead units.",
        f"At widths where some seeds fit and some do not ({', '.join(map(str, map(int, mixed)))}), "
        f"failed fits end with {gap:+.1%} more dead units than good fits "
        f"({int(fail.sum())} failed, {int(fit.sum())} fit); {start:.1%} of units start dead.",
        graded(gap, lambda g: g >= 0.1, lambda g: g >= 0.03),
        {"dead_gap": gap, "dead_at_start": start, "widths": [int(w) for w in mixed]},
    )


def _fourier_sine(s, widths, cos_batch, fourier_fit, noise_sd, *_) -> Claim:
    fits = cos_batch["fits"]
    params = (cos_batch["final_w"], cos_batch["final_b"], cos_batch["final_v"])
    frequency, amplitude, phase, others = dominant_node(Params(*params, cos_batch["final_c"]))
    one = np.abs(frequency - 1.0) <= FREQUENCY_TOLERANCE
    in_phase = np.abs(wrap(phase)) <= PHASE_TOLERANCE  # sin(x) has phase 0
    share = float(np.mean((one & in_phase)[fits])) if fits.any() else 0.0
    noise_level = float(np.median(others[fits])) if fits.any() else float("nan")
    return Claim(
        "fourier_sine",
        "The cosine network does Fourier analysis: one node carries the sine "
        "(frequency 1, matching phase), the others only model the noise.",
        f"In {_pct(share)} of the {int(fits.sum())} fitting 3-node networks the largest node has "
        f"|w| within {FREQUENCY_TOLERANCE:.0%} of 1 and phase within {PHASE_TOLERANCE} rad; the "
        f"other nodes' largest amplitude has median {noise_level:.3f} (noise sd {noise_sd:g}); "
        f"median dominant amplitude {np.median(amplitude[fits]):.3f}.",
        HOLDS
        if share >= RELIABLE and noise_level <= noise_sd
        else PARTLY
        if share >= SOMETIMES
        else FAILS,
        {"share": share, "others_median_amplitude": noise_level},
    )


def _harmonics(s, widths, cos_batch, fit, noise_sd, terms) -> Claim:
    good = fit["fits"]
    found = []
    for k in np.flatnonzero(good):
        f, a, ph = fit["node_frequency"][k], fit["node_amplitude"][k], fit["node_phase"][k]
        hits = 0
        for frequency, amplitude, _ in terms:
            near = np.abs(f - frequency) <= FREQUENCY_TOLERANCE * frequency
            combined = abs(np.sum(a[near] * np.exp(1j * ph[near])))  # nodes at one frequency add
            hits += abs(combined - amplitude) <= AMPLITUDE_TOLERANCE * amplitude
        found.append(hits / len(terms))
    share = float(np.mean(found)) if found else 0.0
    return Claim(
        "fourier_harmonics",
        "Beyond the article: a cosine network fit to a target with several "
        "harmonics recovers its spectrum, node by node.",
        f"{int(good.sum())} of {good.size} seeds fit; in those, {_pct(share)} of the target's "
        f"{len(terms)} harmonics are matched by nodes within {FREQUENCY_TOLERANCE:.0%} in "
        f"frequency and {AMPLITUDE_TOLERANCE:.0%} in amplitude (nodes at one frequency summed as "
        "phasors).",
        reliability_verdict(share),
        {"fit": int(good.sum()), "share_of_harmonics": share},
    )


def _theorems(s, *_) -> Claim:
    table = s.table
    parts, numbers, within = [], {}, True
    for name, key, what in (
        ("relu", "relu_tail", "ReLU affine beyond the outermost kink, largest relative gap"),
        ("sigmoid", "sigmoid_limit", "sigmoid limits c + sum v_i (w_i > 0 / < 0), largest gap"),
        ("snake", "snake_drift", "Snake slope far out vs sum v_i w_i, largest share of its bound"),
    ):
        rows = (table["activation"] == name) & ~table["diverged"]
        if rows.any():
            worst = float(np.nanmax(table["theorem_deviation"][rows]))
            numbers[name] = worst
            within &= worst <= THEOREM_TOLERANCE[key]
            parts.append(f"{what}: {worst:.2g} over {int(rows.sum())} networks")
    drift = np.abs(table["drift_slope"][table["variant"] == "snake"])
    if drift.size:
        parts.append(
            f"Snake's drift |sum v_i w_i| has median {np.median(drift):.3f}, "
            "so its error grows linearly beyond the data"
        )
    return Claim(
        "theorems",
        "Exact properties behind the extrapolation figures hold on every trained network.",
        "; ".join(parts) + ".",
        HOLDS if within else FAILS,
        numbers,
    )


def header(seeds: int, noise_sd: float, fit_factor: float, extrapolation_factor: float) -> str:
    variance = noise_sd**2
    return (
        "# What the article claims, measured\n\n"
        f"Each activation and width is trained from {seeds} seeds on the same 50 noisy samples. "
        f"A network *fits* when its train MSE is within {fit_factor:g}x the noise variance "
        f"({fit_factor * variance:.4g}); it *extrapolates* when its MSE beyond the training "
        f"range is within {extrapolation_factor:g}x ({extrapolation_factor * variance:.4g}). "
        f"*Reliably* means at least {RELIABLE:.0%} of seeds, *sometimes* at least "
        f"{SOMETIMES:.0%}. These thresholds were fixed before the sweep ran."
    )


# Each claim with the (variant, width) batches it needs; width None: any width.
CLAIMS = [
    (lambda w: [("sigmoid", 10)], _sigmoid_fits),
    (lambda w: [("sigmoid", None)], _sigmoid_nodes),
    (lambda w: [("relu", 100)], _relu_needs_100),
    (lambda w: [("relu", None)], _dead_relu),
    (lambda w: [("cos", 3)], _cos_fits_3),
    (lambda w: [("cos", 1)], _cos_one_node),
    (lambda w: [("sigmoid", None), ("relu", None)], _no_extrapolation),
    (lambda w: [("cos", 3)], _cos_extrapolates),
    (lambda w: [("cos", w.get("cos"))], _fourier_sine),
    (lambda w: [("cos", None), ("sigmoid", None), ("relu", None)], _shape_matters),
    (lambda w: [("saw", None)], _saw),
    (lambda w: [("snake", w.get("snake"))], _snake),
    (lambda w: [], _harmonics),
    (lambda w: [], _theorems),
]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")  # a bare pipe would split the table cell


def to_markdown(claims: list[Claim], header: str) -> str:
    lines = [header, "", "| claim | measured | verdict |", "| --- | --- | --- |"]
    lines += [f"| {_cell(c.claim)} | {_cell(c.evidence)} | **{c.verdict}** |" for c in claims]
    return "\n".join(lines) + "\n"


def to_json(claims: list[Claim]) -> list[dict]:
    return [asdict(c) for c in claims]
