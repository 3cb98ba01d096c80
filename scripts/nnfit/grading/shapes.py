"""The shape-match matrix and its claims: for each activation and target, the fewest nodes
that fit reliably (trained by nnfit.experiments.shape_training).

The article's takeaway: "If shape of activation function matches the fitted function, the
training is much easier and the network needs less hidden nodes." For each target the
activations whose shape matches it are data (``Target.matches``); the sweep measures, for
each activation, the smallest width at which at least ``RELIABLE`` of the seeds fit.
"""

import numpy as np

from nnfit.grading.rates import Rate
from nnfit.model.criteria import RELIABLE
from nnfit.model.targets import Target


def smallest_reliable(runs: dict, widths) -> dict:
    """One cell of the matrix: the smallest width where at least RELIABLE of the seeds fit
    (None if none does), its fit rate with a 95% Wilson interval, and the range of widths
    the seeds leave possible for it: from the narrowest whose interval reaches RELIABLE to
    the first whose interval lies above it (the next width of ``widths`` when the reliable
    one is not sure: wider ones were not trained, and are taken to fit at least as often).
    The cell is borderline when that range holds more than one width."""
    rates = [Rate(int(fits), int(runs["seeds"])) for fits in runs["fits"]]
    trained = runs["width"].tolist()
    possible = [
        w for w, rate in zip(trained, rates, strict=True) if rate.at_least(RELIABLE) is not False
    ]
    reliable = [k for k, rate in enumerate(rates) if rate.value >= RELIABLE]
    cell = {"width": None, "rate": None, "low": None, "high": None, "extrapolation_share": None}
    cell["fewest"] = possible[0] if possible else None
    cell["most"] = None
    if reliable:
        k = reliable[0]
        wider = [w for w in sorted(widths) if w > trained[k]]
        sure = rates[k].at_least(RELIABLE)
        cell["most"] = trained[k] if sure else (wider[0] if wider else None)
        low, high = rates[k].interval
        cell |= {
            "width": trained[k],
            "rate": rates[k].value,
            "low": low,
            "high": high,
            "extrapolation_share": float(runs["extrapolates"][k] / runs["fits"][k]),
        }
    cell["borderline"] = cell["fewest"] != cell["most"]
    return cell


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
            "possible_from",
            "possible_to",
            "extrapolation_share",
        )
    }
    columns |= {f"fit_rate_w{w}": [] for w in widths}
    for run in runs:
        activation, target = str(run["activation"]), targets[str(run["target"])]
        cell = smallest_reliable(run, widths)
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
            ("possible_from", _none(cell["fewest"])),
            ("possible_to", _none(cell["most"])),
            ("extrapolation_share", cell["extrapolation_share"] if periodic else ""),
        ):
            columns[name].append(value)
        rate = dict(zip(run["width"].tolist(), (run["fits"] / run["seeds"]).tolist(), strict=True))
        for w in widths:
            columns[f"fit_rate_w{w}"].append(rate.get(w, ""))
    return columns


def _blank(value):
    return "" if value is None else value


def _none(width):
    return "none" if width is None else width


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
    # what the seeds allow: each side's fewest nodes lies in [possible_from, possible_to]
    match_from, match_to = (min(_width(table[c][i]) for i in matching) for c in POSSIBLE)
    other_from, other_to = (min(_width(table[c][i]) for i in others) for c in POSSIBLE)
    if not (match_to <= other_from or match_from > other_to):
        verdict = f"borderline (the point estimates say: {verdict})"
    return result | {"verdict": verdict}


POSSIBLE = ("possible_from", "possible_to")


def _cell_text(table, i) -> str:
    width = table["smallest_reliable_width"][i]
    if width == "none":
        return "none"
    low, high = table["rate_low"][i], table["rate_high"][i]
    mark = ""
    if table["borderline"][i]:
        mark = f"; {table['possible_from'][i]} to {table['possible_to'][i]} possible"
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
        "the fit rate there and its 95% Wilson interval, and where the seeds cannot pin that "
        "width down, the range of widths they leave possible (from the narrowest whose "
        f"interval reaches {RELIABLE:.0%} to the first whose interval lies above it). The "
        "takeaway holds for a target when an activation of its shape needs no more nodes "
        "than any other; the verdict is *borderline* when the possible ranges of the best "
        "matching and the best other activation overlap so that either answer is possible.",
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
