"""How typical each article figure is: a figure shows one network, the config seed's, and the
sweep trains the same network (same width, training and, for that seed, the same data and
initialisation) from many seeds."""

from dataclasses import dataclass

from nnfit.grading.rates import Rate
from nnfit.model.activations import get_activation
from nnfit.model.criteria import Criteria


@dataclass(frozen=True)
class Typicality:
    activation: str
    label: str  # "Sigmoid, 10 nodes"
    train_mse: float
    interp_mse: float  # against the noiseless target on the training range
    extrap_mse: float
    fits: bool
    extrapolates: bool
    fit_rate: Rate  # over the sweep's seeds at this width
    extrapolation_rate: Rate

    def text(self) -> str:
        """'This network fits (train MSE 0.0080, against the target 0.0021) and does not
        extrapolate (MSE beyond the training range 1.4); of 400 seeds, 96% (95% CI 94%-98%)
        fit and 0% (95% CI 0%-1%) extrapolate.'"""
        fits = "fits" if self.fits else "does not fit"
        extrapolates = "extrapolates" if self.extrapolates else "does not extrapolate"
        return (
            f"This network {fits} (train MSE {self.train_mse:.2g}, against the target "
            f"{self.interp_mse:.2g}) and {extrapolates} "
            f"(MSE beyond the training range {self.extrap_mse:.2g}); of "
            f"{self.fit_rate.trials} seeds, {self.fit_rate.text()} fit and "
            f"{self.extrapolation_rate.text()} extrapolate."
        )


def figure_typicality(sweep, metrics: dict[str, dict], criteria: Criteria) -> list[Typicality]:
    """One entry per article network whose activation and width the sweep (a claims.Sweep)
    trained, in the order of ``metrics`` (activation -> its metrics JSON)."""
    found = []
    for name, m in metrics.items():
        width = m["n_hidden"]
        if name not in set(sweep.table["variant"]) or width not in sweep.widths(name):
            continue
        found.append(
            Typicality(
                activation=name,
                label=f"{get_activation(name, **m['parameters']).label}, {width} nodes",
                train_mse=m["train_mse"],
                interp_mse=m["interp_mse"],
                extrap_mse=m["extrap_mse"],
                fits=bool(criteria.fits(m["train_mse"], m["interp_mse"])),
                extrapolates=bool(criteria.extrapolates(m["extrap_mse"])),
                fit_rate=sweep.rate(name, width),
                extrapolation_rate=sweep.rate(name, width, "extrapolates"),
            )
        )
    return found


def to_markdown(found: list[Typicality]) -> str:
    lines = [
        "## How typical the article's figures are",
        "",
        "Each figure shows the network of the config seed; the sweep trains the same network "
        "from every seed.",
        "",
        "| network | the figure's network against the sweep |",
        "| --- | --- |",
    ]
    lines += [f"| {t.label} | {t.text()} |" for t in found]
    return "\n".join(lines) + "\n"
