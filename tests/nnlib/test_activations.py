"""Tests for nnlib.activations: properties, finite-difference derivatives, extremes, errors."""

import dataclasses
import functools
import os
import re
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from nnlib.activations import (
    ACTIVATIONS, Activation, get_activation, identity, identity_grad, leaky_relu, leaky_relu_grad,
    relu, relu_grad,
    sigmoid, sigmoid_grad, softplus, step, step_grad, tanh, tanh_grad,
)
from nnlib.gradcheck import numerical_derivative, relative_error

# Any numpy RuntimeWarning (overflow, invalid value, ...) fails the test that caused it.
pytestmark = pytest.mark.filterwarnings("error")

FAST = settings(max_examples=100, deadline=None, database=None)
NAMES = ["step", "sigmoid", "tanh", "relu", "leaky_relu", "identity"]

reals = st.floats(allow_nan=False)  # every float64 from -inf to inf
finite = st.floats(allow_nan=False, allow_infinity=False)
moderate = st.floats(-30.0, 30.0)
alphas = st.floats(0.0, 1.0, exclude_max=True)
real_arrays = hnp.arrays(np.float64, hnp.array_shapes(max_dims=2, max_side=5), elements=reals)


# --- worked examples: the lecture's formulas at a few hand-computed points -------------

def test_worked_examples():
    assert step([-1.0, 0.0, 2.0]).tolist() == [0.0, 0.0, 1.0]  # sigma(0) = 0: "1 if x > 0"
    assert float(sigmoid(0.0)) == 0.5
    assert float(sigmoid(1.0)) == pytest.approx(1 / (1 + np.exp(-1)), rel=1e-15)
    assert float(sigmoid_grad(0.0)) == 0.25
    assert float(tanh(0.0)) == 0.0 and float(tanh_grad(0.0)) == 1.0
    assert relu([-2.0, 0.0, 3.0]).tolist() == [0.0, 0.0, 3.0]
    assert relu_grad([-2.0, 0.0, 3.0]).tolist() == [0.0, 0.0, 1.0]
    assert leaky_relu([-2.0, 3.0], alpha=0.1).tolist() == [-0.2, 3.0]
    assert leaky_relu_grad([-2.0, 0.0, 3.0], alpha=0.1).tolist() == [0.1, 0.1, 1.0]
    assert identity([-2.0, 0.0, 3.0]).tolist() == [-2.0, 0.0, 3.0]
    assert identity_grad([-2.0, np.nan, 3.0]).tolist()[::2] == [1.0, 1.0]


# --- properties ------------------------------------------------------------------------

@FAST
@given(z=real_arrays)
def test_output_ranges(z):
    assert set(np.unique(step(z))) <= {0.0, 1.0}
    assert np.all((sigmoid(z) >= 0) & (sigmoid(z) <= 1))
    assert np.all((tanh(z) >= -1) & (tanh(z) <= 1))
    assert np.all(relu(z) >= 0)


@pytest.mark.parametrize("name", NAMES)
@FAST
@given(z=real_arrays)
def test_registry_output_range_holds(name, z):
    low, high = ACTIVATIONS[name].output_range
    y = ACTIVATIONS[name](z)
    assert np.all((y >= low) & (y <= high))


@FAST
@given(z=finite)
def test_sigmoid_symmetry(z):
    assert abs(float(sigmoid(-z)) - (1.0 - float(sigmoid(z)))) <= 2e-16


@FAST
@given(z=reals)
def test_tanh_is_odd(z):
    assert float(tanh(-z)) == -float(tanh(z))


@FAST
@given(z=st.floats(-1e6, 1e6))
def test_tanh_is_a_rescaled_sigmoid(z):
    assert float(tanh(z)) == pytest.approx(2 * float(sigmoid(2 * z)) - 1, abs=1e-15)


@FAST
@given(z=st.floats(-20.0, 20.0))
def test_lecture_tanh_formula_agrees(z):
    lecture = (1 - np.exp(-2 * z)) / (1 + np.exp(-2 * z))
    assert float(tanh(z)) == pytest.approx(lecture, rel=1e-12, abs=1e-15)


@FAST
@given(z=reals)
def test_relu_splits_z_into_positive_and_negative_parts(z):
    assert float(relu(z) - relu(-z)) == z


