r"""Loss functions, each with its gradient right beside it, in course order.

Every loss takes the model's output on a batch of n examples (logits ``F`` or ``z``,
probabilities ``y_hat`` or scores), the labels ``y`` and ``reduction``. As in the lecture
it returns the mean :math:`L = \frac{1}{|D|} \sum_i \ell(\mathbf{x}_i, y_i)` over the
examples (``reduction="mean"``) or their sum (``"sum"``) as a Python float; each
``*_grad`` returns the gradient of exactly that number, shaped like the output (float32
stays float32, anything else gives float64). Outputs of shape (n,), (n, k) or a scalar
(one example) are accepted; with k columns an example's k losses are summed.

Bad inputs raise ``TypeError`` (not real numbers) or ``ValueError`` (NaN or inf, wrong
shape, labels out of range, ...) naming the argument. Logits up to ±1e4 and probabilities
of exactly 0 or 1 give finite values and no numpy warnings, even under
``np.errstate(all="raise")``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from numbers import Real

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["EPS", "softmax", "log_softmax", "cross_entropy", "cross_entropy_grad",
           "cross_entropy_with_grad",
           "binary_cross_entropy", "binary_cross_entropy_grad",
           "binary_cross_entropy_with_logits", "binary_cross_entropy_with_logits_grad",
           "logistic_loss", "logistic_loss_grad", "mse", "mse_grad", "l2_penalty",
           "l2_penalty_grad", "Loss", "LOSSES", "get_loss"]

EPS = 1e-12  # binary_cross_entropy clips y_hat and 1 - y_hat to >= EPS: log never sees 0
_FLUSH = -600.0  # exp(t) < exp(-600) ≈ 1e-261 is set to 0: no later step can underflow
Array = NDArray[np.floating]
Float64 = NDArray[np.float64]


def _dtype(x: ArrayLike) -> type:
    """float32 if `x` is float32, else float64: the dtype of a gradient with respect to `x`."""
    return np.float32 if np.asarray(x).dtype == np.float32 else np.float64


def _array(x: ArrayLike, name: str, kinds: str = "iuf") -> Float64:
    """`x` as a new float64 array; TypeError unless real numbers, ValueError unless finite."""
    array = np.asarray(x)
    if array.dtype.kind not in kinds:  # "iuf" rejects bool, complex, str, object
        raise TypeError(f"{name} must be real numbers (int or float array_like), "
                        f"got dtype {array.dtype}")
    array = array.astype(np.float64)
    if not np.isfinite(array).all():
        where = tuple(int(i) for i in np.argwhere(~np.isfinite(array))[0])
        raise ValueError(f"{name} must contain only finite numbers, "
                         f"got {array[where]} at index {where}")
    return array


def _divisor(reduction: str, n: int) -> int:
    """n for the mean over examples, 1 for the sum."""
    if not isinstance(reduction, str) or reduction not in ("mean", "sum"):
        raise ValueError(f"reduction must be 'mean' or 'sum', got {reduction!r}")
    return n if reduction == "mean" else 1


def _pair(out: ArrayLike, y: ArrayLike, name: str, labels: tuple[int, int] | None = None,
          reduction: str = "mean") -> tuple[Float64, Float64, int]:
    """Checked (output, y, divisor): same shapes, y in `labels` (if given), valid reduction."""
    out, y = _array(out, name), _array(y, "y", "biuf" if labels else "iuf")
    if out.ndim > 2 or out.size == 0:
        raise ValueError(f"{name} must be a scalar, a 1-D array (n,) or a 2-D array (n, k) "
                         f"with at least one example, got shape {out.shape}")
    if y.shape != out.shape:
        raise ValueError(f"y must have the same shape as {name} {out.shape}, got shape {y.shape}")
    if labels is not None and not np.isin(y, labels).all():
        expected = "-1 or +1" if labels == (-1, 1) else "0 or 1"
        hint = " (convert 0/1 labels with 2 * y - 1)" if labels == (-1, 1) else ""
        raise ValueError(f"y must hold labels {expected}, got {y[~np.isin(y, labels)][0]:g}"
                         + hint)
    return out, y, _divisor(reduction, out.shape[0] if out.ndim else 1)


def _exp_neg(t: Float64) -> Float64:
    """exp(t) for t ≤ 0, flushed to 0 below exp(-600) instead of underflowing."""
    return np.where(t < _FLUSH, 0.0, np.exp(np.maximum(t, _FLUSH)))


def _sigmoid(z: Float64) -> Float64:
    """Two-branch sigmoid 1 / (1 + exp(-z)), as in nnlib.activations, built on _exp_neg."""
    e = _exp_neg(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _softplus(z: Float64) -> Float64:
    """log(1 + exp(z)) = max(z, 0) + log(1 + exp(-|z|)), like np.logaddexp(0, z)."""
    return np.maximum(z, 0.0) + np.log1p(_exp_neg(-np.abs(z)))


def _shifted(F: ArrayLike, batch: bool = False) -> tuple[Float64, Float64]:
    """t = F minus its row max (so exp(t) ≤ 1 cannot overflow) and s = Σ_j exp(t_j) ≥ 1."""
    F = _array(F, "F")
    if batch and F.ndim != 2:
        raise ValueError(f"F must be a 2-D array of logits of shape (n, k), got shape {F.shape}")
    if F.ndim not in (1, 2):
        raise ValueError(f"F must be a 1-D (k,) or 2-D (n, k) array of logits, "
                         f"got shape {F.shape}")
    if F.shape[-1] == 0 or (batch and F.shape[0] == 0):
        raise ValueError(f"F must have at least one example and one class, got shape {F.shape}")
    t = F - F.max(axis=-1, keepdims=True)
    return t, _exp_neg(t).sum(axis=-1, keepdims=True)


def softmax(F: ArrayLike) -> Array:
    r"""Softmax of each row of logits: k probabilities that sum to 1.

    .. math:: \text{softmax}(\mathbf{f})_j = \frac{\exp f_j}{\sum_{i=1}^k \exp f_i}
              = \frac{\exp(f_j - c)}{\sum_{i=1}^k \exp(f_i - c)}, \quad c = \max_i f_i

    Subtracting the row max c changes nothing mathematically and keeps every exp ≤ 1.

    Parameters
    ----------
    F : array_like, shape (n, k), or (k,) for one example
        Logits f.

    Returns
    -------
    P : ndarray, same shape as `F`; each row in [0, 1] and summing to 1

    Notes
    -----
    Introduced in the chapter *Softmax and cross-entropy*.

    Examples
    --------
    >>> softmax([0.0, np.log(3.0)])
    array([0.25, 0.75])
    """
    t, s = _shifted(F)
    return (_exp_neg(t) / s).astype(_dtype(F))


def log_softmax(F: ArrayLike) -> Array:
    r"""Logarithm of :func:`softmax`, finite for every finite `F`; same shape and dtype.

    .. math:: \log \text{softmax}(\mathbf{f})_j = (f_j - c) - \log \sum_{i=1}^k \exp(f_i - c)

    Notes
    -----
    Introduced in the chapter *Softmax and cross-entropy*.

    Examples
    --------
    >>> log_softmax([0.0, 1e4])  # log(softmax) would be log(0) = -inf
    array([-10000.,      0.])
    """
    t, s = _shifted(F)
    return (t - np.log(s)).astype(_dtype(F))


def _targets(F: ArrayLike, y: ArrayLike,
             reduction: str) -> tuple[Float64, Float64, Float64, int]:
    """(t, s) of F, targets Y (n, k) from int labels (n,) or checked rows (n, k), divisor."""
    t, s = _shifted(F, batch=True)
    (n, k), y = t.shape, _array(y, "y", "biuf")
    divisor = _divisor(reduction, n)
    if y.shape == (n,):
        if (y != np.round(y)).any():
            raise ValueError(f"y must hold integer class labels, got {y[y != np.round(y)][0]:g}")
        if ((y < 0) | (y >= k)).any():
            raise ValueError(f"y must hold class labels in 0..{k - 1} (F has k = {k} columns), "
                             f"got {y[(y < 0) | (y >= k)][0]:g}")
        return t, s, np.eye(k)[y.astype(np.intp)], divisor
    if y.shape != (n, k):
        raise ValueError(f"y must be integer labels of shape (n,) = {(n,)} or one-hot rows of "
                         f"shape (n, k) = {(n, k)}, got shape {y.shape}")
    sums = y.sum(axis=1)
    if ((y < 0) | (y > 1)).any() or not np.allclose(sums, 1.0, rtol=0.0, atol=1e-6):
        i = int(np.argmax(np.abs(sums - 1.0) + ((y < 0) | (y > 1)).any(axis=1)))
        raise ValueError(f"y rows must be one-hot or probabilities in [0, 1] summing to 1, "
                         f"but row {i} is {np.round(y[i], 6).tolist()}")
    return t, s, y, divisor


def cross_entropy(F: ArrayLike, y: ArrayLike, reduction: str = "mean") -> float:
    r"""Cross-entropy (softmax loss) of logits `F` against labels `y`.

    .. math:: \ell(\mathbf{x}, y) = \sum_{j=1}^k -y_j \log p_j,
              \qquad \mathbf{p} = \text{softmax}(\mathbf{f})

    With an integer label y this is :math:`-\log p_y`. Computed with :func:`log_softmax`
    (the log-sum-exp trick), so no log(0) even where some p_j rounds to 0.

    Parameters
    ----------
    F : array_like, shape (n, k)
        Logits.
    y : array_like, shape (n,) of int labels in 0..k-1, or (n, k) of one-hot rows
        (or probability rows summing to 1).
    reduction : {"mean", "sum"}, default "mean"

    Returns
    -------
    float, ≥ 0

    Notes
    -----
    Introduced in the chapter *Softmax and cross-entropy*.

    Examples
    --------
    >>> round(cross_entropy([[0.0, np.log(3.0)]], [1]), 4)  # -log(3/4)
    0.2877
    """
    t, s, Y, divisor = _targets(F, y, reduction)
    return float(-(Y * (t - np.log(s))).sum() / divisor)


def cross_entropy_grad(F: ArrayLike, y: ArrayLike, reduction: str = "mean") -> Array:
    r"""Gradient of :func:`cross_entropy` with respect to the logits, shape (n, k).

    .. math:: \frac{\partial L}{\partial \mathbf{F}}
              = \frac{1}{n}\,(\text{softmax}(\mathbf{F}) - \mathbf{Y})

    Softmax and cross-entropy fused into one simple, stable step (no 1/n for "sum").

    Examples
    --------
    >>> cross_entropy_grad([[0.0, np.log(3.0)]], [1])
    array([[ 0.25, -0.25]])
    """
    t, s, Y, divisor = _targets(F, y, reduction)
    return ((_exp_neg(t) / s - Y) / divisor).astype(_dtype(F))


def cross_entropy_with_grad(F: ArrayLike, y: ArrayLike,
                            reduction: str = "mean") -> tuple[float, Array]:
    r""":func:`cross_entropy` and :func:`cross_entropy_grad` together, from one softmax.

    A training step needs both the loss and dL/dF, and one softmax serves both:

    .. math:: L = \frac{1}{n} \sum_i \big(\log s_i - t_{i y_i}\big), \qquad
              \frac{\partial L}{\partial \mathbf{F}} = \frac{1}{n}(\mathbf{P} - \mathbf{Y}),

    with t = F minus its row max, :math:`s_i = \sum_j \exp t_{ij}` and P = exp(t) / s.
    Same arguments, checks and numbers as the two separate functions.

    Returns
    -------
    loss : float
    grad : ndarray, shape (n, k), float32 for float32 `F`, else float64

    Notes
    -----
    Introduced in the chapter *Softmax and cross-entropy*. The MLP's training step uses
    the kernel behind it, ``_cross_entropy_with_grad``, which skips the checks, stays in
    the dtype of F and overwrites F with the gradient.

    Examples
    --------
    >>> loss, grad = cross_entropy_with_grad([[0.0, np.log(3.0)]], [1])
    >>> round(loss, 4), grad
    (0.2877, array([[ 0.25, -0.25]]))
    """
    t, s, Y, divisor = _targets(F, y, reduction)
    loss = float(-(Y * (t - np.log(s))).sum() / divisor)
    return loss, ((_exp_neg(t) / s - Y) / divisor).astype(_dtype(F))


def _cross_entropy_with_grad(F: Array, y: NDArray[np.intp], divisor: int,
                             scale: float = 1.0) -> tuple[float, Array]:
    """:func:`cross_entropy_with_grad` for inputs the caller has checked, in place.

    `F` (n, k): finite float32 or float64 logits, **overwritten**: on return it holds the
    gradient, ``scale * (P - Y) / divisor``, and is returned as such. `y` (n,): int labels
    in 0..k-1; `divisor`: n for the mean, 1 for the sum; `scale`: a factor for the gradient
    only (the training step passes its learning rate). No checks, no copies of F and no
    float64 temporaries, so that the MLP's training step can call it on every minibatch
    of logits it owns. exp(t) and P / n may round to 0, which is harmless: call it with
    underflow ignored (numpy's default, and the MLP's).
    """
    rows = np.arange(len(y))
    t = F  # t = F - max_j F_j, row by row: shifted logits, every exp(t) <= 1
    t -= F.max(axis=1, keepdims=True)
    t_y = t[rows, y]  # each example's shifted logit of its label (a copy)
    E = np.exp(t, out=t)  # exp(t), in place
    s = E.sum(axis=1, keepdims=True)  # (n, 1)
    loss = float((np.log(s[:, 0]) - t_y).sum()) / divisor  # -log p_y = log s - t_y
    grad = E
    grad *= (scale / divisor) / s  # scale * P / n, with P = exp(t) / s = softmax(F)
    grad[rows, y] -= scale / divisor  # scale * (P - Y) / n: Y is one-hot at each label
    return loss, grad


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
    return (((1 - y) / q - y / p) / divisor).astype(_dtype(y_hat))


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
    return float(_softplus((1 - 2 * y) * z).sum() / divisor)


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
    return (sign * _sigmoid(sign * z_) / divisor + 0.0).astype(_dtype(z))  # + 0.0: no -0.0


def logistic_loss(scores: ArrayLike, y: ArrayLike, reduction: str = "sum") -> float:
    r"""The lecture's logistic-regression objective for labels ±1 (a sum, by default).

    .. math:: \sum_i -\log \frac{1}{1 + \exp(-y_i s_i)} = \sum_i \log(1 + \exp(-y_i s_i)),
              \qquad s_i = \mathbf{w}^T \mathbf{x}_i

    It equals :func:`binary_cross_entropy_with_logits` with labels (y + 1) / 2.

    Parameters
    ----------
    scores : array_like, shape (n,) or scalar
        Scores s = w^T x (+ b).
    y : array_like, same shape, labels -1 or +1
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
    return float(_softplus(-y * s).sum() / divisor)


