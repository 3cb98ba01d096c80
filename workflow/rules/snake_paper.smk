# Snake in its authors' setting (snakemake snake_paper): not part of the default run, since
# 512 nodes for 15 000 steps take about a minute and a half per seed on one core.

SNAKE_PAPER_SEEDS = PLAN.seeds(config["snake_paper"]["seeds"])
SNAKE_PAPER_OUTPUTS = [
    "results/snake_paper/claims.md",
    *PLAN.figure_paths("snake_paper"),
]


rule snake_paper:
    input:
        SNAKE_PAPER_OUTPUTS,


rule train_snake_paper:
    output:
        "results/snake_paper/seed{seed}.npz",
    log:
        "results/logs/train_snake_paper/seed{seed}.log",
    benchmark:
        "results/benchmarks/train_snake_paper/seed{seed}.tsv"
    wildcard_constraints:
        seed=r"\d+",
    resources:
        mem_mb=600,
        runtime=30,
    params:
        library=library_digest("train_snake_paper"),
        iterations=config["snake_paper"]["iterations"],
        noise_sd=config["data"]["noise_sd"],
        grid_points=config["data"]["grid_points"],
    script:
        "../../scripts/train_snake_paper.py"


rule grade_snake_paper:
    input:
        expand("results/snake_paper/seed{seed}.npz", seed=SNAKE_PAPER_SEEDS),
    output:
        claims="results/snake_paper/claims.md",
        figure=PLAN.figure_paths("snake_paper"),
    log:
        "results/logs/grade_snake_paper.log",
    benchmark:
        "results/benchmarks/grade_snake_paper.tsv"
    params:
        library=library_digest("grade_snake_paper"),
        criteria=PLAN.criteria_settings,
        iterations=config["snake_paper"]["iterations"],
        dpi=config["figures"]["dpi"],
    script:
        "../../scripts/grade_snake_paper.py"
