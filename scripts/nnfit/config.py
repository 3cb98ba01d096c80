"""Config validation with messages that name the key and the problem."""

import difflib

import jsonschema

from nnfit.activations import ACTIVATIONS
from nnfit.targets import TARGETS, TargetError, finite_problem, get_target, user_target


class ConfigError(ValueError):
    pass


def _key_path(path) -> str:
    return ".".join(str(p) for p in path) or "(top level)"


def _did_you_mean(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _describe(error: jsonschema.ValidationError) -> list[str]:
    where = _key_path(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = error.schema.get("properties", {})
        return [
            f"{where}: unknown key {key!r}{_did_you_mean(key, allowed)}"
            for key in error.instance
            if key not in allowed
        ]
    if error.validator == "required":
        missing = error.message.split("'")[1]
        return [f"{where}: missing required key {missing!r}"]
    return [f"{where}: {error.message}"]


def _range_problems(config: dict) -> list[str]:
    data = config["data"]
    problems = [
        f"data.{key}: low must be below high, got {data[key]}"
        for key in ("train_range", "extrapolation_range")
        if not data[key][0] < data[key][1]
    ]
    if not problems:
        (t_lo, t_hi), (e_lo, e_hi) = data["train_range"], data["extrapolation_range"]
        if not (e_lo < t_lo and t_hi < e_hi):
            problems.append(
                f"data.extrapolation_range {data['extrapolation_range']} must reach beyond "
                f"data.train_range {data['train_range']} on both sides"
            )
    return problems


NETWORK_KEYS = ("n_hidden", "lr", "iterations")  # an activations entry's keys besides parameters


def _parameter_problems(name: str, entry: dict) -> list[str]:
    """An entry's keys beyond NETWORK_KEYS must be parameters its activation declares."""
    act = ACTIVATIONS[name]
    given = {key: value for key, value in entry.items() if key not in NETWORK_KEYS}
    unknown = [key for key in given if key not in act.parameters]
    if unknown:
        takes = ", ".join(act.parameters) or "no parameters"
        return [
            f"activations.{name}: unknown key {key!r}"
            f"{_did_you_mean(key, [*NETWORK_KEYS, *act.parameters])}; {name} takes {takes}"
            for key in unknown
        ]
    try:
        act.with_parameters(**given)
    except ValueError as err:
        return [f"activations.{name}: {err}"]
    return []


def _target_problems(config: dict) -> list[str]:
    """User targets that shadow a built-in, do not parse or are not finite where they are
    evaluated; target names that name no target; matches that name no activation."""
    user = config.get("targets", {})
    problems = [
        f"targets.{name}: {name} is a built-in target (scripts/nnfit/targets.py); "
        "give yours another name"
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
            problems.append(str(err))
            continue
        problem = finite_problem(
            target, f"targets.{name}", config["data"]["extrapolation_range"], 10_001
        )
        problems += [problem] if problem else []
        problems += [
            f"targets.{name}.matches: unknown activation {activation!r}"
            f"{_did_you_mean(activation, ACTIVATIONS)}"
            for activation in target.matches
            if activation not in ACTIVATIONS
        ]
    named = [("data.target", config["data"].get("target", "sine"))]
    named.append(("fourier.target", config["fourier"]["target"]))
    named += [("shapes.targets", name) for name in config.get("shapes", {}).get("targets", [])]
    problems += [
        f"{key}: unknown target {name!r}{_did_you_mean(name, known)}; known: {', '.join(known)}"
        for key, name in named
        if name not in known
    ]
    fourier = config["fourier"]["target"]
    if fourier in known and not problems and get_target(fourier, user).terms is None:
        problems.append(f"fourier.target: {fourier!r} is not a sum of harmonics")
    return problems


def config_problems(config: dict, schema: dict) -> list[str]:
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(config), key=lambda e: list(map(str, e.path)))
    problems = [line for error in errors for line in _describe(error)]
    if problems:
        return problems
    problems += [
        f"activations: unknown activation {name!r}{_did_you_mean(name, ACTIVATIONS)}; "
        f"known: {', '.join(sorted(ACTIVATIONS))}"
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
        f"sweep.activations: {name!r} is not an entry of activations"
        for name in config["sweep"]["activations"]
        if name not in config["activations"]
    ]
    if config["sweep"].get("snake_a") and "snake" not in config["sweep"]["activations"]:
        problems.append("sweep.snake_a: needs snake in sweep.activations")
    return problems + _range_problems(config) + _target_problems(config)


def check_config(config: dict, schema: dict, source: str = "config.yaml") -> None:
    """Raise one ConfigError listing every problem, or return quietly."""
    problems = config_problems(config, schema)
    if problems:
        raise ConfigError(
            f"invalid configuration in {source}:\n" + "\n".join(f"  - {p}" for p in problems)
        )
