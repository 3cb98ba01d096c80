"""The article's claims against the sweep's measurements, with verdicts fixed in advance.

Each claim is one function of the evidence, registered with ``@claim`` beside the batches
it needs, and graded by ``verdict``. Every verdict follows from thresholds stated here,
chosen before the sweep ran: "reliably" means at least 90% of seeds, "sometimes" at least
50%. A claim whose evidence is missing or meaningless is reported as not graded.
"""

from collections.abc import Callable
from dataclasses import asdict, dataclass

import numpy as np

from nnfit.criteria import Criteria
from nnfit.fourier import dominant_node, wrap
from nnfit.network import Params
from nnfit.properties import THEOREM_TOLERANCE

RELIABLE = 0.9
SOMETIMES = 0.5
FREQUENCY_TOLERANCE = 0.05  # relative: a node "has" frequency f within 5%
PHASE_TOLERANCE = 0.2  # radians
AMPLITUDE_TOLERANCE = 0.25  # relative, for the harmonics' recovered amplitudes
HOLDS, PARTLY, FAILS, NOT_GRADED = "holds", "partly holds", "does not hold", "not graded"


@dataclass(frozen=True)
class Claim:
    id: str
    claim: str  # the article's claim in our words
    evidence: str  # what we measured, with seed counts
    verdict: str
    numbers: dict


def verdict(holds: bool, partly: bool = False) -> str:
    """The one grading rule: holds, else partly holds, else does not hold."""
    return HOLDS if holds else PARTLY if partly else FAILS


def reliability_verdict(rate: float) -> str:
    """Holds when reliable (>= 90% of seeds), partly when it happens at least half the time."""
    return verdict(rate >= RELIABLE, rate >= SOMETIMES)


class Sweep:
    """Success rates by (variant, width) from the tidy sweep table."""

    def __init__(self, table):
        self.table = table

    def rows(self, variant, width=None):
        rows = self.table["variant"] == variant
        return rows if width is None else rows & (self.table["width"] == width)

    def trained(self, variant, width=None) -> int:
        """Networks of that batch that did not diverge."""
        return int(np.sum(self.rows(variant, width) & ~self.table["diverged"]))

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


@dataclass(frozen=True)
class Evidence:
    """Everything a claim may be graded on."""

    sweep: Sweep
    article_widths: dict  # activation -> n_hidden of its article network
    cos_batch: dict | None  # the sweep's batch of cos at its article width, final parameters
    fourier: dict  # cosine networks fit to the harmonics target (nnfit.fourier_fit)
    harmonics: list  # that target's [frequency, amplitude, phase] terms
    criteria: Criteria
    n_samples: int


class NotGraded(Exception):
    """Raised by a claim whose evidence cannot decide it; the message says why."""


ARTICLE = "article"  # in a claim's needs: the width config gives that activation's network
Builder = Callable[[Evidence], Claim]
CLAIMS: list[tuple[str, str, tuple, bool, Builder]] = []  # in the article's order


def claim(claim_id: str, text: str, *needs: tuple, thresholds: bool = True):
    """Register a claim: its id, its text, the (variant, width) batches it needs (width None:
    any width; ARTICLE: the configured one), and whether it rests on the fit thresholds."""

    def register(build):
        CLAIMS.append((claim_id, text, needs, thresholds, build))
        return build

    return register


def _pct(x) -> str:
    return f"{x:.0%}"


def _fit_rate(e: Evidence, variant: str, width: int) -> tuple[str, str, dict]:
    rate = e.sweep.rate(variant, width)
    evidence = f"{_pct(rate)} of {e.sweep.seeds(variant, width)} seeds fit with {width} nodes."
    return evidence, reliability_verdict(rate), {"rate": rate}


@claim(
    "sigmoid_fits",
    "A sigmoid network with 10 hidden nodes fits the sine on the training range.",
    ("sigmoid", 10),
)
def _sigmoid_fits(e: Evidence):
    return _fit_rate(e, "sigmoid", 10)


@claim(
    "sigmoid_nodes",
    "About 7 sigmoid nodes are needed for this range (10 are used because random "
    "initialisation may misplace some).",
    ("sigmoid", None),
)
def _sigmoid_nodes(e: Evidence):
    needed = e.sweep.reliable_width("sigmoid")
    return (
        f"Fewest nodes that fit in >= 90% of seeds: {e.sweep.reliable_text('sigmoid')}. "
        f"Fit rate by width: {e.sweep.rates('sigmoid')}.",
        verdict(needed is not None and abs(needed - 7) <= 1, needed is not None and needed <= 10),
        {"reliable_width": needed},
    )


