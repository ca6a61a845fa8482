"""Shared pieces of the XOR chapter's widgets: the truth tables and the drawing helpers.

The helpers draw on a matplotlib axes: the classes as two scatters, a 0/1 output as an
image over the plane, a boundary line, rings around mistakes and the legend.
"""

from __future__ import annotations

import functools

import numpy as np

from nnlib.datasets import and_gate, or_gate, xor_gate
from nnlib.plotting import CLASS_COLORS, PROB_CMAP, boundary_segment

__all__ = ["GATES", "GATE_OPTIONS", "CLASS_STYLE", "SQUARE", "PLANE", "square_line", "set_line",
           "scatter_classes", "set_points", "draw_region", "draw_rings", "draw_legend", "banded",
           "bits"]


#: The truth tables of the chapter: name -> (X (4, 2) in counting order 00, 01, 10, 11, y (4,)).
GATES = {"xor": xor_gate(), "and": and_gate(), "or": or_gate()}
GATE_OPTIONS = [("XOR", "xor"), ("AND", "and"), ("OR", "or")]
CLASS_STYLE = {0: dict(marker="o", color=CLASS_COLORS[0]), 1: dict(marker="^", color=CLASS_COLORS[1])}
SQUARE = (-0.5, 1.5)  # the plotted part of the input plane around the unit square
PLANE = np.linspace(*SQUARE, 121)


# --- shared drawing helpers ---------------------------------------------------------------

#: A line w₁x₁ + w₂x₂ + b = 0 across the plotted square (``box=`` for another view).
square_line = functools.partial(boundary_segment, box=SQUARE)


def set_line(artist, segment) -> None:
    artist.set_data(*(segment if segment is not None else ([], [])))


def scatter_classes(ax, size=70, **kwargs) -> dict:
    """One empty scatter per class (marker and colour differ), to be filled by offsets."""
    return {label: ax.scatter([], [], s=size, edgecolors="black", linewidths=0.8, zorder=3,
                              marker=style["marker"], color=style["color"],
                              label=f"y = {label}", **kwargs)
            for label, style in CLASS_STYLE.items()}


def set_points(scatters: dict, X: np.ndarray, y: np.ndarray) -> None:
    for label, artist in scatters.items():
        artist.set_offsets(X[y == label] if np.any(y == label) else np.empty((0, 2)))


def draw_region(ax, lim=SQUARE):
    """An image of a 0/1 output over the box, in light class colours (set_data to fill)."""
    return ax.imshow(np.zeros((2, 2)), origin="lower", extent=(*lim, *lim), cmap=PROB_CMAP,
                     vmin=-2.2, vmax=3.2, interpolation="nearest", aspect="equal")


def draw_rings(ax):
    """Rings drawn around misclassified points."""
    return ax.plot([], [], "o", mfc="none", mec="black", ms=17, mew=2.2, zorder=4,
                   label="wrong")


def draw_legend(ax, region=None, extra=(), ncol: int = 3, y: float = 0.0) -> None:
    """Legend in rows under the axes (a frame is narrow): the classes, rings, the two region
    colours, `extra`; anchored at height `y` of the figure."""
    from matplotlib.patches import Patch

    handles = ax.get_legend_handles_labels()[0] + list(extra)
    if region is not None:
        handles += [Patch(color=region.cmap(region.norm(v)), label=f"ŷ = {v}") for v in (0, 1)]
    ax.figure.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, y), ncol=ncol,
                     markerscale=0.7, columnspacing=1.0)


def banded(p: np.ndarray, levels: int = 10) -> np.ndarray:
    """Probabilities rounded to `levels` bands: flat colours read (and compress) better."""
    return np.round(np.asarray(p) * levels) / levels


def bits(values) -> str:
    return " ".join(str(int(v)) for v in values)
