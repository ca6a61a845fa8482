"""Answer checks for the book's exercises.

Every check prints one line and returns a :class:`CheckResult` (truthy when right):

* ``✎ Your turn: ...`` while the answer is still ``None`` (an invitation, not an error);
* ``✓ Correct: ...`` for a right answer;
* ``✗ Not yet: ...`` otherwise. A malformed answer (a string, NaN, the wrong shape, nnlib's
  own function) is told what is wrong with its *form*. A well-formed wrong answer gets the
  message of the **named mistake** it matches (a flipped sign, a missing 1/n, ±1 vs 0/1
  labels, a transposed matrix, ...) or else the exercise's one fixed "not yet" message. A
  message never depends on how far, or in which direction, an answer is from the expected
  one, so nothing can be found by bisection.

Checks never raise on a wrong answer: a broken attempt is part of learning. Answers taken
from nnlib itself are refused by identity and by module (:func:`library_name`); a reader's
own wrapper around them (``lambda z: tanh_grad(z)``) is not detected.
"""

from __future__ import annotations

import functools
import math
import numbers
import sys
from typing import Callable, Iterable

import numpy as np

__all__ = ["check", "check_function", "check_number", "report", "your_turn", "library_name",
           "CheckResult", "EXERCISES"]

OK, NOT_YET, YOUR_TURN = "✓ Correct", "✗ Not yet", "✎ Your turn"
NOT_YET_DEFAULT = "this is not the answer yet. Re-read the question and the hint, then try again."


class CheckResult:
    """Outcome of a check: truthy when right; ``status`` is "correct", "not yet" or
    "unanswered"; its repr is the message shown."""

    def __init__(self, ok: bool, message: str, status: str | None = None) -> None:
        self.ok = bool(ok)
        self.status = status or ("correct" if ok else "not yet")
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


def your_turn(message: str) -> CheckResult:
    """Print "✎ Your turn: message" for an answer not given yet (still ``None``).

    Examples
    --------
    >>> your_turn("set x to your answer and run this cell.").status
    ✎ Your turn: set x to your answer and run this cell.
    'unanswered'
    """
    result = CheckResult(False, f"{YOUR_TURN}: {message}", status="unanswered")
    print(result.message)
    return result


def library_name(answer) -> str | None:
    """The dotted name of `answer` if it comes from nnlib (its module, or the module of the
    class or function it is bound to, or an object nnlib exports), else ``None``.

    Examples
    --------
    >>> from nnlib.activations import tanh_grad
    >>> library_name(tanh_grad), library_name(np.tanh)
    ('nnlib.activations.tanh_grad', None)
    """
    target = answer.func if isinstance(answer, functools.partial) else answer
    target = getattr(target, "__func__", target)  # a bound method: its function
    candidates = [target] if callable(target) and hasattr(target, "__qualname__") else []
    candidates.append(type(target))  # a callable instance: its class
    for obj in candidates:
        module = getattr(obj, "__module__", None) or ""
        if module == "nnlib" or module.startswith("nnlib."):
            return f"{module}.{obj.__qualname__}"
    for name, module in list(sys.modules.items()):  # re-exported objects defined elsewhere
        if (name == "nnlib" or name.startswith("nnlib.")) and module is not None:
            for public in getattr(module, "__all__", ()):
                if getattr(module, public, None) is target:
                    return f"{name}.{public}"
    return None


def _refused(answer, name: str, what: str) -> CheckResult | None:
    origin = library_name(answer)
    if origin is None:
        return None
    return report(False, f"{name} is nnlib's own {origin}; the exercise asks for {what}.")


def _scalar(answer):
    """A plain Python number from a one-element array or numpy scalar; anything else as is."""
    if isinstance(answer, np.ndarray) and answer.size == 1 and answer.dtype.kind in "iuf":
        return answer.reshape(()).item()
    if isinstance(answer, (np.integer, np.floating)):
        return answer.item()
    return answer


