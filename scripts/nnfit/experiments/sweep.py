"""Many initialisations of one architecture, trained together in one batched computation."""

import numpy as np

from nnfit.model import properties
from nnfit.model.activations import PARAMETER_NAMES, Activation, get_activation
from nnfit.model.analysis import fit_metrics
from nnfit.model.criteria import Criteria
from nnfit.model.data import seed_training_sets
from nnfit.model.network import Params
from nnfit.model.seeding import init_rng
from nnfit.model.targets import from_spec
from nnfit.model.training import AdamConfig, init_params, train


def initial_batch(activation: str, width: int, seeds) -> Params:
    """Each seed's initialisation exactly as the single-network trainer draws it."""
    draws = [init_params(init_rng(seed, activation), width) for seed in seeds]
    return Params(*(np.stack(field) for field in zip(*draws, strict=True)))


def iterations_to_fit(loss: np.ndarray, threshold: float) -> np.ndarray:
    """First iteration whose loss is within the threshold, -1 if none: (*B,)."""
    reached = loss <= threshold  # (*B, iterations + 1)
    return np.where(reached.any(axis=-1), reached.argmax(axis=-1), -1)


def run_batch(
    act: Activation,
    width: int,
    seeds,
    x: np.ndarray,
    y: np.ndarray,
    iterations: int,
    adam: AdamConfig,
    train_range,
    extrapolation_range,
    grid_points: int,
    criteria: Criteria,
    truth,
    trainer=train,
) -> dict[str, np.ndarray]:
    """Train every seed on x, y (one training set, or one per seed), then measure each
    network against the noiseless target ``truth``: one entry per seed in every array.
    ``trainer`` is nnfit's kernel (training.train) but for bench/sweep_precision.py, which
    passes the float32 numpy reference."""
    initial = initial_batch(act.name, width, seeds)
    result = trainer(initial, x, y, act, iterations, adam, raise_on_divergence=False)
    diverged = ~np.isfinite(result.loss).all(axis=-1)
    with np.errstate(over="ignore", invalid="ignore"):
        metrics = fit_metrics(
            result.params, act, x, y, train_range, extrapolation_range, grid_points, truth
        )
    out = {
        "seed": np.asarray(seeds),
        "diverged": diverged,
        **metrics,
        "fits": criteria.fits(metrics["train_mse"], metrics["interp_mse"]),
        "memorises": criteria.memorises(metrics["train_mse"], metrics["interp_mse"]),
        "extrapolates": criteria.extrapolates(metrics["extrap_mse"]),
        "iterations_to_fit": iterations_to_fit(result.loss, criteria.fit_threshold),
        "loss": result.loss,  # (seeds, iterations + 1)
        **{f"final_{name}": value for name, value in result.params._asdict().items()},
    }
    out |= theorem_checks(result.params, act, diverged)
    return out


def settings_adam(settings: dict) -> AdamConfig:
    """Adam's settings from a job's settings."""
    return AdamConfig(*(settings[key] for key in ("lr", "beta1", "beta2", "eps")))


def settings_training_sets(settings: dict, seeds=None):
    """Each of ``seeds`` (the job's, by default) its own draw of the job's data: x, y."""
    return seed_training_sets(
        settings["seeds"] if seeds is None else seeds,
        settings["n_samples"],
        settings["noise_sd"],
        settings["train_range"],
        from_spec(settings["target"]).f,
    )


def batch_seeds(settings: dict, width: int) -> list[int]:
    """The seeds a batch trains: the deciding cell's many (plan.sweep_batch_params) at its
    width, the job's seeds elsewhere."""
    deciding = settings.get("deciding")
    return deciding["seeds"] if deciding and deciding["width"] == width else settings["seeds"]


def configured_batch(settings: dict, width: int, data_seed: int | None = None) -> dict:
    """One sweep batch file's arrays, from a sweep job's settings (activation, parameters,
    seeds, data, training, ranges, criteria): run_batch's results and what they are results
    of. Each seed trains on its own draw of the data, or, with ``data_seed``, every seed on
    that seed's draw."""
    act = get_activation(settings["activation"], **settings["parameters"])
    adam = settings_adam(settings)
    truth = from_spec(settings["target"]).f
    seeds = batch_seeds(settings, width)
    x, y = settings_training_sets(settings, seeds if data_seed is None else [data_seed])
    if data_seed is not None:
        x, y = x[0], y[0]  # one training set, shared by the batch
    runs = run_batch(
        act,
        width,
        seeds,
        x,
        y,
        settings["iterations"],
        adam,
        settings["train_range"],
        settings["extrapolation_range"],
        settings["grid_points"],
        Criteria(**settings["criteria"]),
        truth,
    )
    return {
        **runs,
        "activation": np.array(act.name),
        "width": np.array(width),
        **{name: np.array(act.parameters.get(name, np.nan)) for name in PARAMETER_NAMES},
        "lr": np.array(adam.lr),
    }


def theorem_checks(params: Params, act: Activation, diverged) -> dict:
    """The exact properties of this activation's networks, measured; a violation is a bug."""
    ok = ~diverged
    if act.name == "relu":
        measured = {"relu_tail": properties.relu_tail_deviation(params, act)}
    elif act.name == "sigmoid":
        upper, lower = properties.sigmoid_limits(params)
        measured = {"sigmoid_limit": properties.sigmoid_limit_deviation(params, act)}
        measured |= {"limit_upper": upper, "limit_lower": lower}
    elif act.name == "snake":
        measured = {
            "snake_drift": properties.snake_drift_deviation(params, act, act.parameters["a"]),
            "drift_slope": properties.snake_drift(params),
        }
    else:
        return {}
    for name, tolerance in properties.THEOREM_TOLERANCE.items():
        if name in measured:
            if np.any(measured[name][ok] > tolerance):
                worst = float(np.max(measured[name][ok]))
                raise AssertionError(f"{act.name}: {name} deviates by {worst:.3g} (> {tolerance})")
            measured["theorem_deviation"] = measured[name]
    return measured


SWEEP_COLUMNS = (  # fmt: skip
    "variant",
    "activation",
    *PARAMETER_NAMES,  # NaN where the activation does not take it
    "width",
    "seed",
    "lr",
    "diverged",
    "train_mse",
    "interp_mse",
    "extrap_mse",
    "fits",
    "memorises",
    "extrapolates",
    "iterations_to_fit",
    "theorem_deviation",
    "drift_slope",
)


def sweep_rows(batch: dict[str, np.ndarray]) -> dict[str, list]:
    """One saved batch as table columns: one row per seed; missing measures are NaN."""
    n = batch["seed"].size
    shared = ("variant", "activation", *PARAMETER_NAMES, "width", "lr")  # one per batch
    return {
        name: [batch[name].item()] * n
        if name in shared
        else batch[name].tolist()
        if name in batch
        else [np.nan] * n
        for name in SWEEP_COLUMNS
    }
