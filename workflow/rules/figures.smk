rule plot_network_diagram:
    input:
        code=PLOTTING_CODE,
    output:
        figure_paths("network"),
    log:
        "results/logs/plot_network_diagram.log",
    params:
        n_hidden=config["figures"]["network_hidden"],
        dpi=config["figures"]["dpi"],
    script:
        "../../scripts/plot_network_diagram.py"


rule plot_sinusoid:
    input:
        data="results/data/train.npz",
        code=PLOTTING_CODE,
    output:
        figure_paths("sinusoid"),
    log:
        "results/logs/plot_sinusoid.log",
    params:
        train_range=config["data"]["train_range"],
        noise_sd=config["data"]["noise_sd"],
        dpi=config["figures"]["dpi"],
    script:
        "../../scripts/plot_sinusoid.py"


rule plot_activation:
    input:
        code=PLOTTING_CODE,
    output:
        figure_paths("{activation}"),
    log:
        "results/logs/plot_activation/{activation}.log",
    params:
        dpi=config["figures"]["dpi"],
    script:
        "../../scripts/plot_activation.py"


rule plot_hidden_nodes:
    input:
        hidden="results/analysis/{activation}_hidden.npz",
        data="results/data/train.npz",
        code=PLOTTING_CODE,
    output:
        figure_paths("{activation}_hidden"),
    log:
        "results/logs/plot_hidden_nodes/{activation}.log",
    params:
        dpi=config["figures"]["dpi"],
    script:
        "../../scripts/plot_hidden_nodes.py"


rule plot_extrapolation:
    input:
        curve="results/analysis/{activation}_extrapolation.npz",
        metrics="results/metrics/{activation}.json",
        data="results/data/train.npz",
        code=PLOTTING_CODE,
    output:
        figure_paths("{activation}_extrapolation"),
    log:
        "results/logs/plot_extrapolation/{activation}.log",
    params:
        dpi=config["figures"]["dpi"],
    script:
        "../../scripts/plot_extrapolation.py"


rule render_training_gif:
    input:
        model="results/models/{activation}.npz",
        data="results/data/train.npz",
        code=PLOTTING_CODE,
    output:
        "results/figures/{activation}_training.gif",
    log:
        "results/logs/render_training_gif/{activation}.log",
    params:
        train_range=config["data"]["train_range"],
        grid_points=config["figures"]["gif"]["grid_points"],
        fps=config["figures"]["gif"]["fps"],
        stride=config["figures"]["gif"]["stride"],
        dpi=config["figures"]["gif"]["dpi"],
    script:
        "../../scripts/render_training_gif.py"
