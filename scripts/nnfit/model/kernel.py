"""The training kernel: forward pass, MSE, its gradient and an optimiser step, fused.

For each network of a batch, one at a time, every step runs in scratch buffers of one
network's (n_samples, n_hidden) size, which stay in the core's cache: the pre-activations
z = w x + b, the activation's value and slope, then the output and the loss, then the
gradient, accumulated sample by sample with the nodes as independent lanes, then Adam's (or
momentum's) update. No (networks, samples, nodes) array is ever written, where the numpy
version (tests/reference_training.py) wrote and read several each step.

Numba compiles it once (``cache=True``; a job loads it from the cache). No ``fastmath``: every
operation rounds as IEEE says, and every sum runs in an order fixed by this code (the output's
sum over nodes in eight interleaved partial sums, the gradient's over samples in sample
order), never by the compiler or the vector width, so the results are the same bytes whether
the loops run in SSE2, AVX2 or AVX-512 registers. sin, cos and exp come from libmvec
(nnfit.model.libmvec), which says where those values differ. One thread: the networks are
independent, but a job's thread count would then be a resource to declare, and two cores
are better used by two jobs.

Activations the kernel knows are numbered in ``KINDS``; any other (a registry entry added
without kernel code) trains through the same kernel with its value and slope tabulated by
its numpy ``value_and_slope`` before each step (``TABLE``).
"""

import contextlib
import math
import sys

import numba
import numpy as np
from llvmlite import ir
from numba import types
from numba.core import cgutils
from numba.extending import intrinsic

from nnfit.model import libmvec


@contextlib.contextmanager
def _scipy_blas_absent():
    """Within, ``import scipy.linalg.cython_blas`` fails at once; afterwards it works again.

    numba.np.arraymath imports scipy.linalg (0.2 s, a sixth of a training job) only to learn
    whether its np.dot may call BLAS; this kernel calls none (without BLAS, numba's compiled
    np.correlate and np.convolve loop by themselves: nothing here calls them either)."""
    if "scipy.linalg" in sys.modules:  # already imported: nothing to save
        yield
        return
    sys.modules["scipy.linalg.cython_blas"] = None  # Python's mark for "cannot be imported"
    try:
        yield
    finally:
        del sys.modules["scipy.linalg.cython_blas"]


with _scipy_blas_absent():
    import numba.np.arraymath  # noqa: F401 (its BLAS probe runs once, at this import)

TABLE = -1
# name -> (kind, the parameter the kernel reads); the numbers are the kernel's branches
KINDS = {
    "sigmoid": (0, None),
    "relu": (1, None),
    "tanh": (2, None),
    "cos": (3, None),
    "sin": (4, None),
    "saw": (5, None),
    "snake": (6, "a"),
    "leaky_relu": (7, "slope"),
}
ADAM, MOMENTUM = 0, 1
TWO_PI = 2.0 * np.pi


LANES = 8  # partial sums of the output's sum over nodes: node i adds to lane i % 8


@intrinsic
def _dot_lanes(typingctx, a, a_start, b, blocks):
    """sum_k a[a_start + k] b[k] over k < 8 blocks, in 8 partial sums (two vectors of four)
    that are added in a fixed order at the end. Written as vector operations, since without
    fastmath the compiler keeps a sum's order and will not split it into lanes itself."""

    def codegen(context, builder, signature, args):
        vector = ir.VectorType(ir.DoubleType(), 4)
        sums = [cgutils.alloca_once_value(builder, ir.Constant(vector, [0.0] * 4)) for _ in "lo"]
        a_data = context.make_array(signature.args[0])(context, builder, args[0]).data
        b_data = context.make_array(signature.args[2])(context, builder, args[2]).data
        a_data = builder.gep(a_data, [args[1]])
        with cgutils.for_range(builder, args[3]) as loop:
            first = builder.mul(loop.index, ir.Constant(loop.index.type, LANES))
            for half, total in enumerate(sums):
                k = builder.add(first, ir.Constant(loop.index.type, 4 * half))

                def lanes(data, k=k):
                    pointer = builder.bitcast(builder.gep(data, [k]), vector.as_pointer())
                    return builder.load(pointer, align=8)

                product = builder.fmul(lanes(a_data), lanes(b_data))
                builder.store(builder.fadd(builder.load(total), product), total)
        low, high = (builder.load(total) for total in sums)
        lane = [
            builder.extract_element(half, ir.Constant(ir.IntType(32), k))
            for half in (low, high)
            for k in range(4)
        ]
        pairs = [builder.fadd(lane[k], lane[k + 4]) for k in range(4)]  # lanes i and i + 4
        return builder.fadd(builder.fadd(pairs[0], pairs[1]), builder.fadd(pairs[2], pairs[3]))

    return types.float64(a, a_start, b, blocks), codegen