@pytest.mark.parametrize("name", NAMES)
@FAST
@given(z=hnp.arrays(np.float64, st.integers(1, 20), elements=reals), alpha=alphas)
def test_non_decreasing(name, z, alpha):
    params = {"alpha": alpha} if name == "leaky_relu" else {}
    y = ACTIVATIONS[name](np.sort(z), **params)
    assert np.all(y[1:] >= y[:-1])


@pytest.mark.parametrize("f", [sigmoid, tanh])
@FAST
@given(a=st.floats(-5.0, 5.0), gap=st.floats(1e-6, 5.0))
def test_strictly_increasing_in_moderate_range(f, a, gap):
    assert float(f(a + gap)) > float(f(a))


@FAST
@given(z=moderate, alpha=alphas)
def test_leaky_relu_is_max_of_z_and_alpha_z(z, alpha):
    assert float(leaky_relu(z, alpha)) == max(z, alpha * z)


@FAST
@given(z=real_arrays)
def test_identity_returns_z_unchanged_as_a_new_array(z):
    y = identity(z)
    np.testing.assert_array_equal(y, z)
    assert y is not z and not np.shares_memory(y, z)
    assert np.all(identity_grad(z) == 1.0)


def test_leaky_relu_with_alpha_zero_is_relu():
    z = np.array([-np.inf, -3.0, 0.0, 2.0, np.inf])
    np.testing.assert_array_equal(leaky_relu(z, alpha=0.0), relu(z))
    np.testing.assert_array_equal(leaky_relu_grad(z, alpha=0.0), relu_grad(z))


# --- derivatives: finite differences, away from the kinks at 0 --------------------------

away_from_kink = st.floats(1e-3, 4.0).flatmap(lambda r: st.sampled_from([r, -r]))


@pytest.mark.parametrize("name", NAMES)
@FAST
@given(z=away_from_kink)
def test_derivative_matches_finite_difference(name, z):
    activation = ACTIVATIONS[name]
    assert relative_error(activation.df(z), numerical_derivative(activation.f, z)) < 1e-6


@pytest.mark.parametrize("name", NAMES)
def test_derivative_matches_finite_difference_on_a_grid(name):
    z = np.linspace(-8.0, 8.0, 1601)
    z = z[np.abs(z) > 1e-3]
    activation = ACTIVATIONS[name]
    assert relative_error(activation.df(z), numerical_derivative(activation.f, z)) < 1e-6


@FAST
@given(z=away_from_kink, alpha=alphas)
def test_leaky_relu_derivative_for_any_alpha(z, alpha):
    f = functools.partial(leaky_relu, alpha=alpha)
    assert relative_error(leaky_relu_grad(z, alpha), numerical_derivative(f, z)) < 1e-6


@FAST
@given(z=st.floats(-5.0, 5.0))
def test_grads_match_the_lecture_formulas(z):
    s, t = float(sigmoid(z)), float(tanh(z))
    assert float(sigmoid_grad(z)) == pytest.approx(s * (1 - s), rel=1e-12)
    assert float(tanh_grad(z)) == pytest.approx(1 - t**2, rel=1e-12, abs=1e-15)
    assert float(step_grad(z)) == 0.0
    assert float(relu_grad(z)) == float(step(z))


@FAST
@given(z=hnp.arrays(st.sampled_from([np.float32, np.float64]), hnp.array_shapes(max_dims=2),
                    elements=st.floats(allow_nan=True, width=32)))
def test_step_is_heaviside_with_0_at_the_jump(z):
    expected = np.heaviside(z, 0.0)  # the definition, by numpy's (slower) reference
    np.testing.assert_array_equal(step(z), expected)  # NaN where z is NaN, 0 at ±0
    assert step(z).dtype == z.dtype and not np.signbit(step(z)[~np.isnan(z)]).any()


# --- extreme inputs: no overflow, no warnings, no NaN -----------------------------------

EXTREMES = [1e4, -1e4, 1e300, -1e300, np.inf, -np.inf]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("z", EXTREMES + [np.float32(1e4), np.float32(-1e4), np.float32(np.inf)])
def test_extreme_inputs_raise_no_warnings(name, z):
    activation = ACTIVATIONS[name]
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        y, dy = float(activation.f(z)), float(activation.df(z))
    assert not np.isnan(y) and not np.isnan(dy)
    assert np.isfinite(dy)
    if np.isfinite(activation.output_range).all() or np.isfinite(z):
        assert np.isfinite(y)


