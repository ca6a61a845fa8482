"""nnlib: a small, careful numpy companion to the neural-networks course.

The modules follow the course:

- :mod:`nnlib.activations`: step, sigmoid, tanh, ReLU and their derivatives
- :mod:`nnlib.gradcheck`: central differences, to check every derivative
- :mod:`nnlib.losses`: cross-entropy (binary, k-class, logistic), MSE, L2 penalty
- :mod:`nnlib.logistic`: logistic regression by maximum likelihood or MAP
- :mod:`nnlib.mlp`: multilayer perceptrons, forward and backward
  (:mod:`nnlib.layers`: parameters per layer, linear layers collapsed, ReLU kinks)
- :mod:`nnlib.optimizers`, :mod:`nnlib.training`: gradient descent, minibatch SGD, momentum
  (:mod:`nnlib.history` what a run records, :mod:`nnlib.progress` its progress bar)
- :mod:`nnlib.autodiff`: scalar automatic differentiation for stepping through
  backpropagation (the `Value` node, loss nodes, the lecture's graphs, traces)
- :mod:`nnlib.datasets`, :mod:`nnlib.mnist`: toy data sets and the shipped MNIST digits
  (:mod:`nnlib.idx` reads the IDX file format)
- :mod:`nnlib.persistence`: saving and loading models
- :mod:`nnlib.validation`: the argument checks every module uses, one message style

``import nnlib`` imports numpy only; :mod:`nnlib.plotting` and :mod:`nnlib.widgets`
(matplotlib, ipywidgets) are imported explicitly.
"""

from nnlib import (
    activations,
    autodiff,
    datasets,
    gradcheck,
    history,
    idx,
    layers,
    logistic,
    losses,
    mlp,
    mnist,
    optimizers,
    persistence,
    progress,
    training,
    validation,
)

__version__ = "0.1.0"
