"""Gradient descent over time: the widget :func:`gd_steps`, the GD fit after t steps,
where its boundary goes and how ‖w‖ grows (without bound on separable data when λ = 0).
"""

from __future__ import annotations

import functools

import numpy as np

from nnlib.logistic import LogisticRegression
from nnlib.plotting import (
    boundary_line, input_axes, loss_panel, prob_image, set_boundary, set_loss,
)
from nnlib.training import iterate_training
from nnlib.widgets.controls import Dropdown, Slider
from nnlib.widgets.figure import InteractiveFigure
from nnlib.widgets.logistic_regression.common import (
    DATA, DATA_OPTIONS, LIM, TICKS, both_data_sets, prob_map, show_only, boundary_segment,
    chapter_data, safe_lr,
)
from nnlib.widgets.trainers import precompute

__all__ = ["gd_steps_data", "gd_steps", "LOG_STEPS"]


# The GD-over-time widget: log10 of the number of steps t; the top of its ‖w‖ axis.
LOG_STEPS = tuple(np.round(np.arange(0.0, 4.01, 0.5), 1))
NORM_MAX = 12.5


@functools.lru_cache(maxsize=None)
def _trajectory(dataset: str, lam: float) -> np.ndarray:
    """(w₁, w₂, b) after t = 0, 1, ..., 10⁴ GD steps from 0 (one run, cached)."""
    X, y = chapter_data(dataset)
    model = LogisticRegression(lam=lam).fit(X, y, epochs=1, progress=False)
    model.params["w"][:] = 0.0
    model.params["b"][...] = 0.0
    rows = [np.zeros(3)]
    for _ in iterate_training(model, X, y, optimizer="gd", lr=safe_lr(dataset, lam),
                              epochs=10 ** int(LOG_STEPS[-1]), progress=False):
        rows.append(np.r_[model.params["w"], model.params["b"]])
    out = np.array(rows)
    out.flags.writeable = False
    return out


def gd_steps_data(dataset: str, lam: float, log_t: float) -> dict:
    """The GD fit after t = round(10**log_t) steps, and ‖w‖ over all steps.

    Returns
    -------
    dict
        ``t``; ``w`` (2,) and ``b`` after t steps; ``p`` and ``boundary``;
        ``norms`` (10⁴ + 1,): ‖w‖ after every step; ``earlier``: boundaries after
        1, 10, 100, ... steps up to t.

    Examples
    --------
    >>> d = gd_steps_data("separable", 0.0, 2.0)
    >>> d["t"], d["norms"].shape
    (100, (10001,))
    """
    if not LOG_STEPS[0] <= log_t <= LOG_STEPS[-1]:
        raise ValueError(f"log_t must be in [{LOG_STEPS[0]}, {LOG_STEPS[-1]}], got {log_t!r}")
    trajectory = _trajectory(dataset, float(lam))
    t = int(round(10 ** log_t))
    (w1, w2, b), norms = trajectory[t], np.hypot(trajectory[:, 0], trajectory[:, 1])
    return {"t": t, "w": np.array([w1, w2]), "b": float(b), "lam": float(lam),
            "dataset": dataset, "p": prob_map(w1, w2, b), "norm": float(norms[t]),
            "boundary": boundary_segment(w1, w2, b), "norms": norms,
            "earlier": [boundary_segment(*trajectory[10 ** k]) for k in range(5) if 10 ** k < t]}


def _gd_steps_compute(dataset: str, lam: str, log_t: float) -> dict:
    return gd_steps_data(dataset, float(lam), log_t)  # the λ menu's values are strings


def _describe_gd(values: dict, data: dict) -> str:
    return (f"{values['dataset']} data, λ = {data['lam']:g}, after {data['t']} GD steps: "
            f"w = ({data['w'][0]:.2f}, {data['w'][1]:.2f}), b = {data['b']:.2f}, "
            f"‖w‖ = {data['norm']:.2f}")


def _draw_gd(fig):
    ax_x, ax_n = fig.subplots(1, 2)
    fig.subplots_adjust(left=0.1, right=0.97, bottom=0.18, top=0.8, wspace=0.42)
    image, line = prob_image(ax_x, LIM), boundary_line(ax_x)
    input_axes(ax_x, LIM, TICKS)
    points = both_data_sets(ax_x)
    earlier = [boundary_line(ax_x, lw=0.8, ls="--") for _ in range(5)]
    title_x = ax_x.set_title("")
    steps = np.arange(10 ** int(LOG_STEPS[-1]) + 1)
    # ‖w‖ against the step, drawn as a loss panel: the whole run faint, the steps so far solid
    norms = loss_panel(ax_n, ylabel="‖w‖", ylim=(0, NORM_MAX))  # one scale: settings compare
    ax_n.set(xscale="log", xlabel="GD step t", xticks=(1, 100, 10 ** 4),
             yticks=np.arange(0, NORM_MAX + 1e-9, 5 if NORM_MAX > 10 else 2),
             xlim=(0.8, 1.4 * steps[-1]))
    ax_n.minorticks_off()
    title_n = ax_n.set_title("")
    fig.suptitle("dashed: the boundary at t = 1, 10, 100, …", y=0.99)

    def update(data):
        show_only(points, data["dataset"])
        image.set_data(data["p"])
        set_boundary(line, data["boundary"])
        for k, artist in enumerate(earlier):
            set_boundary(artist, data["earlier"][k] if k < len(data["earlier"]) else None)
        title_x.set_text(f"after t = {data['t']} steps")
        set_loss(norms, data["norms"][1:], max(data["t"], 1) - 1, x=steps[1:])
        title_n.set_text(f"‖w‖ = {data['norm']:.2f}")

    return update


def gd_steps() -> InteractiveFigure:
    """Gradient descent on λ = 0 or 1, step by step: the boundary settles, ‖w‖ may not.

    Building it runs GD once per (data set, λ), 10⁴ steps each (about 8 s, with a
    progress bar in a kernel; cached for the session); the controls then only look up.
    """
    precompute([functools.partial(_trajectory, name, lam) for name in DATA for lam in (0.0, 1.0)],
               "running gradient descent")
    return InteractiveFigure(
        [Dropdown("dataset", DATA_OPTIONS, default="separable", label="data"),
         Dropdown("lam", [("0 (maximum likelihood)", "0"), ("1 (MAP)", "1")], default="0",
                  label="λ"),
         Slider("log_t", LOG_STEPS[0], LOG_STEPS[-1], step=0.5, default=1.0,
                label="log₁₀ t")],
        _gd_steps_compute, _draw_gd, describe=_describe_gd,
        title="Gradient descent over time: where the boundary goes, how big w gets",
        name="gd_steps", figsize=(5.4, 3.0))
