"""Rule plot_fourier: cosine networks' spectra, as the Fourier claim reads them, against the
target's."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

from nnfit.figures import style, summary_figures  # noqa: E402
from nnfit.grading.claims import FREQUENCY_TOLERANCE  # noqa: E402
from nnfit.model.artifacts import load_npz  # noqa: E402

fit = load_npz(
    snakemake.input.fit,
    required=(
        "target_frequency",
        "target_amplitude",
        "node_frequency",
        "node_amplitude",
        "node_phase",
        "fits",
    ),
)
harmonics = [frequency for frequency, _, _ in snakemake.params.terms]
with style.styled():
    fig = summary_figures.fourier(fit, harmonics, FREQUENCY_TOLERANCE, snakemake.params.target)
    style.save_figure(fig, snakemake.output, snakemake.params.dpi)
