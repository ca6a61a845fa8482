"""Widgets for the chapter *Training: gradient descent and minibatch SGD* (slug ``training``; the chapter imports them from here).

* :func:`example_widget` -- one neuron y = g(w x + b) (:mod:`~nnlib.widgets.training.example`):
  the scaffold's example, to be replaced by the chapter's own widgets.

Register every widget in ``WIDGETS``: the benchmark and tests/widgets/test_registry.py
iterate over it (see CONTRIBUTING.md, "Widgets").
"""

# The framework's helpers for widgets that train live in nnlib.widgets.trainers; the older
# chapters import them from here (their module was nnlib.widgets.training before this
# chapter's package took the name), so they are re-exported unchanged.
from nnlib.widgets.trainers import (  # noqa: F401
    TrainingFigure, cached_training, model_at, precompute, snapshots,
)
from nnlib.widgets.registry import Widget
from nnlib.widgets.training.example import example_data, example_widget

__all__ = ["WIDGETS", "TrainingFigure", "cached_training", "model_at", "precompute", "snapshots", "example_data", "example_widget"]

#: The chapter's widgets, in the order the chapter shows them.
WIDGETS = (
    Widget("training_example", example_widget, grid=(3, 5, 3)),
)
