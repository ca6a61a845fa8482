"""Batch size: the widget :func:`batch_size`, minibatch SGD with |D̂| = 1, 8, 32, 128 or
all 512 examples on logistic regression's loss, against gradient descent.
"""

from __future__ import annotations

import functools

import numpy as np

from nnlib.optimizers import GD, SGD
from nnlib.plotting import COLORS, loss_panel, set_loss, set_surface, surface_contours
from nnlib.surfaces import descend
from nnlib.widgets.controls import Dropdown, Slider
from nnlib.widgets.figure import InteractiveFigure
from nnlib.widgets.training.common import EXTENT, LOGISTIC_N, START, contour_grid, surface

__all__ = ["batch_size_data", "batch_size", "BATCH_SIZES", "BATCH_LR", "BATCH_STEPS"]

BATCH_SIZES = ("1", "8", "32", "128", "full")
BATCH_LR = 0.5
BATCH_STEPS = 200


@functools.lru_cache(maxsize=None)
def _run(batch: str):
    size = None if batch == "full" else int(batch)
    optimizer = GD(lr=BATCH_LR) if size is None else SGD(lr=BATCH_LR)
    return descend(surface("logistic"), START["logistic"], optimizer, BATCH_STEPS,
                   batch_size=size, seed=0)


def batch_size_data(batch: str, step: int) -> dict:
    """SGD with minibatches of `batch` examples ("full": gradient descent), after `step`
    steps, and gradient descent's whole run for comparison.

    Returns
    -------
    dict
        ``w`` (step + 1, 2) the SGD path so far; ``evaluations`` and ``loss`` over the whole
        SGD run (gradient evaluations: |D̂| per step); ``gd_w``, ``gd_evaluations``,
        ``gd_loss`` the same for gradient descent; the settings.

    Examples
    --------
    >>> d = batch_size_data("8", 200)
    >>> int(d["evaluations"][-1]), int(d["gd_evaluations"][-1])  # 200 × 8 and 200 × 512
    (1600, 102400)
    """
    if batch not in BATCH_SIZES:
        raise ValueError(f"batch must be one of {', '.join(BATCH_SIZES)}, got {batch!r}")
    step = int(step)
    if not 0 <= step <= BATCH_STEPS:
        raise ValueError(f"step must be in [0, {BATCH_STEPS}], got {step}")
    run, gd = _run(batch), _run("full")
    return {"batch": batch, "step": step, "w": run.w[:step + 1], "loss": run.loss,
            "evaluations": run.evaluations, "gd_w": gd.w, "gd_loss": gd.loss,
            "gd_evaluations": gd.evaluations}


def _describe(values: dict, data: dict) -> str:
    s, end = data["step"], data["w"][-1]
    size = f"minibatches of {data['batch']}" if data["batch"] != "full" else \
        f"the full batch of {LOGISTIC_N}"
    return (f"SGD with {size}, α = {BATCH_LR}, after {s} steps ({int(data['evaluations'][s])} "
            f"gradient evaluations): w = ({end[0]:.2f}, {end[1]:.2f}), loss "
            f"{data['loss'][s]:.3f}; gradient descent reaches {data['gd_loss'][-1]:.3f} after "
            f"{BATCH_STEPS} steps")


def _draw(fig):
    ax, ax_l = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.2, 1.0]})
    fig.subplots_adjust(left=0.1, right=0.97, bottom=0.3, top=0.86, wspace=0.38)
    set_surface(surface_contours(ax), contour_grid("logistic")[2], EXTENT["logistic"])
    lo1, hi1, lo2, hi2 = EXTENT["logistic"]
    ax.set(xlim=(lo1, hi1), ylim=(lo2, hi2), xlabel="$w_1$", ylabel="$w_2$")
    ax.grid(False)
    (gd_path,) = ax.plot([], [], color="black", lw=2, label="GD")
    (sgd_path,) = ax.plot([], [], color=COLORS["vermillion"], lw=1.2, label="SGD")
    loss = loss_panel(ax_l, ylabel=None, xlabel="gradient evaluations", xlim=(1, 2e5),
                      ylim=(0.3, 1.2), color=COLORS["vermillion"], reference=True)
    ax_l.set(xscale="log", xticks=[1, 100, 10 ** 4])  # |D̂| = 1 and 512 differ 500-fold
    ax_l.set_title("loss L(w)")
    ax_l.minorticks_off()
    fig.legend(handles=[gd_path, sgd_path], loc="lower center", ncol=2,
               bbox_to_anchor=(0.5, 0.0))
    title = fig.suptitle("", y=0.99)

    def update(data):
        s = data["step"]
        gd_path.set_data(data["gd_w"][:, 0], data["gd_w"][:, 1])
        sgd_path.set_data(data["w"][:, 0], data["w"][:, 1])
        set_loss(loss, data["loss"], s, x=np.maximum(data["evaluations"], 1),
                 reference=(np.maximum(data["gd_evaluations"], 1), data["gd_loss"]))
        size = "full batch (GD)" if data["batch"] == "full" else f"|D̂| = {data['batch']}"
        title.set_text(f"{size}, step {s}, loss {data['loss'][s]:.3f}")

    return update


def batch_size() -> InteractiveFigure:
    """Minibatch SGD against gradient descent: pick the batch size and the step.

    Examples
    --------
    >>> fig = batch_size()
    >>> fig.update(batch="1", step=40), len(fig.data["w"])
    (True, 41)
    """
    return InteractiveFigure(
        [Dropdown("batch", BATCH_SIZES, default="8", label="batch size |D̂|"),
         Slider("step", 0, BATCH_STEPS, step=10, default=BATCH_STEPS, static_step=40,
                label="step t")],
        batch_size_data, _draw, describe=_describe,
        title="Batch size", name="batch_size", figsize=(5.4, 3.2))
