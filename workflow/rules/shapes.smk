# The shape-match sweep (snakemake shapes): every swept activation on every target.


rule shapes:
    input:
        PLAN.shapes_outputs(),


use rule sample_data as sample_shape_data with:
    output:
        "results/shapes/data/{target}.npz",
    log:
        "results/logs/sample_shape_data/{target}.log",
    benchmark:
        "results/benchmarks/sample_shape_data/{target}.tsv"


rule train_shape_widths:
    output:
        "results/shapes/runs/{activation}/{target}.npz",
    log:
        "results/logs/train_shape_widths/{activation}/{target}.log",
    benchmark:
        "results/benchmarks/train_shape_widths/{activation}/{target}.tsv"
    resources:
        mem_mb=600,
        runtime=30,
    params:
        library=library_digest("train_shape_widths"),
        batch=get_shape_params,
        target=get_target_spec,
        widths=config["shapes"]["widths"],
    script:
        "../../scripts/train_shape_widths.py"


rule tabulate_shape_match:
    input:
        runs=PLAN.shape_runs(),
    output:
        table="results/shapes/shape_match.csv",
        claims="results/shapes/claims.md",
    log:
        "results/logs/tabulate_shape_match.log",
    benchmark:
        "results/benchmarks/tabulate_shape_match.tsv"
    params:
        library=library_digest("tabulate_shape_match"),
        targets=[PLAN.target_spec(name) for name in PLAN.shape_targets],
        activations=config["sweep"]["activations"],
        widths=config["shapes"]["widths"],
        seeds=config["sweep"]["seeds"],
    script:
        "../../scripts/tabulate_shape_match.py"


rule plot_shape_match:
    input:
        table="results/shapes/shape_match.csv",
    output:
        reported_figure(
            "shape_match", "shape_match.rst", REPORT_SHAPES, 1, "shape-match heatmap"
        ),
    log:
        "results/logs/plot_shape_match.log",
    benchmark:
        "results/benchmarks/plot_shape_match.tsv"
    params:
        library=library_digest("plot_shape_match"),
        activations=config["sweep"]["activations"],
        targets=PLAN.shape_targets,
        widths=config["shapes"]["widths"],
        dpi=config["figures"]["dpi"],
    script:
        "../../scripts/plot_shape_match.py"


# One network of an activation (at its configured width) on a target, and the article's
# figures of it, on request: results/shapes/figures/relu_abs_hidden.png and so on.
use rule train_network as train_shape_network with:
    input:
        data="results/shapes/data/{target}.npz",
    output:
        "results/shapes/models/{activation}_{target}.npz",
    log:
        "results/logs/train_shape_network/{activation}_{target}.log",
    benchmark:
        "results/benchmarks/train_shape_network/{activation}_{target}.tsv"


use rule decompose_network as decompose_shape_network with:
    input:
        model="results/shapes/models/{activation}_{target}.npz",
    output:
        "results/shapes/analysis/{activation}_{target}_hidden.npz",
    log:
        "results/logs/decompose_shape_network/{activation}_{target}.log",
    benchmark:
        "results/benchmarks/decompose_shape_network/{activation}_{target}.tsv"


use rule evaluate_extrapolation as evaluate_shape_extrapolation with:
    input:
        model="results/shapes/models/{activation}_{target}.npz",
        data="results/shapes/data/{target}.npz",
    output:
        curve="results/shapes/analysis/{activation}_{target}_extrapolation.npz",
        metrics="results/shapes/metrics/{activation}_{target}.json",
    log:
        "results/logs/evaluate_shape_extrapolation/{activation}_{target}.log",
    benchmark:
        "results/benchmarks/evaluate_shape_extrapolation/{activation}_{target}.tsv"


use rule plot_trained_network as plot_shape_network with:
    input:
        model="results/shapes/models/{activation}_{target}.npz",
        hidden="results/shapes/analysis/{activation}_{target}_hidden.npz",
        curve="results/shapes/analysis/{activation}_{target}_extrapolation.npz",
        metrics="results/shapes/metrics/{activation}_{target}.json",
        data="results/shapes/data/{target}.npz",
    output:
        hidden="results/shapes/figures/{activation}_{target}_hidden.png",
        extrapolation="results/shapes/figures/{activation}_{target}_extrapolation.png",
        gif="results/shapes/figures/{activation}_{target}_training.gif",
        apng="results/shapes/figures/{activation}_{target}_training.png",
    log:
        "results/logs/plot_shape_network/{activation}_{target}.log",
    benchmark:
        "results/benchmarks/plot_shape_network/{activation}_{target}.tsv"
