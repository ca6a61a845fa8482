"""The book's drawing vocabulary: what every widget draws over the input plane, and its loss.

Each builder makes its artists once (cheap to keep) and has an update function next to it
that only changes their data, so that a widget's ``update(data)`` stays fast:

* the grid over the input plane: :func:`input_mesh` (cached), :func:`padded_extent`;
  an input-plane axes: :func:`input_axes`;
* p(y = 1 | x) in ten flat bands (k > 2: the classes' colours): :func:`prob_image`,
  updated by :func:`set_prob_image` (or ``image.set_data(p)``);
* the classes, one palette (:func:`class_style`): :func:`class_scatter` /
  :func:`set_class_points`; rings around mistakes: :func:`mistake_rings` / :func:`set_mistakes`;
  the legend in rows: :func:`class_legend`;
* the decision boundary: a line w·x + b = 0, :func:`boundary_line` / :func:`set_boundary`,
  or the 0.5 contour of a map, :func:`boundary_contour` / :func:`set_contour`;
* the loss against epoch: :func:`loss_panel` / :func:`set_loss`.

Re-exported by :mod:`nnlib.plotting` (import them from there).
"""

from __future__ import annotations

import functools
from typing import NamedTuple, Sequence

import numpy as np

from nnlib.plotting import CLASS_COLORS, COLORS, PROB_CMAP

__all__ = ["CLASS_MARKERS", "CLASS_PALETTE", "PROB_LEVELS", "class_style", "Mesh", "input_mesh",
           "padded_extent", "input_axes", "prob_image", "set_prob_image", "class_prob_rgb",
           "class_scatter", "set_class_points", "mistake_rings", "set_mistakes", "class_legend",
           "boundary_line", "set_boundary", "boundary_contour", "set_contour", "LossPanel",
           "loss_panel", "set_loss"]

#: A marker per class (0-based), so that classes differ by shape as well as by colour.
CLASS_MARKERS = ("o", "^", "s", "D", "v")
#: Colours of k = 3 to 5 classes: Okabe and Ito's, safe for colour-blind readers.
CLASS_PALETTE = tuple(COLORS[c] for c in ("blue", "orange", "green", "vermillion", "purple"))
#: Probabilities are drawn in this many flat bands of 0.1.
PROB_LEVELS = 10
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


class Mesh(NamedTuple):
    """The grid of :func:`input_mesh`: axes ``x1`` (n,), ``x2`` (n,), ``grid`` (n², 2)."""
    x1: np.ndarray
    x2: np.ndarray
    grid: np.ndarray


def _extent(lim) -> tuple[float, float, float, float]:
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
    return _mesh(_extent(lim), int(n))


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
    lo1, hi1, lo2, hi2 = _extent(lim)
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
    return ax.imshow(np.zeros((2, 2) if k == 2 else (2, 2, 3)), origin="lower", extent=_extent(lim),
                     cmap=_prob_colors(bands) if k == 2 else None, norm=norm, aspect=aspect,
                     interpolation="nearest")


def set_prob_image(image, p: np.ndarray, lim=None, vrange: tuple[float, float] | None = None) -> None:
    """Show p (n, n) or class probabilities P (n, n, k) on `image`; move it to `lim`; band
    the range `vrange` = (vmin, vmax) instead of the one it was built with."""
    from matplotlib.colors import BoundaryNorm

    p = np.asarray(p)
    image.set_data(class_prob_rgb(p) if p.ndim == 3 else p)
    if lim is not None:
        image.set_extent(_extent(lim))
    if vrange is not None:
        image.set_norm(BoundaryNorm(np.linspace(*vrange, image.cmap.N + 1), image.cmap.N, clip=True))


def class_prob_rgb(P: np.ndarray, levels: int = PROB_LEVELS, j: int | None = None) -> np.ndarray:
    """RGB (..., 3) of class probabilities P (..., k): the most probable class's colour
    (:func:`class_style`), mixed with white by how sure it is, in `levels` flat bands.

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
    and with `image` (a binary :func:`prob_image`) its two ends as "ŷ = 0", "ŷ = 1";
    anchored at height `y` of the figure. Returns the Legend."""
    from matplotlib.patches import Patch

    handles = ax.get_legend_handles_labels()[0] + list(extra)
    if image is not None:
        handles += [Patch(color=image.cmap(image.norm(v)), label=f"ŷ = {v}") for v in (0, 1)]
    return ax.figure.legend(handles=handles, loc=loc, bbox_to_anchor=(0.5, y), ncol=ncol,
                            markerscale=markerscale, columnspacing=1.0, frameon=False)


def boundary_line(ax, **style):
    """An empty Line2D for a straight boundary (black, 2 pt; `style` overrides); fill it with
    :func:`set_boundary`."""
    return ax.plot([], [], **{"color": "black", "lw": 2, "zorder": 2.5, **style})[0]


def set_boundary(line, segment) -> None:
    """Draw `segment` (x₁ ends, x₂ ends), as :func:`~nnlib.plotting.boundary_segment` returns;
    None (no boundary) hides it."""
    line.set_data(*(segment if segment is not None else ([], [])))


def boundary_contour(ax, **style):
    """An empty LineCollection for the curve p = 0.5 of a probability map (a network's
    boundary), styled like :func:`boundary_line`; update with :func:`set_contour`."""
    from matplotlib.collections import LineCollection

    style = {"colors": "black", "linewidths": 2, "zorder": 2.5, "capstyle": "round", **style}
    return ax.add_collection(LineCollection([], **style), autolim=False)


