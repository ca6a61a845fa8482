"""Tests for nnlib.optimizers: hand-worked steps, in-place updates, properties, bad inputs."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnlib.optimizers import GD, OPTIMIZERS, SGD, Momentum, Optimizer, get_optimizer

pytestmark = pytest.mark.filterwarnings("error")

FAST = settings(max_examples=50, deadline=None, database=None)


# --- worked examples -------------------------------------------------------------------

def test_gd_step_by_hand():
    params = {"w": np.array([1.0])}
    GD(lr=0.1).step(params, {"w": np.array([2.0])})
    assert params["w"][0] == pytest.approx(0.8, abs=1e-15)  # 1 - 0.1 * 2


def test_sgd_uses_the_same_rule_as_gd():
    a, b = {"W1": np.array([[1.0, -2.0]])}, {"W1": np.array([[1.0, -2.0]])}
    grads = {"W1": np.array([[0.5, 3.0]])}
    GD(lr=0.2).step(a, grads)
    SGD(lr=0.2).step(b, grads)
    np.testing.assert_array_equal(a["W1"], b["W1"])
    np.testing.assert_allclose(a["W1"], [[0.9, -2.6]], atol=1e-15)


def test_momentum_two_steps_by_hand():
    params, opt = {"w": np.array([1.0]), "b": np.array(0.0)}, Momentum(lr=0.1, beta=0.9)
    grads = {"w": np.array([2.0]), "b": np.array(-1.0)}
    opt.step(params, grads)  # v = 2, w = 1 - 0.1 * 2 = 0.8;  v_b = -1, b = 0.1
    assert params["w"][0] == pytest.approx(0.8, abs=1e-15)
    assert float(params["b"]) == pytest.approx(0.1, abs=1e-15)
    opt.step(params, grads)  # v = 0.9 * 2 + 2 = 3.8, w = 0.8 - 0.38 = 0.42
    assert opt.velocity["w"][0] == pytest.approx(3.8, abs=1e-15)
    assert params["w"][0] == pytest.approx(0.42, abs=1e-15)
    assert float(params["b"]) == pytest.approx(0.1 + 0.19, abs=1e-15)  # v_b = -1.9
    opt.reset()
    opt.step(params, grads)  # after reset, a plain GD step again: 0.42 - 0.2
    assert params["w"][0] == pytest.approx(0.22, abs=1e-15)


def test_step_updates_the_callers_arrays_in_place():
    W = np.array([[1.0, 2.0], [3.0, 4.0]])
    params = {"W1": W}
    GD(lr=0.5).step(params, {"W1": np.ones((2, 2))})
    assert params["W1"] is W
    np.testing.assert_array_equal(W, [[0.5, 1.5], [2.5, 3.5]])


def test_a_bad_grads_dict_changes_no_parameter():
    params = {"W1": np.ones((2, 2)), "b1": np.ones(2)}
    with pytest.raises(ValueError, match=r"grads\['b1'\] must have the shape"):
        GD(lr=0.5).step(params, {"W1": np.ones((2, 2)), "b1": np.ones(3)})
    np.testing.assert_array_equal(params["W1"], np.ones((2, 2)))  # W1 came first: untouched


def test_float32_parameters_stay_float32():
    params = {"w": np.array([1.0, 2.0], dtype=np.float32)}
    Momentum(lr=0.1).step(params, {"w": np.array([1.0, 1.0])})
    assert params["w"].dtype == np.float32


# --- properties -------------------------------------------------------------------------

@FAST
@given(beta=st.floats(0.0, 0.99), g=st.floats(-10, 10), lr=st.floats(1e-3, 1.0))
def test_momentum_with_a_constant_gradient_sums_a_geometric_series(beta, g, lr):
    # v_t = g (1 + β + ... + β^(t-1)), so after t steps w = -lr g Σ_s (1 - β^s) / (1 - β)
    params, opt = {"w": np.zeros(1)}, Momentum(lr=lr, beta=beta)
    for _ in range(5):
        opt.step(params, {"w": np.array([g])})
    expected = -lr * g * sum((1 - beta ** s) / (1 - beta) for s in range(1, 6))
    assert params["w"][0] == pytest.approx(expected, rel=1e-9, abs=1e-12)


@FAST
@given(lr=st.floats(1e-3, 1.0), g=st.floats(-10, 10))
def test_momentum_with_beta_zero_is_gd(lr, g):
    a, b = {"w": np.array([0.3])}, {"w": np.array([0.3])}
    opt_a, opt_b = GD(lr=lr), Momentum(lr=lr, beta=0.0)
    for _ in range(3):
        opt_a.step(a, {"w": np.array([g])})
        opt_b.step(b, {"w": np.array([g])})
    np.testing.assert_array_equal(a["w"], b["w"])


def test_registry_and_get_optimizer():
    assert set(OPTIMIZERS) == {"gd", "sgd", "momentum"}
    assert all(issubclass(cls, Optimizer) for cls in OPTIMIZERS.values())
    opt = get_optimizer("momentum", lr=0.01, beta=0.5)
    assert isinstance(opt, Momentum) and (opt.lr, opt.beta) == (0.01, 0.5)
    assert repr(get_optimizer("sgd", lr=0.05)) == "SGD(lr=0.05)"
    assert repr(opt) == "Momentum(lr=0.01, beta=0.5)"


# --- bad inputs ---------------------------------------------------------------------------

@pytest.mark.parametrize("lr", [0, -0.1, np.nan, np.inf, "0.1", None, True])
@pytest.mark.parametrize("cls", [GD, SGD, Momentum])
def test_bad_learning_rate(cls, lr):
    with pytest.raises(ValueError, match=r"lr must be a finite number > 0"):
        cls(lr=lr)


@pytest.mark.parametrize("beta", [-0.1, 1.0, 1.5, np.nan, "0.9"])
def test_bad_beta(beta):
    with pytest.raises(ValueError, match=r"beta must be a number in \[0, 1\)"):
        Momentum(lr=0.1, beta=beta)


def test_unknown_optimizer_lists_the_names():
    with pytest.raises(ValueError, match=r"unknown optimizer 'adam'; expected one of: "
                                         r"gd, sgd, momentum"):
        get_optimizer("adam", lr=0.1)
    with pytest.raises(TypeError, match="optimizer name must be a str"):
        get_optimizer(GD, lr=0.1)


def test_step_checks_keys_shapes_and_types():
    opt = GD(lr=0.1)
    with pytest.raises(ValueError, match=r"grads must have the same keys as params \['b', 'w'\]"):
        opt.step({"w": np.zeros(2), "b": np.zeros(())}, {"w": np.zeros(2)})
    with pytest.raises(ValueError, match=r"grads\['w'\] must have the shape of params\['w'\] "
                                         r"\(2,\), got shape \(2, 1\)"):
        opt.step({"w": np.zeros(2)}, {"w": np.zeros((2, 1))})
    with pytest.raises(TypeError, match=r"params\['w'\] must be a float ndarray"):
        opt.step({"w": [0.0, 0.0]}, {"w": np.zeros(2)})
    with pytest.raises(TypeError, match=r"params\['w'\] must be a float ndarray"):
        opt.step({"w": np.zeros(2, dtype=int)}, {"w": np.zeros(2)})
    with pytest.raises(TypeError, match="params and grads must be dicts"):
        opt.step(np.zeros(2), np.zeros(2))
