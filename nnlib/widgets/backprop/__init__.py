"""Widgets for the chapter *Backpropagation, one node at a time* (slug ``backprop``; the
chapter imports them from here).

* :func:`step_through` -- the lecture's graph (one neuron or two layers), the forward and
  then the backward pass one node at a time, each chain-rule product with its numbers
  (:mod:`~nnlib.widgets.backprop.stepper`, data in :mod:`~nnlib.widgets.backprop.walk`);
* :func:`paths_to_x1` -- the two paths from x₁ to the loss and their shares of ∂ℓ/∂x₁
  (:mod:`~nnlib.widgets.backprop.paths`);
* :func:`gradient_flow` -- depth and activation → each layer's gradient norm at
  initialisation (:mod:`~nnlib.widgets.backprop.flow`).

The networks, their drawn layouts and the presets are in :mod:`~nnlib.widgets.backprop.common`.
"""

from nnlib.widgets.backprop.common import NETWORKS, PRESETS, VALUE_NAMES, network_values
from nnlib.widgets.backprop.flow import (
    FLOW_WIDTH, MAX_DEPTH, gradient_flow, gradient_flow_data, layer_gradient_norms,
)
from nnlib.widgets.backprop.paths import PATH_COLORS, paths_data, paths_to_x1
from nnlib.widgets.backprop.stepper import MAX_STEP, PRESET_OPTIONS, step_through, step_through_data
from nnlib.widgets.backprop.walk import n_steps, tex, walk_data, walk_graph
from nnlib.widgets.registry import Widget

__all__ = ["WIDGETS", "step_through", "step_through_data", "walk_data", "walk_graph", "n_steps",
           "tex", "MAX_STEP", "PRESET_OPTIONS", "paths_to_x1", "paths_data", "PATH_COLORS",
           "gradient_flow", "gradient_flow_data", "layer_gradient_norms", "FLOW_WIDTH",
           "MAX_DEPTH", "NETWORKS", "PRESETS", "VALUE_NAMES", "network_values"]

#: The chapter's widgets, in the order the chapter shows them.
WIDGETS = (
    Widget("backprop_steps", step_through, grid=(2, 3, 23)),
    Widget("paths_to_x1", paths_to_x1, grid=(9, 7)),
    Widget("gradient_flow", gradient_flow, grid=(3, 10)),
)
