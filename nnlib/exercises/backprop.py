"""Checks for the exercises of the chapter *Backpropagation, one node at a time*.

A named mistake here is one the chapter discusses (the wrong input or weight as a local
derivative, σ for σ′, a single path where two add up, the slides' step the wrong way round,
a missing σ′ term, a transposed matrix, a forgotten softmax), so naming it gives nothing
away. Every other wrong answer gets one fixed message.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from nnlib.activations import sigmoid
from nnlib.checks import CheckResult, check_number, library_name, report, your_turn

__all__ = ["EXERCISES", "LOCAL_GRAPH", "PATHS_NET", "BUG_CASES", "reference_backward",
           "DELTA_CASES"]

# --- the local derivatives of one neuron ----------------------------------------------------

#: x = (2, −1), w = (0.5, 1.5), y = 0: z = −0.5, ŷ = σ(−0.5).
LOCAL_GRAPH = {"x": (2.0, -1.0), "w": (0.5, 1.5), "y": 0}
_Z = -0.5
_S = float(sigmoid(_Z))
LOCAL_ANSWER = (2.0, _S * (1 - _S), 1 / (1 - _S))  # ∂z/∂w11 = x1, σ'(z), (1-y)/(1-ŷ) - y/ŷ
LOCAL_NOT_YET = ("these are not the three local derivatives yet. Compute z, then ŷ = σ(z), "
                 "then each derivative of one node with respect to the node before it.")


def check_local(answer) -> CheckResult:
    """(∂z/∂w₁₁, ∂ŷ/∂z, ∂ℓ/∂ŷ) of LOCAL_GRAPH, each to 3 decimals, within 0.2 % (or 0.0005):
    a hand calculation that rounds ŷ to 0.378 first is right."""
    if answer is None:
        return your_turn("set local to a tuple of three numbers (∂z/∂w₁₁, ∂ŷ/∂z, ∂ℓ/∂ŷ), "
                         "each to 3 decimals, and run this cell.")
    if isinstance(answer, (str, bytes)) or not hasattr(answer, "__len__") or len(answer) != 3:
        return report(False, "local must be three numbers (∂z/∂w₁₁, ∂ŷ/∂z, ∂ℓ/∂ŷ), e.g. (1.0, 0.2, 3.0).")
    values = []
    for a in answer:
        if isinstance(a, bool) or not isinstance(a, numbers.Real) or not math.isfinite(float(a)):
            return report(False, f"each entry of local must be a finite number, got {a!r}.")
        values.append(float(a))

    def near(target: float, got: float) -> bool:  # ŷ rounded to 0.378 first gives 1.608
        return abs(got - target) <= max(0.0005, 0.002 * abs(target)) + 1e-12

    dz, dy, dl = values
    if near(LOCAL_GRAPH["w"][0], dz):
        return report(False, "∂z/∂w₁₁ is what w₁₁ is multiplied by in z, not w₁₁ itself.")
    if near(_S, dy):
        return report(False, "∂ŷ/∂z is σ′(z), the slope of the sigmoid, not σ(z) itself.")
    if near(-LOCAL_ANSWER[2], dl):
        return report(False, "check the sign of ∂ℓ/∂ŷ = (1 − y)/(1 − ŷ) − y/ŷ.")
    if near(-1 / _S, dl):
        return report(False, "∂ℓ/∂ŷ: which of the two terms of the loss is there when y = 0?")
    if all(near(t, v) for t, v in zip(LOCAL_ANSWER, values)):
        return report(True, f"local = ({dz:.3f}, {dy:.3f}, {dl:.3f}); their product is ∂ℓ/∂w₁₁ "
                            f"= (ŷ − y)x₁ = {(_S - 0) * 2.0:.3f}.")
    return report(False, LOCAL_NOT_YET)


# --- ∂ℓ/∂x₁ by the two paths ------------------------------------------------------------------

#: The 2-2-1 sigmoid network of the exercise (no biases), x = (1, 2), y = 0.
PATHS_NET = {"x": np.array([1.0, 2.0]), "y": 0, "W1": np.array([[0.5, -1.0], [1.5, 0.5]]),
             "W2": np.array([[2.0, -1.0]])}


def _paths() -> tuple[float, float, float, float]:
    x, y, W1, W2 = PATHS_NET["x"], PATHS_NET["y"], PATHS_NET["W1"], PATHS_NET["W2"]
    a = sigmoid(W1 @ x)
    y_hat = float(sigmoid(W2 @ a)[0])
    delta = (y_hat - y) * W2[0] * a * (1 - a)
    terms = delta * W1[:, 0]
    wrong_way = float(((y_hat - y) * W2[0] / (a * (1 - a)) * W1[:, 0]).sum())
    return float(terms[0]), float(terms[1]), float(terms.sum()), wrong_way


def _row_instead_of_column() -> float:
    """Both paths with row 1 of W1, (w₁₁⁽¹⁾, w₂₁⁽¹⁾), where column 1 (w₁₁⁽¹⁾, w₁₂⁽¹⁾) belongs."""
    x, y, W1, W2 = PATHS_NET["x"], PATHS_NET["y"], PATHS_NET["W1"], PATHS_NET["W2"]
    a = sigmoid(W1 @ x)
    delta = (float(sigmoid(W2 @ a)[0]) - y) * W2[0] * a * (1 - a)
    return float((delta * W1[0, :]).sum())


def check_two_paths(answer) -> CheckResult:
    """∂ℓ/∂x₁ of PATHS_NET to 4 decimals, within 0.0002: ∂ℓ/∂x₁ = 0.0542 − 0.0382 is a
    difference of two larger terms, so intermediates rounded to 4 decimals give 0.0159 to 0.0161."""
    one, two, total, wrong_way = _paths()
    return check_number(answer, total, name="dl_dx1", decimals=4, tol=0.0002, mistakes=[
        (one, "that is one path, through a₁₁; x₁ reaches ℓ by two."),
        (two, "that is one path, through a₁₂; x₁ reaches ℓ by two."),
        (wrong_way, "∂ℓ/∂z₁₁ is ∂ℓ/∂a₁₁ times σ′(z₁₁): the slide's step the wrong way round "
                    "divides instead."),
        (_row_instead_of_column(), "w₁₂⁽¹⁾ is W1[1, 0]: the weight from x₁ into unit 2. The "
                                   "weights out of x₁ are column 1 of W1, not row 1.")],
        not_yet="dl_dx1 is not ∂ℓ/∂x₁ yet. Go forward first (a₁₁, a₁₂, ŷ), then back along each "
                "path from ℓ to x₁, and add the paths.")


# --- find the bug: a backward pass checked by finite differences ------------------------------

#: (x, y, W1, W2) at which a reader's backward is tried: 3 hidden units, no biases.
BUG_CASES = tuple(
    (rng.normal(size=2), int(rng.integers(0, 2)), rng.normal(size=(3, 2)), rng.normal(size=(1, 3)))
    for rng in [np.random.default_rng(seed) for seed in (0, 1, 2, 3)])
BUG_NOT_YET = ("backward does not give the gradients yet. Compare each entry with a central "
               "finite difference of the loss, as the chapter's gradient check does.")


def reference_backward(x, y, W1, W2):
    """(∂ℓ/∂W1, ∂ℓ/∂W2) of ℓ = BCE(σ(W2 σ(W1 x)), y): the chapter's δ recursion."""
    a = sigmoid(W1 @ x)
    y_hat = sigmoid(W2 @ a)
    delta2 = y_hat - y
    delta1 = (W2.T @ delta2) * a * (1 - a)
    return np.outer(delta1, x), np.outer(delta2, a)


