localrules:
    all,
    artifacts,
    figures,
    pack_artifacts,
    write_provenance,
    write_claims_provenance,
    sample_data,
    render_claims_page,
    write_gallery,
    explorer,
    verify,


rule write_provenance:
    input:
        outputs=PLAN.final_outputs() + PLAN.article_artifacts(),
    output:
        PROVENANCE,
    log:
        "results/logs/write_provenance.log",
    benchmark:
        "results/benchmarks/write_provenance.tsv"
    params:
        library=library_digest("write_provenance"),
        config_hash=config_hash(config),  # the whole config: any changed key reruns the rule
        git=git_state(workflow.basedir),
    script:
        "../../scripts/write_provenance.py"


use rule write_provenance as write_claims_provenance with:
    input:
        outputs=PLAN.claims_recorded(),
    output:
        CLAIMS_PROVENANCE,
    log:
        "results/logs/write_claims_provenance.log",
    benchmark:
        "results/benchmarks/write_claims_provenance.tsv"


rule pack_artifacts:
    input:
        files=get_artifact_files,
        provenance=[PROVENANCE, CLAIMS_PROVENANCE],
    output:
        "results/nnfit-figures.zip",
    log:
        "results/logs/pack_artifacts.log",
    benchmark:
        "results/benchmarks/pack_artifacts.tsv"
    params:
        library=library_digest("pack_artifacts"),
    script:
        "../../scripts/pack_artifacts.py"


rule artifacts:
    input:
        "results/nnfit-figures.zip",


# No output: run whenever asked (snakemake verify), after whatever is missing is made.
rule verify:
    input:
        files=get_verified_files,
        provenance=[PROVENANCE, CLAIMS_PROVENANCE],
    log:
        "results/logs/verify.log",
    params:
        library=library_digest("verify_outputs"),
    script:
        "../../scripts/verify_outputs.py"


# The report shows HTML inline but offers Markdown only as a download: the claims table
# also comes as a page of its own.
rule render_claims_page:
    input:
        claims="results/claims.md",
        json="results/claims.json",
    output:
        reported(
            CLAIMS_PAGE,
            "claims.rst",
            REPORT_CLAIMS,
            1,
            "claims table",
        ),
    log:
        "results/logs/render_claims_page.log",
    params:
        library=library_digest("render_claims_page"),
    script:
        "../../scripts/render_claims_page.py"


rule write_gallery:
    input:
        figures=PLAN.final_outputs(),
        claims_figures=PLAN.claims_outputs(),
        claims="results/claims.md",
        table="results/sweep/sweep.csv",
        metrics=expand("results/metrics/{activation}.json", activation=ACTIVATIONS),
        explorer=EXPLORER,  # linked from the page, beside it in results/
    output:
        GALLERY,
    log:
        "results/logs/write_gallery.log",
    params:
        library=library_digest("write_gallery"),
        sections=PLAN.gallery_sections(),
        networks=PLAN.sweep_networks(),
        criteria=PLAN.criteria_settings,
    script:
        "../../scripts/write_gallery.py"


# One self-contained page: every iteration of each article network and the sweep's seeds at
# its width, computed in the browser from the parameters; and for the report, the same page
# with each history at the iterations its training animation shows.
rule render_explorer:
    input:
        **PLAN.explorer_inputs(),
    output:
        page=EXPLORER,
        report=reported(REPORT_EXPLORER, "explorer.rst", REPORT_DATA, 3, "explorer"),
    log:
        "results/logs/render_explorer.log",
    benchmark:
        "results/benchmarks/render_explorer.tsv"
    params:
        **PLAN.explorer_params(),
        library=library_digest("render_explorer"),
    script:
        "../../scripts/render_explorer.py"


rule explorer:
    input:
        EXPLORER,
