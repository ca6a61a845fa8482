"""Checks for the exercises of the chapter *Multilayer perceptrons*.

Each wrong answer that matches a named mistake gets that mistake's message; any other
wrong answer gets the exercise's one fixed message (see :mod:`nnlib.checks`). No message
names an expected value.
"""

from __future__ import annotations

import numpy as np

from nnlib.checks import CheckResult, check_number, library_name, report, your_turn
from nnlib.layers import compose_affine

# --- ex-mlp-batch-forward: the batched forward pass ---------------------------------------


def batch_forward(X: np.ndarray, W1: np.ndarray, b1: np.ndarray, W2: np.ndarray,
                  b2: np.ndarray) -> np.ndarray:
    """Reference: F = tanh(X W1ᵀ + b1) W2ᵀ + b2, shape (n, k); row i is f(x_i)."""
    return np.tanh(X @ W1.T + b1) @ W2.T + b2


_FORWARD_MISTAKES = [
    (lambda X, W1, b1, W2, b2: np.tanh(X @ W1.T) @ W2.T + b2,
     "the hidden biases b1 are missing: every hidden unit adds its own bias before tanh."),
    (lambda X, W1, b1, W2, b2: np.tanh(X @ W1.T + b1) @ W2.T,
     "the output bias b2 is missing."),
    (lambda X, W1, b1, W2, b2: X @ W1.T @ W2.T + b1 @ W2.T + b2,
     "the hidden layer has no activation: apply np.tanh to X W1ᵀ + b1."),
    (lambda X, W1, b1, W2, b2: np.tanh(np.tanh(X @ W1.T + b1) @ W2.T + b2),
     "tanh is applied to the output too; the last layer is linear, f = W⁽²⁾h + b⁽²⁾."),
]
FORWARD_NOT_YET = ("forward does not match f = W⁽²⁾ tanh(W⁽¹⁾x + b⁽¹⁾) + b⁽²⁾ on every row yet. "
                   "Compute one row by hand with x = X[0] and compare.")


def _forward_cases():
    rng = np.random.default_rng(4)
    for n, d, m, k in ((5, 3, 4, 2), (1, 2, 3, 1), (7, 4, 2, 3)):
        yield (rng.standard_normal((n, d)), rng.standard_normal((m, d)), rng.standard_normal(m),
               rng.standard_normal((k, m)), rng.standard_normal(k))


def check_batch_forward(answer, name: str = "forward") -> CheckResult:
    """Compare ``answer(X, W1, b1, W2, b2)`` with :func:`batch_forward` on three networks."""
    if answer is None:
        return your_turn(f"define {name} and run this cell.")
    if not callable(answer):
        return report(False, f"{name} must be a function, got {type(answer).__name__}.")
    origin = library_name(answer)
    if origin is not None:
        return report(False, f"{name} is nnlib's own {origin}; the exercise asks for your own function.")
    cases, answers = list(_forward_cases()), []
    for X, W1, b1, W2, b2 in cases:
        n, k = len(X), len(W2)
        try:
            with np.errstate(all="ignore"):
                raw = answer(X.copy(), W1.copy(), b1.copy(), W2.copy(), b2.copy())
        except ValueError as exc:
            if "matmul" in str(exc) or "shapes" in str(exc) or "broadcast" in str(exc):
                return report(False, f"calling {name} raised a shape error ({exc}). X holds examples "
                                     f"as rows, so X W1ᵀ is (n, d)(d, m): use W1.T.")
            return report(False, f"calling {name} raised ValueError: {exc}")
        except Exception as exc:  # the reader's code may fail: say how, do not raise
            return report(False, f"calling {name} raised {type(exc).__name__}: {exc}")
        if raw is None:
            return your_turn(f"{name} still returns None: replace None with your formula and run this cell.")
        try:
            got = np.array(raw, dtype=float)
        except (TypeError, ValueError):
            return report(False, f"{name} must return an array of numbers, got {type(raw).__name__}.")
        if got.shape == (n, len(W1)) and got.shape != (n, k):
            return report(False, f"{name} returned shape {got.shape}, one column per hidden unit: "
                                 f"that is h; the output layer W2, b2 comes next.")
        if got.shape != (n, k):
            return report(False, f"{name} returned shape {got.shape}; F has one row per example and "
                                 f"one column per output, (n, k) = ({n}, {k}).")
        if not np.isfinite(got).all():
            return report(False, f"{name} returned a value that is not a finite number.")
        answers.append(got)

    def matches(reference) -> bool:
        return all(np.allclose(got, reference(*case), rtol=1e-6, atol=1e-9)
                   for got, case in zip(answers, cases))

    if matches(batch_forward):
        return report(True, f"{name} matches f on 3 networks and batches (shapes (5, 2), (1, 1), (7, 3)).")
    for mistake, message in _FORWARD_MISTAKES:
        if matches(mistake):
            return report(False, message)
    return report(False, FORWARD_NOT_YET)


# --- ex-mlp-param-count: parameters of an MNIST-sized network ------------------------------

COUNT_SIZES = [784, 128, 64, 10]
_COUNT = sum(m * (m_prev + 1) for m_prev, m in zip(COUNT_SIZES[:-1], COUNT_SIZES[1:]))
_COUNT_WEIGHTS_ONLY = sum(m * m_prev for m_prev, m in zip(COUNT_SIZES[:-1], COUNT_SIZES[1:]))


def check_param_count(answer) -> CheckResult:
    return check_number(
        answer, _COUNT, name="n_params", whole=True,
        mistakes=[(_COUNT_WEIGHTS_ONLY, "that counts the weights only: each unit of a layer also "
                                        "has a bias."),
                  (_COUNT - 10 * 65, "the output layer has parameters too: W⁽³⁾ and b⁽³⁾."),
                  (784 * 128 + 128, "that is the first layer alone; add the other two.")],
        not_yet="n_params does not match yet. Count each layer as m_l × m_(l−1) weights plus "
                "m_l biases, then add the layers.")


