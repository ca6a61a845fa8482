r"""Losses for two classes: binary cross-entropy from probabilities or from logits, and
the lecture's logistic loss with labels in {-1, +1}.

With ŷ = σ(z): :math:`\ell = -y \log \hat{y} - (1 - y) \log(1 - \hat{y})` for labels 0/1,
and :math:`\ell = \log(1 + e^{-\tilde y z})` for labels ỹ = ±1 (the book's ỹ = 2y − 1; the
argument is still called ``y``) and the pre-activation z = wᵀx + b. From logits
both are exact (softplus, no clipping); from probabilities ŷ is clipped to ``EPS``.
"""

import numpy as np
from numpy.typing import ArrayLike

from nnlib.activations import sigmoid, softplus
from nnlib.losses._common import Array, Float64, _cast, _divisor, _pair
from nnlib.validation import check_real

EPS = 1e-12  # binary_cross_entropy clips y_hat and 1 - y_hat to >= EPS: log never sees 0


def _probabilities(y_hat: ArrayLike, y: ArrayLike,
                   reduction: str) -> tuple[Float64, Float64, Float64, int]:
    """Checked (p = y_hat, q = 1 - y_hat, both clipped to at least EPS, y, divisor)."""
    y_hat, y, divisor = _pair(y_hat, y, "y_hat", (0, 1), reduction)
    if ((y_hat < 0) | (y_hat > 1)).any():
        raise ValueError(f"y_hat must hold probabilities in [0, 1], "
                         f"got {y_hat[(y_hat < 0) | (y_hat > 1)][0]:g}")
    return np.maximum(y_hat, EPS), np.maximum(1.0 - y_hat, EPS), y, divisor


def binary_cross_entropy(y_hat: ArrayLike, y: ArrayLike, reduction: str = "mean") -> float:
    r"""Binary cross-entropy of predicted probabilities `y_hat` against labels 0/1.

    .. math:: \ell(\mathbf{x}, y) = -y \log(\hat{y}) - (1 - y) \log(1 - \hat{y})

    Both ŷ and 1 - ŷ are clipped to at least ``EPS = 1e-12``, so a confident wrong
    prediction costs -log(1e-12) ≈ 27.6 instead of -log 0 = inf. Given the logit z,
    prefer :func:`binary_cross_entropy_with_logits`: it is exact, with no clipping.

    Parameters
    ----------
    y_hat : array_like, shape (n,), (n, k) or scalar
        Predicted probabilities p(y = 1 | x), in [0, 1].
    y : array_like, same shape, labels 0 or 1
    reduction : {"mean", "sum"}, default "mean"

    Returns
    -------
    float, ≥ 0

    Notes
    -----
    Introduced in the chapter *Training a neuron: loss and gradient descent*.

    Examples
    --------
    >>> round(binary_cross_entropy([0.8, 0.4], [1, 0]), 4)  # (-log 0.8 - log 0.6) / 2
    0.367
    """
    p, q, y, divisor = _probabilities(y_hat, y, reduction)
    return float((-y * np.log(p) - (1 - y) * np.log(q)).sum() / divisor)


def binary_cross_entropy_grad(y_hat: ArrayLike, y: ArrayLike, reduction: str = "mean") -> Array:
    r"""Gradient of :func:`binary_cross_entropy` with respect to `y_hat` (the lecture's).

    .. math:: \frac{\partial \ell}{\partial \hat{y}} = \frac{1 - y}{1 - \hat{y}} - \frac{y}{\hat{y}}

    divided by n for "mean", evaluated with ŷ and 1 - ŷ clipped as in the loss.

    Examples
    --------
    >>> float(binary_cross_entropy_grad(0.8, 1))  # -1 / 0.8
    -1.25
    """
    p, q, y, divisor = _probabilities(y_hat, y, reduction)
    return _cast(((1 - y) / q - y / p) / divisor, y_hat)


