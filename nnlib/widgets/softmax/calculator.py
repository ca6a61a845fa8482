"""The softmax calculator: the widget :func:`softmax_calculator`, three scores and a
temperature in, the probabilities, the loss of a true class and the gradient p − y out.
"""

from __future__ import annotations

import numpy as np

from nnlib.losses import cross_entropy, cross_entropy_grad, softmax
from nnlib.plotting import COLORS, class_style
from nnlib.widgets.controls import Dropdown, Slider
from nnlib.widgets.figure import InteractiveFigure

__all__ = ["CALCULATOR_DEFAULTS", "softmax_calculator_data", "softmax_calculator"]

#: The calculator's starting point: scores f = (1, 2, 0), T = 1, true class 1.
CALCULATOR_DEFAULTS = {"f1": 1.0, "f2": 2.0, "f3": 0.0, "T": 1.0, "label": "1"}


def softmax_calculator_data(f1: float, f2: float, f3: float, T: float, label: str) -> dict:
    r"""Softmax of the scores f / T, the cross-entropy of class `label` and its gradient.

    .. math:: \mathbf{p} = \text{softmax}(\mathbf{f} / T), \qquad \ell = -\log p_y, \qquad
              \frac{\partial \ell}{\partial (\mathbf{f}/T)} = \mathbf{p} - \mathbf{y}

    Parameters
    ----------
    f1, f2, f3 : float
        The scores (logits) of classes 1, 2, 3.
    T : float > 0
        Temperature: the scores are divided by it (T < 1 sharpens, T > 1 flattens).
    label : {"1", "2", "3"}
        The true class y, counted from 1 as the lecture does.

    Returns
    -------
    dict
        ``f`` (3,), ``logits`` (3,) = f / T, ``p`` (3,), ``y`` (3,) one-hot, ``loss``,
        ``grad`` (3,) = p − y, ``T``, ``label`` (an int from 1).

    Examples
    --------
    >>> d = softmax_calculator_data(1.0, 2.0, 0.0, T=1.0, label="1")
    >>> d["p"].round(3).tolist(), round(d["loss"], 3), d["grad"].round(3).tolist()
    ([0.245, 0.665, 0.09], 1.408, [-0.755, 0.665, 0.09])
    """
    T = float(T)
    if not T > 0:
        raise ValueError(f"the temperature T must be positive, got {T:g}")
    j = int(label)
    if j not in (1, 2, 3):
        raise ValueError(f"the true class must be 1, 2 or 3, got {label!r}")
    f = np.array([f1, f2, f3], dtype=float)
    logits = f / T
    y = np.eye(3)[j - 1]
    return {"f": f, "logits": logits, "p": softmax(logits), "y": y,
            "loss": cross_entropy(logits[None], [j - 1]),
            "grad": cross_entropy_grad(logits[None], [j - 1])[0],
            "T": T, "label": j}


def _describe(values: dict, data: dict) -> str:
    f, p = data["f"], data["p"]
    return (f"scores f = ({f[0]:.1f}, {f[1]:.1f}, {f[2]:.1f}), T = {data['T']:.1f}: "
            f"p = ({p[0]:.2f}, {p[1]:.2f}, {p[2]:.2f}); true class {data['label']}, "
            f"loss −log p_y = {data['loss']:.2f}; gradient p − y = "
            f"({data['grad'][0]:+.2f}, {data['grad'][1]:+.2f}, {data['grad'][2]:+.2f})")


def _draw(fig):
    ax_p, ax_g = fig.subplots(1, 2)
    fig.subplots_adjust(left=0.1, right=0.98, bottom=0.17, top=0.75, wspace=0.35)
    classes = np.arange(1, 4)
    colours = [class_style(j, k=3)["color"] for j in range(3)]
    p_bars = ax_p.bar(classes, [0, 0, 0], color=colours, edgecolor="black", width=0.7)
    p_text = [ax_p.text(c, 0, "", ha="center", va="bottom") for c in classes]
    ax_p.set(xticks=classes, ylim=(0, 1.22), yticks=[0, 0.5, 1], xlabel="class j")
    ax_p.set_title("$p_j$ = softmax$(f/T)_j$")
    g_bars = ax_g.bar(classes, [0, 0, 0], color=colours, edgecolor="black", width=0.7)
    ax_g.axhline(0, color=COLORS["black"], lw=1)
    ax_g.set(xticks=classes, ylim=(-1.05, 1.05), yticks=[-1, 0, 1], xlabel="class j")
    ax_g.set_title("gradient $p_j - y_j$")
    title = fig.suptitle("", y=0.97)

    def update(data):
        for j, (bar, text, g_bar) in enumerate(zip(p_bars, p_text, g_bars)):
            true = j + 1 == data["label"]
            bar.set_height(data["p"][j])
            bar.set_hatch("//" if true else "")
            bar.set_linewidth(2.5 if true else 0.8)
            text.set_position((j + 1, data["p"][j] + 0.02))
            text.set_text(f"{data['p'][j]:.2f}")
            g_bar.set_height(data["grad"][j])
            g_bar.set_hatch("//" if true else "")
        f = data["f"]
        title.set_text(f"f = ({f[0]:.1f}, {f[1]:.1f}, {f[2]:.1f}), T = {data['T']:.1f}, "
                       f"true class y = {data['label']} (hatched)\n"
                       f"loss $-\\log p_y$ = {data['loss']:.2f}")

    return update


def softmax_calculator() -> InteractiveFigure:
    """The softmax calculator: scores f₁, f₂, f₃, temperature T and the true class.

    The static page moves f₁, T and the true class (f₂ = 2 and f₃ = 0 stay put); in a
    kernel every score moves.

    Examples
    --------
    >>> fig = softmax_calculator()
    >>> fig.update(f1=3.0), round(float(fig.data["p"][0]), 3)
    (True, 0.705)
    """
    d = CALCULATOR_DEFAULTS
    return InteractiveFigure(
        [Slider("f1", -3, 3, step=0.1, default=d["f1"], static_step=1, label="score f₁"),
         Slider("f2", -3, 3, step=0.1, default=d["f2"], label="score f₂"),
         Slider("f3", -3, 3, step=0.1, default=d["f3"], label="score f₃"),
         Slider("T", 0.5, 2.0, step=0.1, default=d["T"], static_step=0.5, label="temperature T"),
         Dropdown("label", [("1", "1"), ("2", "2"), ("3", "3")], default=d["label"],
                  label="true class y")],
        softmax_calculator_data, _draw, describe=_describe,
        title="Softmax calculator",
        name="softmax_calculator", figsize=(5.4, 3.0),
        static_controls=("f1", "T", "label"))
