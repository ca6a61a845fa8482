"""Tests for nnlib.logistic: hand-worked values, gradient checks, convexity, separable data,
agreement with scikit-learn, and bad inputs."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnlib.activations import sigmoid
from nnlib.gradcheck import check_gradient
from nnlib.logistic import METHODS, LogisticRegression
from nnlib.training import History, TrainingDiverged, iterate_training

pytestmark = pytest.mark.filterwarnings("error")

FAST = settings(max_examples=60, deadline=None, database=None)


def noisy_data(n=200, seed=0):
    """Not separable: labels ±1 from a noisy linear rule, so the ML fit is finite too."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 3))
    y = np.where(X @ [1.0, -2.0, 0.5] + 0.3 + rng.normal(size=n) > 0, 1, -1)
    return X, y


# Linearly separable (x1 < 0: -1, x1 > 0: +1), worked in the chapter.
SEP_X = np.array([[-2.0, 1.0], [-1.0, -1.0], [-0.5, 0.5], [0.5, -0.5], [1.0, 1.0], [2.0, -1.0]])
SEP_Y = np.array([-1, -1, -1, 1, 1, 1])


def with_params(model, theta):
    """Set (w, b) from one flat vector theta = [w_1..w_d, b]; returns the model."""
    model.params["w"][:] = theta[:-1]
    model.params["b"][...] = theta[-1]
    return model


# --- worked examples ------------------------------------------------------------------------

def test_at_w_zero_every_probability_is_half_and_the_objective_is_n_log_2():
    X, y = noisy_data(10)
    model = LogisticRegression(lam=3.0).fit(X, y, epochs=1)
    assert model.objective_history_[0] == pytest.approx(10 * math.log(2), rel=1e-15)
    with_params(model, np.zeros(4))
    np.testing.assert_array_equal(model.predict_proba(X), np.full(10, 0.5))
    assert model.objective(X, y) == pytest.approx(10 * math.log(2), rel=1e-15)
    assert model.loss(X, y) == pytest.approx(math.log(2), rel=1e-15)  # J / n
    np.testing.assert_array_equal(model.predict(X), -np.ones(10))  # s = 0 is not > 0


def test_one_example_by_hand():
    # w = (1, -1), b = 0.5, x = (2, 1): s = 2 - 1 + 0.5 = 1.5
    model = with_params(LogisticRegression(lam=0.2).fit([[0.0, 0.0]], [1], epochs=1),
                        np.array([1.0, -1.0, 0.5]))
    x = np.array([[2.0, 1.0]])
    assert model.decision_function(x)[0] == 1.5
    assert model.predict_proba(x)[0] == pytest.approx(1 / (1 + math.exp(-1.5)), rel=1e-15)
    # J = log(1 + e^{-y s}) + λ/2 ||w||² = log(1 + e^{-1.5}) + 0.1 * 2 for y = +1
    assert model.objective(x, [1]) == pytest.approx(math.log1p(math.exp(-1.5)) + 0.2, rel=1e-14)
    assert model.objective(x, [-1]) == pytest.approx(math.log1p(math.exp(1.5)) + 0.2, rel=1e-14)
    assert model.predict(x).tolist() == [1] and model.score(x, [1]) == 1.0