def _missing_sigma(x, y, W1, W2):
    a = sigmoid(W1 @ x)
    delta2 = sigmoid(W2 @ a) - y
    return np.outer(W2.T @ delta2, x), np.outer(delta2, a)


def _transposed(x, y, W1, W2):
    dW1, dW2 = reference_backward(x, y, W1, W2)
    return dW1.T, dW2


def check_backward(answer) -> CheckResult:
    """backward(x, y, W1, W2) -> (dW1, dW2) on every case of BUG_CASES."""
    if answer is None:
        return your_turn("define backward (the fixed buggy_backward) and run this cell.")
    if not callable(answer):
        return report(False, f"backward must be a function, got {type(answer).__name__}.")
    if library_name(answer) is not None:
        return report(False, f"backward is nnlib's own {library_name(answer)}; write it with numpy.")
    got = []
    for x, y, W1, W2 in BUG_CASES:
        try:
            with np.errstate(all="ignore"):
                raw = answer(x.copy(), y, W1.copy(), W2.copy())
        except Exception as exc:  # the reader's code may fail: say how
            return report(False, f"calling backward raised {type(exc).__name__}: {exc}")
        if raw is None:
            return your_turn("backward still returns None: return (dW1, dW2).")
        if isinstance(raw, (str, bytes)) or not hasattr(raw, "__len__") or len(raw) != 2:
            return report(False, "backward must return two arrays (dW1, dW2).")
        try:
            pair = [np.array(g, dtype=float) for g in raw]
        except (TypeError, ValueError):
            return report(False, "backward must return arrays of numbers.")
        if pair[1].shape != W2.shape:
            return report(False, f"dW2 must have the shape of W2, {W2.shape}; got {pair[1].shape}.")
        if pair[0].shape == W1.T.shape and W1.shape != W1.T.shape \
                and np.allclose(pair[0], _transposed(x, y, W1, W2)[0], atol=1e-9):
            return report(False, "dW1 is transposed: row j of dW1 belongs to hidden unit j, "
                                 "like row j of W1.")
        if pair[0].shape != W1.shape:
            return report(False, f"dW1 must have the shape of W1, {W1.shape}; got {pair[0].shape}.")
        got.append(pair)

    def all_near(rule) -> bool:
        return all(np.allclose(g, r, atol=1e-9, rtol=1e-7)
                   for (dW1, dW2), case in zip(got, BUG_CASES)
                   for g, r in zip((dW1, dW2), rule(*case)))

    if all_near(reference_backward):
        return report(True, "dW1 and dW2 match a gradient check on all four networks.")
    if all_near(_missing_sigma):
        return report(False, "that is still buggy_backward: dW2 passes the gradient check, dW1 does "
                             "not. What lies between a and z in the hidden layer?")
    return report(False, BUG_NOT_YET)


