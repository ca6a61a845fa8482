"""Tests for nnlib.losses: worked examples, properties, gradient checks, extremes, errors."""

import contextlib
import dataclasses
import inspect
import math
import re
import warnings

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import nnlib.losses
from nnlib.activations import sigmoid, sigmoid_grad
from nnlib.gradcheck import check_gradient, numerical_gradient, relative_error
from nnlib.losses import (
    EPS, LOSSES, Loss, binary_cross_entropy, binary_cross_entropy_grad,
    binary_cross_entropy_with_logits, binary_cross_entropy_with_logits_grad, cross_entropy,
    cross_entropy_grad, cross_entropy_with_grad, get_loss, l2_penalty, l2_penalty_grad,
    log_softmax, log_softmax_grad, logistic_loss, logistic_loss_grad, mse, mse_grad, softmax,
    softmax_grad,
)
from nnlib.losses import (
    binary_cross_entropy_with_logits_with_grad, logistic_loss_with_grad, mse_with_grad,
)

# Any numpy RuntimeWarning (overflow, invalid value, divide by zero) fails the test.
pytestmark = pytest.mark.filterwarnings("error")

FAST = settings(max_examples=40, deadline=None, database=None)
REDUCTIONS = ["mean", "sum"]
LN3 = math.log(3.0)


@contextlib.contextmanager
def strict():
    """Every numpy floating-point event (even underflow) and every warning is an error."""
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        yield


# --- strategies -------------------------------------------------------------------------

@st.composite
def logits_and_labels(draw, low=-1e3, high=1e3, max_k=5):
    """Logits F (n, k) and integer labels y (n,) in 0..k-1."""
    n, k = draw(st.integers(1, 5)), draw(st.integers(1, max_k))
    F = draw(hnp.arrays(np.float64, (n, k), elements=st.floats(low, high)))
    y = np.array(draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n)))
    return F, y


@st.composite
def probability_rows(draw, n, k):
    """Rows of k probabilities (all > 0) that sum to 1."""
    w = draw(hnp.arrays(np.float64, (n, k), elements=st.floats(0.01, 1.0)))
    return w / w.sum(axis=1, keepdims=True)


@st.composite
def logits_and_upstream(draw, low=-2.0, high=2.0):
    """Logits F and an upstream gradient G (dL/dP or dL/d log P), both (k,) or (n, k)."""
    n, k = draw(st.integers(1, 4)), draw(st.integers(1, 5))
    shape = draw(st.sampled_from([(k,), (n, k)]))
    F, G = (draw(hnp.arrays(np.float64, shape, elements=st.floats(low, high))) for _ in "FG")
    return F, G


def binary_labels(shape, values=(0, 1)):
    return hnp.arrays(np.int64, shape, elements=st.sampled_from(values))


shapes = st.sampled_from([(1,), (4,), (3, 2), (2, 1)])


# --- worked examples: the lecture's formulas at hand-computed points --------------------

def test_softmax_worked_example():
    np.testing.assert_allclose(softmax([0.0, LN3]), [0.25, 0.75], rtol=1e-15)
    np.testing.assert_allclose(softmax([[0.0, LN3], [5.0, 5.0]]), [[0.25, 0.75], [0.5, 0.5]],
                               rtol=1e-15)
    np.testing.assert_allclose(log_softmax([0.0, LN3]), np.log([0.25, 0.75]), rtol=1e-15)
    np.testing.assert_allclose(softmax([[1.0, 2.0, 3.0]]),
                               [np.exp([1.0, 2.0, 3.0]) / np.exp([1.0, 2.0, 3.0]).sum()])


def test_softmax_grad_and_log_softmax_grad_worked_example():
    # F = (0, log 3): p = (1/4, 3/4), and dp_i/df_j = p_i (delta_ij - p_j)
    F = [0.0, LN3]
    np.testing.assert_allclose(softmax_grad(F, [1.0, 0.0]), [3 / 16, -3 / 16], rtol=1e-14)
    np.testing.assert_allclose(softmax_grad(F, [0.0, 1.0]), [-3 / 16, 3 / 16], rtol=1e-14)
    np.testing.assert_allclose(softmax_grad(F, [1.0, 1.0]), [0.0, 0.0], atol=1e-16)  # sum p = 1
    # d log p_i / df_j = delta_ij - p_j
    np.testing.assert_allclose(log_softmax_grad(F, [1.0, 0.0]), [0.75, -0.75], rtol=1e-14)
    np.testing.assert_allclose(log_softmax_grad(F, [0.0, 1.0]), [-0.25, 0.25], rtol=1e-14)
    np.testing.assert_allclose(log_softmax_grad(F, [1.0, 1.0]), [0.5, -0.5], rtol=1e-14)
    # a batch: row 2 has p = (1/2, 1/2), and g - sum_j g_j p_j = (1, -1)
    np.testing.assert_allclose(softmax_grad([[0.0, LN3], [5.0, 5.0]], [[1.0, 0.0], [2.0, 0.0]]),
                               [[3 / 16, -3 / 16], [0.5, -0.5]], rtol=1e-14)
    # k = 3, p = (1/4, 1/4, 1/2): unit rows of G give the Jacobian diag(p) - p p^T
    F3, p = np.array([0.0, 0.0, math.log(2.0)]), np.array([0.25, 0.25, 0.5])
    jacobian = np.array([softmax_grad(F3, g) for g in np.eye(3)])
    np.testing.assert_allclose(jacobian, [[3 / 16, -1 / 16, -1 / 8], [-1 / 16, 3 / 16, -1 / 8],
                                          [-1 / 8, -1 / 8, 1 / 4]], rtol=1e-14, atol=1e-16)
    np.testing.assert_allclose(jacobian, np.diag(p) - np.outer(p, p), rtol=1e-14, atol=1e-16)
    np.testing.assert_allclose(np.array([log_softmax_grad(F3, g) for g in np.eye(3)]),
                               np.eye(3) - p, rtol=1e-14, atol=1e-16)
    assert softmax_grad(np.zeros((0, 3)), np.zeros((0, 3))).shape == (0, 3)  # empty batch


def test_cross_entropy_worked_example():
    F = [[0.0, LN3], [0.0, LN3]]  # p = (1/4, 3/4) for both examples
    assert cross_entropy(F, [1, 0]) == pytest.approx((-math.log(0.75) - math.log(0.25)) / 2)
    assert cross_entropy(F, [1, 0], reduction="sum") == pytest.approx(math.log(16 / 3))
    assert cross_entropy(F, [[0, 1], [1, 0]]) == pytest.approx(cross_entropy(F, [1, 0]))
    assert cross_entropy(F, [[0.5, 0.5], [0.5, 0.5]], "sum") == pytest.approx(math.log(16 / 3))
    np.testing.assert_allclose(cross_entropy_grad(F, [1, 0]),
                               [[0.125, -0.125], [-0.375, 0.375]], rtol=1e-14)
    assert cross_entropy([[7.0]], [0]) == 0.0  # one class: p = 1, no loss


