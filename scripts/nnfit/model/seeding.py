"""Independent, reproducible random streams derived from the one config seed."""

import zlib

import numpy as np

_DATA_STREAM = 0
_INIT_STREAM = 1
_KINK_STREAM = 2


def data_rng(seed: int) -> np.random.Generator:
    return np.random.default_rng([seed, _DATA_STREAM])


def init_rng(seed: int, activation: str) -> np.random.Generator:
    # keyed by name, not position, so adding an activation leaves the others' runs unchanged
    return np.random.default_rng([seed, _INIT_STREAM, zlib.crc32(activation.encode())])


def kink_rng(seed: int) -> np.random.Generator:
    # the causes experiment's redrawn ReLU kinks: a stream of their own, so the rest of each
    # seed's initialisation stays exactly the sweep's
    return np.random.default_rng([seed, _KINK_STREAM])
