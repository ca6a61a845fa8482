"""Tests for nnlib.widgets.logistic_regression (the chapter *Logistic regression*): the data functions
with hand-checked values, each widget's update for several settings, a diverging fit shown as a
message and the static frames' grid
(the chapter's exercise checks: tests/book/test_exercises.py)."""

import matplotlib

matplotlib.use("Agg")  # not MPLBACKEND: nbval's kernels inherit the environment

import functools
import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nnlib.widgets.logistic_regression as L
import nnlib.widgets.logistic_regression.by_hand as B
import nnlib.widgets.logistic_regression.common as C
import nnlib.widgets.logistic_regression.gd as G
import nnlib.widgets.logistic_regression.penalty as R
from nnlib.datasets import linearly_separable, non_separable
from nnlib.logistic import LogisticRegression
from nnlib.training import TrainingDiverged
from nnlib.widgets.static import FRAME_FORMAT, frame_grid

FAST = settings(max_examples=40, deadline=None, database=None, derandomize=True)


@pytest.fixture(scope="module")
def figs():
    """The three chapter widgets, built once (the builders fit everything: about 15 s)."""
    return {"likelihood": L.likelihood_by_hand(), "regularization": L.regularization(),
            "gd": L.gd_steps()}


# --- the data ---------------------------------------------------------------------------------

def test_chapter_data_is_the_datasets_with_labels_plus_minus_one():
    X, y = L.chapter_data("overlapping")
    X0, y01 = non_separable(n=60, overlap=1.0, seed=0)
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(y, 2 * y01 - 1)
    Xs, ys = L.chapter_data("separable")
    np.testing.assert_array_equal(Xs, linearly_separable(n=60, margin=0.5, seed=0)[0])
    assert np.all(ys * (Xs[:, 0] + Xs[:, 1]) / math.sqrt(2) >= 0.5 - 1e-12)  # the margin
    assert X.shape == Xs.shape == (60, 2) and sorted(set(y.tolist())) == [-1, 1]
    with pytest.raises(ValueError, match="read-only"):
        X[0, 0] = 1.0  # the cache cannot be corrupted by a caller
    with pytest.raises(ValueError, match="unknown data set 'moons'; expected one of: overlapping"):
        L.chapter_data("moons")


@pytest.mark.parametrize("name", ["likelihood", "regularization", "gd"])
def test_the_classes_are_named_y_tilde_as_the_book_does(figs, name):
    """The ±1 labels are ỹ (notation.md): t is the step of gradient descent."""
    from matplotlib.text import Text

    fig = figs[name]
    labels = {c.get_label() for ax in fig.figure.axes for c in ax.collections}
    assert {"$\\tilde y = +1$", "$\\tilde y = -1$"} <= labels, labels
    texts = [t.get_text() for t in fig.figure.findobj(Text) if t.get_visible()]
    assert not [t for t in [*labels, *texts] if re.search(r"(?<![\\\w])t = [+-]1|p\(t\b", t)]
    if name == "likelihood":  # the one widget whose legend shows the classes
        assert {"$\\tilde y = +1$", "$\\tilde y = -1$", "$p(\\tilde y = +1 \\mid x)$"} <= set(texts)


def test_boundary_segment_worked_examples():
    x1, x2 = C.boundary_segment(1.0, 1.0, 0.0, box=(-2.0, 2.0))
    assert x1.tolist() == [-2.0, 2.0] and x2.tolist() == [2.0, -2.0]
    x1, x2 = C.boundary_segment(2.0, 0.0, -1.0)  # vertical line x1 = 0.5
    assert x1.tolist() == [0.5, 0.5] and x2.tolist() == [-C.LIM, C.LIM]
    assert C.boundary_segment(0.0, 0.0, 1.0) is None


@FAST
@given(w1=st.floats(-3, 3), w2=st.floats(-3, 3), b=st.floats(-2, 2))
def test_boundary_segment_lies_on_the_line(w1, w2, b):
    segment = C.boundary_segment(w1, w2, b)
    if w1 == 0 and w2 == 0:
        assert segment is None
        return
    x1, x2 = segment
    assert np.allclose(w1 * x1 + w2 * x2 + b, 0.0, atol=1e-9 * (1 + abs(b) / max(abs(w1), abs(w2))))
    steep = x2 if abs(w2) < abs(w1) else x1  # the coordinate that spans the square
    assert steep.tolist() == [-C.LIM, C.LIM]


