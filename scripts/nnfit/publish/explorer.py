"""The explorer page: every training iteration of each activation's network, node by node, and
the sweep's seeds beside it, in one self-contained HTML file (results/explorer.html).

The page computes every curve in the browser from the parameters, with each activation's
formula from its registry entry (``Activation.js``), so it ships parameters, not curves. The
parameters are float64, exact: each array's bytes are shuffled (every value's first byte,
then every second byte, ...), which puts the slowly changing sign and exponent bytes side by
side, deflated at a fixed level (the same arrays give the same bytes) and base64-encoded; the
page inflates them with the browser's own DecompressionStream and unshuffles.

Snakemake's report shows a page in an iframe from a data URL, and Chromium refuses one over
2 MB: the page the report holds (results/report/explorer.html) is a copy whose histories keep
only the iterations each training animation shows, exactly; explorer.html keeps every one.
"""

import base64
import json
import zlib
from pathlib import Path

import numpy as np

from nnfit.grading.rates import Rate
from nnfit.grading.typical import Typicality
from nnfit.model.artifacts import TrainedModel
from nnfit.model.criteria import Criteria
from nnfit.model.network import pack
from nnfit.model.targets import Target

# the page's code, styles and markup, read from files beside this module
ASSETS = Path(__file__).parent
SCRIPT_FILE = ASSETS / "explorer.js"
STYLE_FILE = ASSETS / "explorer.css"
TEMPLATE_FILE = ASSETS / "explorer.html"
DEFLATE_LEVEL = 9
# Chromium's longest URL, data URLs included: a page the report shows any longer is blocked
CHROMIUM_MAX_URL = 2 * 1024 * 1024


