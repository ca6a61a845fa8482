"""Paths to x₁: the widget :func:`paths_to_x1`, the two-layer network with the two paths from
x₁ to the loss highlighted and their contributions to ∂ℓ/∂x₁ as bars that add up.
"""

from __future__ import annotations

import numpy as np

from nnlib.diagrams import draw_network
from nnlib.plotting import COLORS
from nnlib.widgets.backprop.common import PRESETS
from nnlib.widgets.backprop.walk import walk_graph
from nnlib.widgets.controls import Slider
from nnlib.widgets.figure import InteractiveFigure

__all__ = ["paths_to_x1", "paths_data", "PATH_COLORS"]

PATH_COLORS = (COLORS["orange"], COLORS["purple"])


def paths_data(x1: float, w12: float, **others: float) -> dict:
    r"""The two terms of ∂ℓ/∂x₁ in the lecture's 2-2-1 sigmoid network (biases 0, BCE loss).

    .. math:: \frac{\partial \ell}{\partial x_1}
              = \underbrace{\frac{\partial \ell}{\partial z_{11}}\,w^{(1)}_{11}}_{\text{via } a_{11}}
              + \underbrace{\frac{\partial \ell}{\partial z_{12}}\,w^{(1)}_{12}}_{\text{via } a_{12}}

    `x1` and `w12` (w₁₂⁽¹⁾, the first weight of the path via a₁₂) move; the other values (x2,
    y, w11, w21, w22, v1, v2) default to the chapter's. Computed on nnlib's scalar graph.

    Returns
    -------
    dict
        ``terms`` (2,) the contributions via a₁₁ and a₁₂; ``total`` ∂ℓ/∂x₁ (the graph's
        x₁.grad); ``W1`` (2, 2), ``W2`` (1, 2); ``y_hat``.

    Examples
    --------
    >>> d = paths_data(1.5, -0.6)
    >>> [round(float(t), 5) for t in d["terms"]], round(d["total"], 5)
    ([-0.04663, -0.02102], -0.06764)
    """
    values = {**PRESETS["sliders"], **others, "x1": x1, "w12": w12}
    loss, nodes = walk_graph("two_layer", values)
    loss.backward()
    terms = np.array([nodes["z11"].grad * values["w11"], nodes["z12"].grad * values["w12"]])
    return {"terms": terms, "total": nodes["x1"].grad, "y_hat": nodes["y_hat"].data,
            "W1": np.array([[values["w11"], values["w21"]], [values["w12"], values["w22"]]]),
            "W2": np.array([[values["v1"], values["v2"]]]), "x1": float(x1), "w12": float(w12)}


def _signed(v: float, digits: int) -> str:
    """v to `digits` decimals with a real minus sign, and 0 never written −0."""
    return f"{round(v, digits) + 0.0:.{digits}f}".replace("-", "−")


def _describe(values: dict, data: dict) -> str:
    a, b = data["terms"]
    return (f"x₁ = {_signed(data['x1'], 1)}, w₁₂⁽¹⁾ = {_signed(data['w12'], 1)}: the path via a₁₁ "
            f"gives {_signed(a, 4)}, via a₁₂ {_signed(b, 4)}; together ∂ℓ/∂x₁ = "
            f"{_signed(data['total'], 4)}. Solid lines are positive weights, dashed negative; "
            f"the thicker, the larger.")


def _draw(fig):
    ax_n, ax_b = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.0, 1.1]})
    fig.subplots_adjust(left=0.02, right=0.97, bottom=0.2, top=0.86, wspace=0.35)
    fig.text(0.02, 0.02, "weights: solid > 0, dashed < 0, thicker = larger |w|",
             ha="left", va="bottom", color="#444444")
    bars = ax_b.bar([0, 1, 2], [0, 0, 0], color=[*PATH_COLORS, COLORS["grey"]])
    ax_b.axhline(0, color="black", lw=0.8)
    ax_b.set_xticks([0, 1, 2], ["via a₁₁", "via a₁₂", "sum"])
    ax_b.set(ylim=(-0.25, 0.25), ylabel="term of ∂ℓ/∂x₁")
    title = fig.suptitle("", y=0.98)

    def update(data):
        ax_n.clear()
        art = draw_network(ax_n, [data["W1"], data["W2"]])
        for line, (layer, i, j) in zip(art["edges"], [(0, 0, 0), (0, 1, 0), (0, 0, 1), (0, 1, 1),
                                                      (1, 0, 0), (1, 1, 0)]):
            path = j if layer == 0 and i == 0 else i if layer == 1 else None
            line.set_color(PATH_COLORS[path] if path is not None else "#cccccc")
        for (x, y), name in [((-0.25, 0.5), "x₁"), ((-0.25, -0.5), "x₂"), ((1.0, 0.72), "a₁₁"),
                             ((1.0, -0.72), "a₁₂"), ((2.24, 0.0), "ŷ")]:
            ax_n.text(x, y, name, ha="right" if x < 0 else "left" if x > 2 else "center",
                      va="center")
        # the two weights out of x₁, one on each path
        ax_n.text(0.5, 0.56, "$w^{(1)}_{11}$", ha="center", va="bottom", color=PATH_COLORS[0])
        ax_n.text(0.3, 0.08, "$w^{(1)}_{12}$", ha="right", va="center", color=PATH_COLORS[1])
        ax_n.set(xlim=(-0.6, 2.45), ylim=(-0.95, 0.95), aspect="auto")
        heights = [*data["terms"], data["total"]]
        for bar, h in zip(bars, heights):
            bar.set_height(h)
        top = max(0.1, 1.25 * max(abs(h) for h in heights))
        ax_b.set_ylim(-top, top)
        a, b = data["terms"]
        second = f"− {_signed(-b, 3)}" if round(b, 3) < 0 else f"+ {_signed(b, 3)}"
        title.set_text(f"∂ℓ/∂x₁ = {_signed(a, 3)} {second} = {_signed(data['total'], 3)}")

    return update


def paths_to_x1() -> InteractiveFigure:
    """Move x₁ and w₁₂⁽¹⁾: the two paths' shares of ∂ℓ/∂x₁ change, and always add up.

    Examples
    --------
    >>> fig = paths_to_x1()
    >>> fig.update(w12=0.6), bool(fig.data["terms"][1] > 0)
    (True, True)
    """
    d = PRESETS["sliders"]
    return InteractiveFigure(
        [Slider("x1", -2, 2, step=0.1, default=d["x1"], static_step=0.5, label="x₁"),
         Slider("w12", -1.8, 1.8, step=0.1, default=d["w12"], static_step=0.6, label="w₁₂⁽¹⁾"),
         Slider("v2", -2, 2, step=0.1, default=d["v2"], label="w₂₁⁽²⁾")],
        paths_data, _draw, describe=_describe, title="Paths to x₁", name="paths_to_x1",
        figsize=(5.4, 2.8), static_controls=("x1", "w12"))
