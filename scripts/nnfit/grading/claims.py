"""The article's claims against the sweep's measurements, with verdicts fixed in advance.

Each claim is one function of the evidence, registered with ``@claim`` beside the batches
it needs, and graded by ``verdict``. Every verdict follows from thresholds stated here,
chosen before the sweep ran: "reliably" means at least 90% of seeds, "sometimes" at least
50%. Rates carry their 95% interval (nnfit.grading.rates): where an interval straddles the
threshold that decides, the verdict is "borderline". A claim whose evidence is missing or
meaningless is reported as not graded.
"""

from collections.abc import Callable
from dataclasses import asdict, dataclass, replace

import numpy as np

from nnfit.experiments import causes
from nnfit.grading.rates import ClusteredRate, PairedChange, Rate, all_of, any_of
from nnfit.model.criteria import (
    EQUIVALENCE_MARGIN,
    MEANINGFUL_GAIN,
    RELIABLE,
    SOMETIMES,
    Criteria,
)
from nnfit.model.fourier import canonical_cosine, harmonic_amplitudes, split_dominant, wrap
from nnfit.model.network import Params
from nnfit.model.properties import THEOREM_TOLERANCE

FREQUENCY_TOLERANCE = 0.05  # relative: a node "has" frequency f within 5%
PHASE_TOLERANCE = 0.2  # radians
SINE_FREQUENCY_TOLERANCE = 0.01  # relative, for the cosine network's main node
LOW_FREQUENCY = 0.5  # a node this slow bends the curve across the whole training range
AMPLITUDE_TOLERANCE = 0.25  # relative, for the harmonics' recovered amplitudes
HOLDS, PARTLY, FAILS = "holds", "partly holds", "does not hold"
BORDERLINE, NOT_GRADED = "borderline", "not graded"


@dataclass(frozen=True)
class Claim:
    id: str
    claim: str  # the article's claim in our words
    evidence: str  # what we measured, with seed counts
    verdict: str
    numbers: dict
    plain: str = ""  # the measurement in one plain sentence, for readers who skip the statistics
    article: str = ""  # the article's own words that the claim grades; "" beyond the article


# What each claim grades, in the article's words (its LaTeX 3/4 pi written out).
ARTICLE_SENTENCES = {
    "sigmoid_fits": "As the final result looks fairly good, we can now examine the contribution "
    "of individual hidden nodes.",
    "sigmoid_nodes": "for the above range we would need 7 hidden nodes (we use 10, because "
    "random initialization might not position all of them in optimal location)",
    "relu_needs_100": "I had to increase the number of hidden nodes to 100 to reliably achieve "
    "a good fit",
    "dead_relu": "(presumably because of dead Relus)",
    "cos_fits_3": "I can get pretty reliably results with just 3 nodes.",
    "cos_one_node": "If you are lucky with initialization or just train longer, even one node "
    "is enough (as you would guess).",
    "no_extrapolation": "Vanilla neural networks just do interpolation between data points, "
    "they are completely unable to do any extrapolation.",
    "cos_extrapolates": "As you would guess, this network handles effortlessly the "
    "extrapolation task",
    "fourier_sine": "In this simple case just one cosine is enough, other two just attempt to "
    "model the noise",
    "cos_phase": "initialization sets both around zero while the right values are 1 and 3/4 pi",
    "shape_matters": "If shape of activation function matches the fitted function, the "
    "training is much easier and the network needs less hidden nodes.",
    "saw": "It might be interesting to experiment with periodic Relu – the saw wave. This can "
    "be easily implemented with mod operation, but it is unclear to me how to propagate "
    "gradient to modulo, which controls the frequency.",
    "fourier_harmonics": "As a matter of fact the network does Fourier analysis of the fitted "
    "function",
}


def verdict(holds: bool | None, partly: bool | None = False) -> str:
    """The one grading rule: holds, else partly holds, else does not hold; None for a test
    that the seeds cannot decide (an interval across its threshold) makes it borderline."""
    if holds is None or (not holds and partly is None):
        return BORDERLINE
    return HOLDS if holds else PARTLY if partly else FAILS


