r"""Mean squared error, the loss of a linear output (regression):
:math:`\ell = \tfrac{1}{2} \|\hat{\mathbf{y}} - \mathbf{y}\|^2`.
"""

import numpy as np
from numpy.typing import ArrayLike

from nnlib.losses._common import Array, _cast, _divisor, _pair
from nnlib.validation import check_real


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
    with np.errstate(under="ignore"):  # a difference below 1e-308 / n rounds to 0: harmless
        return _cast((p - y) / divisor, y_hat)


def mse_with_grad(y_hat: ArrayLike, y: ArrayLike, reduction: str = "mean", *,
                  scale: float = 1.0, check_input: bool = True) -> tuple[float, Array]:
    r""":func:`mse` and `scale` times :func:`mse_grad`, from one difference ŷ - y.

    ``MLP`` with a linear output trains with it.

    Parameters
    ----------
    y_hat : array_like, shape (n,), (n, k) or scalar
    y : array_like, same shape
    reduction : {"mean", "sum"}, default "mean"
    scale : float, default 1.0
        A factor for the gradient only (a training step passes its learning rate).
    check_input : bool, default True
        False skips every check, for finite float arrays of the same shape and dtype that
        the caller has checked; the gradient is then in y_hat's dtype, the loss summed in
        float64.

    Returns
    -------
    loss : float
    grad : ndarray, shape of `y_hat`; float32 for float32 `y_hat`, else float64

    Notes
    -----
    Introduced in the chapter *Training a neuron: loss and gradient descent*.

    Examples
    --------
    >>> mse_with_grad([1.0, 0.0], [0.0, 0.0])
    (0.25, array([0.5, 0. ]))
    """
    if check_input:
        p, y_, divisor = _pair(y_hat, y, "y_hat", reduction=reduction)
        scale = check_real(scale, "scale")
    else:
        p, y_, divisor = y_hat, y, _divisor(reduction, len(y_hat) if np.ndim(y_hat) else 1)
    with np.errstate(under="ignore"):  # squares and quotients below 1e-308 are 0: harmless
        E = p - y_
        loss = float(0.5 * np.square(E, dtype=np.float64).sum() / divisor)
        grad = E * (scale / divisor)
    return loss, (_cast(grad, y_hat) if check_input else grad)