def logistic_loss_grad(scores: ArrayLike, y: ArrayLike, reduction: str = "sum") -> Array:
    r"""Gradient of :func:`logistic_loss` with respect to the scores.

    .. math:: \frac{\partial \ell_i}{\partial s_i} = -y_i\, \sigma(-y_i s_i)

    (divided by n for "mean"); times x_i it is the example's gradient in w.

    Examples
    --------
    >>> logistic_loss_grad([0.0, 0.0], [1, -1])
    array([-0.5,  0.5])
    """
    s, y, divisor = _pair(scores, y, "scores", (-1, 1), reduction)
    return (-y * _sigmoid(-y * s) / divisor + 0.0).astype(_dtype(scores))  # + 0.0: no -0.0


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
    return float(0.5 * ((y_hat - y) ** 2).sum() / divisor)


def mse_grad(y_hat: ArrayLike, y: ArrayLike, reduction: str = "mean") -> Array:
    r"""Gradient of :func:`mse` with respect to `y_hat`: (ŷ − y) / n (no 1/n for "sum").

    Examples
    --------
    >>> mse_grad([1.0, 0.0], [0.0, 0.0])
    array([0.5, 0. ])
    """
    p, y, divisor = _pair(y_hat, y, "y_hat", reduction=reduction)
    return ((p - y) / divisor).astype(_dtype(y_hat))


