"""Checks for the milestones of the chapter *The MNIST homework*.

Five milestones, in the order a student meets them: the shapes of the parameters, the
loss before training, a backward pass that survives a gradient check, the per-epoch
curves of a training run, and a test accuracy of at least :data:`TARGET_ACCURACY`.
A named mistake here is one the chapter discusses (a transposed weight matrix, the log in
base 10, a sum where the mean belongs, a missing ReLU′), so naming it gives nothing away.
Every other wrong answer gets one fixed message.
"""

from __future__ import annotations

import math
from numbers import Real

import numpy as np

from nnlib.checks import CheckResult, check_number, library_name, report, your_turn
from nnlib.mlp import MLP

# RECIPE (nnlib.widgets.mnist.recipe) is imported where it is used: importing any module of
# nnlib.widgets imports matplotlib, and nnlib.checks loads every chapter's checks at once.


def _recipe():
    from nnlib.widgets.mnist.recipe import RECIPE

    return RECIPE

__all__ = ["EXERCISES", "POINTS", "SHAPES", "TARGET_ACCURACY", "BATCH_ROWS", "backward_case"]

#: The parameters of the 784-128-10 network: W_l is (m_l, m_{l-1}), b_l is (m_l,).
SHAPES = {"W1": (128, 784), "b1": (128,), "W2": (10, 128), "b2": (10,)}
#: The test accuracy on the shipped split that the homework asks for.
TARGET_ACCURACY = 0.92

# --- milestone 1: the shapes ------------------------------------------------------------------

SHAPES_NOT_YET = ("these are not the shapes of the 784-128-10 network yet. Write W x + b for "
                  "one layer and ask what shape W needs to turn 784 numbers into 128.")


def _shape(value) -> tuple[int, ...] | None:
    """A shape given as a tuple or list of whole numbers, else None."""
    if not isinstance(value, (tuple, list)) or not value:
        return None
    if not all(isinstance(s, (int, np.integer)) and not isinstance(s, bool) for s in value):
        return None
    return tuple(int(s) for s in value)


def check_shapes(answer) -> CheckResult:
    """shapes = {"W1": (128, 784), "b1": (128,), "W2": (10, 128), "b2": (10,)}."""
    if answer is None:
        return your_turn("set shapes to a dict {'W1': (rows, columns), 'b1': (...,), ...} "
                         "and run this cell.")
    if not isinstance(answer, dict):
        return report(False, f"shapes must be a dict from parameter name to shape, got "
                             f"{type(answer).__name__}.")
    if set(answer) != set(SHAPES):
        return report(False, f"shapes needs exactly the keys W1, b1, W2, b2; got "
                             f"{sorted(map(str, answer))}.")
    got = {name: _shape(value) for name, value in answer.items()}
    bad = [name for name, shape in got.items() if shape is None]
    if bad:
        return report(False, f"each shape must be a tuple of whole numbers such as (3, 2); "
                             f"{bad[0]} is {answer[bad[0]]!r}.")
    if got == SHAPES:
        n = sum(math.prod(s) for s in got.values())
        return report(True, f"W1 {got['W1']}, b1 {got['b1']}, W2 {got['W2']}, b2 {got['b2']}: "
                            f"{n:,} parameters.")
    if got["W1"] == SHAPES["W1"][::-1] or got["W2"] == SHAPES["W2"][::-1]:
        return report(False, "a weight matrix is transposed: the rows of W_l are the units "
                             "of layer l, its columns the inputs it reads (W x, as in "
                             "chapter 4).")
    if any(len(got[b]) == 2 and 1 in got[b] for b in ("b1", "b2")):
        return report(False, "a bias holds one number per unit of its layer: a vector, "
                             "shape (m,), not a matrix.")
    return report(False, SHAPES_NOT_YET)


# --- milestone 2: the loss before training ----------------------------------------------------

def check_initial_loss(answer) -> CheckResult:
    """The cross-entropy of a network that gives each of the 10 classes p = 1/10: log 10."""
    return check_number(
        answer, math.log(10), name="initial_loss", decimals=2,
        mistakes=[(1.0, "that is log₁₀ 10; cross-entropy uses the natural logarithm."),
                  (math.log2(10), "that is log₂ 10; cross-entropy uses the natural "
                                  "logarithm."),
                  (0.1, "that is the probability each class gets, not the loss −log p_y."),
                  (-math.log(10), "a loss −log p is never negative: mind the sign.")],
        not_yet="if the network cannot tell the digits apart yet, what probability "
                "does it give the true class, and what is −log of it?")


# --- milestone 3: a backward pass that survives a gradient check ------------------------------

#: Rows of the shipped training digits the backward pass is checked on (a tiny batch).
BATCH_ROWS = (0, 1, 2, 3, 4)
BACKWARD_NOT_YET = ("backward does not match the gradient of the mean cross-entropy yet. "
                    "Go through it layer by layer as chapter 7 does: ∂L/∂F = (P − Y)/n, "
                    "then W2, b2, then back through ReLU to W1, b1.")