@numba.njit(cache=True)
def _activate(kind, parameter, z, value, slope):
    """The activation's value and slope at z into value and slope (which may not alias z):
    buffers of one size, a multiple of libmvec's lanes, so no call needs a padded tail."""
    size = z.size
    if kind == 0:  # sigmoid: 1 / (1 + e^-z), slope s (1 - s)
        for k in range(size):
            value[k] = -z[k]
        libmvec.exp(value, value)
        for k in range(size):
            s = 1.0 / (value[k] + 1.0)
            value[k] = s
            slope[k] = (1.0 - s) * s
    elif kind == 1:  # relu; the kink takes the subgradient 0
        for k in range(size):
            zk = z[k]
            value[k] = 0.0 if zk <= 0.0 else zk
            slope[k] = 1.0 if zk > 0.0 else 0.0
    elif kind == 2:  # tanh
        for k in range(size):
            t = math.tanh(z[k])
            value[k] = t
            slope[k] = 1.0 - t * t
    elif kind == 3:  # cos, slope -sin
        libmvec.sin_cos(z, slope, value)
        for k in range(size):
            slope[k] = -slope[k]
    elif kind == 4:  # sin, slope cos
        libmvec.sin_cos(z, value, slope)
    elif kind == 5:  # saw: z - 2 pi floor(z / 2 pi), slope 1
        for k in range(size):
            zk = z[k]
            value[k] = math.floor(zk * (1.0 / TWO_PI)) * -TWO_PI + zk
            slope[k] = 1.0
    elif kind == 6:  # snake: z + sin^2(a z) / a, slope 1 + 2 sin(a z) cos(a z)
        for k in range(size):
            value[k] = z[k] * parameter
        libmvec.sin_cos(value, value, slope)
        for k in range(size):
            s = value[k]
            slope[k] = slope[k] * s * 2.0 + 1.0
            value[k] = s * s / parameter + z[k]
    elif kind == 7:  # leaky relu: slope 1 above the kink, `parameter` at and below it
        for k in range(size):
            zk = z[k]
            g = (1.0 if zk > 0.0 else 0.0) * (1.0 - parameter) + parameter
            value[k] = zk * g
            slope[k] = g


@numba.njit(cache=True)
def _loss_and_gradient(kind, parameter, x, y, theta, grad, z, value, slope, residual, table):
    """One network's MSE; its gradient, packed like theta (w, b, v, c), into grad.

    x, y: (n_samples,); theta, grad: (3 n_hidden + 1,); z, value, slope: scratch of at
    least n_samples n_hidden, laid out (n_samples, n_hidden); table: (2, n_samples, n_hidden)
    value and slope when kind is TABLE."""
    n = (theta.size - 1) // 3
    m = x.size
    c = theta[3 * n]
    if kind == TABLE:
        for s in range(m):
            for i in range(n):
                value[s * n + i] = table[0, s, i]
                slope[s * n + i] = table[1, s, i]
    else:
        for s in range(m):
            xs = x[s]
            for i in range(n):
                z[s * n + i] = xs * theta[i] + theta[n + i]
        _activate(kind, parameter, z, value, slope)

    # the output; each sample's sum over nodes in LANES partial sums, then the rest in order
    loss = 0.0
    blocks = n // LANES
    whole = blocks * LANES
    v = theta[2 * n : 3 * n]
    for s in range(m):
        row = s * n
        out = _dot_lanes(value, row, v, blocks)
        for i in range(whole, n):
            out += value[row + i] * v[i]
        r = out + c - y[s]
        residual[s] = r
        loss += r * r
    loss /= m

    # dL/dy_s = 2 r_s / m; the gradient's sums over samples, the nodes as lanes
    for k in range(3 * n + 1):
        grad[k] = 0.0
    pairs = m - m % 2
    for s in range(0, pairs, 2):  # two samples a pass: the same sums, half the stores
        g0 = residual[s] * (2.0 / m)
        g1 = residual[s + 1] * (2.0 / m)
        gx0 = g0 * x[s]
        gx1 = g1 * x[s + 1]
        row0 = s * n
        row1 = row0 + n
        for i in range(n):
            grad[i] = grad[i] + gx0 * slope[row0 + i] + gx1 * slope[row1 + i]
            grad[n + i] = grad[n + i] + g0 * slope[row0 + i] + g1 * slope[row1 + i]
            grad[2 * n + i] = grad[2 * n + i] + g0 * value[row0 + i] + g1 * value[row1 + i]
        grad[3 * n] = grad[3 * n] + g0 + g1
    for s in range(pairs, m):
        g = residual[s] * (2.0 / m)
        gx = g * x[s]
        row = s * n
        for i in range(n):
            grad[i] += gx * slope[row + i]
            grad[n + i] += g * slope[row + i]
            grad[2 * n + i] += g * value[row + i]
        grad[3 * n] += g
    for i in range(n):
        grad[i] *= theta[2 * n + i]
        grad[n + i] *= theta[2 * n + i]
    return loss


