localrules:
    all,
    artifacts,
    figures,
    pack_artifacts,
    write_provenance,
    sample_data,


rule write_provenance:
    input:
        code=library("provenance.py"),
    output:
        PROVENANCE,
    log:
        "results/logs/write_provenance.log",
    benchmark:
        "results/benchmarks/write_provenance.tsv"
    params:
        config=config,
        git=git_state(workflow.basedir),
    script:
        "../../scripts/write_provenance.py"


rule pack_artifacts:
    input:
        files=get_artifact_files,
        code=library("packaging.py"),
    output:
        "results/nnfit-figures.zip",
    log:
        "results/logs/pack_artifacts.log",
    benchmark:
        "results/benchmarks/pack_artifacts.tsv"
    script:
        "../../scripts/pack_artifacts.py"


rule artifacts:
    input:
        "results/nnfit-figures.zip",