def reliability_verdict(rate: Rate) -> str:
    """Holds when reliable (>= 90% of seeds), partly when it happens at least half the time."""
    return verdict(rate.at_least(RELIABLE), rate.at_least(SOMETIMES))


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

    def rate(self, variant, width=None, column="fits") -> Rate:
        """The rate over one batch, or over all widths with width None."""
        return Rate.of(self.table[column][self.rows(variant, width)])

    def widths(self, variant):
        return sorted({int(w) for w in self.table["width"][self.rows(variant)]})

    def reliable_width(self, variant):
        """The fewest hidden nodes at which at least 90% of seeds fit, None if no width does."""
        widths = self.widths(variant)
        return next((w for w in widths if self.rate(variant, w).value >= RELIABLE), None)

    def reliable_width_decided(self, variant) -> tuple[int | None, bool | None]:
        """The fewest hidden nodes at which the fit rate reaches 90%, decided by intervals:
        (width, True) for the first width whose interval lies at or above 90% when every
        narrower one's lies below; (width, None) for the first width whose interval straddles
        90% (the seeds cannot tell); (None, False) when every width's lies below."""
        for width in self.widths(variant):
            reaches = self.rate(variant, width).at_least(RELIABLE)
            if reaches is not False:
                return width, reaches
        return None, False

    def reliable_text(self, variant) -> str:
        width = self.reliable_width(variant)
        return str(width) if width is not None else f"none up to {max(self.widths(variant))}"

    def rates(self, variant, column="fits") -> str:
        return ", ".join(
            f"{w}: {self.rate(variant, w, column).value:.0%}" for w in self.widths(variant)
        )


@dataclass(frozen=True)
class Evidence:
    """Everything a claim may be graded on."""

    sweep: Sweep
    article_widths: dict  # activation -> n_hidden of its article network
    cos_batch: dict | None  # the sweep's batch of cos at its article width, final parameters
    fourier: dict  # cosine networks fit to the harmonics target (nnfit.experiments.fourier_fit)
    harmonics: list  # that target's [frequency, amplitude, phase] terms
    criteria: Criteria
    n_samples: int
    # the causes experiment (nnfit.experiments.causes): "interventions", its ReLU batches, and
    # "cos_one_node" and "cos_one_node_slow", one cosine node trained longer at cos's lr and
    # at a lower one
    causes: dict | None = None


# What a claim reads of the cosine article batch (Evidence.cos_batch), saved by the sweep and
# by each training setting of the sensitivity runs
COS_BATCH = ("fits", "train_mse", "interp_mse", "final_w", "final_b", "final_v", "final_c")


class NotGraded(Exception):
    """Raised by a claim whose evidence cannot decide it; the message says why."""


ARTICLE = "article"  # in a claim's needs: the width config gives that activation's network
Builder = Callable[[Evidence], tuple[str, str, dict, str]]  # measured, verdict, numbers, plain
CLAIMS: list[tuple[str, str, tuple, bool, Builder]] = []  # in the article's order


OWN_RUNS: set[str] = set()  # claims graded from runs of their own (Evidence.causes)


def claim(claim_id: str, text: str, *needs: tuple, thresholds: bool = True, own_runs=False):
    """Register a claim: its id, its text, the (variant, width) batches it needs (width None:
    any width; ARTICLE: the configured one), whether it rests on the fit thresholds, and
    whether it is graded from runs of its own rather than from those batches (a smaller
    sweep under another training setting then cannot grade it)."""

    def register(build):
        CLAIMS.append((claim_id, text, needs, thresholds, build))
        if own_runs:
            OWN_RUNS.add(claim_id)
        return build

    return register


def _pct(x) -> str:
    return f"{x:.0%}"


def _of(rate: Rate) -> str:
    return f"{rate.successes} of {rate.trials}"


def _name(variant: str) -> str:
    """An activation as a sentence names it."""
    return {"relu": "ReLU", "cos": "cosine"}.get(variant, variant)


def _median_text(values) -> str:
    return f"{np.median(values):.2f}" if np.size(values) else "none"


def _fit_rate(e: Evidence, variant: str, width: int) -> tuple[str, str, dict, str]:
    rate = e.sweep.rate(variant, width)
    evidence = f"{rate.text()} of {rate.trials} seeds fit with {width} nodes."
    plain = f"{_of(rate)} {_name(variant)} networks with {width} nodes fit."
    return evidence, reliability_verdict(rate), rate.numbers(), plain


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
    "initialisation may misplace some): the fewest nodes with which a well-placed network "
    "fits, read as the best of the sweep's initialisations.",
    ("sigmoid", None),
)
def _sigmoid_nodes(e: Evidence):
    s = e.sweep
    widths = s.widths("sigmoid")
    capacity = next((w for w in widths if s.rate("sigmoid", w).successes > 0), None)
    seeds = s.rate("sigmoid", widths[0]).trials
    if capacity is None:
        capacity_text = f"no seed fits at any width up to {widths[-1]}"
        capacity_numbers = {"width": None, "initialisations": seeds}
    else:
        at = s.rate("sigmoid", capacity)
        narrower = [w for w in widths if w < capacity]
        capacity_text = f"{capacity} nodes, where {_of(at)} seeds fit, {at.text()}" + (
            f"; with {narrower[-1]} none of {s.rate('sigmoid', narrower[-1]).trials}"
            if narrower
            else ""
        )
        capacity_numbers = {"width": capacity, "initialisations": seeds} | at.numbers()
    reliable, decided = s.reliable_width_decided("sigmoid")
    if decided is None:
        straddling = s.rate("sigmoid", reliable)
        reliability_text = (
            f"undecided: with {reliable} nodes {straddling.text()} straddles 90%, and every "
            "narrower width lies below it"
        )
    elif decided:
        reliability_text = f"{reliable} nodes ({s.rate('sigmoid', reliable).text()})"
    else:
        reliability_text = f"none up to {widths[-1]} nodes"
    reliability_numbers = {"width": reliable, "decided": decided} | (
        s.rate("sigmoid", reliable).numbers() if reliable is not None else {}
    )
    holds = capacity is not None and abs(capacity - 7) <= 1
    return (
        "Capacity, the fewest nodes with which any network fits (best of "
        f"{seeds} initialisations per width): {capacity_text}; holds when 7 +- 1. Reliability, "
        "the fewest nodes fitting in >= 90% of seeds (the first width whose interval lies at "
        "or above 90% with every narrower one's below): "
        f"{reliability_text}. The verdict grades capacity, what the article means. Fit rate "
        f"by width: {s.rates('sigmoid')}.",
        verdict(holds, capacity is not None and capacity <= 10),
        {"capacity": capacity_numbers, "reliability": reliability_numbers},
        f"The fewest sigmoid nodes with which any of {seeds} seeds fit: "
        f"{capacity if capacity is not None else 'none'}; that fit 9 times in 10: "
        f"{reliable if decided else 'undecided' if decided is None else 'none'}.",
    )


