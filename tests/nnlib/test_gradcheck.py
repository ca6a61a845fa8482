"""Tests for nnlib.gradcheck: the checker must pass right gradients and fail wrong ones."""

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from nnlib.activations import sigmoid
from nnlib.gradcheck import (
    check_gradient, numerical_derivative, numerical_gradient, relative_error,
)

pytestmark = pytest.mark.filterwarnings("error")

FAST = settings(max_examples=100, deadline=None, database=None)

small = st.floats(-10.0, 10.0)
vectors = hnp.arrays(np.float64, st.integers(1, 6), elements=small)
shapes = hnp.array_shapes(min_dims=0, max_dims=2, max_side=4)


# --- numerical_derivative ---------------------------------------------------------------

@FAST
@given(z=hnp.arrays(np.float64, shapes, elements=small))
def test_numerical_derivative_of_sin_is_cos(z):
    slope = numerical_derivative(np.sin, z)
    assert slope.shape == z.shape and slope.dtype == np.float64
    np.testing.assert_allclose(slope, np.cos(z), atol=1e-9)


def test_numerical_derivative_accepts_scalars_and_ints():
    assert numerical_derivative(np.square, 3) == pytest.approx(6.0, rel=1e-9)
    assert numerical_derivative(np.square, [1, 2]).dtype == np.float64


def test_numerical_derivative_needs_an_elementwise_f():
    with pytest.raises(ValueError, match="f must be elementwise"):
        numerical_derivative(np.sum, [1.0, 2.0])


# --- numerical_gradient -----------------------------------------------------------------

@FAST
@given(x=vectors, seed=st.integers(0, 2**32 - 1))
def test_numerical_gradient_of_a_quadratic(x, seed):
    # f(x) = 1/2 x^T A x + b^T x with A symmetric has gradient A x + b.
    rng = np.random.default_rng(seed)
    M = rng.normal(size=(x.size, x.size))
    A, b = M + M.T, rng.normal(size=x.size)

    def f(x):
        return 0.5 * x @ A @ x + b @ x

    assert relative_error(numerical_gradient(f, x), A @ x + b) < 1e-6


def test_numerical_gradient_of_a_matrix_argument():
    # f(W) = 1/2 sum(W^2) + sum(C * W) has gradient W + C, for W of shape (m, d).
    rng = np.random.default_rng(0)
    W, C = rng.normal(size=(3, 2)), rng.normal(size=(3, 2))
    grad = numerical_gradient(lambda W: 0.5 * np.sum(W**2) + np.sum(C * W), W)
    assert grad.shape == (3, 2)
    assert relative_error(grad, W + C) < 1e-9


def test_numerical_gradient_of_a_scalar_and_of_ints():
    assert numerical_gradient(lambda x: x**3, 2.0).shape == ()
    assert float(numerical_gradient(lambda x: x**3, 2.0)) == pytest.approx(12.0, rel=1e-9)
    assert numerical_gradient(lambda x: np.sum(x**2), [1, 2]).dtype == np.float64


def test_numerical_gradient_never_touches_the_callers_array():
    x = np.array([1.0, 2.0, 3.0])
    seen = []

    def f(v):
        seen.append(v)
        total = float(np.sum(v**2))
        v[:] = 99.0  # a badly behaved f that scribbles on its argument
        return total

    np.testing.assert_allclose(numerical_gradient(f, x), 2 * x, rtol=1e-9)
    assert x.tolist() == [1.0, 2.0, 3.0]
    assert all(v is not x for v in seen)


def test_f_must_return_a_scalar():
    with pytest.raises(ValueError, match=r"f must return a scalar, got an array of shape \(2,\)"):
        numerical_gradient(lambda x: 2 * x, [1.0, 2.0])


def test_single_element_arrays_count_as_scalars():
    assert numerical_gradient(lambda x: x**2, [3.0]) == pytest.approx([6.0], rel=1e-9)


# --- relative_error ---------------------------------------------------------------------

pairs = st.integers(1, 6).flatmap(
    lambda n: st.tuples(*[hnp.arrays(np.float64, n, elements=st.floats(-1e6, 1e6))] * 2))


@FAST
@given(ab=pairs)
def test_relative_error_is_symmetric_and_at_most_one(ab):
    a, b = ab
    assert relative_error(a, b) == relative_error(b, a)
    assert 0.0 <= relative_error(a, b) <= 1.0


@FAST
@given(a=hnp.arrays(np.float64, shapes, elements=st.floats(-1e6, 1e6)))
def test_relative_error_is_zero_for_equal_arrays(a):
    assert relative_error(a, a.copy()) == 0.0


