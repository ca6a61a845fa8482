"""Checks for the exercises of the chapter *XOR: the limits of one neuron*."""

from __future__ import annotations

import numpy as np

from nnlib.activations import step
from nnlib.checks import CheckResult, check_number, report
from nnlib.datasets import xor_gate

X, Y_XOR = xor_gate()  # inputs in counting order 00, 01, 10, 11
_INPUTS = ["00", "01", "10", "11"]


def _numbers(answer, shapes: tuple, names: str):
    """The answer as float arrays of the given shapes, or a message saying what is wrong."""
    if answer is None or (isinstance(answer, tuple) and any(a is None for a in answer)):
        return None, f"replace None with {names}."
    try:
        parts = [np.asarray(a, dtype=float) for a in answer]
    except (TypeError, ValueError):
        return None, f"the answer must be {names}."
    if len(parts) != len(shapes) or any(p.shape != s for p, s in zip(parts, shapes)):
        got = ", ".join(str(p.shape) for p in parts)
        want = ", ".join(str(s) for s in shapes)
        return None, f"the answer must be {names} with shapes ({want}); got shapes ({got})."
    if not all(np.isfinite(p).all() for p in parts):
        return None, "the answer must contain finite numbers."
    return parts, ""


def check_all_but_00(answer) -> CheckResult:
    """(w1, w2, b) of a step neuron right on XOR everywhere except at (0, 0)."""
    parts, problem = _numbers(answer, ((), (), ()), "three numbers (w1, w2, b)")
    if parts is None:
        return report(False, problem)
    w1, w2, b = parts
    y_hat = step(X @ np.array([w1, w2]) + b)
    wrong = [name for name, got, want in zip(_INPUTS, y_hat, Y_XOR) if got != want]
    if wrong == ["00"]:
        return report(True, "the neuron outputs 1 1 1 0: right on 01, 10, 11, wrong only on 00.")
    return report(False, f"the neuron outputs {' '.join(str(int(v)) for v in y_hat)}, so it is "
                           f"wrong on {', '.join(wrong) or 'no input'}; it should be wrong on 00 only.")


def check_or_nand_network(answer) -> CheckResult:
    """(W, b, v, c) of a 2-2-1 step network with h1 = OR, h2 = NAND and output AND = XOR."""
    parts, problem = _numbers(answer, ((2, 2), (2,), (2,), ()), "(W, b, v, c)")
    if parts is None:
        return report(False, problem)
    W, b, v, c = parts
    H = step(X @ W.T + b)
    y_hat = step(H @ v + c)
    for j, (name, want) in enumerate([("OR", [0, 1, 1, 1]), ("NAND", [1, 1, 1, 0])]):
        if not np.array_equal(H[:, j], want):
            return report(False, f"hidden unit {j + 1} outputs {' '.join(str(int(h)) for h in H[:, j])}"
                                   f" for 00 01 10 11; {name} is {' '.join(map(str, want))}.")
    if not np.array_equal(y_hat, Y_XOR):
        return report(False, f"the hidden layer is right, but the output is "
                               f"{' '.join(str(int(t)) for t in y_hat)}; XOR is 0 1 1 0.")
    return report(True, "h₁ = OR, h₂ = NAND and their AND is XOR on all four inputs.")


# The linear 2-2-1 network of the exercise: h = W x + b, f = w2 . h + b2.
LINEAR_NET = {"W": np.array([[1.0, -2.0], [3.0, 0.5]]), "b": np.array([0.5, -1.0]),
              "w2": np.array([2.0, -1.0]), "b2": 0.25}


def check_linear_collapse(answer) -> CheckResult:
    """(w_eff, b_eff) of the single neuron equal to LINEAR_NET: W^T w2 and w2 . b + b2."""
    parts, problem = _numbers(answer, ((2,), ()), "(w_eff, b_eff)")
    if parts is None:
        return report(False, problem)
    w_eff, b_eff = parts
    net = LINEAR_NET
    want_w, want_b = net["W"].T @ net["w2"], float(net["w2"] @ net["b"] + net["b2"])
    if not np.allclose(w_eff, want_w):
        return report(False, f"w_eff = {np.round(w_eff, 4).tolist()} does not match the network "
                               f"(try it on x = (1, 0) and x = (0, 1)).")
    if not np.isclose(b_eff, want_b):
        return report(False, f"w_eff is right; b_eff = {float(b_eff):.4g} is not (try x = (0, 0)).")
    return report(True, f"the network is the single neuron w = {want_w.tolist()}, b = {want_b:g}.")


EXERCISES = {
    "ex-xor-all-but-00": check_all_but_00,
    "ex-xor-or-nand": check_or_nand_network,
    "ex-xor-linear-collapse": check_linear_collapse,
    # perceptron_run(X, [1, 1, 1, 0], epochs=10)["mistakes"] = [2, 3, 3, 2, 1, 0, ...]
    "ex-xor-perceptron-nand": lambda answer: check_number(answer, 11.0, name="nand_mistakes",
                                                          tol=1e-9),
}
