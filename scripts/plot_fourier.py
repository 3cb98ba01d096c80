"""Rule plot_fourier: learned cosine nodes against the target's spectrum."""

from nnfit.logs import log_to

log = log_to(snakemake.log[0])

from nnfit import style, summary_figures  # noqa: E402
from nnfit.artifacts import load_npz  # noqa: E402

fit = load_npz(
    snakemake.input.fit,
    required=("target_frequency", "target_amplitude", "node_frequency", "node_amplitude", "fits"),
)
with style.styled():
    fig = summary_figures.fourier(
        fit["target_frequency"],
        fit["target_amplitude"],
        fit["node_frequency"],
        fit["node_amplitude"],
        fit["fits"],
        snakemake.params.target,
    )
    style.save_figure(fig, snakemake.output, snakemake.params.dpi)
