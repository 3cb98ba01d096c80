import ast
import dataclasses
import functools
import hashlib
import re
import sys
from pathlib import Path
from typing import NamedTuple

import yaml
from snakemake.common.configfile import load_configfile
from snakemake.logging import logger
from snakemake.utils import update_config, validate

SCRIPTS = Path(workflow.basedir) / "scripts"
LIBRARY = SCRIPTS / "nnfit"
sys.path.insert(0, str(LIBRARY.parent))
from nnfit.activations import get_activation
from nnfit.config import check_config, typed_overrides
from nnfit.criteria import Criteria
from nnfit.sensitivity import DATA_DRAWS, SENSITIVITY_WIDTHS, TRAINING_SETTINGS
from nnfit.targets import TARGETS, get_target, target_spec
from nnfit.run_summary import run_summary

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


# Built-in targets, then the user's own (config targets); the shape sweep's are configurable.
TARGET_NAMES = list(dict.fromkeys([*TARGETS, *config["targets"]]))
SHAPE_TARGETS = config["shapes"].get("targets") or TARGET_NAMES
FOURIER_TARGET = get_target(config["fourier"]["target"], config["targets"])


wildcard_constraints:
    activation="|".join(map(re.escape, ACTIVATIONS)),
    target="|".join(map(re.escape, TARGET_NAMES)),


