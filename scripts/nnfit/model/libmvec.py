"""sin, cos and exp of float64 arrays with glibc's vector maths library (libmvec), via numba.

numpy's float64 sin and cos call the scalar libm, about 20 ns per element each on this
machine, and the periodic activations need both at every training step: they were nearly
all of a cos, sin or Snake sweep's time. libmvec's AVX2 functions take four elements a
call and give both in about 2 ns (bench/sweep.py). numba compiles the loops that call them
(``cache=True``: a job loads them in a tenth of a second instead of compiling them); numpy
cannot call them. libmvec is within 4 ulp of the exact value (glibc's manual), where libm
is within 1: networks differ from numpy's in their last bits, not in their rates.

Every machine with AVX2 calls the same AVX2 variants (``_ZGVdN4v_*``, four lanes), also where
wider registers exist, so these values do not depend on the CPU's vector width. Without AVX2,
or when numba is told to compile for another CPU than the host (``NUMBA_CPU_NAME``, e.g.
``generic``), ``sin_cos`` and ``exp`` are the scalar libm's: the portable path, whose last bits
differ. The training kernel (nnfit.model.kernel) and ``nnfit.model.activations._sin_cos`` call
them. numba's cache checks only the source file of the function it compiled: after editing
this file, delete ``scripts/nnfit/model/__pycache__`` so the kernel is compiled again.
"""

import math

import llvmlite.binding as llvm
import numba
import numpy as np
from llvmlite import ir
from numba import types
from numba.core import cgutils, config
from numba.extending import intrinsic

LANES = 4  # doubles per AVX2 register: the 'd' (AVX2) variants of the x86-64 vector ABI
# a vector argument is passed in one AVX register only in code compiled for the host's AVX2
AVAILABLE = config.CPU_NAME in (None, "host") and "avx2" in llvm.get_host_cpu_features().flatten()
if AVAILABLE:
    try:
        llvm.load_library_permanently("libmvec.so.1")
    except RuntimeError:
        AVAILABLE = False


def _lanes_intrinsic(names):
    """An intrinsic (z, *outs, start) storing each named libmvec function of z[start:start+4]
    into its output: one load, one call per function."""

    def typer(typingctx, z, *rest):
        *outs, start = rest

        def codegen(context, builder, signature, args):
            vector = ir.VectorType(ir.DoubleType(), LANES)
            call = ir.FunctionType(vector, [vector])

            def lanes(array, array_type):
                data = context.make_array(array_type)(context, builder, array).data
                return builder.bitcast(builder.gep(data, [args[-1]]), vector.as_pointer())

            value = builder.load(lanes(args[0], signature.args[0]), align=8)
            for position, name in enumerate(names, start=1):
                function = cgutils.get_or_insert_function(builder.module, call, name)
                target = lanes(args[position], signature.args[position])
                builder.store(builder.call(function, [value]), target, align=8)
            return context.get_dummy_value()

        return types.void(z, *outs, start), codegen

    return typer


@intrinsic
def _sin_cos_lanes(typingctx, z, sin_out, cos_out, start):
    """sin and cos of z[start : start + 4] into the outputs."""
    return _lanes_intrinsic(("_ZGVdN4v_sin", "_ZGVdN4v_cos"))(typingctx, z, sin_out, cos_out, start)


@intrinsic
def _exp_lanes(typingctx, z, out, start):
    """exp of z[start : start + 4] into out."""
    return _lanes_intrinsic(("_ZGVdN4v_exp",))(typingctx, z, out, start)


@numba.njit(cache=True)
def _sin_cos_vector(z, sin_out, cos_out):
    n = z.size
    whole = n - n % LANES
    for start in range(0, whole, LANES):
        _sin_cos_lanes(z, sin_out, cos_out, start)
    if whole < n:
        block = np.zeros((3, LANES))
        block[0, : n - whole] = z[whole:]
        _sin_cos_lanes(block[0], block[1], block[2], 0)
        sin_out[whole:] = block[1, : n - whole]
        cos_out[whole:] = block[2, : n - whole]


@numba.njit(cache=True)
def _exp_vector(z, out):
    n = z.size
    whole = n - n % LANES
    for start in range(0, whole, LANES):
        _exp_lanes(z, out, start)
    if whole < n:
        block = np.zeros((2, LANES))
        block[0, : n - whole] = z[whole:]
        _exp_lanes(block[0], block[1], 0)
        out[whole:] = block[1, : n - whole]


@numba.njit(cache=True)
def _sin_cos_scalar(z, sin_out, cos_out):
    for k in range(z.size):
        value = z[k]
        sin_out[k] = math.sin(value)
        cos_out[k] = math.cos(value)


@numba.njit(cache=True)
def _exp_scalar(z, out):
    for k in range(z.size):
        out[k] = math.exp(z[k])


# sin_cos(z, sin_out, cos_out) and exp(z, out): 1-d C-contiguous float64 arrays of one size;
# an output may be z itself. The last few elements go through a padded block, so every
# element gets the same value wherever it sits in the array.
sin_cos = _sin_cos_vector if AVAILABLE else _sin_cos_scalar
exp = _exp_vector if AVAILABLE else _exp_scalar
