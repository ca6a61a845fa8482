r"""Losses as single nodes of a scalar graph, with the lecture's local derivatives.

Each loss is one :class:`~nnlib.autodiff.value.Value` whose parents are the prediction (ŷ, the
logit z, or the k logits f) and whose local derivatives are the lecture's formulas:

- :func:`binary_cross_entropy`: ℓ = -y log ŷ - (1 - y) log(1 - ŷ), ∂ℓ/∂ŷ = (1-y)/(1-ŷ) - y/ŷ
- :func:`binary_cross_entropy_with_logits`: the same loss on z, ∂ℓ/∂z = ŷ - y
- :func:`cross_entropy`: softmax cross-entropy, ∂ℓ/∂f_j = p_j - [j = y]

All are numerically stable (softplus, shifted softmax) and raise ValueError rather than
return an infinite loss. The label y is a constant, not a node.

Notes
-----
Introduced in the chapter *Backpropagation*; :mod:`nnlib.losses` holds the array versions.
"""

import math
from collections.abc import Sequence
from numbers import Integral

from nnlib.activations import sigmoid, softplus
from nnlib.autodiff.value import Value
from nnlib.validation import real_number

__all__ = ["binary_cross_entropy", "binary_cross_entropy_with_logits", "cross_entropy"]


def _sigmoid(t: float) -> float:
    return float(sigmoid(t))  # nnlib's one stable sigmoid, on one number


def _softplus(t: float) -> float:
    return float(softplus(t))


def _label_in_01(y: object, name: str = "y") -> float:
    y = real_number(y, name)
    if not 0.0 <= y <= 1.0:
        raise ValueError(f"{name} must be a label in [0, 1] (0 or 1 for hard labels), got {y:g}")
    return y


def binary_cross_entropy(y_hat: Value, y: float, label: str = "loss") -> Value:
    r"""The lecture's loss node ℓ = -y log ŷ - (1 - y) log(1 - ŷ), with one parent ŷ.

    .. math:: \frac{\partial \ell}{\partial \hat y} = \frac{1 - y}{1 - \hat y} - \frac{y}{\hat y}

    If `y_hat` is a sigmoid node, ŷ = σ(z), the logit z is read from it and
    log ŷ = -softplus(-z), log(1 - ŷ) = -softplus(z), 1 - ŷ = σ(-z) are computed without
    rounding ŷ first: the loss is finite for every z, and the derivative for |z| < ~709
    (beyond that 1/(1 - ŷ) overflows: ValueError, use
    :func:`binary_cross_entropy_with_logits`). Otherwise ŷ must be in [0, 1], and a
    probability of exactly 0 for the label (ŷ = 0 with y > 0, or ŷ = 1 with y < 1) raises
    ValueError naming the node. Terms with weight 0 (y = 0 or y = 1) are skipped.

    Parameters
    ----------
    y_hat : Value, the predicted probability of y = 1
    y : float in [0, 1], the label (a constant, not a node)
    label : str, default "loss"

    Notes
    -----
    Introduced in the chapter *Backpropagation*.

    Examples
    --------
    >>> y_hat = Value(2.0, label="z").sigmoid(label="y_hat")
    >>> loss = binary_cross_entropy(y_hat, 1)
    >>> loss.backward(); loss, y_hat  # ∂ℓ/∂ŷ = -1/ŷ
    (Value(data=0.1269, grad=1, label='loss'), Value(data=0.8808, grad=-1.135, label='y_hat'))
    """
    if not isinstance(y_hat, Value):
        raise TypeError(f"y_hat must be a Value, got {type(y_hat).__name__}")
    y = _label_in_01(y)
    parents = y_hat.parents
    if y_hat.op == "sigmoid" and len(parents) == 1 and _sigmoid(parents[0].data) == y_hat.data:
        z = parents[0].data  # ŷ = σ(z): work with z itself
        p, q, log_p, log_q = _sigmoid(z), _sigmoid(-z), -_softplus(-z), -_softplus(z)
        problem = f"ŷ = σ(z) saturated at z = {z:.4g}, so ∂ℓ/∂ŷ overflows; differentiate " \
                  "with respect to z instead: binary_cross_entropy_with_logits(z, y)"
    else:
        p = y_hat.data
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"y_hat must be a probability in [0, 1], {y_hat.name} is {p:g}")
        q = 1.0 - p
        log_p, log_q = (math.log(p) if p > 0 else -math.inf), (math.log(q) if q > 0 else -math.inf)
        problem = f"the probability of the label hit 0 ({y_hat.name} is {p:g}, y = {y:g}), " \
                  "so the loss is infinite; compute it from logits instead"
    loss = slope = 0.0
    if y > 0:
        loss, slope = loss - y * log_p, slope - (y / p if p > 0 else math.inf)
    if y < 1:
        loss, slope = loss - (1 - y) * log_q, slope + ((1 - y) / q if q > 0 else math.inf)
    if not (math.isfinite(loss) and math.isfinite(slope)):
        raise ValueError(f"binary_cross_entropy: {problem}")
    return Value.from_op(f"bce(y={y:g})", (y_hat,), loss, (slope,), label)