_FD_ENTRIES = 6  # entries per parameter checked by central differences


def backward_case() -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
    """The tiny batch a reader's backward is checked on: the recipe's initial weights
    (float64, biases nudged away from 0 so that a forgotten bias shows), five training
    digits (5, 784) and their labels (5,)."""
    from nnlib.mnist import load_mnist

    X, y = load_mnist("train", dtype=np.float64)
    recipe = _recipe()
    model = MLP(list(recipe.sizes), activation=recipe.activation, output=recipe.output,
                seed=recipe.seed)
    rng = np.random.default_rng(21)
    params = {k: v + (0.1 * rng.standard_normal(v.shape) if k.startswith("b") else 0.0)
              for k, v in model.params.items()}
    rows = list(BATCH_ROWS)
    return params, X[rows], y[rows]


def _reference(params, X, y):
    recipe = _recipe()
    model = MLP(list(recipe.sizes), activation=recipe.activation, output=recipe.output)
    model.set_params({k: v.copy() for k, v in params.items()})
    return model


def _gradient_check(answer_grads, params, X, y) -> float:
    """Largest relative error between the reader's gradients and central differences on
    a few entries of each parameter: the habit of chapter 7."""
    from nnlib.gradcheck import relative_error

    model, rng, worst = _reference(params, X, y), np.random.default_rng(0), 0.0
    for name, W in model.params.items():
        for flat in rng.choice(W.size, size=min(_FD_ENTRIES, W.size), replace=False):
            i = np.unravel_index(flat, W.shape)
            old, eps = W[i], 1e-5
            W[i] = old + eps
            up = model.loss(X, y)
            W[i] = old - eps
            down = model.loss(X, y)
            W[i] = old
            worst = max(worst, relative_error(answer_grads[name][i], (up - down) / (2 * eps),
                                              floor=1e-8))
    return worst


def check_backward(answer) -> CheckResult:
    """backward(params, X, y) -> {"W1": ∂L/∂W1, ...} for L = mean cross-entropy."""
    if answer is None:
        return your_turn("define backward(params, X, y) and run this cell.")
    if not callable(answer):
        return report(False, f"backward must be a function, got {type(answer).__name__}.")
    origin = library_name(answer)
    if origin is not None:
        return report(False, f"backward is nnlib's own {origin}; write it with numpy.")
    params, X, y = backward_case()
    try:
        with np.errstate(all="ignore"):
            raw = answer({k: v.copy() for k, v in params.items()}, X.copy(), y.copy())
    except Exception as exc:  # the reader's code may fail: say how
        return report(False, f"calling backward raised {type(exc).__name__}: {exc}")
    if raw is None:
        return your_turn("backward still returns None: return the dict of gradients.")
    if not isinstance(raw, dict) or set(raw) != set(SHAPES):
        return report(False, "backward must return a dict with the keys W1, b1, W2, b2 "
                             f"(one gradient per parameter), got {type(raw).__name__}"
                             + (f" with keys {sorted(map(str, raw))}" if isinstance(raw, dict)
                                else "") + ".")
    grads = {}
    for name, value in raw.items():
        try:
            grads[name] = np.array(value, dtype=float)
        except (TypeError, ValueError):
            return report(False, f"the gradient of {name} must be an array of numbers.")
        if grads[name].shape != SHAPES[name]:
            transposed = grads[name].shape == SHAPES[name][::-1] and len(SHAPES[name]) == 2
            return report(False, f"the gradient of {name} has shape {grads[name].shape}; it "
                                 f"must have the shape of {name}, {SHAPES[name]}"
                                 + (" (transposed?)." if transposed else "."))
        if not np.isfinite(grads[name]).all():
            return report(False, f"the gradient of {name} holds NaN or inf.")
    right = _reference(params, X, y).loss_and_gradients(X, y)[1]

    def near(rule) -> bool:
        return all(np.allclose(grads[k], rule(k, right[k]), rtol=1e-4, atol=1e-7)
                   for k in SHAPES)

    if near(lambda k, g: g):
        error = _gradient_check(grads, params, X, y)
        return report(True, f"all four gradients match; against central differences on "
                            f"{_FD_ENTRIES} entries of each parameter the largest relative "
                            f"error is {error:.0e}.")
    if near(lambda k, g: len(X) * g):
        return report(False, "that is the gradient of the sum over the batch; the loss is "
                             "the mean, so divide by n.")
    if near(lambda k, g: -g):
        return report(False, "check the sign: ∂L/∂F is P − Y, not Y − P.")
    if all(np.allclose(grads[k], right[k], rtol=1e-4, atol=1e-7) for k in ("W2", "b2")):
        return report(False, "W2 and b2 are right; the error is in the step back through "
                             "the hidden layer (ReLU′ is 1 where Z1 > 0, else 0).")
    return report(False, BACKWARD_NOT_YET)


# --- milestone 4: the curves ------------------------------------------------------------------

_CURVES = ("train_loss", "train_acc", "test_loss", "test_acc")