def test_bce_lecture_derivative():
    # The lecture's dl/dy_hat = (1 - y) / (1 - y_hat) - y / y_hat at y_hat = 0.8:
    assert float(binary_cross_entropy_grad(0.8, 1)) == pytest.approx(-1.25, rel=1e-15)
    assert float(binary_cross_entropy_grad(0.8, 0)) == pytest.approx(5.0, rel=1e-14)
    np.testing.assert_allclose(binary_cross_entropy_grad([0.8, 0.8], [1, 0]),
                               [-0.625, 2.5], rtol=1e-14)  # mean: divided by n = 2
    assert binary_cross_entropy(0.8, 1) == pytest.approx(-math.log(0.8), rel=1e-15)
    assert binary_cross_entropy([0.8, 0.4], [1, 0], "sum") == pytest.approx(-math.log(0.48))


def test_bce_chain_rule_of_the_lecture():
    # dl/dz = dl/dy_hat * sigma'(z) = y_hat - y: the lecture's simplification.
    z, y = np.array([-2.0, -0.3, 0.0, 1.5]), np.array([1, 0, 1, 0])
    chained = binary_cross_entropy_grad(sigmoid(z), y) * sigmoid_grad(z)
    np.testing.assert_allclose(chained, binary_cross_entropy_with_logits_grad(z, y), rtol=1e-12)
    np.testing.assert_allclose(binary_cross_entropy_with_logits_grad(z, y, "sum"),
                               sigmoid(z) - y, rtol=1e-15)


def test_logistic_loss_at_zero_is_log_2_per_example():
    y = np.array([1, -1, 1, 1, -1])
    assert logistic_loss(np.zeros(5), y) == pytest.approx(5 * math.log(2), rel=1e-15)
    assert logistic_loss(np.zeros(5), y, reduction="mean") == pytest.approx(math.log(2))
    np.testing.assert_allclose(logistic_loss_grad(np.zeros(5), y), -y / 2)
    assert logistic_loss(0.0, -1) == pytest.approx(math.log(2))
    # -log(1 / (1 + exp(-y s))), the lecture's objective term, at s = 2, y = -1:
    assert logistic_loss([2.0], [-1]) == pytest.approx(-math.log(1 / (1 + math.exp(2.0))))


def test_mse_and_l2_worked_examples():
    assert mse([[1.0, 2.0], [0.0, 0.0]], [[0.0, 0.0], [0.0, 1.0]]) == 1.5
    assert mse([3.0], [1.0], reduction="sum") == 2.0
    np.testing.assert_array_equal(mse_grad([[1.0, 2.0]], [[0.0, 0.0]]), [[1.0, 2.0]])
    assert l2_penalty([3.0, 4.0], lam=0.1) == pytest.approx(1.25)
    assert l2_penalty({"W1": [[3.0]], "W2": [4.0]}, lam=2.0) == 25.0
    assert l2_penalty({}, lam=1.0) == 0.0
    grads = l2_penalty_grad({"W1": np.array([[3.0]]), "W2": np.array([4.0])}, lam=2.0)
    assert set(grads) == {"W1", "W2"}
    np.testing.assert_array_equal(grads["W1"], [[6.0]])
    np.testing.assert_array_equal(grads["W2"], [8.0])


# --- properties -------------------------------------------------------------------------

@FAST
@given(data=logits_and_labels(), shift=st.floats(-1e3, 1e3))
def test_softmax_rows_sum_to_one_and_ignore_a_constant_per_row(data, shift):
    F, _ = data
    P = softmax(F)
    assert P.shape == F.shape and np.all((P >= 0) & (P <= 1))
    np.testing.assert_allclose(P.sum(axis=1), 1.0, rtol=0, atol=1e-12)
    c = shift * np.arange(1, F.shape[0] + 1)[:, None]  # a different constant in every row
    np.testing.assert_allclose(softmax(F + c), P, rtol=1e-9, atol=1e-12)


@FAST
@given(data=logits_and_labels())
def test_log_softmax_is_log_of_softmax_where_finite(data):
    F, _ = data
    P, logP = softmax(F), log_softmax(F)
    assert np.isfinite(logP).all() and np.all(logP <= 0)
    positive = P > 0
    np.testing.assert_allclose(logP[positive], np.log(P[positive]), rtol=1e-12, atol=1e-12)
    assert np.all(logP[~positive] < -600)  # where softmax rounds to 0


@FAST
@given(data=logits_and_upstream(-1e3, 1e3), c=st.floats(-10.0, 10.0))
def test_softmax_grad_rows_sum_to_zero_and_ignore_a_constant_in_G(data, c):
    F, G = data
    dF = softmax_grad(F, G)
    assert dF.shape == F.shape and dF.dtype == np.float64
    np.testing.assert_allclose(dF.sum(axis=-1), 0.0, atol=1e-12)  # softmax ignores F + c
    # P sums to 1, so L = sum(G * P) + c changes by a constant only: same dL/dF
    np.testing.assert_allclose(softmax_grad(F, G + c), dF, rtol=1e-9, atol=1e-12)


@FAST
@given(data=logits_and_upstream(-5.0, 5.0))
def test_log_softmax_grad_is_softmax_grad_of_G_over_P(data):
    # chain rule through log: dL/dP = dL/d(log P) / P
    F, G = data
    np.testing.assert_allclose(log_softmax_grad(F, G), softmax_grad(F, G / softmax(F)),
                               rtol=1e-9, atol=1e-12)


