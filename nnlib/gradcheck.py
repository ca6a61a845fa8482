r"""Central-difference checks of derivatives and gradients.

A derivative is right if it agrees with the slope of a tiny chord around the point,

.. math:: f'(z) \approx \frac{f(z + \epsilon) - f(z - \epsilon)}{2\epsilon},

whose error shrinks like :math:`\epsilon^2`. All arithmetic here is float64: with
float32 and eps = 1e-6 the difference f(z + eps) - f(z - eps) would be mostly rounding.
"""

from collections.abc import Callable
import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnlib.validation import check_callable, check_real, real_array

__all__ = ["numerical_derivative", "numerical_gradient", "relative_error", "check_gradient"]


def _as_float64(x: ArrayLike, name: str) -> NDArray[np.float64]:
    """A new float64 array holding `x`; TypeError naming `name` unless `x` is real."""
    # always a copy: the caller's array is never touched
    return real_array(x, name).astype(np.float64)


def _check_positive(value: float, name: str) -> float:
    return check_real(value, name, low=0.0, low_open=True)


def numerical_derivative(f: Callable[[NDArray[np.float64]], ArrayLike], z: ArrayLike,
                         eps: float = 1e-6) -> NDArray[np.float64]:
    r"""Central-difference derivative of an elementwise function `f`, at every entry of `z`.

    .. math:: f'(z) \approx \frac{f(z + \epsilon) - f(z - \epsilon)}{2\epsilon}

    Parameters
    ----------
    f : callable
        Elementwise function: ``f(z)`` has the same shape as `z` (e.g. ``sigmoid``).
    z : array_like of real numbers, any shape
        Points at which to differentiate (converted to float64).
    eps : float, default 1e-6
        Half-width of the chord; finite and > 0.

    Returns
    -------
    ndarray of float64, same shape as `z`

    Notes
    -----
    Used in every chapter to check derivatives numerically.

    Examples
    --------
    >>> np.round(numerical_derivative(np.square, [1.0, 3.0]), 6)  # d/dz z**2 = 2z
    array([2., 6.])
    """
    check_callable(f, "f")
    eps = _check_positive(eps, "eps")
    z = _as_float64(z, "z")
    slope = (np.asarray(f(z + eps), dtype=np.float64)
             - np.asarray(f(z - eps), dtype=np.float64)) / (2 * eps)
    if slope.shape != z.shape:
        raise ValueError(f"f must be elementwise: f(z) has shape {slope.shape}, "
                         f"but z has shape {z.shape}")
    return slope


def _scalar(value: ArrayLike) -> float:
    array = np.asarray(value)
    if array.size != 1:
        raise ValueError(f"f must return a scalar, got an array of shape {array.shape}")
    return float(array.reshape(()))


def numerical_gradient(f: Callable[[NDArray[np.float64]], float], x: ArrayLike,
                       eps: float = 1e-6) -> NDArray[np.float64]:
    r"""Central-difference gradient of a scalar-valued `f` at `x`, one entry at a time.

    .. math:: \frac{\partial f}{\partial x_i} \approx
              \frac{f(x + \epsilon e_i) - f(x - \epsilon e_i)}{2\epsilon}

    where :math:`e_i` is 1 at entry i and 0 elsewhere. Each call of `f` gets a fresh
    array; the caller's `x` is never modified. Costs 2 * x.size calls of `f`.

    Parameters
    ----------
    f : callable
        ``f(x)`` returns a scalar (e.g. a loss as a function of the weights `W1`).
    x : array_like of real numbers, any shape
        Point at which to take the gradient (converted to float64).
    eps : float, default 1e-6
        Step size; finite and > 0.

    Returns
    -------
    ndarray of float64, same shape as `x`

    Notes
    -----
    Used in every chapter to check derivatives numerically.

    Examples
    --------
    >>> W = np.array([[1.0, 2.0], [3.0, 4.0]])
    >>> np.round(numerical_gradient(lambda W: np.sum(W ** 2), W), 6)  # gradient is 2W
    array([[2., 4.],
           [6., 8.]])
    """
    check_callable(f, "f")
    eps = _check_positive(eps, "eps")
    x = _as_float64(x, "x")
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        e_i = np.zeros_like(x)
        e_i[i] = 1.0
        grad[i] = (_scalar(f(x + eps * e_i)) - _scalar(f(x - eps * e_i))) / (2 * eps)
    return grad


