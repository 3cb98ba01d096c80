"""Configs generated from the schema itself: each runs to the end with every output, or is
refused before any job with a message naming a key. Never a job's traceback.

The default run dry-runs a handful (seconds). `pytest -m long tests/test_properties.py` runs
the whole workflow on NNFIT_PROPERTY_EXAMPLES generated configs (default 30, about a minute
each); NNFIT_PROPERTY_LOG=path.jsonl records each config and its outcome.
"""

import copy
import json
import os
import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from conftest import REPO, run_workflow
from nnfit.model.activations import ACTIVATIONS
from nnfit.model.targets import TARGETS
from nnfit.publish.config import NETWORK_KEYS

SCHEMA = yaml.safe_load((REPO / "workflow/schemas/config.schema.yaml").read_text())
REFUSAL = re.compile(r"invalid configuration \(from [^)]*\):\n\s+- [\w.\[\]]+")


def capped(schema: dict, path: str, **bounds) -> None:
    """Tighten the schema at a dotted path of properties ($defs first if it starts there)."""
    node = schema
    for key in path.split("."):
        node = node[key] if key in ("$defs", "items") else node["properties"][key]
    node.update(bounds)


def small_schema() -> dict:
    """The real schema, every size shrunk so that a whole run takes about a minute; values
    that cost no time (learning rates, ranges, factors, noise, fps) keep their full span."""
    schema = copy.deepcopy(SCHEMA)
    names = sorted(ACTIVATIONS)
    target_names = ["harmonics", "pure", "sine"]
    for path, bounds in {
        "seed": {"maximum": 5},
        "data.n_samples": {"maximum": 20},
        "data.grid_points": {"maximum": 40},
        "training.iterations": {"maximum": 6},
        "activations": {"maxProperties": 2, "propertyNames": {"enum": names}},
        "sweep.seeds": {"maximum": 2},
        "sweep.widths": {"maxItems": 2},
        "sweep.widths.items": {"maximum": 4},
        "sweep.activations": {"maxItems": 2},
        "sweep.activations.items": {"enum": names},
        "sweep.snake_a": {"maxItems": 1},
        "targets": {"maxProperties": 2, "propertyNames": {"enum": target_names}},
        "causes.relu_widths": {"maxItems": 2},
        "causes.relu_widths.items": {"maximum": 4},
        "causes.cos_iterations": {"maxItems": 2},
        "causes.cos_iterations.items": {"maximum": 6},
        "fourier.target": {"enum": target_names},
        "fourier.n_hidden": {"maximum": 4},
        "fourier.seeds": {"maximum": 2},
        "fourier.iterations": {"maximum": 6},
        "figures.dpi": {"maximum": 40},
        "figures.network_hidden": {"maximum": 12},
        "figures.gif.stride": {"maximum": 3},
        "figures.gif.dpi": {"maximum": 30},
        "figures.gif.grid_points": {"maximum": 20},
    }.items():
        capped(schema, path, **bounds)
    schema["properties"]["targets"]["additionalProperties"]["maxItems"] = 3
    network = schema["$defs"]["network"]["properties"]
    network["n_hidden"]["maximum"] = 4
    schema["$defs"]["iterations"]["maximum"] = 6
    return schema


