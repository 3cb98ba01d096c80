rule train_network:
    input:
        data="results/data/train.npz",
    output:
        "results/models/{activation}.npz",
    log:
        "results/logs/train_network/{activation}.log",
    benchmark:
        "results/benchmarks/train_network/{activation}.tsv"
    priority: 2
    params:
        library=library_digest("train_network"),
        network=get_network_settings,
        parameters=get_activation_parameters,
    script:
        "../../scripts/train_network.py"