def _l2_terms(w: ArrayLike | dict[str, ArrayLike], lam: float) -> dict[str, Float64]:
    """{name: checked float64 array}; the key "" stands for a plain array `w`."""
    if isinstance(lam, bool) or not isinstance(lam, Real) or not 0.0 <= lam < np.inf:
        raise ValueError(f"lam must be a finite number >= 0, got {lam!r}")
    if isinstance(w, dict):
        return {key: _array(value, f"w[{key!r}]") for key, value in w.items()}
    return {"": _array(w, "w")}


def l2_penalty(w: ArrayLike | dict[str, ArrayLike], lam: float) -> float:
    r"""L2 penalty (weight decay) of the lecture's MAP objective.

    .. math:: \frac{\lambda}{2} \|\mathbf{w}\|_2^2 = \frac{\lambda}{2} \sum_j w_j^2

    Parameters
    ----------
    w : array_like of any shape, or dict of name -> array
        Weights; for a dict the squares of all its arrays are summed.
    lam : float ≥ 0
        Strength λ.

    Returns
    -------
    float, ≥ 0

    Notes
    -----
    Introduced in the chapter *Logistic regression*.

    Examples
    --------
    >>> l2_penalty([3.0, 4.0], lam=0.1)  # 0.1 / 2 * 25
    1.25
    """
    terms = _l2_terms(w, lam)
    return float(0.5 * lam * sum(float((a ** 2).sum()) for a in terms.values()))