def binary_cross_entropy_with_logits(z: ArrayLike, y: ArrayLike, reduction: str = "mean") -> float:
    r"""Binary cross-entropy of :math:`\hat{y} = \sigma(z)`, computed from the logit `z`.

    .. math:: \ell = -y \log \sigma(z) - (1 - y) \log(1 - \sigma(z)) = \log(1 + e^{z}) - y z

    No clipping is needed. With y in {0, 1} the right-hand side is
    :math:`\log(1 + e^{(1 - 2y) z})`, which we compute like ``np.logaddexp(0, ·)``, as
    max(t, 0) + log(1 + e^{-|t|}): exact for every z, with no cancellation in "- y z".

    Parameters
    ----------
    z : array_like, shape (n,), (n, k) or scalar
        Logits, the sigmoid output's pre-activations.
    y : array_like, same shape, labels 0 or 1
    reduction : {"mean", "sum"}, default "mean"

    Returns
    -------
    float, ≥ 0

    Notes
    -----
    Introduced in the chapter *Training a neuron: loss and gradient descent*.

    Examples
    --------
    >>> binary_cross_entropy_with_logits([1e4, -1e4], [1, 0])  # sigma(z) rounds to 1, 0
    0.0
    """
    z, y, divisor = _pair(z, y, "z", (0, 1), reduction)
    return float(softplus((1 - 2 * y) * z).sum() / divisor)


def binary_cross_entropy_with_logits_grad(z: ArrayLike, y: ArrayLike,
                                          reduction: str = "mean") -> Array:
    r"""Gradient of :func:`binary_cross_entropy_with_logits` with respect to `z`.

    .. math:: \frac{\partial \ell}{\partial z}
              = \frac{\partial \ell}{\partial \hat{y}}\, \hat{y}(1 - \hat{y}) = \sigma(z) - y

    (the lecture's chain rule, simplified), divided by n for "mean". Computed as
    (1 - 2y) σ((1 - 2y) z), which stays accurate where σ(z) - 1 would cancel.

    Examples
    --------
    >>> binary_cross_entropy_with_logits_grad([0.0, 0.0], [1, 0])
    array([-0.25,  0.25])
    """
    z_, y, divisor = _pair(z, y, "z", (0, 1), reduction)
    sign = 1 - 2 * y  # +1 for y = 0, -1 for y = 1
    with np.errstate(under="ignore"):  # a gradient below 1e-308 rounds to 0: harmless
        return _cast(sign * sigmoid(sign * z_) / divisor + 0.0, z)  # + 0.0: no -0.0


def binary_cross_entropy_with_logits_with_grad(
        z: ArrayLike, y: ArrayLike, reduction: str = "mean", *, scale: float = 1.0,
        check_input: bool = True) -> tuple[float, Array]:
    r""":func:`binary_cross_entropy_with_logits` and `scale` times its gradient, in one pass.

    .. math:: L = \frac{1}{n} \sum_i \text{softplus}(u_i), \qquad
              \frac{\partial L}{\partial z_i} = \frac{1}{n}(1 - 2y_i)\,\sigma(u_i),
              \qquad u_i = (1 - 2y_i) z_i

    The same numbers as the two functions (with ``scale=1``), from one softplus and one
    sigmoid of the same u. ``MLP`` with a sigmoid output trains with it.

    Parameters
    ----------
    z : array_like, shape (n,), (n, k) or scalar
        Logits.
    y : array_like, same shape, labels 0 or 1
    reduction : {"mean", "sum"}, default "mean"
    scale : float, default 1.0
        A factor for the gradient only: a training step passes its learning rate, and
        gets the step lr · dL/dz directly.
    check_input : bool, default True
        False skips every check, for arrays the caller has checked already: finite float
        logits `z` and labels `y` (ints or floats, 0 or 1) of the same shape.

    Returns
    -------
    loss : float
    grad : ndarray, shape of `z`; float32 for float32 `z`, else float64

    Notes
    -----
    Introduced in the chapter *Training a neuron: loss and gradient descent*.

    Examples
    --------
    >>> binary_cross_entropy_with_logits_with_grad([0.0, 0.0], [1, 0])
    (0.6931471805599453, array([-0.25,  0.25]))
    """
    if check_input:
        z_, y, divisor = _pair(z, y, "z", (0, 1), reduction)
        scale = check_real(scale, "scale")
    else:
        z_, divisor = z, _divisor(reduction, len(z) if np.ndim(z) else 1)
    sign = 1.0 - 2.0 * y  # +1 for y = 0, -1 for y = 1
    u = sign * z_
    loss = float(softplus(u).sum() / divisor)
    with np.errstate(under="ignore"):  # a gradient below 1e-308 rounds to 0: harmless
        return loss, _cast(sign * sigmoid(u) * (scale / divisor) + 0.0, z)  # no -0.0


