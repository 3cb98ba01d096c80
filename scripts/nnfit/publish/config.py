"""Config validation with messages that name the key, the problem and the file it came from."""

import copy
import difflib
import math
import tempfile
from pathlib import Path

import jsonschema
import yaml

from nnfit.grading.sensitivity import TRAINING_SETTINGS
from nnfit.model.activations import ACTIVATIONS
from nnfit.model.expressions import excerpt
from nnfit.model.targets import (
    FIGURE_POINTS,
    TARGETS,
    TargetError,
    finite_problem,
    get_target,
    user_target,
)
from nnfit.publish.budget import budget_problems


class ConfigError(ValueError):
    pass


def _key_path(path) -> str:
    return ".".join(str(p) for p in path) or "(top level)"


def _did_you_mean(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _is_integer(checker, instance) -> bool:
    # JSON Schema counts 30.0 as an integer; nnfit's counts index arrays and name files
    # (w2.npz, not w2.0.npz), so only a written integer is one.
    return isinstance(instance, int) and not isinstance(instance, bool)


def _validator(schema: dict):
    base = jsonschema.validators.validator_for(schema)
    strict = jsonschema.validators.extend(
        base, type_checker=base.TYPE_CHECKER.redefine("integer", _is_integer)
    )
    return strict(schema)


def _describe(error: jsonschema.ValidationError) -> list[tuple[tuple, str]]:
    # of oneOf's branches, the one of the value's type: its own complaint is the clearer
    typed = [e for e in error.context or () if e.validator != "type"]
    if error.validator == "oneOf" and typed:
        return _describe(max(typed, key=lambda e: len(e.absolute_path)))
    path = tuple(error.absolute_path)
    where = _key_path(path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = error.schema.get("properties", {})
        return [
            ((*path, key), f"{where}: unknown key {key!r}{_did_you_mean(key, allowed)}")
            for key in error.instance
            if key not in allowed
        ]
    if error.validator == "pattern":  # a name (workflow/schemas: $defs/name)
        reason = error.schema.get("description", f"must match {error.validator_value}")
        return [(path, f"{where}: {excerpt(str(error.instance))} is not a name. {reason}")]
    if error.validator == "required":
        missing = error.message.split("'")[1]
        return [(path, f"{where}: missing required key {missing!r}")]
    message = error.message
    shown = repr(error.instance)
    if len(shown) > 80:  # a 20,000-term expression is not repeated back
        message = message.replace(shown, excerpt(shown))
    return [(path, f"{where}: {message}")]


def _non_finite(value, path=()) -> list[tuple[tuple, str]]:
    """Every inf or nan in the config: the schema's bounds let them through."""
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in _non_finite(item, (*path, key))]
    if isinstance(value, list):
        return [p for i, item in enumerate(value) for p in _non_finite(item, (*path, i))]
    if isinstance(value, float) and not math.isfinite(value):
        return [(path, f"{_key_path(path)}: {value} is not a finite number")]
    return []


def _range_problems(config: dict) -> list[tuple[tuple, str]]:
    data = config["data"]
    problems = [
        (("data", key), f"data.{key}: low must be below high, got {data[key]}")
        for key in ("train_range", "extrapolation_range")
        if not data[key][0] < data[key][1]
    ]
    if problems:
        return problems
    (t_lo, t_hi), (e_lo, e_hi) = data["train_range"], data["extrapolation_range"]
    if not (e_lo < t_lo and t_hi < e_hi):  # so that both ends of its grid lie beyond
        return [
            (
                ("data", "extrapolation_range"),
                f"data.extrapolation_range {data['extrapolation_range']} must reach beyond "
                f"data.train_range {data['train_range']} on both sides",
            )
        ]
    return []


def _causes_problems(config: dict) -> list[tuple[tuple, str]]:
    """The slow one-node run must train more slowly than cos itself, or it tests nothing new."""
    if "cos" not in config["sweep"]["activations"]:
        return []
    slow = config["causes"]["cos_slow_lr"]
    lr = config["activations"]["cos"].get("lr", config["training"]["lr"])
    if slow < lr:
        return []
    return [
        (
            ("causes", "cos_slow_lr"),
            f"causes.cos_slow_lr: {slow:g} must be below cos's learning rate ({lr:g}), so "
            "that the second one-node run trains more slowly than the first",
        )
    ]


def _harmonic_problems(name: str, terms) -> list[tuple[tuple, str]]:
    problems = []
    for i, (frequency, amplitude, _) in enumerate(terms):
        if frequency <= 0 or amplitude <= 0:
            problems.append(
                (
                    ("targets", name, i),
                    f"targets.{name}[{i}]: frequency and amplitude must be positive, got "
                    f"{[frequency, amplitude]} (a negative amplitude is the phase plus pi)",
                )
            )
    frequencies = [term[0] for term in terms]
    if len(set(frequencies)) < len(frequencies):
        problems.append(
            (
                ("targets", name),
                f"targets.{name}: two terms share a frequency; they add into one harmonic, "
                "so write them as one term",
            )
        )
    return problems


NETWORK_KEYS = ("n_hidden", "lr", "iterations")  # an activations entry's keys besides parameters


def _parameter_problems(name: str, entry: dict) -> list[tuple[tuple, str]]:
    """An entry's keys beyond NETWORK_KEYS must be parameters its activation declares."""
    act = ACTIVATIONS[name]
    given = {key: value for key, value in entry.items() if key not in NETWORK_KEYS}
    unknown = [key for key in given if key not in act.parameters]
    if unknown:
        takes = ", ".join(act.parameters) or "no parameters"
        return [
            (
                ("activations", name, key),
                f"activations.{name}: unknown key {key!r}"
                f"{_did_you_mean(key, [*NETWORK_KEYS, *act.parameters])}; {name} takes {takes}",
            )
            for key in unknown
        ]
    try:
        act.with_parameters(**given)
    except ValueError as err:
        return [(("activations", name), f"activations.{name}: {err}")]
    return []


def target_grids(config: dict) -> list[tuple[str, list, int]]:
    """Every grid a target is evaluated on: the article's analyses, figures and animations,
    the retrained settings' ranges, and a fine grid over the extrapolation range (a pole
    between two grid points still breaks the training samples)."""
    data, gif = config["data"], config["figures"]["gif"]
    train, extrapolation, points = (
        data["train_range"],
        data["extrapolation_range"],
        data["grid_points"],
    )
    grids = [
        ("a fine check grid over data.extrapolation_range", extrapolation, 10_001),
        ("the data.train_range grid of data.grid_points", train, points),
        ("the data.extrapolation_range grid of data.grid_points", extrapolation, points),
        ("the data figure's grid over data.train_range", train, FIGURE_POINTS),
        ("the animations' grid of figures.gif.grid_points", train, gif["grid_points"]),
    ]
    for label, change in TRAINING_SETTINGS.values():
        for key, x_range in change.get("data", {}).items():
            grids.append((f"the {key} of the retrained setting {label}", x_range, points))
    return grids


def label_problem(key: str, label: str) -> str | None:
    """Why matplotlib cannot draw ``label`` (mathtext between $ signs), or None."""
    from matplotlib import cbook, mathtext  # only a label with $ signs needs it

    if not cbook.is_math_text(label):
        return None
    try:
        mathtext.MathTextParser("path").parse(label)
    except ValueError as err:
        reason = str(err).strip().splitlines()[-1]
        reason = reason if len(reason) <= 120 else f"{reason[:120]}..."  # pyparsing's long lists
        return f"{key}: matplotlib cannot draw {excerpt(label)} as mathtext ({reason})"
    return None


def _target_problems(config: dict) -> list[tuple[tuple, str]]:
    """User targets that shadow a built-in, do not parse or are not finite where they are
    evaluated; target names that name no target; matches that name no activation."""
    user = config.get("targets", {})
    problems = [
        (
            ("targets", name),
            f"targets.{name}: {name} is a built-in target (scripts/nnfit/model/targets.py); "
            "give yours another name",
        )
        for name in user
        if name in TARGETS
    ]
    known = [*TARGETS, *user]
    for name, entry in user.items():
        if name in TARGETS:
            continue
        try:
            target = user_target(name, entry)
        except TargetError as err:
            problems.append((("targets", name), str(err)))
            continue
        if not isinstance(entry, dict):
            problems += _harmonic_problems(name, entry)
        label = label_problem(f"targets.{name}.label", target.label)
        problems += [(("targets", name, "label"), label)] if label else []
        problem = finite_problem(target, f"targets.{name}", target_grids(config))
        problems += [(("targets", name), problem)] if problem else []
        problems += [
            (
                ("targets", name, "matches"),
                f"targets.{name}.matches: unknown activation {activation!r}"
                f"{_did_you_mean(activation, ACTIVATIONS)}",
            )
            for activation in target.matches
            if activation not in ACTIVATIONS
        ]
    named = [(("data", "target"), config["data"].get("target", "sine"))]
    named.append((("fourier", "target"), config["fourier"]["target"]))
    shapes = config.get("shapes", {}).get("targets", [])
    named += [(("shapes", "targets", i), name) for i, name in enumerate(shapes)]
    problems += [
        (
            path,
            f"{_key_path(path[:2])}: unknown target {name!r}{_did_you_mean(name, known)}; "
            f"known: {', '.join(known)}",
        )
        for path, name in named
        if name not in known
    ]
    fourier = config["fourier"]["target"]
    if fourier in known and not problems and get_target(fourier, user).terms is None:
        problems.append(
            (("fourier", "target"), f"fourier.target: {fourier!r} is not a sum of harmonics")
        )
    return problems


def _problems(config: dict, schema: dict) -> list[tuple[tuple, str]]:
    errors = sorted(_validator(schema).iter_errors(config), key=lambda e: list(map(str, e.path)))
    problems = [problem for error in errors for problem in _describe(error)]
    problems += _non_finite(config)
    if problems:
        return problems
    problems += [
        (
            ("activations", name),
            f"activations: unknown activation {name!r}{_did_you_mean(name, ACTIVATIONS)}; "
            f"known: {', '.join(sorted(ACTIVATIONS))}",
        )
        for name in config["activations"]
        if name not in ACTIVATIONS
    ]
    problems += [
        problem
        for name, entry in config["activations"].items()
        if name in ACTIVATIONS
        for problem in _parameter_problems(name, entry)
    ]
    problems += [
        (("sweep", "activations"), f"sweep.activations: {name!r} is not an entry of activations")
        for name in config["sweep"]["activations"]
        if name not in config["activations"]
    ]
    if config["sweep"].get("snake_a") and "snake" not in config["sweep"]["activations"]:
        problems.append((("sweep", "snake_a"), "sweep.snake_a: needs snake in sweep.activations"))
    problems += _causes_problems(config)
    return problems + _target_problems(config) + _range_problems(config)


def config_problems(config: dict, schema: dict) -> list[str]:
    """Every problem of a config, one sentence each, naming the key."""
    return [text for _, text in _problems(with_defaults(config, schema), schema)]


def _holds(config: dict, path: tuple) -> bool:
    for key in path:
        try:
            config = config[key]
        except (KeyError, IndexError, TypeError):
            return False
    return True


def _source(path: tuple, sources: list[tuple[str, dict]]) -> str:
    """The last source that sets the key at ``path`` (or the nearest key above it)."""
    for depth in range(len(path), 0, -1):
        setting = [name for name, layer in sources if _holds(layer, path[:depth])]
        if setting:
            return setting[-1]
    return sources[0][0] if sources else "the config"


def with_defaults(config, schema: dict, root: dict | None = None):
    """A copy of ``config`` with the schema's defaults filled in where a key is missing."""
    root = root or schema
    if "$ref" in schema:
        schema = {**root["$defs"][schema["$ref"].split("/")[-1]], **schema}
    if not isinstance(config, dict) or "properties" not in schema:
        return copy.deepcopy(config)
    filled = {
        key: with_defaults(value, schema["properties"].get(key, {}), root)
        for key, value in config.items()
    }
    required = set(schema.get("required", ()))  # missing, these are errors, not defaults
    for key, prop in schema["properties"].items():
        if key not in filled and key not in required and "default" in prop:
            filled[key] = with_defaults(copy.deepcopy(prop["default"]), prop, root)
    return filled


def check_config(config: dict, schema: dict, sources=()) -> None:
    """Raise one ConfigError listing every problem, or return quietly.

    ``sources`` are the config's layers in the order they were merged, as (name, dict):
    each problem names the layer that set the offending key, so a user sees their own file.
    """
    sources = list(sources) or [("config.yaml", config)]
    resolved = with_defaults(config, schema)
    problems = _problems(resolved, schema)
    if not problems:  # what cannot fit, once the sizes are known to be numbers
        problems = budget_problems(resolved)
    if problems:
        lines = [f"  - {text} (in {_source(path, sources)})" for path, text in problems]
        names = ", then ".join(name for name, _ in sources)
        raise ConfigError(f"invalid configuration (from {names}):\n" + "\n".join(lines))


def _typed(text: str):
    for parse in (int, float):
        try:
            return parse(text)
        except ValueError:
            pass
    return {"true": True, "false": False}.get(text.lower(), text)


def typed_overrides(value):
    """``--config key={...}`` values with numbers and booleans typed.

    Snakemake types a top-level ``--config`` value itself, but reads a nested one (a YAML
    mapping or list) with YAML's base loader, which leaves every number a string.
    """
    if isinstance(value, dict):
        return {key: typed_overrides(item) for key, item in value.items()}
    if isinstance(value, list):
        return [typed_overrides(item) for item in value]
    return _typed(value) if isinstance(value, str) else value


class _StrictLoader(yaml.SafeLoader):
    """YAML's safe loader, refusing a key given twice in one mapping (PyYAML keeps the last)."""


def _unique_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    lines = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in lines:
            raise ConfigError(
                f"{loader.name}, line {line}: {excerpt(str(key))} is set again; line "
                f"{lines[key]} set it first (a key may appear once in a mapping)"
            )
        lines[key] = line
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


def read_config_file(path) -> dict:
    """A config file's mapping; a missing or unreadable file, a YAML error (with its line and
    column), a key given twice (with both lines), an empty file or one that is not a
    mapping is a ConfigError naming the file."""
    try:
        text = Path(path).read_text()
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: cannot be read ({err})") from None
    loader = _StrictLoader(text)
    loader.name = str(path)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "somewhere"
        problem = " ".join(filter(None, (err.context, err.problem)))
        raise ConfigError(f"{path}, {where}: not valid YAML: {problem}") from None
    except yaml.YAMLError as err:
        raise ConfigError(f"{path}: not valid YAML ({err})") from None
    finally:
        loader.dispose()
    if data is None:
        raise ConfigError(f"{path}: empty; a config is a mapping of keys, such as seed: 0")
    if not isinstance(data, dict):
        raise ConfigError(
            f"{path}: holds a {type(data).__name__}, not a mapping of keys such as seed: 0"
        )
    return data


def unwritable_problem(directory) -> str | None:
    """Why files cannot be created in ``directory`` (or where it would be created), or None."""
    directory = Path(directory)
    probe = directory
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        with tempfile.TemporaryFile(dir=probe):
            pass
    except OSError as err:
        return f"{directory}/: cannot write there ({err.strerror or err}); every output goes there"
    return None