@numba.njit(cache=True)
def train_batch(
    kind,
    parameter,
    x,
    y,
    theta,
    first,
    second,
    grad,
    loss,
    history,
    history_row,
    optimiser,
    hyper,
    scale1,
    scale2,
    start,
    stop,
    table,
):
    """Steps start .. stop - 1 of every network of a batch, in place.

    theta, first, second, grad: (networks, 3 n_hidden + 1): parameters, the optimiser's two
    moments (momentum's velocity in first), the last gradient. x, y: (networks or 1,
    n_samples). loss: (networks, iterations + 1); step k writes loss[:, k] (the MSE before its
    update), and every step but the last (k == iterations) updates theta. history: (rows,
    networks, 3 n_hidden + 1), row history_row[k] >= 0 receives theta before step k.
    hyper: Adam's (lr, beta1, beta2, eps) or momentum's (lr, momentum); scale1[k], scale2[k]:
    Adam's bias corrections lr / (1 - beta1^t) and 1 - beta2^t for t = k + 1, computed by
    the caller as the numpy reference computes them. table: (networks, 2, n_samples,
    n_hidden) when kind is TABLE (one step per call), else unused.
    """
    networks, size = theta.shape
    n = (size - 1) // 3
    m = x.shape[1]
    last = loss.shape[1] - 1
    padded = (m * n + 3) // 4 * 4
    z = np.zeros(padded)
    value = np.zeros(padded)
    slope = np.zeros(padded)
    residual = np.zeros(m)
    for j in range(networks):
        data = j if x.shape[0] > 1 else 0
        tab = j if table.shape[0] > 1 else 0
        th, g = theta[j], grad[j]
        for step in range(start, stop):
            if history_row[step] >= 0:
                history[history_row[step], j, :] = th
            loss[j, step] = _loss_and_gradient(
                kind, parameter, x[data], y[data], th, g, z, value, slope, residual, table[tab]
            )
            if step == last:
                break
            if optimiser == ADAM:
                _adam(th, g, first[j], second[j], hyper, scale1[step], scale2[step])
            else:
                _momentum(th, g, first[j], hyper)


@numba.njit(cache=True)
def _adam(theta, grad, first, second, hyper, scale1, scale2):
    """theta -= lr m_hat / (sqrt(s_hat) + eps), rounded as the numpy reference rounds it."""
    beta1, beta2, eps = hyper[1], hyper[2], hyper[3]  # lr is in scale1
    for k in range(theta.size):
        gk = grad[k]
        f = first[k] * beta1 + gk * (1.0 - beta1)
        s = second[k] * beta2 + gk * gk * (1.0 - beta2)
        first[k] = f
        second[k] = s
        theta[k] -= f / (math.sqrt(s / scale2) + eps) * scale1


@numba.njit(cache=True)
def _momentum(theta, grad, velocity, hyper):
    """PyTorch's SGD with momentum (no dampening, not Nesterov): v <- mu v + g, theta -= lr v."""
    lr, mu = hyper[0], hyper[1]
    for k in range(theta.size):
        v = velocity[k] * mu + grad[k]
        velocity[k] = v
        theta[k] -= lr * v
