r"""Widgets for the chapter *Logistic regression* (slug ``logistic_regression``; the chapter
imports them from here).

Three widgets, one module each, on the chapter's two data sets (:func:`chapter_data`) with
labels ỹ = ±1 and the model :math:`p(y = 1 \mid \mathbf{x}) = \sigma(\mathbf{w}^T\mathbf{x} + b)`:

* :func:`likelihood_by_hand` -- fit by hand (:mod:`~nnlib.widgets.logistic_regression.by_hand`);
* :func:`gd_steps` -- gradient descent over time (:mod:`~nnlib.widgets.logistic_regression.gd`);
* :func:`regularization` -- the L2 penalty λ
  (:mod:`~nnlib.widgets.logistic_regression.penalty`).

Shared pieces live in :mod:`~nnlib.widgets.logistic_regression.common`. Fits are made
before the widget is shown (:func:`nnlib.widgets.training.precompute`) and cached by
their configuration, so a control only ever looks a fit up.
"""

from nnlib.widgets.logistic_regression.by_hand import likelihood_by_hand, likelihood_data
from nnlib.widgets.logistic_regression.common import chapter_data
from nnlib.widgets.logistic_regression.gd import LOG_STEPS, gd_steps, gd_steps_data
from nnlib.widgets.logistic_regression.penalty import (
    LOG_LAMBDAS, regularization, regularization_data,
)
from nnlib.widgets.registry import Widget

__all__ = ["WIDGETS", "chapter_data", "likelihood_data", "likelihood_by_hand",
           "regularization_data", "regularization", "gd_steps_data", "gd_steps", "LOG_LAMBDAS",
           "LOG_STEPS"]

#: The chapter's widgets, in the order the chapter shows them. The last two train (fit
#: every configuration by GD, seconds) before they are shown, then only look fits up.
WIDGETS = (
    Widget("likelihood_by_hand", likelihood_by_hand, grid=(7, 7, 3)),
    Widget("gd_steps", gd_steps, grid=(2, 2, 9), trains=True),
    Widget("regularization", regularization, grid=(2, 11), trains=True),
)
