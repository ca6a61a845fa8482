"""Binary labels in the two conventions the book meets: {0, 1} and {-1, +1}.

The book writes y ∈ {0, 1} (then ŷ = σ(z) is p(y = 1 | x) and the loss gradient is
(ŷ − y) x). The logistic-regression chapter, like the lecture's slides, uses labels −1 and +1
(then the likelihood is σ(ỹ z) in one expression); the book writes them ỹ ("y tilde"), because
t is the step of gradient descent, and code names them ``y_pm``. ``ỹ = 2y − 1`` converts one
into the other.

Notes
-----
Introduced in the logistic-regression chapter, where the book switches convention.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["to_pm1", "to_01"]


def _labels(values: ArrayLike, name: str, allowed: tuple[int, int]) -> NDArray:
    try:
        arr = np.asarray(values)
    except ValueError:  # ragged nested lists
        raise ValueError(f"{name} must be a 1-D array of labels, got a ragged sequence") from None
    if arr.dtype == bool or not (np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.floating)):
        raise ValueError(f"{name} must hold numbers {allowed[0]} and {allowed[1]}, got dtype {arr.dtype}")
    if arr.ndim != 1:
        raise ValueError(f"{name} must be a 1-D array of labels, got shape {arr.shape}")
    bad = ~np.isin(arr, allowed)
    if bad.any():
        raise ValueError(f"{name} must hold only {allowed[0]} and {allowed[1]}, got {arr[bad][0]!r} "
                         f"at index {int(np.flatnonzero(bad)[0])}")
    return arr.astype(np.int64)


def to_pm1(y: ArrayLike) -> NDArray[np.int64]:
    """Labels y ∈ {0, 1} as ỹ = 2y − 1 ∈ {−1, +1}.

    Parameters
    ----------
    y : array_like of shape (n,)
        Labels 0 and 1.

    Returns
    -------
    y_pm : ndarray of int64, shape (n,)
        The labels ỹ = 2y − 1: −1 where y is 0, +1 where y is 1.

    Notes
    -----
    Introduced in the chapter *Logistic regression*; :func:`to_01` converts back.

    Examples
    --------
    >>> to_pm1([0, 1, 1]).tolist()
    [-1, 1, 1]
    """
    return 2 * _labels(y, "y", (0, 1)) - 1


def to_01(y_pm: ArrayLike) -> NDArray[np.int64]:
    """Labels ỹ ∈ {−1, +1} as y = (ỹ + 1) / 2 ∈ {0, 1}.

    Parameters
    ----------
    y_pm : array_like of shape (n,)
        Labels ỹ: −1 and +1.

    Returns
    -------
    y : ndarray of int64, shape (n,)
        The labels 0 (where ỹ is −1) and 1 (where ỹ is +1).

    Notes
    -----
    Introduced in the chapter *Logistic regression*; the inverse of :func:`to_pm1`.

    Examples
    --------
    >>> to_01([-1, 1, -1]).tolist()
    [0, 1, 0]
    """
    return (_labels(y_pm, "y_pm", (-1, 1)) + 1) // 2
