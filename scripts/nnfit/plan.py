"""What a config asks to be trained and drawn, as a pure function of the config.

``Plan(config)`` takes a checked config with the schema's defaults filled in and answers every
question the workflow's rules ask of it: which networks, sweep batches, sensitivity settings,
causal runs and shape runs there are, what each job is given, which figures exist and how the
gallery lists them. The rule files only wire these answers to Snakemake, so the plan is tested
on small configs without running the workflow.
"""

import dataclasses
import functools
import itertools
from typing import NamedTuple

from nnfit.experiments.causes import INTERVENTIONS
from nnfit.experiments.sweep import batch_seeds
from nnfit.figures.slides import slide_names, story
from nnfit.grading.sensitivity import DATA_DRAWS, SENSITIVITY_WIDTHS, TRAINING_SETTINGS
from nnfit.model.activations import get_activation
from nnfit.model.criteria import Criteria
from nnfit.model.targets import TARGETS, get_target, target_spec

# A batch this narrow trains in less time than its job takes to start (Python, numpy and
# Snakemake's imports: about 0.3 s; for cos, sin and Snake also numba's, about 0.8 s), so
# each swept activation trains all of its narrow widths in one job (rule
# train_sweep_bundle), and each wider one in a job of its own.
BUNDLED_WIDTH = 50

# the keys of figures.gif that decide which iterations an animation shows (figures.pacing)
ANIMATION_PACING = ("stride", "seconds", "fps", "grid_points")
# each sweep seed draws its own samples from these data keys
DATA_KEYS = ("n_samples", "noise_sd", "train_range", "extrapolation_range", "grid_points")

# one cosine node trained longer (results/causes/<run>.npz): at cos's lr, and at
# causes.cos_slow_lr; write_claims hands each to the claims under its run's name
COS_LONGER_RUNS = ("cos_one_node", "cos_one_node_slow")

PROVENANCE = "results/provenance.json"
# the digests of what `figures` does not build (claims, sweep table, pages) and of
# provenance.json itself: a record of their own, so that `figures` needs no sweep
CLAIMS_PROVENANCE = "results/provenance_claims.json"
CLAIMS_SENSITIVITY = "results/claims_sensitivity.csv"
GALLERY = "results/index.html"
EXPLORER = "results/explorer.html"
# the report's copy: Chromium shows no page over 2 MB from a data URL, as the report's are
REPORT_EXPLORER = "results/report/explorer.html"
NETWORK_IN_REPORT = "results/report/network.svg"
CLAIMS_PAGE = "results/pages/claims.html"
# the pages a whole run writes for readers, all in the zip (the report's copy is not)
PAGES = (CLAIMS_PAGE, GALLERY, EXPLORER)
DRAW_SPREAD = "results/sensitivity/draws.csv"
SWEEP_TABLE = "results/sweep/sweep.csv"
LECTURE_PDF = "results/lecture/lecture.pdf"
LECTURE_HANDOUT = "results/lecture/handout.pdf"

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


class SweepVariant(NamedTuple):
    """One family of the sweep: an activation with parameter values, at some widths."""

    activation: str
    parameters: dict
    widths: list


def expand(patterns, **wildcards) -> list[str]:
    """Every pattern filled with every combination of the wildcards' values, pattern by
    pattern, the first wildcard varying slowest (the order of Snakemake's expand)."""
    names = list(wildcards)
    return [
        pattern.format(**dict(zip(names, values, strict=True)))
        for pattern in ([patterns] if isinstance(patterns, str) else patterns)
        for values in itertools.product(*wildcards.values())
    ]


# The order of these keys' entries means something: the article's order of the figures, of
# the report's sections and of the shape heatmap's targets. Every other mapping of the config
# is a set of named settings, whose order means nothing.
ORDERED_KEYS = ("activations", "targets")


