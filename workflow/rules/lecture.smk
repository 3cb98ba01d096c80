# The lecture pack (snakemake lecture): the article's story as 1920 x 1080 slides, one PDF of
# them and a one-page handout, drawn from the saved networks, metrics and claims.


localrules:
    lecture,


rule lecture:
    input:
        PLAN.lecture_outputs(),


rule render_lecture:
    input:
        data="results/data/train.npz",
        hidden=expand(
            "results/analysis/{activation}_hidden.npz",
            activation=PLAN.lecture_networks,
        ),
        curves=expand(
            "results/analysis/{activation}_extrapolation.npz",
            activation=PLAN.lecture_networks,
        ),
        metrics=expand(
            "results/metrics/{activation}.json", activation=PLAN.lecture_networks
        ),
        claims="results/claims.json",
    output:
        slides=PLAN.lecture_slides(),
        pdf=LECTURE_PDF,
        handout=LECTURE_HANDOUT,
    log:
        "results/logs/render_lecture.log",
    benchmark:
        "results/benchmarks/render_lecture.tsv"
    params:
        library=library_digest("render_lecture"),
        networks=PLAN.lecture_networks,
        parameters=[PLAN.activation_parameters(name) for name in PLAN.lecture_networks],
        train_range=config["data"]["train_range"],
        noise_sd=config["data"]["noise_sd"],
        target=get_target_spec,
    script:
        "../../scripts/render_lecture.py"