def _sech2(x: float) -> float:
    """tanh'(x) = sech²(x) = 4 e^{-2|x|} / (1 + e^{-2|x|})², to 50 significant digits."""
    import decimal
    with decimal.localcontext() as context:
        context.prec = 50
        e = (-2 * abs(decimal.Decimal(x))).exp()
        return float(4 * e / (1 + e) ** 2)


@pytest.mark.parametrize("z", [0.3, 5.0, 12.0, 15.0, 19.0, 25.0, 100.0, 300.0, 350.0])
def test_tanh_grad_keeps_full_relative_precision_where_one_minus_tanh_squared_loses_it(z):
    # 1 - tanh² from the rounded tanh: relative error above 1e-6 beyond |z| ≈ 12, and 0
    # beyond 19 (tanh rounds to 1); sech² from e^{-2|z|} stays within a few ulps
    exact = _sech2(z)
    for sign in (1.0, -1.0):
        assert float(tanh_grad(sign * z)) == pytest.approx(exact, rel=1e-14, abs=0)
    if z >= 19:
        assert 1.0 - np.tanh(z) ** 2 == 0.0  # what the lecture's form gives there
    assert float(tanh_grad(np.float32(z if z < 40 else 40.0))) == pytest.approx(
        _sech2(z if z < 40 else 40.0), rel=1e-6)  # float32 too, to its precision


def test_softplus_is_log_one_plus_exp_and_its_derivative_is_sigmoid():
    z = np.linspace(-30.0, 30.0, 61)
    np.testing.assert_allclose(softplus(z), np.log1p(np.exp(z)), rtol=1e-14, atol=1e-300)
    np.testing.assert_allclose(numerical_derivative(softplus, z), sigmoid(z), rtol=1e-7,
                               atol=1e-12)
    with np.errstate(all="raise"):  # no overflow for large z, no underflow for very negative
        np.testing.assert_array_equal(softplus([1e300, -1e300, np.inf, -np.inf]),
                                      [1e300, 0.0, np.inf, 0.0])
        assert softplus(np.float32([-1e4, 1e4])).dtype == np.float32


def test_leaky_relu_of_subnormal_inputs_is_quiet_under_errstate_raise():
    tiny = np.array([-5e-324, -1e-310, 5e-324])  # subnormal float64
    with np.errstate(all="raise"):
        np.testing.assert_array_equal(leaky_relu(tiny, alpha=0.01), [-0.0, -1e-312, 5e-324])
        np.testing.assert_array_equal(leaky_relu_grad(tiny, alpha=0.01), [0.01, 0.01, 1.0])


def test_extreme_values():
    with np.errstate(all="raise"):
        np.testing.assert_array_equal(sigmoid([np.inf, -np.inf, 1e300, -1e300]), [1, 0, 1, 0])
        np.testing.assert_array_equal(tanh([np.inf, -np.inf]), [1, -1])
        np.testing.assert_array_equal(relu([np.inf, -np.inf]), [np.inf, 0])
        np.testing.assert_array_equal(sigmoid_grad([1e4, -1e4]), [0, 0])
        np.testing.assert_array_equal(tanh_grad([1e4, -np.inf]), [0, 0])
        assert 0 < float(sigmoid(-700.0)) < 1e-300  # the z < 0 branch keeps tiny values
    # sigma(z) sigma(-z) stays accurate where sigma(z) (1 - sigma(z)) would cancel to 0.
    assert float(sigmoid_grad(40.0)) == pytest.approx(np.exp(-40.0), rel=1e-12, abs=0)


@pytest.mark.parametrize("name", NAMES)
def test_nan_passes_through(name):
    activation = ACTIVATIONS[name]
    z = np.array([np.nan, 1.0])
    assert np.isnan(activation.f(z)[0]) and np.isnan(activation.df(z)[0])
    assert not np.isnan(activation.f(z)[1])


# --- shapes and dtypes ------------------------------------------------------------------

FUNCTIONS = [a.f for a in ACTIVATIONS.values()] + [a.df for a in ACTIVATIONS.values()]


