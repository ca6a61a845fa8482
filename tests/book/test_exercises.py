"""Every exercise's check, tried as a class of students would try it.

For each exercise: a correct answer, the unanswered starter (an invitation), plausible
wrong answers (each named mistake gets its own message, anything else the one fixed
"not yet"), malformed answers (None inside, strings, wrong shapes, NaN) and gaming ones
(nnlib's own functions, numbers that pass a loose tolerance, objects that claim equality).
Then: wrong answers cannot be bisected, and every solution in the chapters, run on its
own, passes its check.
"""

from __future__ import annotations

import contextlib
import functools
import io
import math
import re
from fractions import Fraction
from pathlib import Path

import nbformat
import numpy as np
import pytest

import nnlib.checks
from nnlib.activations import relu, sigmoid, sigmoid_grad, tanh, tanh_grad
from nnlib.checks import EXERCISES, check, check_number, library_name
import nnlib.exercises.backprop
import nnlib.exercises.mlp
from nnlib.exercises.logistic_regression import map_gradient
from nnlib.logistic import LogisticRegression
from nnlib.losses import logistic_loss_grad, softmax

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
KINDS = ("correct", "unanswered", "wrong", "malformed", "gaming")


class AlwaysEqual(float):
    """A float that claims to equal everything (a reader 'gaming' a comparison)."""

    def __eq__(self, other):
        return True

    __hash__ = float.__hash__

    def __sub__(self, other):
        return 0.0


def _right_gradient(w, X, y_pm, lam):
    return -X.T @ (sigmoid(-y_pm * (X @ w)) * y_pm) + lam * w


def _stable_softmax(f):
    e = np.exp(f - np.max(f))
    return e / e.sum()