# --- ex-mlp-collapse: the affine map of a 2-3-2-1 linear network --------------------------

#: The linear network of the exercise: h1 = W1 x + b1, h2 = W2 h1 + b2, f = W3 h2 + b3.
LINEAR_NET = {"W1": np.array([[1.0, 0.0], [2.0, -1.0], [0.0, 1.0]]), "b1": np.array([1.0, 0.0, -1.0]),
              "W2": np.array([[1.0, -1.0, 0.0], [0.0, 2.0, 1.0]]), "b2": np.array([0.5, 0.0]),
              "W3": np.array([[2.0, 1.0]]), "b3": np.array([-1.0])}


def _parts(answer, names: str, shapes: tuple):
    """The answer as float arrays of the given shapes, or the CheckResult saying what is wrong."""
    if answer is None or (isinstance(answer, tuple) and all(a is None for a in answer)):
        return None, your_turn(f"replace None with {names} and run this cell.")
    if not isinstance(answer, (tuple, list)) or len(answer) != len(shapes):
        return None, report(False, f"the answer must be {names}: {len(shapes)} values in a tuple.")
    if any(a is None for a in answer):
        return None, your_turn(f"some of {names} are still None: fill them in and run this cell.")
    parts = []
    for a in answer:
        if isinstance(a, (str, bytes)) or np.asarray(a).dtype.kind not in "biuf":
            return None, report(False, f"{names} must be numbers, got {type(a).__name__}.")
        parts.append(np.array(a, dtype=float))
    if any(p.shape != s for p, s in zip(parts, shapes)):
        got = ", ".join(str(p.shape) for p in parts)
        want = ", ".join(str(s) for s in shapes)
        return None, report(False, f"the answer must be {names} with shapes ({want}); got ({got}).")
    if not all(np.isfinite(p).all() for p in parts):
        return None, report(False, "the answer holds nan or inf, which are not finite numbers.")
    return parts, None


def check_collapse(answer) -> CheckResult:
    """(w_eff, b_eff) with f(x) = w_effᵀx + b_eff for LINEAR_NET."""
    parts, problem = _parts(answer, "(w_eff, b_eff)", ((2,), ()))
    if problem is not None:
        return problem
    w_eff, b_eff = parts
    W, b = compose_affine(LINEAR_NET)
    w_ok, b_ok = np.allclose(w_eff, W[0]), np.isclose(b_eff, b[0])
    n = LINEAR_NET
    if w_ok and b_ok:
        return report(True, "the three linear layers are the single neuron f(x) = w_effᵀx + b_eff.")
    if np.allclose(w_eff, W[0][::-1]) and not w_ok:
        return report(False, "w_eff's entries are swapped: entry j multiplies x_j.")
    if w_ok and np.isclose(b_eff, n["b3"][0]):
        return report(False, "w_eff is right; b_eff keeps only the output bias: b⁽¹⁾ and b⁽²⁾ travel "
                             "through the later layers too.")
    if w_ok and np.isclose(b_eff, n["b1"].sum() + n["b2"].sum() + n["b3"][0]):
        return report(False, "w_eff is right; in b_eff each bias is multiplied by the weights of the "
                             "layers after it.")
    if w_ok:
        return report(False, "w_eff is right; b_eff is not yet (it is the network's output at x = 0).")
    return report(False, "w_eff does not match the network yet (it is the product W⁽³⁾W⁽²⁾W⁽¹⁾, "
                         "a 1 × 2 matrix).")


# --- ex-mlp-bump: a triangle from three ReLU units ---------------------------------------

_GRID = np.linspace(-3.0, 3.0, 121)


def bump(x: np.ndarray) -> np.ndarray:
    """Reference: the triangle max(1 − |x|, 0): 0 outside [−1, 1], 1 at x = 0."""
    return np.maximum(1.0 - np.abs(x), 0.0)


def check_bump(answer) -> CheckResult:
    """(w1, b1, w2, b2) of a 1-3-1 ReLU network, f(x) = w2ᵀ ReLU(w1 x + b1) + b2, drawing bump."""
    parts, problem = _parts(answer, "(w1, b1, w2, b2)", ((3,), (3,), (3,), ()))
    if problem is not None:
        return problem
    w1, b1, w2, b2 = parts
    f = np.maximum(np.outer(_GRID, w1) + b1, 0.0) @ w2 + b2
    target = bump(_GRID)
    if np.allclose(f, target, atol=1e-6):
        return report(True, "f is 0 outside [−1, 1], rises to 1 at x = 0 and falls back: the bump.")
    peak = f[np.argmin(np.abs(_GRID))]
    if np.allclose(f, peak * target, atol=1e-6) and peak != 0:
        return report(False, f"the shape is right but the peak is {peak:g}; scale the output weights.")
    far = np.abs(_GRID) >= 1.0
    if np.allclose(f[_GRID <= 0], target[_GRID <= 0], atol=1e-6) and not np.allclose(f[far], 0.0, atol=1e-6):
        return report(False, "f rises correctly, but it does not stay at 0 for x ≥ 1: the third unit "
                             "must cancel the slope left after the kink at 1.")
    return report(False, "f does not draw the bump yet. Place the three kinks (at −b_i / w_i) at "
                         "−1, 0 and 1, then choose the output weights as the changes of slope.")


EXERCISES = {
    "ex-mlp-batch-forward": check_batch_forward,
    "ex-mlp-param-count": check_param_count,
    "ex-mlp-collapse": check_collapse,
    "ex-mlp-bump": check_bump,
}