# --- δ of a softmax output layer --------------------------------------------------------------

#: (F, y) at which output_delta is tried: logits (n, k) and labels (n,).
DELTA_CASES = ((np.array([[2.0, 1.0, 0.1], [0.5, 2.5, -1.0]]), np.array([0, 2])),
               (np.array([[1000.0, 0.0], [-3.0, 4.0], [0.0, 0.0]]), np.array([1, 1, 0])))


def _softmax(F):
    e = np.exp(F - F.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def check_output_delta(answer) -> CheckResult:
    """output_delta(F, y) = softmax(F) − onehot(y), row by row, on DELTA_CASES."""
    if answer is None:
        return your_turn("define output_delta and run this cell.")
    if not callable(answer):
        return report(False, f"output_delta must be a function, got {type(answer).__name__}.")
    if library_name(answer) is not None:
        return report(False, f"output_delta is nnlib's own {library_name(answer)}; write it with numpy.")
    rules = {"right": lambda F, Y: _softmax(F) - Y, "sign": lambda F, Y: Y - _softmax(F),
             "raw": lambda F, Y: F - Y, "mean": lambda F, Y: (_softmax(F) - Y) / len(F)}
    hits = {name: True for name in rules}
    for F, y in DELTA_CASES:
        try:
            with np.errstate(all="ignore"):
                raw = answer(F.copy(), y.copy())
        except Exception as exc:  # the reader's code may fail: say how
            return report(False, f"calling output_delta raised {type(exc).__name__}: {exc}")
        if raw is None:
            return your_turn("output_delta still returns None: return δ, shape (n, k).")
        try:
            delta = np.array(raw, dtype=float)
        except (TypeError, ValueError):
            return report(False, "output_delta must return an array of numbers.")
        if delta.shape != F.shape:
            return report(False, f"δ must have the shape of F, (n, k) = {F.shape}; got {delta.shape}.")
        if not np.all(np.isfinite(delta)):
            return report(False, "δ is not finite everywhere: a score of 1000 overflows exp; "
                                 "shift each row by its maximum first.")
        Y = np.eye(F.shape[1])[y]
        for name, rule in rules.items():
            hits[name] = hits[name] and np.allclose(delta, rule(F, Y), atol=1e-9)
    if hits["right"]:
        return report(True, "δ = p − y, row by row, including a row with a score of 1000.")
    if hits["sign"]:
        return report(False, "check the sign: δ is the gradient of the loss, which rises with "
                             "the wrong classes' probabilities.")
    if hits["raw"]:
        return report(False, "δ takes the probabilities p = softmax(f), not the scores f.")
    if hits["mean"]:
        return report(False, "δ here is each example's own ∂ℓᵢ/∂fᵢ, without the 1/n of the average.")
    return report(False, "output_delta does not give δ yet. Differentiate ℓ = −log p_y with "
                         "respect to each score, as the softmax chapter did.")


EXERCISES = {
    "ex-backprop-local": check_local,
    "ex-backprop-two-paths": check_two_paths,
    "ex-backprop-find-bug": check_backward,
    "ex-backprop-output-delta": check_output_delta,
}
