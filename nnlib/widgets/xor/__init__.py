"""Widgets for the chapter *XOR: the limits of one neuron* (slug ``xor``; the chapter
imports them from here).

Four widgets, each a pure ``*_data`` function (tested on its own) plus a drawing function,
one module each:

* :func:`single_neuron` -- one step neuron on a truth table: at most 3 of XOR's 4 points
  (:mod:`~nnlib.widgets.xor.gates`, with :func:`perceptron_run`, the perceptron learning rule);
* :func:`xor_network` -- the hand-built 2-2-1 step network and its hidden space (h₁, h₂)
  (:mod:`~nnlib.widgets.xor.network`);
* :func:`xor_training` -- a small tanh MLP learning XOR by gradient descent, over epochs
  (:mod:`~nnlib.widgets.xor.learning`);
* :func:`playground` -- XOR, circles, moons or spirals with a one-hidden-layer MLP
  (:mod:`~nnlib.widgets.xor.mlp_playground`).

Shared pieces live in :mod:`~nnlib.widgets.xor.common` (truth tables, drawing helpers);
the two that train use :mod:`nnlib.widgets.training` (train once, keep every epoch,
report progress).
"""

from nnlib.widgets.registry import Widget
from nnlib.widgets.xor.common import GATES
from nnlib.widgets.xor.gates import perceptron_run, single_neuron, single_neuron_data
from nnlib.widgets.xor.learning import xor_training, xor_training_data
from nnlib.widgets.xor.mlp_playground import PLAYGROUND_DATA, playground, playground_data
from nnlib.widgets.xor.network import XOR_BY_HAND, xor_network, xor_network_data

__all__ = ["WIDGETS", "GATES", "perceptron_run", "single_neuron_data", "single_neuron",
           "xor_network_data", "xor_network", "xor_training_data", "xor_training",
           "PLAYGROUND_DATA", "playground_data", "playground", "XOR_BY_HAND"]

#: The chapter's widgets, in the order the chapter shows them.
WIDGETS = (
    Widget("single_neuron", single_neuron, grid=(3, 3, 3, 4)),
    Widget("xor_network", xor_network, grid=(4, 4, 4)),  # the static page moves b₁, b₂, c
    Widget("xor_training", xor_training, grid=(3, 3, 5), trains=True),
    Widget("playground", playground, grid=(4, 2, 2, 4), trains=True),  # activation: live only
)
