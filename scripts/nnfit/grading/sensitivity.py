"""How each verdict depends on the choices we made: every claim graded again under other
thresholds (from the same trained networks) and under other training settings (from a
smaller sweep of its own for each: rule train_sensitivity)."""

import dataclasses
import math

import numpy as np

from nnfit.grading.claims import CLAIMS, OWN_RUNS, Claim, Evidence, Sweep, evaluate
from nnfit.model.activations import get_activation
from nnfit.model.criteria import Criteria

FIT_FACTORS = (1.5, 2.0)  # the configured one is always graded too
FUNCTION_FACTORS = (0.5, 1.0, 2.0)
EXTRAPOLATION_FACTORS = (2.0, 5.0, 10.0)
CONFIGURED = "as configured"

PI = math.pi
# slug (a file name) -> (label, the change to the config); one that the config already has is
# skipped. The ranges are the candidates of README's Defaults, extrapolation three times as wide.
TRAINING_SETTINGS = (
    {
        f"range-{slug}": (
            f"range [-{text}, {text}]",
            {"data": {"train_range": [-half, half], "extrapolation_range": [-3 * half, 3 * half]}},
        )
        for slug, text, half in (("5", "5", 5.0), ("2pi", "2 pi", 2 * PI), ("3pi", "3 pi", 3 * PI))
    }
    | {
        # three times as many steps as each activation trains (1000 -> 3000 by default)
        "iterations-x3": ("3x the iterations", {"iterations_factor": 3}),
    }
    | {
        f"relu-lr-{lr:g}": (f"ReLU lr {lr:g}", {"activations": {"relu": {"lr": lr}}})
        for lr in (0.01, 0.05, 0.1)
    }
)
# The widths the claims need, no more: sigmoid's count of nodes, ReLU's 100 against narrower
# ones, the cosine at 1 to 3 nodes.
SENSITIVITY_WIDTHS = {
    "sigmoid": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20],
    "relu": [10, 20, 50, 100],
    "cos": [1, 2, 3],
}


def settings(criteria: Criteria) -> dict[str, Criteria]:
    """The configured criteria, then each other factor with the rest as configured."""
    found = {CONFIGURED: criteria}
    for factor in FIT_FACTORS:
        if factor != criteria.fit_factor:
            found[f"fit factor {factor:g}"] = dataclasses.replace(criteria, fit_factor=factor)
    for factor in FUNCTION_FACTORS:
        if factor != criteria.function_factor:
            found[f"function factor {factor:g}"] = dataclasses.replace(
                criteria, function_factor=factor
            )
    for factor in EXTRAPOLATION_FACTORS:
        if factor != criteria.extrapolation_factor:
            found[f"extrapolation factor {factor:g}"] = dataclasses.replace(
                criteria, extrapolation_factor=factor
            )
    return found


def regraded(evidence: Evidence, criteria: Criteria) -> Evidence:
    """The same networks, judged by ``criteria``: fits and extrapolates recomputed from the
    measured errors (a diverged network's are NaN, so it neither fits nor extrapolates)."""
    table = dict(evidence.sweep.table)
    table["fits"] = criteria.fits(table["train_mse"], table["interp_mse"])
    table["extrapolates"] = criteria.extrapolates(table["extrap_mse"])

    def refit(batch):
        if batch is None:
            return None
        return {**batch, "fits": criteria.fits(batch["train_mse"], batch["interp_mse"])}

    causes = evidence.causes or {}
    return dataclasses.replace(
        evidence,
        sweep=Sweep(table),
        cos_batch=refit(evidence.cos_batch),
        fourier=refit(evidence.fourier),
        criteria=criteria,
        causes={
            "interventions": [refit(b) for b in causes.get("interventions", [])],
            **{run: refit(causes.get(run)) for run in ("cos_one_node", "cos_one_node_slow")},
        },
    )


def grade_under_settings(evidence: Evidence, retrained: dict | None = None) -> dict:
    """Every claim under every threshold of ``settings``, the configured one first, then
    under each training setting of ``retrained`` (label -> (sweep table, its cos batch at
    the article width or None)): there only the claims graded from those batches alone."""
    graded = {
        name: evaluate(regraded(evidence, criteria))
        for name, criteria in settings(evidence.criteria).items()
    }
    from_sweep = {claim_id for claim_id, _, needs, _, _ in CLAIMS if needs} - OWN_RUNS
    for label, (table, cos_batch) in (retrained or {}).items():
        smaller = dataclasses.replace(
            evidence,
            sweep=Sweep(smaller_sweep(evidence.sweep.table, table, evidence.article_widths)),
            cos_batch=cos_batch if "cos" in set(table["variant"]) else evidence.cos_batch,
        )
        graded[label] = [c for c in evaluate(smaller) if c.id in from_sweep]
    return graded