@FAST
@given(data=logits_and_labels())
def test_cross_entropy_grad_is_log_softmax_grad_of_minus_one_hot(data):
    # L = sum_j -y_j log p_j, so dL/d(log P) = -Y and dL/dF = P - Y
    F, y = data
    Y = np.eye(F.shape[1])[y]
    np.testing.assert_allclose(log_softmax_grad(F, -Y), cross_entropy_grad(F, y, "sum"),
                               rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(log_softmax_grad(F, -Y / len(F)), cross_entropy_grad(F, y),
                               rtol=1e-12, atol=1e-15)


@FAST
@given(data=logits_and_labels())
def test_cross_entropy_int_labels_equal_one_hot_and_are_non_negative(data):
    F, y = data
    Y = np.eye(F.shape[1])[y]
    for reduction in REDUCTIONS:
        value = cross_entropy(F, y, reduction)
        assert isinstance(value, float) and value >= 0
        assert cross_entropy(F, Y, reduction) == pytest.approx(value, rel=1e-12, abs=1e-300)
        np.testing.assert_allclose(cross_entropy_grad(F, Y, reduction),
                                   cross_entropy_grad(F, y, reduction), rtol=1e-12)
    # -log p_y for every example, averaged:
    manual = -np.mean(log_softmax(F)[np.arange(len(y)), y])
    assert cross_entropy(F, y) == pytest.approx(manual, rel=1e-12, abs=1e-300)


@FAST
@given(st.data())
def test_cross_entropy_with_probability_rows_is_non_negative(data):
    F, _ = data.draw(logits_and_labels(-30.0, 30.0))
    Y = data.draw(probability_rows(*F.shape))
    assert cross_entropy(F, Y) >= 0
    assert cross_entropy(F, Y) >= cross_entropy(np.log(Y), Y) - 1e-12  # minimal at P = Y
    np.testing.assert_allclose(cross_entropy_grad(F, Y).sum(axis=1), 0.0, atol=1e-15)


@FAST
@given(st.data())
def test_bce_with_logits_equals_bce_of_sigmoid(data):
    shape = data.draw(shapes)
    z = data.draw(hnp.arrays(np.float64, shape, elements=st.floats(-15.0, 15.0)))
    y = data.draw(binary_labels(shape))
    for reduction in REDUCTIONS:
        assert binary_cross_entropy_with_logits(z, y, reduction) == pytest.approx(
            binary_cross_entropy(sigmoid(z), y, reduction), rel=1e-7, abs=1e-12)


@FAST
@given(st.data())
def test_logistic_loss_is_bce_with_logits_for_labels_plus_minus_one(data):
    n = data.draw(st.integers(1, 6))
    s = data.draw(hnp.arrays(np.float64, n, elements=st.floats(-1e3, 1e3)))
    y = data.draw(binary_labels(n, (-1, 1)))
    expected = binary_cross_entropy_with_logits(s, (y + 1) / 2, reduction="sum")
    assert logistic_loss(s, y) == pytest.approx(expected, rel=1e-12, abs=1e-300)
    np.testing.assert_allclose(logistic_loss_grad(s, y),
                               binary_cross_entropy_with_logits_grad(s, (y + 1) / 2, "sum"),
                               rtol=1e-12, atol=1e-300)


arrays = hnp.arrays(np.float64, hnp.array_shapes(max_dims=2, max_side=4),
                    elements=st.floats(-1e3, 1e3))


@FAST
@given(w=st.dictionaries(st.sampled_from(["W1", "b1", "W2", "b2"]), arrays, max_size=4),
       lam=st.floats(0.0, 10.0))
def test_l2_penalty_of_a_dict_is_the_sum_over_its_arrays(w, lam):
    expected = sum(l2_penalty(a, lam) for a in w.values())
    assert l2_penalty(w, lam) == pytest.approx(expected, rel=1e-12, abs=1e-300)
    grads = l2_penalty_grad(w, lam)
    assert set(grads) == set(w)
    for key, a in w.items():
        np.testing.assert_array_equal(grads[key], l2_penalty_grad(a, lam))
        np.testing.assert_array_equal(grads[key], lam * a)


LOSS_CASES = {  # name -> a valid (output, y) pair of shape (n, ...) with n = 4
    "cross_entropy": (np.array([[1.0, -2.0, 0.5], [0.0, 0.0, 3.0], [2.0, 1.0, 0.0],
                                [-1.0, 4.0, 0.2]]), np.array([0, 2, 1, 1])),
    "binary_cross_entropy": (np.array([0.1, 0.7, 0.5, 0.95]), np.array([0, 1, 1, 0])),
    "binary_cross_entropy_with_logits": (np.array([-2.0, 0.5, 3.0, 0.0]),
                                         np.array([0, 1, 0, 1])),
    "logistic": (np.array([-2.0, 0.5, 3.0, 0.0]), np.array([-1, 1, -1, 1])),
    "mse": (np.array([[1.0, 2.0], [0.0, -1.0], [3.0, 3.0], [0.5, 0.0]]), np.zeros((4, 2))),
}


@pytest.mark.parametrize("name", list(LOSS_CASES))
def test_mean_is_sum_over_n(name):
    loss, (out, y) = LOSSES[name], LOSS_CASES[name]
    assert loss.f(out, y, reduction="mean") == pytest.approx(loss.f(out, y, reduction="sum") / 4)
    np.testing.assert_allclose(loss.grad(out, y, reduction="mean"),
                               loss.grad(out, y, reduction="sum") / 4, rtol=1e-15)


@FAST
@given(st.data())
def test_mse_is_zero_exactly_at_the_target(data):
    y = data.draw(arrays.filter(lambda a: a.size > 0 and a.ndim >= 1))
    assert mse(y, y) == 0.0 and not mse_grad(y, y).any()
    assert mse(y + 1.0, y, "sum") == pytest.approx(0.5 * y.size)


# --- gradients: central differences in float64, relative error < 1e-6 ------------------

def check(f, grad, x):
    assert check_gradient(f, grad, x, tol=1e-6) < 1e-6


def check_where_not_flat(f, grad, x):
    """As check, at points where the gradient is not ~0 (there a relative error is noise)."""
    assume(np.abs(grad(x)).max() > 1e-4)
    check(f, grad, x)


@pytest.mark.parametrize("f, f_grad", [(softmax, softmax_grad), (log_softmax, log_softmax_grad)],
                         ids=["softmax", "log_softmax"])
@FAST
@given(data=logits_and_upstream())
def test_softmax_grad_and_log_softmax_grad_gradients(f, f_grad, data):
    # with L = sum(G * f(F)), dL/df(F) = G: the vector-Jacobian product is dL/dF
    F, G = data
    check_where_not_flat(lambda F: np.sum(G * f(F)), lambda F: f_grad(F, G), F)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@FAST
@given(data=logits_and_labels(-2.0, 2.0))
def test_cross_entropy_gradient(reduction, data):
    F, y = data
    check_where_not_flat(lambda F: cross_entropy(F, y, reduction),
                         lambda F: cross_entropy_grad(F, y, reduction), F)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@FAST
@given(st.data())
def test_cross_entropy_gradient_with_probability_rows(reduction, data):
    F, _ = data.draw(logits_and_labels(-2.0, 2.0))
    Y = data.draw(probability_rows(*F.shape))
    check_where_not_flat(lambda F: cross_entropy(F, Y, reduction),
                         lambda F: cross_entropy_grad(F, Y, reduction), F)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@FAST
@given(st.data())
def test_cross_entropy_with_grad_is_the_two_functions_in_one(reduction, data):
    F, y = data.draw(logits_and_labels())
    Y = data.draw(probability_rows(*F.shape))
    for labels in (y, np.eye(F.shape[1])[y], Y):
        loss, grad = cross_entropy_with_grad(F, labels, reduction)
        assert loss == cross_entropy(F, labels, reduction)
        np.testing.assert_array_equal(grad, cross_entropy_grad(F, labels, reduction))


@pytest.mark.parametrize("reduction", REDUCTIONS)
@FAST
@given(data=logits_and_labels())
def test_fused_kernel_matches_the_checked_functions(reduction, data):
    F, y = data
    F32, F64 = F.astype(np.float32), F.copy()
    fast = dict(check_input=False, overwrite_F=True)
    with strict(), np.errstate(all="raise"):  # as the MLP calls it: no warnings, no errors
        loss, grad = cross_entropy_with_grad(F64, y.astype(np.intp), reduction, **fast)
        loss32, grad32 = cross_entropy_with_grad(F32, y, reduction, **fast)
        copied = F.copy()
        assert cross_entropy_with_grad(copied, y, reduction, check_input=False)[1] \
            is not copied and (copied == F).all()  # overwrite_F=False: F untouched
    assert grad is F64 and grad32 is F32  # in place: the logits become the gradient
    assert type(loss) is float and grad.dtype == np.float64 and grad32.dtype == np.float32
    assert loss == pytest.approx(cross_entropy(F, y, reduction), rel=1e-12, abs=1e-12)
    np.testing.assert_allclose(grad, cross_entropy_grad(F, y, reduction), rtol=1e-12,
                               atol=1e-15)
    assert loss32 == pytest.approx(cross_entropy(F.astype(np.float32), y, reduction), rel=1e-5,
                                   abs=1e-5)
    np.testing.assert_allclose(grad32, cross_entropy_grad(F.astype(np.float32).astype(float), y,
                                                          reduction),
                               rtol=1e-5, atol=1e-6)  # float32 arithmetic, same logits


@FAST
@given(data=logits_and_labels(), scale=st.floats(1e-3, 10.0))
def test_fused_kernel_scale_multiplies_the_gradient_only(data, scale):
    F, y = data
    with np.errstate(under="ignore"):
        loss, grad = cross_entropy_with_grad(F, y, check_input=False)
        scaled_loss, scaled = cross_entropy_with_grad(F, y, check_input=False, scale=scale)
        checked_loss, checked = cross_entropy_with_grad(F, y, scale=scale)
    assert scaled_loss == loss == pytest.approx(checked_loss, rel=1e-12)
    np.testing.assert_allclose(checked, scale * cross_entropy_grad(F, y), rtol=1e-12,
                               atol=1e-15 * scale)
    # P - 1 may cancel to a few ulps of 1: an absolute tolerance on that scale
    np.testing.assert_allclose(scaled, scale * grad, rtol=1e-12, atol=1e-15 * scale)


@FAST
@given(z=hnp.arrays(np.float64, st.integers(1, 20), elements=st.floats(-1e4, 1e4)),
       data=st.data(), scale=st.floats(1e-3, 10.0), dtype=st.sampled_from([np.float32,
                                                                             np.float64]))
def test_binary_and_mse_kernels_match_the_checked_functions(z, data, scale, dtype):
    # the MLP's sigmoid and linear outputs train through these, as softmax through the above
    y = data.draw(hnp.arrays(np.intp, z.shape, elements=st.integers(0, 1)))
    z = z.astype(dtype)
    F, Y = z.reshape(-1, 1), z[::-1].reshape(-1, 1) / 2  # targets: any reals
    with strict(), np.errstate(all="raise"):  # nnlib's calls: no warning, no error
        loss, grad = binary_cross_entropy_with_logits_with_grad(z, y, scale=scale,
                                                                check_input=False)
        checked_loss, checked = binary_cross_entropy_with_logits_with_grad(z, y, scale=scale)
        plain_loss = binary_cross_entropy_with_logits(z, y)
        plain_grad = binary_cross_entropy_with_logits_grad(z, y)
        mse_loss, mse_gradient = mse_with_grad(F, Y, scale=scale, check_input=False)
        mse_checked_loss = mse_with_grad(F, Y, scale=scale)[0]
        plain_mse, plain_mse_grad = mse(F, Y), mse_grad(F, Y)
    # the comparisons' own arithmetic may underflow (subnormal z): numpy's default there
    assert (checked_loss, checked.dtype) == (loss, grad.dtype)  # checked: same numbers
    np.testing.assert_array_equal(checked, grad)
    assert loss == plain_loss
    assert grad.dtype == dtype
    np.testing.assert_allclose(grad, scale * plain_grad,
                               rtol=1e-6 if dtype == np.float32 else 1e-12, atol=1e-30)
    assert mse_checked_loss == pytest.approx(mse_loss, rel=1e-6)
    assert mse_loss == pytest.approx(plain_mse, rel=1e-6 if dtype == np.float32 else 1e-12)
    assert mse_gradient.dtype == dtype
    np.testing.assert_allclose(mse_gradient, scale * plain_mse_grad,
                               rtol=1e-6 if dtype == np.float32 else 1e-12, atol=1e-30)


def test_fused_kernel_worked_example_and_extremes():
    F = np.array([[0.0, LN3], [1e4, -1e4], [-1e4, 1e4]], dtype=np.float32)
    with strict(), np.errstate(all="raise"):
        loss, grad = cross_entropy_with_grad(F, np.array([1, 1, 1]), check_input=False)
    # rows: -log(3/4), a confident mistake (2e4), a confident hit (0)
    assert loss == pytest.approx((-math.log(0.75) + 2e4) / 3, rel=1e-6)
    np.testing.assert_allclose(grad, np.array([[0.25, -0.25], [1, -1], [0, 0]]) / 3,
                               rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@FAST
@given(st.data())
def test_binary_cross_entropy_gradient(reduction, data):
    shape = data.draw(shapes)
    y_hat = data.draw(hnp.arrays(np.float64, shape, elements=st.floats(0.05, 0.95)))
    y = data.draw(binary_labels(shape))
    check(lambda p: binary_cross_entropy(p, y, reduction),
          lambda p: binary_cross_entropy_grad(p, y, reduction), y_hat)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@FAST
@given(st.data())
def test_binary_cross_entropy_with_logits_gradient(reduction, data):
    shape = data.draw(shapes)
    z = data.draw(hnp.arrays(np.float64, shape, elements=st.floats(-5.0, 5.0)))
    y = data.draw(binary_labels(shape))
    check(lambda z: binary_cross_entropy_with_logits(z, y, reduction),
          lambda z: binary_cross_entropy_with_logits_grad(z, y, reduction), z)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@FAST
@given(st.data())
def test_logistic_loss_gradient(reduction, data):
    n = data.draw(st.integers(1, 6))
    s = data.draw(hnp.arrays(np.float64, n, elements=st.floats(-5.0, 5.0)))
    y = data.draw(binary_labels(n, (-1, 1)))
    check(lambda s: logistic_loss(s, y, reduction),
          lambda s: logistic_loss_grad(s, y, reduction), s)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@FAST
@given(st.data())
def test_mse_gradient(reduction, data):
    shape = data.draw(shapes)
    y_hat, y = (data.draw(hnp.arrays(np.float64, shape, elements=st.floats(-10.0, 10.0)))
                for _ in range(2))
    check_where_not_flat(lambda p: mse(p, y, reduction),
                         lambda p: mse_grad(p, y, reduction), y_hat)


@FAST
@given(w=arrays, lam=st.floats(0.01, 10.0))
def test_l2_penalty_gradient(w, lam):
    check_where_not_flat(lambda w: l2_penalty(w, lam), lambda w: l2_penalty_grad(w, lam), w)


def test_l2_penalty_gradient_of_a_dict():
    rng = np.random.default_rng(0)
    params = {"W1": rng.normal(size=(3, 2)), "W2": rng.normal(size=(1, 3))}
    grads = l2_penalty_grad(params, lam=0.3)
    for key in params:
        def f(a, key=key):
            return l2_penalty({**params, key: a}, lam=0.3)
        assert relative_error(grads[key], numerical_gradient(f, params[key])) < 1e-6


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_every_registered_loss_passes_a_gradient_check(reduction):
    for name, (out, y) in LOSS_CASES.items():
        loss = LOSSES[name]
        check(lambda o: loss.f(o, y, reduction=reduction),
              lambda o: loss.grad(o, y, reduction=reduction), out)


def test_logistic_regression_objective_gradient_in_w():
    # The lecture's MAP objective sum_i log(1 + exp(-y_i w^T x_i)) + lam/2 ||w||^2; by the
    # chain rule its gradient in w is X^T dl/ds + lam w.
    rng = np.random.default_rng(1)
    X, y, lam = rng.normal(size=(8, 3)), rng.choice([-1, 1], size=8), 0.5

    def objective(w):
        return logistic_loss(X @ w, y) + l2_penalty(w, lam)

    def gradient(w):
        return X.T @ logistic_loss_grad(X @ w, y) + l2_penalty_grad(w, lam)

    check(objective, gradient, rng.normal(size=3))


# --- extreme inputs: finite values, no warnings, even under np.errstate(all="raise") ---

def test_extreme_logits_for_softmax_and_cross_entropy():
    F = np.array([[1e4, -1e4, 0.0], [-1e4, -1e4, 1e4], [1e4, 1e4, -1e4]])
    y = np.array([0, 1, 2])
    with strict():
        P, logP = softmax(F), log_softmax(F)
        values = [cross_entropy(F, y), cross_entropy(F, np.eye(3)[y], "sum")]
        grads = [cross_entropy_grad(F, y), cross_entropy_grad(F, np.eye(3)[y], "sum")]
        huge = cross_entropy([[1e300, -1e300]], [1])
    np.testing.assert_array_equal(P, [[1, 0, 0], [0, 0, 1], [0.5, 0.5, 0]])
    np.testing.assert_allclose(logP, [[0, -2e4, -1e4], [-2e4, -2e4, 0],
                                      [-math.log(2), -math.log(2), -2e4 - math.log(2)]])
    assert values[0] == pytest.approx((4e4 + math.log(2)) / 3)  # row losses 0, 2e4, 2e4 + log 2
    assert values[1] == pytest.approx(4e4 + math.log(2))
    assert all(np.isfinite(g).all() for g in grads) and huge == 2e300
    np.testing.assert_allclose(grads[1], [[0, 0, 0], [0, -1, 1], [0.5, 0.5, -1]])


def test_probabilities_exactly_zero_and_one():
    y_hat, y = np.array([0.0, 1.0, 0.0, 1.0]), np.array([0, 1, 1, 0])
    with strict():
        value, grad = binary_cross_entropy(y_hat, y, "sum"), binary_cross_entropy_grad(y_hat, y)
        f32 = binary_cross_entropy(y_hat.astype(np.float32), y)
    assert value == pytest.approx(-2 * math.log(EPS), rel=1e-9)  # two right, two wrong
    assert np.isfinite(grad).all() and f32 == pytest.approx(value / 4, rel=1e-6)
    np.testing.assert_allclose(grad[:2], [0.25, -0.25], rtol=1e-9)  # right: gradient ~ ±1/n
    assert grad[2] < -1e10 and grad[3] > 1e10  # wrong and certain: a huge push back


@pytest.mark.parametrize("z", [1e4, -1e4, 1e300, -1e300, 800.0, -800.0, 745.0, -745.0,
                               -700.0, 600.5, -600.5])
def test_extreme_logits_for_binary_losses(z):
    z_arr = np.array([z, z])
    with strict():
        values = [binary_cross_entropy_with_logits(z_arr, [0, 1], r) for r in REDUCTIONS]
        values += [logistic_loss(z_arr, [-1, 1], r) for r in REDUCTIONS]
        grads = [binary_cross_entropy_with_logits_grad(z_arr, [0, 1], r) for r in REDUCTIONS]
        grads += [logistic_loss_grad(z_arr, [-1, 1], r) for r in REDUCTIONS]
        if abs(z) < 1e38:
            grads += [binary_cross_entropy_with_logits_grad(np.float32(z_arr), [0, 1])]
    assert all(np.isfinite(v) and v >= 0 for v in values)
    assert all(np.isfinite(g).all() for g in grads)
    assert values[1] == pytest.approx(abs(z), rel=1e-12)  # one of the two examples is wrong


def test_extreme_logits_exact_values():
    with strict():
        assert binary_cross_entropy_with_logits([1e4, -1e4, 1e4, -1e4], [1, 0, 0, 1]) == 5000.0
        np.testing.assert_array_equal(
            binary_cross_entropy_with_logits_grad([1e4, -1e4, 1e4, -1e4], [1, 0, 0, 1]),
            [0, 0, 0.25, -0.25])
        assert logistic_loss([1e4, -1e4], [1, 1]) == 1e4
        np.testing.assert_array_equal(logistic_loss_grad([1e4, -1e4], [1, 1]), [0, -1])


def test_float32_extremes():
    F = np.array([[1e4, -1e4], [0.0, 1e4]], dtype=np.float32)
    z = np.float32([-100.0])  # exp(-100) ≈ 3.7e-44 is below float32's smallest normal 1.2e-38
    with strict():
        assert softmax(F).dtype == np.float32 and log_softmax(F).dtype == np.float32
        assert cross_entropy(F, [1, 0]) == pytest.approx(1.5e4)  # (2e4 + 1e4) / 2
        assert cross_entropy_grad(F, [1, 0]).dtype == np.float32
        assert mse(F, np.zeros_like(F)) == pytest.approx(7.5e7)  # (1e8 + 1e8 + 1e8) / 2 / 2
        # float64 results too small for float32 become 0 instead of underflowing in the cast
        assert softmax(np.float32([0, -100])).tolist() == [1.0, 0.0]
        assert binary_cross_entropy_with_logits_grad(z, [0]).tolist() == [0.0]
        assert logistic_loss_grad(z, [-1]).tolist() == [0.0]
        assert cross_entropy_grad(np.float32([[0, -100]]), [0]).tolist() == [[0.0, 0.0]]
        assert softmax_grad(np.float32([[1e4, -1e4]]), [[1.0, 2.0]]).tolist() == [[0.0, 0.0]]
        assert log_softmax_grad(np.float32([[1e4, -1e4]]), [[1.0, 2.0]]).tolist() == [[-2.0, 2.0]]
        # squares of numbers below 1e-154 are 0 in float64: quietly
        assert mse([1e-200], [0]) == 0.0 and l2_penalty([1e-200], 1.0) == 0.0


def test_softmax_grads_of_tiny_probabilities_and_a_tiny_upstream_gradient():
    # p = exp(-590) ≈ 2e-257 times g = 1e-60 is below float64's smallest normal: 0, quietly
    F = [0.0, -590.0]
    with strict():
        dF = [softmax_grad(F, [0.0, 1e-60]), log_softmax_grad(F, [1e-60, 0.0])]
    np.testing.assert_allclose(dF, [[0.0, 0.0], [0.0, 0.0]], rtol=0, atol=1e-300)


EXTREMES = [0.0, 1.0, -1.0, 100.0, -100.0, 1e4, -1e4]


def extreme_calls(dtype):
    """name -> a call of that public function at EXTREMES (or probabilities 0 and 1) of dtype,
    returning its results for every reduction and kind of label."""
    v = np.array(EXTREMES, dtype)
    z, y01 = np.concatenate([v, v]), np.repeat([0, 1], len(v))  # every logit with either label
    F = np.array([[a, b, c] for a in EXTREMES for b in EXTREMES for c in (0.0, -100.0)], dtype)
    G, y = np.resize(v[::-1], F.shape), np.arange(len(F)) % 3
    Y = np.eye(3)[y]
    p, yp = np.array([0.0, 1.0, 0.0, 1.0, 0.5], dtype), np.array([0, 1, 1, 0, 1])
    w = {"W1": F, "b1": v}
    return {
        "softmax": lambda: [softmax(F), softmax(v)],
        "softmax_grad": lambda: [softmax_grad(F, G), softmax_grad(v, v)],
        "log_softmax": lambda: [log_softmax(F), log_softmax(v)],
        "log_softmax_grad": lambda: [log_softmax_grad(F, G), log_softmax_grad(v, v)],
        "logsumexp": lambda: [logsumexp(F), logsumexp(v)],
        "logsumexp_grad": lambda: [logsumexp_grad(F, G[:, 0]), logsumexp_grad(v, v[0])],
        **{f.__name__: lambda f=f: [f(F, labels, r) for labels in (y, Y) for r in REDUCTIONS]
           for f in (cross_entropy, cross_entropy_grad)},
        "cross_entropy_with_grad": lambda: [
            result for r in REDUCTIONS for check in (True, False)
            for result in cross_entropy_with_grad(F, y, r, check_input=check)],
        **{f.__name__: lambda f=f: [f(p, yp, r) for r in REDUCTIONS]
           for f in (binary_cross_entropy, binary_cross_entropy_grad)},
        **{f.__name__: lambda f=f: [f(z, y01, r) for r in REDUCTIONS]
           for f in (binary_cross_entropy_with_logits, binary_cross_entropy_with_logits_grad)},
        "binary_cross_entropy_with_logits_with_grad": lambda: [
            result for r in REDUCTIONS for check in (True, False)
            for result in binary_cross_entropy_with_logits_with_grad(z, y01, r,
                                                                     check_input=check)],
        **{f.__name__: lambda f=f: [f(z, 2 * y01 - 1, r) for r in REDUCTIONS]
           for f in (logistic_loss, logistic_loss_grad)},
        "logistic_loss_with_grad": lambda: [
            result for r in REDUCTIONS for check in (True, False)
            for result in logistic_loss_with_grad(z, 2.0 * y01 - 1, r, check_input=check)],
        "mse_with_grad": lambda: [
            result for target in (np.zeros(len(v), dtype), v[::-1]) for r in REDUCTIONS
            for check in (True, False)
            for result in mse_with_grad(v, target, r, check_input=check)],
        **{f.__name__: lambda f=f: [f(v, target, r) for target in (np.zeros(len(v)), v[::-1])
                                    for r in REDUCTIONS] for f in (mse, mse_grad)},
        "l2_penalty": lambda: [l2_penalty(v, 0.1), l2_penalty(w, 0.1)],
        "l2_penalty_grad": lambda: [l2_penalty_grad(v, 0.1), *l2_penalty_grad(w, 0.1).values()],
    }


def test_extreme_calls_cover_every_public_function():
    public = {name for name in nnlib.losses.__all__
              if inspect.isfunction(getattr(nnlib.losses, name))} - {"get_loss"}
    assert set(extreme_calls(np.float64)) == public


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name", list(extreme_calls(np.float64)))
def test_every_function_is_finite_at_extreme_inputs_and_keeps_float32(name, dtype):
    with strict():
        results = extreme_calls(dtype)[name]()
    for result in results:
        if isinstance(result, np.ndarray):  # a gradient, softmax or log-softmax
            assert result.dtype == dtype and np.isfinite(result).all()
        else:  # a loss
            assert type(result) is float and math.isfinite(result)


# --- shapes, dtypes and the caller's arrays ----------------------------------------------

@pytest.mark.parametrize("name", list(LOSS_CASES))
def test_values_are_floats_and_gradients_are_shaped_like_the_output(name):
    loss, (out, y) = LOSSES[name], LOSS_CASES[name]
    out_before, y_before = out.copy(), y.copy()
    assert type(loss(out, y)) is float
    grad = loss.grad(out, y)
    assert grad.shape == out.shape and grad.dtype == np.float64
    assert loss.grad(out.astype(np.float32), y).dtype == np.float32
    assert loss.grad(out.tolist(), y.tolist()).dtype == np.float64
    np.testing.assert_array_equal(out, out_before)  # inputs untouched
    np.testing.assert_array_equal(y, y_before)


def test_scalar_and_column_outputs():
    assert binary_cross_entropy_with_logits(0.0, 1) == pytest.approx(math.log(2))
    assert binary_cross_entropy_with_logits_grad(0.0, 1).shape == ()
    z, y = np.array([[0.3], [-1.0]]), np.array([[1], [0]])  # (n, 1): a sigmoid output layer
    assert binary_cross_entropy_with_logits(z, y) == pytest.approx(
        binary_cross_entropy_with_logits(z.ravel(), y.ravel()))
    assert binary_cross_entropy_with_logits_grad(z, y).shape == (2, 1)
    assert softmax(np.zeros((0, 3))).shape == (0, 3)  # an empty batch has an empty softmax


def test_labels_may_be_bool_or_integral_floats():
    F = np.array([[0.0, 1.0], [2.0, 0.0]])
    assert cross_entropy(F, [1.0, 0.0]) == cross_entropy(F, [1, 0])
    assert cross_entropy(F, np.array([True, False])) == cross_entropy(F, [1, 0])
    assert binary_cross_entropy([0.3], [True]) == binary_cross_entropy([0.3], [1])


def test_l2_penalty_grad_keeps_float32_and_never_aliases():
    w = np.array([1.0, 2.0], dtype=np.float32)
    g = l2_penalty_grad(w, 0.5)
    assert g.dtype == np.float32 and g is not w
    g[0] = 99.0
    assert w[0] == 1.0
    assert l2_penalty_grad(w, 0.0).tolist() == [0.0, 0.0]


# --- bad input: ValueError / TypeError whose message names the argument ------------------

F3 = np.array([[0.0, 1.0, 2.0], [1.0, 0.0, -1.0]])
NAN_F = np.array([[0.0, np.nan], [1.0, 2.0]])

BAD_INPUTS = [  # (id, call, exception, message pattern)
    ("1-D logits", lambda: cross_entropy([0.0, 1.0, 2.0], [1]), ValueError,
     r"^F must be a 2-D array of logits of shape \(n, k\), got shape \(3,\)$"),
    ("3-D logits", lambda: softmax(np.zeros((2, 2, 2))), ValueError,
     r"^F must be a 1-D \(k,\) or 2-D \(n, k\) array of logits, got shape \(2, 2, 2\)$"),
    ("scalar logits", lambda: log_softmax(3.0), ValueError, r"^F must be a 1-D \(k,\)"),
    ("no examples", lambda: cross_entropy(np.zeros((0, 3)), []), ValueError,
     r"^F must have at least one example and one class, got shape \(0, 3\)$"),
    ("no classes", lambda: softmax(np.zeros((2, 0))), ValueError,
     r"^F must have at least one example and one class, got shape \(2, 0\)$"),
    ("label shape", lambda: cross_entropy(F3, [0, 1, 2]), ValueError,
     r"^y must be integer labels of shape \(n,\) = \(2,\) or one-hot rows of shape "
     r"\(n, k\) = \(2, 3\), got shape \(3,\)$"),
    ("label too large", lambda: cross_entropy(F3, [0, 3]), ValueError,
     r"^y must hold class labels in 0\.\.2 \(F has k = 3 columns\), got 3$"),
    ("negative label", lambda: cross_entropy_grad(F3, [-1, 0]), ValueError,
     r"^y must hold class labels in 0\.\.2 .*, got -1$"),
    ("non-integer label", lambda: cross_entropy(F3, [0.5, 1]), ValueError,
     r"^y must hold integer class labels, got 0\.5$"),
    ("one-hot sum", lambda: cross_entropy(F3, [[1, 1, 0], [0, 0, 1]]), ValueError,
     r"^y rows must be one-hot or probabilities in \[0, 1\] summing to 1, "
     r"but row 0 is \[1\.0, 1\.0, 0\.0\]$"),
    ("one-hot negative", lambda: cross_entropy_grad(F3, [[1, 0, 0], [-0.5, 1.5, 0]]),
     ValueError, r"^y rows must be one-hot .* but row 1 is \[-0\.5, 1\.5, 0\.0\]$"),
    ("logistic 0/1 labels", lambda: logistic_loss([0.5, -1.0], [0, 1]), ValueError,
     r"^y must hold labels -1 or \+1, got 0 \(convert 0/1 labels with 2 \* y - 1\)$"),
    ("logistic grad labels", lambda: logistic_loss_grad([0.5], [2]), ValueError,
     r"^y must hold labels -1 or \+1, got 2"),
    ("bce label 2", lambda: binary_cross_entropy([0.5, 0.5], [1, 2]), ValueError,
     r"^y must hold labels 0 or 1, got 2$"),
    ("bce soft label", lambda: binary_cross_entropy_with_logits([0.5], [0.3]), ValueError,
     r"^y must hold labels 0 or 1, got 0\.3$"),
    ("bce label -1", lambda: binary_cross_entropy_with_logits_grad([0.5], [-1]), ValueError,
     r"^y must hold labels 0 or 1, got -1$"),
    ("probability > 1", lambda: binary_cross_entropy([0.5, 1.5], [1, 0]), ValueError,
     r"^y_hat must hold probabilities in \[0, 1\], got 1\.5$"),
    ("probability < 0", lambda: binary_cross_entropy_grad([-0.1], [1]), ValueError,
     r"^y_hat must hold probabilities in \[0, 1\], got -0\.1$"),
    ("shape mismatch", lambda: mse([1.0, 2.0, 3.0], [1.0, 2.0]), ValueError,
     r"^y must have the same shape as y_hat \(3,\), got shape \(2,\)$"),
    ("column vs flat", lambda: binary_cross_entropy_with_logits(np.zeros((3, 1)), [0, 1, 0]),
     ValueError, r"^y must have the same shape as z \(3, 1\), got shape \(3,\)$"),
    ("scores shape", lambda: logistic_loss([1.0, 2.0], [1]), ValueError,
     r"^y must have the same shape as scores \(2,\), got shape \(1,\)$"),
    ("3-D output", lambda: mse_grad(np.zeros((2, 2, 2)), np.zeros((2, 2, 2))), ValueError,
     r"^y_hat must be a scalar, a 1-D array \(n,\) or a 2-D array \(n, k\) with at least "
     r"one example, got shape \(2, 2, 2\)$"),
    ("empty output", lambda: mse([], []), ValueError,
     r"^y_hat must be .* with at least one example, got shape \(0,\)$"),
    ("NaN logits", lambda: cross_entropy(NAN_F, [0, 1]), ValueError,
     r"^F must contain only finite numbers, got nan at index \(0, 1\)$"),
    ("NaN in softmax", lambda: softmax([1.0, np.nan]), ValueError,
     r"^F must contain only finite numbers, got nan at index \(1,\)$"),
    ("inf logits", lambda: binary_cross_entropy_with_logits([np.inf], [1]), ValueError,
     r"^z must contain only finite numbers, got inf at index \(0,\)$"),
    ("NaN probability", lambda: binary_cross_entropy([np.nan], [1]), ValueError,
     r"^y_hat must contain only finite numbers, got nan"),
    ("NaN scores", lambda: logistic_loss_grad([0.0, np.nan], [1, -1]), ValueError,
     r"^scores must contain only finite numbers, got nan at index \(1,\)$"),
    ("NaN label", lambda: cross_entropy(F3, [0.0, np.nan]), ValueError,
     r"^y must contain only finite numbers, got nan at index \(1,\)$"),
    ("NaN target", lambda: mse([1.0], [np.nan]), ValueError,
     r"^y must contain only finite numbers"),
    ("NaN weight", lambda: l2_penalty({"W1": [[1.0, np.nan]]}, 0.1), ValueError,
     r"^w\['W1'\] must contain only finite numbers, got nan at index \(0, 1\)$"),
    ("NaN weight grad", lambda: l2_penalty_grad([np.nan], 0.1), ValueError,
     r"^w must contain only finite numbers"),
    ("negative lam", lambda: l2_penalty([1.0], -0.1), ValueError,
     r"^lam must be a finite number >= 0, got -0\.1$"),
    ("NaN lam", lambda: l2_penalty_grad([1.0], float("nan")), ValueError,
     r"^lam must be a finite number >= 0, got nan$"),
    ("inf lam", lambda: l2_penalty([1.0], float("inf")), ValueError, r"^lam must be"),
    ("str lam", lambda: l2_penalty([1.0], "0.1"), ValueError, r"^lam must be .* got '0\.1'$"),
    ("bool lam", lambda: l2_penalty_grad([1.0], True), ValueError, r"^lam must be .* got True$"),
    ("unknown reduction", lambda: cross_entropy(F3, [0, 1], reduction="avg"), ValueError,
     r"^reduction must be 'mean' or 'sum', got 'avg'$"),
    ("reduction none", lambda: mse_grad([1.0], [0.0], reduction=None), ValueError,
     r"^reduction must be 'mean' or 'sum', got None$"),
    ("reduction case", lambda: logistic_loss([1.0], [1], reduction="Mean"), ValueError,
     r"^reduction must be 'mean' or 'sum', got 'Mean'$"),
    ("unknown loss", lambda: get_loss("ce"), ValueError,
     r"^unknown loss 'ce'; expected one of: cross_entropy, binary_cross_entropy, "
     r"binary_cross_entropy_with_logits, logistic, mse$"),
    ("loss name type", lambda: get_loss(LOSSES["mse"]), TypeError,
     r"^name must be a str, got Loss$"),
    ("upstream shape", lambda: softmax_grad(F3, [[1.0, 0.0, 0.0]]), ValueError,
     r"^G must have the same shape as F \(2, 3\), got shape \(1, 3\)$"),
    ("upstream shape 1-D", lambda: log_softmax_grad([0.0, 1.0], [1.0, 0.0, 0.0]), ValueError,
     r"^G must have the same shape as F \(2,\), got shape \(3,\)$"),
    ("NaN upstream", lambda: softmax_grad(F3, [[0.0, 1.0, np.nan], [0.0, 0.0, 0.0]]),
     ValueError, r"^G must contain only finite numbers, got nan at index \(0, 2\)$"),
    ("inf upstream", lambda: log_softmax_grad([0.0, 1.0], [-np.inf, 0.0]), ValueError,
     r"^G must contain only finite numbers, got -inf at index \(0,\)$"),
    ("NaN logits of softmax_grad", lambda: softmax_grad(NAN_F, np.zeros((2, 2))), ValueError,
     r"^F must contain only finite numbers, got nan at index \(0, 1\)$"),
    ("3-D logits of log_softmax_grad",
     lambda: log_softmax_grad(np.zeros((2, 2, 2)), np.zeros((2, 2, 2))), ValueError,
     r"^F must be a 1-D \(k,\) or 2-D \(n, k\) array of logits, got shape \(2, 2, 2\)$"),
    ("string upstream", lambda: log_softmax_grad([0.0, 1.0], ["a", "b"]), TypeError,
     r"^G must be real numbers \(int or float array_like\), got dtype <U1$"),
    ("complex upstream", lambda: softmax_grad([0.0], [1j]), TypeError,
     r"^G must be real numbers .*, got dtype complex128$"),
    ("string logits of softmax_grad", lambda: softmax_grad(["a", "b"], [1.0, 0.0]), TypeError,
     r"^F must be real numbers \(int or float array_like\), got dtype <U1$"),
    ("string logits", lambda: softmax("abc"), TypeError,
     r"^F must be real numbers \(int or float array_like\), got dtype <U3$"),
    ("string probabilities", lambda: binary_cross_entropy(["0.5"], [1]), TypeError,
     r"^y_hat must be real numbers \(int or float array_like\), got dtype <U3$"),
    ("string labels", lambda: cross_entropy(F3, ["a", "b"]), TypeError,
     r"^y must be real numbers \(int or float array_like\), got dtype <U1$"),
    ("complex scores", lambda: logistic_loss([1j], [1]), TypeError,
     r"^scores must be real numbers .*, got dtype complex128$"),
    ("object targets", lambda: mse([1.0, 2.0], [1.0, None]), TypeError,
     r"^y must be real numbers .*, got dtype object$"),
    ("bool probabilities", lambda: binary_cross_entropy([True], [1]), TypeError,
     r"^y_hat must be real numbers .*, got dtype bool$"),
    ("string weights", lambda: l2_penalty(["w"], 1.0), TypeError,
     r"^w must be real numbers .*, got dtype <U1$"),
]


@pytest.mark.parametrize("call, error, pattern", [case[1:] for case in BAD_INPUTS],
                         ids=[case[0] for case in BAD_INPUTS])
def test_bad_input_raises_a_message_naming_the_argument(call, error, pattern):
    with pytest.raises(error, match=pattern):
        call()



@pytest.mark.parametrize("name", list(LOSS_CASES))
@pytest.mark.parametrize("reduction", ["avg", "none", "", 1])
def test_every_loss_and_gradient_rejects_unknown_reductions(name, reduction):
    loss, (out, y) = LOSSES[name], LOSS_CASES[name]
    for f in (loss.f, loss.grad):
        with pytest.raises(ValueError, match=r"^reduction must be 'mean' or 'sum', got "):
            f(out, y, reduction=reduction)


# --- the registry and the Loss record ----------------------------------------------------

def test_registry_order_and_lookup():
    assert list(LOSSES) == ["cross_entropy", "binary_cross_entropy",
                            "binary_cross_entropy_with_logits", "logistic", "mse"]
    for name, loss in LOSSES.items():
        assert loss.name == name and get_loss(name) is loss and loss.formula
    assert LOSSES["cross_entropy"].f is cross_entropy
    assert LOSSES["cross_entropy"].grad is cross_entropy_grad
    assert LOSSES["logistic"].f is logistic_loss and LOSSES["mse"].grad is mse_grad


def test_loss_record_calls_f_is_frozen_and_teaches():
    out, y = LOSS_CASES["logistic"]
    assert LOSSES["logistic"](out, y) == logistic_loss(out, y)
    assert LOSSES["logistic"](out, y, reduction="mean") == logistic_loss(out, y, "mean")
    assert repr(LOSSES["cross_entropy"]) == "Loss('cross_entropy')"
    with pytest.raises(dataclasses.FrozenInstanceError):
        LOSSES["mse"].name = "other"
    assert isinstance(LOSSES["mse"], Loss)


def test_formulas_are_the_lecture_ones():
    assert LOSSES["cross_entropy"].formula == r"\ell(\mathbf{x}, y) = \sum_{j=1}^K -y_j \log p_j"
    assert LOSSES["binary_cross_entropy"].formula == (
        r"\ell(\mathbf{x}, y) = -y \log(\hat{y}) - (1 - y) \log(1 - \hat{y})")
    assert re.search(r"\\exp\(-y_i \\mathbf\{w\}\^T \\mathbf\{x\}_i\)",
                     LOSSES["logistic"].formula)


# --- log-sum-exp: the normaliser of softmax (chapter k classes: softmax and cross-entropy) --

from nnlib.losses import logsumexp, logsumexp_grad  # noqa: E402


def test_logsumexp_worked_example():
    # lse(0, ln 3) = log(1 + 3) = log 4; lse(1000, 1000) = 1000 + log 2 where exp(1000) = inf
    np.testing.assert_allclose(logsumexp([0.0, LN3]), np.log(4.0), rtol=1e-15)
    with strict():
        assert float(logsumexp([1000.0, 1000.0])) == pytest.approx(1000.0 + np.log(2.0), rel=1e-15)
        assert float(logsumexp([-1000.0, -1000.0])) == pytest.approx(-1000.0 + np.log(2.0), rel=1e-15)
    np.testing.assert_allclose(logsumexp([[0.0, LN3], [5.0, 5.0]]), [np.log(4.0), 5.0 + np.log(2.0)])
    assert logsumexp([[1.0, 2.0]]).shape == (1,) and logsumexp([1.0, 2.0]).shape == ()
    assert logsumexp(np.float32([1.0, 2.0])).dtype == np.float32
    np.testing.assert_allclose(logsumexp_grad([0.0, LN3], 2.0), [0.5, 1.5], rtol=1e-15)


def test_logsumexp_rejects_bad_input_naming_the_argument():
    with pytest.raises(ValueError, match="F must"):
        logsumexp(np.zeros((2, 2, 2)))
    with pytest.raises(ValueError, match="F .*finite|finite.*F|F"):
        logsumexp([np.inf, 0.0])
    with pytest.raises(ValueError, match="g must have shape"):
        logsumexp_grad([[1.0, 2.0]], [1.0, 2.0])


@FAST
@given(logits_and_labels(), st.floats(-1e3, 1e3))
def test_logsumexp_bounds_shift_and_log_softmax(data, c):
    F, _ = data
    with strict():
        lse = logsumexp(F)
    k = F.shape[1]
    assert np.all(lse >= F.max(axis=1)) and np.all(lse <= F.max(axis=1) + np.log(k) + 1e-9)
    np.testing.assert_allclose(logsumexp(F + c), lse + c, rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(log_softmax(F), F - lse[:, None], rtol=1e-9, atol=1e-9)


@FAST
@given(logits_and_upstream())
def test_logsumexp_grad_is_softmax_and_matches_finite_differences(data):
    F, _ = data
    g = np.ones(F.shape[:-1])
    np.testing.assert_allclose(logsumexp_grad(F, g), softmax(F), rtol=1e-12)
    total = lambda X: float(np.sum(logsumexp(X)))
    assert relative_error(logsumexp_grad(F, g), numerical_gradient(total, F)) < 1e-6
