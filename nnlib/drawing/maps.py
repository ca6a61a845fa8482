"""The input plane: the grid over it, an axes for it, and probabilities drawn on it in flat
bands (part of :mod:`nnlib.drawing`, re-exported by :mod:`nnlib.plotting`)."""

from __future__ import annotations

import functools
from typing import NamedTuple, Sequence

import numpy as np

from nnlib.drawing.classes import CLASS_PALETTE
from nnlib.plotting import PROB_CMAP

__all__ = ["PROB_LEVELS", "Mesh", "as_extent", "input_mesh", "padded_extent", "input_axes",
           "prob_image", "set_prob_image", "class_prob_rgb"]

#: Probabilities are drawn in this many flat bands of 0.1.
PROB_LEVELS = 10


class Mesh(NamedTuple):
    """The grid of :func:`input_mesh`: axes ``x1`` (n,), ``x2`` (n,), ``grid`` (n², 2)."""
    x1: np.ndarray
    x2: np.ndarray
    grid: np.ndarray


def as_extent(lim) -> tuple[float, float, float, float]:
    """(lo1, hi1, lo2, hi2) of a plane given as L (the square [-L, L]²), (lo, hi) (a square)
    or an extent (lo1, hi1, lo2, hi2): how every function of the vocabulary reads `lim`.

    Examples
    --------
    >>> as_extent(2), as_extent((0, 1))
    ((-2.0, 2.0, -2.0, 2.0), (0.0, 1.0, 0.0, 1.0))
    """
    lim = np.atleast_1d(np.asarray(lim, dtype=float))
    if lim.size == 1:
        lim = np.array([-abs(lim[0]), abs(lim[0])])
    if lim.size == 2:
        lim = np.r_[lim, lim]
    if lim.size != 4:
        raise ValueError(f"lim must be L, (lo, hi) or (lo1, hi1, lo2, hi2), got {lim.tolist()}")
    return tuple(float(v) for v in lim)


def input_mesh(lim, n: int) -> Mesh:
    """An n × n grid over the input plane (cached, read-only).

    `lim` is L (the square [-L, L]²), (lo, hi) (a square) or an extent (lo1, hi1, lo2, hi2).
    ``grid`` lists the points with x₁ varying fastest, so ``values.reshape(n, n)`` has rows
    along x₂: what :func:`prob_image` shows.

    Examples
    --------
    >>> m = input_mesh(1.0, 3)
    >>> m.x1.tolist(), m.grid.shape, m.grid[:2].tolist()
    ([-1.0, 0.0, 1.0], (9, 2), [[-1.0, -1.0], [0.0, -1.0]])
    """
    return _mesh(as_extent(lim), int(n))


@functools.lru_cache(maxsize=64)
def _mesh(extent: tuple, n: int) -> Mesh:
    x1, x2 = np.linspace(*extent[:2], n), np.linspace(*extent[2:], n)
    grid = np.column_stack([g.ravel() for g in np.meshgrid(x1, x2)])
    for a in (x1, x2, grid):
        a.flags.writeable = False
    return Mesh(x1, x2, grid)


def padded_extent(X: np.ndarray, pad: float = 0.3) -> tuple[float, float, float, float]:
    """(lo1, hi1, lo2, hi2): the box around the points X (n, 2), `pad` wider on each side."""
    lo, hi = np.min(X, axis=0) - pad, np.max(X, axis=0) + pad
    return float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1])


def input_axes(ax, lim, ticks: Sequence[float] | None = (), labels=("$x_1$", "$x_2$"),
               aspect="equal"):
    """Set `ax` up as the input plane `lim` (as in :func:`input_mesh`): limits, labels, few
    `ticks` (text is most of a redraw's cost; None: matplotlib's), no grid. Returns `ax`."""
    lo1, hi1, lo2, hi2 = as_extent(lim)
    ax.set(xlim=(lo1, hi1), ylim=(lo2, hi2), aspect=aspect)
    if ticks is not None:
        ax.set(xticks=ticks, yticks=ticks)
    ax.set_xlabel(labels[0], labelpad=1)
    ax.set_ylabel(labels[1], labelpad=1)
    ax.grid(False)
    return ax


