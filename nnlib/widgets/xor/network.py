"""XOR by hand: the widget :func:`xor_network`, a 2-2-1 network of step neurons and the
four points in its hidden space (h₁, h₂).
"""

from __future__ import annotations

import numpy as np

from nnlib.activations import step
from nnlib.mlp import MLP
from nnlib.plotting import (
    COLORS, boundary_line, class_legend, class_scatter, input_axes, input_mesh, mistake_rings,
    prob_image, set_boundary, set_class_points, set_mistakes,
)
from nnlib.widgets.controls import Slider
from nnlib.widgets.figure import InteractiveFigure
from nnlib.widgets.xor.common import PLANE, SQUARE, GATES, bits, square_line
from nnlib.widgets.xor.gates import perceptron_run

__all__ = ["XOR_BY_HAND", "xor_network_data", "xor_network"]


# --- widget 2: XOR by hand, a 2-2-1 network of step neurons -------------------------------

#: The hand-built network: h₁ = x₁ ∧ ¬x₂, h₂ = ¬x₁ ∧ x₂, ŷ = h₁ ∨ h₂.
XOR_BY_HAND = {"w11": 1.0, "w12": -1.0, "b1": -0.5, "w21": -1.0, "w22": 1.0, "b2": -0.5,
               "v1": 1.0, "v2": 1.0, "c": -0.5}
_HIDDEN_BOX = (-0.3, 1.3)
_H_PLANE = input_mesh(_HIDDEN_BOX, 97)


def _step_network(w11, w12, b1, w21, w22, b2, v1, v2, c) -> MLP:
    """nnlib's MLP 2-2-1 with step hidden units; predict() is step(f) since it tests f > 0."""
    model = MLP([2, 2, 1], activation="step", output="sigmoid")
    model.set_params({"W1": [[w11, w12], [w21, w22]], "b1": [b1, b2], "W2": [[v1, v2]], "b2": [c]})
    return model


def _separable(H: np.ndarray, y: np.ndarray) -> bool:
    """Whether one line separates the points H (n, 2) by label: the perceptron converges."""
    points, index = np.unique(H, axis=0, return_inverse=True)
    labels = np.full(len(points), -1)
    for i, label in zip(index.ravel(), y):
        if labels[i] not in (-1, label):
            return False  # two inputs with different labels land on the same point
        labels[i] = label
    if len(np.unique(labels)) == 1:
        return True
    return bool(perceptron_run(points, labels, epochs=100)["mistakes"][-1] == 0)


def xor_network_data(w11: float, w12: float, b1: float, w21: float, w22: float, b2: float,
                     v1: float, v2: float, c: float) -> dict:
    r"""A 2-2-1 network of step neurons on the XOR table, and its hidden representation.

    .. math:: \mathbf{h} = \operatorname{step}(\mathbf{W}^{(1)}\mathbf{x} + \mathbf{b}^{(1)}), \quad
              \hat y = \operatorname{step}(\mathbf{w}^{(2)T}\mathbf{h} + b^{(2)}), \quad
              \mathbf{W}^{(1)} = \begin{pmatrix} w_{11} & w_{12} \\ w_{21} & w_{22} \end{pmatrix}

    The arguments name b⁽¹⁾ = (b1, b2), w⁽²⁾ = (v1, v2) and b⁽²⁾ = c (the widget's
    controls keep these short names).

    Returns
    -------
    dict
        ``X`` (4, 2), ``y`` (4,); ``H`` (4, 2) the hidden outputs (h₁, h₂) of each input;
        ``y_hat`` (4,), ``correct`` (4,), ``n_correct``; ``separable``: whether one line
        separates the hidden points by label; ``region`` (121, 121) the output over the
        input plane; ``h_region`` (97, 97) the output neuron over the hidden plane;
        ``hidden_lines`` (two lines in the input plane) and ``output_line`` (in the
        hidden plane), each None when its weights are 0.

    Examples
    --------
    >>> d = xor_network_data(**XOR_BY_HAND)
    >>> d["H"].tolist(), d["y_hat"].tolist(), d["separable"]
    ([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [0.0, 0.0]], [0, 1, 1, 0], True)
    """
    X, y = GATES["xor"]
    model = _step_network(w11, w12, b1, w21, w22, b2, v1, v2, c)
    H = model.forward(X)["A1"]
    y_hat = model.predict(X)
    n, h = len(PLANE.x1), _H_PLANE.grid
    region = model.predict(PLANE.grid).reshape(n, n)
    correct = y_hat == y
    return {"X": X, "y": y, "H": H, "y_hat": y_hat, "correct": correct,
            "n_correct": int(correct.sum()), "separable": _separable(H, y),
            "region": region, "h_region": step(v1 * h[:, 0] + v2 * h[:, 1] + c).reshape(97, 97),
            "hidden_lines": (square_line(w11, w12, b1), square_line(w21, w22, b2)),
            "output_line": square_line(v1, v2, c, box=_HIDDEN_BOX)}


