"""Checks for the exercises of the chapter *Logistic regression*.

Each wrong answer that matches a named mistake gets that mistake's message; any other
wrong answer gets the exercise's one fixed message (see :mod:`nnlib.checks`).
"""

from __future__ import annotations

import math

import numpy as np

from nnlib.activations import sigmoid
from nnlib.checks import CheckResult, check_number, library_name, report, your_turn
from nnlib.losses import l2_penalty_grad, logistic_loss_grad


def map_gradient(w: np.ndarray, X: np.ndarray, y_pm: np.ndarray, lam: float) -> np.ndarray:
    """Reference: the gradient of Σ log(1 + exp(−ỹᵢ wᵀxᵢ)) + λ/2 ‖w‖² in w (no bias), ỹ = ±1."""
    return X.T @ logistic_loss_grad(X @ w, y_pm) + l2_penalty_grad(w, lam)


def _cases():
    """Three seeded problems (w, X, ỹ, λ): d = 3, n = 8, λ = 0, 0.5 and 2."""
    rng = np.random.default_rng(540)
    for lam in (0.0, 0.5, 2.0):
        X = rng.normal(size=(8, 3))
        yield rng.normal(size=3), X, np.where(rng.random(8) < 0.5, -1, 1), lam


# Named mistakes: (gradient as the mistake computes it, message).
GRADIENT_MISTAKES = [
    (lambda w, X, y_pm, lam: -map_gradient(w, X, y_pm, lam),
     "the sign is flipped: that is the direction of steepest ascent of J."),
    (lambda w, X, y_pm, lam: map_gradient(w, X, y_pm, lam) - lam * w,
     "the data term is right; the penalty λ/2 ‖w‖² is missing its gradient."),
    (lambda w, X, y_pm, lam: map_gradient(w, X, y_pm, lam) - lam * w / 2,
     "the data term is right; differentiate λ/2 ‖w‖² again (the 2 from the square cancels the 1/2)."),
    (lambda w, X, y_pm, lam: X.T @ logistic_loss_grad(X @ w, y_pm) / len(y_pm) + lam * w,
     "J is a sum over the examples, not a mean: there is no 1/n."),
    (lambda w, X, y_pm, lam: map_gradient(w, X, y_pm, lam) / len(y_pm),
     "J is a sum over the examples, not a mean: there is no 1/n."),
    (lambda w, X, y_pm, lam: X.T @ (sigmoid(X @ w) - y_pm) + lam * w,
     "(ŷ − y) x is the gradient for labels 0/1 (y); here the labels ỹ are ±1."),
    (lambda w, X, y_pm, lam: -X.T @ (sigmoid(y_pm * (X @ w)) * y_pm) + lam * w,
     "each example is weighted by σ(−ỹᵢ wᵀxᵢ), the probability of the wrong label; "
     "check the sign inside σ."),
]
GRADIENT_NOT_YET = ("my_gradient does not match the gradient yet. Check each term of the hint, "
                    "and compare with a finite difference of J at one w.")


def check_gradient_function(answer, name: str = "my_gradient") -> CheckResult:
    """Compare ``answer(w, X, y_pm, lam)`` with :func:`map_gradient` on three problems."""
    if answer is None:
        return your_turn(f"define {name} and run this cell.")
    if not callable(answer):
        return report(False, f"{name} must be a function, got {type(answer).__name__}.")
    origin = library_name(answer)
    if origin is not None:
        return report(False, f"{name} is nnlib's own {origin}; the exercise asks for your own function.")
    cases, answers = list(_cases()), []
    for w, X, y_pm, lam in cases:
        try:
            with np.errstate(all="ignore"):
                raw = answer(w.copy(), X.copy(), y_pm.copy(), lam)
        except Exception as exc:  # the reader's code may fail: say how, do not raise
            return report(False, f"calling {name} raised {type(exc).__name__}: {exc}")
        if raw is None:
            return your_turn(f"{name} still returns None: replace None with your formula and run this cell.")
        try:
            got = np.array(raw, dtype=float)
        except (TypeError, ValueError):
            return report(False, f"{name} must return an array of numbers, got {type(raw).__name__}.")
        if got.shape == (len(y_pm),):
            return report(False, f"{name} returned one entry per example, shape {got.shape}; the gradient "
                                 f"has one per weight, shape {w.shape}: sum over the examples with X.T.")
        if got.shape != w.shape:
            return report(False, f"{name} returned shape {got.shape}; the gradient has the shape of w, "
                                 f"{w.shape}.")
        if not np.isfinite(got).all():
            bad = got[~np.isfinite(got)][0]
            return report(False, f"{name} returned {bad}, which is not a finite number.")
        answers.append(got)

    def matches(reference) -> bool:
        with np.errstate(all="ignore"):
            return all(np.allclose(got, reference(*case), rtol=1e-6, atol=1e-9)
                       for got, case in zip(answers, cases))

    if matches(map_gradient):
        return report(True, f"{name} matches the gradient on 3 problems (λ = 0, 0.5, 2).")
    for mistake, message in GRADIENT_MISTAKES:
        if matches(mistake):
            return report(False, message)
    return report(False, GRADIENT_NOT_YET)


# p = σ(‖w‖ δ) = 0.9  ⇒  ‖w‖ δ = log(0.9 / 0.1) = log 9, and ‖w‖ = 2
DISTANCE_90 = math.log(9) / 2
WIDTH_MISTAKES = [
    (math.log(9), "that is ‖w‖ δ, the logit at the distance δ; the question asks for δ."),
    (2 * math.log(9), "p = σ(‖w‖ δ): solve for δ, dividing by ‖w‖."),
    (-DISTANCE_90, "on the side w points to, the distance is positive."),
    (math.log(0.9) / 2, "invert the sigmoid first: σ(z) = p gives z = log(p / (1 − p)), not log p."),
    (0.9 / 2, "0.9 is a probability; turn it into a logit by inverting the sigmoid first."),
    (math.log10(9) / 2, "the logit uses the natural logarithm (np.log), not log10."),
]

# J(w) = log(1 + e^{-w}) + w²/2, J'(w) = -σ(-w) + w = 0: the fixed point w = σ(-w)
W_MAP = 0.401058137541547
W_MAP_LAMBDA_TWICE = 0.22232347127832916  # J with λ w² instead of λ/2 w²: 2w = σ(−w)
MAP_MISTAKES = [
    (math.inf, "infinity is where maximum likelihood would go, part (a); with λ = 1 the penalty "
               "makes the optimum finite."),
    (0.0, "w = 0 minimises the penalty alone; the data term pulls w away from it."),
    (-W_MAP, "check the sign: the example has ỹ = +1, so the data term pulls w up."),
    (0.6590460684074066, "check the sign inside σ: J′(w) = −σ(−w) + w, so w* = σ(−w*)."),
    (W_MAP_LAMBDA_TWICE, "the penalty is λ/2 w², whose derivative is λ w."),
]


EXERCISES = {
    "ex-logreg-gradient": check_gradient_function,
    "ex-logreg-width": lambda answer: check_number(
        answer, DISTANCE_90, name="distance_90", decimals=2, mistakes=WIDTH_MISTAKES,
        not_yet="write p = σ(‖w‖ δ) = 0.9 and solve for δ."),
    "ex-logreg-map-1d": lambda answer: check_number(
        answer, W_MAP, name="w_map", decimals=3, mistakes=MAP_MISTAKES,
        not_yet="set J′(w) = 0 and solve it numerically, as the hint says."),
}
