r"""Mean squared error, the loss of a linear output (regression):
:math:`\ell = \tfrac{1}{2} \|\hat{\mathbf{y}} - \mathbf{y}\|^2`.
"""

import numpy as np
from numpy.typing import ArrayLike

from nnlib.losses._common import Array, _cast, _pair


def mse(y_hat: ArrayLike, y: ArrayLike, reduction: str = "mean") -> float:
    r"""Half the squared error, summed over outputs; the loss of a linear output.

    .. math:: \ell(\mathbf{x}, \mathbf{y}) = \tfrac{1}{2} \|\hat{\mathbf{y}} - \mathbf{y}\|^2
              = \tfrac{1}{2} \sum_j (\hat{y}_j - y_j)^2

    The ½ cancels the 2 of the derivative.

    Parameters
    ----------
    y_hat : array_like, shape (n,), (n, k) or scalar
        Predictions.
    y : array_like, same shape
        Targets.
    reduction : {"mean", "sum"}, default "mean"

    Returns
    -------
    float, ≥ 0

    Notes
    -----
    Introduced in the chapter *Training a neuron: loss and gradient descent*.

    Examples
    --------
    >>> mse([[1.0, 2.0], [0.0, 0.0]], [[0.0, 0.0], [0.0, 1.0]])  # (5/2 + 1/2) / 2
    1.5
    """
    y_hat, y, divisor = _pair(y_hat, y, "y_hat", reduction=reduction)
    with np.errstate(under="ignore"):  # the square of an error below 1e-154 is 0: harmless
        return float(0.5 * ((y_hat - y) ** 2).sum() / divisor)


def mse_grad(y_hat: ArrayLike, y: ArrayLike, reduction: str = "mean") -> Array:
    r"""Gradient of :func:`mse` with respect to `y_hat`: (ŷ − y) / n (no 1/n for "sum").

    Examples
    --------
    >>> mse_grad([1.0, 0.0], [0.0, 0.0])
    array([0.5, 0. ])
    """
    p, y, divisor = _pair(y_hat, y, "y_hat", reduction=reduction)
    return _cast((p - y) / divisor, y_hat)


def _mse_with_grad(F: Array, Y: Array, divisor: int, scale: float = 1.0) -> tuple[float, Array]:
    """:func:`mse` and `scale` times its gradient, in one pass, for checked inputs of the
    same shape and dtype; the loss summed in float64, the gradient in F's dtype."""
    E = F - Y
    with np.errstate(under="ignore"):  # the square of an error below 1e-154 is 0: harmless
        loss = float(0.5 * np.square(E, dtype=np.float64).sum() / divisor)
    return loss, E * (scale / divisor)
