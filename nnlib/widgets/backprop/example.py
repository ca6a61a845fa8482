"""The example widget of the chapter *Backpropagation, one node at a time*: one neuron y = g(w x + b) along x.

A widget is three things: its controls, a pure function from control values to data
(:func:`example_data`, tested on its own) and a drawing function (``_draw``) that builds the
artists once and returns ``update(data)``; :func:`example_widget` joins them. It draws with
:mod:`nnlib.plotting`'s vocabulary (here the decision boundary: a builder, and its update
function beside it).
"""

from __future__ import annotations

import numpy as np

from nnlib.activations import get_activation
from nnlib.plotting import COLORS, boundary_line, boundary_segment, set_boundary
from nnlib.widgets.controls import Dropdown, Slider
from nnlib.widgets.figure import InteractiveFigure

__all__ = ["example_data", "example_widget"]

X = np.linspace(-4.0, 4.0, 161)


def example_data(activation: str, w: float, b: float) -> dict:
    """The neuron ``y = g(w x + b)`` along x in [-4, 4].

    Returns
    -------
    dict
        ``x`` (161,), ``y`` (161,), ``threshold``: the x where w x + b = 0 (None if w = 0),
        and the settings.

    Examples
    --------
    >>> d = example_data("relu", 2.0, 1.0)
    >>> float(d["y"][-1]), d["threshold"]
    (9.0, -0.5)
    """
    y = get_activation(activation).f(w * X + b)
    return {"x": X, "y": y, "threshold": None if w == 0 else -b / w + 0.0,
            "activation": activation, "w": float(w), "b": float(b)}


def _describe(values: dict, data: dict) -> str:
    where = "no threshold: w = 0" if data["threshold"] is None else (
        f"w x + b = 0 at x = {data['threshold']:.2f}")
    return (f"{data['activation']} neuron, w = {data['w']:.1f}, b = {data['b']:.1f}: output "
            f"from {data['y'][0]:.2f} at x = -4 to {data['y'][-1]:.2f} at x = 4; {where}")


def _draw(fig):
    ax = fig.add_subplot()
    fig.subplots_adjust(left=0.12, right=0.97, bottom=0.18, top=0.88)
    (line,) = ax.plot(X, X, color=COLORS["blue"], lw=2)
    mark = boundary_line(ax, ls="--", lw=1)  # where w x + b = 0: the neuron's boundary
    ax.set(xlabel="input $x$", ylabel="output $y$", xlim=(-4, 4), ylim=(-1.2, 4.2))
    title = ax.set_title("")

    def update(data):
        line.set_ydata(data["y"])
        set_boundary(mark, boundary_segment(data["w"], 0.0, data["b"], box=(-1.2, 4.2)))
        title.set_text(f"{data['activation']}: y = g({data['w']:.1f} x + {data['b']:.1f})")

    return update


def example_widget() -> InteractiveFigure:
    """One neuron: pick g, move w and b.

    Examples
    --------
    >>> fig = example_widget()
    >>> fig.update(activation="relu", w=2.0, b=1.0), fig.data["threshold"]
    (True, -0.5)
    """
    return InteractiveFigure(
        [Dropdown("activation", [("sigmoid", "sigmoid"), ("tanh", "tanh"), ("ReLU", "relu")],
                  default="sigmoid", label="activation g"),
         Slider("w", -2, 2, step=0.1, default=1, static_step=1, label="weight w"),
         Slider("b", -2, 2, step=0.1, default=0, static_step=2, label="bias b")],
        example_data, _draw, describe=_describe,
        title="Example: one neuron y = g(w·x + b)", name="backprop_example", figsize=(5.0, 2.8))
