rule decompose_network:
    input:
        model="results/models/{activation}.npz",
    output:
        "results/analysis/{activation}_hidden.npz",
    log:
        "results/logs/decompose_network/{activation}.log",
    benchmark:
        "results/benchmarks/decompose_network/{activation}.tsv"
    priority: 1
    params:
        library=library_digest("decompose_network"),
        train_range=config["data"]["train_range"],
        grid_points=config["data"]["grid_points"],
    script:
        "../../scripts/decompose_network.py"


rule evaluate_extrapolation:
    input:
        model="results/models/{activation}.npz",
        data="results/data/train.npz",
    output:
        curve="results/analysis/{activation}_extrapolation.npz",
        metrics="results/metrics/{activation}.json",
    log:
        "results/logs/evaluate_extrapolation/{activation}.log",
    benchmark:
        "results/benchmarks/evaluate_extrapolation/{activation}.tsv"
    priority: 1
    params:
        library=library_digest("evaluate_extrapolation"),
        noise_sd=config["data"]["noise_sd"],
        train_range=config["data"]["train_range"],
        extrapolation_range=config["data"]["extrapolation_range"],
        grid_points=config["data"]["grid_points"],
        target=get_target_spec,
    script:
        "../../scripts/evaluate_extrapolation.py"
