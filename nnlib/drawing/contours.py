"""Curves over a plane: a straight decision boundary, the 0.5 contour of a probability map,
and the contours of a surface such as a loss over two parameters (part of
:mod:`nnlib.drawing`, re-exported by :mod:`nnlib.plotting`)."""

from __future__ import annotations

import numpy as np

from nnlib.drawing.maps import as_extent

__all__ = ["boundary_line", "set_boundary", "boundary_contour", "set_contour", "SurfaceContours",
           "surface_contours", "set_surface", "surface_levels"]


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
    >>> from nnlib.drawing.maps import input_mesh
    >>> lines = boundary_contour(Figure().add_subplot())
    >>> set_contour(lines, input_mesh(1.0, 5).grid[:, 0].reshape(5, 5) + 0.5, 1.0)
    >>> np.unique(np.concatenate(lines.get_segments())[:, 0]).tolist()  # the line x₁ = 0
    [0.0]
    """
    z = np.asarray(p, dtype=float) - level
    lo1, hi1, lo2, hi2 = as_extent(lim)
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


def surface_levels(Z: np.ndarray, n: int = 11) -> np.ndarray:
    """`n` contour levels of a surface Z, dense near its minimum: the quantiles
    (i / n)², i = 1..n, of its values (a loss is flat near its minimum and steep far away,
    so evenly spaced levels would all crowd at the rim).

    Examples
    --------
    >>> surface_levels(np.arange(101.0), n=4).tolist()
    [6.25, 25.0, 56.25, 100.0]
    """
    if int(n) < 1:
        raise ValueError(f"n must be a positive number of levels, got {n}")
    return np.quantile(np.asarray(Z, dtype=float), np.linspace(0.0, 1.0, int(n) + 1) ** 2)[1:]


class SurfaceContours:
    """The contours of a surface on an axes (:func:`surface_contours`): its ``ax``, whether
    ``filled``, its ``style``, and the matplotlib ContourSet drawn last (``artist``, None
    before the first :func:`set_surface`). A ContourSet takes no new data: each
    :func:`set_surface` replaces it."""

    __slots__ = ("ax", "filled", "style", "artist")

    def __init__(self, ax, filled: bool, style: dict) -> None:
        self.ax, self.filled, self.style, self.artist = ax, filled, style, None


def surface_contours(ax, filled: bool = False, **style) -> SurfaceContours:
    """Contours of a surface over a plane, such as a loss over two weights: lines, or with
    `filled` flat bands between them, coloured by viridis (`style`: matplotlib's contour
    arguments, ``colors="white"`` for lines of one colour). Draw them with
    :func:`set_surface`.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> contours = surface_contours(Figure().add_subplot())
    >>> Z = np.add.outer(np.linspace(-1, 1, 5) ** 2, np.linspace(-1, 1, 5) ** 2)
    >>> set_surface(contours, Z, 1.0, levels=[0.5, 1.0]); contours.artist.levels.tolist()
    [0.5, 1.0]
    """
    style = {"linewidths": 1, **style} if not filled else dict(style)
    if "colors" not in style:
        style.setdefault("cmap", "viridis")
    return SurfaceContours(ax, bool(filled), style)


def set_surface(contours: SurfaceContours, Z: np.ndarray, lim, levels=None) -> None:
    """Draw the surface Z (n₂, n₁) over the plane `lim` (as in
    :func:`~nnlib.drawing.maps.input_mesh`: rows along the second axis) at `levels`
    (default :func:`surface_levels`), replacing what `contours` showed.

    Redrawing contours costs more than moving a line: call it when the surface changes,
    not on every update.
    """
    Z = np.asarray(Z, dtype=float)
    if Z.ndim != 2 or min(Z.shape) < 2:
        raise ValueError(f"Z must be a grid of values (n2, n1) with n1, n2 >= 2, got shape {Z.shape}")
    lo1, hi1, lo2, hi2 = as_extent(lim)
    x1, x2 = np.linspace(lo1, hi1, Z.shape[1]), np.linspace(lo2, hi2, Z.shape[0])
    if contours.artist is not None:
        contours.artist.remove()
    draw = contours.ax.contourf if contours.filled else contours.ax.contour
    contours.artist = draw(x1, x2, Z, levels=surface_levels(Z) if levels is None else levels,
                           **contours.style)
