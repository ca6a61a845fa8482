"""Tests for nnlib.widgets.xor (chapter *XOR: the limits of one neuron*); the chapter's
exercises are tried in test_exercises.py.

Worked examples use the chapter's numbers; the static grids are checked for settings that
would fail (the generic tests/widgets/test_registry.py measures the committed page).
"""

import matplotlib

matplotlib.use("Agg")

import math

import numpy as np
import pytest

from nnlib.widgets import InteractiveFigure
from hypothesis import given, settings
from hypothesis import strategies as st

from nnlib.datasets import and_gate, or_gate, xor_gate
from nnlib.training import TrainingDiverged
from nnlib.widgets.static import frame_grid
from nnlib.widgets.xor import (
    GATES, PLAYGROUND_DATA, XOR_BY_HAND, perceptron_run, playground, playground_data,
    single_neuron, single_neuron_data, xor_network, xor_network_data, xor_training,
    xor_training_data,
)

FAST = settings(max_examples=60, deadline=None, database=None, derandomize=True)


# --- the perceptron rule -------------------------------------------------------------------

def test_perceptron_first_epoch_by_hand():
    # XOR from w = 0, b = 0, lr = 1: 00 right (z = 0 -> 0); 01 wrong -> w = (0, 1), b = 1;
    # 10 right (z = 1); 11 wrong (z = 2 -> 1, y = 0) -> w = (-1, 0), b = 0.
    run = perceptron_run(*xor_gate(), epochs=1)
    assert run["w"].tolist() == [[0, 0], [0, 0], [0, 1], [0, 1], [-1, 0]]
    assert run["b"].tolist() == [0, 0, 1, 1, 0]
    assert run["mistakes"].tolist() == [2]


@pytest.mark.parametrize("gate, converged_by", [(and_gate, 6), (or_gate, 4)])
def test_perceptron_converges_on_and_and_or(gate, converged_by):
    X, y = gate()
    run = perceptron_run(X, y, epochs=10)
    assert run["mistakes"][converged_by - 1:].tolist() == [0] * (11 - converged_by)
    assert run["mistakes"][converged_by - 2] > 0
    w, b = run["w"][-1], run["b"][-1]
    assert np.array_equal((X @ w + b > 0).astype(int), y)  # the final line separates


def test_perceptron_cycles_forever_on_xor():
    X, y = xor_gate()
    run = perceptron_run(X, y, epochs=50)
    assert run["mistakes"].min() > 0  # never converges
    ends = [tuple(s) for s in np.column_stack([run["w"], run["b"]])[::4]]
    first_repeat = next(e for e in range(1, len(ends)) if ends[e] in ends[:e])
    start = ends.index(ends[first_repeat])
    assert (start, first_repeat) == (2, 3) and ends[2] == (-1.0, 0.0, 1.0)
    period = first_repeat - start
    assert all(ends[e] == ends[e - period] for e in range(first_repeat, len(ends)))  # forever


@FAST
@given(lr=st.floats(0.01, 10), gate=st.sampled_from(["and", "or", "xor"]))
def test_perceptron_from_zero_is_scale_free(lr, gate):
    # Starting at 0, every weight is lr times the weight with lr = 1: same decisions, same mistakes.
    one, scaled = perceptron_run(*GATES[gate], epochs=6), perceptron_run(*GATES[gate], epochs=6, lr=lr)
    assert np.array_equal(one["mistakes"], scaled["mistakes"])
    assert np.allclose(scaled["w"], lr * one["w"]) and np.allclose(scaled["b"], lr * one["b"])


@pytest.mark.parametrize("kwargs, match", [
    (dict(X=np.zeros(4), y=np.zeros(4)), "X must be"),
    (dict(X=np.zeros((4, 2)), y=np.array([0, 1, 2, 0])), "labels 0 or 1"),
    (dict(X=np.zeros((4, 2)), y=np.zeros(4), epochs=0), "epochs"),
    (dict(X=np.zeros((4, 2)), y=np.zeros(4), lr=0.0), "lr"),
])
def test_perceptron_rejects_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        perceptron_run(**kwargs)


# --- one neuron against a truth table ---------------------------------------------------------