@claim("relu_needs_100", "ReLU needs about 100 hidden nodes to fit reliably.", ("relu", 100))
def _relu_needs_100(e: Evidence):
    s = e.sweep
    small = max((s.rate("relu", w) for w in s.widths("relu") if w <= 20), default=0.0)
    at_100 = s.rate("relu", 100)
    return (
        f"Fit rate by width: {s.rates('relu')}; fewest nodes with >= 90%: "
        f"{s.reliable_text('relu')}.",
        verdict(at_100 >= RELIABLE and small < RELIABLE, at_100 >= SOMETIMES and at_100 > small),
        {"rate_100": at_100, "best_rate_up_to_20": small},
    )


@claim(
    "dead_relu",
    "ReLU networks are hard to fit presumably because of dead units.",
    ("relu", None),
)
def _dead_relu(e: Evidence):
    table, rows = e.sweep.table, e.sweep.rows("relu")
    mixed = [
        w
        for w in np.unique(table["width"][rows])
        if 0.1 < np.mean(table["fits"][rows & (table["width"] == w)]) < 0.9
    ]
    if not mixed:
        raise NotGraded("no width where some seeds fit and others do not: nothing to compare")
    pick = rows & np.isin(table["width"], mixed)
    fail, fit = pick & ~table["fits"], pick & table["fits"]
    gap = float(np.mean(table["dead_end"][fail]) - np.mean(table["dead_end"][fit]))
    start = float(np.mean(table["dead_start"][rows]))
    return (
        f"At widths where some seeds fit and some do not ({', '.join(map(str, map(int, mixed)))}), "
        f"failed fits end with {gap:+.1%} more dead units than good fits "
        f"({int(fail.sum())} failed, {int(fit.sum())} fit); {start:.1%} of units start dead.",
        verdict(gap >= 0.1, gap >= 0.03),
        {"dead_gap": gap, "dead_at_start": start, "widths": [int(w) for w in mixed]},
    )


@claim("cos_fits_3", "A cosine network fits reliably with just 3 nodes.", ("cos", 3))
def _cos_fits_3(e: Evidence):
    return _fit_rate(e, "cos", 3)


@claim("cos_one_node", "With a lucky initialisation one cosine node is enough.", ("cos", 1))
def _cos_one_node(e: Evidence):
    rate = e.sweep.rate("cos", 1)
    return (
        f"{_pct(rate)} of {e.sweep.seeds('cos', 1)} seeds fit with 1 node (longer training was "
        "not measured).",
        verdict(rate >= 0.1, rate > 0),
        {"rate": rate},
    )


@claim(
    "no_extrapolation",
    "Sigmoid and ReLU networks cannot extrapolate beyond the training range.",
    ("sigmoid", None),
    ("relu", None),
)
def _no_extrapolation(e: Evidence):
    best = {
        name: max(e.sweep.rate(name, w, "extrapolates") for w in e.sweep.widths(name))
        for name in ("sigmoid", "relu")
    }
    return (
        "Share of seeds that extrapolate, at the best width: "
        + ", ".join(f"{k} {_pct(v)}" for k, v in best.items())
        + ".",
        verdict(max(best.values()) <= 0.05, max(best.values()) < SOMETIMES),
        best,
    )


@claim(
    "cos_extrapolates",
    "The cosine network (3 nodes) handles extrapolation effortlessly.",
    ("cos", 3),
)
def _cos_extrapolates(e: Evidence):
    rate = e.sweep.rate("cos", 3, "extrapolates")
    return (
        f"{_pct(rate)} of {e.sweep.seeds('cos', 3)} seeds extrapolate with 3 nodes; by width: "
        f"{e.sweep.rates('cos', 'extrapolates')}.",
        reliability_verdict(rate),
        {"rate": rate},
    )


