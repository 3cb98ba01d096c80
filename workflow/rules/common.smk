import re
import sys
from pathlib import Path

import yaml
from snakemake.common.configfile import load_configfile
from snakemake.utils import update_config, validate

LIBRARY = Path(workflow.basedir) / "scripts" / "nnfit"
sys.path.insert(0, str(LIBRARY.parent))
from nnfit.config import check_config, typed_overrides

SCHEMA = "../schemas/config.schema.yaml"


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
    sources = [(as_typed(f), load_configfile(f)) for f in files]
    if workflow.config_settings.config:
        sources.append(("--config", workflow.config_settings.config))
    return sources


update_config(config, typed_overrides(workflow.config_settings.config))
check_config(
    config,
    yaml.safe_load((Path(workflow.current_basedir) / SCHEMA).read_text()),
    config_sources(),
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


def training_settings(activation):
    """The training settings of one network: the defaults, then its own overrides."""
    entry = config["activations"][activation]
    own = {k: v for k, v in entry.items() if k not in ACTIVATION_OPTIONS}
    return {"seed": config["seed"], **config["training"], **own}


def activation_options(activation):
    entry = config["activations"][activation]
    return {k: v for k, v in entry.items() if k in ACTIVATION_OPTIONS}


def get_training_params(wildcards):
    return training_settings(wildcards.activation)


def get_activation_options(wildcards):
    return activation_options(wildcards.activation)


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


def get_article_artifacts():
    """What the article's figures are made from. Targets of `all` and `figures`, so that a
    file set aside as corrupt, or deleted by Snakemake as a failed job's output, is remade
    by the next plain run even when the figures made from it are still there."""
    patterns = ["results/data/train.npz", "results/models/{activation}.npz"]
    patterns += ["results/analysis/{activation}_hidden.npz"]
    patterns += ["results/analysis/{activation}_extrapolation.npz"]
    return expand(patterns, activation=ACTIVATIONS)


def sweep_variants():
    """Sweep families: each swept activation as configured, then Snake at each swept a."""
    variants = {
        name: (name, activation_options(name))
        for name in config["sweep"]["activations"]
    }
    for a in config["sweep"]["snake_a"]:
        variants[f"snake-a{a:g}"] = ("snake", {"a": a})
    return variants


SWEEP_VARIANTS = sweep_variants()


def sweep_widths(variant):
    if variant.startswith("snake-a"):
        return [config["activations"]["snake"]["n_hidden"]]
    return config["sweep"]["widths"]


def get_sweep_runs(variants=None):
    return [
        f"results/sweep/runs/{variant}/w{width}.npz"
        for variant in (variants or SWEEP_VARIANTS)
        for width in sweep_widths(variant)
    ]


def sweep_networks():
    """Rows of sweep.csv: one per seed of every batch."""
    return len(get_sweep_runs()) * config["sweep"]["seeds"]


def get_article_runs(wildcards=None):
    """Each swept activation's batch at the width the article (and config) gives it."""
    return {
        name: f"results/sweep/runs/{name}/w{config['activations'][name]['n_hidden']}.npz"
        for name in config["sweep"]["activations"]
        if config["activations"][name]["n_hidden"] in config["sweep"]["widths"]
    }


def get_sweep_params(wildcards):
    activation, options = SWEEP_VARIANTS[wildcards.variant]
    training = training_settings(activation)
    data, sweep = config["data"], config["sweep"]
    return {
        **training,
        "activation": activation,
        "options": options,
        "seeds": list(range(config["seed"], config["seed"] + sweep["seeds"])),
        "noise_sd": data["noise_sd"],
        "train_range": data["train_range"],
        "extrapolation_range": data["extrapolation_range"],
        "grid_points": data["grid_points"],
        "fit_factor": sweep["fit_factor"],
        "extrapolation_factor": sweep["extrapolation_factor"],
    }


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


def fit_threshold():
    return config["sweep"]["fit_factor"] * config["data"]["noise_sd"] ** 2


def extrapolation_threshold():
    return config["sweep"]["extrapolation_factor"] * config["data"]["noise_sd"] ** 2


SNAKE_A_VARIANTS = {
    name: options["a"]
    for name, (_, options) in SWEEP_VARIANTS.items()
    if name.startswith("snake-a")
}
SWEEP_FIGURES = ["reliability", "fourier"]
# these are drawn at the article's widths: only if the sweep reaches one
SWEEP_FIGURES += ["extrapolation_summary", "convergence"] if get_article_runs() else []
SWEEP_FIGURES += ["dead_relu"] if "relu" in config["sweep"]["activations"] else []
SWEEP_FIGURES += ["snake_a"] if SNAKE_A_VARIANTS else []
