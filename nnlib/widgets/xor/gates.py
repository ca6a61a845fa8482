"""One step neuron on a truth table: the perceptron learning rule and the widget
:func:`single_neuron` (a single neuron gets at most 3 of XOR's 4 points right).
"""

from __future__ import annotations

import numpy as np

from nnlib.activations import step
from nnlib.plotting import (
    boundary_line, class_legend, class_scatter, input_axes, mistake_rings, prob_image,
    set_boundary, set_class_points, set_mistakes,
)
from nnlib.widgets.controls import Dropdown, Slider
from nnlib.widgets.figure import InteractiveFigure
from nnlib.widgets.xor.common import GATE_OPTIONS, PLANE, SQUARE, GATES, bits, square_line

__all__ = ["perceptron_run", "single_neuron_data", "single_neuron"]


# --- the perceptron learning rule ----------------------------------------------------------

def perceptron_run(X: np.ndarray, y: np.ndarray, epochs: int = 10, lr: float = 1.0) -> dict:
    r"""Run the perceptron learning rule: visit the examples in order, correct each mistake.

    For each example, in the order given, the step neuron predicts
    :math:`\hat y = \text{step}(\mathbf{w}^T\mathbf{x} + b)` and the rule updates

    .. math:: \mathbf{w} \leftarrow \mathbf{w} + \alpha\,(y - \hat y)\,\mathbf{x}, \qquad
              b \leftarrow b + \alpha\,(y - \hat y),

    which changes nothing when :math:`\hat y = y`. It starts from w = 0, b = 0.

    Parameters
    ----------
    X : array_like, shape (n, d)
    y : array_like of 0/1, shape (n,)
    epochs : int >= 1
        Passes over the n examples.
    lr : float > 0
        The learning rate α.

    Returns
    -------
    dict
        ``w`` (epochs * n + 1, d) and ``b`` (epochs * n + 1,): the weights before the
        first example and after each one; ``mistakes`` (epochs,): wrong predictions in
        each epoch (0 means the rule has converged: nothing will change again).

    Notes
    -----
    Introduced in the chapter *XOR: the limits of one neuron*.

    Examples
    --------
    >>> run = perceptron_run(*GATES["and"], epochs=6)
    >>> run["mistakes"].tolist(), run["w"][-1].tolist(), float(run["b"][-1])
    ([1, 3, 3, 2, 1, 0], [2.0, 1.0], -2.0)
    """
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if X.ndim != 2 or y.shape != (len(X),):
        raise ValueError(f"X must be (n, d) and y (n,), got shapes {X.shape} and {y.shape}")
    if not np.isin(y, (0, 1)).all():
        raise ValueError("y must hold labels 0 or 1")
    if isinstance(epochs, bool) or not isinstance(epochs, int) or epochs < 1:
        raise ValueError(f"epochs must be an int >= 1, got {epochs!r}")
    if not lr > 0:
        raise ValueError(f"lr must be > 0, got {lr!r}")
    n, d = X.shape
    w, b = np.zeros((epochs * n + 1, d)), np.zeros(epochs * n + 1)
    mistakes = np.zeros(epochs, dtype=int)
    t = 0
    for epoch in range(epochs):
        for x_i, y_i in zip(X, y):
            error = y_i - float(step(w[t] @ x_i + b[t]))  # y - y_hat: 0, +1 or -1
            w[t + 1], b[t + 1] = w[t] + lr * error * x_i, b[t] + lr * error
            mistakes[epoch] += error != 0
            t += 1
    return {"w": w, "b": b, "mistakes": mistakes}


# --- widget 1: one step neuron on a truth table -------------------------------------------

def single_neuron_data(gate: str, w1: float, w2: float, b: float) -> dict:
    r"""A step neuron :math:`\hat y = \text{step}(w_1x_1 + w_2x_2 + b)` on a truth table.

    Parameters
    ----------
    gate : {"xor", "and", "or"}
    w1, w2, b : float

    Returns
    -------
    dict
        ``X`` (4, 2) and ``y`` (4,): the table; ``y_hat`` (4,) the neuron's outputs,
        ``correct`` (4,) bool and ``n_correct``; ``region`` (121, 121) the output over
        [-0.5, 1.5]² (rows along x₂); ``line`` the boundary's end points (None if w = 0).

    Examples
    --------
    >>> d = single_neuron_data("xor", 1.0, 1.0, -0.5)   # the OR line
    >>> d["y_hat"].tolist(), d["n_correct"]
    ([0.0, 1.0, 1.0, 1.0], 3)
    """
    if gate not in GATES:
        raise ValueError(f"unknown gate {gate!r}; expected one of: {', '.join(GATES)}")
    X, y = GATES[gate]
    y_hat = step(X @ np.array([w1, w2]) + b)
    x, n = PLANE.grid, len(PLANE.x1)
    correct = y_hat == y
    return {"gate": gate, "X": X, "y": y, "y_hat": y_hat, "correct": correct,
            "n_correct": int(correct.sum()),
            "region": step(w1 * x[:, 0] + w2 * x[:, 1] + b).reshape(n, n),
            "line": square_line(w1, w2, b)}


def _describe_single(values: dict, data: dict) -> str:
    wrong = [f"({x1:.0f}, {x2:.0f})" for (x1, x2), ok in zip(data["X"], data["correct"]) if not ok]
    return (f"{values['gate'].upper()} with w = ({values['w1']:.2f}, {values['w2']:.2f}), "
            f"b = {values['b']:.2f}: outputs {bits(data['y_hat'])} for inputs 00 01 10 11, "
            f"{data['n_correct']} of 4 correct" + (f"; wrong at {', '.join(wrong)}" if wrong else ""))


def _draw_single(fig):
    ax = fig.add_subplot()
    fig.subplots_adjust(left=0.16, right=0.84, bottom=0.33, top=0.91)
    region, boundary = prob_image(ax, SQUARE), boundary_line(ax)
    points = class_scatter(ax, size=70)
    wrong = mistake_rings(ax, size=290)
    for x1, x2 in GATES["xor"][0]:
        ax.annotate(f"{x1:.0f}{x2:.0f}", (x1, x2), xytext=(8, 8), textcoords="offset points",
                    color="#333333")
    input_axes(ax, SQUARE, ticks=[0, 1])
    class_legend(ax, region, markerscale=0.7)
    title = ax.set_title("")

    def update(data):
        region.set_data(data["region"])
        set_boundary(boundary, data["line"])
        set_class_points(points, data["X"], data["y"])
        set_mistakes(wrong, data["X"], ~data["correct"])
        title.set_text(f"{data['gate'].upper()}: {data['n_correct']} of 4 correct")

    return update


def single_neuron() -> InteractiveFigure:
    """One step neuron against XOR (or AND, OR): move w₁, w₂, b; count the correct points.

    Examples
    --------
    >>> fig = single_neuron()
    >>> fig.update(gate="and", w1=1.0, w2=1.0, b=-1.5), fig.data["n_correct"]
    (True, 4)
    """
    return InteractiveFigure(
        [
            Dropdown("gate", GATE_OPTIONS, default="xor", label="truth table"),
            Slider("w1", -1, 1, step=0.05, default=1, static_step=1, label="w₁"),
            Slider("w2", -1, 1, step=0.05, default=1, static_step=1, label="w₂"),
            Slider("b", -1.5, 1.5, step=0.05, default=-0.5, static_step=1, label="b"),
        ],
        single_neuron_data,
        _draw_single,
        describe=_describe_single,
        title="One step neuron: ŷ = step(w₁x₁ + w₂x₂ + b)",
        name="single_neuron",
        figsize=(4.4, 4.2),
    )