@claim("relu_needs_100", "ReLU needs about 100 hidden nodes to fit reliably.", ("relu", 100))
def _relu_needs_100(e: Evidence):
    s = e.sweep
    small = max(
        (s.rate("relu", w) for w in s.widths("relu") if w <= 20),
        key=lambda rate: rate.value,
        default=Rate(0, 1),
    )
    at_100 = s.rate("relu", 100)
    return (
        f"{at_100.text()} fit with 100 nodes; fit rate by width: {s.rates('relu')}; fewest "
        f"nodes with >= 90%: {s.reliable_text('relu')}.",
        verdict(
            all_of(at_100.at_least(RELIABLE), small.below(RELIABLE)),
            all_of(at_100.at_least(SOMETIMES), at_100.value > small.value),
        ),
        {"rate_100": at_100.numbers(), "best_rate_up_to_20": small.numbers()},
        f"{_of(at_100)} ReLU networks with 100 nodes fit; with 20 or fewer, at best "
        f"{_pct(small.value)}.",
    )


@claim(
    "dead_relu",
    'ReLU needs about 100 hidden nodes to fit reliably "presumably because of dead Relus": '
    "if so, keeping every unit alive (none dead at the start, or leaky ReLU, whose units "
    "cannot die) raises the fit rate at the same width.",
    ("relu", None),
    own_runs=True,
)
def _dead_relu(e: Evidence):
    batches = {
        (str(b["intervention"]), int(b["width"])): b
        for b in (e.causes or {}).get("interventions", [])
    }
    widths = sorted({width for _, width in batches})
    if not widths or any((i, w) not in batches for i in causes.INTERVENTIONS for w in widths):
        raise NotGraded("the intervention runs (results/causes/relu) are missing")
    parts, answers, numbers, changes = [], [], {}, []
    for width in widths:
        default = batches["default", width]["fits"]
        cells = [f"default {Rate.of(default).text()}"]
        numbers[str(width)] = {"default": Rate.of(default).numbers()}
        for name in ("live", "leaky"):
            fits = batches[name, width]["fits"]
            change = PairedChange.of(default, fits)
            rises, effect = _effect(change)
            answers.append(rises)
            changes.append(
                f"{100 * change.value:+.0f} points, {effect} ({causes.LABELS[name]}, {width} nodes)"
            )
            cells.append(f"{causes.LABELS[name]} {Rate.of(fits).text()}, {change.text()}: {effect}")
            numbers[str(width)][name] = Rate.of(fits).numbers() | {
                "change": change.numbers() | {"effect": effect}
            }
        dead = {name: batches[name, width]["dead"].mean(axis=0) for name in causes.INTERVENTIONS}
        cells.append(
            "dead units from start to end: "
            + ", ".join(f"{causes.LABELS[k]} {d[0]:.0%} to {d[-1]:.0%}" for k, d in dead.items())
        )
        parts.append(f"With {width} nodes: " + "; ".join(cells))
    seeds = batches["default", widths[0]]["fits"].size
    margin, gain = 100 * EQUIVALENCE_MARGIN, 100 * MEANINGFUL_GAIN
    return (
        f"{seeds} seeds per width, each trained under every intervention on the same data "
        "from the same w, v, c. A change is the paired difference from the default in fit "
        f"rate (Newcombe's 95% interval): a rise when the interval lies above 0 and reaches "
        f"+{gain:.0f} points; no effect when it lies within +-{margin:.0f} points (a margin "
        f"fixed in advance); a fall when below -{margin:.0f}; otherwise undecided. The claim "
        "holds when every change is a rise, does not hold when none is (each no effect or a "
        "fall), partly holds when some are and the rest are not, and is borderline when a "
        "change is undecided. " + ". ".join(parts) + ".",
        verdict(all_of(*answers), any_of(*answers)),
        numbers,
        "Keeping every ReLU unit alive changes the fit rate by " + "; ".join(changes) + ".",
    )


