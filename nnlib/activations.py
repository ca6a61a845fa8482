r"""Activation functions, each with its derivative right beside it, in course order.

Every function takes a Python scalar or array_like ``z`` of real numbers (the
pre-activation in ``h = σ(W x + b)``) and returns an ndarray of the same shape:
float32 stays float32, any other int or float input gives float64. NaN passes through
as NaN, and ±inf gives the limit value without numpy warnings.
"""

from collections.abc import Callable
from dataclasses import dataclass
import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnlib.validation import check_real, real_array

__all__ = ["step", "step_grad", "sigmoid", "sigmoid_grad", "softplus", "tanh", "tanh_grad",
           "relu", "relu_grad", "leaky_relu", "leaky_relu_grad", "identity", "identity_grad",
           "Activation", "ACTIVATIONS", "get_activation"]


def _as_real_array(z: ArrayLike, name: str = "z") -> NDArray[np.floating]:
    """``z`` as an array: float32 if it was float32, else float64; TypeError if not real."""
    array = real_array(z, name)
    return array.astype(np.float32 if array.dtype == np.float32 else np.float64, copy=False)


def _check_alpha(alpha: float) -> float:
    """``alpha`` as a Python float (keeps float32 arrays float32); ValueError unless in [0, 1)."""
    return check_real(alpha, "alpha", low=0.0, high=1.0, high_open=True)


def _exp_nonpositive(t: NDArray[np.floating]) -> NDArray[np.floating]:
    """exp(t) for t <= 0 (NaN passes), set to 0 where it would fall below the dtype's
    smallest normal number: no overflow, no underflow, for float32 and float64 alike."""
    tiny = np.finfo(t.dtype).tiny  # smallest normal float
    cutoff = np.log(tiny) + 1  # about -707 (float64), -86 (float32)
    return np.where(t < cutoff, 0.0, np.exp(np.clip(t, cutoff, 0.0))).astype(t.dtype, copy=False)


def step(z: ArrayLike) -> NDArray[np.floating]:
    r"""Step function, elementwise: 1 where z > 0, else 0.

    .. math:: \sigma(x) = \begin{cases} 1 & \text{if } x > 0 \\ 0 & \text{otherwise} \end{cases}

    Parameters
    ----------
    z : array_like of real numbers, any shape

    Returns
    -------
    ndarray, same shape as `z`, values in {0, 1}

    Notes
    -----
    Introduced in the chapter *Activation functions*.

    Examples
    --------
    >>> step([-2.0, 0.0, 3.0])
    array([0., 0., 1.])
    """
    # sign(max(z, 0)): 1 where z > 0, 0 elsewhere (z = 0 included), NaN stays NaN. The same
    # values as np.heaviside(z, 0.0), 5-9 times faster (numpy has no fast loop for it)
    return np.asarray(np.sign(np.maximum(_as_real_array(z), 0.0)))


def step_grad(z: ArrayLike) -> NDArray[np.floating]:
    r"""Derivative of :func:`step`: 0 everywhere we evaluate it; same shape as `z`.

    The true derivative is 0 for z ≠ 0 and undefined at the jump z = 0 (we return 0).
    A gradient that is zero everywhere tells gradient descent nothing: that is why the
    step function cannot be trained by gradient descent.

    Notes
    -----
    Introduced in the chapter *Activation functions*.

    Examples
    --------
    >>> step_grad([-2.0, 0.0, 3.0])
    array([0., 0., 0.])
    """
    z = _as_real_array(z)
    return np.where(np.isnan(z), z, np.zeros_like(z))