def logistic_loss(scores: ArrayLike, y: ArrayLike, reduction: str = "sum") -> float:
    r"""The lecture's logistic-regression objective for labels ±1 (a sum, by default).

    .. math:: \sum_i -\log \frac{1}{1 + \exp(-\tilde y_i z_i)} = \sum_i \log(1 + \exp(-\tilde y_i z_i)),
              \qquad z_i = \mathbf{w}^T \mathbf{x}_i

    with labels :math:`\tilde y_i = \pm 1` (passed as ``y``). It equals
    :func:`binary_cross_entropy_with_logits` with labels (ỹ + 1) / 2.

    Parameters
    ----------
    scores : array_like, shape (n,) or scalar
        Pre-activations z = w^T x (+ b).
    y : array_like, same shape, labels ỹ = -1 or +1
    reduction : {"sum", "mean"}, default "sum"

    Returns
    -------
    float, ≥ 0

    Notes
    -----
    Introduced in the chapter *Logistic regression*.

    Examples
    --------
    >>> round(logistic_loss([0.0, 0.0], [1, -1]), 4)  # 2 log 2
    1.3863
    """
    s, y, divisor = _pair(scores, y, "scores", (-1, 1), reduction)
    return float(softplus(-y * s).sum() / divisor)


def logistic_loss_grad(scores: ArrayLike, y: ArrayLike, reduction: str = "sum") -> Array:
    r"""Gradient of :func:`logistic_loss` with respect to the scores.

    .. math:: \frac{\partial \ell_i}{\partial z_i} = -\tilde y_i\, \sigma(-\tilde y_i z_i)

    (divided by n for "mean"); times x_i it is the example's gradient in w.

    Examples
    --------
    >>> logistic_loss_grad([0.0, 0.0], [1, -1])
    array([-0.5,  0.5])
    """
    s, y, divisor = _pair(scores, y, "scores", (-1, 1), reduction)
    with np.errstate(under="ignore"):  # a gradient below 1e-308 rounds to 0: harmless
        return _cast(-y * sigmoid(-y * s) / divisor + 0.0, scores)  # + 0.0: no -0.0


def logistic_loss_with_grad(scores: ArrayLike, y: ArrayLike, reduction: str = "sum", *,
                            check_input: bool = True) -> tuple[float, Array]:
    r""":func:`logistic_loss` and :func:`logistic_loss_grad` in one pass.

    With the negated margin :math:`u_i = -\tilde y_i z_i`: :math:`\ell_i = \text{softplus}(u_i)` and
    :math:`\partial \ell_i / \partial z_i = -\tilde y_i\, \sigma(u_i)`, from one u.
    ``LogisticRegression`` trains with it.

    Parameters
    ----------
    scores : array_like, shape (n,) or scalar
    y : array_like, same shape, labels -1 or +1
    reduction : {"sum", "mean"}, default "sum"
    check_input : bool, default True
        False skips every check, for arrays the caller has checked already: finite float
        scores and labels -1.0/+1.0 of the same shape.

    Returns
    -------
    loss : float
    grad : ndarray, shape of `scores`; float32 for float32 scores, else float64

    Notes
    -----
    Introduced in the chapter *Logistic regression*.

    Examples
    --------
    >>> loss, grad = logistic_loss_with_grad([0.0, 0.0], [1, -1])
    >>> round(loss, 4), grad  # 2 log 2; -y σ(0)
    (1.3863, array([-0.5,  0.5]))
    """
    if check_input:
        s, y, divisor = _pair(scores, y, "scores", (-1, 1), reduction)
    else:
        s, divisor = scores, _divisor(reduction, len(scores) if np.ndim(scores) else 1)
    u = -y * s  # the margin, negated: the loss of row i is softplus(u_i)
    loss = float(softplus(u).sum() / divisor)
    with np.errstate(under="ignore"):  # a gradient below 1e-308 rounds to 0: harmless
        return loss, _cast(-y * sigmoid(u) / divisor + 0.0, scores)  # + 0.0: no -0.0
