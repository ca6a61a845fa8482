"""The classes: one palette and a marker per class, the scatter of the points, rings around
mistakes and the legend in rows (part of :mod:`nnlib.drawing`, re-exported by
:mod:`nnlib.plotting`)."""

from __future__ import annotations

from typing import Sequence

import numpy as np

from nnlib.plotting import CLASS_COLORS, COLORS

__all__ = ["CLASS_MARKERS", "CLASS_PALETTE", "class_style", "class_scatter", "set_class_points",
           "mistake_rings", "set_mistakes", "class_legend"]

#: A marker per class (0-based), so that classes differ by shape as well as by colour.
CLASS_MARKERS = ("o", "^", "s", "D", "v")
#: Colours of k = 3 to 5 classes: Okabe and Ito's, safe for colour-blind readers.
CLASS_PALETTE = tuple(COLORS[c] for c in ("blue", "orange", "green", "vermillion", "purple"))
_EDGE = dict(edgecolors="black", linewidths=0.7)  # black edges: points read on any map


def class_style(j: int, k: int = 2) -> dict:
    """Marker and colour of class `j` (0-based) of `k`: the one class palette of the book.

    Two classes take :data:`~nnlib.plotting.CLASS_COLORS` (the ends of the probability map);
    three to five take :data:`CLASS_PALETTE` (Okabe-Ito). Markers follow :data:`CLASS_MARKERS`.

    Examples
    --------
    >>> class_style(1), class_style(2, k=3)
    ({'marker': '^', 'color': '#b2182b'}, {'marker': 's', 'color': '#009E73'})
    """
    if not 2 <= k <= len(CLASS_PALETTE) or not 0 <= j < k:
        raise ValueError(f"class j must be in 0..k-1 with k in 2..{len(CLASS_PALETTE)}, got j={j}, k={k}")
    return {"marker": CLASS_MARKERS[j], "color": CLASS_COLORS[j] if k == 2 else CLASS_PALETTE[j]}


def class_scatter(ax, k: int = 2, size: float = 30, labels: Sequence | None = None,
                  names: Sequence[str] | None = None) -> dict:
    """One empty scatter per class, in the style of :func:`class_style`, with black edges.

    `labels` are the values of y the classes carry (default 0..k-1; the ±1 labels of
    logistic regression: (-1, 1)); `names` their legend entries (default "y = label"; ``()``:
    none, the scatters stay out of legends).

    Returns
    -------
    dict
        {label: PathCollection}; fill it with :func:`set_class_points`.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> points = class_scatter(Figure().add_subplot(), 3)
    >>> set_class_points(points, np.zeros((4, 2)), np.array([0, 0, 2, 2]))
    >>> [len(a.get_offsets()) for a in points.values()]
    [2, 0, 2]
    """
    labels = list(range(k)) if labels is None else list(labels)
    names = [f"y = {label}" for label in labels] if names is None else list(names) or [None] * k
    return {label: ax.scatter([], [], s=size, zorder=3, label=name, **class_style(j, k), **_EDGE)
            for j, (label, name) in enumerate(zip(labels, names))}


def set_class_points(scatters: dict, X: np.ndarray, y: np.ndarray) -> None:
    """Show the points X (n, 2) with labels y (n,) on the scatters of :func:`class_scatter`."""
    for label, artist in scatters.items():
        artist.set_offsets(X[y == label] if np.any(y == label) else np.empty((0, 2)))


def mistake_rings(ax, size: float = 180, label: str = "wrong"):
    """Empty rings for misclassified points (a PathCollection; :func:`set_mistakes`)."""
    return ax.scatter([], [], s=size, facecolors="none", edgecolors="black", linewidths=1.8,
                      zorder=4, label=label)


def set_mistakes(rings, X: np.ndarray, wrong: np.ndarray) -> None:
    """Ring the points X[wrong] (wrong: a boolean mask)."""
    rings.set_offsets(X[wrong] if np.any(wrong) else np.empty((0, 2)))


def class_legend(ax, image=None, extra=(), ncol: int = 3, y: float = 0.0, loc: str = "lower center",
                 markerscale: float = 1.0):
    """The figure's legend in rows (a frame is narrow): `ax`'s labelled artists, `extra`,
    and with `image` (a binary :func:`~nnlib.drawing.maps.prob_image`) its two ends as
    "ŷ = 0", "ŷ = 1"; anchored at height `y` of the figure. Returns the Legend."""
    from matplotlib.patches import Patch

    handles = ax.get_legend_handles_labels()[0] + list(extra)
    if image is not None:
        handles += [Patch(color=image.cmap(image.norm(v)), label=f"ŷ = {v}") for v in (0, 1)]
    return ax.figure.legend(handles=handles, loc=loc, bbox_to_anchor=(0.5, y), ncol=ncol,
                            markerscale=markerscale, columnspacing=1.0, frameon=False)