def set_contour(lines, p: np.ndarray, lim, level: float = 0.5) -> None:
    """Set `lines` to the curves where the map p (n₂, n₁) over `lim` equals `level`.

    Marching squares: in each grid cell whose corners lie on both sides of `level`, a
    segment joins the crossings of its edges, interpolated linearly (a cell with all four
    edges crossed is split by the value at its centre). Round caps join the segments.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> lines = boundary_contour(Figure().add_subplot())
    >>> set_contour(lines, input_mesh(1.0, 5).grid[:, 0].reshape(5, 5) + 0.5, 1.0)
    >>> np.unique(np.concatenate(lines.get_segments())[:, 0]).tolist()  # the line x₁ = 0
    [0.0]
    """
    z = np.asarray(p, dtype=float) - level
    lo1, hi1, lo2, hi2 = _extent(lim)
    x1, x2 = np.linspace(lo1, hi1, z.shape[1]), np.linspace(lo2, hi2, z.shape[0])
    a, b, c, d = z[:-1, :-1], z[:-1, 1:], z[1:, 1:], z[1:, :-1]  # corners, anticlockwise
    X1, X2 = np.meshgrid(x1[:-1], x2[:-1])
    dx1, dx2 = np.diff(x1)[None, :], np.diff(x2)[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):  # only used where the signs differ
        edges = [  # bottom a-b, right b-c, top d-c, left a-d: (crossed, crossing point)
            ((a >= 0) != (b >= 0), X1 + a / (a - b) * dx1, X2),
            ((b >= 0) != (c >= 0), X1 + dx1, X2 + b / (b - c) * dx2),
            ((d >= 0) != (c >= 0), X1 + d / (d - c) * dx1, X2 + dx2),
            ((a >= 0) != (d >= 0), X1, X2 + a / (a - d) * dx2),
        ]
    crossed = np.stack([e[0] for e in edges], axis=-1)
    points = np.stack([np.stack(np.broadcast_arrays(e[1], e[2]), axis=-1) for e in edges], axis=2)
    count = crossed.sum(axis=-1)
    first_two = np.argsort(~crossed, axis=-1, kind="stable")[..., :2]
    segments = [np.take_along_axis(points, first_two[..., None], axis=2)[count == 2]]
    saddle = count == 4
    if saddle.any():  # the centre decides which corners connect
        joined = (((a + b + c + d) >= 0) == (a >= 0))[saddle]
        pts = points[saddle]
        pairs = np.where(joined[:, None, None], [[0, 1], [2, 3]], [[0, 3], [1, 2]])
        segments.append(pts[np.arange(len(pts))[:, None, None], pairs].reshape(-1, 2, 2))
    lines.set_segments(list(np.concatenate(segments)))


class LossPanel(NamedTuple):
    """The artists of :func:`loss_panel`: the whole run, the part so far, the current
    point, the accuracy so far (None without it) and fixed y limits (None: fit the run)."""
    full: object
    so_far: object
    now: object
    accuracy: object
    ylim: tuple | None


def loss_panel(ax, log: bool = False, accuracy: bool = False, ylabel: str | None = "training loss",
               ylim: tuple | None = None):
    """A loss-against-epoch panel: the whole run faint, the epochs so far solid, the current
    epoch a point, and with `accuracy` the accuracy so far dashed (titled by the caller).

    The y axis is linear from 0 to the run's largest loss (or `ylim`), or with `log`
    logarithmic from 10⁻³ to 1.5.

    Returns
    -------
    LossPanel
        Update with :func:`set_loss`.
    """
    full = ax.plot([], [], color=COLORS["grey"], lw=1, alpha=0.5)[0]
    so_far = ax.plot([], [], color=COLORS["blue"], lw=2)[0]
    acc = ax.plot([], [], color=COLORS["orange"], lw=1.5, ls="--")[0] if accuracy else None
    now = ax.plot([], [], "o", color=COLORS["blue"], ms=5, zorder=3)[0]
    ax.set(xlabel="epoch", ylabel=ylabel)
    if log:
        ylim = (1e-3, 1.5)
        ax.set(yscale="log", yticks=(1e-3, 1e-2, 1e-1, 1))
        ax.minorticks_off()
    if ylim is not None:
        ax.set_ylim(ylim)
    return LossPanel(full, so_far, now, acc, ylim)


def set_loss(panel: LossPanel, loss: np.ndarray, epoch: int, acc: np.ndarray | None = None,
             x: np.ndarray | None = None) -> None:
    """Show `loss` (epochs + 1,) of a run at `epoch` (and its accuracy `acc`) on a
    :func:`loss_panel`; `x` replaces the epochs 0, 1, ... as the horizontal axis.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> panel = loss_panel(Figure().add_subplot())
    >>> set_loss(panel, np.array([0.7, 0.4, 0.2]), 1)
    >>> np.asarray(panel.so_far.get_ydata()).tolist(), np.asarray(panel.now.get_ydata()).tolist()
    ([0.7, 0.4], [0.4])
    """
    loss = np.asarray(loss)
    x = np.arange(len(loss)) if x is None else np.asarray(x)
    panel.full.set_data(x, loss)
    panel.so_far.set_data(x[:epoch + 1], loss[:epoch + 1])
    panel.now.set_data([x[epoch]], [loss[epoch]])
    if panel.accuracy is not None and acc is not None:
        panel.accuracy.set_data(x[:epoch + 1], np.asarray(acc)[:epoch + 1])
    ax = panel.full.axes
    if ax.get_xscale() == "linear" and ax.get_xlim() != (x[0], x[-1]):  # ticks only when they move
        ax.set(xlim=(x[0], x[-1]), xticks=np.linspace(x[0], x[-1], 3))
    if panel.ylim is None:
        top = max(1.05, 1.05 * float(np.max(loss)))
        if ax.get_ylim()[1] != top:
            ax.set(ylim=(0, top), yticks=np.arange(0, top, 1.0 if top < 4 else 2.0))
