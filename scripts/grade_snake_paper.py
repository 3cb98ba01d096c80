"""Rule grade_snake_paper: Snake's claim graded in its authors' setting, and the figure."""

from nnfit.logs import log_to

log = log_to(snakemake.log[0])

from nnfit import style  # noqa: E402
from nnfit.artifacts import atomic_path, load_npz  # noqa: E402
from nnfit.criteria import Criteria  # noqa: E402
from nnfit.snake_paper import grade, paper_figure  # noqa: E402

FIELDS = ("seed", "x", "y", "train_mse", "extrap_mse", "grid", "output")

runs = [load_npz(path, required=FIELDS) for path in snakemake.input]
text, verdict = grade(runs, Criteria(**snakemake.params.criteria), snakemake.params.iterations)
with atomic_path(snakemake.output.claims) as tmp:
    tmp.write_text(text)
with style.styled():
    style.save_figure(paper_figure(runs), snakemake.output.figure, snakemake.params.dpi)
log.info("Snake in its authors' setting: %s", verdict)
