# The causes the article gives, tested by intervention (scripts/nnfit/experiments/causes.py).


rule train_relu_intervention:
    output:
        "results/causes/relu/{intervention}/w{width}.npz",
    log:
        "results/logs/train_relu_intervention/{intervention}/w{width}.log",
    benchmark:
        "results/benchmarks/train_relu_intervention/{intervention}/w{width}.tsv"
    wildcard_constraints:
        intervention="|".join(PLAN.interventions),
        width=r"\d+",
    resources:
        mem_mb=600,
        runtime=10,
    params:
        library=library_digest("train_relu_intervention"),
        settings=get_intervention_settings,
    script:
        "../../scripts/train_relu_intervention.py"


rule train_cos_longer:
    output:
        "results/causes/{run}.npz",
    log:
        "results/logs/train_cos_longer/{run}.log",
    benchmark:
        "results/benchmarks/train_cos_longer/{run}.tsv"
    wildcard_constraints:
        run="|".join(COS_LONGER_RUNS),
    resources:
        mem_mb=600,
        runtime=10,
    params:
        library=library_digest("train_cos_longer"),
        settings=get_cos_longer_settings,
    script:
        "../../scripts/train_cos_longer.py"


rule plot_dead_relu:
    input:
        runs=PLAN.relu_intervention_runs(),
    output:
        reported_figure(
            "dead_relu",
            "dead_relu.rst",
            REPORT_CLAIMS,
            PLAN.sweep_figure_position("dead_relu"),
            "dead relu",
        ),
    log:
        "results/logs/plot_dead_relu.log",
    benchmark:
        "results/benchmarks/plot_dead_relu.tsv"
    params:
        library=library_digest("plot_dead_relu"),
        dpi=config["figures"]["dpi"],
    script:
        "../../scripts/plot_dead_relu.py"