def test_likelihood_data_at_w_zero():
    d = L.likelihood_data(0.0, 0.0, 0.0)
    assert d["log_lik"] == pytest.approx(-60 * math.log(2), rel=1e-14)
    assert np.all(d["p"] == 0.5) and d["boundary"] is None
    # s = 0 is predicted -1 (nnlib predicts +1 only for s > 0): the 30 positives are wrong
    assert int(d["wrong"].sum()) == 30


def test_likelihood_data_worked_example():
    X, y = L.chapter_data("overlapping")
    d = L.likelihood_data(1.0, 1.0, 0.5)
    s = X @ [1.0, 1.0] + 0.5
    by_hand = np.log(1 / (1 + np.exp(-y * s)))  # the lecture's log 1/(1 + exp(-y wᵀx))
    np.testing.assert_allclose(d["log_p"], by_hand, rtol=1e-12)
    assert d["log_lik"] == pytest.approx(by_hand.sum(), rel=1e-12)
    np.testing.assert_array_equal(d["wrong"], y * s < 0)
    i = j = int(np.argmin(np.abs(B.W_AXIS - 1.0)))  # the landscape at w = (1, 1), same b
    assert d["landscape"][i, j] == pytest.approx(d["log_lik"], rel=1e-12)
    bw1, bw2, best = d["best"]
    assert best == d["landscape"].max() >= d["log_lik"]
    assert L.likelihood_data(bw1, bw2, 0.5)["log_lik"] == pytest.approx(best, rel=1e-12)
    mid = len(C.X_AXIS) // 2
    assert C.X_AXIS[mid] == 0.0 and d["p"].shape == (len(C.X_AXIS),) * 2
    assert d["p"][mid, mid] == pytest.approx(1 / (1 + math.exp(-0.5)))  # x = 0: σ(b)
    assert d["p"][mid, -1] == pytest.approx(1 / (1 + math.exp(-(C.LIM + 0.5))))  # x = (3.5, 0)


def test_likelihood_landscape_peaks_near_the_maximum_likelihood_fit():
    X, y = L.chapter_data("overlapping")
    fit = LogisticRegression().fit(X, y, lr=1.0, epochs=300, progress=False)
    d = L.likelihood_data(*fit.w, round(fit.b, 1))
    assert np.allclose(d["best"][:2], fit.w, atol=0.1)  # the grid step is 0.1
    assert d["best"][2] == pytest.approx(-fit.objective(X, y), abs=0.1)


# --- the L2 penalty -------------------------------------------------------------------------

def test_regularization_fits_are_minima_of_the_map_objective(figs):
    for name in C.DATA:
        X, y = L.chapter_data(name)
        for log_lam in L.LOG_LAMBDAS:
            d = L.regularization_data(name, log_lam)
            assert d["converged"] and d["lam"] == pytest.approx(10.0 ** log_lam)
            model = LogisticRegression(lam=d["lam"]).fit(X, y, epochs=1, progress=False)
            model.params["w"][:], model.params["b"][...] = d["w"], d["b"]
            grads = model.loss_and_gradients(X, y)[1]
            assert max(np.abs(g).max() for g in grads.values()) <= R.TOL  # ∇(J / n) ≈ 0
            assert d["objective"] == pytest.approx(model.objective(X, y), rel=1e-12)
            assert d["surface"].min() >= d["objective"] - 1e-9  # nothing on the plane is lower


def test_regularization_agrees_with_scikit_learn(figs):
    from sklearn.linear_model import LogisticRegression as SkLogisticRegression

    for name, log_lam in (("overlapping", 0.0), ("separable", -1.0)):
        d = L.regularization_data(name, log_lam)
        sk = SkLogisticRegression(C=1 / d["lam"], tol=1e-10, max_iter=10_000)
        sk.fit(*L.chapter_data(name))
        np.testing.assert_allclose(np.r_[d["w"], d["b"]], np.r_[sk.coef_[0], sk.intercept_],
                                   atol=1e-3)


