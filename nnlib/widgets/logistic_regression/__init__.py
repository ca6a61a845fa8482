r"""Widgets for the chapter *Logistic regression* (the chapter imports them from here).

Three widgets, one module each, on the chapter's two data sets (:func:`chapter_data`) with
labels ±1 and the model :math:`p(y = 1 \mid \mathbf{x}) = \sigma(\mathbf{w}^T\mathbf{x} + b)`:

* :func:`likelihood_by_hand` -- fit by hand (:mod:`nnlib.widgets.logistic_by_hand`);
* :func:`regularization` -- the L2 penalty λ (:mod:`nnlib.widgets.logistic_regularization`);
* :func:`gd_steps` -- gradient descent over time (:mod:`nnlib.widgets.logistic_gd`).

Shared pieces live in :mod:`nnlib.widgets._logistic_common`. Fits are cached by their
configuration (:func:`functools.lru_cache`), so a slider only ever looks a fit up.
"""

from nnlib.widgets._logistic_common import DATA, LIM, X_AXIS, boundary_segment, chapter_data
from nnlib.widgets.logistic_by_hand import W_AXIS, likelihood_by_hand, likelihood_data
from nnlib.widgets.logistic_gd import LOG_STEPS, gd_steps, gd_steps_data
from nnlib.widgets.logistic_regularization import (
    LOG_LAMBDAS, TOL, regularization, regularization_data,
)

__all__ = ["chapter_data", "likelihood_data", "likelihood_by_hand", "regularization_data",
           "regularization", "gd_steps_data", "gd_steps", "LOG_LAMBDAS", "LOG_STEPS"]
