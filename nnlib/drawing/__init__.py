"""The book's drawing vocabulary: what every widget draws over the input plane, and its loss.

Each builder makes its artists once (cheap to keep) and has an update function next to it
that only changes their data, so that a widget's ``update(data)`` stays fast. One module
per concept:

* :mod:`~nnlib.drawing.maps` -- the input plane: the grid over it, :func:`input_mesh`
  (cached), :func:`padded_extent`, :func:`as_extent`; an input-plane axes, :func:`input_axes`;
  p(y = 1 | x) in ten flat bands (k > 2: the classes' colours), :func:`prob_image`, updated by
  :func:`set_prob_image` (or ``image.set_data(p)``);
* :mod:`~nnlib.drawing.classes` -- the classes, one palette (:func:`class_style`):
  :func:`class_scatter` / :func:`set_class_points`; rings around mistakes,
  :func:`mistake_rings` / :func:`set_mistakes`; the legend in rows, :func:`class_legend`;
* :mod:`~nnlib.drawing.contours` -- curves over a plane: a straight decision boundary
  w·x + b = 0, :func:`boundary_line` / :func:`set_boundary`; the 0.5 contour of a map,
  :func:`boundary_contour` / :func:`set_contour`; the contours of a surface (a loss over two
  parameters), :func:`surface_contours` / :func:`set_surface`, with :func:`surface_levels`;
* :mod:`~nnlib.drawing.panels` -- the loss against epoch (or step, or gradient evaluations),
  :func:`loss_panel` / :func:`set_loss`.

Re-exported by :mod:`nnlib.plotting` (import them from there).
"""

from nnlib.drawing.classes import (
    CLASS_MARKERS, CLASS_PALETTE, class_legend, class_scatter, class_style, mistake_rings,
    set_class_points, set_mistakes,
)
from nnlib.drawing.contours import (
    SurfaceContours, boundary_contour, boundary_line, set_boundary, set_contour, set_surface,
    surface_contours, surface_levels,
)
from nnlib.drawing.maps import (
    PROB_LEVELS, Mesh, as_extent, class_prob_rgb, input_axes, input_mesh, padded_extent,
    prob_image, set_prob_image,
)
from nnlib.drawing.panels import LossPanel, loss_panel, set_loss

__all__ = ["CLASS_MARKERS", "CLASS_PALETTE", "PROB_LEVELS", "class_style", "Mesh", "input_mesh",
           "padded_extent", "as_extent", "input_axes", "prob_image", "set_prob_image",
           "class_prob_rgb", "class_scatter", "set_class_points", "mistake_rings", "set_mistakes",
           "class_legend", "boundary_line", "set_boundary", "boundary_contour", "set_contour",
           "SurfaceContours", "surface_contours", "set_surface", "surface_levels", "LossPanel",
           "loss_panel", "set_loss"]
