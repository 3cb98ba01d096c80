import numpy as np
import pytest
import reference_training

from nnfit.model.activations import ACTIVATIONS, Activation, get_activation
from nnfit.model.analysis import decompose
from nnfit.model.network import Params, forward, mse, pack, unpack
from nnfit.model.training import (
    AdamConfig,
    TrainingDiverged,
    init_params,
    recorded_steps,
    train,
    train_with_momentum,
)

X = np.linspace(-5, 5, 50)
Y = np.sin(X)


def test_history_has_one_row_per_step_and_matches_the_loss():
    act = ACTIVATIONS["sigmoid"]
    initial = init_params(np.random.default_rng(0), 10)
    result = train(initial, X, Y, act, 25, AdamConfig(), record_history=True)
    h = result.history
    assert h.w.shape == h.b.shape == h.v.shape == (26, 10)
    assert h.c.shape == (26,) and result.loss.shape == (26,)
    for field in Params._fields:
        np.testing.assert_array_equal(getattr(h, field)[0], getattr(initial, field))
        np.testing.assert_array_equal(getattr(h, field)[-1], getattr(result.params, field))
    for step in (0, 7, 25):
        row = Params(*(getattr(h, f)[step] for f in Params._fields))
        assert result.loss[step] == pytest.approx(mse(row, X, Y, act), rel=1e-12)
    assert result.loss[-1] < result.loss[0]


def test_a_sparse_history_keeps_every_kth_step_and_the_last_of_the_full_one():
    act = ACTIVATIONS["relu"]
    initial = init_params(np.random.default_rng(1), 8, batch=(3,))
    full = train(initial, X, Y, act, 25, AdamConfig(), record_history=True).history
    sparse = train(initial, X, Y, act, 25, AdamConfig(), record_history=True, record_every=10)
    assert recorded_steps(25, 10).tolist() == [0, 10, 20, 25]
    for field in Params._fields:
        np.testing.assert_array_equal(
            getattr(sparse.history, field), getattr(full, field)[[0, 10, 20, 25]]
        )


def test_adam_first_step_moves_every_parameter_by_the_learning_rate():
    # bias-corrected Adam's first step is lr * g / (|g| + eps): a signed step of size lr
    act = ACTIVATIONS["tanh"]
    initial = init_params(np.random.default_rng(3), 4)
    result = train(initial, X, Y, act, 1, AdamConfig(lr=0.125, eps=0.0))
    for before, after in zip(initial, result.params, strict=True):
        np.testing.assert_allclose(np.abs(after - before), 0.125, rtol=1e-12)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_a_batch_of_networks_trains_like_each_network_alone(name):
    act = ACTIVATIONS[name]
    batch = init_params(np.random.default_rng(5), 6, batch=(4,))
    together = train(batch, X, Y, act, 30, AdamConfig())
    for i in range(4):
        alone = train(Params(*(p[i] for p in batch)), X, Y, act, 30, AdamConfig())
        # the kernel trains each network of a batch alone: the same bytes
        np.testing.assert_array_equal(together.loss[i], alone.loss)
        for a, b in zip(together.params, alone.params, strict=True):
            np.testing.assert_array_equal(a[i], b)


KERNEL_CASES = [(name, {}) for name in sorted(ACTIVATIONS)] + [
    ("snake", {"a": 5.0}),
    ("leaky_relu", {"slope": 0.2}),
]


@pytest.mark.parametrize(("name", "parameters"), KERNEL_CASES)
def test_the_kernels_losses_follow_the_numpy_reference_network_by_network(name, parameters):
    # 7c8c3e6's numpy path, one network at a time: the kernel sums in other orders and takes
    # sin, cos and exp from libmvec, so the two agree to rounding, not to the bit
    act = get_activation(name, **parameters)
    x = np.random.default_rng(8).uniform(-2 * np.pi, 2 * np.pi, (3, 50))
    y = np.sin(x) + np.random.default_rng(9).normal(0, 0.1, x.shape)
    initial = init_params(np.random.default_rng(6), 12, batch=(3,))
    kernel = train(initial, x, y, act, 100, AdamConfig(lr=0.05))
    for i in range(3):
        alone = reference_training.train(
            Params(*(p[i] for p in initial)), x[i], y[i], act, 100, AdamConfig(lr=0.05)
        )
        np.testing.assert_allclose(kernel.loss[i], alone.loss, rtol=1e-10, atol=0)


