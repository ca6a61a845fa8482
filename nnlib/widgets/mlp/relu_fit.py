"""Fitting a 1-D function: the widget :func:`relu_fit`, one hidden layer of m ReLU units whose
kinks sit evenly over the interval, the output layer fitted by least squares; the fitted
curve, each unit's contribution and the kinks.
"""

from __future__ import annotations

import numpy as np

from nnlib.layers import relu_kinks
from nnlib.mlp import MLP
from nnlib.plotting import COLORS
from nnlib.widgets.controls import Dropdown, Slider
from nnlib.widgets.figure import InteractiveFigure

__all__ = ["TARGETS", "relu_fit_data", "relu_fit"]

X = np.linspace(-3.0, 3.0, 241)
#: The functions to fit: name -> (label, function of x).
TARGETS = {
    "sine": ("sin(x)", np.sin),
    "bump": ("exp(−x²)", lambda x: np.exp(-x ** 2)),
    "step": ("tanh(3x)", lambda x: np.tanh(3 * x)),
}
MAX_UNITS = 12


def relu_fit_data(target: str, m: int) -> dict:
    r"""One hidden layer of m ReLU units fitting ``target`` on [-3, 3].

    Unit i computes :math:`h_i = \max(w_i x + b_i, 0)` with :math:`w_i = \pm 1` (alternating,
    so units bend both ways) and :math:`b_i = -w_i t_i`, its kink at :math:`t_i = -b_i / w_i`,
    the t_i evenly spaced inside [-3, 3]. The output layer of
    :math:`f(x) = \sum_i w^{(2)}_i h_i + b^{(2)}` is fitted by least squares on 241 points:
    f is piecewise linear with m + 1 pieces.

    Returns
    -------
    dict
        ``x`` (241,), ``target`` (241,), ``f`` (241,) the network's output (``MLP.logits``);
        ``parts`` (m, 241) each unit's contribution :math:`w^{(2)}_i h_i(x)`; ``kinks`` (m,);
        ``f_kinks`` (m,) f at the kinks; ``params`` (the MLP's); ``max_error``; settings.

    Examples
    --------
    >>> d = relu_fit_data("sine", 12)
    >>> d["kinks"].round(2).tolist()[:3], round(d["max_error"], 2)
    ([-2.54, -2.08, -1.62], 0.03)
    """
    if target not in TARGETS:
        raise ValueError(f"unknown target {target!r}; expected one of: {', '.join(TARGETS)}")
    m = int(m)
    if not 1 <= m <= MAX_UNITS:
        raise ValueError(f"m must be 1 to {MAX_UNITS} hidden units, got {m}")
    t = np.linspace(-3.0, 3.0, m + 2)[1:-1]  # kinks inside the interval
    w = np.where(np.arange(m) % 2 == 0, 1.0, -1.0)
    b = -w * t
    H = np.maximum(np.outer(X, w) + b, 0.0)  # (241, m), h_i(x)
    y = TARGETS[target][1](X)
    A = np.column_stack([H, np.ones_like(X)])
    coef = np.linalg.lstsq(A, y, rcond=None)[0]
    w2, b2 = coef[:m], coef[m]
    model = MLP([1, m, 1], activation="relu", output="linear")
    model.set_params({"W1": w[:, None], "b1": b, "W2": w2[None, :], "b2": [b2]})
    f = model.logits(X[:, None])[:, 0]
    kinks = relu_kinks(w, b)
    f_kinks = model.logits(kinks[:, None])[:, 0]
    return {"x": X, "target": y, "f": f, "parts": (H * w2).T, "kinks": kinks, "f_kinks": f_kinks,
            "params": model.get_params(), "max_error": float(np.abs(f - y).max()),
            "m": m, "name": target}


def _describe(values: dict, data: dict) -> str:
    kinks = ", ".join(f"{k:.2f}" for k in data["kinks"])
    return (f"{data['m']} ReLU unit(s) fitting {TARGETS[data['name']][0]} on [−3, 3]: a "
            f"piecewise-linear curve with {data['m'] + 1} pieces, kinks at x = {kinks}; "
            f"largest error {data['max_error']:.2f}")


def _draw(fig):
    ax_f, ax_p = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [1.3, 1]})
    fig.subplots_adjust(left=0.13, right=0.97, bottom=0.13, top=0.9, hspace=0.2)
    (target,) = ax_f.plot([], [], color=COLORS["grey"], lw=3, alpha=0.6, label="target")
    (fit,) = ax_f.plot([], [], color=COLORS["blue"], lw=1.8, label="network f(x)")
    (dots,) = ax_f.plot([], [], "o", color=COLORS["vermillion"], ms=4, label="kinks")
    ax_f.legend(loc="upper left", ncols=3, handlelength=1.2, columnspacing=0.8, borderaxespad=0.1)
    ax_f.set(ylim=(-1.5, 2.2), yticks=[-1, 0, 1], ylabel="f(x)")
    palette = [COLORS[k] for k in ("orange", "green", "purple", "sky", "vermillion", "blue")]
    parts = [ax_p.plot([], [], color=palette[i % len(palette)], lw=1.2)[0]
             for i in range(MAX_UNITS)]
    ax_p.set(xlim=(-3, 3), xticks=[-3, 0, 3], xlabel="x", ylabel="w⁽²⁾ᵢ hᵢ(x)")
    title = fig.suptitle("", y=0.985)

    def update(data):
        target.set_data(data["x"], data["target"])
        fit.set_data(data["x"], data["f"])
        dots.set_data(data["kinks"], data["f_kinks"])
        for i, line in enumerate(parts):
            if i < data["m"]:
                line.set_data(data["x"], data["parts"][i])
            else:
                line.set_data([], [])
        top = max(1.0, float(np.abs(data["parts"]).max()))
        ax_p.set_ylim(-1.1 * top, 1.1 * top)
        title.set_text(f"m = {data['m']} units: {data['m'] + 1} linear pieces, "
                       f"max error {data['max_error']:.2f}")

    return update


def relu_fit() -> InteractiveFigure:
    """m hidden ReLU units fitting a 1-D function: the curve, the units, the kinks.

    Examples
    --------
    >>> fig = relu_fit()
    >>> fig.update(m=3), fig.data["kinks"].tolist()
    (True, [-1.5, 0.0, 1.5])
    """
    return InteractiveFigure(
        [Dropdown("target", [(label, name) for name, (label, _) in TARGETS.items()],
                  default="sine", label="target"),
         Slider("m", 1, MAX_UNITS, step=1, default=4, label="hidden units m")],
        relu_fit_data, _draw, describe=_describe,
        title="One hidden ReLU layer fitting a 1-D function", name="mlp_relu_fit", figsize=(5.4, 3.6))