def _describe_network(values: dict, data: dict) -> str:
    v = values
    where = "; ".join(f"{int(x1)}{int(x2)} → h = ({h[0]:.0f}, {h[1]:.0f})"
                      for (x1, x2), h in zip(data["X"], data["H"]))
    return (f"W⁽¹⁾ = [[{v['w11']:.1f}, {v['w12']:.1f}], [{v['w21']:.1f}, {v['w22']:.1f}]], "
            f"b⁽¹⁾ = ({v['b1']:.1f}, {v['b2']:.1f}), w⁽²⁾ = ({v['v1']:.1f}, {v['v2']:.1f}), "
            f"b⁽²⁾ = {v['c']:.1f}: {where}; hidden points "
            f"{'separable' if data['separable'] else 'not separable'} by a line; "
            f"outputs {bits(data['y_hat'])}, {data['n_correct']} of 4 correct")


def _draw_network(fig):
    ax_x, ax_h = fig.subplots(1, 2)
    fig.subplots_adjust(left=0.1, right=0.97, bottom=0.36, top=0.8, wspace=0.4)
    region = prob_image(ax_x, SQUARE)
    hidden = [boundary_line(ax_x, color=COLORS[name], ls="--", label=label)
              for name, label in (("orange", "h₁ flips"), ("green", "h₂ flips"))]
    points = class_scatter(ax_x, size=70)
    wrong = mistake_rings(ax_x, size=290)
    for x1, x2 in GATES["xor"][0]:
        ax_x.annotate(f"{x1:.0f}{x2:.0f}", (x1, x2), xytext=(7, 7), textcoords="offset points",
                      color="#333333")
    input_axes(ax_x, SQUARE, ticks=[0, 1])
    ax_x.set_title("input space")

    h_region, out_line = prob_image(ax_h, _HIDDEN_BOX), boundary_line(ax_h)
    h_points = class_scatter(ax_h, size=70)
    labels = [ax_h.text(0, 0, "", color="#333333", ha="left", va="bottom")
              for _ in range(4)]
    input_axes(ax_h, _HIDDEN_BOX, ticks=[0, 1], labels=("$h_1$", "$h_2$"))
    ax_h.set_title("hidden space")
    class_legend(ax_h, h_region, extra=[wrong, *hidden], ncol=4, markerscale=0.7)
    title = fig.suptitle("", y=0.995)

    def update(data):
        region.set_data(data["region"])
        for artist, segment in zip(hidden, data["hidden_lines"]):
            set_boundary(artist, segment)
        set_class_points(points, data["X"], data["y"])
        set_mistakes(wrong, data["X"], ~data["correct"])
        h_region.set_data(data["h_region"])
        set_boundary(out_line, data["output_line"])
        set_class_points(h_points, data["H"], data["y"])
        groups: dict[tuple, list[str]] = {}
        for (x1, x2), h in zip(data["X"], data["H"]):
            groups.setdefault(tuple(h), []).append(f"{x1:.0f}{x2:.0f}")
        for text, (h, names) in zip(labels, list(groups.items()) + [((0, 0), [])] * 4):
            right = h[0] > 0.5  # write towards the middle, away from the legend
            text.set_position((h[0] + (-0.06 if right else 0.06), h[1] + 0.06))
            text.set_horizontalalignment("right" if right else "left")
            text.set_text(", ".join(names))
            text.set_visible(bool(names))  # an empty label still costs a layout
        title.set_text(f"outputs {bits(data['y_hat'])} for 00 01 10 11: "
                       f"{data['n_correct']} of 4 correct"
                       + (" (XOR)" if data["n_correct"] == 4 else "")
                       + "\n" + ("one line separates" if data["separable"] else "no line separates")
                       + " the hidden points")

    return update


def xor_network() -> InteractiveFigure:
    """The hand-built XOR network: set its weights, watch the four points in (h₁, h₂).

    In a kernel all nine numbers move; the static page moves the three biases.

    Examples
    --------
    >>> fig = xor_network()
    >>> fig.update()
    True
    >>> fig.data["y_hat"].tolist(), [c.name for c in fig.static_controls]
    ([0, 1, 1, 0], ['b1', 'b2', 'c'])
    """
    def weight(name, label, lo=-2.0, hi=2.0):
        return Slider(name, lo, hi, step=0.1, default=XOR_BY_HAND[name], static_step=1, label=label)

    return InteractiveFigure(
        [weight("w11", "w₁₁"), weight("w12", "w₁₂"), weight("b1", "b⁽¹⁾₁", -1.5, 1.5),
         weight("w21", "w₂₁"), weight("w22", "w₂₂"), weight("b2", "b⁽¹⁾₂", -1.5, 1.5),
         weight("v1", "w⁽²⁾₁"), weight("v2", "w⁽²⁾₂"), weight("c", "b⁽²⁾", -1.5, 1.5)],
        xor_network_data,
        _draw_network,
        static_controls=("b1", "b2", "c"),
        describe=_describe_network,
        title="XOR by hand: h = step(W⁽¹⁾x + b⁽¹⁾), ŷ = step(w⁽²⁾·h + b⁽²⁾)",
        name="xor_network",
        figsize=(5.4, 4.0),
    )