def _effect(change: PairedChange) -> tuple[bool | None, str]:
    """Whether a paired change is a rise (True), no effect or a fall (False), or undecided
    (None), and which. No effect first: a rise small enough to lie within the margin is
    not one that could explain the failures."""
    if change.within(EQUIVALENCE_MARGIN):
        return False, "no effect"
    if change.raises(MEANINGFUL_GAIN):
        return True, "a rise"
    if change.interval[1] < -EQUIVALENCE_MARGIN:
        return False, "a fall"
    return None, "undecided"


@claim("cos_fits_3", "A cosine network fits reliably with just 3 nodes.", ("cos", 3))
def _cos_fits_3(e: Evidence):
    return _fit_rate(e, "cos", 3)


# "Lucky with initialization", measured: the one-node fit rate by the initial |w| (drawn from
# U(-1, 1), nnfit.model.training.init_params), in bins fixed before the rates were seen.
LUCK_EDGES = (0.2, 0.5, 0.8)
LUCK_BINS = ("< 0.2", "0.2-0.5", "0.5-0.8", ">= 0.8")


def _by_initial(fits: np.ndarray, initial: np.ndarray) -> list[Rate | None]:
    """The fit rate in each of LUCK_BINS of |initial|, None for a bin no seed falls in."""
    bins = np.digitize(np.abs(initial), LUCK_EDGES)
    return [Rate.of(fits[bins == k]) if np.any(bins == k) else None for k in range(len(LUCK_BINS))]


def _lucky(fits: np.ndarray, rates: list[Rate | None]) -> bool | None:
    """Luck decides when the fit rate rises with |w|: True when the highest bin's interval lies
    wholly above the lowest bin's, False when no seed fits or it lies wholly below, else None."""
    if not fits.any():
        return False
    lowest, highest = rates[0], rates[-1]
    if lowest is None or highest is None:
        return None
    if highest.interval[0] > lowest.interval[1]:
        return True
    return False if highest.interval[1] < lowest.interval[0] else None


def _bins_text(rates: list[Rate | None]) -> str:
    return "; ".join(
        f"{name}: {rate.text()} of {rate.trials}" if rate else f"{name}: no seed"
        for name, rate in zip(LUCK_BINS, rates, strict=True)
    )


def _first_fits(reached: np.ndarray, steps: int) -> str:
    """When the fitting networks of a run of ``steps`` first reach the threshold."""
    if not reached.size:
        return f"no network fits in {steps} steps"
    return (
        f"the fitting networks first reach the threshold at median step "
        f"{np.median(reached):.0f}, the last at {int(reached.max())} of {steps}"
    )


