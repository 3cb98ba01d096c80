import re
import sys
from pathlib import Path

import yaml
from snakemake.logging import logger
from snakemake.utils import validate

LIBRARY = Path(workflow.basedir) / "scripts" / "nnfit"
sys.path.insert(0, str(LIBRARY.parent))
from nnfit.activations import get_activation
from nnfit.config import check_config
from nnfit.run_summary import run_summary

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
CLAIMS_OUTPUTS = []  # the claims table and summary figures; sweep.smk appends them
GALLERY = "results/index.html"
CLAIMS_PAGE = "results/pages/claims.html"

# The report lists categories, subcategories and labelled entries in text order: the
# numbers keep the article's order (data, then each activation as configured, then claims).
REPORT_DATA, REPORT_ACTIVATIONS, REPORT_CLAIMS = (
    "1. Data",
    "2. Activations",
    "3. Claims",
)


def activation_label(name):
    return get_activation(name, **activation_options(name)).label


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
    "dead_relu": "Dead ReLU units, and whether they explain the failed fits.",
    "extrapolation_summary": "Error beyond the training range, and how often it is small.",
    "fourier": "Cosine networks read as Fourier series.",
    "snake_a": "Snake networks at every swept a.",
}


def sweep_figure_position(stem):
    """Where a sweep figure comes in the report's Claims, after the claims table (1)."""
    return list(SWEEP_FIGURE_CAPTIONS).index(stem) + 2


def get_artifact_files(wildcards):
    """What the CI artifact zip packs (a function, so sweep.smk's outputs count)."""
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
SWEEP_FIGURES = ["reliability", "extrapolation_summary", "convergence", "fourier"]
SWEEP_FIGURES += ["dead_relu"] if "relu" in config["sweep"]["activations"] else []
SWEEP_FIGURES += ["snake_a"] if SNAKE_A_VARIANTS else []