def test_regularization_norms_shrink_with_lambda_and_grow_without_bound_if_separable(figs):
    norms = L.regularization_data("separable", 0.0)["norms"]
    for name in C.DATA:
        assert np.all(np.diff(norms[name]) < 0)  # more penalty, smaller w
    # separable: every factor 10 less λ adds 2 to 3 to ||w|| (like log 1/λ), with no limit
    steps = norms["separable"][:6:2] - norms["separable"][2:8:2]  # λ = 0.001 → 0.01 → 0.1 → 1
    assert np.all((steps > 1.9) & (steps < 3.0)), steps
    assert np.all(np.diff(steps) < 0)  # and more, the smaller λ
    # overlapping: at small λ the fit is the maximum-likelihood one
    assert abs(norms["overlapping"][0] - norms["overlapping"][1]) < 1e-3
    assert norms["overlapping"][0] == pytest.approx(1.832, abs=1e-3)


def test_regularization_probability_lines(figs):
    d = L.regularization_data("separable", 0.0)
    (w1, w2), b = d["w"], d["b"]
    for key, p in (("p10", 0.1), ("p90", 0.9), ("boundary", 0.5)):
        x1, x2 = d[key]
        s = w1 * x1 + w2 * x2 + b
        np.testing.assert_allclose(1 / (1 + np.exp(-s)), p, rtol=1e-12)
    assert d["path"].shape == (len(L.LOG_LAMBDAS), 2)
    np.testing.assert_array_equal(d["path"][list(L.LOG_LAMBDAS).index(0.0)], d["w"])


def test_regularization_rejects_off_grid_lambda(figs):
    with pytest.raises(ValueError, match="log_lam must be one of the grid values"):
        L.regularization_data("separable", 0.25)
    fig = figs["regularization"]
    assert fig.update(dataset="separable", log_lam=0.25) is False  # a message, no traceback
    assert fig.message.startswith("log_lam must be one of the grid values")


@pytest.fixture
def fresh_fits(monkeypatch):
    """Empty fit caches for one test (one that changes how fits are made); the module's own
    caches, full of real fits, come back afterwards."""
    for module, name in ((R, "_fit"), (R, "_objective_surface"), (G, "_trajectory")):
        monkeypatch.setattr(module, name, functools.lru_cache(getattr(module, name).__wrapped__))


def test_a_diverging_fit_is_a_message_in_the_widget(monkeypatch, fresh_fits):
    monkeypatch.setattr(R, "safe_lr", lambda dataset, lam: 1e6)  # far above 2 / L
    monkeypatch.setattr(R, "precompute", lambda jobs, what: 0)
    with pytest.raises(TrainingDiverged):
        L.regularization_data("separable", 0.0)
    fig = L.regularization()
    assert fig.update(dataset="separable", log_lam=0.0) is False
    assert fig.message.startswith("training diverged at epoch") and "\n" not in fig.message
    png, alt = fig.render(dataset="overlapping", log_lam=1.0)
    assert png[:4] == b"\x89PNG" and alt.startswith("training diverged")


# --- gradient descent over time -----------------------------------------------------------

def test_gd_steps_data_separable_norm_grows_and_direction_settles(figs):
    d = L.gd_steps_data("separable", 0.0, 4.0)
    assert d["t"] == 10_000 and d["norms"].shape == (10_001,) and d["norms"][0] == 0.0
    norms = d["norms"]
    assert np.all(np.diff(norms[10:]) > 0)  # ||w|| never stops growing ...
    decades = [norms[10 ** k] for k in range(1, 5)]
    assert np.all(np.diff(decades) > 2.0), decades  # ... by over 2 per factor 10 of steps
    angles = [math.degrees(math.atan2(*L.gd_steps_data("separable", 0.0, k)["w"][::-1]))
              for k in (2.0, 3.0, 4.0)]
    assert max(angles) - min(angles) < 1.5  # ... while the boundary's direction barely moves
    assert len(d["earlier"]) == 4  # t = 1, 10, 100, 1000


@pytest.mark.parametrize("dataset, lam, limit", [("overlapping", 0.0, 1.832),
                                                 ("separable", 1.0, 2.566),
                                                 ("overlapping", 1.0, 1.564)])
def test_gd_steps_data_settles_otherwise(figs, dataset, lam, limit):
    norms = L.gd_steps_data(dataset, lam, 4.0)["norms"]
    assert abs(norms[-1] - norms[-1000]) < 1e-9
    assert norms[-1] == pytest.approx(limit, abs=1e-3)


