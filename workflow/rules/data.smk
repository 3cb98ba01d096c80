rule sample_data:
    output:
        "results/data/train.npz",
    log:
        "results/logs/sample_data.log",
    benchmark:
        "results/benchmarks/sample_data.tsv"
    # the chain to the trained networks' figures first: the figures that need no training
    # fill the cores' gaps (Snakemake runs ready jobs of higher priority first)
    priority: 3
    params:
        library=library_digest("sample_data"),
        seed=config["seed"],
        n_samples=config["data"]["n_samples"],
        noise_sd=config["data"]["noise_sd"],
        train_range=config["data"]["train_range"],
        target=get_target_spec,
    script:
        "../../scripts/sample_data.py"
