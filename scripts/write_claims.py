"""Rule write_claims: each claim of the article, the evidence measured, and a verdict."""

from nnfit.logs import log_to

log = log_to(snakemake.log[0])

from nnfit import claims  # noqa: E402
from nnfit.artifacts import (  # noqa: E402
    atomic_path,  # noqa: E402
    load_npz,
    save_json,
)
from nnfit.tables import read_sweep_table  # noqa: E402

COS_BATCH = ("fits", "final_w", "final_b", "final_v", "final_c")
FOURIER_FIT = ("fits", "node_frequency", "node_amplitude", "node_phase")

p = snakemake.params
found = claims.evaluate(
    read_sweep_table(snakemake.input.table, snakemake.params.networks),
    p.article_widths,
    load_npz(snakemake.input.cos_batch, required=COS_BATCH) if snakemake.input.cos_batch else None,
    load_npz(snakemake.input.fourier, required=FOURIER_FIT),
    p.noise_sd,
    p.fourier_terms,
)
header = claims.header(p.seeds, p.noise_sd, p.fit_factor, p.extrapolation_factor)
save_json(snakemake.output.json, claims.to_json(found))
with atomic_path(snakemake.output.md) as tmp:
    tmp.write_text(claims.to_markdown(found, header))
for claim in found:
    log.info("%s: %s", claim.id, claim.verdict)