@functools.lru_cache(maxsize=None)
def _prob_colors(bands: int):
    from matplotlib import colormaps
    from matplotlib.colors import ListedColormap

    return ListedColormap(colormaps[PROB_CMAP](np.linspace(0.3, 0.7, bands)))  # paler than the points


def prob_image(ax, lim, bands: int = PROB_LEVELS, k: int = 2, vmin: float = 0.0, vmax: float = 1.0,
               aspect="equal"):
    """An image of probabilities over the input plane `lim`, in `bands` flat colours.

    Two classes: p(y = 1 | x) in the pale part of :data:`~nnlib.plotting.PROB_CMAP`, one colour
    per band of 0.1 (flat colours read as contours and keep the 32-colour frames exact);
    (`vmin`, `vmax`) bands another range (a neuron's output). ``k > 2``: the colour of the
    most probable class, lighter where it is less sure (:func:`class_prob_rgb`).

    Returns
    -------
    matplotlib.image.AxesImage
        Update with ``image.set_data(p)`` (p (n, n), rows along x₂) or :func:`set_prob_image`.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> image = prob_image(Figure().add_subplot(), 3.0)
    >>> image.set_data(np.array([[0.05, 0.55]])); image.cmap.N, int(image.norm(0.55))
    (10, 5)
    """
    from matplotlib.colors import BoundaryNorm

    norm = BoundaryNorm(np.linspace(vmin, vmax, bands + 1), bands, clip=True) if k == 2 else None
    return ax.imshow(np.zeros((2, 2) if k == 2 else (2, 2, 3)), origin="lower", extent=as_extent(lim),
                     cmap=_prob_colors(bands) if k == 2 else None, norm=norm, aspect=aspect,
                     interpolation="nearest")


def set_prob_image(image, p: np.ndarray, lim=None, vrange: tuple[float, float] | None = None) -> None:
    """Show p (n, n) or class probabilities P (n, n, k) on `image`; move it to `lim`; band
    the range `vrange` = (vmin, vmax) instead of the one it was built with."""
    from matplotlib.colors import BoundaryNorm

    p = np.asarray(p)
    image.set_data(class_prob_rgb(p) if p.ndim == 3 else p)
    if lim is not None:
        image.set_extent(as_extent(lim))
    if vrange is not None:
        image.set_norm(BoundaryNorm(np.linspace(*vrange, image.cmap.N + 1), image.cmap.N, clip=True))


def class_prob_rgb(P: np.ndarray, levels: int = PROB_LEVELS, j: int | None = None) -> np.ndarray:
    """RGB (..., 3) of class probabilities P (..., k): the most probable class's colour
    (:func:`~nnlib.drawing.classes.class_style`), mixed with white by how sure it is, in
    `levels` flat bands.

    Its certainty (max P - 1/k) / (1 - 1/k) runs from a tie (white) to certain (70 % of the
    class colour, so that points stay visible). With `j`, P (...) is one class's probability
    p_j instead: white at 0, class j's full colour at 1.

    Examples
    --------
    >>> class_prob_rgb(np.array([[0.5, 0.5], [1.0, 0.0]])).round(2).tolist()
    [[1.0, 1.0, 1.0], [0.3, 0.61, 0.79]]
    """
    from matplotlib.colors import to_rgb

    P = np.asarray(P, dtype=float)
    if j is not None:
        sure, strength, colours = np.round(P * levels) / levels, 1.0, np.array(to_rgb(CLASS_PALETTE[j]))
    else:
        k = P.shape[-1]
        sure = np.clip((P.max(axis=-1) - 1.0 / k) / (1.0 - 1.0 / k), 0.0, 1.0)
        sure, strength = np.round(sure * levels) / levels, 0.7
        colours = np.array([to_rgb(c) for c in CLASS_PALETTE[:k]])[P.argmax(axis=-1)]
    return 1.0 - strength * sure[..., None] * (1.0 - colours)
