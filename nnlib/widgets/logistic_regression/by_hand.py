"""Fit by hand: the widget :func:`likelihood_by_hand`, weights and bias moved by hand over
the overlapping data, with p(y = 1 | x), the boundary and the log-likelihood landscape.
"""

from __future__ import annotations

import functools

import numpy as np
from matplotlib import colormaps
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib import patheffects

from nnlib.losses import logistic_loss
from nnlib.plotting import (
    COLORS, boundary_line, class_legend, class_scatter, input_axes, mistake_rings, prob_image,
    set_boundary, set_class_points, set_mistakes, set_surface, surface_contours,
)
from nnlib.widgets.controls import Slider
from nnlib.widgets.figure import InteractiveFigure
from nnlib.widgets.logistic_regression.common import (
    CLASS_NAMES, LIM, TICKS, prob_map, boundary_segment, chapter_data,
)

__all__ = ["likelihood_data", "likelihood_by_hand"]


W_AXIS = np.linspace(-3.5, 3.5, 71)  # the (w1, w2) plane of the log-likelihood landscape


@functools.lru_cache(maxsize=64)
def _landscape(dataset: str, b: float) -> np.ndarray:
    """Log-likelihood over the (w₁, w₂) grid at bias b, shape (71, 71), rows along w₂."""
    X, y = chapter_data(dataset)
    w1, w2 = np.meshgrid(W_AXIS, W_AXIS)
    s = w1[..., None] * X[:, 0] + w2[..., None] * X[:, 1] + b  # (71, 71, n)
    grid = -np.logaddexp(0.0, -y * s).sum(axis=-1)
    grid.flags.writeable = False
    return grid


def likelihood_data(w1: float, w2: float, b: float, dataset: str = "overlapping") -> dict:
    r"""Everything the fit-by-hand widget shows for weights (w₁, w₂) and bias b.

    Returns
    -------
    dict
        ``p`` (141, 141): p(y = 1 | x) over the square; ``boundary``: its line (or None);
        ``log_p`` (n,): each point's log p(yᵢ | xᵢ) = −log(1 + exp(−yᵢ sᵢ));
        ``log_lik``: their sum, the log-likelihood; ``wrong`` (n,) bool: points on the
        wrong side; ``landscape`` (71, 71): the log-likelihood over the (w₁, w₂) plane at
        this b; ``best``: (w₁, w₂, log-likelihood) of the landscape's highest grid point.

    Examples
    --------
    >>> d = likelihood_data(0.0, 0.0, 0.0)  # w = 0: every point gets probability 1/2
    >>> round(d["log_lik"], 4), round(-60 * float(np.log(2)), 4), float(d["p"].min())
    (-41.5888, -41.5888, 0.5)
    """
    X, y = chapter_data(dataset)
    s = X @ np.array([w1, w2]) + b
    log_p = -np.logaddexp(0.0, -y * s)
    landscape = _landscape(dataset, float(b))
    i, j = np.unravel_index(np.argmax(landscape), landscape.shape)
    return {
        "p": prob_map(w1, w2, b), "boundary": boundary_segment(w1, w2, b),
        "w": np.array([w1, w2]), "b": float(b), "log_p": log_p,
        "log_lik": -logistic_loss(s, y), "wrong": np.where(s > 0, 1, -1) != y,
        "landscape": landscape,
        "best": (float(W_AXIS[j]), float(W_AXIS[i]), float(landscape[i, j])),
    }


def _describe_likelihood(values: dict, data: dict) -> str:
    bw1, bw2, best = data["best"]
    return (f"w = ({values['w1']:.1f}, {values['w2']:.1f}), b = {values['b']:.1f}: "
            f"log-likelihood {data['log_lik']:.1f}, {int(data['wrong'].sum())} of "
            f"{data['wrong'].size} points on the wrong side; with this b the best is "
            f"{best:.1f} near w = ({bw1:.1f}, {bw2:.1f})")


LANDSCAPE_LEVELS = (-300, -200, -120, -80, -60, -30, -25)
COIN_FLIP = -60 * np.log(2)  # the log-likelihood of w = 0, b = 0: p = 1/2 for every point