def test_relative_error_worked_example():
    assert relative_error([1.0, 2.0], [1.0, 2.1]) == pytest.approx(0.1 / 4.1, rel=1e-12)


def test_relative_error_floor_prevents_division_by_zero():
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert relative_error([0.0], [1e-13]) == pytest.approx(0.1)  # 1e-13 / floor 1e-12
    assert relative_error([0.0], [1e-13], floor=1e-15) == pytest.approx(1.0)


def test_relative_error_refuses_to_broadcast():
    with pytest.raises(ValueError, match=re.escape("same shape, got (3,) and (3, 1)")):
        relative_error(np.ones(3), np.ones((3, 1)))


@pytest.mark.parametrize("floor", [0.0, -1.0, np.nan, np.inf, "1e-12"])
def test_bad_floor(floor):
    with pytest.raises(ValueError, match="^floor must be a finite number > 0"):
        relative_error([1.0], [1.0], floor=floor)


# --- check_gradient ---------------------------------------------------------------------

def cube_sum(w):
    return np.sum(w**3)


def test_check_gradient_passes_a_right_gradient():
    error = check_gradient(cube_sum, lambda w: 3 * w**2, [1.0, -2.0, 0.5])
    assert isinstance(error, float) and error < 1e-6


@pytest.mark.parametrize("wrong_grad", [
    lambda w: 2 * w**2,  # wrong formula
    lambda w: 3 * w**2 * (1 + 1e-3),  # off by 0.1 %
    lambda w: np.full_like(w, np.nan),  # NaN must fail, not slip through a comparison
])
def test_check_gradient_fails_a_wrong_gradient(wrong_grad):
    with pytest.raises(AssertionError, match=r"gradient check failed: relative error .* at index"):
        check_gradient(cube_sum, wrong_grad, [1.0, -2.0, 0.5])


def test_failure_message_points_at_the_worst_entry():
    def grad(W):
        g = 2 * W
        g[1, 0] += 1.0
        return g

    with pytest.raises(AssertionError, match=re.escape("at index (1, 0)")):
        check_gradient(lambda W: np.sum(W**2), grad, np.ones((2, 2)))


def test_check_gradient_on_the_lectures_logistic_loss():
    # y_hat = sigmoid(w^T x), loss = -(y log y_hat + (1 - y) log(1 - y_hat));
    # the chain rule on the computational graph gives d loss / d w = (y_hat - y) x.
    x, y = np.array([1.0, 2.0]), 1.0

    def loss(w):
        y_hat = float(sigmoid(w @ x))
        return -(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))

    def grad(w):
        return (float(sigmoid(w @ x)) - y) * x

    assert check_gradient(loss, grad, [0.3, -0.2]) < 1e-6


def test_check_gradient_shape_mismatch():
    with pytest.raises(ValueError, match="grad.x. must have the same shape as x"):
        check_gradient(cube_sum, lambda w: (3 * w**2)[:, None], [1.0, 2.0])


# --- bad arguments ----------------------------------------------------------------------

@pytest.mark.parametrize("eps", [0.0, -1e-6, np.nan, np.inf, "1e-6", None, True])
def test_bad_eps(eps):
    for call in [lambda: numerical_derivative(np.sin, 1.0, eps=eps),
                 lambda: numerical_gradient(cube_sum, [1.0], eps=eps),
                 lambda: check_gradient(cube_sum, lambda w: 3 * w**2, [1.0], eps=eps)]:
        with pytest.raises(ValueError, match="^eps must be a finite number > 0"):
            call()


@pytest.mark.parametrize("tol", [0.0, -1.0, np.nan, "small"])
def test_bad_tol(tol):
    with pytest.raises(ValueError, match="^tol must be a finite number > 0"):
        check_gradient(cube_sum, lambda w: 3 * w**2, [1.0], tol=tol)


def test_non_callables():
    with pytest.raises(TypeError, match="^f must be callable, got float"):
        numerical_derivative(1.0, [1.0])
    with pytest.raises(TypeError, match="^f must be callable, got list"):
        numerical_gradient([1.0], [1.0])
    with pytest.raises(TypeError, match="^grad must be callable, got ndarray"):
        check_gradient(cube_sum, np.zeros(1), [1.0])


@pytest.mark.parametrize("x", ["abc", [1 + 1j], [True], np.array([None], dtype=object)])
def test_non_numeric_x(x):
    with pytest.raises(TypeError, match=r"^x must be real numbers \(int or float array_like\)"):
        numerical_gradient(cube_sum, x)
    with pytest.raises(TypeError, match=r"^z must be real numbers"):
        numerical_derivative(np.sin, x)
