"""Binary labels in the two conventions the book meets: {0, 1} and {-1, +1}.

The book writes y ∈ {0, 1} (then ŷ = σ(z) is p(y = 1 | x) and the loss gradient is
(ŷ − y) x); the lecture's logistic-regression slides write t ∈ {−1, +1} (then the likelihood
is σ(t z) in one expression). ``t = 2y − 1`` converts one into the other.

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
    """Labels y ∈ {0, 1} as t = 2y − 1 ∈ {−1, +1}.

    Parameters
    ----------
    y : array_like of shape (n,)
        Labels 0 and 1.

    Returns
    -------
    ndarray of int64, shape (n,)

    Examples
    --------
    >>> to_pm1([0, 1, 1]).tolist()
    [-1, 1, 1]
    """
    return 2 * _labels(y, "y", (0, 1)) - 1


def to_01(t: ArrayLike) -> NDArray[np.int64]:
    """Labels t ∈ {−1, +1} as y = (t + 1) / 2 ∈ {0, 1}.

    Parameters
    ----------
    t : array_like of shape (n,)
        Labels −1 and +1.

    Returns
    -------
    ndarray of int64, shape (n,)

    Examples
    --------
    >>> to_01([-1, 1, -1]).tolist()
    [0, 1, 0]
    """
    return (_labels(t, "t", (-1, 1)) + 1) // 2