def test_an_activation_the_kernel_does_not_know_trains_from_its_numpy_value_and_slope():
    # a registry entry added without kernel code is tabulated each step: the same training
    sigmoid = ACTIVATIONS["sigmoid"]
    unknown = Activation("sigmoid_copy", sigmoid.f, sigmoid.df, "copy", "$f$", "black", sigmoid.js)
    initial = init_params(np.random.default_rng(4), 7, batch=(2,))
    tabulated = train(initial, X, Y, unknown, 40, AdamConfig(lr=0.1))
    known = train(initial, X, Y, sigmoid, 40, AdamConfig(lr=0.1))
    np.testing.assert_allclose(tabulated.loss, known.loss, rtol=1e-12)
    reference = reference_training.train(initial, X, Y, unknown, 40, AdamConfig(lr=0.1))
    np.testing.assert_allclose(tabulated.loss, reference.loss, rtol=1e-10)


def test_momentum_follows_the_numpy_reference():
    act = get_activation("snake", a=3.0)
    initial = init_params(np.random.default_rng(2), 9)
    params, loss = train_with_momentum(initial, X / 5, Y, act, 100, lr=0.01, momentum=0.9)
    _, reference = reference_training.train_with_momentum(
        initial, X / 5, Y, act, 100, lr=0.01, momentum=0.9
    )
    np.testing.assert_allclose(loss, reference, rtol=1e-10)


def test_packed_parameters_unpack_to_the_same_arrays():
    params = init_params(np.random.default_rng(7), 5, batch=(2, 3))
    theta = pack(params)
    assert theta.shape == (2, 3, 16)
    for packed, original in zip(unpack(theta), params, strict=True):
        np.testing.assert_array_equal(packed, original)
    assert np.shares_memory(unpack(theta).c, theta)  # views: an update reaches every field


def test_divergence_names_the_activation_and_learning_rate():
    initial = init_params(np.random.default_rng(0), 5)
    with pytest.raises(TrainingDiverged, match=r"relu.*learning rate 1e\+300"):
        train(initial, X, Y, ACTIVATIONS["relu"], 5, AdamConfig(lr=1e300))


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_node_contributions_sum_to_the_network_output(name):
    act = ACTIVATIONS[name]
    params = init_params(np.random.default_rng(2), 9)
    grid = np.linspace(-15, 15, 301)
    parts = decompose(params, grid, act)
    assert parts["contributions"].shape == (301, 9)
    total = parts["contributions"].sum(axis=1) + params.c
    np.testing.assert_allclose(total, forward(params, grid, act), rtol=0, atol=1e-12)


def test_a_training_job_leaves_scipy_linalg_unimported_and_importable():
    """The kernel keeps numba from importing scipy.linalg for its BLAS probe (0.2 s of every
    training job) and leaves scipy.linalg importable afterwards."""
    import subprocess
    import sys
    from pathlib import Path

    script = f"""
import sys
sys.path.insert(0, {str(Path(__file__).resolve().parents[1] / "scripts")!r})
import numpy as np
from nnfit.model.activations import get_activation
from nnfit.model.training import AdamConfig, init_params, train
from nnfit.model.seeding import init_rng
act = get_activation("cos")
x = np.linspace(-5, 5, 50)
train(init_params(init_rng(0, act.name), 3), x, np.sin(x), act, 10, AdamConfig(lr=0.01))
assert "scipy.linalg" not in sys.modules, "numba imported scipy.linalg"
import scipy.linalg
assert np.isclose(scipy.linalg.det(np.eye(2)), 1.0)
"""
    subprocess.run([sys.executable, "-c", script], check=True)
