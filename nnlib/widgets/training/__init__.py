"""Widgets for the chapter *Training: gradient descent and minibatch SGD* (slug
``training``; the chapter imports them from here).

Three widgets, each a pure ``*_data`` function (tested on its own) and a drawing function,
one module each:

* :func:`descent_surface` -- gradient descent with learning rate α on a quadratic bowl or on
  logistic regression's loss (:mod:`~nnlib.widgets.training.descent`);
* :func:`batch_size` -- minibatch SGD with 1 to 512 examples a step against gradient descent,
  on the same contours, and the loss against gradient evaluations
  (:mod:`~nnlib.widgets.training.batch`);
* :func:`nonconvex_landscape` -- the filter-normalised 2-D slice of a small trained MLP's
  loss (Li et al. 2018) as contours and a surface (:mod:`~nnlib.widgets.training.landscape`).

The chapter's surfaces live in :mod:`~nnlib.widgets.training.common`.
"""

from nnlib.widgets.registry import Widget
from nnlib.widgets.training.batch import (
    BATCH_LR, BATCH_SIZES, BATCH_STEPS, batch_size, batch_size_data,
)
from nnlib.widgets.training.common import EXTENT, START, SURFACES, contour_grid, surface
from nnlib.widgets.training.descent import MAX_STEPS, descent_data, descent_surface
from nnlib.widgets.training.landscape import (
    LANDSCAPE, landscape_data, landscape_slice, nonconvex_landscape, slice_runs, trained_network,
)

__all__ = ["WIDGETS", "descent_data", "descent_surface", "MAX_STEPS", "batch_size_data", "batch_size",
           "BATCH_SIZES", "BATCH_LR", "BATCH_STEPS", "landscape_data", "nonconvex_landscape",
           "LANDSCAPE", "landscape_slice", "slice_runs", "trained_network", "SURFACES", "START",
           "EXTENT", "surface", "contour_grid"]

#: The chapter's widgets, in the order the chapter shows them.
WIDGETS = (
    Widget("descent_surface", descent_surface, grid=(2, 12, 5)),
    Widget("batch_size", batch_size, grid=(5, 6)),
    Widget("nonconvex_landscape", nonconvex_landscape, grid=(3, 3), trains=True),
)
