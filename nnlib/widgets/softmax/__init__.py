"""Widgets for the chapter *k classes: softmax and cross-entropy* (slug ``softmax``; the
chapter imports them from here).

Three widgets, each a pure ``*_data`` function (tested on its own) plus a drawing function,
one module each:

* :func:`softmax_calculator` -- three scores and a temperature in; probabilities, the loss
  of a true class and the gradient p − y out (:mod:`~nnlib.widgets.softmax.calculator`);
* :func:`confidence_loss` -- one point moved along a path across the boundary of a fixed
  linear softmax model, with p_y and −log p_y (:mod:`~nnlib.widgets.softmax.confidence`);
* :func:`class_playground` -- k = 3 to 5 classes of blobs or spirals, a linear softmax
  classifier or one hidden layer, trained by minibatch SGD
  (:mod:`~nnlib.widgets.softmax.playground`).

They draw k classes with :mod:`nnlib.plotting`'s vocabulary (its class palette and k-class
probability map).
"""

from nnlib.widgets.registry import Widget
from nnlib.widgets.softmax.calculator import (
    CALCULATOR_DEFAULTS, softmax_calculator, softmax_calculator_data,
)
from nnlib.widgets.softmax.confidence import (
    CONFIDENCE_MODEL, CONFIDENCE_PATH, confidence_data, confidence_loss,
)
from nnlib.widgets.softmax.playground import (
    PLAYGROUND_MODELS, PLAYGROUND_SETS, class_playground, class_playground_data,
)

__all__ = ["WIDGETS", "CALCULATOR_DEFAULTS", "softmax_calculator_data", "softmax_calculator",
           "CONFIDENCE_MODEL", "CONFIDENCE_PATH", "confidence_data", "confidence_loss",
           "PLAYGROUND_SETS", "PLAYGROUND_MODELS", "class_playground_data", "class_playground"]

#: The chapter's widgets, in the order the chapter shows them.
WIDGETS = (
    Widget("softmax_calculator", softmax_calculator, grid=(7, 4, 3)),  # f₂, f₃: live only
    Widget("confidence_loss", confidence_loss, grid=(21, 3)),
    Widget("class_playground", class_playground, grid=(2, 3, 2, 5), trains=True),  # hidden: live only
)
