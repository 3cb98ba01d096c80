"""Independent, reproducible random streams derived from the one config seed."""

import zlib

import numpy as np

_DATA_STREAM = 0
_INIT_STREAM = 1


def data_rng(seed: int) -> np.random.Generator:
    return np.random.default_rng([seed, _DATA_STREAM])


def init_rng(seed: int, activation: str) -> np.random.Generator:
    # keyed by name, not position, so adding an activation leaves the others' runs unchanged
    return np.random.default_rng([seed, _INIT_STREAM, zlib.crc32(activation.encode())])