def l2_penalty_grad(w: ArrayLike | dict[str, ArrayLike],
                    lam: float) -> Array | dict[str, Array]:
    r"""Gradient of :func:`l2_penalty`: λ w, an array like `w` (a dict for a dict).

    Examples
    --------
    >>> l2_penalty_grad({"W1": np.array([3.0, 4.0])}, lam=0.1)
    {'W1': array([0.3, 0.4])}
    """
    terms = _l2_terms(w, lam)
    if not isinstance(w, dict):
        return (lam * terms[""]).astype(_dtype(w))
    return {key: (lam * a).astype(_dtype(w[key])) for key, a in terms.items()}


@dataclass(frozen=True)
class Loss:
    """A loss `f`, its gradient `grad` (same arguments) and its LaTeX formula.

    Calling a Loss calls `f`. ``LOSSES`` feeds widget dropdowns.

    Examples
    --------
    >>> LOSSES["mse"]
    Loss('mse')
    >>> LOSSES["mse"]([1.0], [0.0])
    0.5
    """

    name: str
    f: Callable[..., float]
    grad: Callable[..., Array]
    formula: str  # LaTeX for the per-example loss, as the lecture writes it

    def __call__(self, output: ArrayLike, y: ArrayLike, **kwargs: str) -> float:
        return self.f(output, y, **kwargs)

    def __repr__(self) -> str:
        return f"Loss({self.name!r})"