def check_curves(answer) -> CheckResult:
    """history: a training History with the four curves, one entry per epoch of RECIPE."""
    if answer is None:
        return your_turn("train the network with the chapter's settings, keep what train "
                         "returns in history and run this cell.")
    try:
        curves = {name: list(getattr(answer, name)) for name in _CURVES}
    except (AttributeError, TypeError):
        return report(False, f"history must be what nnlib.training.train returns (a History "
                             f"with train_loss, test_acc, ...), got {type(answer).__name__}.")
    if not curves["test_loss"]:
        return report(False, "history has no test curves: give train X_test= and y_test= "
                             "so that it measures the test set after every epoch.")
    lengths = {len(c) for c in curves.values()}
    if len(lengths) != 1:
        return report(False, "the four curves of history have different lengths.")
    if not all(isinstance(v, Real) and not isinstance(v, bool)
               for c in curves.values() for v in c):
        return report(False, "the curves of history must hold numbers.")
    values = {k: [float(v) for v in c] for k, c in curves.items()}
    if not all(math.isfinite(v) for c in values.values() for v in c):
        return report(False, "a curve of history holds NaN or inf: the run diverged.")
    if not all(0 <= v <= 1 for k in ("train_acc", "test_acc") for v in values[k]) or \
            not all(v >= 0 for k in ("train_loss", "test_loss") for v in values[k]):
        return report(False, "accuracies must lie in [0, 1] and losses be >= 0.")
    epochs, wanted = lengths.pop(), _recipe().epochs
    if epochs != wanted:
        return report(False, f"history has {epochs} epochs; train for the chapter's "
                             f"RECIPE.epochs = {wanted}.")
    if not values["train_loss"][-1] < values["train_loss"][0]:
        return report(False, "the training loss did not fall over the run: look at the "
                             "learning rate and at what you pass to train.")
    return report(True, f"{epochs} epochs; training loss {values['train_loss'][0]:.3f} after "
                        f"the first, {values['train_loss'][-1]:.3f} after the last; accuracy "
                        f"{values['train_acc'][-1]:.4f} on the training set, "
                        f"{values['test_acc'][-1]:.4f} on the test set.")


# --- milestone 5: the accuracy ----------------------------------------------------------------

def _predictions(answer, X: np.ndarray) -> np.ndarray:
    if isinstance(answer, dict):
        Z = np.maximum(X @ np.asarray(answer["W1"], dtype=float).T + answer["b1"], 0)
        return np.argmax(Z @ np.asarray(answer["W2"], dtype=float).T + answer["b2"], axis=1)
    return np.asarray(answer.predict(X))


def check_accuracy(answer) -> CheckResult:
    """A trained model (anything with ``predict(X)``, or a dict W1, b1, W2, b2) that
    classifies at least TARGET_ACCURACY of the 2,000 test digits right."""
    from nnlib.mnist import load_mnist

    if answer is None:
        return your_turn("train your network, set model to it and run this cell.")
    if not (isinstance(answer, dict) or callable(getattr(answer, "predict", None))):
        return report(False, f"model must have a predict(X) method (an MLP), or be a dict of "
                             f"W1, b1, W2, b2; got {type(answer).__name__}.")
    X, y = load_mnist("test")
    order = np.random.default_rng(8).permutation(len(X))
    try:
        with np.errstate(all="ignore"):
            pred = _predictions(answer, X)
            shuffled = _predictions(answer, X[order])
    except Exception as exc:  # the reader's model may fail: say how
        return report(False, f"predicting the test digits raised {type(exc).__name__}: {exc}")
    if pred.shape != y.shape or shuffled.shape != y.shape or pred.dtype.kind not in "iuf":
        return report(False, f"model.predict(X) must return one label per row, shape "
                             f"{y.shape}; got {pred.dtype} {pred.shape}.")
    if not np.array_equal(pred[order], shuffled):
        return report(False, "the model's prediction for a digit depends on the digit's "
                             "place in the batch; predict each row from its pixels alone.")
    accuracy = float(np.mean(pred == y))
    if accuracy >= TARGET_ACCURACY:
        return report(True, f"test accuracy {accuracy:.4f} on the 2,000 shipped test digits "
                            f"(needed {TARGET_ACCURACY}).")
    if accuracy < 0.2:
        return report(False, "this model is no better than guessing: train it first.")
    return report(False, f"test accuracy {accuracy:.4f}, below the {TARGET_ACCURACY} asked "
                         f"for. Train with the chapter's settings (RECIPE).")


EXERCISES = {
    "ex-mnist-shapes": check_shapes,
    "ex-mnist-initial-loss": check_initial_loss,
    "ex-mnist-backward": check_backward,
    "ex-mnist-curves": check_curves,
    "ex-mnist-accuracy": check_accuracy,
}

#: Points per milestone when the homework is graded with nbgrader (``make assignment``):
#: the two habits that take a line each, then the work.
POINTS = {
    "ex-mnist-shapes": 1,
    "ex-mnist-initial-loss": 1,
    "ex-mnist-backward": 3,
    "ex-mnist-curves": 2,
    "ex-mnist-accuracy": 3,
}