def test_single_neuron_worked_examples():
    d = single_neuron_data("xor", 1.0, 1.0, -0.5)  # the OR line: wrong only at 11
    assert d["y_hat"].tolist() == [0, 1, 1, 1] and d["correct"].tolist() == [True, True, True, False]
    assert single_neuron_data("and", 1.0, 1.0, -1.5)["n_correct"] == 4
    assert single_neuron_data("or", 1.0, 1.0, -0.5)["n_correct"] == 4
    assert single_neuron_data("xor", -1.0, -1.0, 1.5)["y_hat"].tolist() == [1, 1, 1, 0]  # NAND
    d = single_neuron_data("xor", 0.0, 0.0, 0.5)
    assert d["line"] is None and d["region"].min() == 1  # no line: the output is 1 everywhere
    assert d["region"].shape == (121, 121)
    with pytest.raises(ValueError, match="unknown gate 'nand'; expected one of: xor, and, or"):
        single_neuron_data("nand", 1.0, 1.0, 0.0)


@FAST
@given(w1=st.floats(-1, 1), w2=st.floats(-1, 1), b=st.floats(-1.5, 1.5))
def test_no_neuron_gets_xor_right(w1, w2, b):
    d = single_neuron_data("xor", w1, w2, b)
    assert 1 <= d["n_correct"] <= 3  # at most three (the proof); never none (that would be XNOR)
    if d["line"] is not None:
        x1, x2 = d["line"]
        assert np.allclose(w1 * x1 + w2 * x2 + b, 0.0, atol=1e-9)


def test_single_neuron_widget_updates_and_describes():
    fig = single_neuron()
    assert fig.update() and fig.data["n_correct"] == 3
    _, alt = fig.render(gate="and", w1=1.0, w2=1.0, b=-1.5)
    assert alt.startswith("AND with w = (1.00, 1.00), b = -1.50: outputs 0 0 0 1") and "4 of 4" in alt
    _, alt = fig.render(gate="xor", w1=1.0, w2=1.0, b=-0.5)
    assert alt.endswith("3 of 4 correct; wrong at (1, 1)")
    assert [len(c.grid()) for c in fig.controls] == [3, 3, 3, 4]


# --- XOR by hand -----------------------------------------------------------------------------

def test_xor_network_by_hand():
    d = xor_network_data(**XOR_BY_HAND)
    assert d["H"].tolist() == [[0, 0], [0, 1], [1, 0], [0, 0]]  # 00 and 11 merge
    assert d["y_hat"].tolist() == [0, 1, 1, 0] and d["n_correct"] == 4 and d["separable"]
    # The output over the plane is 1 exactly in the band |x1 - x2| > 1/2 (where z > 0).
    x1, x2 = np.meshgrid(np.linspace(-0.5, 1.5, 121), np.linspace(-0.5, 1.5, 121))
    off_the_lines = np.abs(np.abs(x1 - x2) - 0.5) > 1e-9
    band = (np.abs(x1 - x2) > 0.5).astype(int)
    assert np.array_equal(d["region"][off_the_lines], band[off_the_lines])
    assert band.sum() > 0.2 * band.size


def test_xor_network_broken_settings():
    d = xor_network_data(**{**XOR_BY_HAND, "b1": 0.5})  # h1 = x1 OR NOT x2
    assert d["H"][:, 0].tolist() == [1, 0, 1, 1] and not d["separable"]
    assert d["y_hat"].tolist() == [1, 1, 1, 1]
    d = xor_network_data(**{**XOR_BY_HAND, "c": -1.5})  # output AND: hidden layer still fine
    assert d["separable"] and d["y_hat"].tolist() == [0, 0, 0, 0] and d["n_correct"] == 2
    identity = {**XOR_BY_HAND, "w12": 0.0, "w21": 0.0, "w22": 1.0}  # h = x: still XOR
    d = xor_network_data(**identity)
    assert d["H"].tolist() == d["X"].tolist() and not d["separable"]
    d = xor_network_data(**{**XOR_BY_HAND, "w11": 0.0, "w12": 0.0})  # h1 = step(-0.5) = 0
    assert d["hidden_lines"][0] is None and d["H"][:, 0].tolist() == [0, 0, 0, 0]


def test_xor_network_static_page_moves_the_biases_only():
    fig = xor_network()
    assert [c.name for c in fig.static_controls] == ["b1", "b2", "c"]
    grid = frame_grid(fig)
    assert len(grid) == 64  # all nine sliders would be 9**6 * 4**3 > 10**5 frames
    assert {p["w11"] for p in grid} == {fig.values["w11"]}  # the weights stay at their defaults
    _, alt = fig.render(**grid[-4])  # b1 = 1.5: (b1, b2, c) = (1.5, 1.5, -1.5)
    assert alt.startswith("W⁽¹⁾ = [[1.0, -1.0], [-1.0, 1.0]], b⁽¹⁾ = (1.5, 1.5)")
    with pytest.raises(ValueError, match="static_controls must name"):
        InteractiveFigure(fig.controls, fig.compute, lambda f: (lambda d: None), static_controls=("w9",))