LOSSES: dict[str, Loss] = {loss.name: loss for loss in [
    Loss("cross_entropy", cross_entropy, cross_entropy_grad,
         r"\ell(\mathbf{x}, y) = \sum_{j=1}^K -y_j \log p_j"),
    Loss("binary_cross_entropy", binary_cross_entropy, binary_cross_entropy_grad,
         r"\ell(\mathbf{x}, y) = -y \log(\hat{y}) - (1 - y) \log(1 - \hat{y})"),
    Loss("binary_cross_entropy_with_logits", binary_cross_entropy_with_logits,
         binary_cross_entropy_with_logits_grad, r"\ell(\mathbf{x}, y) = \log(1 + e^{z}) - y z"),
    Loss("logistic", logistic_loss, logistic_loss_grad,
         r"\ell(\mathbf{x}_i, y_i) = -\log \frac{1}{1 + \exp(-y_i \mathbf{w}^T \mathbf{x}_i)}"),
    Loss("mse", mse, mse_grad,
         r"\ell(\mathbf{x}, \mathbf{y}) = \tfrac{1}{2} \|\hat{\mathbf{y}} - \mathbf{y}\|^2"),
]}


def get_loss(name: str) -> Loss:
    """The :class:`Loss` called `name` in ``LOSSES``.

    Raises ``TypeError`` if `name` is not a str, ``ValueError`` (listing the valid
    names) if it is unknown.

    Notes
    -----
    Introduced in the chapter *Training a neuron: loss and gradient descent*.

    Examples
    --------
    >>> get_loss("logistic")
    Loss('logistic')
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, got {type(name).__name__}")
    if name not in LOSSES:
        raise ValueError(f"unknown loss {name!r}; expected one of: {', '.join(LOSSES)}")
    return LOSSES[name]
