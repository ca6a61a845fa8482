"""Answer checks for the book's exercises.

Each check prints one line that tells the reader whether an answer is right and, if
not, where it first goes wrong; it also returns ``True``/``False`` so tests can use it.
Checks never raise on a wrong answer: a broken attempt is part of learning.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

__all__ = ["check", "check_function", "check_number", "report", "CheckResult", "EXERCISES"]

OK, NOT_YET = "✓ Correct", "✗ Not yet"


class CheckResult:
    """Outcome of a check: truthy when right; its repr is the message shown."""

    def __init__(self, ok: bool, message: str) -> None:
        self.ok = bool(ok)
        self.message = message

    def __bool__(self) -> bool:
        return self.ok

    def __repr__(self) -> str:
        return self.message


def report(ok: bool, message: str) -> CheckResult:
    """Print "✓ Correct: message" or "✗ Not yet: message" and return it as a CheckResult:
    how every exercise check answers (chapters' checks in :mod:`nnlib.exercises` too).

    Examples
    --------
    >>> report(False, "w must be a number.").ok
    ✗ Not yet: w must be a number.
    False
    """
    result = CheckResult(ok, f"{OK if ok else NOT_YET}: {message}")
    print(result.message)
    return result


def check_function(
    answer: Callable, expected: Callable, points, *, name: str = "your function",
    rtol: float = 1e-6, atol: float = 1e-9,
) -> CheckResult:
    """Compare an elementwise function with the reference at the given points.

    Parameters
    ----------
    answer : callable
        The reader's function, called once on the array of points.
    expected : callable
        The reference, e.g. ``nnlib.activations.tanh_grad``.
    points : array_like, shape (n,)
        Where to compare.
    name : str
        How to call the answer in the message.

    Examples
    --------
    >>> from nnlib.activations import relu
    >>> _ = check_function(lambda z: np.maximum(z, 0), relu, [-1.0, 2.0], name="my_relu")
    ✓ Correct: my_relu matches at all 2 points.
    """
    if not callable(answer):
        return report(False, f"{name} must be a function, got {type(answer).__name__}.")
    z = np.asarray(points, dtype=float)
    try:
        with np.errstate(all="ignore"):
            got = np.asarray(answer(z.copy()), dtype=float)
    except Exception as exc:  # the reader's code may fail: say how, do not raise
        return report(False, f"calling {name} raised {type(exc).__name__}: {exc}")
    want = np.asarray(expected(z), dtype=float)
    if got.shape != want.shape:
        return report(False, f"{name} returned shape {got.shape}, expected {want.shape}.")
    close = np.isclose(got, want, rtol=rtol, atol=atol)
    if close.all():
        return report(True, f"{name} matches at all {z.size} points.")
    i = int(np.argmax(np.where(close, 0.0, np.abs(got - want))))  # the worst point
    return report(False, f"at z = {z.flat[i]:.4g}, {name} gives {got.flat[i]:.6g}, "
                          f"expected {want.flat[i]:.6g}.")


def check_number(answer, expected: float, *, name: str = "your answer", tol: float = 1e-2) -> CheckResult:
    """Compare a numeric answer with the expected value (relative tolerance `tol`).

    Examples
    --------
    >>> _ = check_number(None, 4.6)
    ✗ Not yet: replace None with a number.
    >>> _ = check_number(4.6, 4.595)
    ✓ Correct: your answer = 4.6 (expected 4.595).
    """
    if answer is None:
        return report(False, "replace None with a number.")
    if isinstance(answer, np.ndarray) and answer.size == 1:
        answer = answer.reshape(()).item()  # e.g. sigmoid(...) of a scalar: a 0-d array
    if isinstance(answer, bool) or not isinstance(answer, (int, float, np.floating, np.integer)):
        return report(False, f"{name} must be a number, got {type(answer).__name__}.")
    ok = bool(np.isclose(float(answer), expected, rtol=tol, atol=tol * 1e-3))
    hint = f"{name} = {float(answer):.4g} (expected {expected:.4g})." if ok else (
        f"{name} = {float(answer):.4g} is {'too large' if answer > expected else 'too small'}.")
    return report(ok, hint)


def _exercise_registry() -> dict[str, Callable]:
    """Every chapter's checks, from the modules of :mod:`nnlib.exercises` (one per chapter)."""
    import importlib
    import pkgutil

    import nnlib.exercises

    registry: dict[str, Callable] = {}
    for info in sorted(pkgutil.iter_modules(nnlib.exercises.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"nnlib.exercises.{info.name}")
        clash = set(registry) & set(module.EXERCISES)
        if clash:
            raise RuntimeError(f"exercise labels defined twice: {sorted(clash)}")
        registry.update(module.EXERCISES)
    return registry


class _Registry(dict):
    """A dict filled on first use, so ``import nnlib.checks`` stays cheap."""

    def _load(self):
        if not super().__len__():
            self.update(_exercise_registry())

    def __getitem__(self, key):
        self._load()
        return super().__getitem__(key)

    def __contains__(self, key):
        self._load()
        return super().__contains__(key)

    def __iter__(self):
        self._load()
        return super().__iter__()

    def __len__(self):
        self._load()
        return super().__len__()


#: Checks by exercise label (the ``:label:`` of the exercise in the chapter). The expected
#: answers live in ``nnlib/exercises/<chapter>.py``, out of the reader's way.
EXERCISES: dict[str, Callable] = _Registry()


def check(label: str, answer) -> CheckResult:
    """Check the answer to the exercise with this label and print the verdict.

    Parameters
    ----------
    label : str
        The exercise's label, e.g. ``"ex-act-saturation"``.
    answer : object
        What the exercise asks for: a number, a function, ...

    Examples
    --------
    >>> _ = check("ex-act-dead-relu", 1.0)
    ✓ Correct: dead_fraction = 1 (expected 1).
    """
    if label not in EXERCISES:
        raise ValueError(f"unknown exercise {label!r}; expected one of: {', '.join(sorted(EXERCISES))}")
    return EXERCISES[label](answer)