@st.composite
def configs(draw):
    """Configs from the small schema. Most are then mended, one consistency rule at a time,
    where the schema alone cannot say it (sweep.activations among activations, ranges in
    order...): unmended, nearly every config is refused and the runs are never reached."""
    config = draw(from_schema(small_schema()))

    def mend() -> bool:
        return draw(st.integers(0, 9)) > 0

    activations = config["activations"]
    if mend():
        for name, entry in activations.items():
            takes = ACTIVATIONS[name].parameters if name in ACTIVATIONS else {}
            for key in [key for key in entry if key not in (*NETWORK_KEYS, *takes)]:
                entry.pop(key)
    sweep = config["sweep"]
    if mend():
        sweep["activations"] = [n for n in sweep["activations"] if n in activations]
        sweep["activations"] = sweep["activations"] or [next(iter(activations))]
    if mend() and "snake" not in sweep["activations"]:
        sweep.pop("snake_a", None)
    targets = config.setdefault("targets", {})
    if mend():
        for name in [n for n, entry in targets.items() if n in TARGETS or isinstance(entry, dict)]:
            targets.pop(name)  # a built-in's name is refused; random text is no expression
        for name, terms in list(targets.items()):
            frequencies = {abs(f) or 1.0: [abs(f) or 1.0, abs(a) or 1.0, p] for f, a, p in terms}
            targets[name] = list(frequencies.values())
    if mend():
        config["fourier"]["target"] = draw(st.sampled_from(sorted([*targets, "harmonics"])))
    causes = config.get("causes", {})
    if mend() and "cos_slow_lr" in causes:  # below cos's own rate, as the check asks
        cos_lr = activations.get("cos", {}).get("lr", config["training"].get("lr", 0.05))
        causes["cos_slow_lr"] = min(causes["cos_slow_lr"], cos_lr / 2)
    data = config["data"]
    if mend():  # in order, and the extrapolation range reaching beyond, all within +-1e6
        low, high = sorted(max(-3e5, min(3e5, end)) for end in data["train_range"])
        high = high if high > low else low + 1.0
        e_low, e_high = sorted(data["extrapolation_range"])
        e_low, e_high = min(e_low, 2 * low - high), max(e_high, 2 * high - low)
        data["train_range"] = [low, high]
        data["extrapolation_range"] = [max(e_low, -1e6), min(e_high, 1e6)]
    return config


CONFIGS = configs()


def outcome(workdir: Path, config: dict, *args: str) -> tuple[str, str]:
    """("ran" | "refused" | "broken", detail) for one config."""
    run = run_workflow(workdir, config, *args)
    said = run.stdout + run.stderr  # a dry run prints its errors to stdout
    if run.returncode != 0:
        refusal = REFUSAL.search(said)
        if refusal and "Error in rule" not in said and not (workdir / "results").exists():
            return "refused", refusal.group(0).splitlines()[-1].strip()
        return "broken", said[-3000:]
    if "--dry-run" in args:
        return "ran", "dry run"
    again = run_workflow(workdir, config, "--dry-run")
    if "Nothing to be done" not in again.stdout + again.stderr:
        return "broken", "outputs missing after a successful run:\n" + again.stdout[-3000:]
    return "ran", "every output present"


def survey(*args: str):
    """Run each generated config, collect every broken one, fail once at the end with all."""
    broken, counts = [], {"ran": 0, "refused": 0, "broken": 0}
    log = os.environ.get("NNFIT_PROPERTY_LOG")

    def check(config):
        with tempfile.TemporaryDirectory() as tmp:
            kind, detail = outcome(Path(tmp), config, *args)
        counts[kind] += 1
        if kind == "broken":
            broken.append((config, detail))
        if log:
            with open(log, "a") as handle:
                handle.write(json.dumps({"outcome": kind, "detail": detail, "config": config}))
                handle.write("\n")

    return check, broken, counts


COMMON = {
    "deadline": None,
    "database": None,
    "suppress_health_check": list(HealthCheck),
    "phases": [Phase.explicit, Phase.generate],  # every failure is collected, none shrunk
}


def test_generated_configs_are_accepted_or_refused_naming_a_key():
    check, broken, counts = survey("--dry-run")
    given(CONFIGS)(settings(max_examples=6, derandomize=True, **COMMON)(check))()
    assert not broken, broken
    assert counts["ran"] + counts["refused"] == 6


@pytest.mark.long(
    reason="a whole run each; by default test_generated_configs_are_accepted_or_refused_naming_"
    "a_key dry-runs six generated configs"
)
def test_generated_configs_run_to_the_end_or_are_refused_before_any_job():
    examples = int(os.environ.get("NNFIT_PROPERTY_EXAMPLES", "30"))
    check, broken, counts = survey()
    given(CONFIGS)(settings(max_examples=examples, **COMMON)(check))()
    print(counts)
    assert not broken, "\n\n".join(f"{json.dumps(c)}\n{d}" for c, d in broken)