@claim(
    "cos_one_node",
    "If you are lucky with initialisation (the one-node fit rate rises with the initial |w|) "
    "or just train longer (at a learning rate where training is not over by the first count, "
    "the fit rate rises with the number of steps), even one cosine node is enough.",
    ("cos", None),
    own_runs=True,
)
def _cos_one_node(e: Evidence):
    runs = e.causes or {}
    batch, slow = runs.get("cos_one_node"), runs.get("cos_one_node_slow")
    if batch is None or slow is None:
        raise NotGraded(
            "the longer training runs (results/causes/cos_one_node.npz and "
            "cos_one_node_slow.npz) are missing"
        )
    steps, fits = batch["checkpoints"], batch["fits"]  # (checkpoints,), (seeds, checkpoints)
    first = fits[:, 0]
    by_w = _by_initial(first, batch["initial_w"][:, 0])
    by_b = _by_initial(first, batch["initial_b"][:, 0])
    lucky = _lucky(first, by_w)
    lr, slow_lr = float(batch["lr"]), float(slow["lr"])
    reached = batch["iterations_to_fit"][batch["iterations_to_fit"] >= 0]
    last_fit = int(reached.max()) if reached.size else 0
    slow_reached = slow["iterations_to_fit"][slow["iterations_to_fit"] >= 0]
    # Adam moves each parameter by about lr per step: the slow run's first count can come
    # before its fits are done only if it has moved less than the default run needed to fit
    done_early = reached.size > 0 and last_fit < steps[0]  # at the default lr
    slow_steps, slow_fits = slow["checkpoints"], slow["fits"]
    could_matter = bool(not done_early or slow_steps[0] * slow_lr < last_fit * lr)
    longer = PairedChange.of(slow_fits[:, 0], slow_fits[:, -1])
    rises = longer.raises(MEANINGFUL_GAIN) if could_matter else None
    timing = f"At lr {lr:g} {_first_fits(reached, steps[-1])}"
    budget = (
        f"its first count ({slow_steps[0]} steps x {slow_lr:g} = {slow_steps[0] * slow_lr:g}) "
        f"comes {'before' if could_matter else 'after'} the default run's last fit "
        f"({last_fit} x {lr:g} = {last_fit * lr:g})"
    )
    if could_matter:
        longer_text = (
            f"At lr {slow_lr:g} {_first_fits(slow_reached, slow_steps[-1])}"
            + (f"; {budget}, so training longer could add fits there" if done_early else "")
            + f". From {slow_steps[0]} to {slow_steps[-1]} steps the fit rate changes by "
            f"{longer.text()}, paired: a rise when its interval lies above 0 and reaches "
            f"+{100 * MEANINGFUL_GAIN:.0f} points, none when it lies below +"
            f"{100 * MEANINGFUL_GAIN:.0f}."
        )
    else:
        longer_text = (
            f"At lr {slow_lr:g} too, {budget}: training longer is untestable at these "
            "settings, and the verdict rests on luck alone (from "
            f"{slow_steps[0]} to {slow_steps[-1]} steps the fit rate changes by "
            f"{longer.text()})."
        )
    answers = (lucky, rises) if could_matter else (lucky,)
    return (
        f"{first.size} seeds, one node, fit after {steps[0]} steps by the initial |w| (drawn "
        f"from U(-1, 1)): {_bins_text(by_w)}. Lucky when the highest bin's interval lies "
        "wholly above the lowest bin's. By |b| in the same bins: "
        + ", ".join(_pct(r.value) if r else "no seed" for r in by_b)
        + f". {timing}"
        + (
            f", before the first count at {steps[0]}: there training longer adds no fit. "
            if done_early
            else f": there training past the first count at {steps[0]} can add fits. "
            if reached.size
            else ". "
        )
        + longer_text,
        verdict(all_of(*answers), any_of(*answers)),
        {
            "by_initial_w": {
                name: rate.numbers() if rate else None
                for name, rate in zip(LUCK_BINS, by_w, strict=True)
            },
            "lucky": lucky,
            "iterations_to_fit": {
                "lr": lr,
                "median": float(np.median(reached)) if reached.size else None,
                "max": last_fit if reached.size else None,
            },
            "longer": {"lr": slow_lr, "testable": could_matter, "rises": rises} | longer.numbers(),
        },
        f"{_of(Rate.of(first))} one-node cosine networks fit after {steps[0]} steps: "
        + (
            f"{_pct(by_w[0].value)} with |w| < 0.2, {_pct(by_w[-1].value)} with |w| >= 0.8"
            if by_w[0] and by_w[-1]
            else "too few seeds to compare |w|"
        )
        + f"; at lr {slow_lr:g}, training from {slow_steps[0]} to {slow_steps[-1]} steps gains "
        f"{longer.gained} and loses {longer.lost} fits.",
    )


@claim(
    "no_extrapolation",
    "Sigmoid and ReLU networks cannot extrapolate beyond the training range.",
    ("sigmoid", None),
    ("relu", None),
)
def _no_extrapolation(e: Evidence):
    pooled = {name: e.sweep.rate(name, None, "extrapolates") for name in ("sigmoid", "relu")}
    best = {
        name: max(e.sweep.rate(name, w, "extrapolates").value for w in e.sweep.widths(name))
        for name in pooled
    }
    return (
        "Share of networks that extrapolate, over every width: "
        + ", ".join(f"{k} {rate.text()} of {rate.trials}" for k, rate in pooled.items())
        + "; at the best width: "
        + ", ".join(f"{k} {_pct(v)}" for k, v in best.items())
        + ".",
        verdict(
            all_of(*(rate.below(0.05) for rate in pooled.values())),
            all_of(*(rate.below(SOMETIMES) for rate in pooled.values())),
        ),
        {name: rate.numbers() | {"best_width": best[name]} for name, rate in pooled.items()},
        " and ".join(f"{_of(rate)} {_name(name)}" for name, rate in pooled.items())
        + " networks extrapolate.",
    )


@claim(
    "cos_extrapolates",
    "The cosine network (3 nodes) handles extrapolation effortlessly.",
    ("cos", 3),
)
def _cos_extrapolates(e: Evidence):
    rate = e.sweep.rate("cos", 3, "extrapolates")
    return (
        f"{rate.text()} of {rate.trials} seeds extrapolate with 3 nodes; by width: "
        f"{e.sweep.rates('cos', 'extrapolates')}.",
        reliability_verdict(rate),
        rate.numbers(),
        f"{_of(rate)} cosine networks with 3 nodes extrapolate.",
    )


