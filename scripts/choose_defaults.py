"""Rule choose_defaults: the training range and learning rates that tuning chooses, the
tables they were read from, and whether config.yaml agrees."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

from nnfit.grading import tuning  # noqa: E402
from nnfit.model.artifacts import atomic_path, load_npz, save_json  # noqa: E402

FIELDS = ("activation", "half_range", "lrs", "fits")

p = snakemake.params
rates = tuning.tuning_rates([load_npz(path, required=FIELDS) for path in snakemake.input])
chosen = tuning.choose(rates)
save_json(
    snakemake.output.json,
    {
        "chosen": chosen,
        "configured": p.configured,
        "agrees": tuning.agreement(chosen, p.configured),
        "seeds": p.seeds,
    },
)
with atomic_path(snakemake.output.md) as tmp:
    tmp.write_text(tuning.to_markdown(rates, chosen, p.configured, p.seeds))
log.info("chosen: %s", chosen)
