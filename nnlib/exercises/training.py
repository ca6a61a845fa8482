"""Checks for the exercises of the chapter *Training: gradient descent and minibatch SGD*.

A named mistake here is one the chapter discusses (a step uphill, a forgotten α, the
curvature read off the diagonal, a sum where the mean belongs, plain GD under another
name), so naming it gives nothing away. Every other wrong answer gets one fixed message.
"""

from __future__ import annotations

import numpy as np

from nnlib.checks import CheckResult, check_number, library_name, report, your_turn
from nnlib.logistic import LogisticRegression
from nnlib.optimizers import Momentum
from nnlib.surfaces import Quadratic, descend

__all__ = ["EXERCISES", "POINTS", "STEP_CASES", "MAX_LR_A", "BATCH_DATA", "VALLEY_A", "VALLEY_START",
           "VALLEY_STEPS", "VALLEY_TARGET"]

# --- one gradient-descent step ----------------------------------------------------------------

#: (w, A, lr) at which a reader's gd_step is tried: L(w) = ½ wᵀ A w, gradient A w.
STEP_CASES = (([1.0, 1.0], [[1.0, 0.0], [0.0, 4.0]], 0.25),
              ([-2.0, 0.5], [[3.0, 1.0], [1.0, 3.0]], 0.1),
              ([0.3, -1.2], [[0.5, 0.2], [0.2, 2.0]], 0.7))
STEP_NOT_YET = ("gd_step does not take the step yet. At w = (1, 1) with A = diag(1, 4) and "
                "α = 0.25 the gradient is (1, 4); one step moves w against it by α times it.")


def _call(answer, *args):
    with np.errstate(all="ignore"):
        return answer(*(np.array(a, dtype=float) for a in args[:2]), args[2])


def check_gd_step(answer) -> CheckResult:
    """gd_step(w, A, lr) = w − lr A w, on every case of STEP_CASES."""
    if answer is None:
        return your_turn("define gd_step and run this cell.")
    if not callable(answer):
        return report(False, f"gd_step must be a function, got {type(answer).__name__}.")
    origin = library_name(answer)
    if origin is not None:
        return report(False, f"gd_step is nnlib's own {origin}; write the step with numpy.")
    got = []
    for w, A, lr in STEP_CASES:
        try:
            raw = _call(answer, w, A, lr)
        except Exception as exc:  # the reader's code may fail: say how
            return report(False, f"calling gd_step raised {type(exc).__name__}: {exc}")
        if raw is None:
            return your_turn("gd_step still returns None: return the new w.")
        try:
            value = np.array(raw, dtype=float)
        except (TypeError, ValueError):
            return report(False, f"gd_step must return numbers, got {type(raw).__name__}.")
        if value.shape != (2,):
            return report(False, f"gd_step must return the new w, shape (2,); got shape {value.shape}.")
        got.append(value)

    def all_near(rule):
        return all(np.allclose(g, rule(np.array(w), np.array(A), lr), atol=1e-9)
                   for g, (w, A, lr) in zip(got, STEP_CASES))

    if all_near(lambda w, A, lr: w - lr * A @ w):
        return report(True, "gd_step(w, A, α) = w − α A w on all three cases.")
    if all_near(lambda w, A, lr: w + lr * A @ w):
        return report(False, "check the sign: this step goes uphill, along the gradient.")
    if all_near(lambda w, A, lr: w - A @ w):
        return report(False, "the learning rate α is missing: the step is α times the gradient.")
    if all_near(lambda w, A, lr: -lr * A @ w):
        return report(False, "that is only the change α ∇L; the new w is the old w plus it.")
    return report(False, STEP_NOT_YET)


# --- the largest stable learning rate ---------------------------------------------------------

#: L(w) = ½ wᵀ A w = ½ (3 w₁² + 2 w₁ w₂ + 3 w₂²): curvatures 2 and 4, so α < 2/4 = 0.5.
MAX_LR_A = np.array([[3.0, 1.0], [1.0, 3.0]])

# --- the minibatch gradient averages to the full gradient -------------------------------------

#: Twelve examples (±1 labels) and the point w at which the reader's minibatch gradient is tried.
_rng = np.random.default_rng(6)
BATCH_DATA = (_rng.normal(size=(12, 2)), np.array([1, -1] * 6, dtype=float), np.array([0.5, -0.3]))
BATCH_NOT_YET = ("minibatch_gradient does not match ∂L/∂w on a minibatch yet. Try it on one "
                 "example: −ỹ σ(−ỹ wᵀx) x.")


def _reference_gradient(X, y_pm, w, idx):
    model = LogisticRegression(fit_intercept=False)
    model.params = {"w": np.array(w, dtype=float)}
    return model.loss_and_gradients(X[idx], y_pm[idx])[1]["w"]


