# nnfit: what a neural network actually does is curve fitting.
# Reproduces every figure of "What neural networks actually do?" (T. Matiisen, 2018).


from snakemake.utils import min_version

min_version("9.0")


include: "workflow/rules/config_files.smk"


configfile: "config.yaml"


report: "workflow/report/workflow.rst"


include: "workflow/rules/common.smk"
include: "workflow/rules/data.smk"
include: "workflow/rules/train.smk"
include: "workflow/rules/analysis.smk"
include: "workflow/rules/figures.smk"
include: "workflow/rules/publish.smk"
include: "workflow/rules/sweep.smk"
include: "workflow/rules/causes.smk"
include: "workflow/rules/shapes.smk"
include: "workflow/rules/snake_paper.smk"
include: "workflow/rules/tune.smk"
include: "workflow/rules/lecture.smk"


rule all:
    input:
        PLAN.final_outputs(),
        PLAN.article_artifacts(),
        NETWORK_IN_REPORT,
        PLAN.sweep_runs(),
        PLAN.causes_runs(),
        "results/fourier/fourier.npz",
        PROVENANCE,
        PLAN.claims_outputs(),
        CLAIMS_PAGE,
        GALLERY,
        EXPLORER,
        CLAIMS_PROVENANCE,


rule figures:
    # the article's figures and metrics alone, without the seed sweep, the claims and the
    # explorer (which shows the sweep's seeds)
    input:
        PLAN.final_outputs(),
        PLAN.article_artifacts(),
        NETWORK_IN_REPORT,
        PROVENANCE,


onstart:
    removed = remove_left_by_another_config(Path("results"), config_hash(config))
    if removed:
        logger.warning(removal_message(removed, RUN_FOLDER))


onsuccess:
    logger.info(run_summary(Path("results"), RUN_FOLDER))
    cancel_timers()  # the run is over: no need to wait a second to schedule nothing
