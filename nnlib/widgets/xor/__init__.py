"""Widgets for the chapter *XOR: the limits of one neuron* (the chapter imports them from here).

Four widgets, each a pure ``*_data`` function (tested on its own) plus a drawing function,
one module each:

* :func:`single_neuron` -- one step neuron on a truth table: at most 3 of XOR's 4 points
  (:mod:`nnlib.widgets.xor_gates`, with :func:`perceptron_run`, the perceptron learning rule);
* :func:`xor_network` -- the hand-built 2-2-1 step network and its hidden space (h₁, h₂)
  (:mod:`nnlib.widgets.xor_network`);
* :func:`xor_training` -- a small tanh MLP learning XOR by gradient descent, over epochs
  (:mod:`nnlib.widgets.xor_training`);
* :func:`playground` -- XOR, circles, moons or spirals with a one-hidden-layer MLP
  (:mod:`nnlib.widgets.playground`).

Shared pieces live in :mod:`nnlib.widgets._xor_common` (truth tables, drawing helpers) and
:mod:`nnlib.widgets._xor_training` (train once, keep every epoch, show progress).
"""

from nnlib.widgets._xor_common import GATES
from nnlib.widgets.playground import PLAYGROUND_DATA, playground, playground_data
from nnlib.widgets.xor_gates import perceptron_run, single_neuron, single_neuron_data
from nnlib.widgets.xor_network import XOR_BY_HAND, xor_network, xor_network_data
from nnlib.widgets.xor_training import xor_training, xor_training_data

__all__ = ["GATES", "perceptron_run", "single_neuron_data", "single_neuron", "xor_network_data",
           "xor_network", "xor_training_data", "xor_training", "PLAYGROUND_DATA",
           "playground_data", "playground"]