# --- learning XOR ----------------------------------------------------------------------------

def test_xor_training_solves_gets_stuck_and_fails():
    good = xor_training_data(hidden=2, seed=0, epoch=400)
    assert good["acc"][-1] == 1.0 and good["loss"][-1] < 0.02
    stuck = xor_training_data(hidden=2, seed=1, epoch=400)
    assert stuck["loss"][-1] == pytest.approx(math.log(2) / 2, abs=0.01)  # two points at p = 1/2
    H = stuck["H"]
    assert np.allclose(H[1], H[3], atol=0.05)  # 01 (label 1) and 11 (label 0) collide
    assert all(xor_training_data(hidden=1, seed=s, epoch=400)["acc"].max() < 1 for s in range(3))
    assert xor_training_data(hidden=3, seed=1, epoch=400)["acc"][-1] == 1.0


def test_xor_training_views():
    d = xor_training_data(hidden=2, seed=0, epoch=100)
    assert d["view"].shape == (101, 4, 2) and d["p"].shape == (121, 121)
    assert np.array_equal(d["view"][-1], d["H"])  # two units: the raw (h1, h2)
    three = xor_training_data(hidden=3, seed=0, epoch=50)
    v, H, u = three["v"], three["H"], three["view"][-1]
    assert np.allclose(u[:, 0], H @ v / np.linalg.norm(v))  # first axis: along v
    one = xor_training_data(hidden=1, seed=0, epoch=0)
    assert np.array_equal(one["view"][-1][:, 0], one["H"][:, 0]) and one["view_axes"] == ("h₁", "")
    with pytest.raises(ValueError, match="epoch must be in"):
        xor_training_data(hidden=2, seed=0, epoch=401)


# --- the playground --------------------------------------------------------------------------

def test_playground_learns_and_reports():
    d = playground_data("moons", "8", "relu", log_lr=0.0, epoch=240)
    assert d["acc"][-1] > 0.95 and d["p"].shape == (71, 71) and d["lr"] == 1.0
    assert d["loss"][-1] < d["loss"][0]
    slow = playground_data("moons", "8", "relu", log_lr=-1.5, epoch=240)
    assert slow["lr"] == pytest.approx(0.031623) and slow["loss"][-1] > d["loss"][-1]
    start = playground_data("moons", "8", "relu", log_lr=-1.5, epoch=0)
    assert np.array_equal(start["p"], playground_data("moons", "8", "relu", log_lr=0.0, epoch=0)["p"])


def test_playground_divergence_is_a_message():
    with pytest.raises(TrainingDiverged, match=r"training diverged at epoch \d+, step \d+: the "
                                               r"training loss rose to .*, over 10 times"):
        playground_data("xor", "8", "tanh", log_lr=1.4, epoch=10)
    fig = playground()
    assert not fig.update(log_lr=1.4)
    assert fig.message.startswith("training diverged") and "learning rate 25.1 too large?" in fig.message
    assert fig.update(log_lr=0.0) and fig.message == ""


def test_playground_static_grid_never_diverges():
    """The largest static learning rate trains every data set, width and activation."""
    fig = playground()
    grid = {c.name: c.grid() for c in fig.controls}
    assert grid["log_lr"] == (-1.5, 0.0) and grid["epoch"] == (0.0, 80.0, 160.0, 240.0)
    assert [c.name for c in fig.static_controls] == ["data", "hidden", "log_lr", "epoch"]
    assert len(frame_grid(fig)) == 64  # the activation is live only: tanh on the page
    for data in PLAYGROUND_DATA:
        for hidden in grid["hidden"]:
            for activation in grid["activation"]:
                playground_data(data, hidden, activation, log_lr=0.0, epoch=240)  # no raise


def test_training_widgets_show_progress_live():
    fig = xor_training()
    box = fig.widget
    bar = box.children[-1]
    assert bar.layout.visibility == "hidden"
    seen = []
    bar.observe(lambda change: seen.append((change["new"], bar.max, bar.layout.visibility)), "value")
    box.nn_controls["seed"].value = 2.0
    box.nn_controls["hidden"].value = 3.0  # a configuration not trained yet
    assert seen and seen[-1] == (400, 400, "visible")
    assert bar.layout.visibility == "hidden" and not fig.message
    assert fig.continuous_update is False and box.nn_controls["epoch"].continuous_update is False


def test_live_playground_shows_the_divergence():
    box = playground().widget
    box.nn_controls["log_lr"].value = 1.4
    assert "training diverged" in box.nn_message.value


