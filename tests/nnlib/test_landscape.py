"""Tests for nnlib.landscape: per-neuron norms, the slice through θ*, its gradient by the
chain rule against finite differences, parameters restored."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnlib.datasets import moons
from nnlib.gradcheck import numerical_gradient
from nnlib.landscape import filter_normalized_direction, loss_slice, plane_params, slice_gradient
from nnlib.mlp import MLP

FAST = settings(max_examples=30, deadline=None, database=None, derandomize=True)


@FAST
@given(st.integers(0, 10_000), st.integers(1, 6), st.integers(1, 6))
def test_directions_have_each_neurons_norm_and_leave_biases(seed, m, d):
    params = MLP([d, m, 2], seed=seed % 7).params
    direction = filter_normalized_direction(params, rng=seed)
    for name, w in params.items():
        assert direction[name].shape == w.shape
        if name.startswith("W"):
            np.testing.assert_allclose(np.linalg.norm(direction[name], axis=1),
                                       np.linalg.norm(w, axis=1), rtol=1e-12)
        else:
            assert not direction[name].any()
    assert all(np.array_equal(direction[k], filter_normalized_direction(params, rng=seed)[k])
               for k in params)


def test_slice_passes_through_theta_and_restores_it():
    X, y = moons(n=50, seed=0)
    model = MLP([2, 4, 1], activation="tanh", output="sigmoid", seed=1)
    before = model.get_params()
    d, e = (filter_normalized_direction(model.params, rng=s) for s in (0, 1))
    grid = loss_slice(model, X, y, d, e, [-0.5, 0.0, 0.5], [0.0, 1.0])
    assert grid.shape == (2, 3) and grid[0, 1] == pytest.approx(model.loss(X, y))
    assert all(np.array_equal(before[k], model.params[k]) for k in before)
    moved = MLP([2, 4, 1], activation="tanh", output="sigmoid")
    moved.set_params(plane_params(before, d, e, 0.5, 1.0))
    assert grid[1, 2] == pytest.approx(moved.loss(X, y))


def test_slice_gradient_matches_finite_differences():
    X, y = moons(n=40, seed=2)
    model = MLP([2, 5, 1], activation="tanh", output="sigmoid", seed=0)
    center = model.get_params()
    d, e = (filter_normalized_direction(center, rng=s) for s in (3, 4))
    f = lambda p: slice_gradient(model, X, y, center, d, e, *p)[0]
    point = np.array([0.3, -0.6])
    np.testing.assert_allclose(slice_gradient(model, X, y, center, d, e, *point)[1],
                               numerical_gradient(f, point), atol=1e-7)


def test_bad_arguments_are_named():
    model = MLP([2, 2, 1], output="sigmoid")
    with pytest.raises(TypeError, match="params must be a non-empty dict"):
        filter_normalized_direction({})
    with pytest.raises(ValueError, match="delta must have the keys"):
        loss_slice(model, [[0.0, 0.0]], [0], {"W1": 0}, model.params, [0.0], [0.0])
    with pytest.raises(ValueError, match="1-D"):
        loss_slice(model, [[0.0, 0.0]], [0], model.params, model.params, [[0.0]], [0.0])
