"""Reading and writing artifacts: atomic, byte-reproducible, with clear errors."""

import json
import math
import os
import zipfile
import zlib
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from nnfit.model.activations import Activation, get_activation
from nnfit.model.network import Params

# A fixed timestamp in every zip entry so that equal arrays give equal files.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


class ArtifactError(RuntimeError):
    pass


@contextmanager
def atomic_path(path):
    """Yield a temporary path beside ``path``; move it into place only on success.

    The temporary name keeps the suffix so that writers which pick a format from
    it (matplotlib, imageio) behave as for the real path.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.partial{path.suffix}")
    try:
        yield tmp
        os.replace(tmp, path)
    except OSError as err:  # a full disk's error names no file
        raise ArtifactError(f"{path}: could not be written ({err.strerror or err})") from err
    finally:
        tmp.unlink(missing_ok=True)


def zip_entry(name: str) -> zipfile.ZipInfo:
    """A deflated zip entry with a fixed timestamp: the same contents give the same bytes."""
    info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def save_npz(path, **arrays) -> None:
    with atomic_path(path) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, value in arrays.items():
            with archive.open(zip_entry(f"{name}.npy"), "w") as member:
                np.lib.format.write_array(member, np.asarray(value), allow_pickle=False)


def set_aside(path, problem: str) -> ArtifactError:
    """Rename a corrupt artifact to ``<name>.corrupt``: the workflow then sees it missing and
    makes it again on the next run, while the bad bytes stay for inspection."""
    aside = Path(path).with_name(Path(path).name + ".corrupt")
    with suppress(FileNotFoundError):  # another job reading it set it aside first
        os.replace(path, aside)
    return ArtifactError(f"{path}: {problem}; moved it to {aside} so that the next run remakes it")


def load_npz(path, required=()) -> dict[str, np.ndarray]:
    """All arrays of an .npz file; a missing, corrupt or incomplete file names itself."""
    try:
        with np.load(path, allow_pickle=False) as archive:
            arrays = {name: archive[name] for name in archive.files}
    except FileNotFoundError:
        raise ArtifactError(f"{path}: file not found; rerun the rule that makes it") from None
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, EOFError, zlib.error) as err:
        raise set_aside(path, f"unreadable or truncated ({err})") from None
    missing = [name for name in required if name not in arrays]
    if missing:
        raise set_aside(path, f"missing arrays {missing}")
    return arrays


def _non_finite(value, key=""):
    """The keys (a.b.0) of every float in ``value`` that is inf or nan."""
    if isinstance(value, dict):
        return [k for name, item in value.items() for k in _non_finite(item, f"{key}.{name}")]
    if isinstance(value, list | tuple):
        return [k for i, item in enumerate(value) for k in _non_finite(item, f"{key}.{i}")]
    if isinstance(value, float) and not math.isfinite(value):
        return [f"{key[1:]} = {value}"]
    return []


def save_json(path, data) -> None:
    """``data`` as JSON; a value that is not finite (which JSON cannot hold) is an error
    naming the file and the key, never a file that is not JSON."""
    bad = _non_finite(data)
    if bad:
        raise ArtifactError(f"{path}: not finite, so not written: {', '.join(bad)}")
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(data, indent=2, sort_keys=True, allow_nan=False) + "\n")


def load_json(path, required=()) -> dict:
    """A JSON object; a missing, corrupt or incomplete file names itself."""
    try:
        data = json.loads(Path(path).read_text())
    except FileNotFoundError:
        raise ArtifactError(f"{path}: file not found; rerun the rule that makes it") from None
    except ValueError as err:  # JSONDecodeError, and UnicodeDecodeError for binary junk
        raise set_aside(path, f"not valid JSON ({err})") from None
    if not isinstance(data, dict):
        raise set_aside(path, f"holds a {type(data).__name__}, not a JSON object")
    missing = [key for key in required if key not in data]
    if missing:
        raise set_aside(path, f"missing keys {missing}")
    return data


@dataclass(frozen=True)
class TrainedModel:
    params: Params  # final parameters
    history: Params  # each field (iterations + 1, ...): row k after k steps
    loss: np.ndarray  # (iterations + 1,): MSE of history row k
    activation: str
    lr: float
    parameters: dict = field(default_factory=dict)  # the activation's, if set: snake's a

    def act(self) -> Activation:
        return get_activation(self.activation, **self.parameters)


def save_model(path, model: TrainedModel) -> None:
    save_npz(
        path,
        **model.params._asdict(),
        **{f"{name}_hist": values for name, values in model.history._asdict().items()},
        loss=model.loss,
        activation=np.array(model.activation),
        parameters=np.array(json.dumps(model.parameters, sort_keys=True)),
        lr=np.array(model.lr),
    )


def load_model(path) -> TrainedModel:
    fields = Params._fields
    arrays = load_npz(
        path,
        required=(
            *fields,
            *(f"{f}_hist" for f in fields),
            "loss",
            "activation",
            "lr",
            "parameters",
        ),
    )
    return TrainedModel(
        params=Params(*(arrays[f] for f in fields)),
        history=Params(*(arrays[f"{f}_hist"] for f in fields)),
        loss=arrays["loss"],
        activation=str(arrays["activation"]),
        parameters=json.loads(str(arrays["parameters"])),
        lr=float(arrays["lr"]),
    )
