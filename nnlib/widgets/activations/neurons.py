"""The neuron widgets of the chapter *Activation functions*: one neuron, one or two inputs.

Each widget is a pure ``*_data`` function (tested on its own) plus a drawing function,
joined by :class:`~nnlib.widgets.figure.InteractiveFigure`.
"""

from __future__ import annotations

import numpy as np

from nnlib.activations import ACTIVATIONS, get_activation
from nnlib.plotting import (
    COLORS, boundary_line, boundary_segment, input_axes, input_mesh, prob_image, set_boundary,
    set_prob_image,
)
from nnlib.widgets.controls import Dropdown, Slider
from nnlib.widgets.figure import InteractiveFigure

__all__ = ["neuron_1d_data", "neuron_1d", "neuron_2d_data", "neuron_2d", "CHAPTER_ACTIVATIONS"]

#: The four activations of the lecture, in the order the chapter introduces them.
CHAPTER_ACTIVATIONS = ("step", "sigmoid", "tanh", "relu")

#: Where |g'(z)| is below this, we call the neuron saturated (it barely learns).
SATURATION = 0.01

X_1D = np.linspace(-4.0, 4.0, 401)


def _activation_option(name: str) -> tuple[str, str]:
    return ({"relu": "ReLU", "tanh": "tanh", "leaky_relu": "leaky ReLU"}.get(name, name), name)


def neuron_1d_data(activation: str, w: float, b: float, x: np.ndarray = X_1D) -> dict:
    """Output and local derivative of the neuron ``y = g(w x + b)`` along a line of x.

    Parameters
    ----------
    activation : str
        Name in :data:`nnlib.activations.ACTIVATIONS`.
    w, b : float
        Weight and bias.
    x : ndarray, shape (n,)
        Inputs at which to evaluate.

    Returns
    -------
    dict
        ``x`` (n,), ``z = w x + b`` (n,), ``y = g(z)`` (n,), ``dy_dz = g'(z)`` (n,),
        ``threshold``: the x where z = 0 (None if w = 0), and ``saturated``: the
        fraction of x where ``|g'(z)| < 0.01``.

    Examples
    --------
    >>> d = neuron_1d_data("sigmoid", w=1.0, b=0.0, x=np.array([-1.0, 0.0, 1.0]))
    >>> np.round(d["y"], 3), d["threshold"]
    (array([0.269, 0.5  , 0.731]), 0.0)
    """
    g = get_activation(activation)
    x = np.asarray(x, dtype=float)
    z = w * x + b
    dy_dz = g.df(z)
    return {
        "activation": activation,
        "x": x,
        "z": z,
        "y": g.f(z),
        "dy_dz": dy_dz,
        "threshold": None if w == 0 else -b / w + 0.0,  # + 0.0: x = 0, not -0 (b = 0)
        "saturated": float(np.mean(np.abs(dy_dz) < SATURATION)),
    }


def _describe_1d(values: dict, data: dict) -> str:
    where = ("the output never changes: w = 0" if data["threshold"] is None
             else f"z = 0 at x = {data['threshold']:.2f}")
    return (f"{values['activation']} neuron, w = {values['w']:.1f}, b = {values['b']:.1f}: "
            f"output from {data['y'][0]:.2f} at x = -4 to {data['y'][-1]:.2f} at x = 4; {where}; "
            f"derivative below {SATURATION} on {data['saturated']:.0%} of the range")


def _draw_1d(fig):
    ax_y, ax_d = fig.subplots(1, 2)
    fig.subplots_adjust(left=0.1, right=0.965, bottom=0.17, top=0.79, wspace=0.32)
    (line_y,) = ax_y.plot(X_1D, X_1D, color=COLORS["blue"], lw=2)
    (line_d,) = ax_d.plot(X_1D, X_1D, color=COLORS["vermillion"], lw=2)
    mark_y = ax_y.axvline(0, color=COLORS["grey"], ls="--", lw=1)
    mark_d = ax_d.axvline(0, color=COLORS["grey"], ls="--", lw=1)
    shade = ax_d.fill_between(X_1D, 0, 0, color=COLORS["orange"], alpha=0.0)
    ax_y.set(xlabel="input $x$", xlim=(-4, 4), xticks=(-4, 0, 4))
    ax_d.set(xlabel="input $x$", xlim=(-4, 4), ylim=(-0.08, 1.12), xticks=(-4, 0, 4), yticks=(0, 0.5, 1))
    ax_d.set_title("local slope $g'(z)$")
    title = fig.suptitle("", y=0.99)

    def update(data):
        nonlocal shade
        name = data["activation"]
        line_y.set_ydata(data["y"])
        line_d.set_ydata(data["dy_dz"])
        lo, hi = ACTIVATIONS[name].output_range
        top = hi if np.isfinite(hi) else max(1.0, float(np.max(data["y"])))
        ax_y.set_ylim(min(lo, 0.0) - 0.1 * (top - min(lo, 0.0)), top + 0.1 * (top - min(lo, 0.0)))
        ax_y.set_title(f"output $\\hat y = \\mathrm{{{_activation_option(name)[0]}}}(wx+b)$")
        for mark in (mark_y, mark_d):
            t = data["threshold"]
            mark.set_visible(t is not None and -4 <= t <= 4)
            if t is not None:
                mark.set_xdata([t, t])
        shade.remove()
        flat = np.abs(data["dy_dz"]) < SATURATION
        shade = ax_d.fill_between(data["x"], -0.08, 1.12, where=flat, color=COLORS["orange"],
                                  alpha=0.18, lw=0)
        title.set_text(f"shaded, slope below {SATURATION}: {data['saturated']:.0%} of the inputs")

    return update