def sigmoid(z: ArrayLike) -> NDArray[np.floating]:
    r"""Logistic sigmoid, a soft step, elementwise.

    .. math:: \text{sigmoid}(x) = \frac{1}{1 + \exp(-x)}

    Two branches, so that ``np.exp`` only sees arguments ≤ 0 and cannot overflow:
    1 / (1 + e) for z ≥ 0 and e / (1 + e) for z < 0, where e = exp(-|z|). Where e
    would underflow (|z| > 707 in float64) it is set to 0, so sigmoid(±inf) = 1 or 0.

    Parameters
    ----------
    z : array_like of real numbers, any shape

    Returns
    -------
    ndarray, same shape as `z`, values in [0, 1]

    Notes
    -----
    Introduced in the chapter *Activation functions*.

    Examples
    --------
    >>> float(sigmoid(0.0))
    0.5
    >>> np.round(sigmoid([-1.0, 1.0, 1e4]), 4)
    array([0.2689, 0.7311, 1.    ])
    """
    z = _as_real_array(z)
    e = _exp_nonpositive(-np.abs(z))  # NaN stays NaN through clip and exp
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_grad(z: ArrayLike) -> NDArray[np.floating]:
    r"""Derivative of :func:`sigmoid`, elementwise; same shape as `z`.

    .. math:: \sigma'(x) = \sigma(x)\,(1 - \sigma(x)) = \sigma(x)\,\sigma(-x)

    We compute the second form: 1 - σ(z) cancels to 0 for z > 37, σ(-z) does not.

    Notes
    -----
    Introduced in the chapter *Activation functions*.

    Examples
    --------
    >>> float(sigmoid_grad(0.0))
    0.25
    """
    z = _as_real_array(z)
    return np.asarray(sigmoid(z) * sigmoid(-z))


def softplus(z: ArrayLike) -> NDArray[np.floating]:
    r"""Softplus, a smooth ReLU, elementwise; its derivative is :func:`sigmoid`.

    .. math:: \text{softplus}(x) = \log(1 + e^{x}) = \max(x, 0) + \log(1 + e^{-|x|})

    The right-hand form never exponentiates a positive number, so it is finite for every
    finite z and exact where log(1 + e^x) would round e^x to inf or 1 + e^x to 1. The
    losses use it: -log σ(z) = softplus(-z) and -log(1 - σ(z)) = softplus(z). It is not
    in ``ACTIVATIONS`` (no widget offers it as a hidden unit).

    Parameters
    ----------
    z : array_like of real numbers, any shape

    Returns
    -------
    ndarray, same shape as `z`, values in [0, inf]

    Notes
    -----
    Introduced in the chapter *Logistic regression* (the loss from logits).

    Examples
    --------
    >>> softplus([-1000.0, 0.0, 1000.0]).round(4).tolist()
    [0.0, 0.6931, 1000.0]
    """
    z = _as_real_array(z)
    return np.maximum(z, 0.0) + np.log1p(_exp_nonpositive(-np.abs(z)))


def tanh(z: ArrayLike) -> NDArray[np.floating]:
    r"""Hyperbolic tangent, elementwise.

    .. math:: \tanh(x) = \frac{1 - \exp(-2x)}{1 + \exp(-2x)} = 2\,\sigma(2x) - 1

    The lecture's formula overflows for x < -355, so we call ``np.tanh``.

    Parameters
    ----------
    z : array_like of real numbers, any shape

    Returns
    -------
    ndarray, same shape as `z`, values in [-1, 1]

    Notes
    -----
    Introduced in the chapter *Activation functions*.

    Examples
    --------
    >>> np.round(tanh([-1.0, 0.0, 1.0]), 4)
    array([-0.7616,  0.    ,  0.7616])
    """
    return np.asarray(np.tanh(_as_real_array(z)))


def tanh_grad(z: ArrayLike) -> NDArray[np.floating]:
    r"""Derivative of :func:`tanh`, elementwise; same shape as `z`.

    .. math:: \tanh'(x) = 1 - \tanh^2(x) = \frac{4 e^{-2|x|}}{(1 + e^{-2|x|})^2}

    The lecture's form 1 - tanh² is computed from tanh rounded to the nearest float, so
    for large |x| it loses every digit (tanh x rounds to ±1 beyond |x| ≈ 19 in float64,
    and 1 - tanh² to 0); the right-hand form, sech² x, keeps full relative precision up
    to |x| ≈ 354, where e^{-2|x|} leaves the normal floats and the result is set to 0.

    Notes
    -----
    Introduced in the chapter *Activation functions*.

    Examples
    --------
    >>> float(tanh_grad(0.0))
    1.0
    """
    z = _as_real_array(z)
    e = _exp_nonpositive(-2.0 * np.abs(z))  # e^{-2|z|} in (0, 1]; NaN stays NaN
    return np.asarray(4.0 * e / ((1.0 + e) * (1.0 + e)))


