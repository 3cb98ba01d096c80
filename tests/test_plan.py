"""The plan (nnfit.plan) on small configs, without running Snakemake: what is trained and
drawn follows from the config as the README describes it."""

import copy
import math
from pathlib import Path

import pytest
from snakemake.io import expand as snakemake_expand
from snakemake.utils import validate

from conftest import DEFAULT_CONFIG, REPO, small_config, tiny_config
from nnfit.experiments.sweep import batch_seeds
from nnfit.plan import BUNDLED_WIDTH, COS_LONGER_RUNS, Plan, expand, number_text

SCHEMA = REPO / "workflow/schemas/config.schema.yaml"


def plan_of(config: dict) -> Plan:
    """The plan of a config with the schema's defaults filled in, as the workflow makes it."""
    config = copy.deepcopy(config)
    validate(config, str(SCHEMA))
    return Plan(config)


@pytest.fixture(scope="module")
def default() -> Plan:
    return plan_of(DEFAULT_CONFIG)


def test_expand_orders_paths_as_snakemake_does():
    patterns = ["a/{x}/{y}.npz", "b/{x}-{y}"]
    wildcards = {"x": ["relu", "cos"], "y": [1, 20, 3]}
    assert expand(patterns, **wildcards) == snakemake_expand(patterns, **wildcards)
    assert expand("c/{x}", x=["one"]) == ["c/one"]


@pytest.mark.parametrize("x", [1.0, 0.2, 5.0, 0.1000001, 1e-7, 12345678.9])
def test_number_text_reads_back_as_the_number(x):
    assert float(number_text(x)) == x
    assert number_text(1.0) == "1"


def test_the_default_sweep_trains_every_swept_width_and_each_snake_a(default):
    sweep = DEFAULT_CONFIG["sweep"]
    runs = default.sweep_runs()
    expected = len(sweep["activations"]) * len(sweep["widths"]) + len(sweep["snake_a"])
    assert len(runs) == len(set(runs)) == expected
    # each swept activation's article width is a deciding cell, with its own many seeds
    deciding = len(sweep["activations"]) + len(sweep["snake_a"])  # and each of Snake's a
    extra = deciding * (sweep["deciding_seeds"] - sweep["seeds"])
    assert default.sweep_networks() == expected * sweep["seeds"] + extra
    assert set(default.snake_a_variants.values()) == set(sweep["snake_a"])
    assert all(name.startswith("snake-a") for name in default.snake_a_variants)
    assert default.bundled_widths == [w for w in sweep["widths"] if w <= BUNDLED_WIDTH]


def test_the_cells_that_decide_a_claim_train_more_seeds_than_the_curves(default):
    sweep = DEFAULT_CONFIG["sweep"]
    relu = default.sweep_batch_params("relu")
    article = DEFAULT_CONFIG["activations"]["relu"]["n_hidden"]
    assert batch_seeds(relu, article) == list(range(sweep["deciding_seeds"]))
    assert batch_seeds(relu, 20) == list(range(sweep["seeds"]))
    assert batch_seeds(default.sweep_batch_params("relu"), 50) == list(range(sweep["seeds"]))
    snake = DEFAULT_CONFIG["activations"]["snake"]["n_hidden"]  # each a decides Snake's claim
    assert len(batch_seeds(default.sweep_batch_params("snake-a5"), snake)) == 400
    assert default.causes_settings("relu")["seeds"] == list(range(sweep["deciding_seeds"]))
    # the tuning and the retrained settings stay at sweep.seeds
    assert "deciding" not in default.sensitivity_batches({"iterations_factor": 3})[0]["settings"]
    assert not set(default.tuning_seeds()) & set(default.graded_seeds())
    assert default.graded_seeds().stop >= sweep["deciding_seeds"]
    config = copy.deepcopy(DEFAULT_CONFIG)
    config["sweep"]["deciding_seeds"] = 10  # fewer than sweep.seeds: sweep.seeds
    fewer = plan_of(config)
    assert batch_seeds(fewer.sweep_batch_params("relu"), article) == list(range(sweep["seeds"]))


def test_a_batch_trains_as_its_activation_is_configured(default):
    for name, entry in DEFAULT_CONFIG["activations"].items():
        params = default.sweep_params(name)
        assert params["lr"] == entry.get("lr", DEFAULT_CONFIG["training"]["lr"])
        assert params["activation"] == name
        seed, count = DEFAULT_CONFIG["seed"], DEFAULT_CONFIG["sweep"]["seeds"]
        assert params["seeds"] == list(range(seed, seed + count))
        assert "n_hidden" not in params  # a width change does not retrain the sweep
    assert default.sweep_params("snake-a5")["parameters"] == {"a": 5.0}


