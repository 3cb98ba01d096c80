rule train_sweep_batch:
    output:
        "results/sweep/runs/{variant}/w{width}.npz",
    log:
        "results/logs/train_sweep_batch/{variant}/w{width}.log",
    benchmark:
        "results/benchmarks/train_sweep_batch/{variant}/w{width}.tsv"
    wildcard_constraints:
        variant="|".join(map(re.escape, PLAN.sweep_variants)),
        width=r"\d+",
    resources:
        mem_mb=600,
        runtime=10,
    params:
        library=library_digest("train_sweep_batch"),
        batch=get_sweep_params,
        widths=get_batch_width,
    script:
        "../../scripts/train_sweep_batch.py"


if PLAN.bundled_widths:

    ruleorder: train_sweep_bundle > train_sweep_batch

    rule train_sweep_bundle:
        output:
            [
                f"results/sweep/runs/{{variant}}/w{width}.npz"
                for width in PLAN.bundled_widths
            ],
        log:
            "results/logs/train_sweep_bundle/{variant}.log",
        benchmark:
            "results/benchmarks/train_sweep_bundle/{variant}.tsv"
        wildcard_constraints:
            variant="|".join(map(re.escape, config["sweep"]["activations"])),
        resources:
            mem_mb=600,
            runtime=10,
        params:
            library=library_digest("train_sweep_batch"),
            batch=get_sweep_params,
            widths=PLAN.bundled_widths,
        script:
            "../../scripts/train_sweep_batch.py"


rule train_sensitivity:
    output:
        table="results/sensitivity/{setting}.csv",
        cos="results/sensitivity/{setting}_cos.npz",
    log:
        "results/logs/train_sensitivity/{setting}.log",
    benchmark:
        "results/benchmarks/train_sensitivity/{setting}.tsv"
    wildcard_constraints:
        setting="|".join(map(re.escape, PLAN.sensitivity_settings)),
    resources:
        mem_mb=600,
        runtime=10,
    params:
        library=library_digest("train_sensitivity"),
        batches=get_sensitivity_batches,
        cos_width=config["activations"].get("cos", {}).get("n_hidden"),
    script:
        "../../scripts/train_sensitivity.py"


rule train_draw_spread:
    output:
        DRAW_SPREAD,
    log:
        "results/logs/train_draw_spread.log",
    benchmark:
        "results/benchmarks/train_draw_spread.tsv"
    resources:
        mem_mb=600,
        runtime=10,
    params:
        library=library_digest("train_draw_spread"),
        batches=PLAN.draw_spread_batches(),
        draws=PLAN.draw_seeds(),
    script:
        "../../scripts/train_draw_spread.py"


rule aggregate_sweep:
    input:
        runs=PLAN.sweep_runs(),
    output:
        "results/sweep/sweep.csv",
    log:
        "results/logs/aggregate_sweep.log",
    benchmark:
        "results/benchmarks/aggregate_sweep.tsv"
    params:
        library=library_digest("aggregate_sweep"),
    script:
        "../../scripts/aggregate_sweep.py"


rule fit_fourier:
    output:
        "results/fourier/fourier.npz",
    log:
        "results/logs/fit_fourier.log",
    benchmark:
        "results/benchmarks/fit_fourier.tsv"
    params:
        library=library_digest("fit_fourier"),
        adam=PLAN.fourier_adam(),
        target=config["fourier"]["target"],
        terms=PLAN.fourier_target.terms,
        n_hidden=config["fourier"]["n_hidden"],
        iterations=config["fourier"]["iterations"],
        seeds=PLAN.seeds(config["fourier"]["seeds"]),
        n_samples=config["data"]["n_samples"],
        noise_sd=config["data"]["noise_sd"],
        train_range=config["data"]["train_range"],
        grid_points=config["data"]["grid_points"],
        criteria=PLAN.criteria_settings,
    script:
        "../../scripts/fit_fourier.py"


rule plot_reliability:
    input:
        table="results/sweep/sweep.csv",
    output:
        reported_figure(
            "reliability",
            "reliability.rst",
            REPORT_CLAIMS,
            PLAN.sweep_figure_position("reliability"),
            "reliability",
        ),
    log:
        "results/logs/plot_reliability.log",
    benchmark:
        "results/benchmarks/plot_reliability.tsv"
    params:
        library=library_digest("plot_reliability"),
        networks=PLAN.sweep_networks(),
        variants=config["sweep"]["activations"],
        fit_threshold=PLAN.criteria.fit_threshold,
        fit_factor=config["sweep"]["fit_factor"],
        dpi=config["figures"]["dpi"],
    script:
        "../../scripts/plot_reliability.py"


