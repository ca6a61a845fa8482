"""Confidence and loss: the widget :func:`confidence_loss`, one point moved along a fixed
path across the boundary of a fixed three-class linear softmax model, with p_y and −log p_y.
"""

from __future__ import annotations

import numpy as np

from nnlib.losses import log_softmax, softmax
from nnlib.plotting import COLORS, class_prob_rgb, class_style, input_axes, input_mesh, prob_image
from nnlib.widgets.controls import Dropdown, Slider
from nnlib.widgets.figure import InteractiveFigure

__all__ = ["CONFIDENCE_MODEL", "CONFIDENCE_PATH", "confidence_data", "confidence_loss"]

_ANGLES = np.deg2rad([90.0, 210.0, 330.0])
#: A fixed linear softmax model f = W x + b: class j's weights point at angle 90°, 210°, 330°.
CONFIDENCE_MODEL = {"W": 1.5 * np.column_stack([np.cos(_ANGLES), np.sin(_ANGLES)]),
                    "b": np.zeros(3)}
#: The path: from (-3, -1) (deep in class 2) to (3, -1) (deep in class 3), position 0 to 1.
CONFIDENCE_PATH = (np.array([-3.0, -1.0]), np.array([3.0, -1.0]))
_BOX = (-3.5, 3.5)
_S = np.linspace(0.0, 1.0, 201)


def _scores(X: np.ndarray) -> np.ndarray:
    return X @ CONFIDENCE_MODEL["W"].T + CONFIDENCE_MODEL["b"]


def _along(s: np.ndarray) -> np.ndarray:
    start, end = CONFIDENCE_PATH
    return start + np.asarray(s, dtype=float)[..., None] * (end - start)


def confidence_data(position: float, label: str) -> dict:
    r"""The point at `position` along the path, its class probabilities and its loss.

    Parameters
    ----------
    position : float in [0, 1]
        Where the point is: 0 at (-3, -1), 1 at (3, -1).
    label : {"1", "2", "3"}
        Its true class y.

    Returns
    -------
    dict
        ``x`` (2,), ``p`` (3,), ``p_y``, ``loss`` = −log p_y at the point; ``s`` (201,),
        ``p_y_path`` and ``loss_path`` (201,) along the whole path; ``image`` (121, 121, 3)
        of the model over the plane; ``position``, ``label`` (an int from 1).

    Examples
    --------
    >>> d = confidence_data(0.5, "2")  # on the boundary between classes 2 and 3
    >>> d["p"].round(3).tolist(), round(d["loss"], 3)
    ([0.05, 0.475, 0.475], 0.745)
    >>> round(confidence_data(1.0, "2")["loss"], 2)  # confidently wrong: a large loss
    7.8
    """
    position = float(position)
    if not 0.0 <= position <= 1.0:
        raise ValueError(f"position must be in [0, 1], got {position:g}")
    j = int(label)
    if j not in (1, 2, 3):
        raise ValueError(f"the true class must be 1, 2 or 3, got {label!r}")
    x = _along(position)
    f = _scores(x)
    log_p_path = log_softmax(_scores(_along(_S)))[:, j - 1]
    P = softmax(_scores(input_mesh(_BOX, 121).grid)).reshape(121, 121, 3)
    p = softmax(f)
    return {"x": x, "p": p, "p_y": float(p[j - 1]), "loss": float(-log_softmax(f)[j - 1]),
            "s": _S, "p_y_path": np.exp(log_p_path), "loss_path": -log_p_path,
            "image": class_prob_rgb(P), "position": position, "label": j}


def _describe(values: dict, data: dict) -> str:
    x, p = data["x"], data["p"]
    return (f"point at x = ({x[0]:.1f}, {x[1]:.1f}), position {data['position']:.2f} along the "
            f"path; true class {data['label']}: p_y = {data['p_y']:.3f}, loss −log p_y = "
            f"{data['loss']:.2f}; p = ({p[0]:.2f}, {p[1]:.2f}, {p[2]:.2f})")


def _draw(fig):
    grid = fig.add_gridspec(2, 2, left=0.11, right=0.95, bottom=0.14, top=0.83, wspace=0.38,
                            hspace=0.25, width_ratios=[1.0, 1.15])
    ax_x = fig.add_subplot(grid[:, 0])
    ax_p, ax_l = fig.add_subplot(grid[0, 1]), fig.add_subplot(grid[1, 1])
    image = prob_image(ax_x, _BOX, k=3)
    start, end = CONFIDENCE_PATH
    ax_x.plot([start[0], end[0]], [start[1], end[1]], color=COLORS["black"], lw=1, ls="--")
    (point,) = ax_x.plot([], [], ms=11, mec="black", mew=1.5, ls="none", zorder=4)
    for j in range(3):  # each class's direction, labelled where it is most probable
        u = CONFIDENCE_MODEL["W"][j] / np.linalg.norm(CONFIDENCE_MODEL["W"][j])
        ax_x.text(*(2.6 * u + [0.0, 0.3 if j == 0 else -0.2]), f"{j + 1}", ha="center",
                  va="center", color=class_style(j, k=3)["color"], fontweight="bold")
    input_axes(ax_x, _BOX, ticks=[-3, 0, 3])
    ax_x.set_title("classes 1, 2, 3")
    curves = {}
    for ax, key, top in ((ax_p, "p_y_path", 1.05), (ax_l, "loss_path", 8.5)):
        (curves[key],) = ax.plot([], [], color=COLORS["blue"], lw=2)
        (curves[key + "_now"],) = ax.plot([], [], "o", color=COLORS["vermillion"], ms=7, zorder=3)
        ax.set(xlim=(0, 1), ylim=(0, top))
    ax_p.set(xticks=[], yticks=[0, 1], ylabel="$p_y$")
    ax_l.set(xticks=[0, 0.5, 1], yticks=[0, 4, 8], ylabel="$-\\log p_y$",
             xlabel="position along the path")
    title = fig.suptitle("", y=0.98)

    def update(data):
        image.set_data(data["image"])
        j = data["label"] - 1
        point.set_data([data["x"][0]], [data["x"][1]])
        point.set_marker(class_style(j, k=3)["marker"])
        point.set_color(class_style(j, k=3)["color"])
        for key, now in (("p_y_path", data["p_y"]), ("loss_path", data["loss"])):
            curves[key].set_data(data["s"], data[key])
            curves[key + "_now"].set_data([data["position"]], [now])
        title.set_text(f"true class {data['label']}: $p_y$ = {data['p_y']:.3f}, "
                       f"$-\\log p_y$ = {data['loss']:.2f}")

    return update


def confidence_loss() -> InteractiveFigure:
    """Confidence and loss: move a point of a chosen true class along a path across
    the boundary of a fixed linear softmax model.

    Examples
    --------
    >>> fig = confidence_loss()
    >>> fig.update(position=1.0), round(fig.data["loss"], 2)
    (True, 7.8)
    """
    return InteractiveFigure(
        [Slider("position", 0, 1, step=0.05, default=0.25, label="position"),
         Dropdown("label", [("1", "1"), ("2", "2"), ("3", "3")], default="2",
                  label="true class y")],
        confidence_data, _draw, describe=_describe,
        title="Confidence and loss",
        name="confidence_loss", figsize=(5.4, 3.1))
