"""Rule grade_snake_paper: Snake's claim graded in its authors' setting, and the figure."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

from nnfit.figures import style  # noqa: E402
from nnfit.figures.snake_paper import paper_figure  # noqa: E402
from nnfit.grading.snake_paper import grade  # noqa: E402
from nnfit.model.artifacts import atomic_path, load_npz  # noqa: E402
from nnfit.model.criteria import Criteria  # noqa: E402

FIELDS = ("seed", "x", "y", "train_mse", "extrap_mse", "grid", "output")

runs = [load_npz(path, required=FIELDS) for path in snakemake.input]
text, verdict = grade(runs, Criteria(**snakemake.params.criteria), snakemake.params.iterations)
with atomic_path(snakemake.output.claims) as tmp:
    tmp.write_text(text)
with style.styled():
    style.save_figure(paper_figure(runs), snakemake.output.figure, snakemake.params.dpi)
log.info("Snake in its authors' setting: %s", verdict)
