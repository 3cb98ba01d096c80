"""The training range and learning rates, chosen by measurement on tuning seeds.

Rules fixed before the tuning runs: the range is the widest candidate on which each of the
article's three networks (sigmoid, ReLU and cosine at their article widths), at its best
learning rate there, fits at least half of the tuning seeds: the most of the sine's wiggles
those networks can be asked to fit. On that range each swept activation's article network
takes the learning rate at which it fits most often, ties going to the smaller rate.
The claims are graded on other seeds (nnfit.plan.Plan.tuning_seeds refuses an overlap).
"""

from nnfit.grading.rates import Rate
from nnfit.model.criteria import SOMETIMES

ARTICLE_NETWORKS = ("sigmoid", "relu", "cos")

# (half-width of the range, activation) -> {learning rate: fit rate over the tuning seeds}
Rates = dict[tuple[float, str], dict[float, Rate]]


def tuning_rates(runs: list[dict]) -> Rates:
    """Fit rates from tuning batches: each has ``half_range``, ``activation``, ``lrs`` (L,)
    and ``fits`` (L, seeds)."""
    return {
        (float(run["half_range"]), str(run["activation"])): {
            float(lr): Rate.of(fits) for lr, fits in zip(run["lrs"], run["fits"], strict=True)
        }
        for run in runs
    }


def best_lr(by_lr: dict[float, Rate]) -> float:
    """The rate at which the network fits most often; ties go to the smaller rate."""
    return min(by_lr, key=lambda lr: (-by_lr[lr].value, lr))


def choose_range(rates: Rates) -> float | None:
    """The widest half-width on which every article network present fits at least half the
    seeds at its best learning rate; None if no candidate range lets them all."""
    halves = sorted({half for half, _ in rates}, reverse=True)
    judged = [name for name in ARTICLE_NETWORKS if any(a == name for _, a in rates)]
    for half in halves:
        if all(
            max(rate.value for rate in rates[half, name].values()) >= SOMETIMES for name in judged
        ):
            return half
    return None


def choose(rates: Rates) -> dict:
    """The range and each activation's learning rate, as config.yaml would take them."""
    half = choose_range(rates)
    if half is None:
        return {"train_range": None, "lr": {}}
    lrs = {name: best_lr(by_lr) for (h, name), by_lr in rates.items() if h == half}
    return {"train_range": [-half, half], "lr": lrs}


def _range_text(half: float) -> str:
    return f"[-{half:g}, {half:g}]"


def to_markdown(rates: Rates, chosen: dict, configured: dict, seeds: list[int]) -> str:
    """The tables every choice was read from, the choice, and whether config.yaml agrees."""
    halves = sorted({half for half, _ in rates})
    names = list(dict.fromkeys(name for _, name in rates))
    lrs = sorted({lr for by_lr in rates.values() for lr in by_lr})
    lines = [
        "# How the training range and the learning rates were chosen",
        "",
        f"On {len(seeds)} tuning seeds ({seeds[0]}..{seeds[-1]}), which no claim is graded on. "
        + " ".join(__doc__.split("\n\n")[1].split()),
        "",
    ]
    for half in halves:
        lines += [
            f"## Range {_range_text(half)}: fit rate of each article network by learning rate",
            "",
            "| network | " + " | ".join(f"lr {lr:g}" for lr in lrs) + " |",
            "| --- |" + " --- |" * len(lrs),
        ]
        for name in names:
            by_lr = rates.get((half, name), {})
            cells = [by_lr[lr].text() if lr in by_lr else "" for lr in lrs]
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        lines.append("")
    lines.append("## The choice")
    lines.append("")
    if chosen["train_range"] is None:
        lines.append("No candidate range lets every article network fit half the seeds.")
        return "\n".join(lines) + "\n"
    half = chosen["train_range"][1]
    agrees = chosen["train_range"] == configured["train_range"]
    lines.append(
        f"- training range {_range_text(half)}"
        + (" (as config.yaml)" if agrees else f" (config.yaml: {configured['train_range']})")
    )
    for name, lr in chosen["lr"].items():
        now = configured["lr"].get(name)
        lines.append(
            f"- {name}: lr {lr:g}, fits {rates[half, name][lr].text()}"
            + (" (as config.yaml)" if now == lr else f" (config.yaml: {now:g})")
        )
    return "\n".join(lines) + "\n"


def agreement(chosen: dict, configured: dict) -> dict:
    """For each choice, whether config.yaml already makes it."""
    return {
        "train_range": chosen["train_range"] == configured["train_range"],
        "lr": {name: configured["lr"].get(name) == lr for name, lr in chosen["lr"].items()},
    }
