"""Tests for nnlib.widgets.mlp (the chapter *Multilayer perceptrons*).

tests/widgets/test_registry.py already checks that every registered widget builds, renders,
responds to each control and fits its page; test here what is particular to this chapter:
its data functions, with the numbers the chapter uses, and its exercise checks.
"""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from nnlib.checks import check
from nnlib.layers import compose_affine
from nnlib.widgets.mlp import (
    WIDGETS, depth_identity, depth_identity_data, neuron_maps, neuron_maps_data, relu_fit,
    relu_fit_data,
)


def test_frame_rules_of_the_new_framework():
    """figsize within 5.4 x 4.2 in, and the chapter's static grid within ~300 points."""
    for build in (neuron_maps, depth_identity, relu_fit):
        w, h = build().figure.get_size_inches()
        assert w <= 5.4 and h <= 4.2
    assert sum(widget.frames for widget in WIDGETS) <= 300
    assert len({widget.name for widget in WIDGETS}) == len(WIDGETS)


# --- per-neuron maps -------------------------------------------------------------------------

def test_neuron_maps_hidden_units_are_the_first_layer_of_the_model():
    d = neuron_maps_data("circles", "4", "tanh", epoch=150)
    assert d["H"].shape == (4, 61, 61) and d["W1"].shape == (4, 2) and d["W2"].shape == (1, 4)
    assert d["acc"] >= 0.95  # the chapter: 4 tanh units solve circles
    assert np.all(np.abs(d["H"]) <= 1.0)  # tanh units
    # each map is tanh of an affine function: it is 0 exactly on the unit's line
    lo1, hi1, lo2, hi2 = d["extent"]
    x1, x2 = np.meshgrid(np.linspace(lo1, hi1, 61), np.linspace(lo2, hi2, 61))
    z = d["W1"][0, 0] * x1 + d["W1"][0, 1] * x2
    np.testing.assert_allclose(np.arctanh(np.clip(d["H"][0], -1 + 1e-12, 1 - 1e-12)) - z,
                               np.full_like(z, np.median(np.arctanh(d["H"][0]) - z)), atol=1e-6)


def test_neuron_maps_identity_cannot_solve_circles_and_epoch_zero_is_the_start():
    assert neuron_maps_data("circles", "6", "identity", epoch=150)["acc"] < 0.7
    start = neuron_maps_data("circles", "4", "tanh", epoch=0)
    assert start["acc"] < 0.7 and start["epoch"] == 0
    with pytest.raises(ValueError, match="epoch must be in"):
        neuron_maps_data("circles", "4", "tanh", epoch=151)
    with pytest.raises(ValueError, match="unknown data set 'spiral'"):
        neuron_maps_data("spiral", "4", "tanh", epoch=0)


# --- depth and the identity ------------------------------------------------------------------

@pytest.mark.parametrize("layers", [1, 2, 3, 4])
def test_identity_networks_are_one_affine_map_at_every_depth(layers):
    d = depth_identity_data("circles", layers, "identity")
    assert d["linear"] < 1e-9 and d["acc"] < 0.7  # a line cannot separate the rings
    assert len(d["weights"]) == layers + 1


def test_nonlinear_networks_separate_the_rings():
    for activation in ("tanh", "relu"):
        d = depth_identity_data("circles", 2, activation)
        assert d["linear"] is None and d["acc"] >= 0.95


def test_depth_static_page_keeps_width_live_only():
    fig = depth_identity()
    assert [c.name for c in fig.static_controls] == ["data", "layers", "activation"]
    assert fig.render(layers=3)[1].startswith("circles, 3 hidden layer(s) of 8")


# --- fitting a 1-D function ------------------------------------------------------------------

def test_relu_fit_kinks_are_minus_b_over_w_and_f_is_the_sum_of_parts():
    d = relu_fit_data("sine", 4)
    W1, b1 = d["params"]["W1"][:, 0], d["params"]["b1"]
    np.testing.assert_allclose(d["kinks"], -b1 / W1)
    np.testing.assert_allclose(d["kinks"], [-1.8, -0.6, 0.6, 1.8])
    np.testing.assert_allclose(d["f"], d["parts"].sum(axis=0) + d["params"]["b2"][0], atol=1e-12)


def test_relu_fit_error_falls_with_width():
    errors = [relu_fit_data("sine", m)["max_error"] for m in (1, 2, 4, 8, 12)]
    assert all(a > b for a, b in zip(errors, errors[1:]))
    assert round(errors[-1], 2) == 0.03


def test_relu_fit_errors():
    with pytest.raises(ValueError, match="m must be 1 to 12"):
        relu_fit_data("sine", 13)
    with pytest.raises(ValueError, match="unknown target"):
        relu_fit_data("cosine", 3)


# --- the exercises ---------------------------------------------------------------------------

@pytest.mark.parametrize("label, wrong, right", [
    ("ex-mlp-batch-forward", lambda X, W1, b1, W2, b2: np.tanh(X @ W1.T) @ W2.T + b2,
     lambda X, W1, b1, W2, b2: np.tanh(X @ W1.T + b1) @ W2.T + b2),
    ("ex-mlp-param-count", 109184, 109386),
    ("ex-mlp-collapse", ([1.0, 2.0], 1.0), ([2.0, 1.0], 1.0)),
    ("ex-mlp-bump", ([1, 1, 1], [1, 0, -1], [1, -2, 0], 0), ([1, 1, 1], [1, 0, -1], [1, -2, 1], 0)),
])
def test_exercise_checks(label, wrong, right, capsys):
    assert not check(label, None) and not check(label, wrong) and check(label, right)


def test_collapse_exercise_answer_is_nnlibs_composed_map():
    from nnlib.exercises.mlp import LINEAR_NET

    W, b = compose_affine(LINEAR_NET)
    assert W.tolist() == [[2.0, 1.0]] and b.tolist() == [1.0]
