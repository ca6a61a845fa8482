"""Tests for nnlib.mlp: the lecture's worked gradients, gradient checks, properties, errors."""

import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from nnlib.gradcheck import check_gradient
from nnlib.logistic import LogisticRegression
from nnlib.losses import cross_entropy, l2_penalty
from nnlib.mlp import MLP
from nnlib.training import train

# Any numpy warning fails the test that caused it, and so does any floating-point error.
pytestmark = pytest.mark.filterwarnings("error")

FAST = settings(max_examples=50, deadline=None, database=None)
HIDDEN = ["sigmoid", "tanh", "relu", "leaky_relu"]  # all but step, whose gradient is 0
K = {"softmax": 3, "sigmoid": 1, "linear": 2}  # outputs per output type
XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([0, 1, 1, 0])


@pytest.fixture(autouse=True)
def raise_on_float_errors():
    with np.errstate(all="raise"):
        yield


def sigma(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def random_data(model: MLP, n: int = 5, seed: int = 1):
    """Inputs, fitting targets, and non-zero biases (so every gradient is exercised)."""
    rng = np.random.default_rng(seed)
    d, k = model.sizes[0], model.sizes[-1]
    X = rng.normal(size=(n, d))
    y = {"softmax": rng.integers(0, k, n), "sigmoid": rng.integers(0, 2, n),
         "linear": rng.normal(size=(n, k))}[model.output]
    params = model.get_params()
    for name in params:
        if name.startswith("b"):
            params[name] = rng.normal(scale=0.5, size=params[name].shape)
    model.set_params(params)
    return X, y


def check_all_gradients(model: MLP, X, y) -> None:
    """Central differences of model.loss against model.gradients, one parameter at a time."""
    for name in model.param_names:
        saved = model.params[name].copy()

        def at(value, fn):
            model.params[name][...] = value
            try:
                return fn(X, y)
            finally:
                model.params[name][...] = saved

        check_gradient(lambda v: at(v, model.loss), lambda v: at(v, model.gradients)[name],
                       saved, tol=1e-6)


# --- worked examples: the lecture's chain rule with specific numbers -------------------

def test_one_neuron_gradient_is_y_hat_minus_y_times_x1():
    # Lecture: z = w11 x1 + w21 x2 (+ b), y_hat = sigmoid(z), dl/dw11 = (y_hat - y) x1.
    model = MLP([2, 1], output="sigmoid")
    model.set_params({"W1": [[0.5, -0.25]], "b1": [0.1]})  # W1[0, i] is the lecture's w_i1
    x, y = np.array([[1.0, 2.0]]), np.array([1])
    loss, grads = model.loss_and_gradients(x, y)
    y_hat = sigma(0.5 * 1.0 - 0.25 * 2.0 + 0.1)  # sigma(0.1) = 0.524979...
    assert float(model.predict_proba(x)[0]) == pytest.approx(y_hat, rel=1e-14)
    assert loss == pytest.approx(-math.log(y_hat), rel=1e-14)
    # the long form of the chain rule, dl/dy_hat * dy_hat/dz * dz/dw11, ...
    long_form = ((1 - 1) / (1 - y_hat) - 1 / y_hat) * y_hat * (1 - y_hat) * 1.0
    # ... simplifies to (y_hat - y) x1 = -0.475021
    assert grads["W1"][0, 0] == pytest.approx(long_form, rel=1e-12)
    assert grads["W1"][0, 0] == pytest.approx((y_hat - 1) * 1.0, rel=1e-12)
    assert grads["W1"][0, 0] == pytest.approx(-0.47502081252106, rel=1e-12)
    assert grads["W1"][0, 1] == pytest.approx((y_hat - 1) * 2.0, rel=1e-12)  # x2 = 2
    assert grads["b1"][0] == pytest.approx(y_hat - 1, rel=1e-12)


def test_two_layer_gradient_matches_the_lecture():
    # Lecture: dl/dw11^(1) = (y_hat - y) w11^(2) a11 (1 - a11) x1, sigmoid everywhere.
    model = MLP([2, 2, 1], activation="sigmoid", output="sigmoid")
    W1, b1 = [[0.1, 0.2], [-0.3, 0.4]], [0.0, 0.1]
    W2, b2 = [[0.5, -0.6]], [0.05]
    model.set_params({"W1": W1, "b1": b1, "W2": W2, "b2": b2})
    x1, x2, y = 1.0, -2.0, 0
    a11 = sigma(0.1 * x1 + 0.2 * x2 + 0.0)  # sigma(-0.3) = 0.425557
    a12 = sigma(-0.3 * x1 + 0.4 * x2 + 0.1)  # sigma(-1.0) = 0.268941
    y_hat = sigma(0.5 * a11 - 0.6 * a12 + 0.05)  # 0.525332
    cache = model.forward([[x1, x2]])
    assert cache["A1"][0] == pytest.approx([a11, a12], rel=1e-14)
    assert float(cache["P"][0, 0]) == pytest.approx(y_hat, rel=1e-14)
    grads = model.gradients([[x1, x2]], [y])
    expected = (y_hat - y) * 0.5 * a11 * (1 - a11) * x1
    assert grads["W1"][0, 0] == pytest.approx(expected, rel=1e-12)
    assert grads["W1"][0, 0] == pytest.approx(0.06421085816874796, rel=1e-12)
    assert grads["W2"][0] == pytest.approx([(y_hat - y) * a11, (y_hat - y) * a12], rel=1e-12)
    # second hidden unit: (y_hat - y) w12^(2) a12 (1 - a12) x2
    assert grads["W1"][1, 1] == pytest.approx((y_hat - y) * -0.6 * a12 * (1 - a12) * x2,
                                              rel=1e-12)
    # dl/dx1: x1 reaches the loss through both hidden units, and the two paths add up
    paths = (y_hat - y) * (0.5 * a11 * (1 - a11) * 0.1 + -0.6 * a12 * (1 - a12) * -0.3)
    dx = model.input_gradients([[x1, x2]], [y])
    assert dx.shape == (1, 2) and dx[0, 0] == pytest.approx(paths, rel=1e-12)


def test_softmax_loss_is_the_mean_cross_entropy_and_its_gradient_is_p_minus_y():
    model = MLP([3, 4, 3], activation="tanh", seed=3)
    X, y = random_data(model, n=6)
    cache = model.forward(X)
    P = cache["P"]
    expected = -np.mean(np.log(P[np.arange(6), y]))
    assert model.loss(X, y) == pytest.approx(expected, rel=1e-12)
    assert model.loss(X, y) == pytest.approx(cross_entropy(cache["Z2"], y), rel=1e-12)
    dZ = (P - np.eye(3)[y]) / 6  # the fused softmax/cross-entropy gradient (P - Y) / n
    grads = model.gradients(X, y)
    np.testing.assert_allclose(grads["W2"], dZ.T @ cache["A1"], rtol=1e-12)
    np.testing.assert_allclose(grads["b2"], dZ.sum(axis=0), rtol=1e-12, atol=1e-15)


def test_l2_penalty_is_on_weights_only_and_shared_over_the_n_examples():
    # the lecture's J = Σ ℓ_i + λ/2 Σ ||W_l||², reported per example as J / n
    model = MLP([3, 4, 2], activation="tanh", lam=0.3)
    X, y = random_data(model)
    n = len(X)
    plain = MLP([3, 4, 2], activation="tanh")
    plain.set_params(model.params)
    penalty = 0.3 / 2 * (np.sum(model.params["W1"] ** 2) + np.sum(model.params["W2"] ** 2))
    assert penalty == pytest.approx(l2_penalty({k: model.params[k] for k in ("W1", "W2")}, 0.3))
    assert model.loss(X, y) == pytest.approx(plain.loss(X, y) + penalty / n, rel=1e-12)
    g, g0 = model.gradients(X, y), plain.gradients(X, y)
    np.testing.assert_allclose(g["W1"], g0["W1"] + 0.3 / n * model.params["W1"], rtol=1e-12)
    np.testing.assert_array_equal(g["b1"], g0["b1"])
    # once trained, n is the size of the training set, whatever batch is evaluated
    train(model, X, y, epochs=1, progress=False)
    assert model.n_train_ == n
    plain.set_params(model.params)
    assert model.loss(X[:3], y[:3]) == pytest.approx(
        plain.loss(X[:3], y[:3]) + 0.3 / (2 * n) * sum(np.sum(model.params[k] ** 2)
                                                       for k in ("W1", "W2")), rel=1e-12)


def test_one_lambda_convention_for_mlp_and_logistic_regression():
    # MLP([d, 1], output="sigmoid") is logistic regression: with the same λ, the same J / n
    # and the same gradient (labels 0/1 there, -1/+1 here)
    rng = np.random.default_rng(5)
    X, y01 = rng.normal(size=(9, 3)), rng.integers(0, 2, 9)
    w, b = rng.normal(size=3), 0.4
    mlp = MLP([3, 1], output="sigmoid", lam=0.7)
    mlp.set_params({"W1": w[None, :], "b1": [b]})
    logistic = LogisticRegression(lam=0.7)
    logistic.params = {"w": w.copy(), "b": np.array(b)}
    assert mlp.loss(X, y01) == pytest.approx(logistic.loss(X, 2 * y01 - 1), rel=1e-12)
    assert mlp.loss(X, y01) == pytest.approx(logistic.objective(X, 2 * y01 - 1) / 9, rel=1e-12)
    grads = mlp.gradients(X, y01)
    expected = logistic.loss_and_gradients(X, 2 * y01 - 1)[1]
    np.testing.assert_allclose(grads["W1"][0], expected["w"], rtol=1e-12)
    np.testing.assert_allclose(grads["b1"][0], expected["b"], rtol=1e-12)
    # and both fits reach scikit-learn's λ: the same minimiser of J
    for model in (mlp, logistic):
        train(model, X, y01 if model is mlp else 2 * y01 - 1, optimizer="gd", lr=1.0,
              epochs=3000, progress=False)
    np.testing.assert_allclose(mlp.params["W1"][0], logistic.w, rtol=1e-8, atol=1e-10)


# --- finite-difference gradient checks ---------------------------------------------------

CASES = [([3, K[out]], "relu", out, lam) for out in K for lam in (0.0, 0.1)]
CASES += [([3, 4, K[out]], act, out, lam) for act in HIDDEN for out in K for lam in (0.0, 0.1)]
CASES += [([3, 4, 5, K[out]], act, out, lam) for act in HIDDEN for out in K
          for lam in (0.0, 0.1)]
CASES += [([3, 4, 5, 2], ["tanh", "relu"], "softmax", 0.05)]  # one activation per layer


@pytest.mark.parametrize("sizes, activation, output, lam", CASES,
                         ids=lambda v: "-".join(map(str, v)) if isinstance(v, list) else str(v))
def test_gradients_match_finite_differences(sizes, activation, output, lam):
    model = MLP(sizes, activation=activation, output=output, lam=lam, seed=len(sizes))
    X, y = random_data(model)
    check_all_gradients(model, X, y)


@pytest.mark.parametrize("sizes, activation, output", [
    ([3, 2], "relu", "softmax"), ([3, 4, 1], "tanh", "sigmoid"),
    ([3, 4, 5, 2], ["sigmoid", "leaky_relu"], "linear"), ([3, 5, 4, 3], "tanh", "softmax")])
def test_input_gradients_match_finite_differences(sizes, activation, output):
    model = MLP(sizes, activation=activation, output=output, seed=4, lam=0.1)
    X, y = random_data(model, n=5, seed=6)
    dX = model.input_gradients(X, y)
    assert dX.shape == X.shape and dX.dtype == np.float64
    check_gradient(lambda v: model.loss(v, y), lambda v: model.input_gradients(v, y), X,
                   tol=1e-6)


def test_gradient_keys_shapes_and_dtypes_match_params():
    model = MLP([3, 4, 5, 2])
    X, y = random_data(model)
    loss, grads = model.loss_and_gradients(X, y)
    assert isinstance(loss, float) and list(grads) == model.param_names
    for name in model.param_names:
        assert grads[name].shape == model.params[name].shape
        assert grads[name].dtype == np.float64


def test_float32_stays_float32():
    model = MLP([3, 8, 3], dtype=np.float32, lam=0.01)
    X, y = random_data(model, n=7)
    X32 = X.astype(np.float32)
    assert all(p.dtype == np.float32 for p in model.params.values())
    cache = model.forward(X32)
    assert all(v.dtype == np.float32 for v in cache.values()), \
        {k: v.dtype for k, v in cache.items()}
    assert model.logits(X).dtype == np.float32  # float64 inputs are converted
    assert model.predict_proba(X32).dtype == np.float32
    loss, grads = model.loss_and_gradients(X32, y)
    assert all(g.dtype == np.float32 for g in grads.values())
    for output, k in [("sigmoid", 1), ("linear", 2)]:
        m = MLP([3, 4, k], activation="tanh", output=output, dtype="float32")
        Xo, yo = random_data(m)
        assert all(g.dtype == np.float32 for g in m.gradients(Xo.astype(np.float32), yo).values())
        assert m.logits(Xo).dtype == np.float32
    # the same seed gives the same weights, rounded to float32
    wide = MLP([3, 8, 3], lam=0.01)
    assert np.array_equal(wide.params["W1"].astype(np.float32), model.params["W1"])


def test_check_data_converts_once_and_check_input_false_trusts_it():
    model = MLP([3, 4, 3], activation="relu", dtype=np.float32)
    X, y = random_data(model, n=6)
    Xc, yc = model.check_data(X.tolist(), y.tolist())
    assert Xc.dtype == np.float32 and yc.dtype == np.intp
    again = model.check_data(Xc, yc)
    assert again[0] is Xc and again[1] is yc  # checking checked data changes nothing
    loss, grads = model.loss_and_gradients(X, y)
    fast_loss, fast_grads = model.loss_and_gradients(Xc[:6], yc[:6], check_input=False)
    assert fast_loss == loss
    assert all(np.array_equal(fast_grads[k], grads[k]) for k in grads)
    for output, k, targets in [("sigmoid", 1, [0, 1]), ("linear", 2, [[0.5, 1.0], [2.0, 0.0]])]:
        m = MLP([3, 4, k], activation="tanh", output=output)
        Xo, yo = m.check_data(np.ones((2, 3)), targets)
        y_again = m.check_data(Xo, yo)[1]
        assert np.array_equal(y_again, yo) and np.shares_memory(y_again, yo)  # no copy


def test_relu_backward_uses_the_mask_and_matches_relu_grad():
    from nnlib.activations import relu_grad
    model = MLP([3, 5, 2], activation="relu", seed=4)
    X, y = random_data(model, n=7)
    cache = model.forward(X)
    dZ2 = (cache["P"] - np.eye(2)[y]) / 7
    dZ1 = (dZ2 @ model.params["W2"]) * relu_grad(cache["Z1"])  # the lecture's chain rule
    np.testing.assert_allclose(model.gradients(X, y)["W1"], dZ1.T @ X, rtol=1e-12, atol=1e-15)


def test_extreme_inputs_give_finite_loss_and_gradients():
    for output, k in K.items():
        model = MLP([2, 3, k], activation="sigmoid", output=output)
        y = random_data(model, n=3)[1]
        X = np.array([[1e4, -1e4], [-1e4, 1e4], [0.0, 0.0]])  # saturates every sigmoid
        loss, grads = model.loss_and_gradients(X, y)
        assert np.isfinite(loss) and all(np.isfinite(g).all() for g in grads.values())


# --- properties ----------------------------------------------------------------------------

batches = hnp.arrays(np.float64, st.tuples(st.integers(1, 6), st.just(3)),
                     elements=st.floats(-1e4, 1e4))


@FAST
@given(X=batches, seed=st.integers(0, 2**32))
def test_softmax_probabilities_sum_to_one_and_predict_is_argmax(X, seed):
    model = MLP([3, 5, 4], activation="tanh", seed=seed)
    P = model.predict_proba(X)
    assert P.shape == (len(X), 4) and np.all((P >= 0) & (P <= 1))
    np.testing.assert_allclose(P.sum(axis=1), 1.0, rtol=1e-12)
    labels = model.predict(X)
    assert labels.shape == (len(X),)
    assert np.array_equal(P[np.arange(len(X)), labels], P.max(axis=1))  # an argmax (ties ok)


@FAST
@given(X=batches, seed=st.integers(0, 2**32))
def test_sigmoid_probability_and_predict(X, seed):
    model = MLP([3, 5, 1], activation="relu", output="sigmoid", seed=seed)
    p = model.predict_proba(X)
    assert p.shape == (len(X),) and np.all((p >= 0) & (p <= 1))
    assert np.array_equal(model.predict(X), (model.logits(X)[:, 0] > 0).astype(int))
    assert np.all(model.predict(X)[p > 0.5] == 1) and np.all(model.predict(X)[p < 0.5] == 0)


@FAST
@given(seed=st.integers(0, 2**32), other=st.integers(0, 2**32))
def test_same_seed_same_params_different_seed_different(seed, other):
    a, b = MLP([4, 6, 3], seed=seed), MLP([4, 6, 3], seed=seed)
    assert all(np.array_equal(a.params[k], b.params[k]) for k in a.param_names)
    if other != seed:
        c = MLP([4, 6, 3], seed=other)
        assert not np.array_equal(a.params["W1"], c.params["W1"])


@settings(max_examples=5, deadline=None, database=None)
@given(seed=st.integers(0, 2**32))
def test_he_and_glorot_variances(seed):
    d, m, k = 800, 400, 10
    he = MLP([d, m, k], init="he", seed=seed).params["W1"]
    glorot = MLP([d, m, k], init="glorot", seed=seed).params["W1"]
    assert abs(he.var() / (2 / d) - 1) < 0.02  # 320,000 draws: relative sd about 0.0025
    assert abs(glorot.var() / (2 / (d + m)) - 1) < 0.02
    assert abs(he.mean()) < 0.01 * he.std()


def test_auto_init_is_he_before_relu_and_glorot_elsewhere():
    d, m, k = 800, 400, 400  # k = m: He (2/m) and Glorot (2/(m + k)) differ by a factor 2
    relu_net, tanh_net = MLP([d, m, k], activation="relu"), MLP([d, m, k], activation="tanh")
    assert relu_net.params["W1"].var() == pytest.approx(2 / d, rel=0.02)
    assert tanh_net.params["W1"].var() == pytest.approx(2 / (d + m), rel=0.02)
    assert relu_net.params["W2"].var() == pytest.approx(2 / (m + k), rel=0.05)  # output layer
    assert not relu_net.params["b1"].any()  # biases start at zero


# --- behaviour: learning XOR, parameters, repr ------------------------------------------

def test_learns_xor_by_plain_gradient_descent():
    model = MLP([2, 3, 1], activation="tanh", output="sigmoid", seed=0)
    assert model.score(XOR_X, XOR_Y) < 1.0  # a single neuron cannot; neither can a fresh net
    losses = []
    for _ in range(1000):
        loss, grads = model.loss_and_gradients(XOR_X, XOR_Y)
        for name in model.params:
            model.params[name] -= 1.0 * grads[name]  # w <- w - lr dL/dw
        losses.append(loss)
    assert model.score(XOR_X, XOR_Y) == 1.0
    assert np.array_equal(model.predict(XOR_X), XOR_Y)
    assert losses[-1] < 0.1 * losses[0]


def test_params_are_read_at_every_call_and_updated_in_place():
    model = MLP([2, 2], output="softmax")
    W1 = model.params["W1"]
    model.params["W1"] -= 0.5
    assert model.params["W1"] is W1  # the optimizers' in-place update keeps the array
    np.testing.assert_allclose(model.logits([[1.0, 0.0]])[0], W1[:, 0], rtol=1e-15)


def test_get_and_set_params_copy():
    model = MLP([2, 3, 2])
    params = model.get_params()
    params["W1"] += 1.0
    assert not np.array_equal(params["W1"], model.params["W1"])
    W1 = model.params["W1"]
    model.set_params(params)
    params["W1"] += 1.0  # changing the dict afterwards does not reach the model
    assert model.params["W1"] is W1 and np.array_equal(model.params["W1"] + 1, params["W1"])
    before = model.get_params()
    with pytest.raises(ValueError, match=re.escape("params['b2'] must have shape")):
        model.set_params({**params, "b2": np.zeros(5)})
    assert all(np.array_equal(before[k], model.params[k]) for k in before)  # unchanged


def test_astype_converts_and_keeps_predictions():
    model = MLP([3, 4, 3], activation="tanh", lam=0.1)
    X = random_data(model)[0]
    small = model.astype(np.float32)
    assert small.dtype == np.float32 and small.lam == 0.1 and small.sizes == model.sizes
    assert all(p.dtype == np.float32 for p in small.params.values())
    np.testing.assert_allclose(small.predict_proba(X), model.predict_proba(X), atol=1e-6)


def test_repr_n_params_and_param_names():
    assert repr(MLP([2, 3, 1], activation="tanh", output="sigmoid")) == \
        "MLP(2-3-1, activation=tanh, output=sigmoid, params=13)"
    assert repr(MLP([784, 128, 64, 10], activation=["relu", "tanh"], dtype=np.float32,
                    lam=1e-4)) == ("MLP(784-128-64-10, activation=[relu, tanh], "
                                   "output=softmax, params=109386, dtype=float32, lam=0.0001)")
    assert repr(MLP([2, 1], output="linear")) == "MLP(2-1, output=linear, params=3)"
    model = MLP([5, 4, 3, 2])
    assert model.n_params == sum(p.size for p in model.params.values()) == 24 + 15 + 8
    assert model.param_names == ["W1", "b1", "W2", "b2", "W3", "b3"]


def test_forward_cache_keys():
    cache = MLP([3, 4, 5, 2]).forward(np.ones((2, 3)))
    assert list(cache) == ["A0", "Z1", "A1", "Z2", "A2", "Z3", "P"]
    assert "P" not in MLP([3, 2], output="linear").forward(np.ones((2, 3)))


def test_linear_output_regression():
    model = MLP([1, 8, 1], activation="tanh", output="linear")
    X = np.linspace(-1, 1, 10)[:, None]
    y = X[:, 0] ** 2
    assert model.predict(X).shape == (10,)
    f = model.logits(X)[:, 0]
    assert model.loss(X, y) == pytest.approx(0.5 * np.mean((f - y) ** 2), rel=1e-12)
    r2 = 1 - np.sum((f - y) ** 2) / np.sum((y - y.mean()) ** 2)
    assert model.score(X, y) == pytest.approx(r2, rel=1e-12)
    with pytest.raises(ValueError, match="predict_proba needs output='softmax' or 'sigmoid'"):
        model.predict_proba(X)


@pytest.mark.parametrize("output, k, lam, dtype", [
    ("softmax", 3, 0.0, np.float64), ("softmax", 3, 0.5, np.float32),
    ("sigmoid", 1, 0.1, np.float64), ("linear", 2, 0.0, np.float64),
    ("linear", 1, 0.0, np.float32)])
def test_evaluate_is_loss_and_score_from_one_forward_pass(output, k, lam, dtype):
    model = MLP([3, 4, k], activation="tanh", output=output, lam=lam, dtype=dtype, seed=2)
    X, y = random_data(model, n=9, seed=5)
    passes = []
    layers = model._layers
    model._layers = lambda A: passes.append(len(A)) or layers(A)
    loss, score = model.evaluate(X, y)
    assert passes == [9]  # one forward pass for both numbers
    assert (loss, score) == (model.loss(X, y), model.score(X, y))  # the same, exactly
    assert type(loss) is float and type(score) is float
    Xc, yc = model.check_data(X, y)
    assert model.evaluate(Xc, yc, check_input=False) == (loss, score)


# --- bad inputs -------------------------------------------------------------------------

def model():
    return MLP([3, 4, 3])


X3 = np.zeros((2, 3))
BAD = [
    (lambda: MLP([3]), ValueError, "sizes must be a list [d, m1, ..., k] of at least 2"),
    (lambda: MLP(3), ValueError, "sizes must be a list"),
    (lambda: MLP([3, 2.5, 2]), ValueError, "sizes must hold integers >= 1, got 2.5"),
    (lambda: MLP([3, 0, 2]), ValueError, "sizes must hold integers >= 1, got 0"),
    (lambda: MLP([3, True, 2]), ValueError, "sizes must hold integers >= 1, got True"),
    (lambda: MLP([3, 4, 2], activation="swish"), ValueError,
     "unknown activation 'swish'; expected one of: step, sigmoid, tanh, relu, leaky_relu"),
    (lambda: MLP([3, 4, 4, 2], activation=["relu"]), ValueError,
     "activation must be a name or a list of 2 names"),
    (lambda: MLP([3, 2], output="softmx"), ValueError,
     "unknown output 'softmx'; expected one of: softmax, sigmoid, linear"),
    (lambda: MLP([3, 2], init="xavier"), ValueError,
     "unknown init 'xavier'; expected one of: auto, he, glorot"),
    (lambda: MLP([3, 2], output="sigmoid"), ValueError, "output='sigmoid' needs k = 1 output"),
    (lambda: MLP([3, 1], output="softmax"), ValueError, "output='softmax' needs k >= 2"),
    (lambda: MLP([3, 2], lam=-0.1), ValueError, "lam must be a finite number >= 0, got -0.1"),
    (lambda: MLP([3, 2], dtype=np.float16), ValueError, "dtype must be float32 or float64"),
    (lambda: MLP([3, 2], dtype="int64"), ValueError, "dtype must be float32 or float64"),
    (lambda: MLP([3, 2], seed=-1), ValueError, "seed must be an int >= 0"),
    (lambda: model().predict(np.zeros(3)), ValueError,
     "X must be a 2-D array of shape (n, 3) with n >= 1, got shape (3,) (one example x"),
    (lambda: model().predict(np.zeros((2, 4))), ValueError,
     "X must be a 2-D array of shape (n, 3) with n >= 1, got shape (2, 4)"),
    (lambda: model().predict(np.zeros((0, 3))), ValueError, "got shape (0, 3)"),
    (lambda: model().predict([[0.0, np.nan, 1.0]]), ValueError,
     "X must contain only finite numbers, got NaN or inf in row 0"),
    (lambda: model().predict([["a", "b", "c"]]), TypeError, "X must be real numbers"),
    (lambda: model().loss(X3, [0, 3]), ValueError,
     "y must hold labels 0..2 for output='softmax', got values from 0 to 3"),
    (lambda: model().loss(X3, [-1, 0]), ValueError, "y must hold labels 0..2"),
    (lambda: model().loss(X3, [0.0, 1.0]), TypeError,
     "y must be integer class labels of shape (n,) = (2,), got dtype float64 and shape (2,) "
     "(convert with y.astype(int))"),
    (lambda: model().loss(X3, np.eye(3)[[0, 2]]), TypeError,
     "got dtype float64 and shape (2, 3) (one-hot rows: convert with y.argmax(axis=1))"),
    (lambda: model().loss(X3, np.eye(3, dtype=int)[[0, 2]]), ValueError,
     "got dtype int64 and shape (2, 3) (one-hot rows: convert with y.argmax(axis=1))"),
    (lambda: MLP([3, 2], dtype="banana"), ValueError,
     "dtype must be float32 or float64, got 'banana'"),
    (lambda: MLP([3, 2], dtype=None), ValueError, "dtype must be float32 or float64, got None"),
    (lambda: MLP([3, 4, 2], activation=[5]), ValueError,
     "activation must be a name or a list of 1 names (one per hidden layer), got [5]"),
    (lambda: MLP([3, 1], output="linear", dtype=np.float32).set_params(
        {"W1": [[1e39, 0.0, 0.0]], "b1": [0.0]}), ValueError,
     "params['W1'] must fit in float32 (at most 3.4e+38 in size), found values up to 1e+39"),
    (lambda: model().loss(X3, [0, 1, 2]), ValueError,
     "y must have shape (n,) = (2,), one label per row of X, got shape (3,)"),
    (lambda: MLP([3, 1], output="sigmoid").loss(X3, [0, 2]), ValueError,
     "y must hold labels 0..1 for output='sigmoid'"),
    (lambda: model().evaluate(X3, [0, 3]), ValueError,
     "y must hold labels 0..2 for output='softmax', got values from 0 to 3"),
    (lambda: model().evaluate(X3[:, :2], [0, 1]), ValueError,
     "X must be a 2-D array of shape (n, 3) with n >= 1, got shape (2, 2)"),
    (lambda: MLP([3, 2], output="linear").loss(X3, [1.0, 2.0]), ValueError,
     "y must have shape (n, k) = (2, 2), got (2,)"),
    (lambda: model().set_params({"W1": np.zeros((4, 3))}), ValueError,
     "params must have the keys W1, b1, W2, b2; missing ['b1', 'W2', 'b2'], unexpected []"),
    (lambda: model().set_params({**model().params, "W3": np.zeros(1)}), ValueError,
     "unexpected ['W3']"),
    (lambda: model().set_params({**model().params, "W1": np.zeros((3, 4))}), ValueError,
     "params['W1'] must have shape (4, 3), got (3, 4)"),
    (lambda: model().set_params({**model().params, "b2": [np.inf, 0, 0]}), ValueError,
     "params['b2'] must be finite"),
    (lambda: model().set_params([1, 2]), TypeError, "params must be a dict of arrays"),
]


@pytest.mark.parametrize("call, error, message", BAD, ids=[b[2][:40] for b in BAD])
def test_bad_inputs_raise_readable_errors(call, error, message):
    with pytest.raises(error, match=re.escape(message)):
        call()


@pytest.mark.parametrize("output, k, lam, dtype", [
    ("softmax", 3, 0.0, np.float32), ("softmax", 3, 0.0, np.float64),
    ("sigmoid", 1, 0.0, np.float64), ("linear", 2, 0.0, np.float64),
    ("softmax", 3, 0.1, np.float64)])
def test_fused_sgd_step_is_the_gradient_step_up_to_rounding(output, k, lam, dtype):
    fused, by_hand = (MLP([4, 5, 6, k], activation=["relu", "tanh"], output=output,
                          lam=lam, dtype=dtype, seed=1) for _ in range(2))
    X, y = random_data(fused, n=7, seed=3)
    by_hand.set_params(fused.params)  # random_data gave the fused model non-zero biases
    X, y = fused.check_data(X, y)
    loss = fused.sgd_step(X, y, 0.3)  # w ← w − 0.3 g, returns the loss before the step
    expected, grads = by_hand.loss_and_gradients(X, y)
    for name, w in by_hand.params.items():
        w -= 0.3 * grads[name]
    rtol = 1e-5 if dtype == np.float32 else 1e-12
    assert loss == pytest.approx(expected, rel=rtol)
    for name in by_hand.params:
        assert fused.params[name].dtype == dtype
        np.testing.assert_allclose(fused.params[name], by_hand.params[name], rtol=rtol,
                                   atol=rtol)