def data_url_length(path: Path) -> int:
    """Characters of the data URL Snakemake's report shows this HTML file from."""
    prefix = f"data:text/html;charset=utf8;filename={path.name};base64,"
    return len(prefix) + 4 * -(-path.stat().st_size // 3)


def encode_array(values, trajectories: bool = False) -> dict:
    """A float64 array as {shape, trajectories, data}: data is base64 of its deflated,
    byte-shuffled bytes. With ``trajectories``, a (steps, k) array is stored column by column,
    each value XORed with the one before it (a parameter's bits change little in one step of
    Adam, so more bytes are zero): lossless, and about a tenth smaller."""
    array = np.ascontiguousarray(values, dtype="<f8")
    bits = array.view("<u8")
    if trajectories:
        columns = np.ascontiguousarray(bits.reshape(len(bits), -1).T)  # (k, steps)
        bits = columns.copy()
        bits[:, 1:] ^= columns[:, :-1]
    shuffled = bits.view(np.uint8).reshape(-1, 8).T.tobytes()  # byte j of every value, j = 0..7
    data = base64.b64encode(zlib.compress(shuffled, DEFLATE_LEVEL)).decode("ascii")
    return {"shape": list(array.shape), "trajectories": trajectories, "data": data}


def decode_array(encoded: dict) -> np.ndarray:
    """encode_array's inverse (the page's decoding, in Python)."""
    shuffled = np.frombuffer(zlib.decompress(base64.b64decode(encoded["data"])), np.uint8)
    bits = shuffled.reshape(8, -1).T.copy().view("<u8")[:, 0]
    shape = encoded["shape"]
    if encoded["trajectories"]:
        columns = np.bitwise_xor.accumulate(bits.reshape(-1, shape[0]), axis=1)  # (k, steps)
        bits = np.ascontiguousarray(columns.T)
    return bits.view("<f8").reshape(shape)


def seed_networks(batch: dict, criteria: Criteria) -> dict:
    """A sweep batch's seeds, sorted by train MSE (diverged ones last): their outcomes and
    final parameters packed as (seeds, 3 n_hidden + 1) rows of w, b, v, c."""
    train_mse = np.where(batch["diverged"], np.inf, batch["train_mse"])
    order = np.argsort(train_mse, kind="stable")
    rows = [
        {
            "seed": int(batch["seed"][k]),
            "train_mse": _finite(batch["train_mse"][k]),
            "extrap_mse": _finite(batch["extrap_mse"][k]),
            "fits": bool(batch["fits"][k]),
            "extrapolates": bool(batch["extrapolates"][k]),
            "diverged": bool(batch["diverged"][k]),
        }
        for k in order
    ]
    finals = np.concatenate(
        [batch[f"final_{name}"][order] for name in ("w", "b", "v")]
        + [batch["final_c"][order, None]],
        axis=-1,
    )
    return {"rows": rows, "params": encode_array(finals)}


def seeds_of(batch: dict, seeds) -> dict:
    """The batch's entries of those ``seeds`` only (arrays with a leading seed axis)."""
    n, keep = batch["seed"].size, np.isin(batch["seed"], seeds)
    return {k: v[keep] if np.ndim(v) and np.shape(v)[0] == n else v for k, v in batch.items()}


def _finite(value) -> float | None:
    return float(value) if np.isfinite(value) else None


def typicality_text(model_metrics: dict, batch: dict, label: str, criteria: Criteria) -> str:
    """The claims' sentence on how typical the article's network is among the batch's seeds."""
    return Typicality(
        activation=model_metrics["activation"],
        label=label,
        train_mse=model_metrics["train_mse"],
        interp_mse=model_metrics["interp_mse"],
        extrap_mse=model_metrics["extrap_mse"],
        fits=bool(criteria.fits(model_metrics["train_mse"], model_metrics["interp_mse"])),
        extrapolates=bool(criteria.extrapolates(model_metrics["extrap_mse"])),
        fit_rate=Rate.of(batch["fits"]),
        extrapolation_rate=Rate.of(batch["extrapolates"]),
    ).text()


def recorded_iterations(iterations, rows: int) -> np.ndarray:
    """``iterations`` as the page needs them: ascending, distinct, from 0 to the last of a
    history of ``rows``."""
    iterations = np.asarray(iterations, dtype=np.int64)
    if (
        iterations.ndim != 1
        or iterations.size == 0
        or iterations[0] != 0
        or iterations[-1] != rows - 1
        or np.any(np.diff(iterations) <= 0)
    ):
        raise ValueError(f"recorded iterations must rise from 0 to {rows - 1}: {iterations}")
    return iterations


def explorer_data(
    models: dict[str, TrainedModel],
    metrics: dict[str, dict],
    batches: dict[str, dict],
    samples: tuple[np.ndarray, np.ndarray],
    seed_samples: tuple[list[int], np.ndarray, np.ndarray],
    target: Target,
    train_range,
    extrapolation_range,
    grid_points: int,
    criteria: Criteria,
    recorded: dict[str, np.ndarray] | None = None,
    note: str | None = None,
) -> dict:
    """Everything the page shows, as JSON: each activation's history and seeds (``batches``:
    activation -> its sweep batch at the article's width, where the sweep has one), the
    article's samples, each sweep seed's own samples (``seed_samples``: the seeds, and x and y
    of (seeds, n_samples) in their order), and the target on both ranges. The history holds
    every iteration or, given ``recorded`` (activation -> ascending iterations, 0 and the last
    among them), those only; ``note`` is a line the page shows about what it holds."""
    grids = {}
    for name, x_range in (("train", train_range), ("extrapolation", extrapolation_range)):
        x = np.linspace(*x_range, grid_points)  # (grid_points,)
        grids[name] = {"range": list(map(float, x_range)), "truth": encode_array(target.f(x))}
    activations = []
    for name, model in models.items():
        act = model.act()
        n_hidden = model.params.w.shape[-1]
        label = f"{act.label}, {n_hidden} nodes"
        history = pack(model.history)
        rows = None if recorded is None else recorded_iterations(recorded[name], len(history))
        entry = {
            "name": name,
            "label": label,
            "short": f"{act.label.split(' (')[0]} {n_hidden}",  # its tab: "Saw 10"
            "formula": act.js,
            "parameters": {key: float(value) for key, value in act.parameters.items()},
            "centre": act.centre,
            "colour": act.colour,
            "n_hidden": n_hidden,
            "lr": model.lr,
            # the iterations the history holds (None: every one), the history at them, (rows,
            # 3 n_hidden + 1), and the loss at every iteration, (iterations + 1,)
            "recorded": None if rows is None else rows.tolist(),
            "history": encode_array(history if rows is None else history[rows], True),
            "loss": encode_array(model.loss, trajectories=True),
            "train_mse": metrics[name]["train_mse"],
            "seeds": None,
            "typical": None,
        }
        if name in batches:
            # the seeds whose samples the page holds: the sweep's, not a deciding cell's many
            entry["seeds"] = seed_networks(seeds_of(batches[name], seed_samples[0]), criteria)
            entry["typical"] = typicality_text(metrics[name], batches[name], label, criteria)
        activations.append(entry)
    return {
        "target": target.name,
        "grid_points": grid_points,
        "grids": grids,
        "samples": {"x": encode_array(samples[0]), "y": encode_array(samples[1])},
        "seed_samples": {
            "seeds": [int(seed) for seed in seed_samples[0]],
            "x": encode_array(seed_samples[1]),
            "y": encode_array(seed_samples[2]),
        },
        "note": note,
        "fit_threshold": criteria.fit_threshold,
        "extrapolation_threshold": criteria.extrapolation_threshold,
        "activations": activations,
    }


def explorer_page(data: dict, title: str = "nnfit explorer") -> str:
    """The page: the template with its styles, code and data inline."""
    payload = json.dumps(data, separators=(",", ":"), sort_keys=True).replace("</", "<\\/")
    return (
        TEMPLATE_FILE.read_text(encoding="utf-8")
        .replace("{{title}}", title)
        .replace("{{style}}", STYLE_FILE.read_text(encoding="utf-8"))
        .replace("{{data}}", payload)
        .replace("{{script}}", SCRIPT_FILE.read_text(encoding="utf-8"))
    )