def _softmax_rows(F):
    e = np.exp(F - F.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _right_backward(x, y, W1, W2):
    a = sigmoid(W1 @ x)
    delta2 = sigmoid(W2 @ a) - y
    return np.outer((W2.T @ delta2) * a * (1 - a), x), np.outer(delta2, a)


def _buggy_backward(x, y, W1, W2):  # the exercise's bug: no σ′ in the hidden layer
    a = sigmoid(W1 @ x)
    delta2 = sigmoid(W2 @ a) - y
    return np.outer(W2.T @ delta2, x), np.outer(delta2, a)


_P_GRAD = np.exp([0.5, -1.0, 2.0]) / np.exp([0.5, -1.0, 2.0]).sum()  # the gradient exercise's p

W_OR_NAND = (np.array([[1.0, 1.0], [-1.0, -1.0]]), np.array([-0.5, 1.5]), np.ones(2), -1.5)
W_LIN = np.array([[1.0, -2.0], [3.0, 0.5]])

# -- the MNIST homework: answers built on first use (training takes a second or two) ----------

def _mnist_backward(params, X, y):
    """A right backward pass of the 784-128-10 ReLU/softmax network (the solution's)."""
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    Z1 = X @ W1.T + b1
    H = np.maximum(Z1, 0)
    F = H @ W2.T + b2
    P = np.exp(F - F.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    dF = P.copy()
    dF[np.arange(len(X)), y] -= 1
    dF /= len(X)
    dZ1 = (dF @ W2) * (Z1 > 0)
    return {"W1": dZ1.T @ X, "b1": dZ1.sum(0), "W2": dF.T @ H, "b2": dF.sum(0)}


def _scaled_backward(factors):
    return lambda p, X, y: {k: factors.get(k, 1.0) * g for k, g in _mnist_backward(p, X, y).items()}


def _no_relu_mask(params, X, y):
    grads = _mnist_backward(params, X, y)
    Z1 = X @ params["W1"].T + params["b1"]
    H = np.maximum(Z1, 0)
    P = softmax(H @ params["W2"].T + params["b2"])
    dF = (P - np.eye(10)[y]) / len(X)
    dZ1 = dF @ params["W2"]                      # ReLU′ forgotten
    return {**grads, "W1": dZ1.T @ X, "b1": dZ1.sum(0)}


@functools.cache
def _mnist_trained(kind):
    from nnlib.mlp import MLP
    from nnlib.mnist import load_mnist
    from nnlib.training import train
    from nnlib.widgets.mnist.recipe import train_recipe

    if kind == "recipe":
        return train_recipe()
    model = MLP([784, 4, 10], seed=0, dtype=np.float32)  # too small, too short: about 0.6-0.8
    X, y = load_mnist("train")
    return model, train(model, X[:500], y[:500], lr=0.1, epochs=1, progress=False)


class _Lazy:
    """A model whose predict trains the named network on first use."""

    def __init__(self, kind):
        self.kind = kind

    def predict(self, X):
        return _mnist_trained(self.kind)[0].predict(X)


class _LookUp:
    """Gaming: 'predicts' the test labels by their order, not from the pixels."""

    def predict(self, X):
        from nnlib.mnist import load_mnist
        return load_mnist("test")[1][: len(X)]


def _history(epochs=10, test=True, rising=False, **override):
    from nnlib.history import History
    loss = list(np.linspace(0.3, 0.06, epochs))[:: -1 if rising else 1]
    values = dict(epoch=list(range(1, epochs + 1)), step=list(range(125, 125 * epochs + 1, 125)),
                  train_loss=loss, train_acc=list(np.linspace(0.91, 0.99, epochs)),
                  test_loss=list(np.linspace(0.35, 0.17, epochs)) if test else [],
                  test_acc=list(np.linspace(0.9, 0.94, epochs)) if test else [])
    values.update(override)
    return History(**values)


_MNIST_SHAPES = {"W1": (128, 784), "b1": (128,), "W2": (10, 128), "b2": (10,)}

# label -> kind -> [(answer, status, a fragment of the message)]
CASES = {
    "ex-act-tanh-grad": {
        "correct": [(lambda z: 1 - np.tanh(z) ** 2, "correct", "matches at all 41 points"),
                    (lambda z: 1 / np.cosh(z) ** 2, "correct", "✓")],
        "unanswered": [(None, "unanswered", "define my_tanh_grad"),
                       (lambda z: None, "unanswered", "still returns None")],
        "wrong": [(np.tanh, "not yet", "tanh(z) itself"),
                  (lambda z: 1 + np.tanh(z) ** 2, "not yet", "check the sign"),
                  (lambda z: np.tanh(z) ** 2, "not yet", "you have tanh²(z)"),
                  (lambda z: 1 - np.tanh(z), "not yet", "check the power"),
                  (lambda z: sigmoid(z) * (1 - sigmoid(z)), "not yet", "the sigmoid's derivative"),
                  (lambda z: np.tanh(z) * (1 - np.tanh(z)), "not yet", "sigmoid's rule"),
                  (lambda z: np.zeros_like(z), "not yet", "does not match tanh′ yet")],
        "malformed": [("1 - tanh(z)**2", "not yet", "must be a function, got str"),
                      (lambda z: z[:3], "not yet", "returned shape (3,)"),
                      (lambda z: np.full_like(z, np.nan), "not yet", "not a finite number"),
                      (lambda z: "x", "not yet", "must return numbers"),
                      (lambda: 0, "not yet", "raised TypeError"),
                      (lambda z: 1 / 0, "not yet", "raised ZeroDivisionError")],
        "gaming": [(tanh_grad, "not yet", "nnlib's own nnlib.activations.tanh_grad"),
                   (tanh, "not yet", "nnlib's own"), (sigmoid_grad, "not yet", "nnlib's own"),
                   (relu, "not yet", "nnlib's own")],
    },
    "ex-act-saturation": {
        "correct": [(4.58, "correct", "z_saturation = 4.58"), (4.585, "correct", "✓"),
                    (np.float32(4.58), "correct", "✓"), (np.array([4.58]), "correct", "✓")],
        "unanswered": [(None, "unanswered", "set z_saturation to your answer (a number, to 2 decimals)")],
        "wrong": [(0.99, "not yet", "that is s = σ(z)"), (0.01, "not yet", "other root"),
                  (-4.58, "not yet", "z > 0"), (4.6, "not yet", "rounded too far"),
                  (4.57, "not yet", "solve s(1 − s) = 0.01"), (2.0, "not yet", "solve s(1 − s) = 0.01")],
        "malformed": [("4.58", "not yet", "the text '4.58'"), (math.nan, "not yet", "nan, which is not a number"),
                      (np.array([4.58, 4.59]), "not yet", "got ndarray"), ([4.58], "not yet", "got list")],
        "gaming": [(4.62, "not yet", "solve"), (4.59, "not yet", "solve"), (True, "not yet", "got bool"),
                   (AlwaysEqual(0.0), "not yet", "solve"), (math.inf, "not yet", "infinite"),
                   (4.58 + 0j, "not yet", "got complex"), (10 ** 400, "not yet", "infinite"),
                   (-10 ** 400, "not yet", "infinite")],
    },
    "ex-act-dead-relu": {
        "correct": [(1.0, "correct", "dead_fraction = 1"), (1, "correct", "✓"), (np.float64(1.0), "correct", "✓")],
        "unanswered": [(None, "unanswered", "set dead_fraction")],
        "wrong": [(0.0, "not yet", "check the sign"), (0.5, "not yet", "b = 0"),
                  (100, "not yet", "not a percentage"), (0.75, "not yet", "find where z = wx + b is positive"),
                  (0.25, "not yet", "find where")],
        "malformed": [("1", "not yet", "the text '1'"), (math.nan, "not yet", "not a number"),
                      (1.5, "not yet", "between 0 and 1"), (-0.5, "not yet", "between 0 and 1")],
        "gaming": [(True, "not yet", "got bool"), (0.98, "not yet", "find where"),
                   (AlwaysEqual(0.3), "not yet", "find where"), (np.array(["1"]), "not yet", "got ndarray")],
    },
    "ex-logreg-gradient": {
        "correct": [(_right_gradient, "correct", "matches the gradient on 3 problems")],
        "unanswered": [(None, "unanswered", "define my_gradient"),
                       (lambda w, X, y_pm, lam: None, "unanswered", "still returns None")],
        "wrong": [(lambda w, X, y_pm, lam: -_right_gradient(w, X, y_pm, lam), "not yet", "sign is flipped"),
                  (lambda w, X, y_pm, lam: _right_gradient(w, X, y_pm, 0.0), "not yet", "penalty"),
                  (lambda w, X, y_pm, lam: _right_gradient(w, X, y_pm, lam / 2), "not yet", "differentiate λ/2"),
                  (lambda w, X, y_pm, lam: _right_gradient(w, X, y_pm, 0.0) / len(y_pm) + lam * w, "not yet", "1/n"),
                  (lambda w, X, y_pm, lam: _right_gradient(w, X, y_pm, lam) / len(y_pm), "not yet", "1/n"),
                  (lambda w, X, y_pm, lam: X.T @ (sigmoid(X @ w) - y_pm) + lam * w, "not yet", "labels 0/1"),
                  (lambda w, X, y_pm, lam: -X.T @ (sigmoid(y_pm * (X @ w)) * y_pm) + lam * w, "not yet", "sign inside σ"),
                  (lambda w, X, y_pm, lam: np.zeros_like(w), "not yet", "does not match the gradient yet"),
                  (lambda w, X, y_pm, lam: -X.T @ (sigmoid(-y_pm * (X @ w)) * y_pm), "not yet", "penalty")],
        "malformed": [(lambda w, X, y_pm, lam: X @ w, "not yet", "one entry per example"),
                      (lambda w, X, y_pm, lam: _right_gradient(w, X, y_pm, lam)[:, None], "not yet",
                       "returned shape (3, 1)"),
                      (lambda w, X, y_pm, lam: w * np.nan, "not yet", "not a finite number"),
                      (lambda w, X: w, "not yet", "raised TypeError"), ("gradient", "not yet", "got str"),
                      (lambda w, X, y_pm, lam: {"g": 1}, "not yet", "must return an array of numbers")],
        "gaming": [(map_gradient, "not yet", "nnlib's own nnlib.exercises.logistic_regression.map_gradient"),
                   (logistic_loss_grad, "not yet", "nnlib's own"),
                   (LogisticRegression().loss_and_gradients, "not yet",
                    "nnlib's own nnlib.logistic.LogisticRegression.loss_and_gradients")],
    },
    "ex-logreg-width": {
        "correct": [(1.10, "correct", "distance_90 = 1.1"), (math.log(9) / 2, "correct", "✓"),
                    (np.log(0.9 / 0.1) / 2, "correct", "✓")],
        "unanswered": [(None, "unanswered", "set distance_90")],
        "wrong": [(math.log(9), "not yet", "that is ‖w‖ δ"), (2 * math.log(9), "not yet", "dividing by ‖w‖"),
                  (-1.10, "not yet", "positive"), (math.log(0.9) / 2, "not yet", "not log p"),
                  (0.45, "not yet", "0.9 is a probability"), (0.48, "not yet", "natural logarithm"),
                  (1.1 * 1.3, "not yet", "solve for δ"), (1.0, "not yet", "solve for δ")],
        "malformed": [("1.1", "not yet", "the text"), (math.nan, "not yet", "not a number"),
                      ((1.1,), "not yet", "got tuple")],
        "gaming": [(1.12, "not yet", "solve for δ"), (1.09, "not yet", "solve for δ"),
                   (AlwaysEqual(1.0), "not yet", "solve for δ"), (False, "not yet", "got bool")],
    },
    "ex-logreg-map-1d": {
        "correct": [(0.401, "correct", "w_map = 0.401"), (0.4011, "correct", "✓"),
                    (np.array(0.40105813754154707), "correct", "✓")],
        "unanswered": [(None, "unanswered", "set w_map to your answer (a number, to 3 decimals)")],
        "wrong": [(math.inf, "not yet", "maximum likelihood"), (0.0, "not yet", "penalty alone"),
                  (-0.401, "not yet", "check the sign"), (0.659, "not yet", "sign inside σ"),
                  (0.222, "not yet", "λ/2 w²"), (0.4, "not yet", "rounded too far"),
                  (0.5, "not yet", "set J′(w) = 0"), (0.402, "not yet", "set J′(w) = 0")],
        "malformed": [("0.401", "not yet", "the text"), (math.nan, "not yet", "not a number"),
                      (np.array([0.401, 0.4]), "not yet", "got ndarray")],
        "gaming": [(0.3995, "not yet", "set J′"), (AlwaysEqual(0.3), "not yet", "set J′"),
                   (-math.inf, "not yet", "infinite")],
    },
    "ex-xor-all-but-00": {
        "correct": [((-1.0, -1.0, 1.5), "correct", "wrong only on 00"), ([-2, -2, 3], "correct", "✓")],
        "unanswered": [(None, "unanswered", "replace None with three numbers"),
                       ((None, None, None), "unanswered", "replace None"),
                       ((1.0, None, 0.5), "unanswered", "still None")],
        "wrong": [((1.0, 1.0, -0.5), "not yet", "wrong on 11"), ((0.0, 0.0, 1.0), "not yet", "wrong on 00, 11"),
                  ((1.0, 1.0, -1.5), "not yet", "outputs 0 0 0 1")],
        "malformed": [(("1", "1", "1"), "not yet", "must be numbers, got str"),
                      ((1.0, 2.0), "not yet", "3 values in a tuple"),
                      ((np.nan, 1.0, 1.0), "not yet", "not finite numbers"),
                      ((np.ones(2), 1.0, 1.0), "not yet", "with shapes"), ("w", "not yet", "3 values")],
        "gaming": [((AlwaysEqual(0.0), 0.0, 0.0), "not yet", "outputs 0 0 0 0"),
                   ((np.inf, -np.inf, 0.0), "not yet", "not finite"), (({}, 1.0, 1.0), "not yet", "got dict")],
    },
    "ex-xor-or-nand": {
        "correct": [(W_OR_NAND, "correct", "XOR on all four inputs")],
        "unanswered": [(None, "unanswered", "replace None with (W1, b1, w2, b2)"),
                       ((None, None, None, None), "unanswered", "replace None"),
                       ((W_OR_NAND[0], None, None, None), "unanswered", "still None")],
        "wrong": [((W_OR_NAND[0][::-1], W_OR_NAND[1][::-1], np.ones(2), -1.5), "not yet", "swapped"),
                  ((np.array([[1.0, -1.0], [1.0, -1.0]]), W_OR_NAND[1], np.ones(2), -1.5), "not yet", "transposed"),
                  ((W_OR_NAND[0], W_OR_NAND[1], np.ones(2), -0.5), "not yet", "the output neuron gives 1 1 1 1"),
                  ((np.ones((2, 2)), np.array([-0.5, -1.5]), np.ones(2), -1.5), "not yet",
                   "hidden unit 2 outputs 0 0 0 1"),
                  ((np.zeros((2, 2)), np.zeros(2), np.zeros(2), 0.0), "not yet", "hidden unit 1 outputs 0 0 0 0")],
        "malformed": [((np.eye(3), np.zeros(2), np.ones(2), 0.0), "not yet", "with shapes"),
                      ((W_OR_NAND[0], W_OR_NAND[1], W_OR_NAND[2]), "not yet", "4 values"),
                      ((W_OR_NAND[0] * np.nan, W_OR_NAND[1], W_OR_NAND[2], -1.5), "not yet", "not finite"),
                      (("W1", "b1", "w2", "b2"), "not yet", "got str")],
        "gaming": [((W_OR_NAND[0].tolist(), W_OR_NAND[1].tolist(), [1, 1], -1.5), "correct", "✓"),
                   ((W_OR_NAND[0].astype(object), W_OR_NAND[1], W_OR_NAND[2], -1.5), "not yet", "got ndarray")],
    },
    "ex-xor-linear-collapse": {
        "correct": [(([-1.0, -4.5], 2.25), "correct", "w = [-1.0, -4.5], b = 2.25"),
                    ((W_LIN.T @ [2.0, -1.0], np.float64(2.25)), "correct", "✓")],
        "unanswered": [(None, "unanswered", "replace None with (w_eff, b_eff)"),
                       ((None, None), "unanswered", "replace None"),
                       (([-1.0, -4.5], None), "unanswered", "still None")],
        "wrong": [((W_LIN @ [2.0, -1.0], 2.25), "not yet", "W⁽¹⁾ where W⁽¹⁾ᵀ belongs"),
                  (([-1.0, -4.5], 2.0), "not yet", "missing the output bias b⁽²⁾"),
                  (([-1.0, -4.5], -0.25), "not yet", "weighted by its output weight in w⁽²⁾"),
                  (([-1.0, -4.5], 3.0), "not yet", "evaluate the network at x = (0, 0)"),
                  (([1.0, 1.0], 0.0), "not yet", "w_eff does not match")],
        "malformed": [((np.array([[-1.0], [-4.5]]), 2.25), "not yet", "with shapes"),
                      (([-1.0, -4.5], np.nan), "not yet", "not finite"),
                      (([-1.0, -4.5], "2.25"), "not yet", "got str"), ([-1.0, -4.5, 2.25], "not yet", "2 values")],
        "gaming": [((-1.0, 2.25), "not yet", "with shapes"), (([-1.0, -4.5], [2.25]), "not yet", "with shapes")],
    },
    "ex-mlp-batch-forward": {
        "correct": [(lambda X, W1, b1, W2, b2: np.tanh(X @ W1.T + b1) @ W2.T + b2, "correct", "matches f on 3"),
                    (lambda X, W1, b1, W2, b2: (W2 @ np.tanh(W1 @ X.T + b1[:, None]) + b2[:, None]).T,
                     "correct", "✓")],
        "unanswered": [(None, "unanswered", "define forward"),
                       (lambda X, W1, b1, W2, b2: None, "unanswered", "still returns None")],
        "wrong": [(lambda X, W1, b1, W2, b2: np.tanh(X @ W1.T) @ W2.T + b2, "not yet", "hidden biases b1"),
                  (lambda X, W1, b1, W2, b2: np.tanh(X @ W1.T + b1) @ W2.T, "not yet", "output bias b2"),
                  (lambda X, W1, b1, W2, b2: (X @ W1.T + b1) @ W2.T + b2, "not yet", "no activation"),
                  (lambda X, W1, b1, W2, b2: np.tanh(np.tanh(X @ W1.T + b1) @ W2.T + b2), "not yet",
                   "the last layer is linear"),
                  (lambda X, W1, b1, W2, b2: np.tanh(X @ W1 + b1) @ W2.T + b2, "not yet", "use W1.T"),
                  (lambda X, W1, b1, W2, b2: np.tanh(X @ W1.T + b1), "not yet", "that is h"),
                  (lambda X, W1, b1, W2, b2: 1.1 * (np.tanh(X @ W1.T + b1) @ W2.T + b2), "not yet",
                   "does not match f")],
        "malformed": [("forward", "not yet", "must be a function"),
                      (lambda X, W1, b1, W2, b2: "F", "not yet", "array of numbers"),
                      (lambda X, W1, b1, W2, b2: np.zeros(len(X)), "not yet", "returned shape"),
                      (lambda X, W1, b1, W2, b2: np.full((len(X), len(W2)), np.nan), "not yet", "finite")],
        "gaming": [(nnlib.exercises.mlp.batch_forward, "not yet", "nnlib's own"),
                   (lambda *args: 1 / 0, "not yet", "ZeroDivisionError")],
    },
    "ex-mlp-param-count": {
        "correct": [(109386, "correct", "n_params = 109386"), (109386.0, "correct", "✓"),
                    (np.int64(109386), "correct", "✓")],
        "unanswered": [(None, "unanswered", "a whole number")],
        "wrong": [(109184, "not yet", "weights only"), (108736, "not yet", "output layer"),
                  (100480, "not yet", "first layer alone"), (109387, "not yet", "Count each layer")],
        "malformed": [("109386", "not yet", "the text"), (math.nan, "not yet", "not a number"),
                      (109386.5, "not yet", "a whole number")],
        "gaming": [(109386.0000001, "not yet", "a whole number"), (AlwaysEqual(3.0), "not yet", "Count each"),
                   (True, "not yet", "got bool")],
    },
    "ex-mlp-collapse": {
        "correct": [(([2.0, 1.0], 1.0), "correct", "single neuron"), ((np.array([2, 1]), np.float64(1)), "correct", "✓")],
        "unanswered": [(None, "unanswered", "replace None with (w_eff, b_eff)"),
                       ((None, None), "unanswered", "replace None"),
                       (([2.0, 1.0], None), "unanswered", "still None")],
        "wrong": [(([1.0, 2.0], 1.0), "not yet", "swapped"), (([2.0, 1.0], -1.0), "not yet", "only the output bias"),
                  (([2.0, 1.0], -0.5), "not yet", "multiplied by the weights"),
                  (([2.0, 1.0], 3.0), "not yet", "output at x = 0"), (([0.0, 0.0], 1.0), "not yet", "does not match")],
        "malformed": [((np.array([[2.0], [1.0]]), 1.0), "not yet", "with shapes"),
                      (([2.0, 1.0], np.nan), "not yet", "not finite"), (([2.0, 1.0], "1"), "not yet", "got str"),
                      ([2.0, 1.0, 1.0], "not yet", "2 values")],
        "gaming": [((2.0, 1.0), "not yet", "with shapes"), (([2.0, 1.0], [1.0]), "not yet", "with shapes")],
    },
    "ex-mlp-bump": {
        "correct": [(([1, 1, 1], [1, 0, -1], [1, -2, 1], 0), "correct", "the bump"),
                    (([2, 1, 1], [2, 0, -1], [0.5, -2, 1], 0), "correct", "✓")],
        "unanswered": [(None, "unanswered", "replace None with (w1, b1, w2, b2)"),
                       ((None, None, None, None), "unanswered", "replace None"),
                       (([1, 1, 1], None, None, None), "unanswered", "still None")],
        "wrong": [(([1, 1, 1], [1, 0, -1], [2, -4, 2], 0), "not yet", "peak is 2"),
                  (([1, 1, 1], [1, 0, -1], [1, -2, 0], 0), "not yet", "stay at 0"),
                  (([1, 1, 1], [0, 0, 0], [1, 1, 1], 0), "not yet", "Place the three kinks")],
        "malformed": [((np.ones(2), np.ones(3), np.ones(3), 0.0), "not yet", "with shapes"),
                      (([1, 1, 1], [1, 0, -1], [1, -2, 1]), "not yet", "4 values"),
                      (([1, 1, np.inf], [1, 0, -1], [1, -2, 1], 0), "not yet", "not finite"),
                      (("w1", "b1", "w2", "b2"), "not yet", "got str")],
        "gaming": [(([1, 1, 1], [1, 0, -1], [1, -2, 1], AlwaysEqual(0.0)), "correct", "✓"),
                   (([1, 1, 1], [1, 0, -1], [1, -2, 1], 1e-3), "not yet", "does not draw")],
    },
    "ex-xor-perceptron-nand": {
        "correct": [(11, "correct", "nand_mistakes = 11"), (11.0, "correct", "✓"), (np.int64(11), "correct", "✓"),
                    (Fraction(22, 2), "correct", "✓")],
        "unanswered": [(None, "unanswered", "a whole number")],
        "wrong": [(5, "not yet", "epochs with a mistake"), (2, "not yet", "first epoch"),
                  (10, "not yet", "add them up"), (12, "not yet", "add them up")],
        "malformed": [("11", "not yet", "the text '11'"), (math.nan, "not yet", "not a number"),
                      (11.5, "not yet", "a whole number")],
        "gaming": [(11.0000001, "not yet", "a whole number"), (10.999, "not yet", "a whole number"),
                   (AlwaysEqual(3.0), "not yet", "add them up"), (True, "not yet", "got bool")],
    },
    "ex-softmax-stable": {
        "correct": [(_stable_softmax, "correct", "including f = (1000, 1001, 1002)"),
                    (lambda f: np.exp(f - np.log(np.sum(np.exp(f - f.max()))) - f.max()), "correct", "✓")],
        "unanswered": [(None, "unanswered", "define my_softmax"),
                       (lambda f: None, "unanswered", "still returns None")],
        "wrong": [(lambda f: np.exp(f) / np.sum(np.exp(f)), "not yet", "exp overflows or underflows"),
                  (lambda f: np.exp(f - f.max()), "not yet", "do not add up to 1"),
                  (lambda f: np.exp(f - f.min()) / np.sum(np.exp(f - f.min())), "not yet", "exp overflows"),
                  (lambda f: f / f.sum(), "not yet", "do not add up to 1"),
                  (lambda f: np.ones_like(f) / f.size, "not yet", "two equal scores must give")],
        "malformed": [("softmax", "not yet", "must be a function, got str"),
                      (lambda f: f[:1], "not yet", "returned shape (1,)"),
                      (lambda f: "p", "not yet", "must return numbers"),
                      (lambda: 0, "not yet", "raised TypeError")],
        "gaming": [(softmax, "not yet", "nnlib's own nnlib.losses.multiclass.softmax"),
                   (functools.partial(softmax), "not yet", "nnlib's own"),
                   (lambda f: AlwaysEqual(1.0), "not yet", "returned shape ()")],
    },
    "ex-softmax-gradient": {
        "correct": [(_P_GRAD - np.eye(3)[1], "correct", "grad = p − y"),
                    (list(np.round(_P_GRAD - np.eye(3)[1], 3)), "correct", "✓")],
        "unanswered": [(None, "unanswered", "three numbers, to 3 decimals")],
        "wrong": [(np.eye(3)[1] - _P_GRAD, "not yet", "check the sign"),
                  (_P_GRAD, "not yet", "that is p itself"),
                  (_P_GRAD - np.eye(3)[2], "not yet", "at the wrong class"),
                  (-np.eye(3)[1] / _P_GRAD, "not yet", "with respect to p"),
                  (np.zeros(3), "not yet", "Compute p = softmax(f) first")],
        "malformed": [("0.175, -0.961, 0.786", "not yet", "not text"),
                      (np.zeros(2), "not yet", "shape (3,)"),
                      ([np.nan, 0.0, 0.0], "not yet", "not finite"),
                      ({}, "not yet", "got dict")],
        "gaming": [(_P_GRAD - np.eye(3)[1] + 0.002, "not yet", "Compute p = softmax(f) first"),
                   ([AlwaysEqual(0.0)] * 3, "not yet", "Compute p = softmax(f) first")],
    },
    "ex-softmax-shift": {
        "correct": [(0.09, "correct", "p1 = 0.09"), (0.0900, "correct", "✓"), (np.float64(0.09003), "correct", "✓")],
        "unanswered": [(None, "unanswered", "to 4 decimals")],
        "wrong": [(0.6652, "not yet", "the largest score"), (0.2447, "not yet", "that is p2"),
                  (1 / 3, "not yet", "not equal"), (0.1, "not yet", "subtract the same constant")],
        "malformed": [("0.09", "not yet", "the text '0.09'"), (math.nan, "not yet", "not a number"),
                      (1.5, "not yet", "between 0 and 1")],
        "gaming": [(0.0906, "not yet", "subtract the same constant"), (AlwaysEqual(0.5), "not yet", "subtract"),
                   (True, "not yet", "got bool")],
    },
    "ex-softmax-target": {
        "correct": [(2.08, "correct", "f2 = 2.08"), (float(np.log(8)), "correct", "✓")],
        "unanswered": [(None, "unanswered", "to 2 decimals")],
        "wrong": [(1.39, "not yet", "against one other class"), (0.8, "not yet", "a score, not a probability"),
                  (3.0, "not yet", "solve for exp(f₂)")],
        "malformed": [("2.08", "not yet", "without quotes"), (math.inf, "not yet", "infinite")],
        "gaming": [(2.09, "not yet", "solve for exp(f₂)"), (2.1, "not yet", "rounded too far"),
                   (AlwaysEqual(2.0), "not yet", "solve")],
    },
    "ex-training-gd-step": {
        "correct": [(lambda w, A, lr: w - lr * A @ w, "correct", "w − α A w"),
                    (lambda w, A, lr: w - lr * (A @ w), "correct", "✓")],
        "unanswered": [(None, "unanswered", "define gd_step"),
                       (lambda w, A, lr: None, "unanswered", "still returns None")],
        "wrong": [(lambda w, A, lr: w + lr * A @ w, "not yet", "check the sign"),
                  (lambda w, A, lr: w - A @ w, "not yet", "learning rate α is missing"),
                  (lambda w, A, lr: -lr * A @ w, "not yet", "only the change"),
                  (lambda w, A, lr: w - lr * w, "not yet", "does not take the step yet")],
        "malformed": [("w - lr * A @ w", "not yet", "must be a function, got str"),
                      (lambda w, A, lr: w[:1], "not yet", "shape (2,)"),
                      (lambda w, A, lr: "w", "not yet", "must return numbers"),
                      (lambda w: w, "not yet", "raised TypeError")],
        "gaming": [(lambda w, A, lr: AlwaysEqual(0.0), "not yet", "shape (2,)"),
                   (lambda w, A, lr: w - lr * A @ w + 1e-6, "not yet", "does not take the step yet")],
    },
    "ex-training-max-lr": {
        "correct": [(0.5, "correct", "max_lr = 0.5"), (np.float64(0.5), "correct", "✓")],
        "unanswered": [(None, "unanswered", "to 2 decimals")],
        "wrong": [(2 / 3, "not yet", "diagonal entry"), (1.0, "not yet", "smallest curvature"),
                  (0.25, "not yet", "1/M"), (0.4, "not yet", "eigenvalues of A")],
        "malformed": [("0.5", "not yet", "without quotes"), (math.nan, "not yet", "not a number")],
        "gaming": [(0.53, "not yet", "eigenvalues of A"), (AlwaysEqual(0.2), "not yet", "eigenvalues"),
                   (True, "not yet", "got bool")],
    },
    "ex-training-minibatch": {
        "correct": [(lambda X, y, w, idx: ((-y[idx] * sigmoid(-y[idx] * (X[idx] @ w)))[:, None] * X[idx]).mean(0),
                     "correct", "equals the full gradient")],
        "unanswered": [(None, "unanswered", "define minibatch_gradient"),
                       (lambda X, y, w, idx: None, "unanswered", "still returns None")],
        "wrong": [(lambda X, y, w, idx: ((-y[idx] * sigmoid(-y[idx] * (X[idx] @ w)))[:, None] * X[idx]).sum(0),
                   "not yet", "the sum over the minibatch"),
                  (lambda X, y, w, idx: ((y[idx] * sigmoid(-y[idx] * (X[idx] @ w)))[:, None] * X[idx]).mean(0),
                   "not yet", "check the sign"),
                  (lambda X, y, w, idx: ((-y * sigmoid(-y * (X @ w)))[:, None] * X).mean(0),
                   "not yet", "gradient on all of D"),
                  (lambda X, y, w, idx: X[idx].mean(0), "not yet", "does not match")],
        "malformed": [("grad", "not yet", "must be a function, got str"),
                      (lambda X, y, w, idx: np.zeros(3), "not yet", "shape (2,)"),
                      (lambda X, y, w, idx: "g", "not yet", "must return numbers"),
                      (lambda X, y: 0, "not yet", "raised TypeError")],
        "gaming": [(logistic_loss_grad, "not yet", "nnlib's own"),
                   (lambda X, y, w, idx: [AlwaysEqual(0.0)] * 2, "not yet", "does not match")],
    },
    "ex-training-momentum": {
        "correct": [((0.5, 0.9), "correct", "below 10⁻³"), ([0.3, 0.8], "correct", "✓")],
        "unanswered": [(None, "unanswered", "(lr, beta)")],
        "wrong": [((0.9, 0.0), "not yet", "plain gradient descent"),
                  ((2.5, 0.9), "not yet", "diverges"),
                  ((0.01, 0.5), "not yet", "still above 10⁻³")],
        "malformed": [("0.5, 0.9", "not yet", "two numbers"), ((0.5,), "not yet", "two numbers"),
                      ((0.5, 1.0), "not yet", "β must be in [0, 1)"), ((-0.1, 0.5), "not yet", "must be > 0"),
                      ((math.nan, 0.5), "not yet", "finite")],
        "gaming": [((True, 0.9), "not yet", "finite numbers"),
                   ((AlwaysEqual(0.5), 0.0), "not yet", "plain gradient descent")],
    },
    "ex-backprop-local": {
        "correct": [((2.0, 0.235, 1.607), "correct", "(ŷ − y)x₁"),
                    ([2, 0.2350037, 1.6065307], "correct", "✓"),
                    ((2.0, 0.235, 1.608), "correct", "✓")],  # ŷ rounded to 0.378 first
        "unanswered": [(None, "unanswered", "tuple of three numbers")],
        "wrong": [((0.5, 0.235, 1.607), "not yet", "not w₁₁ itself"),
                  ((2.0, 0.378, 1.607), "not yet", "not σ(z) itself"),
                  ((2.0, 0.235, -1.607), "not yet", "check the sign"),
                  ((2.0, 0.235, -2.649), "not yet", "when y = 0"),
                  ((1.0, 0.25, 2.0), "not yet", "not the three local derivatives yet")],
        "malformed": [("2, 0.235, 1.607", "not yet", "three numbers"), ((2.0, 0.235), "not yet", "three numbers"),
                      ((2.0, math.nan, 1.6), "not yet", "finite number")],
        "gaming": [((2.0, 0.236, 1.607), "not yet", "not the three local derivatives yet"),
                   ((AlwaysEqual(0.0), 0.235, 1.607), "not yet", "not the three"),
                   ((True, 0.235, 1.607), "not yet", "finite number")],
    },
    "ex-backprop-two-paths": {
        "correct": [(0.016, "correct", "dl_dx1 = 0.016"), (np.float64(0.016), "correct", "✓"),
                    (0.0159, "correct", "✓"), (0.0161, "correct", "✓")],  # rounded by hand
        "unanswered": [(None, "unanswered", "to 4 decimals")],
        "wrong": [(0.0542, "not yet", "through a₁₁"), (-0.0382, "not yet", "through a₁₂"),
                  (-5.3437, "not yet", "wrong way round"), (-0.1819, "not yet", "is not ∂ℓ/∂x₁ yet"),
                  (0.0797, "not yet", "W1[1, 0]: the weight from x₁ into unit 2")],
        "malformed": [("0.016", "not yet", "without quotes"), (math.inf, "not yet", "infinite")],
        "gaming": [(0.0163, "not yet", "is not ∂ℓ/∂x₁ yet"), (0.0166, "not yet", "is not ∂ℓ/∂x₁ yet"),
                   (0.0157, "not yet", "is not ∂ℓ/∂x₁ yet"),
                   (AlwaysEqual(0.5), "not yet", "is not ∂ℓ/∂x₁ yet"), (True, "not yet", "got bool")],
    },
    "ex-backprop-find-bug": {
        "correct": [(_right_backward, "correct", "all four networks")],
        "unanswered": [(None, "unanswered", "define backward"),
                       (lambda x, y, W1, W2: None, "unanswered", "still returns None")],
        "wrong": [(_buggy_backward, "not yet", "still buggy_backward"),
                  (lambda x, y, W1, W2: (_right_backward(x, y, W1, W2)[0].T, _right_backward(x, y, W1, W2)[1]),
                   "not yet", "transposed"),
                  (lambda x, y, W1, W2: (0 * W1, 0 * W2), "not yet", "does not give the gradients yet")],
        "malformed": [("backward", "not yet", "must be a function, got str"),
                      (lambda x, y, W1, W2: W1, "not yet", "two arrays"),
                      (lambda x, y, W1, W2: (W1, W1), "not yet", "shape of W2"),
                      (lambda x, y: 0, "not yet", "raised TypeError")],
        "gaming": [(nnlib.exercises.backprop.reference_backward, "not yet", "nnlib's own"),
                   (lambda x, y, W1, W2: (AlwaysEqual(0.0), AlwaysEqual(0.0)), "not yet", "shape of W2"),
                   (lambda x, y, W1, W2: tuple(g * 1.01 for g in _right_backward(x, y, W1, W2)),
                    "not yet", "does not give the gradients yet")],
    },
    "ex-backprop-output-delta": {
        "correct": [(lambda F, y: _softmax_rows(F) - np.eye(F.shape[1])[y], "correct", "δ = p − y")],
        "unanswered": [(None, "unanswered", "define output_delta"),
                       (lambda F, y: None, "unanswered", "still returns None")],
        "wrong": [(lambda F, y: np.eye(F.shape[1])[y] - _softmax_rows(F), "not yet", "check the sign"),
                  (lambda F, y: F - np.eye(F.shape[1])[y], "not yet", "not the scores"),
                  (lambda F, y: (_softmax_rows(F) - np.eye(F.shape[1])[y]) / len(F), "not yet", "1/n"),
                  (lambda F, y: np.exp(F) / np.exp(F).sum(1, keepdims=True) - np.eye(F.shape[1])[y],
                   "not yet", "overflows"),
                  (lambda F, y: _softmax_rows(F), "not yet", "does not give δ yet")],
        "malformed": [("p - y", "not yet", "must be a function, got str"),
                      (lambda F, y: F[:, 0], "not yet", "shape of F"),
                      (lambda F, y: "d", "not yet", "array of numbers"),
                      (lambda F: F, "not yet", "raised TypeError")],
        "gaming": [(softmax, "not yet", "nnlib's own"),
                   (lambda F, y: np.full(F.shape, AlwaysEqual(0.0)), "not yet", "does not give δ yet")],
    },
    "ex-mnist-shapes": {
        "correct": [(dict(_MNIST_SHAPES), "correct", "101,770 parameters"),
                    ({k: list(v) for k, v in _MNIST_SHAPES.items()}, "correct", "✓")],
        "unanswered": [(None, "unanswered", "set shapes to a dict")],
        "wrong": [({**_MNIST_SHAPES, "W1": (784, 128)}, "not yet", "a weight matrix is transposed"),
                  ({**_MNIST_SHAPES, "W2": (128, 10)}, "not yet", "transposed"),
                  ({**_MNIST_SHAPES, "b1": (128, 1)}, "not yet", "a bias holds one number per unit"),
                  ({**_MNIST_SHAPES, "b2": (128,)}, "not yet", "not the shapes of the 784-128-10 network yet"),
                  ({**_MNIST_SHAPES, "W1": (128, 28, 28)}, "not yet", "not the shapes")],
        "malformed": [("W1: 128 x 784", "not yet", "must be a dict"),
                      ({"W1": (128, 784)}, "not yet", "needs exactly the keys W1, b1, W2, b2"),
                      ({**_MNIST_SHAPES, "W1": "128, 784"}, "not yet", "tuple of whole numbers"),
                      ({**_MNIST_SHAPES, "b1": ()}, "not yet", "tuple of whole numbers")],
        "gaming": [({**_MNIST_SHAPES, "W1": (128.0, 784.0)}, "not yet", "tuple of whole numbers"),
                   ({**_MNIST_SHAPES, "W1": (AlwaysEqual(128), 784)}, "not yet", "tuple of whole numbers"),
                   ({**_MNIST_SHAPES, "b2": (True,)}, "not yet", "tuple of whole numbers")],
    },
    "ex-mnist-initial-loss": {
        "correct": [(2.30, "correct", "initial_loss = 2.3"), (np.log(10), "correct", "✓")],
        "unanswered": [(None, "unanswered", "to 2 decimals")],
        "wrong": [(1.0, "not yet", "log₁₀ 10"), (3.32, "not yet", "log₂ 10"),
                  (0.1, "not yet", "the probability each class gets"),
                  (-2.3, "not yet", "never negative"), (2.41, "not yet", "what probability")],
        "malformed": [("2.30", "not yet", "without quotes"), (math.nan, "not yet", "not a number")],
        "gaming": [(2.32, "not yet", "what probability"), (AlwaysEqual(1.7), "not yet", "what probability"),
                   (True, "not yet", "got bool")],
    },
    "ex-mnist-backward": {
        "correct": [(_mnist_backward, "correct", "against central differences")],
        "unanswered": [(None, "unanswered", "define backward"),
                       (lambda p, X, y: None, "unanswered", "still returns None")],
        "wrong": [(_scaled_backward({k: 5.0 for k in "W1 b1 W2 b2".split()}), "not yet", "the sum over the batch"),
                  (_scaled_backward({k: -1.0 for k in "W1 b1 W2 b2".split()}), "not yet", "check the sign"),
                  (_no_relu_mask, "not yet", "back through the hidden layer"),
                  (_scaled_backward({"W2": 0.5}), "not yet", "does not match the gradient")],
        "malformed": [("backward", "not yet", "must be a function, got str"),
                      (lambda p, X, y: {"W1": 0}, "not yet", "keys W1, b1, W2, b2"),
                      (lambda p, X, y: {k: v.T for k, v in _mnist_backward(p, X, y).items()}, "not yet", "(transposed?)"),
                      (lambda p, X, y: {**_mnist_backward(p, X, y), "b1": np.full(128, np.nan)}, "not yet", "NaN or inf"),
                      (lambda p, X: 0, "not yet", "raised TypeError")],
        "gaming": [(softmax, "not yet", "nnlib's own"),
                   (lambda p, X, y: {k: AlwaysEqual(0.0) for k in p}, "not yet", "must have the shape of")],
    },
    "ex-mnist-curves": {
        "correct": [(_history(), "correct", "10 epochs"),
                    (_history(), "correct", "on the test set")],
        "unanswered": [(None, "unanswered", "keep what train returns in history")],
        "wrong": [(_history(test=False), "not yet", "no test curves: give train X_test="),
                  (_history(epochs=5), "not yet", "train for the chapter's RECIPE.epochs = 10"),
                  (_history(rising=True), "not yet", "the training loss did not fall")],
        "malformed": [("history", "not yet", "must be what nnlib.training.train returns"),
                      (_history(test_acc=[0.9] * 9), "not yet", "different lengths"),
                      (_history(train_loss=[math.nan] * 10), "not yet", "NaN or inf"),
                      (_history(test_acc=[1.5] * 10), "not yet", "accuracies must lie in [0, 1]")],
        "gaming": [({"train_loss": [1.0], "test_loss": [1.0]}, "not yet", "must be what nnlib.training.train returns"),
                   (_history(test_acc=["0.95"] * 10), "not yet", "must hold numbers")],
    },
    "ex-mnist-accuracy": {
        "correct": [(_Lazy("recipe"), "correct", "test accuracy 0.9425"),
                    (_Lazy("recipe"), "correct", "needed 0.92")],
        "unanswered": [(None, "unanswered", "train your network")],
        "wrong": [(_Lazy("small"), "not yet", "below the 0.92 asked for"),
                  (type("Zeros", (), {"predict": lambda self, X: np.zeros(len(X), int)})(), "not yet",
                   "no better than guessing")],
        "malformed": [("model", "not yet", "must have a predict(X) method"),
                      (type("Short", (), {"predict": lambda self, X: np.zeros(3)})(), "not yet",
                       "one label per row"),
                      (type("Broken", (), {"predict": lambda self, X: 1 / 0})(), "not yet",
                       "raised ZeroDivisionError")],
        "gaming": [(_LookUp(), "not yet", "depends on the digit's place"),
                   (type("Equal", (), {"predict": lambda self, X: AlwaysEqual(1.0)})(), "not yet",
                    "one label per row")],
    },
}

CASE_LIST = [(label, kind, i, *case) for label, kinds in CASES.items() for kind in KINDS
             for i, case in enumerate(kinds.get(kind, []))]


def test_every_exercise_is_tried_every_way():
    assert set(CASES) == set(EXERCISES), "add cases here for every exercise in nnlib/exercises/"
    for label, kinds in CASES.items():
        assert set(kinds) == set(KINDS), f"{label}: needs {sorted(set(KINDS) - set(kinds))}"
        assert all(kinds[k] for k in KINDS)
        assert all(status == "correct" for _, status, _ in kinds["correct"])
        assert all(status == "unanswered" for _, status, _ in kinds["unanswered"])


@pytest.mark.parametrize("label, kind, i, answer, status, fragment", CASE_LIST,
                         ids=[f"{c[0]}-{c[1]}-{c[2]}" for c in CASE_LIST])
def test_check(label, kind, i, answer, status, fragment, capsys):
    result = check(label, answer)
    printed = capsys.readouterr().out
    assert printed == result.message + "\n", "a check prints exactly its one line"
    assert result.status == status, result.message
    assert bool(result) is (status == "correct")
    assert fragment in result.message
    prefix = {"correct": "✓ Correct: ", "not yet": "✗ Not yet: ", "unanswered": "✎ Your turn: "}[status]
    assert result.message.startswith(prefix)


def _messages(label, answers):
    with contextlib.redirect_stdout(io.StringIO()):
        return {check(label, a).message for a in answers}


@pytest.mark.parametrize("label, answers", [
    ("ex-act-saturation", [4.585 + d for d in (-3.0, -0.7, -0.2, -0.03, 0.03, 0.2, 0.7, 3.0, 25.0)]),
    ("ex-logreg-width", [1.0986 + d for d in (-3.0, -0.7, -0.2, -0.03, 0.03, 0.2, 0.7, 3.0, 25.0)]),
    ("ex-logreg-map-1d", [0.40106 + d for d in (-3.0, -0.7, -0.2, -0.03, 0.03, 0.2, 0.7, 3.0, 25.0)]),
    ("ex-xor-perceptron-nand", [11 + d for d in (-8, -4, -1, 1, 3, 20)]),
    ("ex-mlp-param-count", [109386 + d for d in (-9000, -300, -1, 1, 37, 5000)]),
    ("ex-softmax-shift", [0.09003 + d for d in (-0.08, -0.03, -0.01, 0.01, 0.05, 0.2, 0.5, 0.8)]),
    ("ex-softmax-target", [2.0794 + d for d in (-1.9, -0.5, -0.2, -0.03, 0.03, 0.2, 0.7, 3.0, 25.0)]),
    ("ex-training-max-lr", [0.5 + d for d in (-0.45, -0.3, -0.1, -0.03, 0.03, 0.1, 0.4, 2.0, 9.0)]),
    ("ex-backprop-two-paths", [0.016 + d for d in (-0.9, -0.2, -0.03, -0.004, 0.003, 0.05, 0.3, 4.0)]),
])
def test_wrong_numbers_cannot_be_bisected(label, answers):
    """Below, above, near and far (and no named mistake): every wrong value reads the same,
    and the message names no number to aim at."""
    messages = _messages(label, answers)
    assert len(messages) == 1, messages
    message = messages.pop()
    expected = {"ex-act-saturation": 4.585, "ex-logreg-width": 1.0986, "ex-logreg-map-1d": 0.401,
                "ex-xor-perceptron-nand": 11, "ex-mlp-param-count": 109386,
                "ex-softmax-shift": 0.09003, "ex-softmax-target": 2.0794,
                "ex-training-max-lr": 0.5, "ex-backprop-two-paths": 0.016}[label]
    assert all(f"{expected:.{k}f}" not in message for k in range(1, 4)) and "11" not in message
    assert "expected" not in message
    assert "too large" not in message and "too small" not in message


def test_dead_fraction_gives_nothing_away():
    """The answer is at the end of [0, 1]: no message may point to it."""
    messages = _messages("ex-act-dead-relu", [0.1, 0.2, 0.3, 0.6, 0.9, 0.95, 0.99 - 0.02])
    assert len(messages) == 1 and "1" not in messages.pop().replace("−", "")


@pytest.mark.parametrize("scale", [0.5, 0.9, 1.1, 2.0, -3.0])
def test_wrong_functions_cannot_be_bisected(scale):
    """A function off by any factor gets the same fixed message, with no expected values."""
    tanh_msg = _messages("ex-act-tanh-grad", [lambda z: scale * (1 - np.tanh(z) ** 2) + 0.01])
    grad_msg = _messages("ex-logreg-gradient", [lambda w, X, y, lam: scale * _right_gradient(w, X, y, lam) + 0.01])
    assert tanh_msg == {"✗ Not yet: my_tanh_grad does not match tanh′ yet. Compare it with a finite "
                        "difference (tanh(z + h) − tanh(z − h)) / 2h at a few z."}
    assert grad_msg == {"✗ Not yet: " + nnlib.exercises.logistic_regression.GRADIENT_NOT_YET}


def test_checks_do_not_change_the_readers_arrays():
    W1, b1, w2, b2 = (np.array(a, copy=True) for a in W_OR_NAND)
    with contextlib.redirect_stdout(io.StringIO()):
        check("ex-xor-or-nand", (W1, b1, w2, b2))
    assert all(np.array_equal(x, y) for x, y in zip((W1, b1, w2, b2), W_OR_NAND))


def test_library_answers_are_refused_by_identity_and_module_but_wrappers_are_not_detected():
    import functools

    import nnlib.activations as act

    assert library_name(act.tanh_grad) == "nnlib.activations.tanh_grad"
    assert library_name(functools.partial(act.tanh_grad)) == "nnlib.activations.tanh_grad"
    assert library_name(LogisticRegression().fit).startswith("nnlib.logistic.LogisticRegression")
    assert library_name(nnlib.exercises.logistic_regression.map_gradient) is not None
    assert library_name(np.tanh) is None and library_name(4.5) is None
    # documented limitation (CONTRIBUTING, nnlib.checks): a reader's own wrapper passes
    assert library_name(lambda z: act.tanh_grad(z)) is None


def test_check_number_precision_matches_the_question():
    with contextlib.redirect_stdout(io.StringIO()):
        assert check_number(4.58, 4.585, decimals=2) and check_number(4.5849, 4.585, decimals=2)
        assert not check_number(4.62, 4.67, decimals=2) and not check_number(4.59, 4.5849, decimals=2)
        assert check_number(0.401, 0.40106, decimals=3) and not check_number(0.4, 0.40106, decimals=3)
        assert check_number(3.0, 3.0) and not check_number(3.0001, 3.0)


# -- the solutions, run on their own (the notebooks never run them) -----------------------

def _solutions():
    found = []
    for path in CHAPTERS:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "markdown" and "solution" in cell.metadata.get("tags", []):
                label = re.search(r"^:::\{solution\} (\S+)", cell.source, re.M).group(1)
                code = re.findall(r"^```python\n(.*?)^```$", cell.source, re.M | re.S)
                found.append((label, code))
    return found


SOLUTIONS = _solutions()


def test_every_exercise_has_one_solution_with_code():
    labels = [label for label, _ in SOLUTIONS]
    assert sorted(labels) == sorted(EXERCISES)
    assert all(len(code) == 1 for _, code in SOLUTIONS), "one ```python block per solution"


@pytest.mark.parametrize("label, code", SOLUTIONS, ids=[s[0] for s in SOLUTIONS])
def test_solution_passes_its_check(label, code, monkeypatch, capsys):
    """Each solution's code runs after the setup cell alone (numpy as np, and check)."""
    results = []

    def recording_check(lbl, answer):
        results.append((lbl, check(lbl, answer)))
        return results[-1][1]

    monkeypatch.setattr(nnlib.checks, "check", recording_check)
    exec(compile(code[0], f"solution {label}", "exec"), {"np": np, "check": recording_check})
    assert [lbl for lbl, _ in results] == [label]
    assert results[0][1].status == "correct", results[0][1].message
    assert "✓ Correct" in capsys.readouterr().out
