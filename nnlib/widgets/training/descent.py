"""Descent on a surface: the widget :func:`descent_surface`, gradient descent with a chosen
learning rate α on the bowl or on logistic regression's loss, step by step.
"""

from __future__ import annotations

import functools

from nnlib.optimizers import GD
from nnlib.plotting import COLORS, loss_panel, set_loss, set_surface, surface_contours
from nnlib.surfaces import descend
from nnlib.widgets.controls import Dropdown, Slider
from nnlib.widgets.figure import InteractiveFigure
from nnlib.widgets.training.common import EXTENT, START, SURFACES, contour_grid, surface

__all__ = ["descent_data", "descent_surface", "MAX_STEPS"]

MAX_STEPS = 40


@functools.lru_cache(maxsize=256)
def _path(name: str, lr: float):
    return descend(surface(name), START[name], GD(lr=lr), MAX_STEPS, blow_up=100.0)


def descent_data(surface_name: str, lr: float, steps: int) -> dict:
    """Gradient descent from ``START[surface_name]`` with learning rate `lr`, after `steps`.

    Returns
    -------
    dict
        ``t`` the step reached: `steps`, or fewer when the run diverged before; ``w``
        (t + 1, 2) the path so far; ``loss`` (t + 1,); ``all_loss`` the whole run's losses;
        ``diverged`` (None or the message, once the run has left every bound by step
        `steps`); ``max_lr`` (2/M for the bowl, None for logistic regression).

    Examples
    --------
    >>> d = descent_data("quadratic", 1.05, 40)
    >>> d["diverged"], d["t"]
    ('diverged at step 29: the loss rose to 566 (α = 1.05 ≥ 2/M = 1)', 28)
    >>> round(float(descent_data("quadratic", 0.45, 40)["loss"][-1]), 6)
    0.0
    """
    if surface_name not in SURFACES:
        raise ValueError(f"unknown surface {surface_name!r}; expected one of: {', '.join(SURFACES)}")
    if not lr > 0:
        raise ValueError(f"the learning rate α must be > 0, got {lr}")
    steps = int(steps)
    if not 0 <= steps <= MAX_STEPS:
        raise ValueError(f"steps must be in [0, {MAX_STEPS}], got {steps}")
    path = _path(surface_name, round(float(lr), 10))
    t = min(steps, len(path.w) - 1)
    diverged = path.diverged if path.diverged and steps >= len(path.w) else None
    return {"surface": surface_name, "lr": float(lr), "steps": steps, "t": t, "w": path.w[:t + 1],
            "loss": path.loss[:t + 1], "all_loss": path.loss, "diverged": diverged,
            "max_lr": getattr(surface(surface_name), "max_lr", None)}


def _describe(values: dict, data: dict) -> str:
    end = data["w"][-1]
    state = (f"{data['diverged']}; the path shown ends at t = {data['t']} of {data['steps']}"
             if data["diverged"] else f"after {data['t']} steps w = ({end[0]:.2f}, "
             f"{end[1]:.2f}), loss {data['loss'][-1]:.3g}")
    return f"gradient descent on the {SURFACES[data['surface']]}, α = {data['lr']:.2f}: {state}"


def _draw(fig):
    ax, ax_l = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.3, 1.0]})
    fig.subplots_adjust(left=0.1, right=0.97, bottom=0.17, top=0.83, wspace=0.38)
    contours, shown = surface_contours(ax), {"surface": None}
    (path,) = ax.plot([], [], "-o", color=COLORS["vermillion"], ms=3, lw=1.5)
    (start,) = ax.plot([], [], "s", color="black", ms=6)
    ax.set(xlabel="$w_1$", ylabel="$w_2$")
    ax.grid(False)
    loss = loss_panel(ax_l, log=True, ylabel=None, xlabel="step t", xlim=(0, MAX_STEPS))
    ax_l.set_title("loss L(w_t)")
    message = fig.text(0.5, 0.5, "", ha="center", va="center", color=COLORS["vermillion"],
                       bbox={"facecolor": "white", "edgecolor": COLORS["vermillion"]})
    title = fig.suptitle("", y=0.99)

    def update(data):
        name = data["surface"]
        if shown["surface"] != name:  # contours cost: redrawn only for a new surface
            set_surface(contours, contour_grid(name)[2], EXTENT[name])
            ax.set(xlim=EXTENT[name][:2], ylim=EXTENT[name][2:])
            shown["surface"] = name
        w, t = data["w"], data["t"]
        path.set_data(w[:, 0], w[:, 1])
        start.set_data([w[0, 0]], [w[0, 1]])
        set_loss(loss, data["all_loss"], t)
        message.set_text(data["diverged"].split(" (")[0] if data["diverged"] else "")
        message.set_visible(bool(data["diverged"]))
        limit = f", 2/M = {data['max_lr']:g}" if data["max_lr"] else ""
        if data["diverged"]:  # the surface is named by the menu just above
            title.set_text(f"α = {data['lr']:.2f}{limit}: stopped at t = {t} of "
                           f"{data['steps']} (diverged)")
        else:
            title.set_text(f"{SURFACES[name]}: α = {data['lr']:.2f}{limit}, t = {t}")

    return update


def descent_surface() -> InteractiveFigure:
    """Gradient descent on a surface: pick the surface, the learning rate α and the step.

    Examples
    --------
    >>> fig = descent_surface()
    >>> fig.update(lr=1.15), fig.data["diverged"] is not None
    (True, True)
    """
    return InteractiveFigure(
        [Dropdown("surface_name", [(label, name) for name, label in SURFACES.items()],
                  default="quadratic", label="surface"),
         Slider("lr", 0.05, 1.15, step=0.05, default=0.45, static_step=0.1, label="α"),
         Slider("steps", 0, MAX_STEPS, step=1, default=MAX_STEPS, static_step=10,
                label="steps t")],
        descent_data, _draw, describe=_describe,
        title="Descent on a surface", name="descent_surface", figsize=(5.4, 2.9))
