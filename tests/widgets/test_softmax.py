"""Tests for nnlib.widgets.softmax (chapter *k classes: softmax and cross-entropy*); the
chapter's exercises are tried in tests/book/test_exercises.py.

Worked examples use the chapter's numbers; properties check what every frame must show
(probabilities that sum to 1, a gradient p − y that sums to 0, a loss −log p_y); the static
grids are checked for settings that would fail (test_registry.py measures the committed page).
"""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnlib.gradcheck import numerical_gradient
from nnlib.losses import cross_entropy, softmax
from nnlib.widgets.softmax import (
    CONFIDENCE_PATH, class_playground, class_playground_data, confidence_data, confidence_loss,
    softmax_calculator, softmax_calculator_data,
)
from nnlib.widgets.static import frame_grid

FAST = settings(max_examples=60, deadline=None, database=None, derandomize=True)
score = st.floats(-3.0, 3.0)


# --- the calculator -------------------------------------------------------------------------

def test_calculator_worked_example_is_the_chapters():
    # f = (1, 2, 0), class 1: p = (e, e², 1) / (e + e² + 1), loss 1.4076, gradient p - (1, 0, 0)
    d = softmax_calculator_data(1.0, 2.0, 0.0, T=1.0, label="1")
    e = np.exp([1.0, 2.0, 0.0])
    np.testing.assert_allclose(d["p"], e / e.sum(), rtol=1e-14)
    assert round(d["loss"], 4) == 1.4076
    np.testing.assert_allclose(d["grad"], e / e.sum() - [1, 0, 0], rtol=1e-14)


@FAST
@given(score, score, score, st.floats(0.5, 2.0), st.sampled_from("123"))
def test_calculator_frames_are_distributions_with_the_loss_and_its_gradient(f1, f2, f3, T, label):
    d = softmax_calculator_data(f1, f2, f3, T, label)
    j = int(label) - 1
    assert np.all(d["p"] > 0) and np.isclose(d["p"].sum(), 1.0)
    assert np.isclose(d["loss"], -np.log(d["p"][j]))
    assert np.isclose(d["grad"].sum(), 0.0, atol=1e-12) and d["grad"][j] <= 0
    loss = lambda logits: cross_entropy(logits[None], [j])
    np.testing.assert_allclose(d["grad"], numerical_gradient(loss, d["logits"]), atol=1e-7)


def test_calculator_temperature_sharpens_and_flattens():
    sharp, flat = (softmax_calculator_data(1.0, 2.0, 0.0, T, "1")["p"] for T in (0.5, 2.0))
    assert sharp.max() > 0.85 and flat.max() < 0.55
    with pytest.raises(ValueError, match="temperature T must be positive"):
        softmax_calculator_data(1.0, 2.0, 0.0, 0.0, "1")
    with pytest.raises(ValueError, match="true class"):
        softmax_calculator_data(1.0, 2.0, 0.0, 1.0, "4")


def test_calculator_static_grid_moves_f1_t_and_the_class():
    fig = softmax_calculator()
    assert [c.name for c in fig.static_controls] == ["f1", "T", "label"]
    grid = frame_grid(fig)
    assert len(grid) == 7 * 4 * 3 and {(p["f2"], p["f3"]) for p in grid} == {(2.0, 0.0)}
    assert all(not softmax_calculator_data(**p)["loss"] < 0 for p in grid)
    assert fig.update(f1=3.0) and round(float(fig.data["p"][0]), 3) == 0.705


# --- confidence and loss --------------------------------------------------------------------

def test_confidence_worked_examples():
    start, end = CONFIDENCE_PATH
    middle = confidence_data(0.5, "2")
    assert np.allclose(middle["x"], (start + end) / 2)
    assert np.isclose(middle["p"][1], middle["p"][2])  # on the boundary of classes 2 and 3
    assert confidence_data(0.0, "2")["loss"] < 0.01  # deep in class 2
    assert round(confidence_data(1.0, "2")["loss"], 2) == 7.80  # confidently wrong


def test_confidence_loss_grows_linearly_when_confidently_wrong():
    d = confidence_data(0.5, "2")
    s, loss = d["s"], d["loss_path"]
    assert np.all(np.diff(loss) >= -1e-12)  # the loss only rises along the path
    tail = s >= 0.8
    slope = np.diff(loss[tail]) / np.diff(s[tail])
    assert np.ptp(slope) / slope.mean() < 0.02  # nearly a straight line: no saturation
    np.testing.assert_allclose(d["p_y_path"], np.exp(-loss))


@pytest.mark.parametrize("position, label", [(-0.1, "1"), (1.1, "1"), (0.5, "0")])
def test_confidence_rejects_settings_that_make_no_sense(position, label):
    with pytest.raises(ValueError):
        confidence_data(position, label)


# --- the k-class playground -----------------------------------------------------------------

@pytest.mark.parametrize("data, model, accuracy", [
    ("blobs", "linear", 0.95), ("spirals", "mlp", 0.99)])
def test_playground_learns_what_the_chapter_says(data, model, accuracy):
    d = class_playground_data(data, "3", model, "16", epoch=200)
    assert d["acc"][-1] >= accuracy
    assert np.allclose(d["P"].sum(axis=-1), 1.0)


def test_playground_linear_model_cannot_follow_spirals():
    d = class_playground_data("spirals", "3", "linear", "16", epoch=200)
    assert d["acc"][-1] < 0.5
    assert abs(d["loss"][0] - np.log(3)) < 0.05  # a uniform guess at the start


def test_playground_static_grid_never_diverges():
    fig = class_playground()
    for data in ("blobs", "spirals"):
        for k in "345":
            for model in ("linear", "mlp"):
                d = class_playground_data(data, k, model, "16", epoch=200)
                assert np.isfinite(d["loss"]).all() and d["P"].shape[-1] == int(k)
    assert fig.update(k="5") and not fig.message


@pytest.mark.parametrize("kwargs, message", [
    (dict(k="2"), "k must be 3, 4 or 5"), (dict(epoch=300), "epoch must be in"),
    (dict(model="deep"), "unknown model"), (dict(data="moons"), "unknown data set")])
def test_playground_rejects_settings_that_make_no_sense(kwargs, message):
    values = dict(data="blobs", k="3", model="linear", hidden="16", epoch=0) | kwargs
    with pytest.raises(ValueError, match=message):
        class_playground_data(**values)


def test_playground_says_when_hidden_units_do_not_matter():
    """A linear model has no hidden layer: moving "hidden units" must still tell the reader why
    nothing else moves (and, live, redraw: JupyterLab's test moves every control in turn)."""
    fig = class_playground()
    linear_16, alt_16 = fig.render(model="linear", hidden="16")
    linear_32, alt_32 = fig.render(model="linear", hidden="32")
    assert linear_16 != linear_32 and "no hidden layer: 32 hidden units unused" in alt_32
    assert "unused" not in fig.render(model="mlp", hidden="32")[1]
