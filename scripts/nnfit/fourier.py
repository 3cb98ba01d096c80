"""Reading a cosine network as a Fourier series: node i is |v_i| cos(|w_i| x + phase)."""

import numpy as np
import scipy.fft

from nnfit.network import Params


def target_spectrum(target, window_periods: int = 64, n_points: int = 8192):
    """Angular frequencies and amplitudes of a target sampled over 64 periods of 2 pi.

    Integer and half-integer frequencies land exactly on FFT bins: no leakage.
    """
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


def dominant_node(params: Params):
    """For each network: frequency, amplitude and phase of its largest node, and the
    largest amplitude among the others. Four (*B,)."""
    frequency, amplitude, phase = node_sines(params)
    top = np.argmax(amplitude, axis=-1)[..., None]
    others = np.where(np.arange(amplitude.shape[-1]) == top, -np.inf, amplitude).max(axis=-1)
    top_frequency, top_amplitude, top_phase = (
        np.take_along_axis(values, top, axis=-1)[..., 0] for values in (frequency, amplitude, phase)
    )
    return top_frequency, top_amplitude, top_phase, np.maximum(others, 0.0)
