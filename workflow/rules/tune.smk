# Tuning (snakemake tune, not in the default run): the training range and learning rates
# chosen on seeds that no claim is graded on (nnfit.grading.tuning says how).


rule tune:
    input:
        "results/tuning/tuning.md",
        "results/tuning/choices.json",


rule train_tuning_batch:
    output:
        "results/tuning/runs/{half_range}/{activation}.npz",
    log:
        "results/logs/train_tuning_batch/{half_range}/{activation}.log",
    benchmark:
        "results/benchmarks/train_tuning_batch/{half_range}/{activation}.tsv"
    wildcard_constraints:
        half_range="|".join(map(re.escape, PLAN.tuning_ranges)),
    resources:
        mem_mb=600,
        runtime=30,
    params:
        library=library_digest("train_tuning_batch"),
        settings=get_tuning_settings,
    script:
        "../../scripts/train_tuning_batch.py"


rule choose_defaults:
    input:
        PLAN.tuning_runs(),
    output:
        md="results/tuning/tuning.md",
        json="results/tuning/choices.json",
    log:
        "results/logs/choose_defaults.log",
    benchmark:
        "results/benchmarks/choose_defaults.tsv"
    params:
        library=library_digest("choose_defaults"),
        configured=PLAN.configured_choices(),
        seeds=PLAN.tuning_seeds(),
    script:
        "../../scripts/choose_defaults.py"
