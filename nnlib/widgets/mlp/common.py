"""Shared pieces of the chapter *Multilayer perceptrons*' widgets: the data sets and the
grid over the input plane around each. The widgets draw with :mod:`nnlib.plotting`'s
vocabulary.
"""

from __future__ import annotations

import functools

from nnlib.datasets import circles, moons, noisy_xor
from nnlib.plotting import input_mesh, padded_extent

__all__ = ["DATA", "DATA_OPTIONS", "ACTIVATION_OPTIONS", "N_GRID", "plane"]

#: The 2-D data sets of the widgets: name -> (label, (X, y)); 200 points each, fixed seeds.
DATA = {
    "xor": ("XOR", lambda: noisy_xor(n=200, noise=0.2, seed=0)),
    "circles": ("circles", lambda: circles(n=200, noise=0.08, factor=0.5, seed=0)),
    "moons": ("moons", lambda: moons(n=200, noise=0.15, seed=0)),
}
DATA_OPTIONS = [(label, name) for name, (label, _) in DATA.items()]
ACTIVATION_OPTIONS = [("identity", "identity"), ("tanh", "tanh"), ("ReLU", "relu")]
N_GRID = 61  # points per side of the grid over the plane


@functools.lru_cache(maxsize=8)
def plane(name: str):
    """(X, y, grid (N_GRID², 2), extent) of the data set `name`; ValueError if unknown."""
    if name not in DATA:
        raise ValueError(f"unknown data set {name!r}; expected one of: {', '.join(DATA)}")
    X, y = DATA[name][1]()
    extent = padded_extent(X, 0.3)
    return X, y, input_mesh(extent, N_GRID).grid, extent
