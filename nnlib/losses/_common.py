"""What the losses share: input checks, and exp, sigmoid and softplus that cannot overflow.

Private to :mod:`nnlib.losses`: every public loss checks its inputs with :func:`_pair`
(or :func:`_array`), computes in float64 with these helpers and returns arrays through
:func:`_cast`.

Examples
--------
>>> _softplus(np.array([-1000.0, 0.0, 1000.0])).round(4).tolist()  # log(1 + e^z)
[0.0, 0.6931, 1000.0]
>>> _sigmoid(np.array([-1000.0, 0.0, 1000.0]))
array([0. , 0.5, 1. ])
"""

import numpy as np
from numpy.typing import ArrayLike, NDArray

_FLUSH = -600.0  # exp(t) < exp(-600) ≈ 1e-261 is set to 0: no later step can underflow
_TINY32 = float(np.finfo(np.float32).tiny)  # smallest normal float32, ≈ 1.2e-38
Array = NDArray[np.floating]
Float64 = NDArray[np.float64]


def _dtype(x: ArrayLike) -> type:
    """float32 if `x` is float32, else float64: the dtype of a gradient with respect to `x`."""
    return np.float32 if np.asarray(x).dtype == np.float32 else np.float64


def _cast(a: Float64, x: ArrayLike) -> Array:
    """`a` (float64) in the dtype of a gradient for `x`, as a new array.

    Before a cast to float32, magnitudes below float32's smallest normal number (≈ 1.2e-38,
    e.g. exp(-100) ≈ 3.7e-44) are set to 0, so the cast cannot underflow.
    """
    if _dtype(x) is np.float64:
        return a.astype(np.float64)
    return np.where(np.abs(a) < _TINY32, 0.0, a).astype(np.float32)


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