rule plot_extrapolation_summary:
    input:
        table="results/sweep/sweep.csv",
    output:
        reported_figure(
            "extrapolation_summary",
            "extrapolation_summary.rst",
            REPORT_CLAIMS,
            PLAN.sweep_figure_position("extrapolation_summary"),
            "extrapolation summary",
        ),
    log:
        "results/logs/plot_extrapolation_summary.log",
    benchmark:
        "results/benchmarks/plot_extrapolation_summary.tsv"
    params:
        library=library_digest("plot_extrapolation_summary"),
        networks=PLAN.sweep_networks(),
        article_widths=PLAN.article_widths(PLAN.article_runs()),
        extrapolation_threshold=PLAN.criteria.extrapolation_threshold,
        extrapolation_factor=config["sweep"]["extrapolation_factor"],
        dpi=config["figures"]["dpi"],
    script:
        "../../scripts/plot_extrapolation_summary.py"


rule plot_convergence:
    input:
        runs=list(PLAN.article_runs().values()),
    output:
        reported_figure(
            "convergence",
            "convergence.rst",
            REPORT_CLAIMS,
            PLAN.sweep_figure_position("convergence"),
            "convergence",
        ),
    log:
        "results/logs/plot_convergence.log",
    benchmark:
        "results/benchmarks/plot_convergence.tsv"
    params:
        library=library_digest("plot_convergence"),
        names=list(PLAN.article_runs()),
        fit_threshold=PLAN.criteria.fit_threshold,
        dpi=config["figures"]["dpi"],
    script:
        "../../scripts/plot_convergence.py"


rule plot_claims_sensitivity:
    input:
        table=CLAIMS_SENSITIVITY,
    output:
        reported_figure(
            "claims_sensitivity",
            "claims_sensitivity.rst",
            REPORT_CLAIMS,
            PLAN.sweep_figure_position("claims_sensitivity"),
            "claims sensitivity",
        ),
    log:
        "results/logs/plot_claims_sensitivity.log",
    benchmark:
        "results/benchmarks/plot_claims_sensitivity.tsv"
    params:
        library=library_digest("plot_claims_sensitivity"),
        dpi=config["figures"]["dpi"],
    script:
        "../../scripts/plot_claims_sensitivity.py"


rule plot_snake_a:
    input:
        table="results/sweep/sweep.csv",
    output:
        reported_figure(
            "snake_a",
            "snake_a.rst",
            REPORT_CLAIMS,
            PLAN.sweep_figure_position("snake_a"),
            "snake a",
        ),
    log:
        "results/logs/plot_snake_a.log",
    benchmark:
        "results/benchmarks/plot_snake_a.tsv"
    params:
        library=library_digest("plot_snake_a"),
        networks=PLAN.sweep_networks(),
        variants=PLAN.snake_a_variants,
        width=(
            config["activations"]["snake"]["n_hidden"]
            if PLAN.snake_a_variants
            else None
        ),
        dpi=config["figures"]["dpi"],
    script:
        "../../scripts/plot_snake_a.py"


rule plot_fourier:
    input:
        fit="results/fourier/fourier.npz",
    output:
        reported_figure(
            "fourier",
            "fourier.rst",
            REPORT_CLAIMS,
            PLAN.sweep_figure_position("fourier"),
            "fourier",
        ),
    log:
        "results/logs/plot_fourier.log",
    benchmark:
        "results/benchmarks/plot_fourier.tsv"
    params:
        library=library_digest("plot_fourier"),
        target=config["fourier"]["target"],
        terms=PLAN.fourier_target.terms,
        dpi=config["figures"]["dpi"],
    script:
        "../../scripts/plot_fourier.py"


rule write_claims:
    input:
        table="results/sweep/sweep.csv",
        cos_batch=PLAN.article_runs().get("cos", []),
        fourier="results/fourier/fourier.npz",
        metrics=expand("results/metrics/{activation}.json", activation=ACTIVATIONS),
        retrained=expand(
            "results/sensitivity/{setting}.csv", setting=PLAN.sensitivity_settings
        ),
        draws=DRAW_SPREAD if PLAN.draw_spread_networks else [],
        retrained_cos=expand(
            "results/sensitivity/{setting}_cos.npz", setting=PLAN.sensitivity_settings
        ),
        interventions=PLAN.relu_intervention_runs(),
        cos_longer=PLAN.cos_longer_runs(),
    output:
        md="results/claims.md",
        json="results/claims.json",
        sensitivity=CLAIMS_SENSITIVITY,
    log:
        "results/logs/write_claims.log",
    benchmark:
        "results/benchmarks/write_claims.tsv"
    params:
        library=library_digest("write_claims"),
        networks=PLAN.sweep_networks(),
        article_widths=PLAN.article_widths(),
        seeds=config["sweep"]["seeds"],
        deciding_seeds=PLAN.deciding_seed_count,
        n_samples=config["data"]["n_samples"],
        criteria=PLAN.criteria_settings,
        harmonics=PLAN.fourier_target.terms,
        sensitivity_labels=[label for label, _ in PLAN.sensitivity_settings.values()],
        retrained_cos=PLAN.retrained_cos(),
    script:
        "../../scripts/write_claims.py"
