r"""The L2 penalty λ/2 ‖w‖² and its gradient λ w: maximum a posteriori with a Gaussian
prior on the weights, the lecture's MAP = L2.
"""

import numpy as np
from numpy.typing import ArrayLike

from nnlib.losses._common import Array, Float64, _array, _cast
from nnlib.validation import check_real


def _l2_terms(w: ArrayLike | dict[str, ArrayLike], lam: float) -> dict[str, Float64]:
    """{name: checked float64 array}; the key "" stands for a plain array `w`."""
    check_real(lam, "lam", low=0.0)
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
    with np.errstate(under="ignore"):  # the square of a weight below 1e-154 is 0: harmless
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
    with np.errstate(under="ignore"):  # λ times a subnormal weight may round to 0: harmless
        if not isinstance(w, dict):
            return _cast(lam * terms[""], w)
        return {key: _cast(lam * a, w[key]) for key, a in terms.items()}
