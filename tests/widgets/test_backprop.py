"""Tests for nnlib.widgets.backprop (the chapter *Backpropagation, one node at a time*): its
data functions with the chapter's numbers. tests/widgets/test_registry.py checks that every
widget builds, renders, responds and fits its page; the exercises are tried in
tests/book/test_exercises.py.

The step-through widget's data is checked at every point of its static grid against a
graph built here, independently, with nnlib's scalar autodiff, and against the lecture's
closed forms, to 1e-12 (relative, for the one gradient above 1: ∂ℓ/∂ŷ of a saturated unit).
"""

import matplotlib

matplotlib.use("Agg")

import math

import numpy as np
import pytest

from nnlib.activations import sigmoid
from nnlib.autodiff import backward_steps, mlp_graph, neuron_graph, topological_order
from nnlib.gradcheck import numerical_gradient
from nnlib.widgets.backprop import (
    NETWORKS, PRESETS, gradient_flow_data, layer_gradient_norms, n_steps, paths_data,
    step_through, step_through_data, tex, walk_data,
)
from nnlib.widgets.backprop.stepper import collisions
from nnlib.widgets.static import frame_grid

TOL = 1e-12


def _reference(network: str, v: dict):
    """nnlib's scalar graph of `network` at the values v, built without the widget's code."""
    if network == "neuron":
        loss, nodes = neuron_graph([v["w11"], v["w21"]], [v["x1"], v["x2"]], None, v["y"])
    else:
        params = {"W1": np.array([[v["w11"], v["w21"]], [v["w12"], v["w22"]]]), "b1": np.zeros(2),
                  "W2": np.array([[v["v1"], v["v2"]]]), "b2": np.zeros(1)}
        loss, _ = mlp_graph(params, [v["x1"], v["x2"]], int(v["y"]), "sigmoid", "sigmoid")
        nodes = {n.label: n for n in topological_order(loss)}
    order = [n.label for n in backward_steps(loss)]  # leaves every grad final
    return nodes, order


def _closed_forms(network: str, v: dict) -> dict:
    """The lecture's formulas for the gradients the chapter derives by hand."""
    x1, x2, y = v["x1"], v["x2"], v["y"]
    if network == "neuron":
        y_hat = float(sigmoid(v["w11"] * x1 + v["w21"] * x2))
        return {"w11": (y_hat - y) * x1, "w21": (y_hat - y) * x2, "x1": (y_hat - y) * v["w11"],
                "x2": (y_hat - y) * v["w21"], "z": y_hat - y,
                "y_hat": (1 - y) / (1 - y_hat) - y / y_hat}
    a11 = float(sigmoid(v["w11"] * x1 + v["w21"] * x2))
    a12 = float(sigmoid(v["w12"] * x1 + v["w22"] * x2))
    y_hat = float(sigmoid(v["v1"] * a11 + v["v2"] * a12))
    d11, d12 = (y_hat - y) * v["v1"] * a11 * (1 - a11), (y_hat - y) * v["v2"] * a12 * (1 - a12)
    return {"a11": (y_hat - y) * v["v1"], "a12": (y_hat - y) * v["v2"],  # the slides' ∂l/∂a
            "z11": d11, "z12": d12,  # ∂l/∂z11 = σ'(z11) · ∂l/∂a11, the right way round
            "w11^(1)": (y_hat - y) * v["v1"] * a11 * (1 - a11) * x1, "w21^(1)": d11 * x2,
            "w12^(1)": d12 * x1, "w22^(1)": d12 * x2,
            "w11^(2)": (y_hat - y) * a11, "w21^(2)": (y_hat - y) * a12,
            "x1": d11 * v["w11"] + d12 * v["w12"], "x2": d11 * v["w21"] + d12 * v["w22"],
            "z21": y_hat - y}


def test_every_static_frame_equals_nnlibs_scalar_graph_to_1e_12():
    fig = step_through()
    grid = frame_grid(fig)
    assert len(grid) == 2 * 3 * 23
    for point in grid:
        data = fig.compute(**point)
        v = data["values"]
        nodes, order = _reference(point["network"], v)
        for label, (value, grad) in data["nodes"].items():
            assert abs(value - nodes[label].data) <= TOL, (point, label)
            assert abs(grad - nodes[label].grad) <= TOL, (point, label)
        for label, expected in _closed_forms(point["network"], v).items():  # relative for
            assert abs(data["nodes"][label][1] - expected) <= TOL * max(1, abs(expected)), \
                (point, label)  # ∂ℓ/∂ŷ = 666 of the saturated preset
        assert data["backward"] == [label for label in order if label in data["nodes"]]
        if data["phase"] == "backward" and data["current"] != "loss":  # the written-out sum
            total = math.fsum(g * d for g, d in data["terms"])
            assert abs(total - data["nodes"][data["current"]][1]) <= TOL, point
        # what the picture shows: a value once computed, a gradient once reached
        reached = data["backward"][:max(0, data["step"] - len(data["forward"]))]
        assert {k for k, s in data["shown"].items() if s == "grad"} == set(reached)


def test_no_edge_crosses_a_box_and_no_label_touches_another_at_any_static_frame():
    """The review's finding: w₂₁⁽¹⁾'s box sat on the edge x₁ → z₁₁ and gradients were cut by
    edges. Every frame of the static grid is drawn and measured (boxes in pixels)."""
    fig = step_through()
    for point in frame_grid(fig):
        assert fig.update(**point), fig.message
        assert collisions(fig.figure) == [], point
    # the checker sees a collision when there is one: a weight moved onto x₁'s edge
    fig.update(network="two_layer", values="sliders", step=22)
    text = next(t for t in fig.figure.axes[0].texts if t.get_gid() == "node:w21^(1)")
    text.set_position(NETWORKS["two_layer"]["layout"]["x1"])
    assert any("w21^(1)" in c for c in collisions(fig.figure))