def relu(z: ArrayLike) -> NDArray[np.floating]:
    r"""Rectified linear unit, elementwise.

    .. math:: \text{ReLU}(x) = \max(x, 0)

    Parameters
    ----------
    z : array_like of real numbers, any shape

    Returns
    -------
    ndarray, same shape as `z`, values in [0, inf]

    Notes
    -----
    Introduced in the chapter *Activation functions*.

    Examples
    --------
    >>> relu([-2.0, 0.0, 3.0])
    array([0., 0., 3.])
    """
    return np.asarray(np.maximum(_as_real_array(z), 0.0))


def relu_grad(z: ArrayLike) -> NDArray[np.floating]:
    r"""Derivative of :func:`relu`: 1 where z > 0, else 0; same shape as `z`.

    It is undefined at the kink z = 0; like most libraries we use 0 there, which
    makes relu_grad exactly :func:`step`.

    Notes
    -----
    Introduced in the chapter *Activation functions*.

    Examples
    --------
    >>> relu_grad([-2.0, 0.0, 3.0])
    array([0., 0., 1.])
    """
    return step(z)


def leaky_relu(z: ArrayLike, alpha: float = 0.01) -> NDArray[np.floating]:
    r"""Leaky ReLU, elementwise: z where z > 0, else alpha * z.

    .. math:: \text{LeakyReLU}(x) = \max(x, \alpha x), \qquad 0 \le \alpha < 1

    Parameters
    ----------
    z : array_like of real numbers, any shape
    alpha : float in [0, 1), default 0.01
        Slope for z ≤ 0; it keeps the gradient non-zero there. alpha = 0 is ReLU.

    Returns
    -------
    ndarray, same shape as `z`

    Notes
    -----
    Introduced in the chapter *Activation functions*.

    Examples
    --------
    >>> leaky_relu([-2.0, 0.0, 3.0], alpha=0.1)
    array([-0.2,  0. ,  3. ])
    """
    z, alpha = _as_real_array(z), _check_alpha(alpha)
    if alpha == 0.0:
        return relu(z)  # avoids 0 * (-inf) = nan
    with np.errstate(under="ignore"):  # alpha times a subnormal z may round to 0: harmless
        return np.where(z > 0, z, alpha * z)


def leaky_relu_grad(z: ArrayLike, alpha: float = 0.01) -> NDArray[np.floating]:
    r"""Derivative of :func:`leaky_relu`: 1 where z > 0, else alpha (also at z = 0).

    Notes
    -----
    Introduced in the chapter *Activation functions*.

    Examples
    --------
    >>> leaky_relu_grad([-2.0, 0.0, 3.0], alpha=0.1)
    array([0.1, 0.1, 1. ])
    """
    z, alpha = _as_real_array(z), _check_alpha(alpha)
    slope = np.where(z > 0, 1.0, alpha).astype(z.dtype)
    return np.where(np.isnan(z), z, slope)


def identity(z: ArrayLike) -> NDArray[np.floating]:
    r"""The identity, elementwise: no activation at all, a *linear* layer.

    .. math:: \operatorname{id}(x) = x

    A network whose hidden layers all use it is one affine map, however deep (the
    lecture's "why do we need a nonlinear activation?"); it is here so that the chapter
    and its widgets can show that with the same :class:`~nnlib.mlp.MLP`.

    Parameters
    ----------
    z : array_like of real numbers, any shape

    Returns
    -------
    ndarray, same shape as `z`, a copy (float64, or float32 for float32 input)

    Notes
    -----
    Introduced in the chapter *Multilayer perceptrons*.

    Examples
    --------
    >>> identity([-2.0, 0.0, 3.0])
    array([-2.,  0.,  3.])
    """
    return np.array(_as_real_array(z), copy=True)


