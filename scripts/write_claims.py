"""Rule write_claims: each claim of the article, the evidence measured, and a verdict."""

from nnfit.logs import log_to

log = log_to(snakemake.log[0])

from nnfit import claims  # noqa: E402
from nnfit.artifacts import atomic_path, load_npz, save_json  # noqa: E402
from nnfit.criteria import Criteria  # noqa: E402
from nnfit.tables import read_sweep_table  # noqa: E402

COS_BATCH = ("fits", "final_w", "final_b", "final_v", "final_c")
FOURIER_FIT = ("fits", "node_frequency", "node_amplitude", "node_phase")
INTERVENTION = ("intervention", "width", "fits", "dead")
COS_LONGER = ("checkpoints", "fits")

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
        "cos_one_node": (
            load_npz(snakemake.input.cos_longer, required=COS_LONGER)
            if snakemake.input.cos_longer
            else None
        ),
    },
)
found = claims.evaluate(evidence)
save_json(snakemake.output.json, claims.to_json(found))
with atomic_path(snakemake.output.md) as tmp:
    tmp.write_text(claims.to_markdown(found, claims.header(p.seeds, p.n_samples, criteria)))
for claim in found:
    log.info("%s: %s", claim.id, claim.verdict)
