"""Config validation with messages that name the key and the problem."""

import difflib

import jsonschema

from nnfit.activations import ACTIVATIONS


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
    if config["fourier"]["target"] not in config["targets"]:
        problems.append(f"fourier.target: {config['fourier']['target']!r} is not in targets")
    return problems + _range_problems(config)


def check_config(config: dict, schema: dict, source: str = "config.yaml") -> None:
    """Raise one ConfigError listing every problem, or return quietly."""
    problems = config_problems(config, schema)
    if problems:
        raise ConfigError(
            f"invalid configuration in {source}:\n" + "\n".join(f"  - {p}" for p in problems)
        )