def _draw_likelihood(fig):
    ax_x, ax_w = fig.subplots(1, 2)
    fig.subplots_adjust(left=0.1, right=0.87, bottom=0.13, top=0.74, wspace=0.45)
    X, y = chapter_data("overlapping")
    image, line = prob_image(ax_x, LIM), boundary_line(ax_x)
    input_axes(ax_x, LIM, TICKS)
    set_class_points(class_scatter(ax_x, labels=(-1, 1), names=CLASS_NAMES, size=22), X, y)
    rings = mistake_rings(ax_x, size=110, label="wrong side")
    arrow = ax_x.annotate("", xy=(1, 0), xytext=(0, 0), zorder=5, annotation_clip=False,
                          arrowprops=dict(arrowstyle="-|>,head_width=0.4,head_length=0.8",
                                          color="black", lw=2.2, shrinkA=0, shrinkB=0))
    arrow.arrow_patch.set_path_effects([patheffects.withStroke(linewidth=4.5,
                                                               foreground="white")])
    class_legend(ax_x, ncol=3, y=0.92, loc="upper center")
    ax_x.set_title("$p(\\tilde y = +1 \\mid x)$")
    title = fig.suptitle("", y=0.99)

    # seven bands of 20: flat colours read as contour steps (and keep the frames small)
    bands = BoundaryNorm(np.arange(-160, -19, 20), 8, extend="min")
    surface = ax_w.imshow(np.zeros((2, 2)), origin="lower", norm=bands,
                          cmap=ListedColormap(colormaps["viridis"](np.linspace(0, 1, 8))),
                          extent=(W_AXIS[0], W_AXIS[-1], W_AXIS[0], W_AXIS[-1]),
                          interpolation="bilinear")
    bar = fig.colorbar(surface, ax=ax_w, fraction=0.046, pad=0.03, extend="min",
                       ticks=[-150, -100, -50])
    bar.ax.axhline(COIN_FLIP, color="white", lw=1.5)
    (best,) = ax_w.plot([], [], marker="*", ms=14, color=COLORS["vermillion"], mec="black",
                        ls="none")
    (here,) = ax_w.plot([], [], marker="o", ms=8, color="white", mec="black", mew=1.5, ls="none")
    ax_w.set(xlabel="$w_1$", ylabel="$w_2$", aspect="equal", xticks=TICKS, yticks=TICKS)
    ax_w.grid(False)
    ax_w.set_title("log-likelihood")
    # the bands are the other contours; the line: as likely as a coin flip
    coin_flip = surface_contours(ax_w, colors="white", linewidths=1.8, linestyles="solid")
    state = {"b": None}

    def update(data):
        image.set_data(data["p"])
        set_boundary(line, data["boundary"])
        set_mistakes(rings, X, data["wrong"])
        w, b = data["w"], data["b"]
        norm2 = float(w @ w)
        foot = -b * w / norm2 if norm2 else np.zeros(2)  # the boundary's point nearest 0
        arrow.set_visible(norm2 > 0 and bool(np.all(np.abs(foot) < LIM - 0.3)))
        if norm2:
            arrow.set_position(foot)  # the tail, on the boundary ...
            arrow.xy = foot + 1.3 * w / np.sqrt(norm2)  # ... the head, towards p > 1/2
        wrong = int(data["wrong"].sum())
        if state["b"] != b:  # the landscape only changes with b
            surface.set_data(data["landscape"])
            set_surface(coin_flip, data["landscape"], (W_AXIS[0], W_AXIS[-1]), levels=[COIN_FLIP])
            best.set_data([data["best"][0]], [data["best"][1]])
            state["b"] = b
        here.set_data([w[0]], [w[1]])
        title.set_text(f"{wrong} wrong, log-likelihood {data['log_lik']:.1f} (★ {data['best'][2]:.1f})")

    return update


def likelihood_by_hand() -> InteractiveFigure:
    """Move w₁, w₂ and b over the overlapping data: boundary, p(y = 1 | x), log-likelihood.

    Examples
    --------
    >>> fig = likelihood_by_hand()
    >>> fig.update(w1=1.5, w2=1.0, b=0.0)
    True
    """
    return InteractiveFigure(
        [Slider("w1", -3, 3, step=0.1, default=1, static_step=1, label="w₁"),
         Slider("w2", -3, 3, step=0.1, default=-1, static_step=1, label="w₂"),
         Slider("b", -1.5, 1.5, step=0.1, default=0, static_step=1.5, label="b")],
        likelihood_data, _draw_likelihood, describe=_describe_likelihood,
        title="Fit by hand: find the w and b that make the data most probable",
        name="likelihood_by_hand", figsize=(5.4, 3.3))