def test_gd_steps_data_maps_the_slider_to_steps(figs):
    assert [L.gd_steps_data("separable", 0.0, k)["t"] for k in L.LOG_STEPS] == [
        1, 3, 10, 32, 100, 316, 1000, 3162, 10000]
    d = L.gd_steps_data("overlapping", 1.0, 1.5)
    assert d["norm"] == pytest.approx(d["norms"][32]) and d["lam"] == 1.0
    with pytest.raises(ValueError, match=r"log_t must be in \[0.0, 4.0\], got 4.5"):
        L.gd_steps_data("separable", 0.0, 4.5)


# --- the widgets -------------------------------------------------------------------------------

@pytest.mark.parametrize("values, alt", [
    (dict(w1=1.0, w2=-1.0, b=0.0), "w = (1.0, -1.0), b = 0.0: log-likelihood -45.2, 24 of 60"),
    (dict(w1=2.0, w2=1.0, b=0.0), "w = (2.0, 1.0), b = 0.0: log-likelihood -22.5, 7 of 60"),
    # every s = 1.5: 30 log σ(1.5) + 30 log σ(-1.5) = -57.08, and the 30 negatives are wrong
    (dict(w1=0.0, w2=0.0, b=1.5), "w = (0.0, 0.0), b = 1.5: log-likelihood -57.1, 30 of 60"),
    (dict(w1=-3.0, w2=3.0, b=-1.5), "w = (-3.0, 3.0), b = -1.5: log-likelihood -120.1, 36 of"),
])
def test_likelihood_widget_updates(figs, values, alt):
    fig = figs["likelihood"]
    png, text = fig.render(**values)
    assert png[:4] == b"\x89PNG" and fig.message == "" and text.startswith(alt)
    assert fig.data["w"].tolist() == [values["w1"], values["w2"]]


def test_likelihood_widget_draws_the_landscape_only_when_b_changes(figs):
    fig = figs["likelihood"]
    ax_w = fig.figure.axes[1]
    fig.update(w1=1.0, w2=1.0, b=0.0)
    contours = [c for c in ax_w.collections]
    fig.update(w1=2.0, w2=0.5, b=0.0)
    assert [c for c in ax_w.collections] == contours  # same artists: nothing redrawn
    fig.update(w1=2.0, w2=0.5, b=1.0)
    assert not set(ax_w.collections) & set(contours)  # new contours for the new b
    assert len(ax_w.collections) == len(contours)


def test_likelihood_widget_live(figs):
    box = L.likelihood_by_hand().widget
    before = box.nn_image.value
    box.nn_controls["w1"].value = 2.0
    assert box.nn_image.value != before and box.nn_message.value == ""
    assert "w = (2.0, -1.0)" in box.nn_caption.value


@pytest.mark.parametrize("dataset, log_lam, alt", [
    ("separable", 0.0, "separable data, λ = 1: fitted w = (1.62, 1.99), b = -0.04, ‖w‖ = 2.57"),
    ("separable", -3.0, "separable data, λ = 0.001: fitted w = (6.31, 7.55)"),
    ("overlapping", 2.0, "overlapping data, λ = 100: fitted w = (0.19, 0.14)"),
])
def test_regularization_widget_updates(figs, dataset, log_lam, alt):
    fig = figs["regularization"]
    png, text = fig.render(dataset=dataset, log_lam=log_lam)
    assert png[:4] == b"\x89PNG" and fig.message == "" and text.startswith(alt)


@pytest.mark.parametrize("values, alt", [
    (dict(dataset="separable", lam="0", log_t=4.0), "separable data, λ = 0, after 10000 GD steps"),
    (dict(dataset="overlapping", lam="1", log_t=0.0), "overlapping data, λ = 1, after 1 GD steps"),
])
def test_gd_widget_updates(figs, values, alt):
    fig = figs["gd"]
    png, text = fig.render(**values)
    assert png[:4] == b"\x89PNG" and fig.message == "" and text.startswith(alt)


# --- static frames ------------------------------------------------------------------------------

def test_static_grids(figs):
    shapes = {name: [len(c.grid()) for c in fig.controls] for name, fig in figs.items()}
    assert shapes == {"likelihood": [7, 7, 3], "regularization": [2, 11], "gd": [2, 2, 9]}
    assert len(frame_grid(figs["likelihood"])) == 147
    lam = figs["regularization"].controls[1]
    assert lam.grid() == L.LOG_LAMBDAS and lam.step == 0.5  # live values = fitted values