def identity_grad(z: ArrayLike) -> NDArray[np.floating]:
    r"""Derivative of :func:`identity`: 1 everywhere (NaN stays NaN); same shape as `z`.

    Notes
    -----
    Introduced in the chapter *Multilayer perceptrons*.

    Examples
    --------
    >>> identity_grad([-2.0, 0.0, 3.0])
    array([1., 1., 1.])
    """
    z = _as_real_array(z)
    return np.where(np.isnan(z), z, np.ones_like(z))


@dataclass(frozen=True)
class Activation:
    """An activation `f`, its derivative `df`, their LaTeX formulas and the range of `f`.

    Calling an Activation calls `f`. ``ACTIVATIONS`` feeds widget dropdowns.

    Examples
    --------
    >>> ACTIVATIONS["sigmoid"]
    Activation('sigmoid', range=(0, 1))
    >>> float(ACTIVATIONS["sigmoid"](0.0))
    0.5
    """

    name: str
    f: Callable[..., NDArray[np.floating]]
    df: Callable[..., NDArray[np.floating]]
    formula: str  # LaTeX for f, as the lecture writes it
    derivative: str  # LaTeX for f'
    output_range: tuple[float, float]

    def __call__(self, z: ArrayLike, **params: float) -> NDArray[np.floating]:
        return self.f(z, **params)

    def __repr__(self) -> str:
        low, high = self.output_range
        return f"Activation({self.name!r}, range=({low:g}, {high:g}))"


_CASES = r"\begin{cases} 1 & \text{if } x > 0 \\ %s & \text{otherwise} \end{cases}"

ACTIVATIONS: dict[str, Activation] = {a.name: a for a in [
    Activation("step", step, step_grad, r"\sigma(x) = " + _CASES % "0",
               r"\sigma'(x) = 0 \text{ for } x \neq 0 \text{ (undefined at } x = 0)",
               (0.0, 1.0)),
    Activation("sigmoid", sigmoid, sigmoid_grad, r"\text{sigmoid}(x) = \frac{1}{1 + \exp(-x)}",
               r"\sigma'(x) = \sigma(x)\,(1 - \sigma(x))", (0.0, 1.0)),
    Activation("tanh", tanh, tanh_grad, r"\tanh(x) = \frac{1 - \exp(-2x)}{1 + \exp(-2x)}",
               r"\tanh'(x) = 1 - \tanh^2(x)", (-1.0, 1.0)),
    Activation("relu", relu, relu_grad, r"\text{ReLU}(x) = \max(x, 0)",
               r"\text{ReLU}'(x) = " + _CASES % "0", (0.0, np.inf)),
    Activation("leaky_relu", leaky_relu, leaky_relu_grad,
               r"\text{LeakyReLU}(x) = \max(x, \alpha x)",
               r"\text{LeakyReLU}'(x) = " + _CASES % r"\alpha", (-np.inf, np.inf)),
    Activation("identity", identity, identity_grad, r"\operatorname{id}(x) = x",
               r"\operatorname{id}'(x) = 1", (-np.inf, np.inf)),
]}


def get_activation(name: str) -> Activation:
    """The :class:`Activation` called `name` in ``ACTIVATIONS``.

    Raises ``TypeError`` if `name` is not a str, ``ValueError`` (listing the valid
    names) if it is unknown.

    Notes
    -----
    Introduced in the chapter *Activation functions*.

    Examples
    --------
    >>> get_activation("tanh")
    Activation('tanh', range=(-1, 1))
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, got {type(name).__name__}")
    if name not in ACTIVATIONS:
        raise ValueError(f"unknown activation {name!r}; "
                         f"expected one of: {', '.join(ACTIVATIONS)}")
    return ACTIVATIONS[name]
