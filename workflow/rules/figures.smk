rule plot_network_diagram:
    output:
        PLAN.figure_paths("network"),
        # a tall PNG shown pixel for pixel would run off the report's page; a vector copy fits
        reported(NETWORK_IN_REPORT, "network.rst", REPORT_DATA, 1, "network diagram"),
    log:
        "results/logs/plot_network_diagram.log",
    benchmark:
        "results/benchmarks/plot_network_diagram.tsv"
    params:
        library=library_digest("plot_network_diagram"),
        n_hidden=config["figures"]["network_hidden"],
        dpi=config["figures"]["dpi"],
        config_hash=get_config_hash,
    script:
        "../../scripts/plot_network_diagram.py"


rule plot_sinusoid:
    input:
        data="results/data/train.npz",
    output:
        reported_figure("sinusoid", "sinusoid.rst", REPORT_DATA, 2, "training set"),
    log:
        "results/logs/plot_sinusoid.log",
    benchmark:
        "results/benchmarks/plot_sinusoid.tsv"
    params:
        library=library_digest("plot_sinusoid"),
        train_range=config["data"]["train_range"],
        noise_sd=config["data"]["noise_sd"],
        dpi=config["figures"]["dpi"],
        config_hash=get_config_hash,
        target=get_target_spec,
    script:
        "../../scripts/plot_sinusoid.py"


rule plot_activation:
    output:
        activation_figure("{activation}", "activation.rst", 1, "activation function"),
    log:
        "results/logs/plot_activation/{activation}.log",
    benchmark:
        "results/benchmarks/plot_activation/{activation}.tsv"
    params:
        library=library_digest("plot_activation"),
        parameters=get_activation_parameters,
        dpi=config["figures"]["dpi"],
        config_hash=get_config_hash,
    script:
        "../../scripts/plot_activation.py"


rule plot_hidden_nodes:
    input:
        hidden="results/analysis/{activation}_hidden.npz",
        metrics="results/metrics/{activation}.json",
        data="results/data/train.npz",
    output:
        activation_figure("{activation}_hidden", "hidden.rst", 3, "hidden nodes"),
    log:
        "results/logs/plot_hidden_nodes/{activation}.log",
    benchmark:
        "results/benchmarks/plot_hidden_nodes/{activation}.tsv"
    params:
        library=library_digest("plot_hidden_nodes"),
        parameters=get_activation_parameters,
        dpi=config["figures"]["dpi"],
        config_hash=get_config_hash,
        criteria=PLAN.criteria_settings,
        target=get_target_spec,
    script:
        "../../scripts/plot_hidden_nodes.py"


rule plot_extrapolation:
    input:
        curve="results/analysis/{activation}_extrapolation.npz",
        metrics="results/metrics/{activation}.json",
        data="results/data/train.npz",
    output:
        activation_figure(
            "{activation}_extrapolation", "extrapolation.rst", 4, "extrapolation"
        ),
    log:
        "results/logs/plot_extrapolation/{activation}.log",
    benchmark:
        "results/benchmarks/plot_extrapolation/{activation}.tsv"
    params:
        library=library_digest("plot_extrapolation"),
        parameters=get_activation_parameters,
        dpi=config["figures"]["dpi"],
        config_hash=get_config_hash,
        criteria=PLAN.criteria_settings,
        target=get_target_spec,
    script:
        "../../scripts/plot_extrapolation.py"


rule render_training_gif:
    input:
        model="results/models/{activation}.npz",
        metrics="results/metrics/{activation}.json",
        data="results/data/train.npz",
    output:
        gif="results/figures/{activation}_training.gif",
        apng=reported(
            "results/report/{activation}_training.png",
            "training.rst",
            REPORT_ACTIVATIONS,
            2,
            "training animation",
            subcategory=get_report_subcategory,
        ),
    log:
        "results/logs/render_training_gif/{activation}.log",
    benchmark:
        "results/benchmarks/render_training_gif/{activation}.tsv"
    resources:
        mem_mb=1300,
        runtime=10,
    params:
        library=library_digest("render_training_gif"),
        train_range=config["data"]["train_range"],
        grid_points=config["figures"]["gif"]["grid_points"],
        seconds=config["figures"]["gif"]["seconds"],
        fps=config["figures"]["gif"]["fps"],
        stride=config["figures"]["gif"]["stride"],
        dpi=config["figures"]["gif"]["dpi"],
        aspect=config["figures"]["gif"]["aspect"],
        hidden=config["figures"]["gif"]["hidden"],
        criteria=PLAN.criteria_settings,
        target=get_target_spec,
    script:
        "../../scripts/render_training_gif.py"
