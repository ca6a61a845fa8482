r"""Argument checks, one place for all of nnlib, so every message reads the same way.

Each public function of nnlib checks its arguments once, where they enter (its
"boundary"), with these helpers; code behind that boundary trusts them. A failed check
raises ``TypeError`` when the *kind* of thing is wrong (a string where numbers belong, a
non-path as a path) and ``ValueError`` when the value is (out of range, NaN, wrong shape),
and the message always names the argument, says what was expected and what came:

    ``seed must be an int >= 0, got -1``
    ``X must be a 2-D array of shape (n, 784) with n >= 1, got shape (784,)``

Plain Python scalars (sizes, seeds, rates) raise ``ValueError`` whatever is wrong with
them, so a caller can catch one exception type for a bad setting.

Notes
-----
Used by every chapter's code; not introduced in a chapter of its own.

Examples
--------
>>> check_int(3, "epochs", 1)
3
>>> check_real(0.5, "lr", low=0, low_open=True)
0.5
>>> real_array([[1, 2], [3, 4]], "X").dtype
dtype('int64')
"""

import math
import os
from numbers import Integral, Real
from pathlib import Path

import numpy as np
from numpy.typing import ArrayLike, DTypeLike, NDArray

__all__ = ["check_int", "check_real", "real_number", "check_choice", "check_bool", "check_callable",
           "check_dtype", "check_path", "real_array", "check_finite", "check_matrix",
           "same_length"]


def _why(why: str) -> str:
    return f" ({why})" if why else ""


def check_int(value: object, name: str, minimum: int = 0, why: str = "", *,
              or_none: str = "") -> int | None:
    """`value` as an int; ValueError unless an integer (not a bool) >= `minimum`.

    Parameters
    ----------
    value : object
        The argument to check.
    name : str
        Its name, for the message.
    minimum : int, default 0
    why : str, optional
        What the number means, added to the message in brackets.
    or_none : str, optional
        If given, None is accepted too (and returned); the text says what None means.

    Examples
    --------
    >>> check_int(None, "batch_size", 1, or_none="full batch") is None
    True
    >>> check_int(0, "batch_size", 1, or_none="full batch")
    Traceback (most recent call last):
    ...
    ValueError: batch_size must be an int >= 1 or None (full batch), got 0
    """
    if or_none and value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, Integral) or value < minimum:
        none = f" or None ({or_none})" if or_none else ""
        raise ValueError(f"{name} must be an int >= {minimum}{none}{_why(why)}, got {value!r}")
    return int(value)


def _interval(low: float, high: float, low_open: bool, high_open: bool) -> str:
    if high == math.inf:
        return f"a finite number {'>' if low_open else '>='} {low:g}"
    if low == -math.inf:
        return f"a finite number {'<' if high_open else '<='} {high:g}"
    return f"a number in {'(' if low_open else '['}{low:g}, {high:g}{')' if high_open else ']'}"


def check_real(value: object, name: str, *, low: float = -math.inf, high: float = math.inf,
               low_open: bool = False, high_open: bool = False, why: str = "",
               or_none: bool = False) -> float | None:
    """`value` as a float; ValueError unless a finite real number (not a bool) in the range.

    The range is [low, high]; `low_open` / `high_open` leave out that end.

    Examples
    --------
    >>> check_real(0.0, "alpha", low=0, high=1, high_open=True)
    0.0
    >>> check_real(float("nan"), "lam", low=0)
    Traceback (most recent call last):
    ...
    ValueError: lam must be a finite number >= 0, got nan
    """
    if or_none and value is None:
        return None
    ok = not isinstance(value, bool) and isinstance(value, Real) and math.isfinite(value)
    if ok:
        ok = (low < value if low_open else low <= value) and \
            (value < high if high_open else value <= high)
    if not ok:
        expected = ("None or " if or_none else "") + _interval(low, high, low_open, high_open)
        raise ValueError(f"{name} must be {expected}{_why(why)}, got {value!r}")
    return float(value)


def real_number(value: object, name: str) -> float:
    """`value` as a finite float; TypeError unless a real number (not a bool), ValueError
    if NaN or inf. For numbers that are data (a node's value), not settings.

    Examples
    --------
    >>> real_number(2, "data")
    2.0
    >>> real_number("2", "data")
    Traceback (most recent call last):
    ...
    TypeError: data must be a real number (int or float), got str
    """
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a real number (int or float), "
                        f"got {type(value).__name__}")
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return float(value)


def check_choice(value: object, name: str, valid: tuple[str, ...] | list[str]) -> str:
    """`value` if it is one of the strings `valid`; ValueError listing them otherwise.

    Examples
    --------
    >>> check_choice("relu", "activation", ("relu", "tanh"))
    'relu'
    >>> check_choice("swish", "activation", ("relu", "tanh"))
    Traceback (most recent call last):
    ...
    ValueError: unknown activation 'swish'; expected one of: relu, tanh
    """
    if not isinstance(value, str) or value not in valid:
        raise ValueError(f"unknown {name} {value!r}; expected one of: {', '.join(valid)}")
    return value


def check_bool(value: object, name: str) -> bool:
    """`value` if it is True or False (numpy's bool too); TypeError otherwise.

    Examples
    --------
    >>> check_bool(np.True_, "flatten")
    True
    """
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {value!r}")
    return bool(value)