def _cos_article_batch(e: Evidence) -> tuple[np.ndarray, Params]:
    """Which of the cosine article batch's networks fit, and their final parameters."""
    batch = e.cos_batch
    fits = batch["fits"]
    if not fits.any():
        raise NotGraded(f"none of the {fits.size} cosine networks fit")
    params = Params(batch["final_w"], batch["final_b"], batch["final_v"], batch["final_c"])
    return fits, params


@claim(
    "fourier_sine",
    "The cosine network does Fourier analysis: one node carries the sine "
    "(frequency 1, matching phase), the others only model the noise.",
    ("cos", ARTICLE),
)
def _fourier_sine(e: Evidence):
    fits, params = _cos_article_batch(e)
    (frequency, amplitude, phase), (other_frequency, other_amplitude) = split_dominant(params)
    one = np.abs(frequency - 1.0) <= SINE_FREQUENCY_TOLERANCE
    in_phase = np.abs(wrap(phase)) <= PHASE_TOLERANCE  # sin(x) has phase 0
    share = Rate.of((one & in_phase)[fits])
    noise_sd = float(np.sqrt(e.criteria.noise_variance))
    largest_other = other_amplitude.max(axis=-1, initial=0.0)[fits]
    slow_and_large = (other_frequency < LOW_FREQUENCY) & (other_amplitude > noise_sd)
    slow = Rate.of(slow_and_large.any(axis=-1)[fits])
    others = other_amplitude[fits] > noise_sd
    return (
        f"In {share.text()} of the {share.trials} fitting {params.w.shape[-1]}-node networks "
        f"the largest node has a frequency within {SINE_FREQUENCY_TOLERANCE:.0%} of 1 (an "
        f"error of {SINE_FREQUENCY_TOLERANCE:.0%} shifts the phase by {SINE_FREQUENCY_TOLERANCE:g} "
        "rad per unit of x) and a phase within "
        f"{PHASE_TOLERANCE} rad; median dominant amplitude {np.median(amplitude[fits]):.3f}. "
        f"The other nodes are not noise-sized: their largest amplitude has median "
        f"{np.median(largest_other):.3f} against the noise sd {noise_sd:g}, and in "
        f"{slow.text()} of these networks they include a node slower than frequency "
        f"{LOW_FREQUENCY:g} with an amplitude above the noise sd (median frequency of the "
        f"other nodes above the noise sd: {_median_text(other_frequency[fits][others])}).",
        verdict(
            all_of(share.at_least(RELIABLE), float(np.median(largest_other)) <= noise_sd),
            share.at_least(SOMETIMES),
        ),
        {
            "share": share.numbers(),
            "others_median_amplitude": float(np.median(largest_other)),
            "low_frequency_others": slow.numbers(),
        },
        f"In {_of(share)} fitting networks one node carries the sine; the other nodes' largest "
        f"amplitude has median {np.median(largest_other):.2f}, against noise of sd {noise_sd:g}.",
    )


@claim(
    "cos_phase",
    "Training moves the largest cosine node from near zero to frequency 1 and phase 3/2 pi. "
    "The article writes 3/4 pi, most likely for 3/2 pi: sin(x) = cos(x + 3/2 pi), and 3/2 pi "
    "is -pi/2 modulo 2 pi, while 3/4 pi fits no sine; graded under that reading.",
    ("cos", ARTICLE),
)
def _cos_phase(e: Evidence):
    fits, params = _cos_article_batch(e)
    (frequency, _, phase), _ = split_dominant(params)
    w, b = (values[fits] for values in canonical_cosine(frequency, phase))
    near = {
        name: Rate.of(np.abs(wrap(b - value)) <= PHASE_TOLERANCE)
        for name, value in (("3/2 pi", 1.5 * np.pi), ("3/4 pi", 0.75 * np.pi))
    }
    frequency_one = Rate.of(np.abs(w - 1.0) <= SINE_FREQUENCY_TOLERANCE)
    return (
        "With w > 0 and amplitude v > 0 the exact values are w = 1 and b = 3/2 pi (= -pi/2 "
        "modulo 2 pi; b = pi/2 with v < 0). The largest node of the "
        f"{int(fits.sum())} fitting networks, written so (w > 0, v > 0, b in (-pi, pi]): median "
        f"w {np.median(w):.3f}, median b {np.median(b):.3f} (-pi/2 = {-np.pi / 2:.3f}); "
        f"{frequency_one.text()} have w within {SINE_FREQUENCY_TOLERANCE:.0%} of 1 and "
        f"{near['3/2 pi'].text()} have b within {PHASE_TOLERANCE} rad of 3/2 pi; under the "
        f"literal 3/4 pi, {near['3/4 pi'].text()}. The initial w_i and b_i are drawn from "
        "U(-1, 1).",
        verdict(
            all_of(frequency_one.at_least(RELIABLE), near["3/2 pi"].at_least(RELIABLE)),
            all_of(frequency_one.at_least(SOMETIMES), near["3/2 pi"].at_least(SOMETIMES)),
        ),
        {
            "median_w": float(np.median(w)),
            "median_b": float(np.median(b)),
            "w_near_1": frequency_one.numbers(),
            "b_near_three_half_pi": near["3/2 pi"].numbers(),
            "b_near_three_quarter_pi": near["3/4 pi"].numbers(),
        },
        f"Of {frequency_one.trials} fitting networks, {frequency_one.successes} end at frequency "
        f"1 and {near['3/2 pi'].successes} at phase 3/2 pi ({near['3/4 pi'].successes} at 3/4 pi).",
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
        "The fewest nodes that fit 9 times in 10: "
        + ", ".join(f"{_name(k)} {e.sweep.reliable_text(k)}" for k in order)
        + ".",
    )


