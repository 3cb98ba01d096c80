"""sin and cos of a float64 array with glibc's vector maths library (libmvec), via numba.

numpy's float64 sin and cos call the scalar libm, about 20 ns per element each on this
machine, and the periodic activations need both at every training step: they were nearly
all of a cos, sin or Snake sweep's time. libmvec's AVX2 functions take four elements a
call and give both in about 2 ns (bench/sweep.py). numba compiles the loop that calls them
(``cache=True``: a job loads it in a tenth of a second instead of compiling it); numpy
cannot call them. libmvec is within 4 ulp of the exact value (glibc's manual), where libm
is within 1: the sweep's networks differ in their last bits, not in their rates.

Import this module only through ``nnfit.model.activations._sin_cos``, which falls back to numpy
where libmvec or AVX2 is missing.
"""

import llvmlite.binding as llvm
import numba
import numpy as np
from llvmlite import ir
from numba import types
from numba.core import cgutils
from numba.extending import intrinsic

LANES = 4  # doubles per AVX2 register: the 'd' (AVX2) variants of the x86-64 vector ABI
AVAILABLE = "avx2" in llvm.get_host_cpu_features().flatten()
if AVAILABLE:
    try:
        llvm.load_library_permanently("libmvec.so.1")
    except RuntimeError:
        AVAILABLE = False


@intrinsic
def _sin_cos_lanes(typingctx, z, sin_out, cos_out, start):
    """sin and cos of z[start : start + 4] into the outputs: one load, two libmvec calls."""

    def codegen(context, builder, signature, args):
        vector = ir.VectorType(ir.DoubleType(), LANES)
        call = ir.FunctionType(vector, [vector])

        def lanes(array, array_type):
            data = context.make_array(array_type)(context, builder, array).data
            return builder.bitcast(builder.gep(data, [args[3]]), vector.as_pointer())

        value = builder.load(lanes(args[0], signature.args[0]), align=8)
        for name, position in (("_ZGVdN4v_sin", 1), ("_ZGVdN4v_cos", 2)):
            function = cgutils.get_or_insert_function(builder.module, call, name)
            target = lanes(args[position], signature.args[position])
            builder.store(builder.call(function, [value]), target, align=8)
        return context.get_dummy_value()

    return types.void(z, sin_out, cos_out, start), codegen


@numba.njit(cache=True)
def sin_cos(z, sin_out, cos_out):
    """sin(z) into sin_out and cos(z) into cos_out: 1-d C-contiguous float64 arrays of one
    size; cos_out (or sin_out) may be z itself. The last few elements go through a padded
    block, so every element gets the same libmvec value wherever it sits in the array."""
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
