"""Checks for the exercises of the chapter *k classes: softmax and cross-entropy*.

Each wrong answer that matches a named mistake gets that mistake's message; any other
wrong answer gets the exercise's one fixed message (see :mod:`nnlib.checks`). A named
mistake here is a formula the chapter discusses (the naive softmax, y − p, the gradient
with respect to p), so naming it gives nothing away.
"""

from __future__ import annotations

import numpy as np

from nnlib.checks import CheckResult, check_number, library_name, report, your_turn
from nnlib.losses import softmax

__all__ = ["EXERCISES", "STABLE_POINTS", "GRAD_SCORES", "GRAD_CLASS"]

#: Where a reader's softmax is tried: small scores, ties, one class, and scores whose
#: exp overflows (1000) or underflows (-1000) in float64, and a spread of 1600.
STABLE_POINTS = ([1.0, 2.0, 3.0], [0.0, 0.0], [-2.0, 0.5, 4.0, 1.0], [7.0],
                 [1000.0, 1001.0, 1002.0], [-1000.0, -1000.0, -999.0], [-800.0, 0.0, 800.0])
_SMALL = 4  # the first four vectors are safe even for the naive formula
STABLE_NOT_YET = ("my_softmax does not match softmax yet. Check it on f = (0, 0): two equal "
                  "scores must give (1/2, 1/2); then on f = (1, 2, 3).")


def check_stable_softmax(answer) -> CheckResult:
    """A reader's softmax of a 1-D array: right on every vector of STABLE_POINTS."""
    if answer is None:
        return your_turn("define my_softmax and run this cell.")
    if not callable(answer):
        return report(False, f"my_softmax must be a function, got {type(answer).__name__}.")
    origin = library_name(answer)
    if origin is not None:
        return report(False, f"my_softmax is nnlib's own {origin}; the exercise asks for your "
                             f"own function, from np.exp and np.max.")
    results = []
    for f in STABLE_POINTS:
        f = np.array(f)
        try:
            with np.errstate(all="ignore"):
                raw = answer(f.copy())
        except Exception as exc:  # the reader's code may fail: say how, do not raise
            return report(False, f"calling my_softmax raised {type(exc).__name__}: {exc}")
        if raw is None:
            return your_turn("my_softmax still returns None: replace None with your formula and "
                             "run this cell.")
        try:
            got = np.array(raw, dtype=float)
        except (TypeError, ValueError):
            return report(False, f"my_softmax must return numbers, got {type(raw).__name__}.")
        if got.shape != f.shape:
            return report(False, f"my_softmax returned shape {got.shape} for scores of shape "
                                 f"{f.shape}: one probability per score.")
        results.append(got)
    small_ok = all(np.allclose(g, softmax(f), rtol=1e-6, atol=1e-9)
                   for g, f in zip(results[:_SMALL], STABLE_POINTS[:_SMALL]))
    large_ok = all(np.isfinite(g).all() and np.allclose(g, softmax(f), rtol=1e-6, atol=1e-9)
                   for g, f in zip(results[_SMALL:], STABLE_POINTS[_SMALL:]))
    if small_ok and large_ok:
        return report(True, f"my_softmax matches softmax on all {len(STABLE_POINTS)} score "
                            f"vectors, including f = (1000, 1001, 1002).")
    if small_ok:
        return report(False, "my_softmax is right for small scores but not for f = (1000, 1001, "
                             "1002), (-1000, -1000, -999) or (-800, 0, 800): exp overflows or "
                             "underflows there. "
                             "Use softmax(f) = softmax(f - c) for a well-chosen c.")
    if all(np.isclose(g.sum(), 1.0) for g in results[:_SMALL]):
        return report(False, STABLE_NOT_YET)
    return report(False, "my_softmax's probabilities do not add up to 1: divide by the sum of "
                         "the exponentials of all the scores.")


#: The gradient exercise: scores f and the true class y (counted from 1).
GRAD_SCORES = np.array([0.5, -1.0, 2.0])
GRAD_CLASS = 2
GRAD_NOT_YET = ("grad is not the gradient yet. Compute p = softmax(f) first, then subtract the "
                "one-hot vector of the true class.")


def check_gradient_p_minus_y(answer) -> CheckResult:
    """dℓ/df of ℓ = −log softmax(f)_y for GRAD_SCORES and class GRAD_CLASS, to 3 decimals."""
    if answer is None:
        return your_turn("set grad to your answer (three numbers, to 3 decimals) and run this cell.")
    if isinstance(answer, (str, bytes)) or np.asarray(answer, dtype=object).dtype.kind == "U":
        return report(False, "grad must be three numbers, not text.")
    try:
        got = np.array(answer, dtype=float)
    except (TypeError, ValueError):
        return report(False, f"grad must be three numbers, got {type(answer).__name__}.")
    if got.shape != (3,):
        return report(False, f"grad must hold one number per class, shape (3,); got shape {got.shape}.")
    if not np.isfinite(got).all():
        return report(False, "grad holds nan or inf, which are not finite numbers.")
    p = softmax(GRAD_SCORES)
    y = np.eye(3)[GRAD_CLASS - 1]

    def near(target):
        return np.all(np.abs(got - target) <= 0.5e-3 + 1e-12)

    if near(p - y):
        return report(True, f"grad = p − y = {np.round(p - y, 3).tolist()}.")
    if near(y - p):
        return report(False, "check the sign: this points uphill. The loss falls when p_y rises.")
    if near(p):
        return report(False, "that is p itself: the one-hot label y is still to be subtracted.")
    for j in range(3):
        if j != GRAD_CLASS - 1 and near(p - np.eye(3)[j]):
            return report(False, "the 1 of the one-hot y is at the wrong class: the true class "
                                 "is the second, counting from 1.")
    if near(-y / p):
        return report(False, "that is the gradient with respect to p, −y/p; the question asks "
                             "for the gradient with respect to the scores f.")
    return report(False, GRAD_NOT_YET)


EXERCISES = {
    "ex-softmax-stable": check_stable_softmax,
    "ex-softmax-gradient": check_gradient_p_minus_y,
    # softmax((1000, 1001, 1002)) = softmax((0, 1, 2)) = (0.0900, 0.2447, 0.6652)
    "ex-softmax-shift": lambda answer: check_number(
        answer, float(softmax([0.0, 1.0, 2.0])[0]), name="p1", decimals=4, between=(0.0, 1.0),
        mistakes=[(float(softmax([0.0, 1.0, 2.0])[2]), "that is the probability of the class "
                                                      "with the largest score; p1 belongs to f₁."),
                  (float(softmax([0.0, 1.0, 2.0])[1]), "that is p2; p1 belongs to f₁."),
                  (1 / 3, "the three probabilities are not equal: softmax ignores a constant "
                          "added to every score, not the differences between them.")],
        not_yet="subtract the same constant from the three scores so that no exp overflows, "
                "then apply the softmax formula."),
    # exp(f2) / (exp(f2) + 2) = 0.8  =>  exp(f2) = 8, f2 = ln 8
    "ex-softmax-target": lambda answer: check_number(
        answer, float(np.log(8.0)), name="f2", decimals=2,
        mistakes=[(float(np.log(4.0)), "that makes p₂ = 0.8 against one other class; here "
                                       "there are two others, each with score 0."),
                  (0.8, "f2 is a score, not a probability: solve exp(f₂) / (exp(f₂) + 2) = 0.8.")],
        not_yet="write p₂ with f₁ = f₃ = 0, set it equal to 0.8 and solve for exp(f₂)."),
}
