"""Widgets for the chapter *The MNIST homework* (slug ``mnist``; the chapter imports them from here).

* :func:`accuracy_sweep` -- test accuracy against hidden units, learning rate and batch
  size (:mod:`~nnlib.widgets.mnist.sweep`), looked up in a sweep run once and committed.

The chapter's training settings, shared with its exercises' checks, are in
:mod:`~nnlib.widgets.mnist.recipe` (``RECIPE``, ``train_recipe_model``).
"""

from nnlib.widgets.mnist.sweep import accuracy_sweep, sweep_data
from nnlib.widgets.registry import Widget

__all__ = ["WIDGETS", "accuracy_sweep", "sweep_data"]

#: The chapter's widgets, in the order the chapter shows them.
WIDGETS = (
    Widget("mnist_sweep", accuracy_sweep, grid=(5, 4, 3)),
)
