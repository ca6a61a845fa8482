r"""Softmax and cross-entropy for k classes, from the logits F.

The lecture's k-class output: :math:`p_j = e^{f_j} / \sum_l e^{f_l}` and
:math:`\ell = -\sum_j y_j \log p_j`, computed from F minus its row max so that no
exp overflows, with labels as integers (n,) or as one-hot or probability rows (n, k).
:func:`logsumexp` is the normaliser (the log-sum-exp trick), its gradient softmax.
:func:`softmax_grad` and :func:`log_softmax_grad` carry an upstream gradient back to F.
:func:`cross_entropy_with_grad` gives the loss and dL/dF from one softmax; with
``check_input=False, overwrite_F=True`` it is the MLP's training step.
"""

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnlib.losses._common import Array, Float64, _array, _cast, _divisor, _exp_neg
from nnlib.validation import check_real


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


def _shifted_with_upstream(F: ArrayLike, G: ArrayLike) -> tuple[Float64, Float64, Float64]:
    """(t, s) of F as in _shifted, and G checked: real, finite, of F's shape."""
    t, s = _shifted(F)
    G = _array(G, "G")
    if G.shape != t.shape:
        raise ValueError(f"G must have the same shape as F {t.shape}, got shape {G.shape}")
    return t, s, G


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
    return _cast(_exp_neg(t) / s, F)


def softmax_grad(F: ArrayLike, G: ArrayLike) -> Array:
    r"""Gradient through :func:`softmax`: dL/dF from the logits F and G = dL/dP.

    The Jacobian of p = softmax(f) and, row by row, the vector-Jacobian product:

    .. math:: \frac{\partial p_i}{\partial f_j} = p_i (\delta_{ij} - p_j), \qquad
              \frac{\partial L}{\partial f_j} = \sum_{i=1}^k g_i\, p_i (\delta_{ij} - p_j)
              = p_j \Big(g_j - \sum_{i=1}^k g_i p_i\Big)

    Parameters
    ----------
    F : array_like, shape (n, k), or (k,) for one example
        Logits f.
    G : array_like, same shape as `F`
        Upstream gradient g = dL/dP of some scalar L with respect to P = softmax(F).

    Returns
    -------
    ndarray, same shape as `F`; float32 for float32 `F`, else float64
        dL/dF; each row sums to 0.

    Notes
    -----
    Introduced in the chapter *Softmax and cross-entropy*.

    Examples
    --------
    >>> softmax_grad([0.0, np.log(3.0)], [1.0, 0.0])  # dp_0/df with p = (1/4, 3/4)
    array([ 0.1875, -0.1875])
    """
    t, s, G = _shifted_with_upstream(F, G)
    P = _exp_neg(t) / s
    with np.errstate(under="ignore"):  # a tiny p_j times a tiny g_j is 0: harmless
        return _cast(P * (G - (G * P).sum(axis=-1, keepdims=True)), F)


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
    return _cast(t - np.log(s), F)


def log_softmax_grad(F: ArrayLike, G: ArrayLike) -> Array:
    r"""Gradient through :func:`log_softmax`: dL/dF from the logits F and G = dL/d(log P).

    With :math:`\partial \log p_i / \partial f_j = \delta_{ij} - p_j`, row by row:

    .. math:: \frac{\partial L}{\partial f_j} = \sum_{i=1}^k g_i (\delta_{ij} - p_j)
              = g_j - p_j \sum_{i=1}^k g_i

    With g = -y (one-hot) this is the cross-entropy gradient p - y.

    Parameters
    ----------
    F : array_like, shape (n, k), or (k,) for one example
        Logits f.
    G : array_like, same shape as `F`
        Upstream gradient g = dL/d(log P) with respect to log P = log_softmax(F).

    Returns
    -------
    ndarray, same shape as `F`; float32 for float32 `F`, else float64

    Notes
    -----
    Introduced in the chapter *Softmax and cross-entropy*.

    Examples
    --------
    >>> log_softmax_grad([0.0, np.log(3.0)], [-1.0, 0.0])  # p - y for y = (1, 0)
    array([-0.75,  0.75])
    """
    t, s, G = _shifted_with_upstream(F, G)
    with np.errstate(under="ignore"):  # a tiny p_j times a tiny sum of g is 0: harmless
        return _cast(G - _exp_neg(t) / s * G.sum(axis=-1, keepdims=True), F)


def logsumexp(F: ArrayLike) -> Array:
    r"""Log-sum-exp of each row of logits, computed without overflow; shape (n,) or ().

    .. math:: \operatorname{lse}(\mathbf{f}) = \log \sum_{i=1}^k \exp f_i
              = c + \log \sum_{i=1}^k \exp(f_i - c), \quad c = \max_i f_i

    Every exp after the shift is at most 1 and one of them is exactly 1, so the sum lies in
    [1, k]: no overflow, no log(0). It is the normaliser of softmax,
    :math:`\log p_j = f_j - \operatorname{lse}(\mathbf{f})`, so the cross-entropy of a
    label y is :math:`\operatorname{lse}(\mathbf{f}) - f_y`.

    Parameters
    ----------
    F : array_like, shape (n, k), or (k,) for one example
        Logits f.

    Returns
    -------
    ndarray, shape (n,), or shape () for one example; float32 for float32 `F`

    Notes
    -----
    Introduced in the chapter *k classes: softmax and cross-entropy*. Its gradient,
    :func:`logsumexp_grad`, is softmax.

    Examples
    --------
    >>> round(float(logsumexp([1000.0, 1000.0])), 4)  # 1000 + log 2; log(sum(exp(f))) is inf
    1000.6931
    """
    t, s = _shifted(F)  # t = F - c row by row, s = sum of exp(t) in [1, k]
    c = np.asarray(F, dtype=np.float64).max(axis=-1)
    return _cast(np.asarray(c + np.log(s[..., 0])), F)


