rule plot_network_diagram:
    output:
        PLAN.figure_paths("network"),
        # a tall PNG shown pixel for pixel would run off the report's page; a vector copy fits
        reported(NETWORK_IN_REPORT, "network.rst", REPORT_DATA, 1, "network diagram"),
    log:
        "results/logs/plot_network_diagram.log",
    benchmark:
        "results/benchmarks/plot_network_diagram.tsv"
    # the longest job that needs no training starts beside the data: the curves and the
    # sinusoid are left to even out the cores' end
    priority: 1
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


rule plot_activations:
    output:
        **activation_curves(),
    log:
        "results/logs/plot_activations.log",
    benchmark:
        "results/benchmarks/plot_activations.tsv"
    params:
        library=library_digest("plot_activations"),
        parameters=get_activations_parameters,
        dpi=config["figures"]["dpi"],
        config_hash=get_activation_hashes,
    script:
        "../../scripts/plot_activations.py"


rule plot_trained_network:
    input:
        model="results/models/{activation}.npz",
        hidden="results/analysis/{activation}_hidden.npz",
        curve="results/analysis/{activation}_extrapolation.npz",
        metrics="results/metrics/{activation}.json",
        data="results/data/train.npz",
    output:
        hidden=activation_figure("{activation}_hidden", "hidden.rst", 3, "hidden nodes"),
        extrapolation=activation_figure(
            "{activation}_extrapolation", "extrapolation.rst", 4, "extrapolation"
        ),
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
        "results/logs/plot_trained_network/{activation}.log",
    benchmark:
        "results/benchmarks/plot_trained_network/{activation}.tsv"
    # the longest figure jobs first: the short ones (curves, sinusoid) then even out
    # the cores' last seconds
    priority: 1
    resources:
        mem_mb=1300,
        runtime=10,
    params:
        library=library_digest("plot_trained_network"),
        dpi=config["figures"]["dpi"],
        config_hash=get_config_hash,
        criteria=PLAN.criteria_settings,
        target=get_target_spec,
        train_range=config["data"]["train_range"],
        gif=PLAN.config["figures"]["gif"],
    script:
        "../../scripts/plot_trained_network.py"