def binary_cross_entropy_with_logits(z: Value, y: float, label: str = "loss") -> Value:
    r"""BCE of ŷ = σ(z) as one node on the logit z: stable for every z.

    .. math:: \ell = \text{softplus}(z) - y z, \qquad
              \frac{\partial \ell}{\partial z} = \sigma(z) - y = \hat y - y

    the lecture's simplification of (∂ℓ/∂ŷ)(∂ŷ/∂z). `y` is a label in [0, 1].

    Notes
    -----
    Introduced in the chapter *Backpropagation*.

    Examples
    --------
    >>> z = Value(1e4, label="z")
    >>> loss = binary_cross_entropy_with_logits(z, 0)
    >>> loss.backward(); loss, z
    (Value(data=1e+04, grad=1, label='loss'), Value(data=1e+04, grad=1, label='z'))
    """
    if not isinstance(z, Value):
        raise TypeError(f"z must be a Value, got {type(z).__name__}")
    y = _label_in_01(y)  # y softplus(-z) + (1-y) softplus(z) = softplus(z) - y z, both finite
    loss = y * _softplus(-z.data) + (1 - y) * _softplus(z.data)
    return Value.from_op(f"bce_with_logits(y={y:g})", (z,), loss, (_sigmoid(z.data) - y,), label)


def cross_entropy(logits: Sequence[Value], y: int, label: str = "loss") -> Value:
    r"""Softmax cross-entropy as one node with the k logits f as parents.

    .. math:: \ell = -\log \text{softmax}(\mathbf f)_y = \log \sum_j e^{f_j} - f_y, \qquad
              \frac{\partial \ell}{\partial f_j} = p_j - [j = y]

    with p = softmax(f) shifted by max f, so nothing overflows. `y` is an int in 0..k-1.

    Notes
    -----
    Introduced in the chapter *Backpropagation*.

    Examples
    --------
    >>> f = [Value(2.0, label="f1"), Value(0.0, label="f2")]
    >>> loss = cross_entropy(f, 0)
    >>> loss.backward(); [round(v.grad, 4) for v in f]  # p - one_hot(y)
    [-0.1192, 0.1192]
    """
    if isinstance(logits, Value) or not isinstance(logits, Sequence) \
            or not all(isinstance(f, Value) for f in logits):
        raise TypeError("logits must be a list of Values, one per class")
    k = len(logits)
    if k < 2:
        raise ValueError(f"logits must hold k >= 2 classes, got {k}")
    if isinstance(y, bool) or not isinstance(y, Integral) or not 0 <= y < k:
        raise ValueError(f"y must be an int class label in 0..{k - 1}, got {y!r}")
    top = max(range(k), key=lambda j: logits[j].data)
    e = [math.exp(f.data - logits[top].data) for f in logits]  # in (0, 1], e[top] = 1
    rest = math.fsum(e) - 1.0  # Σ_{j≠top} e_j, exactly as fsum rounds it
    p = [ej / (1.0 + rest) for ej in e]
    loss = (logits[top].data - logits[y].data) + math.log1p(rest)  # no cancellation
    return Value.from_op(f"cross_entropy(y={int(y)})", tuple(logits), loss,
                         tuple(pj - (j == y) for j, pj in enumerate(p)), label)
