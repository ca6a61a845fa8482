r"""Scalar automatic differentiation, to step through backpropagation node by node.

The package follows the chapter *Backpropagation*:

- :mod:`nnlib.autodiff.value`: :class:`Value`, one scalar node; every operation keeps its
  local derivative beside its forward formula, and ``loss.backward()`` runs one loop, the
  chain rule in reverse topological order (:func:`topological_order`,
  :func:`backpropagate`)
- :mod:`nnlib.autodiff.losses`: the losses as single nodes with the lecture's local
  derivatives (``binary_cross_entropy``, ``binary_cross_entropy_with_logits``,
  ``cross_entropy``)
- :mod:`nnlib.autodiff.graphs`: the lecture's graphs, ``neuron_graph`` and ``mlp_graph``
  (one example through an :class:`~nnlib.mlp.MLP`), and ``leaf_gradients`` to compare
  them with matrix backpropagation
- :mod:`nnlib.autodiff.trace`: ``trace``, ``trace_table`` and ``backward_steps``, a graph
  listed or walked one node at a time

Everything public is imported here: ``from nnlib.autodiff import Value, mlp_graph``.

Notes
-----
Introduced in the chapter *Backpropagation*.

Examples
--------
>>> x = Value(2.0, label="x")
>>> loss = binary_cross_entropy_with_logits(x * 3.0, 1)
>>> loss.backward(); x  # ∂ℓ/∂x = (σ(6) - 1) · 3
Value(data=2, grad=-0.007418, label='x')
"""

from nnlib.autodiff.graphs import (
    HIDDEN_ACTIVATIONS, NEURON_LOSSES, OUTPUTS, leaf_gradients, mlp_graph, neuron_graph,
)
from nnlib.autodiff.losses import (
    binary_cross_entropy, binary_cross_entropy_with_logits, cross_entropy,
)
from nnlib.autodiff.trace import Node, backward_steps, trace, trace_table
from nnlib.autodiff.value import Value, backpropagate, topological_order

__all__ = ["Value", "topological_order", "backpropagate", "Node", "trace", "backward_steps",
           "trace_table", "binary_cross_entropy", "binary_cross_entropy_with_logits",
           "cross_entropy", "neuron_graph", "mlp_graph", "leaf_gradients",
           "HIDDEN_ACTIVATIONS", "NEURON_LOSSES", "OUTPUTS"]