def _nnfit_imports(path):
    """The library modules a Python file imports, as file names (``sweep.py``)."""
    names = set()
    for node in ast.walk(ast.parse(Path(path).read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.module == "nnfit":
            names |= {f"nnfit.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
    modules = {
        name.split(".")[1] + ".py" for name in names if name.startswith("nnfit.")
    }
    return {module for module in modules if (LIBRARY / module).is_file()}


def _data_files(name):
    """Files of the library folder that a module names in a string (style's .mplstyle)."""
    tree = ast.parse((LIBRARY / name).read_text())
    strings = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)}
    files = {path.name for path in LIBRARY.iterdir() if path.is_file()}
    return (strings & files) - {name}


@functools.cache
def library_files(script):
    """Every library file a script of a rule depends on, the closure of its nnfit imports."""
    pending, closure = _nnfit_imports(SCRIPTS / f"{script}.py"), set()
    while pending:
        name = pending.pop()
        closure.add(name)
        pending |= _nnfit_imports(LIBRARY / name) - closure
    closure |= {data for name in closure for data in _data_files(name)}
    return sorted(closure)


def library_digest(script):
    """A digest of the library code a script runs, passed to its rule as a param. Editing a
    module so reruns exactly the jobs whose scripts import it, and a moved checkout nothing.
    """
    digest = hashlib.sha256()
    for name in library_files(script):
        digest.update(name.encode() + b"\0" + (LIBRARY / name).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def network_settings(activation):
    """One article network: its width, then the training defaults with its own overrides."""
    entry = config["activations"][activation]
    return {"n_hidden": entry["n_hidden"], **training_settings(activation)}


def training_settings(activation):
    """How networks of an activation train, whatever their width: the defaults, then the
    entry's own lr and iterations."""
    entry = config["activations"][activation]
    own = {key: entry[key] for key in ("lr", "iterations") if key in entry}
    return {"seed": config["seed"], **config["training"], **own}


def activation_parameters(activation):
    """The entry's values of its activation's parameters (snake's a); the rest keep defaults."""
    parameters = get_activation(activation).parameters
    return {
        k: v for k, v in config["activations"][activation].items() if k in parameters
    }


def get_target_spec(wildcards):
    """The target a job fits: its {target} wildcard's, else the article's data.target."""
    name = getattr(wildcards, "target", config["data"]["target"])
    return target_spec(name, config["targets"])


def get_network_settings(wildcards):
    return network_settings(wildcards.activation)


def get_activation_parameters(wildcards):
    return activation_parameters(wildcards.activation)


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


class SweepVariant(NamedTuple):
    """One family of the sweep: an activation with parameter values, at some widths."""

    activation: str
    parameters: dict
    widths: list


def _number_text(x):
    """The shortest text of x that reads back as x: 1.0 -> 1, 0.1000001 stays distinct."""
    text = f"{x:g}"
    return text if float(text) == x else repr(float(x))


def sweep_variants():
    """Sweep families by name: each swept activation as configured, then Snake at each swept
    a (named snake-a<a>), at snake's width."""
    variants = {
        name: SweepVariant(name, activation_parameters(name), config["sweep"]["widths"])
        for name in config["sweep"]["activations"]
    }
    for a in config["sweep"]["snake_a"]:
        width = config["activations"]["snake"]["n_hidden"]
        variants[f"snake-a{_number_text(a)}"] = SweepVariant("snake", {"a": a}, [width])
    return variants


SWEEP_VARIANTS = sweep_variants()

# What counts as a fit and as extrapolating, computed in one place (nnfit.criteria).
CRITERIA = Criteria(
    noise_variance=config["data"]["noise_sd"] ** 2,
    fit_factor=config["sweep"]["fit_factor"],
    extrapolation_factor=config["sweep"]["extrapolation_factor"],
)


def get_sweep_runs(variants=None):
    return [
        f"results/sweep/runs/{variant}/w{width}.npz"
        for variant in (variants or SWEEP_VARIANTS)
        for width in SWEEP_VARIANTS[variant].widths
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


# A batch this narrow trains in less time than its job takes to start (Python, numpy and
# Snakemake's imports: about 0.3 s; for cos, sin and Snake also numba's, about 0.8 s), so
# each swept activation trains all of its narrow widths in one job (rule
# train_sweep_bundle), and each wider one in a job of its own.
BUNDLED_WIDTH = 50
BUNDLED_WIDTHS = [
    width for width in config["sweep"]["widths"] if width <= BUNDLED_WIDTH
]


def get_batch_width(wildcards):
    return [int(wildcards.width)]


# each sweep seed draws its own samples
DATA_KEYS = (
    "n_samples",
    "noise_sd",
    "train_range",
    "extrapolation_range",
    "grid_points",
)


def sweep_params(variant_name, change=None):
    """What one batch of a variant uses, and nothing else (an article network's width is not
    in it); ``change`` (nnfit.sensitivity) overrides data, training and per-activation keys.
    """
    variant = SWEEP_VARIANTS[variant_name]
    change = change or {}
    data = {**config["data"], **change.get("data", {})}
    training = training_settings(variant.activation)
    training["iterations"] *= change.get("iterations_factor", 1)
    return {
        **training,
        **change.get("activations", {}).get(variant.activation, {}),
        "activation": variant.activation,
        "parameters": variant.parameters,
        "seeds": list(range(config["seed"], config["seed"] + config["sweep"]["seeds"])),
        **{key: data[key] for key in DATA_KEYS},
        "criteria": dataclasses.asdict(CRITERIA),
        "target": target_spec(config["data"]["target"], config["targets"]),
    }


def get_sweep_params(wildcards):
    return sweep_params(wildcards.variant)


def sensitivity_batches(change):
    """The smaller sweep under one training setting: each variant whose batches it changes,
    with its settings and widths (nnfit.sensitivity.SENSITIVITY_WIDTHS, and its article
    width if the sweep has it: claims read that batch); the others' batches are the main
    sweep's."""
    article = {
        name: config["activations"][name]["n_hidden"] for name in get_article_runs()
    }
    return [
        {
            "variant": name,
            "settings": sweep_params(name, change),
            "widths": sorted(
                set(widths) | ({article[name]} if name in article else set())
            ),
        }
        for name, widths in SENSITIVITY_WIDTHS.items()
        if name in config["sweep"]["activations"]
        and sweep_params(name, change) != sweep_params(name)
    ]


# Training settings a referee might choose instead of ours: each that differs from the
# config for some batch is a smaller sweep of its own (rule train_sensitivity).
SENSITIVITY_SETTINGS = {
    slug: (label, change)
    for slug, (label, change) in TRAINING_SETTINGS.items()
    if sensitivity_batches(change)
}


# the article networks whose rates one shared training set may decide (rule train_draw_spread)
DRAW_SPREAD = "results/sensitivity/draws.csv"
DRAW_SPREAD_NETWORKS = {
    name: config["activations"][name]["n_hidden"]
    for name in ("sigmoid", "relu", "cos")
    if name in config["sweep"]["activations"]
}


def get_sensitivity_batches(wildcards):
    return sensitivity_batches(SENSITIVITY_SETTINGS[wildcards.setting][1])


def fourier_adam():
    """Adam's settings for the Fourier fits: the training defaults, cos's own, fourier.lr."""
    settings = {**config["training"], **config["activations"].get("cos", {})}
    settings["lr"] = config["fourier"].get("lr", settings["lr"])
    return {key: settings[key] for key in ("lr", "beta1", "beta2", "eps")}


def get_shape_params(wildcards):
    """What one shape job uses: an activation as the claims sweep trains it."""
    return {
        **training_settings(wildcards.activation),
        "activation": wildcards.activation,
        "parameters": activation_parameters(wildcards.activation),
        "seeds": list(range(config["seed"], config["seed"] + config["sweep"]["seeds"])),
        **{key: config["data"][key] for key in DATA_KEYS},
        "criteria": dataclasses.asdict(CRITERIA),
    }


# The causes experiment (causes.smk): its ReLU part needs relu in the sweep, its cosine
# part cos, as the claims they grade do.
from nnfit.causes import INTERVENTIONS


def get_relu_intervention_runs():
    if "relu" not in config["sweep"]["activations"]:
        return []
    return expand(
        "results/causes/relu/{intervention}/w{width}.npz",
        intervention=INTERVENTIONS,
        width=config["causes"]["relu_widths"],
    )


def get_cos_longer_run():
    """The path, or [] (write_claims' input then names no file)."""
    if "cos" not in config["sweep"]["activations"]:
        return []
    return "results/causes/cos_one_node.npz"


def get_causes_runs():
    return get_relu_intervention_runs() + (
        [get_cos_longer_run()] if get_cos_longer_run() else []
    )


def causes_settings(activation):
    """What a causes job uses: the sweep's seeds, data, target and criteria, and the
    activation's training settings (its lr and iterations as the sweep trains it)."""
    return {
        **training_settings(activation),
        "seeds": list(range(config["seed"], config["seed"] + config["sweep"]["seeds"])),
        **{
            key: config["data"][key] for key in ("n_samples", "noise_sd", "train_range")
        },
        "criteria": dataclasses.asdict(CRITERIA),
        "target": target_spec(config["data"]["target"], config["targets"]),
    }


def get_intervention_settings(wildcards):
    return {
        **causes_settings("relu"),
        "leaky_slope": config["causes"]["leaky_slope"],
        "record_every": config["causes"]["record_every"],
    }


def get_cos_longer_settings(wildcards):
    # one node: the claim is about the smallest cosine network
    return {
        **causes_settings("cos"),
        "width": 1,
        "checkpoints": config["causes"]["cos_iterations"],
    }


def get_shape_runs():
    return expand(
        "results/shapes/runs/{activation}/{target}.npz",
        activation=config["sweep"]["activations"],
        target=SHAPE_TARGETS,
    )


SHAPES_OUTPUTS = ["results/shapes/shape_match.csv", "results/shapes/claims.md"]
SHAPES_OUTPUTS += figure_paths("shape_match")


# Publishing (publish.smk): provenance, the report and the CI artifact zip.
from nnfit.provenance import config_hash, figure_config, git_state

PROVENANCE = "results/provenance.json"
CLAIMS_SENSITIVITY = "results/claims_sensitivity.csv"
CLAIMS_OUTPUTS = []  # the claims table and summary figures; sweep.smk's, appended below
GALLERY = "results/index.html"
NETWORK_IN_REPORT = "results/report/network.svg"
CLAIMS_PAGE = "results/pages/claims.html"

# The report lists categories, subcategories and labelled entries in text order: the
# numbers keep the article's order (data, then each activation as configured, then claims).
REPORT_DATA, REPORT_ACTIVATIONS, REPORT_CLAIMS, REPORT_SHAPES = (
    "1. Data",
    "2. Activations",
    "3. Claims",
    "4. Shapes",
)


def activation_label(name):
    return get_activation(name, **activation_parameters(name)).label


def get_report_subcategory(wildcards):
    """'1. Sigmoid', '2. ReLU', ...: each activation in the config's (the article's) order."""
    name = wildcards.activation
    return f"{ACTIVATIONS.index(name) + 1}. {activation_label(name)}"


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


def get_config_hash(wildcards):
    """The hash a figure carries: of the part of the config it depends on."""
    return config_hash(figure_config(config, getattr(wildcards, "activation", None)))


def reported_figure(stem, caption, category, position, figure, **report_options):
    """figure_paths(stem), its PNG in the report with workflow/report/<caption>."""
    png, *others = figure_paths(stem)
    return [
        reported(png, caption, category, position, figure, **report_options),
        *others,
    ]


def activation_figure(stem, caption, position, figure):
    return reported_figure(
        stem,
        caption,
        REPORT_ACTIVATIONS,
        position,
        figure,
        subcategory=get_report_subcategory,
    )


def get_gallery_sections():
    """The gallery's sections in the article's order, figure paths relative to results/."""

    def png(stem):
        return f"figures/{stem}.png"

    n_samples = config["data"]["n_samples"]
    sections = [
        {
            "title": "The network and the data",
            "figures": [
                [
                    png("network"),
                    "One input, one hidden layer, one output: y = sum v_i h_i + c.",
                ],
                [
                    png("sinusoid"),
                    f"sin(x) and the {n_samples} noisy training samples.",
                ],
            ],
        }
    ]
    for name in ACTIVATIONS:
        label, width = activation_label(name), config["activations"][name]["n_hidden"]
        sections.append(
            {
                "title": f"{label}, {width} hidden nodes",
                "activation": name,  # how typical its network is, from the sweep
                "figures": [
                    [png(name), f"The activation function f of the {label} network."],
                    [
                        f"figures/{name}_training.gif",
                        "Training: the untrained network (iteration 0), then every step.",
                    ],
                    [
                        png(f"{name}_hidden"),
                        "Each hidden node's v_i h_i(x), the bias c and their sum.",
                    ],
                    [
                        png(f"{name}_extrapolation"),
                        "Far beyond the training range (shaded), against sin(x).",
                    ],
                ],
            }
        )
    sections.append(
        {
            "title": "The claims, measured over many seeds",
            "claims": True,
            "figures": [
                [png(stem), SWEEP_FIGURE_CAPTIONS[stem]]
                for stem in SWEEP_FIGURE_CAPTIONS
                if stem in SWEEP_FIGURES
            ],
        }
    )
    return sections


# in the order the article makes its claims: how many nodes, how fast, dead ReLUs,
# extrapolation, Fourier analysis, then Snake beyond the article
SWEEP_FIGURE_CAPTIONS = {
    "reliability": "How often each activation fits, by number of hidden nodes.",
    "convergence": "Train MSE against iteration at the article's widths.",
    "dead_relu": "Dead ReLU units under three interventions, and the fit rate of each.",
    "extrapolation_summary": "Error beyond the training range, and how often it is small.",
    "fourier": "Cosine networks read as Fourier series.",
    "snake_a": "Snake networks at every swept a.",
    "claims_sensitivity": "Each verdict under other fit and extrapolation thresholds.",
}


def sweep_figure_position(stem):
    """Where a sweep figure comes in the report's Claims, after the claims table (1)."""
    return list(SWEEP_FIGURE_CAPTIONS).index(stem) + 2


def get_artifact_files(wildcards):
    """What the CI artifact zip packs: every figure, the claims, and the gallery and claims
    page that link them (paths in the zip are those under results/, so the links hold).
    """
    pages = [CLAIMS_PAGE, GALLERY]
    return list(
        dict.fromkeys(get_final_outputs() + [PROVENANCE] + CLAIMS_OUTPUTS + pages)
    )


SNAKE_A_VARIANTS = {
    name: variant.parameters["a"]
    for name, variant in SWEEP_VARIANTS.items()
    if variant.activation == "snake" and name != "snake"
}
SWEEP_FIGURES = ["reliability", "fourier"]
# these are drawn at the article's widths: only if the sweep reaches one
SWEEP_FIGURES += ["extrapolation_summary", "convergence"] if get_article_runs() else []
SWEEP_FIGURES += ["dead_relu"] if "relu" in config["sweep"]["activations"] else []
SWEEP_FIGURES += ["snake_a"] if SNAKE_A_VARIANTS else []
SWEEP_FIGURES += ["claims_sensitivity"]
