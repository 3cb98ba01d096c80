"""Reading a cosine network as a Fourier series: node i is |v_i| cos(|w_i| x + phase)."""

import numpy as np

from nnfit.model.network import Params


def target_spectrum(target, window_periods: int = 64, n_points: int = 8192):
    """Angular frequencies and amplitudes of a target sampled over 64 periods of 2 pi.

    Integer and half-integer frequencies land exactly on FFT bins: no leakage.
    """
    import scipy.fft  # a quarter of a second: the workflow's parse imports this module

    length = 2 * np.pi * window_periods
    x = np.arange(n_points) * (length / n_points)
    spectrum = scipy.fft.rfft(target(x))
    frequency = 2 * np.pi * scipy.fft.rfftfreq(n_points, d=length / n_points)
    amplitude = 2 * np.abs(spectrum) / n_points
    return frequency, amplitude


def node_sines(params: Params):
    """Each node v cos(w x + b) as amplitude * sin(frequency * x + phase): three (*B, n)."""
    frequency = np.abs(params.w)
    phase = np.sign(params.w) * params.b + np.pi / 2 + np.where(params.v < 0, np.pi, 0.0)
    return frequency, np.abs(params.v), wrap(phase)


def wrap(angle):
    """Angles to (-pi, pi]."""
    return np.pi - np.mod(np.pi - angle, 2 * np.pi)


def canonical_cosine(frequency, phase):
    """A node amplitude * sin(frequency x + phase) written as amplitude * cos(w x + b) with
    w > 0 and b in (-pi, pi]: the (w, b) the article speaks of (sin(x) = cos(x - pi/2))."""
    return frequency, wrap(phase - np.pi / 2)


def split_dominant(params: Params):
    """Each network's nodes as sines, split into its largest node and the others.

    Returns (frequency, amplitude, phase) of the largest node, each (*B,), and
    (frequency, amplitude) of the others, each (*B, n - 1), ordered as in the network.
    """
    frequency, amplitude, phase = node_sines(params)
    top = np.argmax(amplitude, axis=-1)[..., None]
    largest = tuple(
        np.take_along_axis(values, top, axis=-1)[..., 0] for values in (frequency, amplitude, phase)
    )
    rest = np.arange(amplitude.shape[-1]) != top  # (*B, n)
    shape = (*amplitude.shape[:-1], amplitude.shape[-1] - 1)
    others = tuple(values[rest].reshape(shape) for values in (frequency, amplitude))
    return largest, others


def harmonic_amplitudes(frequency, amplitude, phase, harmonics, tolerance: float):
    """Each network's amplitude at each target frequency: its nodes within ``tolerance``
    (relative) of that frequency summed as phasors, since nodes at one frequency add.

    Node arrays (*B, n), ``harmonics`` the target's frequencies (m,); returns the amplitudes
    (*B, m) and which nodes lie near none of them (*B, n).
    """
    harmonics = np.asarray(harmonics, float)
    near = np.abs(frequency[..., None, :] - harmonics[:, None]) <= tolerance * harmonics[:, None]
    phasors = amplitude * np.exp(1j * phase)  # (*B, n)
    combined = np.abs(np.sum(np.where(near, phasors[..., None, :], 0), axis=-1))
    return combined, ~near.any(axis=-2)
