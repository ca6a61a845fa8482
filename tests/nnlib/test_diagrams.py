"""nnlib.diagrams: the layout is computed from the weights (tested here), then drawn."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # not MPLBACKEND: nbval's kernels inherit the environment

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure

from nnlib.diagrams import MAX_WIDTH, MIN_WIDTH, draw_network, draw_neuron, network_edges, network_layout
from nnlib.mlp import MLP


def test_layout_hand_worked():
    layout = network_layout([2, 3, 1])
    assert [p.tolist() for p in layout] == [[[0.0, 0.5], [0.0, -0.5]],
                                            [[1.0, 1.0], [1.0, 0.0], [1.0, -1.0]],
                                            [[2.0, 0.0]]]


@given(st.lists(st.integers(1, 6), min_size=2, max_size=5))
def test_layout_centres_every_layer(sizes):
    for l, points in enumerate(network_layout(sizes)):
        assert points.shape == (sizes[l], 2)
        assert np.all(points[:, 0] == l)
        assert abs(points[:, 1].mean()) < 1e-12
        assert np.all(np.diff(points[:, 1]) == -1.0)  # unit 0 at the top, one apart


@settings(max_examples=50)
@given(st.lists(st.integers(1, 4), min_size=2, max_size=4), st.integers(0, 2**32 - 1))
def test_edges_width_and_sign_follow_the_weights(sizes, seed):
    rng = np.random.default_rng(seed)
    weights = [rng.normal(size=(sizes[l + 1], sizes[l])) for l in range(len(sizes) - 1)]
    edges = network_edges(weights)
    assert len(edges) == sum(W.size for W in weights)
    for e in edges:
        assert e.weight == weights[e.layer][e.j, e.i]
        assert (e.color, e.linestyle) == (("#0072B2", "solid") if e.weight >= 0 else ("#D55E00", "dashed"))
        assert MIN_WIDTH <= e.width <= MAX_WIDTH
    strongest = max(edges, key=lambda e: abs(e.weight))
    assert strongest.width == MAX_WIDTH
    by_size = sorted(edges, key=lambda e: abs(e.weight))
    assert [e.width for e in by_size] == sorted(e.width for e in by_size)


def test_zero_weights_keep_hairlines():
    assert {e.width for e in network_edges([np.zeros((1, 3))])} == {MIN_WIDTH}


def test_draw_network_from_an_mlp():
    model = MLP([2, 3, 1], activation="tanh", output="sigmoid", seed=0)
    fig = Figure()
    weights = [model.params["W1"], model.params["W2"]]
    out = draw_network(fig.add_subplot(), weights, labels=[["x₁", "x₂"], ["h₁", "h₂", "h₃"], ["ŷ"]],
                       values=[np.array([1.0, 0.0]), np.array([0.25, -0.5, 0.125]), np.array([0.7])])
    assert len(out["nodes"]) == 6 and len(out["edges"]) == 9
    texts = [t.get_text() for t in out["texts"]]
    assert {"0.25", "-0.50", "0.12", "0.70", "x₁", "h₃", "ŷ"} <= set(texts)


def test_layer_gap_spreads_the_layers_and_keeps_the_nodes_round():
    ax = Figure().add_subplot()
    out = draw_network(ax, [np.ones((4, 3)), np.ones((5, 4))], layer_gap=2.5)
    centres = sorted({round(c.center[0], 9) for c in out["nodes"]})
    assert centres == [0.0, 2.5, 5.0]
    assert ax.get_xlim() == pytest.approx((-0.4, 5.4)) and ax.get_aspect() == 1.0
    assert {line.get_linewidth() for line in out["edges"]} == {MAX_WIDTH}  # equal weights, widest
    thin = draw_network(Figure().add_subplot(), [np.ones((4, 3))], scale_widths=False)
    assert {line.get_linewidth() for line in thin["edges"]} == {MIN_WIDTH + 0.6}


def test_draw_neuron_computes_z_and_y_hat():
    fig = Figure()
    out = draw_neuron(fig.add_subplot(), [1.5, -0.8], 0.3, activation="sigmoid", x=[1.0, 2.0])
    assert out["z"] == pytest.approx(1.5 - 1.6 + 0.3)
    assert out["y_hat"] == pytest.approx(1 / (1 + np.exp(-0.2)))
    texts = [t.get_text() for t in out["texts"]]
    assert "z = 0.20" in texts and "ŷ = 0.55" in texts and "w₂ = −0.8" in texts
    symbolic = draw_neuron(Figure().add_subplot(), [1.0, 2.0, 3.0], -1.0, activation="g")
    assert symbolic["z"] is None and symbolic["y_hat"] is None
    assert {"x₁", "x₃", "+ b = −1", "g", "ŷ"} <= {t.get_text() for t in symbolic["texts"]}


@pytest.mark.parametrize("weights, match", [
    ([], "non-empty list"),
    (np.ones((2, 2)), "non-empty list"),
    ([np.ones(3)], r"weights\[0\] must be a non-empty 2-D array"),
    ([np.ones((2, 3)), np.ones((1, 3))], r"weights\[1\] has 3 columns but layer 1 has 2 units"),
    ([np.array([[np.nan]])], r"weights\[0\] must be finite"),
])
def test_bad_weights_are_named(weights, match):
    with pytest.raises(ValueError, match=match):
        network_edges(weights)


def test_bad_drawing_arguments_are_named():
    ax = Figure().add_subplot()
    W = [np.ones((2, 2)), np.ones((1, 2))]
    with pytest.raises(ValueError, match="values must have one array per layer"):
        draw_network(ax, W, values=[np.ones(2)])
    with pytest.raises(ValueError, match=r"values\[1\] must have 2 entries"):
        draw_network(ax, W, values=[np.ones(2), np.ones(3), np.ones(1)])
    with pytest.raises(ValueError, match="labels must have"):
        draw_network(ax, W, labels=[["a"], ["b", "c"], ["d"]])
    with pytest.raises(ValueError, match="sizes must list at least two layers"):
        network_layout([3])
    with pytest.raises(ValueError, match="layer_gap must be a positive number, got 0"):
        draw_network(ax, W, layer_gap=0)
    with pytest.raises(ValueError, match=r"sizes\[1\] must be a positive integer"):
        network_layout([2, 0])
    with pytest.raises(ValueError, match="x must hold 2 finite numbers"):
        draw_neuron(ax, [1.0, 2.0], 0.0, x=[1.0])
    with pytest.raises(ValueError, match="b must be a finite number"):
        draw_neuron(ax, [1.0], float("nan"))
    with pytest.raises(ValueError, match="w must be a non-empty"):
        draw_neuron(ax, [], 0.0)
