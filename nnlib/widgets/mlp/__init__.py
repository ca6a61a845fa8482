"""Widgets for the chapter *Multilayer perceptrons* (slug ``mlp``; the chapter imports them
from here).

Three widgets, each a pure ``*_data`` function (tested on its own) plus a drawing function,
one module each:

* :func:`depth_identity` -- 1 to 4 hidden layers × identity, tanh or ReLU: the decision
  boundary, which stays a line for the identity (:mod:`~nnlib.widgets.mlp.depth`);
* :func:`neuron_maps` -- a trained 2-m-1 network, every hidden unit's activation as a map
  over the plane beside the output and the diagram (:mod:`~nnlib.widgets.mlp.neuron_maps`);
* :func:`relu_fit` -- one hidden layer of m ReLU units fitting a 1-D function: the curve,
  each unit's contribution and the kinks (:mod:`~nnlib.widgets.mlp.relu_fit`).

Shared pieces live in :mod:`~nnlib.widgets.mlp.common`; the two that train follow
:mod:`nnlib.widgets.training`.
"""

from nnlib.widgets.registry import Widget
from nnlib.widgets.mlp.depth import depth_identity, depth_identity_data
from nnlib.widgets.mlp.neuron_maps import neuron_maps, neuron_maps_data
from nnlib.widgets.mlp.relu_fit import TARGETS, relu_fit, relu_fit_data

__all__ = ["WIDGETS", "neuron_maps", "neuron_maps_data", "depth_identity", "depth_identity_data",
           "relu_fit", "relu_fit_data", "TARGETS"]

#: The chapter's widgets, in the order the chapter shows them.
WIDGETS = (
    Widget("mlp_depth_identity", depth_identity, grid=(3, 4, 3), trains=True),  # width: live only
    Widget("mlp_neuron_maps", neuron_maps, grid=(3, 3, 3, 3), trains=True),
    Widget("mlp_relu_fit", relu_fit, grid=(3, 12)),
)