def check_number(answer, expected: float, *, name: str = "your answer", decimals: int | None = None,
                 whole: bool = False, between: tuple[float, float] | None = None,
                 mistakes: Iterable[tuple[float, str]] = (),
                 not_yet: str = NOT_YET_DEFAULT, tol: float | None = None) -> CheckResult:
    """Check a numeric answer.

    Parameters
    ----------
    answer : object
        The reader's answer; ``None`` means "not answered yet".
    expected : float
        The exact value.
    name : str
        The answer's variable name, for the messages.
    decimals : int, optional
        The precision the question asks for: right when it rounds to `expected`, i.e.
        within half a unit of the last decimal asked. Without it (and without `whole`)
        the answer must be `expected` to 1e-9.
    whole : bool
        The question asks for a whole number: right only when equal to `expected`.
    between : (float, float), optional
        The range any answer must lie in (e.g. a fraction), said when it does not.
    mistakes : iterable of (value, message)
        Named mistakes: an answer equal to `value` (at the same precision) gets `message`.
    not_yet : str
        The one message for any other wrong answer.
    tol : float, optional
        The accepted distance from `expected` (and from each named mistake) when it is wider
        than half a unit of the last decimal: a hand calculation that rounds its intermediate
        values moves the answer by more (e.g. a difference of two larger terms).

    Examples
    --------
    >>> _ = check_number(None, 4.585, name="z", decimals=2)
    ✎ Your turn: set z to your answer (a number, to 2 decimals) and run this cell.
    >>> _ = check_number(4.58, 4.585, name="z", decimals=2)
    ✓ Correct: z = 4.58.
    >>> _ = check_number(-4.58, 4.585, name="z", decimals=2, mistakes=[(-4.585, "z > 0.")])
    ✗ Not yet: z > 0.
    """
    asked = "a whole number" if whole else f"a number, to {decimals} decimals" if decimals else "a number"
    if answer is None:
        return your_turn(f"set {name} to your answer ({asked}) and run this cell.")
    answer = _scalar(answer)
    if isinstance(answer, str):
        return report(False, f"{name} is the text {answer!r}; give {asked}, without quotes.")
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        return report(False, f"{name} must be {asked}, got {type(answer).__name__}.")
    try:
        value = float(answer)
    except OverflowError:  # an int beyond float's range
        value = math.inf if answer > 0 else -math.inf
    if math.isnan(value):
        return report(False, f"{name} is nan, which is not a number; give {asked}.")
    atol = 0.5 * 10.0 ** -decimals + 1e-12 if decimals else 1e-9
    if tol is not None:
        atol = max(atol, tol + 1e-12)

    def near(target: float) -> bool:
        if math.isinf(target) or math.isinf(value):
            return value == target
        return abs(value - target) <= (atol if decimals else atol * max(1.0, abs(target)))

    for target, message in mistakes:
        if near(target):
            return report(False, message)
    if math.isinf(value):
        return report(False, f"{name} is infinite; give {asked}.")
    if between and not between[0] <= value <= between[1]:
        return report(False, f"{name} must be between {between[0]:g} and {between[1]:g}.")
    if whole and value != round(value):
        return report(False, f"{name} = {value:g}; the question asks for {asked}.")
    if near(expected) and (not whole or value == expected):
        return report(True, f"{name} = {answer}." if isinstance(answer, int) else f"{name} = {value:.6g}.")
    if decimals and value == round(expected, decimals - 1):
        return report(False, f"{name} = {value:g} is rounded too far: give {decimals} decimals.")
    return report(False, not_yet)


def check_function(answer: Callable, expected: Callable, points, *, name: str = "your function",
                   mistakes: Iterable[tuple[Callable, str]] = (), not_yet: str = NOT_YET_DEFAULT,
                   rtol: float = 1e-6, atol: float = 1e-9) -> CheckResult:
    """Check an elementwise function against the reference at the given points.

    Parameters
    ----------
    answer : callable
        The reader's function, called once on (a copy of) the array of points. A function
        that still returns ``None`` is not answered yet; nnlib's own functions are refused.
    expected : callable
        The reference, e.g. ``nnlib.activations.tanh_grad``.
    points : array_like, shape (n,)
        Where to compare.
    name : str
        How to call the answer in the message.
    mistakes : iterable of (callable, message)
        Named mistakes: an answer matching the callable at every point gets `message`.
    not_yet : str
        The one message for any other wrong answer.

    Examples
    --------
    >>> from nnlib.activations import relu
    >>> _ = check_function(np.fabs, np.abs, [-1.0, 2.0], name="my_abs")
    ✓ Correct: my_abs matches at all 2 points.
    >>> _ = check_function(relu, relu, [-1.0, 2.0], name="my_relu")
    ✗ Not yet: my_relu is nnlib's own nnlib.activations.relu; the exercise asks for your own function.
    """
    if answer is None:
        return your_turn(f"define {name} and run this cell.")
    if not callable(answer):
        return report(False, f"{name} must be a function, got {type(answer).__name__}.")
    refused = _refused(answer, name, "your own function")
    if refused is not None:
        return refused
    z = np.asarray(points, dtype=float)
    try:
        with np.errstate(all="ignore"):
            raw = answer(z.copy())
    except Exception as exc:  # the reader's code may fail: say how, do not raise
        return report(False, f"calling {name} raised {type(exc).__name__}: {exc}")
    if raw is None:
        return your_turn(f"{name} still returns None: replace None with your formula and run this cell.")
    try:
        got = np.array(raw, dtype=float)
    except (TypeError, ValueError):
        return report(False, f"{name} must return numbers, got {type(raw).__name__}.")
    if got.shape != z.shape:
        return report(False, f"{name} returned shape {got.shape} for input of shape {z.shape}; "
                             f"it should act elementwise and keep the shape.")
    if not np.isfinite(got).all():
        i = int(np.argmin(np.isfinite(got)))
        return report(False, f"{name} returns {got[i]}, which is not a finite number, at z = {z[i]:.4g}.")
    with np.errstate(all="ignore"):
        if np.allclose(got, np.asarray(expected(z), dtype=float), rtol=rtol, atol=atol):
            return report(True, f"{name} matches at all {z.size} points.")
        for mistake, message in mistakes:
            if np.allclose(got, np.asarray(mistake(z), dtype=float), rtol=rtol, atol=atol):
                return report(False, message)
    return report(False, not_yet)


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
    ✓ Correct: dead_fraction = 1.
    """
    if label not in EXERCISES:
        raise ValueError(f"unknown exercise {label!r}; expected one of: {', '.join(sorted(EXERCISES))}")
    return EXERCISES[label](answer)
