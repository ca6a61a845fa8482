"""Checks for the exercises of the chapter *Logistic regression*."""

from __future__ import annotations

import math

import numpy as np

from nnlib.checks import CheckResult, check_number, report
from nnlib.losses import l2_penalty_grad, logistic_loss_grad


def map_gradient(w: np.ndarray, X: np.ndarray, y: np.ndarray, lam: float) -> np.ndarray:
    """Reference: the gradient of Σ log(1 + exp(−yᵢ wᵀxᵢ)) + λ/2 ‖w‖² in w (no bias)."""
    return X.T @ logistic_loss_grad(X @ w, y) + l2_penalty_grad(w, lam)


def _cases():
    """Three seeded problems (w, X, y, λ): d = 3, n = 8, λ = 0, 0.5 and 2."""
    rng = np.random.default_rng(540)
    for lam in (0.0, 0.5, 2.0):
        X = rng.normal(size=(8, 3))
        yield rng.normal(size=3), X, np.where(rng.random(8) < 0.5, -1, 1), lam


def check_gradient_function(answer, name: str = "my_gradient") -> CheckResult:
    """Compare ``answer(w, X, y, lam)`` with :func:`map_gradient` on three problems."""
    if not callable(answer):
        return report(False, f"{name} must be a function, got {type(answer).__name__}.")
    for w, X, y, lam in _cases():
        want = map_gradient(w, X, y, lam)
        try:
            with np.errstate(all="ignore"):
                got = np.asarray(answer(w.copy(), X.copy(), y.copy(), lam), dtype=float)
        except Exception as exc:  # the reader's code may fail: say how, do not raise
            return report(False, f"calling {name} raised {type(exc).__name__}: {exc}")
        if got.shape != want.shape:
            return report(False, f"{name} returned shape {got.shape}, expected {want.shape} "
                               f"(one entry per weight).")
        close = np.isclose(got, want, rtol=1e-6, atol=1e-9)
        if not close.all():
            j = int(np.argmin(close))
            hint = " (check the λ w term)" if lam and np.allclose(got, want - lam * w) else ""
            return report(False, f"with λ = {lam:g}, entry {j} of the gradient is {got[j]:.6g}, "
                               f"expected {want[j]:.6g}{hint}.")
    return report(True, f"{name} matches the gradient on 3 problems (λ = 0, 0.5, 2).")


EXERCISES = {
    "ex-logreg-gradient": check_gradient_function,
    # p = σ(‖w‖ δ) = 0.9  =>  ‖w‖ δ = log(0.9 / 0.1) = log 9, and ‖w‖ = 2
    "ex-logreg-width": lambda answer: check_number(
        answer, math.log(9) / 2, name="distance_90"),
    # J(w) = log(1 + e^{-w}) + w²/2, J'(w) = -σ(-w) + w = 0: the fixed point w = σ(-w)
    "ex-logreg-map-1d": lambda answer: check_number(
        answer, 0.40105813754154707, name="w_map", tol=2e-3),
}
