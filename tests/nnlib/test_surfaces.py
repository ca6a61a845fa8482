"""Tests for nnlib.surfaces: gradients against finite differences, the α < 2/M rule,
minibatches that average to the full gradient, bad arguments."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnlib.datasets import non_separable
from nnlib.gradcheck import check_gradient
from nnlib.optimizers import GD, SGD, Momentum
from nnlib.surfaces import LogisticSurface, Quadratic, descend
from nnlib.training import minibatches

FAST = settings(max_examples=40, deadline=None, database=None, derandomize=True)
coord = st.floats(-3.0, 3.0)


@FAST
@given(coord, coord, st.floats(0.1, 5.0), st.floats(-0.5, 0.5), st.floats(0.1, 5.0))
def test_quadratic_gradient_is_a_w(w1, w2, a, b, c):
    bowl = Quadratic([[a, b * np.sqrt(a * c)], [b * np.sqrt(a * c), c]])
    check_gradient(bowl.loss, bowl.grad, np.array([w1, w2]), tol=1e-5)
    W1, W2 = np.array([[w1]]), np.array([[w2]])
    assert bowl.losses(W1, W2)[0, 0] == pytest.approx(bowl.loss([w1, w2]))


@FAST
@given(st.floats(0.2, 4.0), st.floats(0.2, 4.0), st.floats(0.01, 0.99))
def test_gd_converges_exactly_below_two_over_m(c1, c2, fraction):
    bowl = Quadratic([[c1, 0.0], [0.0, c2]])
    below = descend(bowl, [1.0, 1.0], GD(lr=fraction * bowl.max_lr), 3000, blow_up=1e12)
    above = descend(bowl, [1.0, 1.0], GD(lr=(2 - fraction) * bowl.max_lr), 3000, blow_up=1e12)
    assert below.diverged is None and below.loss[-1] < bowl.loss([1.0, 1.0])
    assert above.loss[-1] > bowl.loss([1.0, 1.0]) or above.diverged


def test_logistic_surface_gradient_and_minibatch_average():
    X, y = non_separable(n=64, seed=1)
    s = LogisticSurface(X, y, lam=0.5)
    w = np.array([0.4, -1.1])
    check_gradient(s.loss, s.grad, w)
    batches = list(minibatches(64, 16, rng=0))
    np.testing.assert_allclose(np.mean([s.grad(w, b) for b in batches], axis=0), s.grad(w))
    W1, W2 = np.meshgrid([0.4, 1.0], [-1.1, 0.0])
    assert s.losses(W1, W2)[0, 0] == pytest.approx(s.loss(w))


def test_descend_counts_evaluations_and_batch_n_is_gd():
    X, y = non_separable(n=40, seed=0)
    s = LogisticSurface(X, y)
    sgd = descend(s, [0.0, 1.0], SGD(lr=0.3), 12, batch_size=8, seed=0)
    assert sgd.evaluations.tolist() == [8 * t for t in range(13)]
    np.testing.assert_array_equal(descend(s, [0.0, 1.0], SGD(lr=0.3), 5, batch_size=40).w,
                                  descend(s, [0.0, 1.0], GD(lr=0.3), 5).w)
    path = descend(Quadratic([[1.0, 0.0], [0.0, 1.0]]), [1.0, 0.0], Momentum(lr=0.1, beta=0.5), 2)
    assert path.w[:, 0].tolist() == pytest.approx([1.0, 0.9, 0.9 - 0.1 * (0.5 * 1.0 + 0.9)])


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="positive definite"):
        Quadratic([[1.0, 0.0], [0.0, -1.0]])
    with pytest.raises(ValueError, match="symmetric"):
        Quadratic([[1.0, 2.0], [0.0, 1.0]])
    with pytest.raises(ValueError, match="batch_size needs a surface with data"):
        descend(Quadratic([[1.0, 0.0], [0.0, 1.0]]), [1.0, 1.0], GD(), 3, batch_size=2)
    with pytest.raises(ValueError, match="w must be 2 finite numbers"):
        Quadratic([[1.0, 0.0], [0.0, 1.0]]).loss([1.0, np.nan])