def check_callable(value: object, name: str) -> None:
    """TypeError unless `value` can be called.

    Examples
    --------
    >>> check_callable(3, "f")
    Traceback (most recent call last):
    ...
    TypeError: f must be callable, got int
    """
    if not callable(value):
        raise TypeError(f"{name} must be callable, got {type(value).__name__}")


def check_dtype(dtype: DTypeLike, name: str = "dtype",
                valid: tuple[DTypeLike, ...] = (np.float32, np.float64)) -> np.dtype:
    """`dtype` as a numpy dtype; ValueError unless it is one of `valid`.

    ``None`` is refused (numpy would read it as float64), and so is anything numpy cannot
    read as a dtype.

    Examples
    --------
    >>> check_dtype("float32")
    dtype('float32')
    >>> check_dtype("banana")
    Traceback (most recent call last):
    ...
    ValueError: dtype must be float32 or float64, got 'banana'
    """
    valid_dtypes = [np.dtype(v) for v in valid]
    try:
        dt = np.dtype(dtype) if dtype is not None else None
    except TypeError:
        dt = None
    if dt is None or not any(dt == v for v in valid_dtypes):
        names = [v.name for v in valid_dtypes]
        expected = " or ".join(names) if len(names) <= 2 else \
            ", ".join(names[:-1]) + " or " + names[-1]
        raise ValueError(f"{name} must be {expected}, got {dtype!r}")
    return dt


def check_path(path: object, name: str = "path") -> Path:
    """`path` as a :class:`pathlib.Path`; TypeError unless a str or path-like object.

    Examples
    --------
    >>> check_path("models/xor.npz")
    PosixPath('models/xor.npz')
    >>> check_path(3)
    Traceback (most recent call last):
    ...
    TypeError: path must be a str or os.PathLike, got int
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"{name} must be a str or os.PathLike, got {type(path).__name__}")
    return Path(path)


def real_array(x: ArrayLike, name: str, *, kinds: str = "iuf") -> np.ndarray:
    """`x` as an ndarray of real numbers (no copy if it is one already).

    TypeError unless its dtype kind is in `kinds` ("iuf": ints and floats; add "b" to
    accept bools); ValueError for a ragged nested list (rows of different lengths), which
    numpy cannot make into an array of numbers.

    Examples
    --------
    >>> real_array([[0, 1], [1]], "X")
    Traceback (most recent call last):
    ...
    ValueError: X must be a rectangular array of numbers, got a nested sequence whose rows have different lengths
    >>> real_array(["a"], "z")
    Traceback (most recent call last):
    ...
    TypeError: z must be real numbers (int or float array_like), got dtype <U1
    """
    try:
        array = np.asarray(x)
    except ValueError:  # numpy 2: "setting an array element with a sequence ... inhomogeneous"
        raise ValueError(f"{name} must be a rectangular array of numbers, got a nested "
                         f"sequence whose rows have different lengths") from None
    if array.dtype.kind not in kinds:  # "iuf" rejects bool, complex, str, object, datetime
        raise TypeError(f"{name} must be real numbers (int or float array_like), "
                        f"got dtype {array.dtype}")
    return array


def check_finite(array: NDArray, name: str, *, rows: bool = False) -> None:
    """ValueError unless every entry of `array` is finite, naming the first bad one.

    With `rows`, the message gives the row (the example) instead of the full index.

    Examples
    --------
    >>> check_finite(np.array([[0.0, 1.0], [np.nan, 2.0]]), "X", rows=True)
    Traceback (most recent call last):
    ...
    ValueError: X must contain only finite numbers, got NaN or inf in row 1
    """
    if not np.isfinite(array).all():
        where = tuple(int(i) for i in np.argwhere(~np.isfinite(array))[0])
        if rows:
            raise ValueError(f"{name} must contain only finite numbers, got NaN or inf "
                             f"in row {where[0]}")
        raise ValueError(f"{name} must contain only finite numbers, "
                         f"got {array[where]} at index {where}")


def check_matrix(X: ArrayLike, name: str = "X", d: int | None = None, *,
                 finite: bool = True) -> np.ndarray:
    """A data matrix: n >= 1 examples as rows, d columns (any d if None), finite values.

    Returns an ndarray (no copy of an ndarray); the caller converts its dtype.

    Examples
    --------
    >>> check_matrix([1.0, 2.0], "X", d=2)
    Traceback (most recent call last):
    ...
    ValueError: X must be a 2-D array of shape (n, 2) with n >= 1, got shape (2,) (one example x: use x.reshape(1, -1))
    """
    X = real_array(X, name)
    if X.ndim != 2 or X.shape[0] == 0 or (d is not None and X.shape[1] != d):
        hint = " (one example x: use x.reshape(1, -1))" if X.ndim == 1 else ""
        raise ValueError(f"{name} must be a 2-D array of shape (n, {'d' if d is None else d}) "
                         f"with n >= 1, got shape {X.shape}{hint}")
    if finite:
        check_finite(X, name, rows=True)
    return X


def same_length(X: np.ndarray, y: np.ndarray, xname: str = "X", yname: str = "y") -> None:
    """ValueError unless `y` has one entry (or row) per row of `X`.

    Examples
    --------
    >>> same_length(np.zeros((4, 2)), np.zeros(3))
    Traceback (most recent call last):
    ...
    ValueError: X and y must have the same number of examples (rows), got 4 and 3
    """
    if np.ndim(y) == 0 or len(y) != len(X):
        got = np.shape(y)[0] if np.ndim(y) else "a scalar"
        raise ValueError(f"{xname} and {yname} must have the same number of examples "
                         f"(rows), got {len(X)} and {got}")