def check_minibatch_gradient(answer) -> CheckResult:
    """minibatch_gradient(X, y_pm, w, idx) = mean over idx of −ỹ σ(−ỹ wᵀx) x; then the
    average over the four batches of 3 of an epoch is the full gradient."""
    if answer is None:
        return your_turn("define minibatch_gradient and run this cell.")
    if not callable(answer):
        return report(False, f"minibatch_gradient must be a function, got {type(answer).__name__}.")
    origin = library_name(answer)
    if origin is not None:
        return report(False, f"minibatch_gradient is nnlib's own {origin}; write it with numpy.")
    X, y_pm, w = BATCH_DATA
    batches = np.random.default_rng(0).permutation(12).reshape(4, 3)
    got = []
    for idx in batches:
        try:
            with np.errstate(all="ignore"):
                raw = answer(X.copy(), y_pm.copy(), w.copy(), idx.copy())
        except Exception as exc:
            return report(False, f"calling minibatch_gradient raised {type(exc).__name__}: {exc}")
        if raw is None:
            return your_turn("minibatch_gradient still returns None: return the gradient.")
        try:
            value = np.array(raw, dtype=float)
        except (TypeError, ValueError):
            return report(False, f"minibatch_gradient must return numbers, got {type(raw).__name__}.")
        if value.shape != (2,):
            return report(False, f"minibatch_gradient must return one number per weight, shape "
                                 f"(2,); got shape {value.shape}.")
        got.append(value)
    right = [_reference_gradient(X, y_pm, w, idx) for idx in batches]
    if all(np.allclose(g, r, atol=1e-9) for g, r in zip(got, right)):
        full = _reference_gradient(X, y_pm, w, np.arange(12))
        mean = np.mean(got, axis=0)
        return report(True, f"each batch's gradient is right, and their average over the four "
                            f"batches of the epoch, {np.round(mean, 4).tolist()}, equals the "
                            f"full gradient {np.round(full, 4).tolist()}.")
    if all(np.allclose(g, 3 * r, atol=1e-9) for g, r in zip(got, right)):
        return report(False, "that is the sum over the minibatch; the lecture's step divides it "
                             "by |D̂| (the mean).")
    if all(np.allclose(g, -r, atol=1e-9) for g, r in zip(got, right)):
        return report(False, "check the sign: the loss log(1 + e^(−ỹ s)) falls as ỹ s grows.")
    full = _reference_gradient(X, y_pm, w, np.arange(12))
    if all(np.allclose(g, full, atol=1e-9) for g in got):
        return report(False, "that is the gradient on all of D; use only the rows idx.")
    return report(False, BATCH_NOT_YET)


# --- momentum on a narrow valley --------------------------------------------------------------

#: The valley of the chapter's momentum section: curvatures 0.02 and 2.
VALLEY_A = np.array([[0.02, 0.0], [0.0, 2.0]])
VALLEY_START = (-9.0, 1.0)
VALLEY_STEPS = 100
VALLEY_TARGET = 1e-3  # plain GD with any stable α stays above 0.015 after 100 steps


def check_momentum_settings(answer) -> CheckResult:
    """(lr, beta) with which Momentum reaches a loss below VALLEY_TARGET in VALLEY_STEPS."""
    if answer is None:
        return your_turn("set settings = (lr, beta) and run this cell.")
    if isinstance(answer, (str, bytes)) or not isinstance(answer, (tuple, list, np.ndarray)) \
            or len(answer) != 2:
        return report(False, "settings must be two numbers, (lr, beta).")
    try:
        lr, beta = (float(v) for v in answer)
    except (TypeError, ValueError):
        return report(False, "settings must be two numbers, (lr, beta).")
    if any(isinstance(v, bool) for v in answer) or not (np.isfinite(lr) and np.isfinite(beta)):
        return report(False, "settings must be two finite numbers, (lr, beta).")
    if not lr > 0:
        return report(False, "the learning rate must be > 0.")
    if not 0 <= beta < 1:
        return report(False, "β must be in [0, 1): with β ≥ 1 the velocity never forgets.")
    path = descend(Quadratic(VALLEY_A), VALLEY_START, Momentum(lr=lr, beta=beta), VALLEY_STEPS)
    if path.diverged is not None:
        return report(False, "this run diverges: the steps grow instead of shrinking.")
    if path.loss[-1] < VALLEY_TARGET:
        return report(True, f"momentum reaches L = {path.loss[-1]:.1e} in {VALLEY_STEPS} steps, "
                            f"below 10⁻³, which plain GD cannot with any stable α.")
    if beta == 0:
        return report(False, "with β = 0 momentum is plain gradient descent.")
    return report(False, "after 100 steps the loss is still above 10⁻³: the run is too "
                         "timid along the valley or keeps bouncing across it.")


EXERCISES = {
    "ex-training-gd-step": check_gd_step,
    "ex-training-max-lr": lambda answer: check_number(
        answer, 0.5, name="max_lr", decimals=2, between=(0.0, 10.0),
        mistakes=[(2 / 3, "2/3 uses the diagonal entry 3; the curvatures are the eigenvalues "
                          "of A, not its diagonal."),
                  (1.0, "that is 2 over the smallest curvature; the steepest direction "
                        "decides."),
                  (0.25, "that is 1/M, the best rate for the steepest direction; the question "
                         "asks where GD stops converging.")],
        not_yet="find the two curvatures (the eigenvalues of A), then use the rule α < 2/M."),
    "ex-training-minibatch": check_minibatch_gradient,
    "ex-training-momentum": check_momentum_settings,
}

#: What each exercise is worth when the chapter is graded as an nbgrader assignment
#: (``make assignment SLUG=training``, ``scripts/assignment.py``): the one place they are stated.
POINTS = {
    "ex-training-gd-step": 2,
    "ex-training-max-lr": 1,
    "ex-training-minibatch": 3,
    "ex-training-momentum": 2,
}
