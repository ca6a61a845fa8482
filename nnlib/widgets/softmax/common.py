"""Shared pieces of the softmax chapter's widgets: k class colours and markers, the
probability map of k classes, and an MLP with a softmax output at a training snapshot.

The plane is coloured by the most probable class; how sure the model is there (its
largest probability, from 1/k to 1) sets the lightness, in ten flat bands.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from nnlib.mlp import MLP
from nnlib.plotting import COLORS

__all__ = ["K_COLORS", "K_MARKERS", "class_style", "probability_image", "softmax_model_at",
           "scatter_k", "set_k_points"]

#: Up to five classes: Okabe-Ito colours (safe for colour-blind readers) and five markers,
#: so classes differ by shape as well as by colour.
K_COLORS = (COLORS["blue"], COLORS["orange"], COLORS["green"], COLORS["vermillion"],
            COLORS["purple"])
K_MARKERS = ("o", "^", "s", "D", "v")


def class_style(j: int) -> dict:
    """Marker and colour of class j (0-based)."""
    return {"marker": K_MARKERS[j], "color": K_COLORS[j]}


def _rgb(hex_colour: str) -> np.ndarray:
    return np.array([int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)], dtype=float) / 255.0


def probability_image(P: np.ndarray, levels: int = 10) -> np.ndarray:
    """An RGB image (..., 3) of class probabilities P (..., k): the colour of the most
    probable class, lighter where its probability is low.

    The largest probability q runs from 1/k (a tie) to 1; (q - 1/k) / (1 - 1/k) is rounded to
    `levels` bands and mixes the class colour with white: a tie is white, certainty is the
    class colour at 70 % (points drawn on top stay visible).

    Examples
    --------
    >>> probability_image(np.array([[0.5, 0.5], [1.0, 0.0]])).round(2).tolist()
    [[1.0, 1.0, 1.0], [0.3, 0.61, 0.79]]
    """
    P = np.asarray(P, dtype=float)
    k = P.shape[-1]
    best = P.argmax(axis=-1)
    sure = (P.max(axis=-1) - 1.0 / k) / (1.0 - 1.0 / k)
    sure = np.round(np.clip(sure, 0.0, 1.0) * levels) / levels
    colours = np.array([_rgb(c) for c in K_COLORS[:k]])[best]
    return 1.0 - 0.7 * sure[..., None] * (1.0 - colours)


def scatter_k(ax, k: int, size: float = 16, **kwargs) -> list:
    """One empty scatter per class (filled by :func:`set_k_points`), black edges."""
    return [ax.scatter([], [], s=size, edgecolors="black", linewidths=0.5, zorder=3,
                       label=f"class {j + 1}", **class_style(j), **kwargs) for j in range(k)]


def set_k_points(scatters: list, X: np.ndarray, y: np.ndarray) -> None:
    for j, artist in enumerate(scatters):
        artist.set_offsets(X[y == j] if np.any(y == j) else np.empty((0, 2)))


def softmax_model_at(sizes: Sequence[int], activation: str, params: dict) -> MLP:
    """An MLP with a softmax output and the given parameters (one epoch of a snapshot run).

    Examples
    --------
    >>> model = softmax_model_at([2, 3], "tanh", MLP([2, 3], seed=1).get_params())
    >>> model
    MLP(2-3, output=softmax, params=9)
    """
    model = MLP(list(sizes), activation=activation, output="softmax")
    model.set_params(params)
    return model