@claim(
    "fourier_sine",
    "The cosine network does Fourier analysis: one node carries the sine "
    "(frequency 1, matching phase), the others only model the noise.",
    ("cos", ARTICLE),
)
def _fourier_sine(e: Evidence):
    batch = e.cos_batch
    fits = batch["fits"]
    if not fits.any():
        raise NotGraded(f"none of the {fits.size} cosine networks fit")
    params = Params(batch["final_w"], batch["final_b"], batch["final_v"], batch["final_c"])
    frequency, amplitude, phase, others = dominant_node(params)
    one = np.abs(frequency - 1.0) <= FREQUENCY_TOLERANCE
    in_phase = np.abs(wrap(phase)) <= PHASE_TOLERANCE  # sin(x) has phase 0
    share = float(np.mean((one & in_phase)[fits]))
    noise_level = float(np.median(others[fits]))
    noise_sd = float(np.sqrt(e.criteria.noise_variance))
    return (
        f"In {_pct(share)} of the {int(fits.sum())} fitting {params.w.shape[-1]}-node networks "
        f"the largest node has a frequency within {FREQUENCY_TOLERANCE:.0%} of 1 and a phase "
        f"within {PHASE_TOLERANCE} rad; the other nodes' largest amplitude has median "
        f"{noise_level:.3f} (noise sd {noise_sd:g}); median dominant amplitude "
        f"{np.median(amplitude[fits]):.3f}.",
        verdict(share >= RELIABLE and noise_level <= noise_sd, share >= SOMETIMES),
        {"share": share, "others_median_amplitude": noise_level},
    )


@claim(
    "shape_matters",
    "The activation's shape decides how many nodes are needed: the closer to the "
    "target's shape, the fewer.",
    ("cos", None),
    ("sigmoid", None),
    ("relu", None),
)
def _shape_matters(e: Evidence):
    order = {name: e.sweep.reliable_width(name) for name in ("cos", "sigmoid", "relu")}
    size = {k: (v if v is not None else np.inf) for k, v in order.items()}
    return (
        "Fewest nodes fitting >= 90% of seeds: "
        + ", ".join(f"{k} {e.sweep.reliable_text(k)}" for k in order)
        + ".",
        verdict(size["cos"] < size["sigmoid"] < size["relu"], size["cos"] < size["relu"]),
        order,
    )


@claim(
    "saw",
    "Open question: a periodic ReLU (saw wave, z mod 2 pi) can be trained by gradient "
    "descent through the modulo, and extrapolates like the cosine.",
    ("saw", None),
)
def _saw(e: Evidence):
    s = e.sweep
    fit = s.rate("saw", max(s.widths("saw")))
    extrapolates = max(s.rate("saw", w, "extrapolates") for w in s.widths("saw"))
    return (
        "The gradient exists almost everywhere: d/dw_i of mod(w_i x + b_i, 2 pi) is x, "
        "d/db_i is 1 (checked against finite differences). "
        f"Fit rate by width: {s.rates('saw')}; at most {_pct(extrapolates)} of seeds "
        "extrapolate at any width.",
        verdict(
            fit >= RELIABLE and extrapolates >= RELIABLE,
            fit >= SOMETIMES or extrapolates >= SOMETIMES,
        ),
        {"fit_rate_widest": fit, "best_extrapolation_rate": extrapolates},
    )


@claim(
    "snake",
    "Beyond the article: Snake, x + sin^2(ax)/a, lets a network extrapolate a periodic function.",
    ("snake", ARTICLE),
)
def _snake(e: Evidence):
    s, width = e.sweep, e.article_widths["snake"]
    table = s.table
    others = (table["activation"] == "snake") & (table["variant"] != "snake")
    pairs = zip(table["a"][others], table["variant"][others], strict=True)
    by_value = sorted({(float(a), v) for a, v in pairs})
    by_a = {f"{a:g}": s.rate(v, width, "extrapolates") for a, v in by_value}
    fits = {f"{a:g}": s.rate(v, width) for a, v in by_value}
    configured = s.rate("snake", width, "extrapolates")
    return (
        f"With {width} nodes, share of seeds that extrapolate for a = "
        + ", ".join(f"{a}: {r:.0%}" for a, r in by_a.items())
        + "; that fit: "
        + ", ".join(f"{a}: {r:.0%}" for a, r in fits.items())
        + f"; with the configured a: {configured:.0%}.",
        verdict(configured >= RELIABLE, max(by_a.values(), default=0.0) >= SOMETIMES),
        {"extrapolates_by_a": by_a, "fits_by_a": fits, "configured": configured},
    )


