"""The chapter's two-parameter surfaces, shared by its widgets and its text.

* ``"quadratic"``: the bowl L(w) = ½ (0.5 w₁² + 2 w₂²), curvatures 0.5 and M = 2, so
  gradient descent converges exactly for α < 2/M = 1;
* ``"logistic"``: logistic regression's average loss over w = (w₁, w₂) (no bias) on 512
  points of two overlapping clouds (``non_separable(n=512, seed=0)``, scaled by 3 so that
  its curvature is of the bowl's order);
* ``"valley"``: a long narrow valley, curvatures 0.02 and 2 (a ratio of 100), for momentum.
"""

from __future__ import annotations

import functools

import numpy as np

from nnlib.datasets import non_separable
from nnlib.surfaces import LogisticSurface, Quadratic

__all__ = ["SURFACES", "surface", "START", "EXTENT", "contour_grid", "LOGISTIC_N"]

LOGISTIC_N = 512
#: name -> label shown in the menus
SURFACES = {"quadratic": "quadratic bowl", "logistic": "logistic regression"}
#: where every run starts, per surface
START = {"quadratic": (-2.5, 1.5), "logistic": (-1.0, 2.5), "valley": (-9.0, 1.0)}
#: (w₁ min, w₁ max, w₂ min, w₂ max) of the contour plots
EXTENT = {"quadratic": (-3.0, 3.0, -2.0, 2.0), "logistic": (-1.5, 1.5, -1.0, 3.0),
          "valley": (-10.0, 2.0, -1.5, 1.5)}


@functools.lru_cache(maxsize=None)
def surface(name: str):
    """The surface called `name` ("quadratic", "logistic" or "valley"), built once."""
    if name == "quadratic":
        return Quadratic([[0.5, 0.0], [0.0, 2.0]])
    if name == "valley":
        return Quadratic([[0.02, 0.0], [0.0, 2.0]])
    if name == "logistic":
        X, y = non_separable(n=LOGISTIC_N, overlap=1.0, seed=0)
        return LogisticSurface(3.0 * X, y)
    raise ValueError(f"unknown surface {name!r}; expected one of: quadratic, logistic, valley")


@functools.lru_cache(maxsize=None)
def contour_grid(name: str, points: int = 81):
    """(W1, W2, L) on a `points` × `points` grid over ``EXTENT[name]``."""
    lo1, hi1, lo2, hi2 = EXTENT[name]
    W1, W2 = np.meshgrid(np.linspace(lo1, hi1, points), np.linspace(lo2, hi2, points))
    L = surface(name).losses(W1, W2)
    for a in (W1, W2, L):
        a.flags.writeable = False
    return W1, W2, L