def relative_error(a: ArrayLike, b: ArrayLike, floor: float = 1e-12) -> float:
    r"""Largest difference between `a` and `b`, relative to their size.

    .. math:: \frac{\max_i |a_i - b_i|}{\max(\max_i (|a_i| + |b_i|),\ \text{floor})}

    Symmetric in `a` and `b`, 0 when they are equal, at most 1 otherwise. Scaling by the
    largest entry (not entry by entry) keeps tiny entries such as a sigmoid's gradient at
    z = 30 from dominating; `floor` avoids 0 / 0 when both are all zeros.

    Parameters
    ----------
    a, b : array_like of real numbers, same shape
        For example an analytic and a numerical gradient. Shapes must match exactly:
        broadcasting (3,) against (3, 1) would hide a bug.
    floor : float, default 1e-12
        Smallest denominator; finite and > 0.

    Returns
    -------
    float

    Notes
    -----
    Used in every chapter to check derivatives numerically.

    Examples
    --------
    >>> relative_error([1.0, 2.0], [1.0, 2.0])
    0.0
    >>> round(relative_error([1.0, 2.0], [1.0, 2.1]), 4)  # 0.1 / (2 + 2.1)
    0.0244
    """
    a, b = _as_float64(a, "a"), _as_float64(b, "b")
    floor = _check_positive(floor, "floor")
    if a.shape != b.shape:
        raise ValueError(f"a and b must have the same shape, got {a.shape} and {b.shape}")
    if a.size == 0:
        return 0.0
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(a) + np.abs(b)), floor))


def check_gradient(f: Callable[[NDArray[np.float64]], float],
                   grad: Callable[[NDArray[np.float64]], ArrayLike], x: ArrayLike,
                   eps: float = 1e-6, tol: float = 1e-6) -> float:
    """Compare an analytic gradient ``grad(x)`` with the numerical gradient of `f` at `x`.

    Parameters
    ----------
    f : callable
        Scalar-valued function of `x`.
    grad : callable
        Claimed gradient: ``grad(x)`` has the same shape as `x`.
    x : array_like of real numbers, any shape
    eps : float, default 1e-6
        Step of :func:`numerical_gradient`.
    tol : float, default 1e-6
        Largest accepted :func:`relative_error`.

    Returns
    -------
    float
        The relative error, when it is at most `tol`.

    Raises
    ------
    AssertionError
        If the relative error exceeds `tol` (or is NaN); the message gives the worst
        entry, its index and both values.

    Notes
    -----
    Used in every chapter to check derivatives numerically.

    Examples
    --------
    >>> f = lambda w: np.sum(w ** 3)
    >>> check_gradient(f, lambda w: 3 * w ** 2, [1.0, -2.0]) < 1e-6
    True
    >>> check_gradient(f, lambda w: 2 * w ** 2, [1.0, -2.0])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    AssertionError: gradient check failed: relative error 2.000e-01 > tol 1.0e-06; ...
    """
    check_callable(f, "f")
    check_callable(grad, "grad")
    tol = _check_positive(tol, "tol")
    numerical = numerical_gradient(f, x, eps)
    analytic = _as_float64(grad(_as_float64(x, "x")), "grad(x)")
    if analytic.shape != numerical.shape:
        raise ValueError(f"grad(x) must have the same shape as x, got {analytic.shape} "
                         f"and {numerical.shape}")
    error = relative_error(analytic, numerical)
    if not error <= tol:  # also fails on NaN
        worst = np.unravel_index(np.argmax(np.abs(analytic - numerical)), analytic.shape)
        raise AssertionError(
            f"gradient check failed: relative error {error:.3e} > tol {tol:.1e}; "
            f"largest difference {abs(analytic[worst] - numerical[worst]):.3e} at index "
            f"{tuple(int(i) for i in worst)}: analytic {analytic[worst]:.6g}, "
            f"numerical {numerical[worst]:.6g}")
    return error
