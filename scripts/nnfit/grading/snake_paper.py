"""Snake's claim graded in its authors' setting (trained by nnfit.experiments.snake_paper)."""

from nnfit.experiments.snake_paper import PAPER
from nnfit.grading.claims import reliability_verdict
from nnfit.grading.rates import Rate


def grade(runs: list[dict], criteria, iterations: int) -> tuple[str, str]:
    """The claim, graded over the seeds: Markdown and the verdict."""
    fits = Rate.of([criteria.fits(r["train_mse"], r["interp_mse"]) for r in runs])
    extrapolates = Rate.of([criteria.extrapolates(r["extrap_mse"]) for r in runs])
    verdict = reliability_verdict(extrapolates)
    s = PAPER
    text = (
        "# Snake in its authors' setting\n\n"
        "> Beyond the article: Snake, x + sin^2(ax)/a, lets a network extrapolate a periodic "
        "function.\n\n"
        f"Graded where Ziyin, Hartwig and Ueda (NeurIPS 2020) showed it: a 1-{s.n_hidden}-1 "
        f"network, a = {s.a:g} fixed, full-batch SGD with momentum {s.momentum:g} and learning "
        f"rate {s.lr:g} for {iterations} steps, {s.n_samples} noisy samples of sin(x) on "
        f"[-15, -5] and [5, 15], the input divided by {s.input_scale:g}; {len(runs)} seeds, each "
        "with its own samples and initialisation. The main claims table grades the same claim "
        "for nnfit's setting (10 nodes, Adam, 1000 steps, one interval).\n\n"
        "| measured | verdict |\n| --- | --- |\n"
        f"| {fits.text()} of {fits.trials} seeds fit (train MSE within "
        f"{criteria.fit_factor:g}x the noise variance, MSE against sin(x) on the data's "
        f"intervals within {criteria.function_factor:g}x); {extrapolates.text()} extrapolate (MSE "
        f"beyond the data, out to +-{3 * s.reach:g}, within {criteria.extrapolation_factor:g}x). "
        f"| **{verdict}** |\n"
    )
    return text, verdict