@claim(
    "saw",
    "Open question: a periodic ReLU (saw wave, z mod 2 pi) can be trained by gradient "
    "descent through the modulo, and extrapolates like the cosine.",
    ("saw", None),
)
def _saw(e: Evidence):
    s = e.sweep
    widest = max(s.widths("saw"))
    fit = s.rate("saw", widest)
    extrapolates = max(
        (s.rate("saw", w, "extrapolates") for w in s.widths("saw")), key=lambda r: r.value
    )
    return (
        "The gradient exists almost everywhere: d/dw_i of mod(w_i x + b_i, 2 pi) is x, "
        "d/db_i is 1 (checked against finite differences). "
        f"Fit rate by width: {s.rates('saw')}; with {widest} nodes {fit.text()} fit; at "
        f"most {extrapolates.text()} of seeds extrapolate at any width.",
        verdict(
            all_of(fit.at_least(RELIABLE), extrapolates.at_least(RELIABLE)),
            any_of(fit.at_least(SOMETIMES), extrapolates.at_least(SOMETIMES)),
        ),
        {"fit_rate_widest": fit.numbers(), "best_extrapolation_rate": extrapolates.numbers()},
        f"{_of(fit)} saw networks with {widest} nodes fit; at any width at most "
        f"{_pct(extrapolates.value)} extrapolate.",
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
    best = max(by_a.values(), key=lambda r: r.value, default=Rate(0, 1))
    return (
        f"With {width} nodes, share of seeds that extrapolate for a = "
        + ", ".join(f"{a}: {r.value:.0%}" for a, r in by_a.items())
        + "; that fit: "
        + ", ".join(f"{a}: {r.value:.0%}" for a, r in fits.items())
        + f"; with the configured a: {configured.text()}. This is nnfit's setting (Adam, "
        "one training interval); the authors' own (512 nodes, a = 20, SGD with momentum, "
        "15 000 steps, data on both sides of a gap) is graded by `snakemake snake_paper`.",
        verdict(configured.at_least(RELIABLE), best.at_least(SOMETIMES)),
        {
            "extrapolates_by_a": {a: r.value for a, r in by_a.items()},
            "fits_by_a": {a: r.value for a, r in fits.items()},
            "configured": configured.numbers(),
        },
        f"{_of(configured)} Snake networks with {width} nodes extrapolate.",
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
    frequencies, amplitudes = np.asarray(terms, float)[:, :2].T
    combined, _ = harmonic_amplitudes(
        fit["node_frequency"][good],
        fit["node_amplitude"][good],
        fit["node_phase"][good],
        frequencies,
        FREQUENCY_TOLERANCE,
    )
    # (fitting networks, harmonics): a network's harmonics are not independent trials
    share = ClusteredRate.of(np.abs(combined - amplitudes) <= AMPLITUDE_TOLERANCE * amplitudes)
    return (
        f"{int(good.sum())} of {good.size} seeds fit; in those, {share.text()} of the target's "
        f"{len(terms)} harmonics are matched by nodes within {FREQUENCY_TOLERANCE:.0%} in "
        f"frequency and {AMPLITUDE_TOLERANCE:.0%} in amplitude (nodes at one frequency summed as "
        "phasors). The interval counts networks, not harmonics, as the independent trials "
        f"(effective {share.effective_trials:.1f} of {share.trials}).",
        reliability_verdict(share),
        {"fit": int(good.sum()), "share_of_harmonics": share.numbers()},
        f"{sum(share.successes)} of {share.trials} harmonics recovered by the {int(good.sum())} "
        "networks that fit.",
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
    plain = (
        "On every trained network the exact properties hold, up to rounding."
        if within
        else "Some trained networks break an exact property beyond rounding."
    )
    return "; ".join(parts) + ".", verdict(within), numbers, plain


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
    graded = _graded(evidence)
    return [replace(c, article=ARTICLE_SENTENCES.get(c.id, "")) for c in graded]


def _graded(evidence: Evidence) -> list[Claim]:
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
                measured, graded, numbers, plain = build(evidence)
            except NotGraded as why:
                found.append(Claim(claim_id, text, f"Not graded: {why}.", NOT_GRADED, {}))
            else:
                found.append(Claim(claim_id, text, measured, graded, numbers, plain))
    return found


def header(seeds: int, deciding_seeds: int, n_samples: int, criteria: Criteria) -> str:
    return (
        "# What the article claims, measured\n\n"
        f"Each activation and width is trained from {seeds} seeds, and the cells that decide a "
        f"claim from {deciding_seeds}: each activation at its article width, Snake at each "
        "a, and the causes' runs. A rate 5 points from 90% is told apart from 90% only with a "
        "few hundred seeds (49 fits of 50 have a Wilson interval reaching below 90%), so those "
        "cells have a fixed number of seeds chosen for that, not a sequential design; the "
        "curves' other widths and the retrained settings keep the smaller count and say "
        "*borderline* where it cannot decide. Each seed draws its own "
        f"{n_samples} noisy samples and its own initialisation, so a rate is one of the whole "
        "procedure, not of one set of points. A network *fits* when its train MSE is within "
        f"{criteria.fit_factor:g}x the "
        f"noise variance ({criteria.fit_threshold:.4g}) *and* its MSE against the noiseless "
        f"target on the training range is within {criteria.function_factor:g}x "
        f"({criteria.function_threshold:.4g}): near the samples and near the function they "
        "were drawn from, not the noise learnt as signal; it *extrapolates* when its MSE beyond "
        f"the training range is within {criteria.extrapolation_factor:g}x "
        f"({criteria.extrapolation_threshold:.4g}). *Reliably* means at least {RELIABLE:.0%} "
        f"of seeds, *sometimes* at least {SOMETIMES:.0%}. These thresholds were fixed before the "
        "sweep ran, but for the factor against the function, chosen after a first choice of "
        "half of it had been seen: both are among the settings below. Each headline rate "
        "carries its 95% Wilson interval over the seeds; a "
        "verdict is *borderline* when an interval straddles the threshold that decides it. "
        "*Depends on* names each other choice under which the verdict changes: thresholds "
        "(fit within 1.5x or 2x, against the function within 0.5x, 1x or 2x, extrapolation "
        "within 2x, 5x or 10x the noise variance: the same networks graded again) and training "
        "settings (range [-5, 5], [-2 pi, 2 pi] or [-3 pi, 3 pi], 3x the iterations, ReLU "
        "lr 0.01, 0.05 or 0.1: a smaller sweep of sigmoid, ReLU and cosine at the widths the "
        "claims need, trained again). "
        "results/claims_sensitivity.csv has every grade."
    )


def memorised_markdown(sweep: Sweep, criteria: Criteria) -> str:
    """How many networks came near their samples but not near the function: each one a fit
    by train MSE alone, which the noiseless test refuses."""
    table = sweep.table
    memorised = criteria.memorises(table["train_mse"], table["interp_mse"])
    lines = [
        "## Fits that learnt the noise",
        "",
        f"Networks whose train MSE is within {criteria.fit_factor:g}x the noise variance but "
        f"whose MSE against the noiseless target is above {criteria.function_factor:g}x: a fit "
        "by train MSE alone, not a fit here. Batches without one are left out.",
        "",
        "| variant | width | learnt the noise | fit by train MSE alone |",
        "| --- | --- | --- | --- |",
    ]
    variants = list(dict.fromkeys(table["variant"].tolist()))
    for variant in variants:
        for width in sweep.widths(variant):
            rows = sweep.rows(variant, width)
            count = int(np.sum(memorised & rows))
            if count:
                by_train = int(np.sum((table["train_mse"] <= criteria.fit_threshold) & rows))
                lines.append(
                    f"| {variant} | {width} | {count} of {int(np.sum(rows))} | {by_train} |"
                )
    if len(lines) == 6:
        lines.append("| none | | | |")
    return "\n".join(lines) + "\n"


def _claim_text(c: Claim) -> str:
    """Our wording, then the article's own words it grades (in italics)."""
    return f'{c.claim}<br>*The article: "{c.article}"*' if c.article else c.claim


def _cell(text: str) -> str:
    return text.replace("|", "\\|")  # a bare pipe would split the table cell


def to_markdown(claims: list[Claim], header: str, depends_on: dict[str, str]) -> str:
    """The table; ``depends_on`` names, per claim id, the settings that change its verdict."""
    lines = [header, "", "| claim | measured | verdict | depends on |", "| --- | --- | --- | --- |"]
    lines += [
        f"| {_cell(_claim_text(c))} | {_cell(c.evidence)} | **{c.verdict}** "
        f"| {_cell(depends_on[c.id])} |"
        for c in claims
    ]
    return "\n".join(lines) + "\n"


def to_json(claims: list[Claim], depends_on: dict[str, str]) -> list[dict]:
    return [asdict(c) | {"depends_on": depends_on[c.id]} for c in claims]