def test_probabilities_decisions_and_scores_agree():
    X, y = noisy_data(50)
    model = LogisticRegression(lam=0.5).fit(X, y, lr=0.5, epochs=50)
    s = model.decision_function(X)
    np.testing.assert_array_equal(s, X @ model.w + model.b)
    np.testing.assert_array_equal(model.predict_proba(X), sigmoid(s))
    np.testing.assert_array_equal(model.predict(X), np.where(s > 0, 1, -1))
    assert model.score(X, y) == np.mean(model.predict(X) == y) > 0.8
    assert model.score(X, (y + 1) // 2) == model.score(X, y)  # 0/1 labels score the same


def test_extreme_scores_give_probabilities_0_and_1_without_warnings():
    model = with_params(LogisticRegression().fit([[0.0]], [1], epochs=1), np.array([1.0, 0.0]))
    with np.errstate(all="raise"):
        p = model.predict_proba([[-1e4], [1e4]])
    assert p.tolist() == [0.0, 1.0]


# --- gradients --------------------------------------------------------------------------------

@pytest.mark.parametrize("lam", [0.0, 0.7, 5.0])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_gradient_check_of_the_objective_including_lambda(lam, fit_intercept):
    X, y = noisy_data(12, seed=1)
    model = LogisticRegression(lam=lam, fit_intercept=fit_intercept).fit(X, y, epochs=1)
    theta0 = np.random.default_rng(2).normal(size=4)
    d = X.shape[1]

    def set_theta(theta):
        model.params["w"][:] = theta[:d]
        if fit_intercept:
            model.params["b"][...] = theta[d]

    def J(theta):
        set_theta(theta)
        return model.objective(X, y)

    def grad_J(theta):  # n * gradient of the training loss J / n
        set_theta(theta)
        grads = model.loss_and_gradients(X, y)[1]
        return len(X) * np.r_[grads["w"], grads["b"] if fit_intercept else []]

    size = d + fit_intercept
    assert check_gradient(J, grad_J, theta0[:size], eps=1e-6, tol=1e-6) < 1e-6


def test_gradient_check_of_the_minibatch_loss():
    """On a minibatch B the penalty is λ/(2n) ||w||² with n the training-set size."""
    X, y = noisy_data(20, seed=3)
    model = LogisticRegression(lam=2.0).fit(X, y, epochs=1)
    batch, theta0 = slice(3, 8), np.random.default_rng(4).normal(size=4)

    def L(theta):
        return with_params(model, theta).loss(X[batch], y[batch])

    def grad_L(theta):
        grads = with_params(model, theta).loss_and_gradients(X[batch], y[batch])[1]
        return np.r_[grads["w"], grads["b"]]

    assert check_gradient(L, grad_L, theta0, tol=1e-6) < 1e-6
    w = with_params(model, theta0).w
    data = np.mean(np.log1p(np.exp(-y[batch] * (X[batch] @ w + theta0[-1]))))
    assert model.loss(X[batch], y[batch]) == pytest.approx(data + 2.0 / (2 * 20) * w @ w,
                                                           rel=1e-12)


@FAST
@given(theta=st.lists(st.floats(-5, 5), min_size=4, max_size=4).map(np.array),
       lam=st.floats(0, 10), seed=st.integers(0, 2**16))
def test_any_parameters_probabilities_decisions_and_gradient_agree(theta, lam, seed):
    X, y = noisy_data(9, seed=seed)
    model = with_params(LogisticRegression(lam=lam).fit(X, y, epochs=1), theta)
    s = model.decision_function(X)
    p = model.predict_proba(X)
    np.testing.assert_array_equal(p, sigmoid(s))
    assert ((0 <= p) & (p <= 1)).all()
    np.testing.assert_array_equal(model.predict(X), np.where(s > 0, 1, -1))

    def J(t):
        return with_params(model, t).objective(X, y)

    def grad_J(t):  # n * gradient of the training loss J / n
        return len(X) * np.r_[tuple(with_params(model, t).loss_and_gradients(X, y)[1].values())]

    assert check_gradient(J, grad_J, theta, eps=1e-6, tol=1e-6) < 1e-6


@FAST
@given(theta=st.lists(st.floats(-5, 5), min_size=4, max_size=4).map(np.array),
       lam=st.floats(0, 10))
def test_flipping_every_label_and_the_parameters_leaves_the_objective_unchanged(theta, lam):
    # p(y | x) = σ(y (wᵀx + b)) with y = ±1: (w, b, y) and (-w, -b, -y) are the same model
    X, y = CONVEX_X, CONVEX_Y
    model = LogisticRegression(lam=lam).fit(X, y, epochs=1)
    J = with_params(model, theta).objective(X, y)
    assert with_params(model, -theta).objective(X, -y) == pytest.approx(J, rel=1e-12)


# --- convexity (the lecture: "convex optimization") -----------------------------------------

CONVEX_X, CONVEX_Y = noisy_data(15, seed=5)
thetas = st.lists(st.floats(-5, 5), min_size=4, max_size=4).map(np.array)


@FAST
@given(a=thetas, b=thetas, t=st.floats(0, 1), lam=st.floats(0, 10))
def test_map_objective_lies_below_its_chords(a, b, t, lam):
    model = LogisticRegression(lam=lam).fit(CONVEX_X, CONVEX_Y, epochs=1)

    def J(theta):
        return with_params(model, theta).objective(CONVEX_X, CONVEX_Y)

    chord = t * J(a) + (1 - t) * J(b)
    assert J(t * a + (1 - t) * b) <= chord + 1e-9 * (1 + abs(chord))  # rounding only


# --- fitting ----------------------------------------------------------------------------------

def test_labels_0_1_and_minus_1_plus_1_give_the_same_fit():
    X, y = noisy_data(40)
    a = LogisticRegression(lam=0.1).fit(X, y, lr=0.5, epochs=30)
    b = LogisticRegression(lam=0.1).fit(X, (y + 1) // 2, lr=0.5, epochs=30)
    c = LogisticRegression(lam=0.1).fit(X, (y > 0), lr=0.5, epochs=30)  # bool 0/1 too
    for other in (b, c):
        np.testing.assert_array_equal(a.w, other.w)
        assert a.b == other.b and a.objective_history_ == other.objective_history_


def test_checked_once_evaluated_in_one_pass_like_the_mlp():
    X, y = noisy_data(40, seed=7)
    model = LogisticRegression(lam=0.3).fit(X, y, epochs=3)
    Xc, yc = model.check_data(X.tolist(), (y + 1) // 2)  # lists and 0/1 labels: converted
    assert Xc.dtype == np.float64 and set(yc.tolist()) == {-1.0, 1.0}
    assert model.evaluate(X, y) == (model.loss(X, y), model.score(X, y))
    assert model.evaluate(Xc, yc, check_input=False) == model.evaluate(X, y)
    loss, grads = model.loss_and_gradients(Xc[:8], yc[:8], check_input=False)
    expected = model.loss_and_gradients(X[:8], y[:8])
    assert loss == expected[0] and all(np.array_equal(grads[k], expected[1][k]) for k in grads)
    with pytest.raises(ValueError, match="y must hold binary labels"):
        model.check_data(X, y + 5)


def test_gd_objective_history_starts_at_n_log_2_and_decreases():
    X, y = noisy_data(60)
    model = LogisticRegression(lam=0.5).fit(X, y, lr=0.5, epochs=40)
    J = np.array(model.objective_history_)
    assert len(J) == 40 + 1  # the start, then after each of the 40 steps
    assert J[0] == pytest.approx(60 * math.log(2))
    assert np.all(np.diff(J) <= 0)  # lr = 0.5 is below 2 / L for this data
    # a GD step's loss is measured before its update: n * step_loss[t] = J after t steps
    np.testing.assert_allclose(60 * np.array(model.history_.step_loss), J[:-1], rtol=1e-12)
    assert isinstance(model.history_, History) and len(model.history_.epoch) == 40


def test_sgd_with_the_whole_batch_equals_gd_exactly():
    X, y = noisy_data(30)
    gd = LogisticRegression(lam=0.2).fit(X, y, method="gd", lr=0.3, epochs=20)
    sgd = LogisticRegression(lam=0.2).fit(X, y, method="sgd", lr=0.3, epochs=20, batch_size=30)
    np.testing.assert_array_equal(gd.w, sgd.w)
    assert gd.b == sgd.b and gd.objective_history_ == sgd.objective_history_


def test_minibatch_sgd_reaches_the_gd_solution_of_the_same_objective():
    # If a minibatch carried the whole penalty λ/2 ||w||² instead of its share |B|/n of it,
    # SGD would minimise a differently regularised objective (20λ here: w ≈ 4.3x smaller).
    X, y = noisy_data(200)
    gd = LogisticRegression(lam=5.0).fit(X, y, lr=1.0, epochs=3000, tol=1e-8)
    sgd = LogisticRegression(lam=5.0).fit(X, y, method="sgd", lr=0.05, epochs=100,
                                          batch_size=10, seed=1)
    assert gd.converged_
    # constant-lr SGD ends in a small cloud around the minimum (here 0.7 % off)
    np.testing.assert_allclose(sgd.w, gd.w, rtol=0.03)
    assert sgd.objective(X, y) <= gd.objective(X, y) * (1 + 1e-4)


def test_separable_data_without_penalty_weights_grow_forever():
    model = LogisticRegression(lam=0.0).fit(SEP_X, SEP_Y, lr=1.0, epochs=1)
    norms, accuracy = [], []
    for history in iterate_training(model, SEP_X, SEP_Y, optimizer="gd", lr=1.0, epochs=400):
        norms.append(np.linalg.norm(model.w))
        accuracy.append(history.train_acc[-1])
    norms = np.array(norms)
    assert accuracy[10:] == [1.0] * 390  # all training points right early on ...
    assert np.all(np.diff(norms[100:]) > 0)  # ... yet ||w|| keeps growing, about like log t
    assert norms[-1] - norms[-100] > 0.3
    assert np.isfinite(norms).all()


def test_separable_data_with_penalty_weights_converge():
    model = LogisticRegression(lam=0.1).fit(SEP_X, SEP_Y, lr=1.0, epochs=1)
    norms = [np.linalg.norm(model.w) for _ in iterate_training(
        model, SEP_X, SEP_Y, optimizer="gd", lr=1.0, epochs=400)]
    assert np.isfinite(norms).all()
    assert abs(norms[-1] - norms[-100]) < 1e-5  # stable
    assert model.score(SEP_X, SEP_Y) == 1.0
    grads = model.loss_and_gradients(SEP_X, SEP_Y)[1]
    assert max(np.abs(g).max() for g in grads.values()) < 1e-7  # at the minimum of J


def test_tol_stops_early_and_reports_convergence():
    X, y = noisy_data(50)
    model = LogisticRegression(lam=1.0).fit(X, y, lr=1.0, epochs=1000, tol=1e-6)
    assert model.converged_ is True and len(model.history_.epoch) < 1000
    short = LogisticRegression(lam=1.0).fit(X, y, lr=1.0, epochs=2, tol=1e-6)
    assert short.converged_ is False
    assert LogisticRegression().fit(X, y, epochs=2).converged_ is None


@pytest.mark.parametrize("lam", [1.0, 0.1])
def test_agrees_with_scikit_learn(lam):
    """scikit-learn minimises C Σ_i log(1 + exp(-y_i s_i)) + ½||w||², which is C times our J
    (the same minimiser) when C = 1/λ; neither penalises the intercept."""
    from sklearn.linear_model import LogisticRegression as SkLogisticRegression

    X, y = noisy_data(200)
    n, tol = len(X), 1e-10
    ours = LogisticRegression(lam=lam).fit(X, y, lr=1.0, epochs=5000, tol=tol)
    theirs = SkLogisticRegression(C=1 / lam, tol=1e-12, max_iter=10_000).fit(X, y)
    assert ours.converged_
    theta_ours = np.r_[ours.w, ours.b]
    theta_sk = np.r_[theirs.coef_[0], theirs.intercept_[0]]
    # Why the tolerance: J/n is strongly convex with modulus μ = the smallest eigenvalue of
    # its Hessian, so a point where the gradient g is small lies within ||g||/μ of the true
    # minimiser (to first order). Both fits are checked against that bound, computed here.
    A = np.c_[X, np.ones(n)]
    s = A @ theta_ours
    hessian = A.T @ (A * (sigmoid(s) * sigmoid(-s))[:, None]) / n + np.diag([lam / n] * 3 + [0])
    mu = np.linalg.eigvalsh(hessian)[0]
    sk_grads = with_params(LogisticRegression(lam=lam).fit(X, y, epochs=1),
                           theta_sk).loss_and_gradients(X, y)[1]
    sk_g = np.r_[sk_grads["w"], sk_grads["b"]]
    bound = (math.sqrt(4) * tol + np.linalg.norm(sk_g)) / mu  # ours: |g_i| <= tol, 4 entries
    assert bound < 1e-6  # both are converged: about 1e-8 here
    assert np.linalg.norm(theta_ours - theta_sk) <= bound
    np.testing.assert_allclose(theta_ours, theta_sk, rtol=1e-6, atol=1e-7)


def test_no_intercept_and_repr():
    X, y = noisy_data(30)
    model = LogisticRegression(lam=0.1, fit_intercept=False)
    assert repr(model) == "LogisticRegression(lam=0.1, fit_intercept=False)"
    model.fit(X, y, epochs=5)
    assert set(model.params) == {"w"} and model.b == 0.0
    np.testing.assert_array_equal(model.decision_function(X), X @ model.w)
    fitted = repr(LogisticRegression(lam=1.0).fit(SEP_X, SEP_Y, epochs=1))
    assert fitted.startswith("LogisticRegression(lam=1, d=2, w=[") and ", b=" in fitted


def test_divergence_keeps_finite_parameters_and_the_record():
    X, y = noisy_data(30)
    model = LogisticRegression(lam=1.0)
    with pytest.raises(TrainingDiverged, match="learning rate 1e\\+100 too large"):
        model.fit(X, y, lr=1e100, epochs=10)
    assert np.isfinite(model.w).all() and math.isfinite(model.b)
    assert len(model.history_.step_loss) >= 1 and len(model.objective_history_) >= 2


# --- bad inputs -------------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, error, message", [
    (dict(lam=-0.1), ValueError, "lam must be a finite number >= 0"),
    (dict(lam=np.nan), ValueError, "lam must be a finite number >= 0"),
    (dict(lam=np.inf), ValueError, "lam must be a finite number >= 0"),
    (dict(lam="1"), ValueError, "lam must be a finite number >= 0"),
    (dict(fit_intercept="yes"), TypeError, "fit_intercept must be True or False"),
])
def test_bad_constructor_arguments(kwargs, error, message):
    with pytest.raises(error, match=message):
        LogisticRegression(**kwargs)


X3, Y3 = noisy_data(8)


@pytest.mark.parametrize("X, y, kwargs, error, message", [
    (X3, Y3, dict(method="newton"), ValueError, "unknown method 'newton'; expected one of: "
                                                 "gd, sgd"),
    (X3, Y3, dict(lr=0), ValueError, "lr must be a finite number > 0"),
    (X3, Y3, dict(lr=-1.0), ValueError, "lr must be a finite number > 0"),
    (X3, Y3, dict(lr=float("nan")), ValueError, "lr must be a finite number > 0"),
    (X3, Y3, dict(lr="0.1"), ValueError, "lr must be a finite number > 0"),
    (X3, Y3, dict(epochs=0), ValueError, "epochs must be an int >= 1"),
    (X3, Y3, dict(method="sgd", batch_size=0), ValueError, "batch_size must be an int >= 1"),
    (X3, Y3, dict(batch_size=4), ValueError, "batch_size must be None for method='gd'"),
    (X3, Y3, dict(tol=0.0), ValueError, "tol must be None or a finite number > 0"),
    (X3, Y3, dict(tol=-1e-3), ValueError, "tol must be None or a finite number > 0"),
    (X3, Y3[:5], {}, ValueError, "y must have shape \\(n,\\) = \\(8,\\), one label per row"),
    (X3[:, 0], Y3, {}, ValueError, "X must be a 2-D array of shape \\(n, d\\)"),
    (np.where(X3 == X3[5, 1], np.nan, X3), Y3, {}, ValueError,
     "X must contain only finite numbers, got NaN or inf in row 5"),
    (X3, np.arange(8) % 3, {}, ValueError, "y must hold binary labels, either -1/\\+1 or 0/1, "
                                           "got values \\[0, 1, 2\\]"),
    (X3, np.array([-1, 0, 1, 1, 0, -1, 1, 1]), {}, ValueError, "y must hold binary labels"),
    (X3, np.array(list("abababab")), {}, TypeError, "y must hold binary labels"),
    (X3.astype(str), Y3, {}, TypeError, "X must be real numbers"),
])
def test_bad_fit_arguments(X, y, kwargs, error, message):
    with pytest.raises(error, match=message):
        LogisticRegression().fit(X, y, **kwargs)


def test_using_the_model_before_fit_or_with_the_wrong_width():
    with pytest.raises(ValueError, match="not fitted yet: call fit"):
        LogisticRegression().predict(X3)
    with pytest.raises(ValueError, match="not fitted yet: call fit"):
        LogisticRegression().objective(X3, Y3)
    model = LogisticRegression().fit(X3, Y3, epochs=1)
    with pytest.raises(ValueError, match="X must be a 2-D array of shape \\(n, 3\\) with n >= 1, "
                                         "got shape \\(8, 2\\)"):
        model.predict_proba(X3[:, :2])
    assert set(METHODS) == {"gd", "sgd"}


def test_a_rejected_fit_leaves_a_fitted_model_as_it_was():
    model = LogisticRegression(lam=1.0).fit(X3, Y3, epochs=5)
    w, history = model.w.copy(), model.objective_history_
    with pytest.raises(ValueError, match="epochs must be an int"):
        model.fit(X3, Y3, epochs=0)
    np.testing.assert_array_equal(model.w, w)
    assert model.objective_history_ is history