def test_one_neuron_says_it_has_ten_steps_when_asked_for_more():
    fig = step_through()
    assert fig.values["network"] == "neuron" and fig.values["values"] == "sliders"
    fig.update(network="neuron", step=15)
    assert fig.data["step"] == 10 and fig.data["past_end"]
    title = fig.figure.texts[0].get_text()
    assert "step 10 of 10 (the last: one neuron has 10)" in title
    fig.update(network="neuron", step=10)
    assert not fig.data["past_end"] and "the last" not in fig.figure.texts[0].get_text()


def test_walk_goes_forward_then_backward_one_node_at_a_time():
    assert (n_steps("neuron"), n_steps("two_layer")) == (11, 23)
    d = walk_data("two_layer", 7, **PRESETS["sliders"])
    assert d["forward"] == ["z11", "a11", "z12", "a12", "z21", "y_hat", "loss"]
    assert d["current"] == "loss" and all(s for s in d["shown"].values())
    assert d["backward"][:3] == ["loss", "y_hat", "z21"] and d["backward"][-2:] == ["x2", "x1"]
    end = walk_data("neuron", 99, **PRESETS["sliders"])  # past the end: the end
    assert end["step"] == 10 and end["current"] == "w11"
    start = walk_data("neuron", 0, **PRESETS["sliders"])
    assert start["shown"]["z"] == "" and start["shown"]["x1"] == "value"


def test_the_chain_rule_is_written_the_right_way_round():
    """The slides write ∂l/∂a11 = σ'(z11) · ∂l/∂z11; it is ∂l/∂z11 = ∂l/∂a11 · σ'(z11)."""
    d = walk_data("two_layer", 18, **PRESETS["sliders"])
    assert d["current"] == "z11"
    assert d["equation"][0] == (r"$\partial\ell/\partial z_{11} = \partial\ell/\partial a_{11}"
                                r"\cdot \sigma'(z_{11})$")
    a11 = d["nodes"]["a11"][0]
    assert d["terms"] == [(d["nodes"]["a11"][1], pytest.approx(a11 * (1 - a11), abs=1e-15))]


def test_chapter_numbers_and_finite_differences():
    v = PRESETS["sliders"]
    d = walk_data("two_layer", 22, **v)
    assert round(d["nodes"]["w11^(1)"][1], 5) == -0.08743 and round(d["nodes"]["x1"][1], 5) == -0.06764
    assert round(walk_data("neuron", 10, **v)["nodes"]["w11"][1], 4) == -0.2967

    def loss_at(x):
        return walk_data("two_layer", 0, **{**v, "x1": x[0], "x2": x[1]})["nodes"]["loss"][0]

    fd = numerical_gradient(loss_at, np.array([v["x1"], v["x2"]]))
    np.testing.assert_allclose(fd, [d["nodes"]["x1"][1], d["nodes"]["x2"][1]], atol=1e-8)


def test_presets_and_bad_values_are_readable():
    sat = step_through_data("two_layer", "saturated", 22, **PRESETS["sliders"])
    assert sat["values"] == {k: float(x) for k, x in PRESETS["saturated"].items()}
    with pytest.raises(ValueError, match="values must be one of"):
        step_through_data("neuron", "nope", 0, **PRESETS["sliders"])
    with pytest.raises(ValueError, match="network must be one of"):
        walk_data("three", 0, **PRESETS["sliders"])
    with pytest.raises(ValueError, match="label 0 or 1"):
        walk_data("neuron", 0, **{**PRESETS["sliders"], "y": 0.5})
    with pytest.raises(ValueError, match="step must be a whole number"):
        walk_data("neuron", -1, **PRESETS["sliders"])
    with pytest.raises(ValueError, match="step must be a whole number"):
        walk_data("neuron", 1.5, **PRESETS["sliders"])
    # a live slider sends floats with rounding errors: the nearest step
    assert walk_data("two_layer", 1.0000000000000002, **PRESETS["sliders"])["current"] == "z11"
    assert gradient_flow_data("tanh", 5.999999999999999)["depth"] == 6
    assert tex("w12^(1)") == "$w^{(1)}_{12}$" and set(NETWORKS) == {"neuron", "two_layer"}


def test_paths_add_up_to_the_input_gradient():
    for x1 in (-2.0, 0.0, 1.5):
        for w12 in (-1.8, 0.0, 1.2):
            d = paths_data(x1, w12)
            assert abs(d["terms"].sum() - d["total"]) <= TOL
    assert paths_data(1.5, 0.0)["terms"][1] == 0.0  # no weight, no path


def test_gradient_flow_vanishes_for_sigmoid_only():
    sig, relu = gradient_flow_data("sigmoid", 10), gradient_flow_data("relu", 10)
    assert sig["ratio"] < 1e-4 < 0.1 < relu["ratio"]
    norms = layer_gradient_norms("sigmoid", 6)
    assert norms.shape == (7,) and np.all(np.diff(norms) > 0)  # shrinks towards the input
    with pytest.raises(ValueError, match="depth"):
        layer_gradient_norms("tanh", 0)