def test_a_training_setting_is_planned_only_where_it_changes_a_batch():
    config = small_config()
    config["activations"]["relu"]["lr"] = 0.05
    plan = plan_of(config)
    # ReLU lr 0.05 is the configured one: no smaller sweep for it, the other two remain
    assert "relu-lr-0.05" not in plan.sensitivity_settings
    assert {"relu-lr-0.01", "relu-lr-0.1"} <= set(plan.sensitivity_settings)
    label, change = plan.sensitivity_settings["relu-lr-0.1"]
    batches = plan.sensitivity_batches(change)
    assert [b["variant"] for b in batches] == ["relu"]
    assert batches[0]["settings"]["lr"] == 0.1
    iterations = plan.sensitivity_batches(plan.sensitivity_settings["iterations-x3"][1])
    assert all(b["settings"]["iterations"] == 3 * 20 for b in iterations)


def test_the_causes_runs_follow_the_swept_activations():
    both = plan_of(small_config())
    assert both.cos_longer_runs() == [
        "results/causes/cos_one_node.npz",
        "results/causes/cos_one_node_slow.npz",
    ]
    assert len(both.relu_intervention_runs()) == len(both.interventions) * 1  # widths [3]
    assert "dead_relu" in both.sweep_figures()
    sigmoid = plan_of(tiny_config("sigmoid"))
    assert sigmoid.causes_runs() == [] and sigmoid.cos_longer_runs() == []
    assert "dead_relu" not in sigmoid.sweep_figures()
    longer = both.cos_longer_settings("cos_one_node")
    assert longer["width"] == 1 and longer["checkpoints"] == [10, 20]
    slow = both.cos_longer_settings("cos_one_node_slow")
    assert slow == longer | {"lr": 0.005}  # the schema's default; all else the same
    assert longer["lr"] == both.network_settings("cos")["lr"]


def test_article_runs_only_at_widths_the_sweep_has():
    config = small_config()  # sweep widths [1, 3]
    plan = plan_of(config)
    assert set(plan.article_runs()) == {"cos", "snake"}  # widths 3; sigmoid 10, relu 100 not
    assert plan.draw_spread_networks == {"sigmoid": 10, "relu": 100, "cos": 3}
    config["sweep"]["widths"] = [2]
    narrow = plan_of(config)
    assert narrow.article_runs() == {}
    assert "convergence" not in narrow.sweep_figures()


def test_every_figure_the_gallery_shows_is_built(default):
    built = {Path(path).relative_to("results").as_posix() for path in default.artifact_files()}
    shown = [f for section in default.gallery_sections() for f, _ in section["figures"]]
    assert shown and set(shown) <= built
    titles = [section["title"] for section in default.gallery_sections()]
    assert len(titles) == len(DEFAULT_CONFIG["activations"]) + 2


def test_figures_come_in_every_configured_format_png_first():
    config = small_config()
    config["figures"]["formats"] = ["svg", "png", "pdf"]
    plan = plan_of(config)
    assert plan.figure_paths("cos_hidden") == [
        "results/figures/cos_hidden.png",
        "results/figures/cos_hidden.svg",
        "results/figures/cos_hidden.pdf",
    ]
    outputs = plan.final_outputs()
    assert len(outputs) == len(set(outputs))
    assert "results/figures/network.svg" in outputs


def test_the_plan_reads_its_config_and_never_changes_it():
    config = small_config()
    validate(config, str(SCHEMA))
    before = copy.deepcopy(config)
    plan = Plan(config)
    for name in plan.sweep_variants:
        plan.sweep_params(name)
    for _, change in plan.sensitivity_settings.values():
        plan.sensitivity_batches(change)
    plan.gallery_sections(), plan.artifact_files(), plan.shape_runs()
    assert config == before


def test_fourier_fits_use_cos_settings_and_their_own_rate(default):
    adam = default.fourier_adam()
    assert adam["lr"] == DEFAULT_CONFIG["fourier"]["lr"]
    assert set(adam) == {"lr", "beta1", "beta2", "eps"}
    assert math.isclose(adam["beta2"], DEFAULT_CONFIG["training"]["beta2"])


def test_the_explorer_shows_every_network_and_the_seeds_the_sweep_has(default):
    inputs, params = default.explorer_inputs(), default.explorer_params()
    names = list(DEFAULT_CONFIG["activations"])
    assert inputs["models"] == [f"results/models/{name}.npz" for name in names]
    assert params["activations"] == names
    # one batch per swept network, at its article width, in the order the script pairs them
    assert inputs["batches"] == [default.article_runs()[name] for name in params["swept"]]
    assert inputs["batches"][params["swept"].index("relu")] == "results/sweep/runs/relu/w100.npz"
    assert params["samples"]["seeds"] == list(range(DEFAULT_CONFIG["sweep"]["seeds"]))


def test_the_explorer_of_a_sweep_without_the_article_widths_has_no_seeds():
    config = small_config()
    config["sweep"]["widths"] = [2]  # no article network has 2 nodes
    plan = plan_of(config)
    assert plan.explorer_inputs()["batches"] == []
    assert plan.explorer_params()["swept"] == []
    assert plan.explorer_params()["samples"]["seeds"] == []


