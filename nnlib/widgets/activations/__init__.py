"""Widgets for the chapter *Activation functions* (slug ``activations``; the chapter imports
them from here).

* :func:`neuron_1d` -- one neuron ŷ = g(w x + b): output and slope along x;
* :func:`neuron_2d` -- a two-input neuron over the plane: a straight boundary, whatever g is.

Both live in :mod:`nnlib.widgets.activations.neurons`, each a pure ``*_data`` function
(tested on its own) plus a drawing function.
"""

from nnlib.widgets.activations.neurons import (
    CHAPTER_ACTIVATIONS, neuron_1d, neuron_1d_data, neuron_2d, neuron_2d_data,
)
from nnlib.widgets.registry import Widget

__all__ = ["CHAPTER_ACTIVATIONS", "WIDGETS", "neuron_1d", "neuron_1d_data", "neuron_2d",
           "neuron_2d_data"]

#: The chapter's widgets, in the order the chapter shows them.
WIDGETS = (
    Widget("neuron_1d", neuron_1d, grid=(4, 7, 5)),
    Widget("neuron_2d", neuron_2d, grid=(4, 5, 5, 3)),
)
