import re
import sys
from pathlib import Path

import yaml
from snakemake.utils import validate

LIBRARY = Path(workflow.basedir) / "scripts" / "nnfit"
sys.path.insert(0, str(LIBRARY.parent))
from nnfit.config import check_config

SCHEMA = "../schemas/config.schema.yaml"

check_config(
    config,
    yaml.safe_load((Path(workflow.current_basedir) / SCHEMA).read_text()),
    source=", ".join(workflow.configfiles) or "the config",
)
validate(config, SCHEMA)  # fills in the schema's defaults

ACTIVATIONS = list(config["activations"])
FIGURE_FORMATS = ["png"] + [f for f in config["figures"]["formats"] if f != "png"]


wildcard_constraints:
    activation="|".join(map(re.escape, ACTIVATIONS)),


def library(*files):
    """Library files that shape a rule's output: editing one reruns the rule."""
    return [str(LIBRARY / name) for name in files]


NUMERIC_CODE = library(
    "activations.py", "network.py", "training.py", "data.py", "analysis.py"
)
PLOTTING_CODE = library(
    "style.py", "nnfit.mplstyle", "figures.py", "diagram.py", "gif.py"
)


ACTIVATION_OPTIONS = ("a",)  # parameters of parametric activations (snake's a)


def get_training_params(wildcards):
    """The training settings of one network: the defaults, then its own overrides."""
    entry = config["activations"][wildcards.activation]
    own = {k: v for k, v in entry.items() if k not in ACTIVATION_OPTIONS}
    return {"seed": config["seed"], **config["training"], **own}


def get_activation_options(wildcards):
    entry = config["activations"][wildcards.activation]
    return {k: v for k, v in entry.items() if k in ACTIVATION_OPTIONS}


def figure_paths(stem):
    """A static figure in every configured format, PNG first."""
    return [f"results/figures/{stem}.{ext}" for ext in FIGURE_FORMATS]


def get_final_outputs():
    """Every figure of the article, for every configured activation, and the metrics."""
    stems = ["network", "sinusoid", "{activation}", "{activation}_hidden"]
    stems.append("{activation}_extrapolation")
    patterns = [path for stem in stems for path in figure_paths(stem)]
    patterns += [
        "results/figures/{activation}_training.gif",
        "results/metrics/{activation}.json",
    ]
    return list(dict.fromkeys(expand(patterns, activation=ACTIVATIONS)))


# Publishing (publish.smk): provenance, the report and the CI artifact zip.
from nnfit.provenance import config_hash, figure_config, git_state

PROVENANCE = "results/provenance.json"
CLAIMS_OUTPUTS = []  # the claims table and summary figures; claims.smk appends them
PER_ACTIVATION = {"category": "Activations", "subcategory": "{activation}"}


def get_config_hash(wildcards):
    """The hash a figure carries: of the part of the config it depends on."""
    return config_hash(figure_config(config, getattr(wildcards, "activation", None)))


def reported_figure(stem, caption, **report_options):
    """figure_paths(stem), its PNG in the report with workflow/report/<caption>."""
    png, *others = figure_paths(stem)
    return [report(png, caption=f"../report/{caption}", **report_options), *others]


def get_artifact_files(wildcards):
    """What the CI artifact zip packs (a function, so claims.smk's outputs count)."""
    return list(dict.fromkeys(get_final_outputs() + [PROVENANCE] + CLAIMS_OUTPUTS))
