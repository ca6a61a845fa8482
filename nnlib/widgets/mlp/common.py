"""Shared pieces of the chapter *Multilayer perceptrons*' widgets: the data sets, the grid
over the input plane, the class scatters and a figure whose static page fixes some controls.
"""

from __future__ import annotations

import functools

import numpy as np

from nnlib.datasets import circles, moons, noisy_xor

__all__ = ["DATA", "DATA_OPTIONS", "ACTIVATION_OPTIONS", "CLASS_STYLE", "plane", "scatter_classes",
           "set_points"]

#: The 2-D data sets of the widgets: name -> (label, (X, y)); 200 points each, fixed seeds.
DATA = {
    "xor": ("XOR", lambda: noisy_xor(n=200, noise=0.2, seed=0)),
    "circles": ("circles", lambda: circles(n=200, noise=0.08, factor=0.5, seed=0)),
    "moons": ("moons", lambda: moons(n=200, noise=0.15, seed=0)),
}
DATA_OPTIONS = [(label, name) for name, (label, _) in DATA.items()]
ACTIVATION_OPTIONS = [("identity", "identity"), ("tanh", "tanh"), ("ReLU", "relu")]
CLASS_STYLE = {0: dict(marker="o", color="#2166ac"), 1: dict(marker="^", color="#b2182b")}
N_GRID = 61  # points per side of the grid over the plane


@functools.lru_cache(maxsize=8)
def plane(name: str):
    """(X, y, grid (N_GRID², 2), extent) of the data set `name`; ValueError if unknown."""
    if name not in DATA:
        raise ValueError(f"unknown data set {name!r}; expected one of: {', '.join(DATA)}")
    X, y = DATA[name][1]()
    lo, hi = X.min(axis=0) - 0.3, X.max(axis=0) + 0.3
    axes = [np.linspace(a, b, N_GRID) for a, b in zip(lo, hi)]
    grid = np.column_stack([g.ravel() for g in np.meshgrid(*axes)])
    return X, y, grid, (float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1]))


def scatter_classes(ax, size=12) -> dict:
    """One empty scatter per class (marker and colour differ), filled by :func:`set_points`."""
    return {label: ax.scatter([], [], s=size, marker=style["marker"], color=style["color"],
                              edgecolors="white", linewidths=0.3, zorder=3)
            for label, style in CLASS_STYLE.items()}


def set_points(scatters: dict, X: np.ndarray, y: np.ndarray) -> None:
    for label, artist in scatters.items():
        artist.set_offsets(X[y == label] if np.any(y == label) else np.empty((0, 2)))
