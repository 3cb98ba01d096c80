"""Rule train_draw_spread: the article networks from every seed on one shared training set,
for each of several sets: how much one set of points decides a rate."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

from nnfit.experiments.sweep import configured_batch  # noqa: E402
from nnfit.grading.sensitivity import DRAW_COLUMNS  # noqa: E402
from nnfit.publish.tables import write_table  # noqa: E402

columns = {name: [] for name in DRAW_COLUMNS}
for batch in snakemake.params.batches:
    for draw in snakemake.params.draws:
        runs = configured_batch(batch["settings"], batch["width"], data_seed=draw)
        row = (
            batch["variant"],
            batch["width"],
            draw,
            runs["fits"].mean(),
            runs["extrapolates"].mean(),
        )
        for name, value in zip(DRAW_COLUMNS, row, strict=True):
            columns[name].append(value)
    log.info("%s width %d: %d draws", batch["variant"], batch["width"], len(snakemake.params.draws))
write_table(snakemake.output[0], columns)