@claim(
    "fourier_harmonics",
    "Beyond the article: a cosine network fit to a target with several "
    "harmonics recovers its spectrum, node by node.",
)
def _harmonics(e: Evidence):
    fit, terms = e.fourier, e.harmonics
    good = fit["fits"]
    if not good.any():
        raise NotGraded(f"none of the {good.size} cosine networks fit the target")
    found = []
    for k in np.flatnonzero(good):
        f, a, ph = fit["node_frequency"][k], fit["node_amplitude"][k], fit["node_phase"][k]
        hits = 0
        for frequency, amplitude, _ in terms:
            near = np.abs(f - frequency) <= FREQUENCY_TOLERANCE * frequency
            combined = abs(np.sum(a[near] * np.exp(1j * ph[near])))  # nodes at one frequency add
            hits += abs(combined - amplitude) <= AMPLITUDE_TOLERANCE * amplitude
        found.append(hits / len(terms))
    share = float(np.mean(found))
    return (
        f"{int(good.sum())} of {good.size} seeds fit; in those, {_pct(share)} of the target's "
        f"{len(terms)} harmonics are matched by nodes within {FREQUENCY_TOLERANCE:.0%} in "
        f"frequency and {AMPLITUDE_TOLERANCE:.0%} in amplitude (nodes at one frequency summed as "
        "phasors).",
        reliability_verdict(share),
        {"fit": int(good.sum()), "share_of_harmonics": share},
    )


@claim(
    "theorems",
    "Exact properties behind the extrapolation figures hold on every trained network.",
    thresholds=False,
)
def _theorems(e: Evidence):
    table = e.sweep.table
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
    if not parts:
        raise NotGraded("no ReLU, sigmoid or Snake network trained without diverging")
    drift = np.abs(table["drift_slope"][table["variant"] == "snake"])
    if drift.size:
        parts.append(
            f"Snake's drift, the size of sum v_i w_i, has median {np.median(drift):.3f}, "
            "so its error grows linearly beyond the data"
        )
    return "; ".join(parts) + ".", verdict(within), numbers


def _width(width, variant: str, article_widths: dict):
    return article_widths.get(variant) if width == ARTICLE else width


def _missing(e: Evidence, needs) -> str | None:
    """Why the sweep cannot grade a claim, None if it can: a batch it needs was not swept (the
    claim is left out) or every network in it diverged (the claim says so)."""
    for variant, width in needs:
        width = _width(width, variant, e.article_widths)
        if not np.any(e.sweep.rows(variant, width)):
            return "absent"
        if e.sweep.trained(variant, width) == 0:
            at = f" at width {width}" if width is not None else ""
            return f"every {variant} network{at} diverged"
    return None


def evaluate(evidence: Evidence) -> list[Claim]:
    """Every claim whose networks the sweep trained, in the article's order."""
    found = []
    degenerate = evidence.criteria.noise_variance == 0
    for claim_id, text, needs, thresholds, build in CLAIMS:
        missing = _missing(evidence, needs)
        if missing == "absent":
            continue
        if missing:
            found.append(Claim(claim_id, text, f"Not graded: {missing}.", NOT_GRADED, {}))
        elif thresholds and degenerate:
            found.append(
                Claim(
                    claim_id,
                    text,
                    "Not graded: data.noise_sd is 0, so the fit and extrapolation thresholds "
                    "are 0 and no network can meet them.",
                    NOT_GRADED,
                    {},
                )
            )
        else:
            try:
                measured, graded, numbers = build(evidence)
            except NotGraded as why:
                found.append(Claim(claim_id, text, f"Not graded: {why}.", NOT_GRADED, {}))
            else:
                found.append(Claim(claim_id, text, measured, graded, numbers))
    return found


def header(seeds: int, n_samples: int, criteria: Criteria) -> str:
    return (
        "# What the article claims, measured\n\n"
        f"Each activation and width is trained from {seeds} seeds on the same {n_samples} noisy "
        f"samples. A network *fits* when its train MSE is within {criteria.fit_factor:g}x the "
        f"noise variance ({criteria.fit_threshold:.4g}); it *extrapolates* when its MSE beyond "
        f"the training range is within {criteria.extrapolation_factor:g}x "
        f"({criteria.extrapolation_threshold:.4g}). *Reliably* means at least {RELIABLE:.0%} "
        f"of seeds, *sometimes* at least {SOMETIMES:.0%}. These thresholds were fixed before the "
        "sweep ran."
    )


def _cell(text: str) -> str:
    return text.replace("|", "\\|")  # a bare pipe would split the table cell


def to_markdown(claims: list[Claim], header: str) -> str:
    lines = [header, "", "| claim | measured | verdict |", "| --- | --- | --- |"]
    lines += [f"| {_cell(c.claim)} | {_cell(c.evidence)} | **{c.verdict}** |" for c in claims]
    return "\n".join(lines) + "\n"


def to_json(claims: list[Claim]) -> list[dict]:
    return [asdict(c) for c in claims]
