"""Tests for nnlib.training: minibatches, the loop, History, divergence, progress, errors."""

import math
import re
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnlib import progress
from nnlib.logistic import LogisticRegression
from nnlib.losses import logistic_loss
from nnlib.mlp import MLP
from nnlib.optimizers import GD, Momentum
from nnlib.training import History, TrainingDiverged, iterate_training, minibatches, train

pytestmark = pytest.mark.filterwarnings("error")

FAST = settings(max_examples=50, deadline=None, database=None)

XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([0, 1, 1, 0])


def blobs(n=40, seed=0):
    """Two overlapping Gaussian blobs in 2-D with labels 0/1."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 2
    return rng.normal(size=(n, 2)) + 1.5 * y[:, None], y


def mlp(seed=0, **kwargs):
    return MLP([2, 4, 1], activation="tanh", output="sigmoid", seed=seed, **kwargs)


class Quadratic:
    """The smallest model with the training interface: L(w) = ½ w², dL/dw = w (X unused).

    Gradient descent gives w ← (1 - lr) w: it converges for 0 < lr < 2 and diverges,
    by a factor |1 - lr| per step, for lr > 2.
    """

    def __init__(self, w=1.0):
        self.params = {"w": np.array([w])}

    def loss_and_gradients(self, X, y):
        return self.loss(X, y), {"w": self.params["w"].copy()}

    def loss(self, X, y):
        return float(0.5 * np.sum(self.params["w"] ** 2))  # ** overflows with a warning

    def score(self, X, y):
        return 1.0


# --- minibatches --------------------------------------------------------------------------

@FAST
@given(n=st.integers(1, 60), batch_size=st.integers(1, 70), seed=st.integers(0, 2**32 - 1))
def test_minibatches_cover_every_index_once_in_sizes_batch_size_then_the_rest(n, batch_size,
                                                                              seed):
    batches = list(minibatches(n, batch_size, np.random.default_rng(seed)))
    assert sorted(np.concatenate(batches).tolist()) == list(range(n))
    assert len(batches) == math.ceil(n / batch_size)
    assert [len(b) for b in batches[:-1]] == [batch_size] * (len(batches) - 1)
    assert len(batches[-1]) == n - batch_size * (len(batches) - 1)  # the partial last batch


def test_minibatches_worked_example_and_partial_last_batch():
    batches = list(minibatches(10, 4, rng=0))
    assert [len(b) for b in batches] == [4, 4, 2]
    assert sorted(np.concatenate(batches).tolist()) == list(range(10))


def test_minibatches_shuffle_differently_each_epoch_and_repeat_per_seed():
    rng = np.random.default_rng(42)
    epochs = [np.concatenate(list(minibatches(20, 5, rng))) for _ in range(3)]
    assert not np.array_equal(epochs[0], epochs[1])
    assert not np.array_equal(epochs[1], epochs[2])
    assert not np.array_equal(epochs[0], np.arange(20))  # actually shuffled
    again = np.random.default_rng(42)
    for order in epochs:
        np.testing.assert_array_equal(np.concatenate(list(minibatches(20, 5, again))), order)
    other = np.concatenate(list(minibatches(20, 5, np.random.default_rng(43))))
    assert not np.array_equal(other, epochs[0])


@pytest.mark.parametrize("batch_size", [None, 7, 100])
def test_full_batch_is_one_batch_in_order(batch_size):
    (batch,) = minibatches(7, batch_size, rng=0)
    np.testing.assert_array_equal(batch, np.arange(7))


# --- the loop: GD, SGD, seeds ---------------------------------------------------------------

@pytest.mark.parametrize("batch_size", [4, 10])
def test_sgd_with_the_whole_batch_is_full_batch_gd(batch_size):
    """SGD with batch_size ≥ n takes exactly the GD steps: w ← w - lr ∂L/∂w on all of D."""
    sgd, gd, by_hand = mlp(), mlp(), mlp()
    h_sgd = train(sgd, XOR_X, XOR_Y, optimizer="sgd", lr=0.5, batch_size=batch_size, epochs=7)
    h_gd = train(gd, XOR_X, XOR_Y, optimizer="gd", lr=0.5, batch_size=None, epochs=7)
    for _ in range(7):  # the lecture's gradient descent, written out
        _, grads = by_hand.loss_and_gradients(XOR_X, XOR_Y)
        for name, w in by_hand.params.items():
            w -= 0.5 * grads[name]
    for name in gd.params:
        np.testing.assert_array_equal(sgd.params[name], gd.params[name])
        np.testing.assert_array_equal(by_hand.params[name], gd.params[name])
    assert h_sgd.as_dict() == h_gd.as_dict()
    assert h_gd.step == list(range(1, 8))  # one step per epoch


def test_minibatch_sgd_follows_minibatches_with_the_seeded_generator():
    X, y = blobs(10)
    model, by_hand = mlp(), mlp()
    history = train(model, X, y, optimizer="sgd", lr=0.3, batch_size=4, epochs=3, seed=5)
    rng, losses = np.random.default_rng(5), []
    for _ in range(3):
        for idx in minibatches(10, 4, rng):
            loss, grads = by_hand.loss_and_gradients(X[idx], y[idx])
            losses.append(loss)
            for name, w in by_hand.params.items():
                w -= 0.3 * grads[name]
    # train() fuses w ← w − lr g into backpropagation (MLP.sgd_step: lr scales dZ before
    # the products, not the gradients after them), so equal up to rounding, not bit for bit
    for name in model.params:
        np.testing.assert_allclose(model.params[name], by_hand.params[name], rtol=1e-13,
                                   atol=1e-15)
    np.testing.assert_allclose(history.step_loss, losses, rtol=1e-13)
    assert history.step == [3, 6, 9]  # ceil(10 / 4) = 3 steps per epoch


@pytest.mark.parametrize("output, k, lam", [("sigmoid", 1, 0.0), ("softmax", 3, 0.0),
                                           ("softmax", 3, 0.5), ("linear", 2, 0.2)])
def test_the_fused_step_is_the_plain_sgd_step_through_the_whole_loop(output, k, lam):
    # SGD lets MLP.sgd_step take its steps; Momentum with β = 0 is the same rule taken by
    # Optimizer.step on loss_and_gradients: the protocol's two paths, equal up to rounding
    rng = np.random.default_rng(3)
    X = rng.normal(size=(30, 3))
    y = rng.integers(0, max(k, 2), 30) if output != "linear" else rng.normal(size=(30, k))
    fused, plain = (MLP([3, 5, k], activation="tanh", output=output, lam=lam, seed=2)
                    for _ in range(2))
    calls = []
    step = fused.sgd_step
    fused.sgd_step = lambda *args, **kwargs: calls.append(1) or step(*args, **kwargs)
    plain.sgd_step = lambda *args, **kwargs: pytest.fail("Momentum must not fuse its step")
    h_fused = train(fused, X, y, optimizer="sgd", lr=0.2, batch_size=7, epochs=4, seed=1)
    h_plain = train(plain, X, y, optimizer=Momentum(lr=0.2, beta=0.0), batch_size=7,
                    epochs=4, seed=1)
    assert len(calls) == 4 * (5 - 1)  # every step but the last (gradient-checked) one
    np.testing.assert_allclose(h_fused.step_loss, h_plain.step_loss, rtol=1e-12)
    for name in fused.params:
        np.testing.assert_allclose(fused.params[name], plain.params[name], rtol=1e-11,
                                   atol=1e-13)


def test_same_seed_same_history_other_seed_other_history():
    X, y = blobs()
    runs = [train(mlp(), X, y, batch_size=8, epochs=4, seed=s).as_dict() for s in (1, 1, 2)]
    assert runs[0] == runs[1]
    assert runs[0]["step_loss"] != runs[2]["step_loss"]


def test_a_reused_optimizer_object_starts_each_run_afresh():
    X, y = blobs(30)
    shared = Momentum(lr=0.1, beta=0.9)
    first = train(mlp(), X, y, optimizer=shared, batch_size=8, epochs=3)
    again = train(mlp(), X, y, optimizer=shared, batch_size=8, epochs=3)  # velocity from run 1
    fresh = train(mlp(), X, y, optimizer=Momentum(lr=0.1, beta=0.9), batch_size=8, epochs=3)
    assert again.as_dict() == fresh.as_dict() == first.as_dict()


def test_training_lowers_the_loss_and_momentum_object_works():
    X, y = blobs()
    opt = Momentum(lr=0.1, beta=0.9)
    history = train(mlp(), X, y, optimizer=opt, batch_size=8, epochs=15, X_test=X[:10],
                    y_test=y[:10])
    assert history.train_loss[-1] < 0.7 * history.train_loss[0]
    assert history.train_acc[-1] >= 0.8
    assert set(opt.velocity) == {"W1", "b1", "W2", "b2"}


def test_history_lengths_and_values():
    X, y = blobs(30)
    model = mlp()
    history = train(model, X, y, lr=0.2, batch_size=8, epochs=6, X_test=X[:10], y_test=y[:10])
    for name in ("epoch", "step", "train_loss", "train_acc", "test_loss", "test_acc"):
        assert len(getattr(history, name)) == 6, name
    assert history.epoch == [1, 2, 3, 4, 5, 6]
    assert history.step == [4 * e for e in range(1, 7)]  # ceil(30 / 8) = 4
    assert len(history.step_loss) == 24
    assert history.train_loss[-1] == model.loss(X, y)  # measured on all of D after the epoch
    assert history.test_acc[-1] == model.score(X[:10], y[:10])
    assert set(history.as_dict()) == {"epoch", "step", "train_loss", "train_acc", "test_loss",
                                      "test_acc", "step_loss"}
    assert repr(history).startswith("History(epochs=6, steps=24, train_loss ")
    no_test = train(mlp(), X, y, epochs=2)
    assert no_test.test_loss == [] and no_test.test_acc == []
    assert repr(History()) == "History(epochs=0, steps=0)"


def test_iterate_training_yields_per_epoch_and_per_step_with_growing_history():
    X, y = blobs(10)
    seen = [(len(h.epoch), len(h.step_loss))
            for h in iterate_training(mlp(), X, y, batch_size=4, epochs=3)]
    assert seen == [(1, 3), (2, 6), (3, 9)]
    records = []
    for h in iterate_training(mlp(), X, y, batch_size=4, epochs=2, every="step"):
        records.append(h)
        assert len(h.step_loss) == len(records)
        assert len(h.epoch) == len(records) // 3  # the epoch entry lands with its last step
    assert len(records) == 6 and all(r is records[0] for r in records)  # one live History
    whole = train(mlp(), X, y, batch_size=4, epochs=2)
    assert records[-1].as_dict() == whole.as_dict()


def test_a_model_with_check_data_is_checked_once_not_at_every_step():
    calls = []

    class Spy(MLP):
        def check_data(self, X, y):
            calls.append("check_data")
            return super().check_data(X, y)

        def loss_and_gradients(self, X, y, *, check_input=True):
            calls.append(check_input)
            return super().loss_and_gradients(X, y, check_input=check_input)

        def sgd_step(self, X, y, lr, *, check_input=True):  # the fused step: rows checked
            calls.append(("fused", check_input))
            return super().sgd_step(X, y, lr, check_input=check_input)

        def evaluate(self, X, y, *, check_input=True):  # after each epoch, on checked data
            calls.append(("evaluate", check_input))
            return super().evaluate(X, y, check_input=check_input)

    X, y = blobs(10)
    spy = Spy([2, 4, 1], activation="tanh", output="sigmoid")
    history = train(spy, X.tolist(), y.tolist(), batch_size=4, epochs=2)  # lists: converted
    assert calls[0] == "check_data"  # before the first step, and never again
    # 2 epochs of 3 steps; the last step of an epoch scans the gradients, so it builds them;
    # then one forward pass evaluates loss and accuracy on the (checked) training set
    epoch = [("fused", False), ("fused", False), False, ("evaluate", False)]
    assert calls[1:] == epoch * 2
    assert history.as_dict() == train(mlp(), X, y, batch_size=4, epochs=2).as_dict()
    with pytest.raises(ValueError, match="y must hold labels 0..1"):  # at the call, eagerly
        iterate_training(mlp(), X, y + 1)
    with pytest.raises(ValueError, match=re.escape("X_test, y_test: y must hold labels 0..1")):
        iterate_training(mlp(), X, y, X_test=X, y_test=y + 1)  # eagerly, naming the test set


def test_iterate_training_checks_arguments_when_called_not_when_iterated():
    with pytest.raises(ValueError, match="epochs must be an int"):
        iterate_training(mlp(), XOR_X, XOR_Y, epochs=0)  # no next() needed


# --- divergence -------------------------------------------------------------------------

def test_a_loss_that_grows_finitely_diverges_past_diverge_factor():
    # lr = 3: w ← -2 w, so the loss ½ w² grows 4-fold per step (one step per epoch with
    # "gd"), finite for hundreds of epochs. From 0.5: 2 after epoch 1, 8 after epoch 2.
    with pytest.raises(TrainingDiverged, match=r"training diverged at epoch 2, step 2: the "
                                               r"training loss rose to 8, over 10 times its "
                                               r"start 0\.5 \(learning rate 3 too large\?\)"
                       ) as info:
        train(Quadratic(1.0), XOR_X, XOR_Y, optimizer="gd", lr=3.0, epochs=50,
              diverge_factor=10)
    assert info.value.history.train_loss == [2.0, 8.0]  # the epoch that rose is recorded
    model = Quadratic(1.0)
    with pytest.raises(TrainingDiverged):
        train(model, XOR_X, XOR_Y, optimizer="gd", lr=3.0, epochs=50, diverge_factor=10)
    assert model.params["w"][0] == -2.0  # back to the start of epoch 2
    history = train(Quadratic(1.0), XOR_X, XOR_Y, optimizer="gd", lr=3.0, epochs=5)
    assert history.train_loss[-1] == 0.5 * 4.0 ** 5  # without the factor: no stop, no error
    converging = train(Quadratic(1.0), XOR_X, XOR_Y, optimizer="gd", lr=0.5, epochs=5,
                       diverge_factor=1.01)
    assert len(converging.epoch) == 5  # a falling loss never trips it


def test_divergence_by_hand_keeps_the_last_finite_parameters():
    # lr = 1e100: w1 = 1 - 1e100; step 2 gives w2 ≈ 1e200, whose loss ½ w2² overflows
    model = Quadratic(1.0)
    with pytest.raises(TrainingDiverged, match=r"training diverged at epoch 2, step 2: .*"
                                               r"overflow.*learning rate 1e\+100 too large\?"
                       ) as info:
        train(model, XOR_X, XOR_Y, optimizer="gd", lr=1e100, epochs=10)
    assert model.params["w"][0] == 1.0 - 1e100  # back to w1, from before the failing step
    assert (info.value.epoch, info.value.step) == (2, 2)
    assert info.value.history.epoch == [1]
    assert info.value.history.step_loss == [0.5, 0.5 * (1.0 - 1e100) ** 2]
    assert isinstance(info.value, ValueError)


# Each of these grows without bound when lr is huge: the L2 penalty multiplies the weights by
# (1 - lr λ) per step, ReLU and linear outputs pass large values on. (A tanh/sigmoid network
# without λ has bounded gradients: its weights only grow linearly, and stay finite.)
@pytest.mark.parametrize("make", [lambda: mlp(lam=0.1),
                                  lambda: MLP([2, 8, 3], activation="relu"),
                                  lambda: MLP([2, 3, 1], output="linear"),
                                  lambda: LogisticRegression(lam=1.0).fit(*blobs(), epochs=1)])
def test_huge_learning_rate_raises_and_leaves_finite_parameters(make):
    model = make()
    X, y = blobs()
    if isinstance(model, LogisticRegression):
        y = 2 * y - 1
    elif model.output == "linear":
        y = y.astype(float)
    with np.errstate(all="raise"), warnings.catch_warnings():
        warnings.simplefilter("error")  # numpy warnings become errors, as in the book's CI
        with pytest.raises(TrainingDiverged, match="learning rate 1e\\+30 too large"):
            train(model, X, y, optimizer="sgd", lr=1e30, batch_size=8, epochs=50)
    assert all(np.isfinite(w).all() for w in model.params.values())


class NaNAfter(Quadratic):
    """Returns a NaN loss (or gradient) once |w| > 2, without any numpy warning."""

    def __init__(self, where):
        super().__init__(1.0)
        self.where = where

    def loss_and_gradients(self, X, y):
        loss, grads = super().loss_and_gradients(X, y)
        if abs(self.params["w"][0]) > 2:
            if self.where == "loss":
                loss = math.nan
            elif self.where == "gradient":
                grads["w"][0] = math.inf
            else:  # outputs inf (no numpy warning): nnlib's losses refuse it with ValueError
                loss = logistic_loss(np.full(len(X), np.inf), np.ones(len(X)))
        return loss, grads


@pytest.mark.parametrize("where, message", [
    ("loss", "the loss became nan"), ("gradient", "the gradient of w became non-finite"),
    ("output", "the model's outputs overflowed \\(scores must contain only finite numbers")])
def test_non_finite_loss_or_gradient_stops_training(where, message):
    model = NaNAfter(where)  # lr = 3: w = 1, -2, 4 -> the 3rd step sees |w| > 2
    with pytest.raises(TrainingDiverged, match=f"epoch 3, step 3: {message}.*learning rate 3 "):
        train(model, XOR_X, XOR_Y, optimizer="gd", lr=3.0, epochs=5)
    assert model.params["w"][0] == 4.0


@pytest.mark.parametrize("where, step, message", [
    ("loss", 3, "the loss became nan"),
    ("gradient", 4, "the loss became inf"),  # step 3 made w = -inf; step 4's loss shows it
    ("output", 3, "the model's outputs overflowed")])
def test_divergence_mid_epoch_goes_back_to_the_start_of_the_epoch(where, step, message):
    model = NaNAfter(where)  # lr = 3: w = 1, -2, 4 -> step 3 sees |w| > 2
    X8 = np.zeros((8, 2))  # Quadratic ignores X: minibatches of 2 give 4 steps per epoch
    with pytest.raises(TrainingDiverged, match=f"at epoch 1, step {step}: {message}") as info:
        train(model, X8, np.ones(8), optimizer="sgd", lr=3.0, batch_size=2, epochs=5)
    assert model.params["w"][0] == 1.0  # the start of epoch 1, the last checked parameters
    assert info.value.history.step_loss == [0.5, 2.0, 8.0][:step - 1]


def test_other_value_errors_of_the_model_are_not_divergence():
    model = LogisticRegression().fit(X4, 2 * Y4 - 1, epochs=1)
    with pytest.raises(ValueError, match="y must hold binary labels") as info:
        train(model, X4, [0, 1, 2, 0])
    assert not isinstance(info.value, TrainingDiverged)


# --- progress bar -------------------------------------------------------------------------

def test_progress_outside_a_kernel_prints_nothing(capsys):
    train(mlp(), XOR_X, XOR_Y, optimizer="gd", epochs=30, progress="auto")
    train(mlp(), XOR_X, XOR_Y, optimizer="gd", epochs=2, progress=True)
    assert capsys.readouterr() == ("", "")
    assert progress.in_kernel() is False


@pytest.fixture
def fake_kernel(monkeypatch):
    pytest.importorskip("ipywidgets")
    shown = []
    monkeypatch.setattr(progress, "in_kernel", lambda: True)
    monkeypatch.setattr(progress, "_display", shown.append)
    return shown


def test_progress_bar_in_a_kernel_for_long_runs_only(fake_kernel):
    train(mlp(), XOR_X, XOR_Y, optimizer="gd", epochs=3)  # short and fast: no bar
    train(mlp(), XOR_X, XOR_Y, optimizer="gd", epochs=25, progress=False)
    assert fake_kernel == []
    train(mlp(), XOR_X, XOR_Y, optimizer="gd", epochs=25)  # epochs >= 20: a bar
    (bar,) = fake_kernel
    assert (bar.value, bar.max, bar.bar_style) == (25, 25, "success")
    assert bar.description == "epoch 25/25"
    train(mlp(), XOR_X, XOR_Y, optimizer="gd", epochs=2, progress=True)
    assert len(fake_kernel) == 2


def test_progress_bar_turns_red_on_divergence(fake_kernel):
    with pytest.raises(TrainingDiverged):
        train(Quadratic(), XOR_X, XOR_Y, optimizer="gd", lr=1e100, epochs=5, progress=True)
    assert fake_kernel[0].bar_style == "danger"


# --- bad inputs -----------------------------------------------------------------------------

X4, Y4 = XOR_X, XOR_Y
BAD = [
    (dict(epochs=0), ValueError, "epochs must be an int >= 1, got 0"),
    (dict(epochs=2.5), ValueError, "epochs must be an int >= 1"),
    (dict(batch_size=0), ValueError, "batch_size must be an int >= 1 or None"),
    (dict(batch_size=-3), ValueError, "batch_size must be an int >= 1 or None"),
    (dict(lr=0.0), ValueError, "lr must be a finite number > 0"),
    (dict(lr=float("nan")), ValueError, "lr must be a finite number > 0"),
    (dict(lr="big"), ValueError, "lr must be a finite number > 0"),
    (dict(optimizer="adam"), ValueError, "unknown optimizer 'adam'; expected one of: gd, sgd, "
                                         "momentum"),
    (dict(optimizer=3), TypeError, "optimizer must be a name"),
    (dict(optimizer="gd", batch_size=2), ValueError, "optimizer 'gd' is full-batch .* "
                                                     "batch_size must be None"),
    (dict(optimizer=GD(lr=0.1), lr=0.5), ValueError, "lr=0.5 conflicts with the optimizer's"),
    (dict(X_test=X4), ValueError, "X_test and y_test must be given together"),
    (dict(y_test=Y4), ValueError, "X_test and y_test must be given together"),
    (dict(X_test=np.ones((2, 3)), y_test=[0, 1]), ValueError,
     "X_test must be a 2-D array of shape \\(n, 2\\)"),
    (dict(X_test=X4, y_test=Y4[:3]), ValueError, "X_test and y_test must have the same number"),
    (dict(seed=-1), ValueError, "seed must be an int >= 0"),
    (dict(seed="0"), ValueError, "seed must be an int >= 0"),
    (dict(progress="yes"), ValueError, "progress must be 'auto', True or False"),
    (dict(progress=1), ValueError, "progress must be 'auto', True or False"),
    (dict(diverge_factor=1.0), ValueError, "diverge_factor must be None or a finite number > 1"),
    (dict(diverge_factor=np.inf), ValueError, "diverge_factor must be None or a finite number"),
    (dict(diverge_factor="10"), ValueError, "diverge_factor must be None or a finite number"),
    (dict(diverge_factor=True), ValueError, "diverge_factor must be None or a finite number"),
]


@pytest.mark.parametrize("kwargs, error, message", BAD)
def test_bad_arguments(kwargs, error, message):
    with pytest.raises(error, match=message):
        train(mlp(), X4, Y4, **kwargs)


@pytest.mark.parametrize("X, y, message", [
    (X4, Y4[:3], "X and y must have the same number of examples \\(rows\\), got 4 and 3"),
    (X4[:, 0], Y4, "X must be a 2-D array of shape \\(n, d\\) with n >= 1, got shape \\(4,\\)"),
    (np.where(X4 == 1, np.nan, X4), Y4, "X must contain only finite numbers, got NaN or inf "
                                        "in row 1"),
    (X4[:0], Y4[:0], "X must be a 2-D array of shape \\(n, d\\) with n >= 1, got shape \\(0, 2\\)"),
    (X4, np.array([0.0, np.nan, 1.0, 0.0]), "y must contain only finite numbers"),
])
def test_bad_data(X, y, message):
    with pytest.raises(ValueError, match=message):
        train(mlp(), X, y)


def test_bad_every_model_and_minibatch_arguments():
    with pytest.raises(ValueError, match="every must be 'epoch' or 'step', got 'batch'"):
        iterate_training(mlp(), X4, Y4, every="batch")
    with pytest.raises(TypeError, match="model must implement the training interface .*"
                                        "missing: params, loss_and_gradients"):
        train(object(), X4, Y4)
    with pytest.raises(ValueError, match="model.params must be a non-empty dict"):
        train(LogisticRegression(), X4, Y4)  # not fitted: no parameters yet
    with pytest.raises(ValueError, match="n must be an int >= 1"):
        list(minibatches(0, 2, rng=0))
    with pytest.raises(ValueError, match="batch_size must be an int >= 1 or None"):
        list(minibatches(5, 0, rng=0))
    with pytest.raises(TypeError, match="rng must be a numpy Generator or an int seed"):
        list(minibatches(5, 2, rng=None))