def logsumexp_grad(F: ArrayLike, g: ArrayLike) -> Array:
    r"""Gradient through :func:`logsumexp`: dL/dF from the logits F and g = dL/d lse, row by row.

    .. math:: \frac{\partial \operatorname{lse}(\mathbf{f})}{\partial f_j}
              = \frac{\exp f_j}{\sum_{i=1}^k \exp f_i} = \text{softmax}(\mathbf{f})_j,
              \qquad \frac{\partial L}{\partial f_j} = g\, p_j

    Parameters
    ----------
    F : array_like, shape (n, k), or (k,) for one example
        Logits f.
    g : array_like, shape (n,), or a number for one example
        Upstream gradient dL/d lse of each row.

    Returns
    -------
    ndarray, same shape as `F`

    Notes
    -----
    Introduced in the chapter *k classes: softmax and cross-entropy*.

    Examples
    --------
    >>> logsumexp_grad([0.0, np.log(3.0)], 1.0)  # softmax: (1/4, 3/4)
    array([0.25, 0.75])
    """
    t, s = _shifted(F)
    g = _array(g, "g")
    if g.shape != t.shape[:-1]:
        raise ValueError(f"g must have shape {t.shape[:-1]} (one number per row of F), "
                         f"got shape {g.shape}")
    return _cast(g[..., None] * (_exp_neg(t) / s), F)


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
    return _cast((_exp_neg(t) / s - Y) / divisor, F)


def cross_entropy_with_grad(F: ArrayLike, y: ArrayLike, reduction: str = "mean", *,
                            scale: float = 1.0, check_input: bool = True,
                            overwrite_F: bool = False) -> tuple[float, Array]:
    r""":func:`cross_entropy` and `scale` times :func:`cross_entropy_grad`, from one softmax.

    A training step needs both the loss and dL/dF, and one softmax serves both:

    .. math:: L = \frac{1}{n} \sum_i \big(\log s_i - t_{i y_i}\big), \qquad
              \frac{\partial L}{\partial \mathbf{F}} = \frac{1}{n}(\mathbf{P} - \mathbf{Y}),

    with t = F minus its row max, :math:`s_i = \sum_j \exp t_{ij}` and P = exp(t) / s.
    With the defaults: the same arguments, checks and numbers as the two functions.

    ``MLP`` trains with the fast path, ``check_input=False, overwrite_F=True``: no checks,
    no float64 copy, no temporaries; the logits it no longer needs become the gradient.

    Parameters
    ----------
    F : array_like, shape (n, k)
        Logits.
    y : array_like, shape (n,) of int labels in 0..k-1, or (n, k) of one-hot rows
        (or probability rows summing to 1); int labels only with ``check_input=False``.
    reduction : {"mean", "sum"}, default "mean"
    scale : float, default 1.0
        A factor for the gradient only: a training step passes its learning rate, and
        gets the step lr · dL/dF directly.
    check_input : bool, default True
        False skips every check, for arrays the caller has checked already: `F` a finite
        float32 or float64 ndarray (n, k), `y` int labels (n,) in 0..k-1. The arithmetic
        is then done in F's dtype (float32 stays float32 throughout).
    overwrite_F : bool, default False
        With ``check_input=False``, let the function write the gradient over `F` (and
        return F itself as the gradient) instead of into a new array.

    Returns
    -------
    loss : float
    grad : ndarray, shape (n, k), float32 for float32 `F`, else float64

    Notes
    -----
    Introduced in the chapter *Softmax and cross-entropy*.

    Examples
    --------
    >>> loss, grad = cross_entropy_with_grad([[0.0, np.log(3.0)]], [1])
    >>> round(loss, 4), grad
    (0.2877, array([[ 0.25, -0.25]]))
    >>> F = np.array([[0.0, np.log(3.0)]])
    >>> loss, grad = cross_entropy_with_grad(F, np.array([1]), check_input=False,
    ...                                      overwrite_F=True)
    >>> grad is F, F  # the logits became the gradient
    (True, array([[ 0.25, -0.25]]))
    """
    if not check_input:
        return _fused(F if overwrite_F else F.copy(), y, _divisor(reduction, len(F)), scale)
    t, s, Y, divisor = _targets(F, y, reduction)
    scale = check_real(scale, "scale")
    loss = float(-(Y * (t - np.log(s))).sum() / divisor)
    return loss, _cast((_exp_neg(t) / s - Y) / divisor * scale, F)  # * 1.0 is exact


def _fused(F: Array, y: NDArray[np.intp], divisor: int, scale: float) -> tuple[float, Array]:
    """:func:`cross_entropy_with_grad` on checked inputs, in F's dtype, written over F.

    exp(t) and P / n may round to 0, which is harmless: underflow is ignored here.
    """
    rows = np.arange(len(y))
    with np.errstate(under="ignore"):
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
