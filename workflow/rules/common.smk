import dataclasses
import re
import sys
from pathlib import Path

import yaml
from snakemake.logging import logger
from snakemake.utils import update_config, validate

SCRIPTS = Path(workflow.basedir) / "scripts"
sys.path.insert(0, str(SCRIPTS))
from nnfit.plan import (
    CLAIMS_PAGE,
    CLAIMS_PROVENANCE,
    CLAIMS_SENSITIVITY,
    COS_LONGER_RUNS,
    DRAW_SPREAD,
    EXPLORER,
    GALLERY,
    LECTURE_HANDOUT,
    LECTURE_PDF,
    NETWORK_IN_REPORT,
    PROVENANCE,
    REPORT_EXPLORER,
    Plan,
)
from nnfit.publish import code_digest
from nnfit.publish.config import (
    ConfigError,
    check_config,
    read_config_file,
    typed_overrides,
    unwritable_problem,
)
from nnfit.publish.earlier_runs import remove_left_by_another_config, removal_message
from nnfit.publish.provenance import config_hash, figure_config, git_state
from nnfit.publish.quick_exit import cancel_timers, exit_without_collecting
from nnfit.publish.run_summary import run_summary

SCHEMA = "../schemas/config.schema.yaml"

exit_without_collecting()  # Snakemake's own process, as each job's


def as_typed(path):
    """A path as the user would type it: relative to the working directory when inside it."""
    path = Path(path)
    return str(
        path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path
    )


def config_sources():
    """The config's layers in merge order, named as the user gave them: config.yaml, each
    --configfile, then the --config overrides."""
    cli_files = list(workflow.config_settings.configfiles)
    files = [f for f in workflow.configfiles if Path(f) not in cli_files] + cli_files
    sources = [(as_typed(f), read_config_file(as_typed(f))) for f in files]
    if workflow.config_settings.config:
        sources.append(("--config", workflow.config_settings.config))
    return sources


update_config(config, typed_overrides(workflow.config_settings.config))
check_config(
    config,
    yaml.load(  # libyaml's loader where PyYAML has it: the schema is long, PyYAML's own slow
        (Path(workflow.current_basedir) / SCHEMA).read_text(),
        Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader),
    ),
    config_sources(),
)
validate(config, SCHEMA)  # fills in the schema's defaults
# A named run works in runs/<name>/ (a checked name: nothing escapes), so trying a config of
# one's own leaves the default results/ as they are; the paths it prints are from the root.
RUN_FOLDER = Path("runs", config["name"]) if "name" in config else Path()
if "name" in config:
    if workflow.overwrite_workdir is not None:
        raise ConfigError(
            f"name: {config['name']} asks for {RUN_FOLDER}/, --directory for "
            f"{workflow.overwrite_workdir}: give only one of them"
        )
    # the report rereads config.yaml by the path it was read by: from the root
    workflow.configfiles = [Path(path).absolute() for path in workflow.configfiles]
    workflow.workdir(Path(workflow.basedir) / RUN_FOLDER)
if workflow.is_main_process and not workflow.dryrun:  # named before any job, not by one
    if problem := unwritable_problem("results"):
        raise ConfigError(problem)

# Everything the config asks to be trained and drawn (nnfit.plan); the rules only wire it.
PLAN = Plan(config)
ACTIVATIONS = PLAN.activations


wildcard_constraints:
    activation="|".join(map(re.escape, ACTIVATIONS)),
    target="|".join(map(re.escape, PLAN.target_names)),


def library_digest(script):
    """The digest of the library code a rule's script runs (nnfit.publish.code_digest)."""
    return code_digest.library_digest(SCRIPTS / f"{script}.py")


def get_target_spec(wildcards):
    """The target a job fits: its {target} wildcard's, else the article's data.target."""
    return PLAN.target_spec(getattr(wildcards, "target", None))


def get_network_settings(wildcards):
    return PLAN.network_settings(wildcards.activation)


def get_activation_parameters(wildcards):
    return PLAN.activation_parameters(wildcards.activation)


def get_batch_width(wildcards):
    return [int(wildcards.width)]


def get_sweep_params(wildcards):
    return PLAN.sweep_batch_params(wildcards.variant)


def get_sensitivity_batches(wildcards):
    return PLAN.sensitivity_batches(PLAN.sensitivity_settings[wildcards.setting][1])


def get_shape_params(wildcards):
    return PLAN.shape_params(wildcards.activation)


def get_intervention_settings(wildcards):
    return PLAN.intervention_settings()


def get_cos_longer_settings(wildcards):
    return PLAN.cos_longer_settings(wildcards.run)


def get_tuning_settings(wildcards):
    return PLAN.tuning_settings(wildcards.half_range, wildcards.activation)


def get_artifact_files(wildcards):
    return PLAN.artifact_files()


def get_verified_files(wildcards):
    return PLAN.verified_files()


def get_config_hash(wildcards):
    """The hash a figure carries: of the part of the config it depends on."""
    return config_hash(figure_config(config, getattr(wildcards, "activation", None)))


def get_activation_hashes(wildcards):
    """The hash each activation's figures carry, by name."""
    return {name: config_hash(figure_config(config, name)) for name in PLAN.activations}


def get_activations_parameters(wildcards):
    return {name: PLAN.activation_parameters(name) for name in PLAN.activations}


# The report lists categories, subcategories and labelled entries in text order: the
# numbers keep the article's order (data, then each activation as configured, then claims).
REPORT_DATA, REPORT_ACTIVATIONS, REPORT_CLAIMS, REPORT_SHAPES = (
    "1. Data",
    "2. Activations",
    "3. Claims",
    "4. Shapes",
)


def report_subcategory(name):
    """'1. Sigmoid', '2. ReLU', ...: each activation in the config's (the article's) order."""
    return f"{ACTIVATIONS.index(name) + 1}. {PLAN.activation_label(name)}"


def get_report_subcategory(wildcards):
    return report_subcategory(wildcards.activation)


def reported(path, caption, category, position, figure, **report_options):
    """``path`` in the report, if it can be there: ``snakemake --report`` stops at a file
    marked for the report that does not exist, so a file not made yet (the claims after the
    figures target) is left out of the report rather than failing it."""
    if (
        "{" not in path and not Path(path).exists()
    ):  # a path with wildcards is always reported
        return path
    labels = {"figure": f"{position}. {figure}"}
    options = {"category": category, "labels": labels} | report_options
    return report(path, caption=f"../report/{caption}", **options)


def reported_figure(stem, caption, category, position, figure, **report_options):
    """PLAN.figure_paths(stem), its PNG in the report with workflow/report/<caption>."""
    png, *others = PLAN.figure_paths(stem)
    return [
        reported(png, caption, category, position, figure, **report_options),
        *others,
    ]


def activation_figure(
    stem, caption, position, figure, subcategory=get_report_subcategory
):
    return reported_figure(
        stem, caption, REPORT_ACTIVATIONS, position, figure, subcategory=subcategory
    )


def activation_curves():
    """Each configured activation's curve, by name."""
    return {
        name: activation_figure(
            name, "activation.rst", 1, "activation function", report_subcategory(name)
        )
        for name in PLAN.activations
    }
