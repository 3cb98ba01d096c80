"""How each verdict depends on the thresholds we chose: every claim graded again, from the
same trained networks, under other fit and extrapolation factors.

Settings that need new training (the range, iterations, learning rates) are not here: the
README's Defaults section gives what they change.
"""

import dataclasses

from nnfit.claims import Claim, Evidence, Sweep, evaluate
from nnfit.criteria import Criteria

FIT_FACTORS = (1.5, 2.0)  # the configured one is always graded too
EXTRAPOLATION_FACTORS = (2.0, 5.0, 10.0)
CONFIGURED = "as configured"


def settings(criteria: Criteria) -> dict[str, Criteria]:
    """The configured criteria, then each other factor with the rest as configured."""
    found = {CONFIGURED: criteria}
    for factor in FIT_FACTORS:
        if factor != criteria.fit_factor:
            found[f"fit factor {factor:g}"] = dataclasses.replace(criteria, fit_factor=factor)
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
    table["fits"] = table["train_mse"] <= criteria.fit_threshold
    table["extrapolates"] = table["extrap_mse"] <= criteria.extrapolation_threshold

    def refit(batch):
        return (
            None
            if batch is None
            else {**batch, "fits": batch["train_mse"] <= criteria.fit_threshold}
        )

    return dataclasses.replace(
        evidence,
        sweep=Sweep(table),
        cos_batch=refit(evidence.cos_batch),
        fourier=refit(evidence.fourier),
        criteria=criteria,
    )


def grade_under_settings(evidence: Evidence) -> dict[str, list[Claim]]:
    """Every claim under every setting of ``settings``, the configured one first."""
    return {
        name: evaluate(regraded(evidence, criteria))
        for name, criteria in settings(evidence.criteria).items()
    }


def depends_on(graded: dict[str, list[Claim]]) -> dict[str, str]:
    """Per claim: the settings under which its verdict differs from the configured one, with
    the verdict there, or "robust"."""
    configured = {c.id: c.verdict for c in graded[CONFIGURED]}
    changes = {claim_id: [] for claim_id in configured}
    for name, found in graded.items():
        for c in found:
            if c.id in configured and c.verdict != configured[c.id]:
                changes[c.id].append(f"{name}: {c.verdict}")
    return {claim_id: "; ".join(found) or "robust" for claim_id, found in changes.items()}


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
