rule sample_data:
    input:
        code=NUMERIC_CODE,
    output:
        "results/data/train.npz",
    log:
        "results/logs/sample_data.log",
    benchmark:
        "results/benchmarks/sample_data.tsv"
    threads: 1
    resources:
        mem_mb=500,
        runtime=5,
    params:
        seed=config["seed"],
        n_samples=config["data"]["n_samples"],
        noise_sd=config["data"]["noise_sd"],
        train_range=config["data"]["train_range"],
    script:
        "../../scripts/sample_data.py"
