"""What the losses share: input checks (through :mod:`nnlib.validation`), an exp that
cannot overflow, and the cast of results to the caller's dtype.

Private to :mod:`nnlib.losses`: every public loss checks its inputs with :func:`_pair`
(or :func:`_array`), computes in float64 (with :func:`nnlib.activations.sigmoid` and
:func:`nnlib.activations.softplus`, the one stable version of each) and returns arrays
through :func:`_cast`.

Examples
--------
>>> _exp_neg(np.array([-1000.0, -1.0, 0.0])).round(4).tolist()
[0.0, 0.3679, 1.0]
"""

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnlib.validation import check_finite, real_array

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
    array = real_array(x, name, kinds=kinds).astype(np.float64)
    check_finite(array, name)
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
