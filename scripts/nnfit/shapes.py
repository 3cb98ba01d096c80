"""The shape-match matrix and its claims: for each activation and target, the fewest nodes
that fit reliably (trained by nnfit.shape_training).

The article's takeaway: "If shape of activation function matches the fitted function, the
training is much easier and the network needs less hidden nodes." For each target the
activations whose shape matches it are data (``Target.matches``); the sweep measures, for
each activation, the smallest width at which at least ``RELIABLE`` of the seeds fit.
"""

import numpy as np

from nnfit.claims import RELIABLE
from nnfit.rates import Rate
from nnfit.targets import Target


def smallest_reliable(runs: dict) -> dict:
    """One cell of the matrix: the smallest reliable width (None if no width fits reliably),
    its fit rate with a 95% Wilson interval, and whether it is borderline: the interval at
    that width, or at the widest narrower one, straddles RELIABLE, so the seeds cannot tell."""
    rates = [Rate(int(fits), int(runs["seeds"])) for fits in runs["fits"]]
    reliable = [k for k, rate in enumerate(rates) if rate.value >= RELIABLE]
    if not reliable:
        return {"width": None, "rate": None, "low": None, "high": None, "borderline": False}
    k = reliable[0]
    undecided = [rates[k].at_least(RELIABLE)] + ([rates[k - 1].at_least(RELIABLE)] if k else [])
    low, high = rates[k].interval
    return {
        "width": int(runs["width"][k]),
        "rate": rates[k].value,
        "low": low,
        "high": high,
        "borderline": None in undecided,
        "extrapolation_share": float(runs["extrapolates"][k] / runs["fits"][k]),
    }


def shape_match_table(runs: list[dict], targets: dict[str, Target], widths) -> dict[str, list]:
    """The matrix as a table, one row per (activation, target): the cell, then each width's
    fit rate (empty where the width was not trained: a narrower one already fit reliably)."""
    columns = {
        name: []
        for name in (
            "activation",
            "target",
            "matches",
            "seeds",
            "smallest_reliable_width",
            "fit_rate",
            "rate_low",
            "rate_high",
            "borderline",
            "extrapolation_share",
        )
    }
    columns |= {f"fit_rate_w{w}": [] for w in widths}
    for run in runs:
        activation, target = str(run["activation"]), targets[str(run["target"])]
        cell = smallest_reliable(run)
        periodic = target.period is not None and cell["width"] is not None
        for name, value in (
            ("activation", activation),
            ("target", target.name),
            ("matches", activation in target.matches),
            ("seeds", int(run["seeds"])),
            ("smallest_reliable_width", "none" if cell["width"] is None else cell["width"]),
            ("fit_rate", _blank(cell["rate"])),
            ("rate_low", _blank(cell["low"])),
            ("rate_high", _blank(cell["high"])),
            ("borderline", cell["borderline"]),
            ("extrapolation_share", cell["extrapolation_share"] if periodic else ""),
        ):
            columns[name].append(value)
        rate = dict(zip(run["width"].tolist(), (run["fits"] / run["seeds"]).tolist(), strict=True))
        for w in widths:
            columns[f"fit_rate_w{w}"].append(rate.get(w, ""))
    return columns


def _blank(value):
    return "" if value is None else value


def _width(value) -> float:
    return np.inf if value in ("none", "") else float(value)


def grade_target(table: dict, target: Target) -> dict:
    """Does an activation whose shape matches the target need the fewest nodes?"""
    rows = [i for i, name in enumerate(table["target"]) if name == target.name]
    matching = [i for i in rows if table["matches"][i]]
    others = [i for i in rows if not table["matches"][i]]
    result = {"target": target.name, "label": target.label, "matches": list(target.matches)}
    if not matching or not others:
        return result | {
            "verdict": "not graded",
            "why": "no swept activation has its shape"
            if not matching
            else "no other activation was swept",
        }
    best_match = min(matching, key=lambda i: _width(table["smallest_reliable_width"][i]))
    best_other = min(others, key=lambda i: _width(table["smallest_reliable_width"][i]))
    w_match = _width(table["smallest_reliable_width"][best_match])
    w_other = _width(table["smallest_reliable_width"][best_other])
    result |= {
        "match": table["activation"][best_match],
        "match_width": table["smallest_reliable_width"][best_match],
        "other": table["activation"][best_other],
        "other_width": table["smallest_reliable_width"][best_other],
    }
    if np.isinf(w_match) and np.isinf(w_other):
        return result | {"verdict": "not graded", "why": "no activation fits it reliably"}
    verdict = "holds" if w_match <= w_other else "does not hold"
    if table["borderline"][best_match] or table["borderline"][best_other]:
        verdict += " (borderline)"
    return result | {"verdict": verdict}


def _cell_text(table, i) -> str:
    width = table["smallest_reliable_width"][i]
    if width == "none":
        return "none"
    low, high = table["rate_low"][i], table["rate_high"][i]
    mark = ", borderline" if table["borderline"][i] else ""
    return f"{width} ({100 * table['fit_rate'][i]:.0f}% [{100 * low:.0f}, {100 * high:.0f}]{mark})"


def claims_markdown(table: dict, targets: list[Target], activations: list[str], seeds: int) -> str:
    """The graded takeaway, target by target, and the matrix it is graded on."""
    lines = [
        "# Shape decides node count: the takeaway, graded",
        "",
        '> "If shape of activation function matches the fitted function, the training is much',
        '> easier and the network needs less hidden nodes."',
        "",
        f"Each cell: the smallest width at which at least {RELIABLE:.0%} of {seeds} seeds fit, "
        "the fit rate there and its 95% Wilson interval; *borderline* where that interval, or "
        f"the one at the next narrower width, reaches across {RELIABLE:.0%}. The takeaway "
        "holds for a target when an activation of its shape needs no more nodes than any "
        "other.",
        "",
        "| target | matching | verdict | evidence |",
        "| --- | --- | --- | --- |",
    ]
    for target in targets:
        g = grade_target(table, target)
        matching = ", ".join(g["matches"]) or "none"
        if "why" in g:
            evidence = g["why"]
        else:
            evidence = (
                f"best matching: {g['match']} at {g['match_width']}; "
                f"best other: {g['other']} at {g['other_width']}"
            )
        lines.append(f"| {target.name} | {matching} | {g['verdict']} | {evidence} |")
    lines += ["", "## The matrix", ""]
    lines.append("| activation | " + " | ".join(t.name for t in targets) + " |")
    lines.append("| --- " * (len(targets) + 1) + "|")
    for activation in activations:
        cells = []
        for target in targets:
            i = next(
                i
                for i, (a, t) in enumerate(zip(table["activation"], table["target"], strict=True))
                if a == activation and t == target.name
            )
            text = _cell_text(table, i)
            cells.append(f"**{text}**" if table["matches"][i] else text)
        lines.append(f"| {activation} | " + " | ".join(cells) + " |")
    lines += ["", "Bold: the activation's shape matches the target's.", ""]
    return "\n".join(lines)
