localrules:
    all,
    artifacts,
    figures,
    pack_artifacts,
    write_provenance,
    sample_data,


rule write_provenance:
    output:
        PROVENANCE,
    log:
        "results/logs/write_provenance.log",
    benchmark:
        "results/benchmarks/write_provenance.tsv"
    params:
        library=library_digest("write_provenance"),
        config=config,
        git=git_state(workflow.basedir),
    script:
        "../../scripts/write_provenance.py"


rule pack_artifacts:
    input:
        files=get_artifact_files,
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