def neuron_1d(activations=CHAPTER_ACTIVATIONS) -> InteractiveFigure:
    """One neuron ``ŷ = g(w x + b)``: pick g, move w and b, see ŷ and g'(z).

    Examples
    --------
    >>> fig = neuron_1d()
    >>> fig.update(activation="tanh", w=2.0, b=-1.0)
    True
    """
    return InteractiveFigure(
        [
            Dropdown("activation", [_activation_option(a) for a in activations], default="sigmoid",
                     label="activation g"),
            Slider("w", -3, 3, step=0.1, default=1, static_step=1, label="weight w"),
            Slider("b", -3, 3, step=0.1, default=0, static_step=1.5, label="bias b"),
        ],
        neuron_1d_data,
        _draw_1d,
        describe=_describe_1d,
        title="One neuron: ŷ = g(w·x + b)",
        name="neuron_1d",
        figsize=(5.4, 2.7),
    )


def neuron_2d_data(activation: str, w1: float, w2: float, b: float, n: int = 121) -> dict:
    """A two-input neuron ``ŷ = g(w₁x₁ + w₂x₂ + b)`` over the square [-3, 3]².

    Returns
    -------
    dict
        ``y`` (n, n) with rows along x₂ and columns along x₁, ``boundary``: the
        segment where z = 0 inside the square (None if w = 0), ``w``: (2,).

    Examples
    --------
    >>> d = neuron_2d_data("step", 1.0, 0.0, 0.0, n=3)
    >>> d["y"]
    array([[0., 0., 1.],
           [0., 0., 1.],
           [0., 0., 1.]])
    """
    g = get_activation(activation)
    x = input_mesh(3.0, n).grid
    z = (w1 * x[:, 0] + w2 * x[:, 1] + b).reshape(n, n)
    return {"activation": activation, "y": g.f(z), "w": np.array([w1, w2]),
            "boundary": boundary_segment(w1, w2, b), "b": b}


def _describe_2d(values: dict, data: dict) -> str:
    line = ("no boundary (both weights are 0), the output is constant"
            if data["boundary"] is None else
            "the boundary w·x + b = 0 is a straight line and the output grows in the direction of w")
    return (f"{values['activation']} neuron with w = ({values['w1']:.1f}, {values['w2']:.1f}), "
            f"b = {values['b']:.1f}: {line}; outputs from {data['y'].min():.2f} to {data['y'].max():.2f}")


def _draw_2d(fig):
    ax = fig.add_subplot()
    fig.subplots_adjust(left=0.13, right=0.88, bottom=0.15, top=0.9)
    image = prob_image(ax, 3.0)  # the output in ten flat bands of its range
    bar = fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    line = boundary_line(ax, label="w·x + b = 0")
    arrow = ax.quiver([0], [0], [1], [0], angles="xy", scale_units="xy", scale=1, color="black", width=0.012)
    input_axes(ax, 3.0, ticks=(-3, 0, 3))
    title = ax.set_title("", pad=8)

    def update(data):
        lo, hi = ACTIVATIONS[data["activation"]].output_range
        hi = hi if np.isfinite(hi) else max(1.0, float(data["y"].max()))
        lo = min(lo, 0.0)
        set_prob_image(image, data["y"], vrange=(lo, hi))
        bar.update_normal(image)
        bar.set_ticks([lo, (lo + hi) / 2, hi], labels=[f"{v:.3g}" for v in (lo, (lo + hi) / 2, hi)])
        set_boundary(line, data["boundary"])
        arrow.set_UVC(*data["w"])
        title.set_text(f"{data['activation']}: colour = output y, arrow = w")

    return update


def neuron_2d(activations=CHAPTER_ACTIVATIONS) -> InteractiveFigure:
    """A two-input neuron over the plane: a straight boundary, whatever g is."""
    return InteractiveFigure(
        [
            Dropdown("activation", [_activation_option(a) for a in activations], default="sigmoid",
                     label="activation g"),
            Slider("w1", -2, 2, step=0.1, default=1, static_step=1, label="w₁"),
            Slider("w2", -2, 2, step=0.1, default=1, static_step=1, label="w₂"),
            Slider("b", -2, 2, step=0.1, default=0, static_step=2, label="b"),
        ],
        neuron_2d_data,
        _draw_2d,
        describe=_describe_2d,
        title="A two-input neuron: ŷ = g(w₁x₁ + w₂x₂ + b)",
        name="neuron_2d",
        figsize=(4.2, 3.4),
    )
