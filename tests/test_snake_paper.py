"""Snake in its authors' setting: the optimiser, the data and the target that grades it."""

import numpy as np
import pytest

from conftest import run_workflow, tiny_config
from nnfit.experiments.snake_paper import PAPER, paper_training_set, train_with_momentum
from nnfit.model.activations import get_activation
from nnfit.model.training import init_params, mse_and_grad


def test_momentum_steps_as_pytorch_sgd_does():
    act = get_activation("snake", a=2.0)
    x = np.linspace(-1, 1, 16)
    y = np.sin(3 * x)
    params = init_params(np.random.default_rng(0), 4)
    trained, loss = train_with_momentum(params, x, y, act, 3, lr=0.05, momentum=0.9)
    theta = [np.array(p, float) for p in params]
    velocity = [np.zeros_like(p) for p in theta]
    for _ in range(3):  # v <- 0.9 v + g; theta <- theta - lr v
        _, grad = mse_and_grad(type(params)(*theta), x, y, act)
        velocity = [0.9 * v + g for v, g in zip(velocity, grad, strict=True)]
        theta = [t - 0.05 * v for t, v in zip(theta, velocity, strict=True)]
    for got, want in zip(trained, theta, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15)
    assert loss.shape == (4,)


def test_the_samples_lie_half_on_each_piece():
    x, y = paper_training_set(0, 0.1)
    assert x.size == y.size == PAPER.n_samples
    assert np.sum((x >= -15) & (x <= -5)) == np.sum((x >= 5) & (x <= 15)) == PAPER.n_samples // 2


@pytest.mark.slow
def test_the_snake_paper_target_grades_the_claim(tmp_path):
    config = tiny_config("snake")
    config["snake_paper"] = {"seeds": 2, "iterations": 5}
    run = run_workflow(tmp_path, config, "snake_paper")
    assert run.returncode == 0, run.stderr
    claims = (tmp_path / "results/snake_paper/claims.md").read_text()
    assert "of 2 seeds fit" in claims and "for 5 steps" in claims
    assert (tmp_path / "results/figures/snake_paper.png").stat().st_size > 0