@pytest.mark.parametrize("f", FUNCTIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("z, shape", [
    (0.5, ()), (3, ()), ([-1.0, 2.0], (2,)), (np.arange(6).reshape(2, 3) - 2, (2, 3)),
    (np.zeros((0, 4)), (0, 4)),
])
def test_shape_preserved_and_float64(f, z, shape):
    y = f(z)
    assert isinstance(y, np.ndarray)
    assert y.shape == shape and y.dtype == np.float64


@pytest.mark.parametrize("f", FUNCTIONS, ids=lambda f: f.__name__)
def test_float32_stays_float32(f):
    assert f(np.linspace(-3, 3, 6, dtype=np.float32).reshape(2, 3)).dtype == np.float32
    assert f(np.float32(-2.0)).dtype == np.float32


@pytest.mark.parametrize("f", FUNCTIONS, ids=lambda f: f.__name__)
def test_input_not_modified(f):
    z = np.array([-2.0, 0.0, 3.0])
    f(z)
    assert z.tolist() == [-2.0, 0.0, 3.0]


# --- bad input: readable errors that name the argument ----------------------------------

BAD_Z = [("abc", "<U3"), (["1", "2"], "<U1"), (1 + 2j, "complex128"), (True, "bool"),
         (np.array([True, False]), "bool"), (np.array([1.0, None], dtype=object), "object"),
         ([1.0, None], "object")]


@pytest.mark.parametrize("f", FUNCTIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("z, dtype", BAD_Z)
def test_non_real_z_raises_type_error(f, z, dtype):
    expected = (r"^z must be real numbers \(int or float array_like\), "
                rf"got dtype {re.escape(dtype)}$")
    with pytest.raises(TypeError, match=expected):
        f(z)


@pytest.mark.parametrize("f", [leaky_relu, leaky_relu_grad])
@pytest.mark.parametrize("alpha", [-0.1, 1.0, 1.5, np.nan, np.inf, "0.1", None, True])
def test_bad_alpha_raises_value_error(f, alpha):
    with pytest.raises(ValueError, match=r"^alpha must be a number in \[0, 1\), got "):
        f(1.0, alpha=alpha)


def test_unknown_name_lists_the_valid_ones():
    expected = "unknown activation 'sigmod'; expected one of: step, sigmoid, tanh, relu, leaky_relu"
    with pytest.raises(ValueError, match=re.escape(expected)):
        get_activation("sigmod")


@pytest.mark.parametrize("name", [3, None, b"relu", ACTIVATIONS["relu"]])
def test_non_str_name_raises_type_error(name):
    with pytest.raises(TypeError, match="^name must be a str"):
        get_activation(name)


# --- the registry and the Activation record ---------------------------------------------

def test_registry_order_and_lookup():
    assert list(ACTIVATIONS) == NAMES
    for name, activation in ACTIVATIONS.items():
        assert activation.name == name and get_activation(name) is activation
        assert activation.formula and activation.derivative


def test_activation_calls_f_and_is_frozen():
    assert ACTIVATIONS["sigmoid"].f is sigmoid and ACTIVATIONS["sigmoid"].df is sigmoid_grad
    assert ACTIVATIONS["leaky_relu"]([-1.0], alpha=0.5).tolist() == [-0.5]
    with pytest.raises(dataclasses.FrozenInstanceError):
        ACTIVATIONS["relu"].name = "other"


def test_activation_repr_teaches():
    assert repr(ACTIVATIONS["sigmoid"]) == "Activation('sigmoid', range=(0, 1))"
    assert repr(ACTIVATIONS["tanh"]) == "Activation('tanh', range=(-1, 1))"
    assert repr(ACTIVATIONS["relu"]) == "Activation('relu', range=(0, inf))"
    custom = Activation("x", relu, relu_grad, "", "", (0.5, 2.0))
    assert repr(custom) == "Activation('x', range=(0.5, 2))"


def test_formulas_are_the_lecture_ones():
    assert ACTIVATIONS["sigmoid"].formula == r"\text{sigmoid}(x) = \frac{1}{1 + \exp(-x)}"
    assert ACTIVATIONS["tanh"].formula == r"\tanh(x) = \frac{1 - \exp(-2x)}{1 + \exp(-2x)}"
    assert ACTIVATIONS["relu"].formula == r"\text{ReLU}(x) = \max(x, 0)"


def test_import_brings_in_numpy_only():
    # The whole package, not just this module: `import nnlib` must stay numpy-only.
    # ('cython' modules are numpy.random's own runtime.)
    code = ("import sys; before = set(sys.modules); import nnlib; "
            "new = {m.split('.')[0] for m in set(sys.modules) - before if 'cython' not in m}; "
            "print(*sorted(new - set(sys.stdlib_module_names)))")
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    out = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True,
                         text=True, check=True).stdout
    assert set(out.split()) <= {"nnlib", "numpy"}
