"""Tests for nnlib.layers: the chapter's worked examples, properties against MLP, a
finite-difference check of the collapsed map's derivative, and readable errors."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnlib.gradcheck import numerical_gradient
from nnlib.layers import compose_affine, layer_table, relu_kinks
from nnlib.mlp import MLP

FAST = settings(max_examples=40, deadline=None, database=None)
sizes_st = st.lists(st.integers(1, 6), min_size=2, max_size=5)


# --- worked examples (the chapter's numbers) ---------------------------------------------

def test_layer_table_of_the_lectures_deep_network():
    # h1, h2, h3 and f: [d, m1, m2, m3, k] = [2, 8, 8, 8, 3], as in the chapter's table
    rows = layer_table([2, 8, 8, 8, 3])
    assert [r["params"] for r in rows] == [24, 72, 72, 27]
    assert [r["W"] for r in rows] == [(8, 2), (8, 8), (8, 8), (3, 8)]
    assert [r["kind"] for r in rows] == ["hidden"] * 3 + ["output"]
    assert sum(r["params"] for r in rows) == 195


def test_compose_affine_worked_example():
    W, b = compose_affine({"W1": [[1.0, -2.0], [3.0, 0.5]], "b1": [0.5, -1.0],
                           "W2": [[2.0, -1.0]], "b2": [0.25]})
    np.testing.assert_allclose(W, [[-1.0, -4.5]])
    np.testing.assert_allclose(b, [2.25])


def test_relu_kinks_worked_example():
    np.testing.assert_array_equal(relu_kinks([2.0, -1.0], [-1.0, 0.0]), [0.5, 0.0])
    assert np.isnan(relu_kinks([0.0], [1.0])[0])


# --- properties --------------------------------------------------------------------------

@FAST
@given(sizes=sizes_st)
def test_layer_table_adds_up_to_mlp_n_params(sizes):
    rows = layer_table(sizes)
    model = MLP(sizes, output="linear")
    assert sum(r["params"] for r in rows) == model.n_params
    assert all(r["params"] == r["weights"] + r["biases"] for r in rows)
    assert [r["W"] for r in rows] == [model.params[f"W{r['layer']}"].shape for r in rows]


@FAST
@given(sizes=sizes_st, seed=st.integers(0, 10_000))
def test_a_linear_network_is_its_composed_affine_map(sizes, seed):
    model = MLP(sizes, activation="identity", output="linear", seed=seed)
    rng = np.random.default_rng(seed)
    for name in model.params:  # non-zero biases, so b' is exercised
        model.params[name] += 0.3 * rng.standard_normal(model.params[name].shape)
    X = rng.standard_normal((7, sizes[0]))
    W, b = compose_affine(model.params)
    assert W.shape == (sizes[-1], sizes[0]) and b.shape == (sizes[-1],)
    np.testing.assert_allclose(X @ W.T + b, model.logits(X), rtol=1e-10, atol=1e-10)


def test_a_relu_network_is_not_an_affine_map():
    model = MLP([2, 4, 1], activation="relu", output="linear", seed=3)
    X = np.random.default_rng(0).standard_normal((50, 2))
    W, b = compose_affine(model.params)
    assert np.abs(X @ W.T + b - model.logits(X)).max() > 0.1


def test_derivative_of_the_linear_network_is_w_prime_everywhere():
    """Finite differences of each output of a 2-3-3-2 linear network equal the rows of W'."""
    model = MLP([2, 3, 3, 2], activation="identity", output="linear", seed=1)
    W, _ = compose_affine(model.params)
    for x in np.random.default_rng(2).standard_normal((3, 2)):
        for j in range(2):
            g = numerical_gradient(lambda v: float(model.logits(v[None, :])[0, j]), x)
            np.testing.assert_allclose(g, W[j], rtol=1e-6, atol=1e-8)


@FAST
@given(m=st.integers(1, 8), seed=st.integers(0, 10_000))
def test_relu_network_is_linear_between_kinks_and_bends_at_each(m, seed):
    model = MLP([1, m, 1], activation="relu", output="linear", seed=seed)
    rng = np.random.default_rng(seed)
    model.params["b1"][:] = rng.uniform(-1, 1, m)
    kinks = relu_kinks(model.params["W1"][:, 0], model.params["b1"])
    x = np.linspace(-3, 3, 601)
    f = model.logits(x[:, None])[:, 0]
    h = x[1] - x[0]
    second = np.abs(f[2:] - 2 * f[1:-1] + f[:-2]) / h  # slope change over each pair of cells
    near = np.zeros(len(second), bool)
    for k in kinks[np.isfinite(kinks)]:
        near |= np.abs(x[1:-1] - k) <= 1.01 * h
    assert np.all(second[~near] < 1e-9)  # linear away from the kinks
    v, w = model.params["W2"][0], model.params["W1"][:, 0]
    f_at = lambda t: model.logits(np.array([[t]]))[0, 0]
    d = 1e-4
    for i, k in enumerate(kinks):  # slope changes by |w_i| v_i across kink i
        if np.isfinite(k) and np.sum(np.abs(kinks - k) < 3 * d) == 1:
            jump = (f_at(k + 2 * d) - f_at(k + d)) / d - (f_at(k - d) - f_at(k - 2 * d)) / d
            assert jump == pytest.approx(abs(w[i]) * v[i], rel=1e-5, abs=1e-7)


# --- errors ------------------------------------------------------------------------------

@pytest.mark.parametrize("sizes, match", [([3], "at least 2"), ("23", "at least 2"),
                                          ([2, 0, 1], "integers >= 1"), ([2, True], ">= 1")])
def test_layer_table_bad_sizes(sizes, match):
    with pytest.raises(ValueError, match=match):
        layer_table(sizes)


def test_compose_affine_errors_name_the_argument():
    with pytest.raises(TypeError, match="params must be a dict"):
        compose_affine([np.eye(2)])
    with pytest.raises(ValueError, match="keys W1, b1"):
        compose_affine({"W1": np.eye(2)})
    with pytest.raises(ValueError, match=r"W2 must be a 2-D array of shape \(1, 2\)"):
        compose_affine({"W1": np.eye(2), "b1": np.zeros(2), "W2": np.ones((1, 3)), "b2": [0.0]})
    with pytest.raises(ValueError, match=r"b1 must have shape \(2,\)"):
        compose_affine({"W1": np.eye(2), "b1": np.zeros(3)})


def test_relu_kinks_shape_error():
    with pytest.raises(ValueError, match="same length m"):
        relu_kinks([1.0, 2.0], [1.0])
