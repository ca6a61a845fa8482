r"""Shared pieces of the *Logistic regression* chapter's widgets: the chapter's data sets
(labels ỹ = ±1, named ``y`` in the code), the probability map p(y = 1 | x) = σ(wᵀx + b)
and its boundary line over the plotted square, and a safe GD learning rate. The widgets
draw with :mod:`nnlib.plotting`'s vocabulary.
"""

from __future__ import annotations

import functools

import numpy as np

from nnlib import plotting
from nnlib.activations import sigmoid
from nnlib.datasets import linearly_separable, non_separable
from nnlib.plotting import class_scatter, input_mesh, set_class_points

__all__ = ["DATA", "DATA_OPTIONS", "LIM", "X_AXIS", "TICKS", "CLASS_NAMES", "chapter_data",
           "boundary_segment", "safe_lr", "prob_map", "both_data_sets", "show_only"]


#: The chapter's data sets: 60 points each, seeded (the same arrays on every run).
DATA = {"overlapping": (non_separable, dict(n=60, overlap=1.0, seed=0)),
        "separable": (linearly_separable, dict(n=60, margin=0.5, seed=0))}
DATA_OPTIONS = [("overlapping", "overlapping"), ("separable", "separable")]
LIM = 3.5                              # the plots show x in [-LIM, LIM]²
X_AXIS = input_mesh(LIM, 141).x1     # heat-map grid for p(y = 1 | x)
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
    x = input_mesh(LIM, len(X_AXIS)).grid
    return sigmoid(w1 * x[:, 0] + w2 * x[:, 1] + b).reshape(len(X_AXIS), len(X_AXIS))


#: The boundary w₁x₁ + w₂x₂ + b = 0 across the plotted square [-LIM, LIM]² (None if w = 0).
boundary_segment = functools.partial(plotting.boundary_segment, box=(-LIM, LIM))


#: The legend's names of the two classes (ỹ = -1 and +1, the book's binary class style).
CLASS_NAMES = ("$\\tilde y = -1$", "$\\tilde y = +1$")


def both_data_sets(ax, size: float = 14) -> dict:
    """Scatter both data sets once; {name: scatters}, so that update can show one of them."""
    points = {}
    for name in DATA:
        points[name] = class_scatter(ax, labels=(-1, 1), names=CLASS_NAMES, size=size)
        set_class_points(points[name], *chapter_data(name))
    return points


def show_only(points: dict, name: str) -> None:
    """Show the scatters of data set `name` only."""
    for other, scatters in points.items():
        for artist in scatters.values():
            artist.set_visible(other == name)


def safe_lr(dataset: str, lam: float) -> float:
    r"""A GD learning rate on J / n that cannot diverge: 1.9 / L.

    L bounds the curvature of J / n everywhere: with A = [X, 1] (a column of ones for b),
    :math:`\nabla^2 (J/n) \preceq A^T A / (4n) + \lambda / n`, because σ(s)σ(−s) ≤ 1/4.
    GD on a function with curvature at most L decreases it for any step below 2 / L.
    """
    X, _ = chapter_data(dataset)
    A = np.c_[X, np.ones(len(X))]
    return 1.9 / (np.linalg.eigvalsh(A.T @ A)[-1] / (4 * len(X)) + lam / len(X))
