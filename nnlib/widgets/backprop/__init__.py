"""Widgets for the chapter *Backpropagation, one node at a time* (slug ``backprop``; the chapter imports them from here).

* :func:`example_widget` -- one neuron y = g(w x + b) (:mod:`~nnlib.widgets.backprop.example`):
  the scaffold's example, to be replaced by the chapter's own widgets.

Register every widget in ``WIDGETS``: the benchmark and tests/widgets/test_registry.py
iterate over it (see CONTRIBUTING.md, "Widgets").
"""

from nnlib.widgets.registry import Widget
from nnlib.widgets.backprop.example import example_data, example_widget

__all__ = ["WIDGETS", "example_data", "example_widget"]

#: The chapter's widgets, in the order the chapter shows them.
WIDGETS = (
    Widget("backprop_example", example_widget, grid=(3, 5, 3)),
)
