"""Rule write_claims: each claim of the article, the evidence measured, and a verdict."""

from pathlib import Path

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

from nnfit.experiments.sweep import SWEEP_COLUMNS  # noqa: E402
from nnfit.grading import claims, sensitivity, typical  # noqa: E402
from nnfit.grading.claims import COS_BATCH  # noqa: E402
from nnfit.model.artifacts import atomic_path, load_json, load_npz, save_json  # noqa: E402
from nnfit.model.criteria import Criteria  # noqa: E402
from nnfit.publish.tables import read_sweep_table, read_table, write_table  # noqa: E402

JUDGED = ("fits", "train_mse", "interp_mse")
FOURIER_FIT = (*JUDGED, "node_frequency", "node_amplitude", "node_phase")
INTERVENTION = (*JUDGED, "intervention", "width", "dead")
COS_LONGER = (*JUDGED, "lr", "initial_w", "initial_b", "checkpoints", "iterations_to_fit")

p = snakemake.params
criteria = Criteria(**p.criteria)
evidence = claims.Evidence(
    sweep=claims.Sweep(read_sweep_table(snakemake.input.table, p.networks)),
    article_widths=p.article_widths,
    cos_batch=(
        load_npz(snakemake.input.cos_batch, required=COS_BATCH)
        if snakemake.input.cos_batch
        else None
    ),
    fourier=load_npz(snakemake.input.fourier, required=FOURIER_FIT),
    harmonics=p.harmonics,
    criteria=criteria,
    n_samples=p.n_samples,
    causes={
        "interventions": [
            load_npz(path, required=INTERVENTION) for path in snakemake.input.interventions
        ],
    }
    | {  # keyed by run: cos_one_node, cos_one_node_slow
        Path(path).stem: load_npz(path, required=COS_LONGER) for path in snakemake.input.cos_longer
    },
)
retrained = {
    label: (
        read_table(table, SWEEP_COLUMNS, text_columns=("variant", "activation")),
        load_npz(cos, required=COS_BATCH) if p.retrained_cos[label] else None,
    )
    for label, table, cos in zip(
        p.sensitivity_labels, snakemake.input.retrained, snakemake.input.retrained_cos, strict=True
    )
}
graded = sensitivity.grade_under_settings(evidence, retrained)
found = graded[sensitivity.CONFIGURED]
write_table(snakemake.output.sensitivity, sensitivity.sensitivity_rows(graded))
metrics = {}
for path in snakemake.input.metrics:
    m = load_json(
        path,
        required=("activation", "n_hidden", "parameters", "train_mse", "interp_mse", "extrap_mse"),
    )
    metrics[m["activation"]] = m
figures = typical.figure_typicality(evidence.sweep, metrics, criteria)
depends_on = sensitivity.depends_on(graded, retrained)
save_json(snakemake.output.json, claims.to_json(found, depends_on))
with atomic_path(snakemake.output.md) as tmp:
    header = claims.header(p.seeds, p.deciding_seeds, p.n_samples, criteria)
    table = claims.to_markdown(found, header, depends_on)
    sections = [table, claims.memorised_markdown(evidence.sweep, criteria)]
    sections.append(typical.to_markdown(figures))
    if snakemake.input.draws:
        draws = read_table(
            snakemake.input.draws, sensitivity.DRAW_COLUMNS, text_columns=("variant",)
        )
        sections.append(sensitivity.draw_spread_markdown(draws, evidence.sweep))
    tmp.write_text("\n".join(sections))
for claim in found:
    log.info("%s: %s", claim.id, claim.verdict)
