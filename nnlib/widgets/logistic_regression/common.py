r"""Shared pieces of the *Logistic regression* chapter's widgets: the chapter's data sets
(labels ỹ = ±1, named ``y`` in the code), the probability map p(y = 1 | x) = σ(wᵀx + b)
and its boundary line, the drawing helpers and a safe GD learning rate.
"""

from __future__ import annotations

import functools

import numpy as np
from matplotlib import colormaps
from matplotlib.colors import BoundaryNorm, ListedColormap

from nnlib import plotting
from nnlib.activations import sigmoid
from nnlib.datasets import linearly_separable, non_separable
from nnlib.plotting import COLORS, PROB_CMAP

__all__ = ["DATA", "DATA_OPTIONS", "LIM", "X_AXIS", "TICKS", "CLASS_STYLE", "PROB_BANDS", "PROB_COLORS",
           "chapter_data", "boundary_segment", "safe_lr", "prob_map", "prob_axes", "scatter_data",
           "both_data_sets", "show_only"]


#: The chapter's data sets: 60 points each, seeded (the same arrays on every run).
DATA = {"overlapping": (non_separable, dict(n=60, overlap=1.0, seed=0)),
        "separable": (linearly_separable, dict(n=60, margin=0.5, seed=0))}
DATA_OPTIONS = [("overlapping", "overlapping"), ("separable", "separable")]
LIM = 3.5                              # the plots show x in [-LIM, LIM]²
X_AXIS = np.linspace(-LIM, LIM, 141)   # heat-map grid for p(y = 1 | x)
TICKS = (-3, 0, 3)


@functools.lru_cache(maxsize=None)
def chapter_data(name: str) -> tuple[np.ndarray, np.ndarray]:
    """The chapter's data set `name` ("overlapping" or "separable"): X (60, 2), y (60,) ỹ = ±1.

    The arrays are read-only (they are cached and shared).

    Examples
    --------
    >>> X, y = chapter_data("separable")
    >>> X.shape, sorted(set(y.tolist()))
    ((60, 2), [-1, 1])
    """
    if name not in DATA:
        raise ValueError(f"unknown data set {name!r}; expected one of: {', '.join(DATA)}")
    make, kwargs = DATA[name]
    X, y01 = make(**kwargs)
    y = 2 * y01 - 1
    X.flags.writeable = y.flags.writeable = False
    return X, y


def prob_map(w1: float, w2: float, b: float) -> np.ndarray:
    """p(y = 1 | x) over the square, rows along x₂ and columns along x₁."""
    x1, x2 = np.meshgrid(X_AXIS, X_AXIS)
    return sigmoid(w1 * x1 + w2 * x2 + b)


#: The boundary w₁x₁ + w₂x₂ + b = 0 across the plotted square [-LIM, LIM]² (None if w = 0).
boundary_segment = functools.partial(plotting.boundary_segment, box=(-LIM, LIM))


#: How the classes are drawn: shapes tell them apart; fills that stand out on red and blue.
CLASS_STYLE = {1: dict(marker="o", color=COLORS["yellow"]), -1: dict(marker="s", color="white")}


def scatter_data(ax, X, y, size=22):
    """The two classes: ỹ = +1 as yellow circles, ỹ = -1 as white squares (black edges)."""
    for label in (1, -1):
        ax.scatter(*X[y == label].T, s=size, edgecolor="black", lw=0.7, zorder=3,
                   label=f"$\\tilde y = {label:+d}$", **CLASS_STYLE[label])


def both_data_sets(ax, size: float = 14) -> dict:
    """Scatter both data sets once; {name: artists}, so that update can show one of them."""
    points = {}
    for name in DATA:
        before = set(ax.collections)
        scatter_data(ax, *chapter_data(name), size=size)
        points[name] = [c for c in ax.collections if c not in before]
    return points


def show_only(points: dict, name: str) -> None:
    for other, artists in points.items():
        for artist in artists:
            artist.set_visible(other == name)


#: p(y = 1 | x) is drawn in ten bands of 0.1 (pale ends of the colour map, so that the points
#: stay visible, and few colours, so that the 32-colour static frames keep them).
PROB_BANDS = BoundaryNorm(np.linspace(0.0, 1.0, 11), 10)
PROB_COLORS = ListedColormap(colormaps[PROB_CMAP](np.linspace(0.2, 0.8, 10)))


def prob_axes(ax):
    """A heat map of p(y = 1 | x) and a boundary line on `ax`; returns (image, line)."""
    image = ax.imshow(np.zeros((2, 2)), origin="lower", extent=(-LIM, LIM, -LIM, LIM),
                      cmap=PROB_COLORS, norm=PROB_BANDS, interpolation="nearest")
    (line,) = ax.plot([], [], color="black", lw=2)
    ax.set(xlim=(-LIM, LIM), ylim=(-LIM, LIM), xlabel="$x_1$", ylabel="$x_2$", aspect="equal",
           xticks=TICKS, yticks=TICKS)  # few ticks: text is most of a redraw's cost
    ax.grid(False)
    return image, line


def safe_lr(dataset: str, lam: float) -> float:
    r"""A GD learning rate on J / n that cannot diverge: 1.9 / L.

    L bounds the curvature of J / n everywhere: with A = [X, 1] (a column of ones for b),
    :math:`\nabla^2 (J/n) \preceq A^T A / (4n) + \lambda / n`, because σ(s)σ(−s) ≤ 1/4.
    GD on a function with curvature at most L decreases it for any step below 2 / L.
    """
    X, _ = chapter_data(dataset)
    A = np.c_[X, np.ones(len(X))]
    return 1.9 / (np.linalg.eigvalsh(A.T @ A)[-1] / (4 * len(X)) + lam / len(X))