def test_tuning_runs_on_seeds_no_claim_is_graded_on(default):
    tuning = default.tuning_seeds()
    assert len(tuning) == DEFAULT_CONFIG["tuning"]["seeds"]
    assert not set(tuning) & set(default.graded_seeds())
    settings = default.tuning_settings("5", "relu")
    assert settings["train_range"] == [-5.0, 5.0] and settings["width"] == 100
    assert settings["seeds"] == tuning and settings["lrs"] == DEFAULT_CONFIG["tuning"]["lrs"]
    runs = default.tuning_runs()
    assert len(runs) == len(DEFAULT_CONFIG["tuning"]["half_ranges"]) * len(default.swept)


def test_tuning_seeds_that_meet_a_graded_seed_are_refused_naming_the_key():
    config = small_config()
    config["tuning"] = {"first_seed": config["seed"] + 1}
    with pytest.raises(ValueError, match="tuning.first_seed"):
        plan_of(config).tuning_seeds()


def test_the_lecture_tells_the_story_of_the_configured_networks_in_order(default):
    story = ["sigmoid", "sigmoid_nodes", "relu", "relu_nodes", "cos", "cos_nodes"]
    names = ["title", "network", "data", *story, "extrapolation"]
    names += ["nodes_claims", "extrapolation_claims"]
    slides = [f"results/lecture/{k:02d}-{name}.png" for k, name in enumerate(names, start=1)]
    assert default.lecture_slides() == slides
    pdfs = ["results/lecture/lecture.pdf", "results/lecture/handout.pdf"]
    assert default.lecture_outputs() == slides + pdfs
    assert default.lecture_networks == ["sigmoid", "relu", "cos"]


def test_a_network_the_config_lacks_has_no_slides():
    # the config's order is not the story's: the slides keep the article's
    without_relu = plan_of(tiny_config("cos", "snake", "sigmoid"))
    assert without_relu.lecture_networks == ["sigmoid", "cos"]
    assert [Path(p).stem for p in without_relu.lecture_slides()][3:8] == [
        "04-sigmoid",
        "05-sigmoid_nodes",
        "06-cos",
        "07-cos_nodes",
        "08-extrapolation",
    ]
    none_of_them = plan_of(tiny_config("snake"))
    assert [Path(p).stem for p in none_of_them.lecture_slides()] == [
        "01-title",
        "02-network",
        "03-data",
        "04-nodes_claims",
        "05-extrapolation_claims",
    ]


def test_each_setting_that_retrains_the_cosine_retrains_its_article_width():
    """The cosine's article width (5) outside the sensitivity widths (1 to 3): the claims read
    its batch at 5 under every setting (tests/test_workflow.py runs this with -m long)."""
    config = small_config()
    config["activations"] = {"cos": config["activations"]["cos"] | {"n_hidden": 5}}
    config["sweep"] |= {"activations": ["cos"], "snake_a": [], "widths": [1, 5]}
    plan = plan_of(config)
    labels = {label for label, _ in plan.sensitivity_settings.values()}
    assert "range [-5, 5]" in labels
    for label, change in plan.sensitivity_settings.values():
        (batch,) = plan.sensitivity_batches(change)
        assert batch["variant"] == "cos" and batch["widths"] == [1, 2, 3, 5], label


def reordered(value):
    """``value`` with every mapping's keys in reverse order, recursively."""
    if isinstance(value, dict):
        return {key: reordered(value[key]) for key in reversed(list(value))}
    return [reordered(item) for item in value] if isinstance(value, list) else value


def every_param(plan: Plan) -> list:
    """What the plan gives the rules as params, in the text Snakemake compares (repr)."""
    params = [plan.network_settings(name) for name in plan.activations]
    params += [plan.activation_parameters(name) for name in plan.activations]
    params += [plan.target_spec(name) for name in plan.target_names]
    params += [plan.sweep_params(name) for name in plan.sweep_variants]
    params += [plan.sensitivity_batches(change) for _, change in plan.sensitivity_settings.values()]
    params += [plan.shape_params(name) for name in plan.swept]
    params += [plan.intervention_settings(), plan.fourier_adam()]
    params += [plan.cos_longer_settings(run) for run in COS_LONGER_RUNS]
    params += [plan.draw_spread_batches(), plan.gallery_sections(), plan.article_widths()]
    return [repr(param) for param in params]


def test_a_config_in_another_key_order_gives_params_of_the_same_text():
    config = small_config()
    config["targets"] = {"chord": [[1.0, 1.0, 0.0]], "packet": {"expression": "x", "label": "p"}}
    shuffled = reordered(config)
    # the order of the activations and of the targets is the order of the figures: kept
    shuffled["activations"] = {
        name: shuffled["activations"][name] for name in config["activations"]
    }
    shuffled["targets"] = {name: shuffled["targets"][name] for name in config["targets"]}
    assert repr(shuffled) != repr(config)
    assert every_param(plan_of(shuffled)) == every_param(plan_of(config))
    # and the plan's answers are the config's own, only their order differs
    assert plan_of(shuffled).network_settings("cos") == plan_of(config).network_settings("cos")


def test_the_order_of_the_activations_is_kept():
    config = small_config()
    config["activations"] = dict(reversed(config["activations"].items()))
    assert plan_of(config).activations == list(config["activations"])