def smaller_sweep(main: dict, retrained: dict, article_widths: dict) -> dict:
    """The smaller sweep under a training setting: the retrained variants' rows, and the main
    sweep's rows, at SENSITIVITY_WIDTHS and the article width, of the variants the setting
    leaves as they are (rule train_sensitivity trains the same widths)."""
    kept = np.zeros(main["variant"].shape, bool)
    for variant, widths in SENSITIVITY_WIDTHS.items():
        if variant not in set(retrained["variant"]):
            widths = [*widths, article_widths.get(variant)]
            kept |= (main["variant"] == variant) & np.isin(main["width"], widths)
    return {name: np.concatenate([main[name][kept], retrained[name]]) for name in main}


def depends_on(graded: dict[str, list[Claim]], retrained=()) -> dict[str, str]:
    """Per claim: the settings under which its verdict differs from the configured one, with
    the verdict there; else "robust", or "robust to the thresholds" for a claim that none of
    the ``retrained`` (training) settings grades."""
    configured = {c.id: c.verdict for c in graded[CONFIGURED]}
    changes = {claim_id: [] for claim_id in configured}
    trained_again = set()
    for name, found in graded.items():
        for c in found:
            if c.id not in configured:
                continue
            if name in retrained:
                trained_again.add(c.id)
            if c.verdict != configured[c.id]:
                changes[c.id].append(f"{name}: {c.verdict}")
    robust = {
        claim_id: "robust"
        if claim_id in trained_again or not retrained
        else "robust to the thresholds"
        for claim_id in configured
    }
    return {claim_id: "; ".join(found) or robust[claim_id] for claim_id, found in changes.items()}


def headline(numbers: dict) -> dict | None:
    """A claim's deciding rate: its numbers if they are a rate, else the first rate in them."""
    if "rate" in numbers:
        return numbers
    return next((v for v in numbers.values() if isinstance(v, dict) and "rate" in v), None)


SENSITIVITY_COLUMNS = ("claim", "setting", "rate", "low", "high", "verdict")


def sensitivity_rows(graded: dict[str, list[Claim]]) -> dict[str, list]:
    rows = {name: [] for name in SENSITIVITY_COLUMNS}
    for name, found in graded.items():
        for c in found:
            rate = headline(c.numbers) or {}
            for column, value in zip(
                SENSITIVITY_COLUMNS,
                (c.id, name, rate.get("rate"), rate.get("low"), rate.get("high"), c.verdict),
                strict=True,
            ):
                rows[column].append(float("nan") if value is None else value)
    return rows


# How much one set of 50 points decides: the article networks trained from every seed on one
# shared draw of the data, for each of this many draws (those of the first seeds).
DATA_DRAWS = 10
DRAW_COLUMNS = ("variant", "width", "draw", "fit_rate", "extrapolation_rate")


def draw_spread_markdown(draws: dict, sweep: Sweep) -> str:
    """Per article network: the fit and extrapolation rates over the seeds on one shared draw,
    median and range over the draws, beside the sweep's rate with a fresh draw per seed."""
    lines = [
        "## How much one set of 50 points decides",
        "",
        f"The article networks trained from every seed on one shared training set, for each of "
        f"{len(set(draws['draw']))} training sets (median and range of the rate over them), "
        "against the sweep, where each seed draws its own.",
        "",
        "| network | fit: one shared set | fit: fresh per seed | extrapolates: one shared "
        "set | extrapolates: fresh per seed |",
        "| --- | --- | --- | --- | --- |",
    ]
    for variant, width in dict.fromkeys(zip(draws["variant"], draws["width"], strict=True)):
        rows = (draws["variant"] == variant) & (draws["width"] == width)
        cells = []
        for column, sweep_column in (("fit_rate", "fits"), ("extrapolation_rate", "extrapolates")):
            values = draws[column][rows]
            cells.append(f"{np.median(values):.0%} ({values.min():.0%} to {values.max():.0%})")
            fresh = sweep.rows(variant, int(width)).any()
            cells.append(
                sweep.rate(variant, int(width), sweep_column).text() if fresh else "not swept"
            )
        label = get_activation(variant).label
        lines.append(f"| {label}, {int(width)} nodes | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