def canonical(value):
    """``value`` with every mapping's keys sorted, recursively. Snakemake reruns a job when
    the text (repr) of one of its params changes, so two configs that mean the same (a
    --configfile restating keys in another order, a file written by yaml.safe_dump) must give
    params of the same text."""
    if isinstance(value, dict):
        return {key: canonical(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [canonical(item) for item in value]
    return value


def canonical_config(config: dict) -> dict:
    """The config as ``canonical`` makes it, except that the entries of ORDERED_KEYS keep
    their order (each entry's own keys are sorted)."""
    return {
        key: (
            {name: canonical(entry) for name, entry in value.items()}
            if key in ORDERED_KEYS
            else canonical(value)
        )
        for key, value in sorted(config.items())
    }


def number_text(x) -> str:
    """The shortest text of x that reads back as x: 1.0 -> 1, 0.1000001 stays distinct."""
    text = f"{x:g}"
    return text if float(text) == x else repr(float(x))


class Plan:
    """The answers one config gives. ``config`` must be checked and have its defaults.

    Every answer comes from the config made canonical (``canonical_config``), so that every
    dict param of a rule, all of which come from the plan, has one text per meaning."""

    def __init__(self, config: dict):
        config = self.config = canonical_config(config)
        self.activations = list(config["activations"])
        self.figure_formats = ["png"] + [f for f in config["figures"]["formats"] if f != "png"]
        # built-in targets, then the user's own; the shape sweep's are configurable
        self.target_names = list(dict.fromkeys([*TARGETS, *config["targets"]]))
        self.shape_targets = config["shapes"].get("targets") or self.target_names
        self.fourier_target = get_target(config["fourier"]["target"], config["targets"])
        self.swept = list(config["sweep"]["activations"])
        self.interventions = list(INTERVENTIONS)
        # what counts as a fit and as extrapolating, computed in one place
        self.criteria = Criteria(
            noise_variance=config["data"]["noise_sd"] ** 2,
            fit_factor=config["sweep"]["fit_factor"],
            extrapolation_factor=config["sweep"]["extrapolation_factor"],
            function_factor=config["sweep"]["function_factor"],
        )

    @property
    def criteria_settings(self) -> dict:
        """The criteria as a job's param (nnfit.model.criteria.Criteria(**settings))."""
        return dataclasses.asdict(self.criteria)

    def seeds(self, count: int) -> list[int]:
        """``count`` seeds from the config's root seed on."""
        return list(range(self.config["seed"], self.config["seed"] + count))

    def width(self, activation: str) -> int:
        """The article network's width: its entry's n_hidden."""
        return self.config["activations"][activation]["n_hidden"]

    # The article's networks and figures

    def figure_paths(self, stem: str) -> list[str]:
        """A static figure in every configured format, PNG first."""
        return [f"results/figures/{stem}.{ext}" for ext in self.figure_formats]

    def final_outputs(self) -> list[str]:
        """Every figure of the article, for every configured activation, and the metrics."""
        stems = ["network", "sinusoid", "{activation}", "{activation}_hidden"]
        stems.append("{activation}_extrapolation")
        patterns = [path for stem in stems for path in self.figure_paths(stem)]
        patterns += [
            "results/figures/{activation}_training.gif",
            "results/metrics/{activation}.json",
        ]
        return list(dict.fromkeys(expand(patterns, activation=self.activations)))

    def article_artifacts(self) -> list[str]:
        """What the article's figures are made from. Targets of `all` and `figures`, so that
        a file set aside as corrupt, or deleted by Snakemake as a failed job's output, is
        remade by the next plain run even when the figures made from it are still there."""
        patterns = ["results/data/train.npz", "results/models/{activation}.npz"]
        patterns += ["results/analysis/{activation}_hidden.npz"]
        patterns += ["results/analysis/{activation}_extrapolation.npz"]
        return expand(patterns, activation=self.activations)

    def training_settings(self, activation: str) -> dict:
        """How networks of an activation train, whatever their width: the defaults, then the
        entry's own lr and iterations."""
        entry = self.config["activations"][activation]
        own = {key: entry[key] for key in ("lr", "iterations") if key in entry}
        return {"seed": self.config["seed"], **self.config["training"], **own}

    def network_settings(self, activation: str) -> dict:
        """One article network: its width, then its training settings."""
        return {"n_hidden": self.width(activation), **self.training_settings(activation)}

    def activation_parameters(self, activation: str) -> dict:
        """The entry's values of its activation's parameters (snake's a); the rest keep
        their defaults."""
        parameters = get_activation(activation).parameters
        entry = self.config["activations"][activation]
        return {k: v for k, v in entry.items() if k in parameters}

    def activation_label(self, activation: str) -> str:
        return get_activation(activation, **self.activation_parameters(activation)).label

    def target_spec(self, name: str | None = None) -> dict:
        """A target's spec: ``name``'s, else the article's data.target."""
        return target_spec(name or self.config["data"]["target"], self.config["targets"])

    # The seed sweep

    @functools.cached_property
    def sweep_variants(self) -> dict[str, SweepVariant]:
        """Sweep families by name: each swept activation as configured, then Snake at each
        swept a (named snake-a<a>), at snake's width."""
        widths = self.config["sweep"]["widths"]
        variants = {
            name: SweepVariant(name, self.activation_parameters(name), widths)
            for name in self.swept
        }
        for a in self.config["sweep"]["snake_a"]:
            variants[f"snake-a{number_text(a)}"] = SweepVariant(
                "snake", {"a": a}, [self.width("snake")]
            )
        return variants

    @property
    def snake_a_variants(self) -> dict[str, float]:
        return {
            name: variant.parameters["a"]
            for name, variant in self.sweep_variants.items()
            if variant.activation == "snake" and name != "snake"
        }

    @property
    def bundled_widths(self) -> list[int]:
        return [w for w in self.config["sweep"]["widths"] if w <= BUNDLED_WIDTH]

    def sweep_runs(self, variants=None) -> list[str]:
        return [
            f"results/sweep/runs/{variant}/w{width}.npz"
            for variant in (variants or self.sweep_variants)
            for width in self.sweep_variants[variant].widths
        ]

    @property
    def deciding_seed_count(self) -> int:
        """Seeds of the cells that decide a claim: sweep.deciding_seeds, at least sweep.seeds."""
        return max(self.config["sweep"]["seeds"], self.config["sweep"]["deciding_seeds"])

    def deciding_width(self, variant: str) -> int | None:
        """The width at which a variant's batch decides claims: its activation's article
        width if it is swept (the claims grade it, and Snake's claim each a at snake's width;
        the other widths draw the curves)."""
        activation = self.sweep_variants[variant].activation
        width = self.width(activation)
        return width if width in self.sweep_variants[variant].widths else None

    def sweep_networks(self) -> int:
        """Rows of sweep.csv: one per seed of every batch, as the sweep jobs pick them."""
        return sum(
            len(batch_seeds(self.sweep_batch_params(variant), width))
            for variant, v in self.sweep_variants.items()
            for width in v.widths
        )

    def article_runs(self) -> dict[str, str]:
        """Each swept activation's batch at the width the article (and config) gives it."""
        return {
            name: f"results/sweep/runs/{name}/w{self.width(name)}.npz"
            for name in self.swept
            if self.width(name) in self.config["sweep"]["widths"]
        }

    def article_widths(self, names=None) -> dict[str, int]:
        return {name: self.width(name) for name in (self.activations if names is None else names)}

    def sweep_params(self, variant_name: str, change: dict | None = None) -> dict:
        """What one batch of a variant uses, and nothing else (an article network's width is
        not in it); ``change`` (nnfit.grading.sensitivity) overrides data, training and
        per-activation keys."""
        variant = self.sweep_variants[variant_name]
        change = change or {}
        data = {**self.config["data"], **change.get("data", {})}
        training = self.training_settings(variant.activation)
        training["iterations"] *= change.get("iterations_factor", 1)
        return {
            **training,
            **change.get("activations", {}).get(variant.activation, {}),
            "activation": variant.activation,
            "parameters": variant.parameters,
            "seeds": self.seeds(self.config["sweep"]["seeds"]),
            **{key: data[key] for key in DATA_KEYS},
            "criteria": self.criteria_settings,
            "target": self.target_spec(),
        }

    def sweep_batch_params(self, variant_name: str) -> dict:
        """A sweep job's settings: sweep_params, and the deciding cell's seeds (sweep.
        configured_batch trains those at that width)."""
        width = self.deciding_width(variant_name)
        deciding = {"width": width, "seeds": self.seeds(self.deciding_seed_count)}
        return {**self.sweep_params(variant_name), "deciding": deciding if width else None}

    def sweep_figures(self) -> list[str]:
        figures = ["reliability", "fourier"]
        # these are drawn at the article's widths: only if the sweep reaches one
        figures += ["extrapolation_summary", "convergence"] if self.article_runs() else []
        figures += ["dead_relu"] if "relu" in self.swept else []
        figures += ["snake_a"] if self.snake_a_variants else []
        return figures + ["claims_sensitivity"]

    def sweep_figure_position(self, stem: str) -> int:
        """Where a sweep figure comes in the report's Claims, after the claims table (1)."""
        return list(SWEEP_FIGURE_CAPTIONS).index(stem) + 2

    def claims_outputs(self) -> list[str]:
        """The claims table and the sweep's summary figures."""
        outputs = ["results/claims.md", "results/claims.json", CLAIMS_SENSITIVITY, SWEEP_TABLE]
        return outputs + [p for stem in self.sweep_figures() for p in self.figure_paths(stem)]

    # How the verdicts depend on our choices (nnfit.grading.sensitivity)

    def sensitivity_batches(self, change: dict) -> list[dict]:
        """The smaller sweep under one training setting: each variant whose batches it
        changes, with its settings and widths (SENSITIVITY_WIDTHS, and its article width if
        the sweep has it: claims read that batch); the others' batches are the main sweep's."""
        article = {name: self.width(name) for name in self.article_runs()}
        return [
            {
                "variant": name,
                "settings": self.sweep_params(name, change),
                "widths": sorted(set(widths) | ({article[name]} if name in article else set())),
            }
            for name, widths in SENSITIVITY_WIDTHS.items()
            if name in self.swept and self.sweep_params(name, change) != self.sweep_params(name)
        ]

    @functools.cached_property
    def sensitivity_settings(self) -> dict[str, tuple[str, dict]]:
        """Training settings a referee might choose instead of ours: each that differs from
        the config for some batch is a smaller sweep of its own (rule train_sensitivity)."""
        return {
            slug: (label, change)
            for slug, (label, change) in TRAINING_SETTINGS.items()
            if self.sensitivity_batches(change)
        }

    def retrained_cos(self) -> dict[str, bool]:
        """Whether each setting retrains the cosine batch the claims read."""
        return {
            label: "cos" in self.article_runs()
            and any(b["variant"] == "cos" for b in self.sensitivity_batches(change))
            for label, change in self.sensitivity_settings.values()
        }

    @property
    def draw_spread_networks(self) -> dict[str, int]:
        """The article networks whose rates one shared training set may decide."""
        return {name: self.width(name) for name in ("sigmoid", "relu", "cos") if name in self.swept}

    def draw_spread_batches(self) -> list[dict]:
        return [
            {"variant": name, "settings": self.sweep_params(name), "width": width}
            for name, width in self.draw_spread_networks.items()
        ]

    def draw_seeds(self) -> list[int]:
        return self.seeds(DATA_DRAWS)

    # The Fourier fits and the shape-match sweep

    def fourier_adam(self) -> dict:
        """Adam's settings for the Fourier fits: the training defaults, cos's own, fourier.lr."""
        settings = {**self.config["training"], **self.config["activations"].get("cos", {})}
        settings["lr"] = self.config["fourier"].get("lr", settings["lr"])
        return {key: settings[key] for key in ("lr", "beta1", "beta2", "eps")}

    def shape_params(self, activation: str) -> dict:
        """What one shape job uses: an activation as the claims sweep trains it."""
        return {
            **self.training_settings(activation),
            "activation": activation,
            "parameters": self.activation_parameters(activation),
            "seeds": self.seeds(self.config["sweep"]["seeds"]),
            **{key: self.config["data"][key] for key in DATA_KEYS},
            "criteria": self.criteria_settings,
        }

    def shape_runs(self) -> list[str]:
        return expand(
            "results/shapes/runs/{activation}/{target}.npz",
            activation=self.swept,
            target=self.shape_targets,
        )

    def shapes_outputs(self) -> list[str]:
        outputs = ["results/shapes/shape_match.csv", "results/shapes/claims.md"]
        return outputs + self.figure_paths("shape_match")

    # The causes experiment: its ReLU part needs relu in the sweep, its cosine part cos, as
    # the claims they grade do.

    def relu_intervention_runs(self) -> list[str]:
        if "relu" not in self.swept:
            return []
        return expand(
            "results/causes/relu/{intervention}/w{width}.npz",
            intervention=INTERVENTIONS,
            width=self.config["causes"]["relu_widths"],
        )

    def cos_longer_runs(self) -> list[str]:
        """One cosine node trained longer at cos's lr and at causes.cos_slow_lr."""
        return (
            expand("results/causes/{run}.npz", run=COS_LONGER_RUNS) if "cos" in self.swept else []
        )

    def causes_runs(self) -> list[str]:
        return self.relu_intervention_runs() + self.cos_longer_runs()

    def causes_settings(self, activation: str) -> dict:
        """What a causes job uses: the sweep's seeds, data, target and criteria, and the
        activation's training settings (its lr and iterations as the sweep trains it)."""
        data = self.config["data"]
        return {
            **self.training_settings(activation),
            "seeds": self.seeds(self.deciding_seed_count),
            **{key: data[key] for key in ("n_samples", "noise_sd", "train_range", "grid_points")},
            "criteria": self.criteria_settings,
            "target": self.target_spec(),
        }

    def intervention_settings(self) -> dict:
        causes = self.config["causes"]
        return {
            **self.causes_settings("relu"),
            "leaky_slope": causes["leaky_slope"],
            "record_every": causes["record_every"],
        }

    def cos_longer_settings(self, run: str) -> dict:
        # one node: the claim is about the smallest cosine network
        settings = {
            **self.causes_settings("cos"),
            "width": 1,
            "checkpoints": self.config["causes"]["cos_iterations"],
        }
        if run not in COS_LONGER_RUNS:
            raise ValueError(f"unknown run {run!r}; known: {', '.join(COS_LONGER_RUNS)}")
        if run == "cos_one_node_slow":
            settings["lr"] = self.config["causes"]["cos_slow_lr"]
        return settings

    # Tuning (snakemake tune): the training range and learning rates, chosen on seeds that
    # no claim is graded on

    def graded_seeds(self) -> range:
        """Every seed a graded run uses: the sweep, causes and shapes share the sweep's, the
        Fourier fits, Snake's paper setting and the data draws start at the same root."""
        counts = (
            self.deciding_seed_count,
            self.config["fourier"]["seeds"],
            self.config["snake_paper"]["seeds"],
            DATA_DRAWS,
        )
        return range(self.config["seed"], self.config["seed"] + max(counts))

    def tuning_seeds(self) -> list[int]:
        """The tuning seeds, refused where they meet a graded seed."""
        tuning = self.config["tuning"]
        seeds = range(tuning["first_seed"], tuning["first_seed"] + tuning["seeds"])
        graded = self.graded_seeds()
        if seeds.start < graded.stop and graded.start < seeds.stop:
            raise ValueError(
                f"tuning.first_seed: tuning seeds {seeds.start}..{seeds.stop - 1} overlap the "
                f"seeds the claims are graded on ({graded.start}..{graded.stop - 1}); choose a "
                f"first_seed of at least {graded.stop}"
            )
        return list(seeds)

    @property
    def tuning_ranges(self) -> dict[str, float]:
        """Each candidate training range's half-width, by the name its files carry."""
        return {number_text(h): h for h in self.config["tuning"]["half_ranges"]}

    def tuning_runs(self) -> list[str]:
        return expand(
            "results/tuning/runs/{half_range}/{activation}.npz",
            half_range=self.tuning_ranges,
            activation=self.swept,
        )

    def tuning_settings(self, half_range: str, activation: str) -> dict:
        """One tuning job: an activation's article network as the sweep trains it, on the
        tuning seeds and a candidate range, at every candidate learning rate."""
        half = self.tuning_ranges[half_range]
        return {
            **self.sweep_params(activation),
            "seeds": self.tuning_seeds(),
            "train_range": [-half, half],
            "extrapolation_range": [-3 * half, 3 * half],
            "width": self.width(activation),
            "lrs": list(self.config["tuning"]["lrs"]),
        }

    def configured_choices(self) -> dict:
        """What config.yaml uses now, to set beside what tuning chooses."""
        return {
            "train_range": list(self.config["data"]["train_range"]),
            "lr": {name: self.training_settings(name)["lr"] for name in self.swept},
        }

    # The lecture pack (nnfit.figures.slides, drawn by nnfit.figures.lecture)

    @property
    def lecture_networks(self) -> list[str]:
        """The article's networks the config trains, in the article's order."""
        return story(self.activations)

    def lecture_slides(self) -> list[str]:
        """The slides' PNGs, numbered in the story's order."""
        names = slide_names(self.activations)
        return [f"results/lecture/{k:02d}-{name}.png" for k, name in enumerate(names, start=1)]

    def lecture_outputs(self) -> list[str]:
        return self.lecture_slides() + [LECTURE_PDF, LECTURE_HANDOUT]

    # Publishing

    def artifact_files(self) -> list[str]:
        """What the CI artifact zip packs: every figure, the claims, and the gallery with the
        claims page and the explorer it links (paths in the zip are those under results/, so
        the links hold)."""
        records = [PROVENANCE, CLAIMS_PROVENANCE]
        files = self.final_outputs() + records + self.claims_outputs() + list(PAGES)
        return list(dict.fromkeys(files))

    def claims_recorded(self) -> list[str]:
        """What provenance_claims.json records the digests of: the claims and their figures,
        the pages, and provenance.json (the rest of the zip is in provenance.json)."""
        pages = [*PAGES, REPORT_EXPLORER]
        return list(dict.fromkeys(self.claims_outputs() + pages + [PROVENANCE]))

    def explorer_inputs(self) -> dict[str, list[str]]:
        """What the explorer page shows: every article network's history and metrics, the
        training set, and the sweep's batch at each network's width where the sweep has one."""
        return {
            "models": expand("results/models/{activation}.npz", activation=self.activations),
            "metrics": expand("results/metrics/{activation}.json", activation=self.activations),
            "batches": list(self.article_runs().values()),
            "data": ["results/data/train.npz"],
        }

    def explorer_params(self) -> dict:
        """The explorer job's settings: which batch is whose, and how each seed drew its
        samples (the sweep's seeds, data keys and target; no seeds if no batch)."""
        swept = list(self.article_runs())
        samples = {key: self.config["data"][key] for key in DATA_KEYS}
        return {
            "activations": self.activations,
            "swept": swept,
            "samples": {
                **samples,
                "seeds": self.seeds(self.config["sweep"]["seeds"]) if swept else [],
                "target": self.target_spec(),
            },
            "criteria": self.criteria_settings,
            # the report's copy holds the iterations each training animation shows
            "animation": {key: self.config["figures"]["gif"][key] for key in ANIMATION_PACING},
        }

    def verified_files(self) -> list[str]:
        """What ``snakemake verify`` checks: everything the zip ships, the report's explorer,
        and the article's training set, models and analyses."""
        files = self.artifact_files() + [REPORT_EXPLORER] + self.article_artifacts()
        return list(dict.fromkeys(files))

    def gallery_sections(self) -> list[dict]:
        """The gallery's sections in the article's order, figure paths relative to results/."""

        def png(stem):
            return f"figures/{stem}.png"

        n_samples = self.config["data"]["n_samples"]
        sections = [
            {
                "title": "The network and the data",
                "figures": [
                    [
                        png("network"),
                        "One input, one hidden layer, one output: y = sum v_i h_i + c.",
                    ],
                    [png("sinusoid"), f"sin(x) and the {n_samples} noisy training samples."],
                ],
            }
        ]
        for name in self.activations:
            label, width = self.activation_label(name), self.width(name)
            sections.append(
                {
                    "title": f"{label}, {width} hidden nodes",
                    "activation": name,  # how typical its network is, from the sweep
                    "figures": [
                        [png(name), f"The activation function f of the {label} network."],
                        [
                            f"figures/{name}_training.gif",
                            "Training, from the untrained network (iteration 0) to the last step.",
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
        sweep_figures = self.sweep_figures()
        sections.append(
            {
                "title": "The claims, measured over many seeds",
                "claims": True,
                "figures": [
                    [png(stem), caption]
                    for stem, caption in SWEEP_FIGURE_CAPTIONS.items()
                    if stem in sweep_figures
                ],
            }
        )
        return sections
