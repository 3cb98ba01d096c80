rule train_network:
    input:
        data="results/data/train.npz",
        code=NUMERIC_CODE,
    output:
        "results/models/{activation}.npz",
    log:
        "results/logs/train_network/{activation}.log",
    benchmark:
        "results/benchmarks/train_network/{activation}.tsv"
    threads: 1
    resources:
        mem_mb=500,
        runtime=5,
    params:
        training=get_training_params,
        options=get_activation_options,
    script:
        "../../scripts/train_network.py"
