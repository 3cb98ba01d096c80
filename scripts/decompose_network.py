"""Rule decompose_network: each hidden node's v_i h_i(x) over the training range."""

from nnfit.publish.logs import log_to

log = log_to(snakemake.log[0])

import numpy as np  # noqa: E402

from nnfit.model.analysis import decompose  # noqa: E402
from nnfit.model.artifacts import load_model, save_npz  # noqa: E402
from nnfit.model.network import forward  # noqa: E402

model = load_model(snakemake.input.model)
params = model.params
act = model.act()
x = np.linspace(*snakemake.params.train_range, snakemake.params.grid_points)
parts = decompose(params, x, act)
# summing n terms rounds by up to n * 2.2e-16 of their absolute sum: far below this tolerance
scale = np.max(np.abs(parts["contributions"]).sum(axis=-1) + np.abs(params.c))
gap = np.max(np.abs(parts["output"] - forward(params, x, act)))
if gap > 1e-12 * max(scale, 1.0):
    raise RuntimeError(f"{act.name}: node contributions miss the network output by {gap:.3g}")
save_npz(snakemake.output[0], **parts)
log.info("%s: %d node contributions on %d points", act.name, params.w.size, x.size)
