"""Checks for the exercises of the chapter *XOR: the limits of one neuron*.

Each wrong answer that matches a named mistake gets that mistake's message; any other
wrong answer gets the exercise's one fixed message (see :mod:`nnlib.checks`). For the
step networks, a named mistake is a truth table the question itself states (OR, NAND,
XOR), so saying which one a reader's network misses gives nothing away.
"""

from __future__ import annotations

import numpy as np

from nnlib.activations import step
from nnlib.checks import CheckResult, check_number, report, your_turn
from nnlib.datasets import xor_gate

X, Y_XOR = xor_gate()  # inputs in counting order 00, 01, 10, 11
_INPUTS = ["00", "01", "10", "11"]


def _numbers(answer, shapes: tuple, names: str):
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
        return None, report(False, f"the answer must be {names} with shapes ({want}); got shapes ({got}).")
    if not all(np.isfinite(p).all() for p in parts):
        return None, report(False, "the answer holds nan or inf, which are not finite numbers.")
    return parts, None


def _bits(values) -> str:
    return " ".join(str(int(v)) for v in values)


def check_all_but_00(answer) -> CheckResult:
    """(w1, w2, b) of a step neuron right on XOR everywhere except at (0, 0)."""
    parts, problem = _numbers(answer, ((), (), ()), "three numbers (w1, w2, b)")
    if problem is not None:
        return problem
    w1, w2, b = parts
    y_hat = step(X @ np.array([w1, w2]) + b)
    wrong = [name for name, got, want in zip(_INPUTS, y_hat, Y_XOR) if got != want]
    if wrong == ["00"]:
        return report(True, "the neuron outputs 1 1 1 0: right on 01, 10, 11, wrong only on 00.")
    return report(False, f"the neuron outputs {_bits(y_hat)} for 00 01 10 11 and XOR is 0 1 1 0, so it "
                         f"is wrong on {', '.join(wrong) or 'no input'}; it should be wrong on 00 only.")


_GATES = {"OR": np.array([0, 1, 1, 1]), "NAND": np.array([1, 1, 1, 0])}


def check_or_nand_network(answer) -> CheckResult:
    """(W1, b1, w2, b2) of a 2-2-1 step network with h1 = OR, h2 = NAND and output AND = XOR.

    The book's notation: h = step(W⁽¹⁾x + b⁽¹⁾), ŷ = step(w⁽²⁾ᵀh + b⁽²⁾).
    """
    parts, problem = _numbers(answer, ((2, 2), (2,), (2,), ()), "(W1, b1, w2, b2)")
    if problem is not None:
        return problem
    W1, b1, w2, b2 = parts
    H = step(X @ W1.T + b1)
    if np.array_equal(H[:, 0], _GATES["NAND"]) and np.array_equal(H[:, 1], _GATES["OR"]):
        return report(False, "the hidden units are swapped: unit 1 (row 1 of W1) must compute OR, "
                             "unit 2 NAND.")
    Ht = step(X @ W1 + b1)
    if all(np.array_equal(Ht[:, j], _GATES[g]) for j, g in enumerate(_GATES)):
        return report(False, "W1 looks transposed: row j of W1 holds hidden unit j's weights, "
                             "so h = step(W⁽¹⁾x + b⁽¹⁾).")
    for j, (name, want) in enumerate(_GATES.items()):
        if not np.array_equal(H[:, j], want):
            return report(False, f"hidden unit {j + 1} outputs {_bits(H[:, j])} for 00 01 10 11; "
                                 f"{name} is {_bits(want)}.")
    y_hat = step(H @ w2 + b2)
    if np.array_equal(y_hat, Y_XOR):
        return report(True, "h₁ = OR, h₂ = NAND and their AND is XOR on all four inputs.")
    return report(False, f"the hidden layer is right, but the output neuron gives {_bits(y_hat)}; XOR is "
                         f"0 1 1 0. It sees (h₁, h₂) and must be 1 only when both are 1.")


# The linear 2-2-1 network of the exercise: h = W⁽¹⁾x + b⁽¹⁾, f = w⁽²⁾ᵀh + b⁽²⁾.
LINEAR_NET = {"W1": np.array([[1.0, -2.0], [3.0, 0.5]]), "b1": np.array([0.5, -1.0]),
              "w2": np.array([2.0, -1.0]), "b2": 0.25}


def check_linear_collapse(answer) -> CheckResult:
    """(w_eff, b_eff) of the single neuron equal to LINEAR_NET: W⁽¹⁾ᵀw⁽²⁾ and w⁽²⁾ᵀb⁽¹⁾ + b⁽²⁾."""
    parts, problem = _numbers(answer, ((2,), ()), "(w_eff, b_eff)")
    if problem is not None:
        return problem
    w_eff, b_eff = parts
    W1, b1, w2, b2 = LINEAR_NET["W1"], LINEAR_NET["b1"], LINEAR_NET["w2"], LINEAR_NET["b2"]
    want_w, want_b = W1.T @ w2, float(w2 @ b1 + b2)
    w_ok, b_ok = np.allclose(w_eff, want_w), np.isclose(b_eff, want_b)
    if w_ok and b_ok:
        return report(True, f"the network is the single neuron w = {want_w.tolist()}, b = {want_b:g}.")
    if np.allclose(w_eff, W1 @ w2):
        return report(False, "w_eff uses W⁽¹⁾ where W⁽¹⁾ᵀ belongs: w⁽²⁾ᵀ(W⁽¹⁾x) = (W⁽¹⁾ᵀw⁽²⁾)ᵀx.")
    if w_ok and np.isclose(b_eff, w2 @ b1):
        return report(False, "w_eff is right; b_eff is missing the output bias b⁽²⁾.")
    if w_ok and np.isclose(b_eff, b1.sum() + b2):
        return report(False, "w_eff is right; in b_eff each hidden bias is weighted by its output "
                             "weight in w⁽²⁾.")
    if w_ok:
        return report(False, "w_eff is right; b_eff is not yet (evaluate the network at x = (0, 0)).")
    return report(False, "w_eff does not match the network yet (evaluate it at x = (1, 0) and x = (0, 1), "
                         "and subtract its value at (0, 0)).")


EXERCISES = {
    "ex-xor-all-but-00": check_all_but_00,
    "ex-xor-or-nand": check_or_nand_network,
    "ex-xor-linear-collapse": check_linear_collapse,
    # perceptron_run(X, [1, 1, 1, 0], epochs=10)["mistakes"] = [2, 3, 3, 2, 1, 0, ...]
    "ex-xor-perceptron-nand": lambda answer: check_number(
        answer, 11, name="nand_mistakes", whole=True, mistakes=[
            (5, "5 is the number of epochs with a mistake; count every mistake in them."),
            (2, "2 is the count of the first epoch; keep going until an epoch has none."),
        ], not_yet="run the rule epoch by epoch until an epoch makes no mistake, and add them up."),
}
