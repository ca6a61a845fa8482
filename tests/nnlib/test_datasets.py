"""Tests for nnlib.datasets: the lecture's truth tables, geometry, seeding, balance, errors."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnlib import datasets
from nnlib.datasets import (
    DATASETS, and_gate, blobs, circles, get_dataset, linearly_separable, moons, noisy_xor,
    non_separable, or_gate, spirals, xor_gate,
)

pytestmark = pytest.mark.filterwarnings("error")
FAST = settings(max_examples=40, deadline=None, database=None)

GATES = ["and_gate", "or_gate", "xor_gate"]
RANDOM = [name for name in DATASETS if name not in GATES]
N_CLASSES = {"blobs": 3, "spirals": 2}  # defaults; every other set has 2 classes


@pytest.fixture(autouse=True)
def _numpy_raises():
    with np.errstate(all="raise"):
        yield


# --- worked examples: the lecture's truth tables -----------------------------------------

def test_truth_tables():
    for make, table in [(and_gate, {(0, 0): 0, (0, 1): 0, (1, 0): 0, (1, 1): 1}),
                        (or_gate, {(0, 0): 0, (0, 1): 1, (1, 0): 1, (1, 1): 1}),
                        (xor_gate, {(0, 0): 0, (0, 1): 1, (1, 0): 1, (1, 1): 0})]:
        X, y = make()
        assert X.dtype == np.float64 and y.dtype == np.int64
        assert X.shape == (4, 2) and y.shape == (4,)
        assert {tuple(int(v) for v in x): int(label) for x, label in zip(X, y)} == table


def test_xor_is_the_lecture_formula():
    X, y = xor_gate()
    x1, x2 = X[:, 0].astype(bool), X[:, 1].astype(bool)
    assert np.array_equal(y, ((x1 & ~x2) | (~x1 & x2)).astype(int))


def test_gates_return_fresh_arrays():
    X, y = xor_gate()
    X[0, 0], y[0] = 99.0, 99
    X2, y2 = xor_gate()
    assert X2[0, 0] == 0.0 and y2[0] == 0


def test_noisy_xor_labels_are_xor_of_the_corner():
    X, y = noisy_xor(n=400, noise=0.05, seed=3)
    corner = np.round(X).astype(int)  # noise 0.05 never moves a point 0.5 away
    assert np.array_equal(y, corner[:, 0] ^ corner[:, 1])
    assert sorted(np.unique(corner, axis=0).tolist()) == [[0, 0], [0, 1], [1, 0], [1, 1]]


def test_blobs_centers_and_spread():
    X, y = blobs(n=30, k=5, spread=0.0)
    for j in range(5):
        assert np.allclose(X[y == j], X[y == j][0])  # spread 0: all at the center
    centers = np.array([X[y == j][0] for j in range(5)])
    gaps = np.linalg.norm(centers[:, None] - centers[None], axis=-1)[~np.eye(5, dtype=bool)]
    assert gaps.min() >= 2 - 1e-12
    X, y = blobs(n=3000, k=3, spread=0.6, seed=1)
    spread = np.concatenate([X[y == j] - X[y == j].mean(axis=0) for j in range(3)]).std()
    assert spread == pytest.approx(0.6, rel=0.05)


def test_moons_lie_on_their_half_circles():
    X, y = moons(n=101, noise=0.0)
    a, b = X[y == 0], X[y == 1]
    assert np.allclose(np.hypot(a[:, 0], a[:, 1]), 1) and np.all(a[:, 1] >= -1e-12)
    assert np.allclose(np.hypot(b[:, 0] - 1, b[:, 1] - 0.5), 1) and np.all(b[:, 1] <= 0.5 + 1e-12)


def test_circles_radii():
    X, y = circles(n=50, noise=0.0, factor=0.3)
    r = np.hypot(X[:, 0], X[:, 1])
    assert np.allclose(r[y == 0], 1.0) and np.allclose(r[y == 1], 0.3)


def test_spirals_arms():
    k, turns = 3, 2.0
    X, y = spirals(n=90, k=k, noise=0.0, turns=turns)
    r = np.hypot(X[:, 0], X[:, 1])
    t = (r - 0.1) / 0.9
    assert t.min() == pytest.approx(0) and t.max() == pytest.approx(1)
    theta = 2 * np.pi * (turns * t + y / k)
    assert np.allclose(X, r[:, None] * np.column_stack([np.cos(theta), np.sin(theta)]))


def test_linearly_separable_margin_and_line():
    X, y = linearly_separable(n=500, margin=0.3, seed=2)
    s = X @ (np.array([1.0, 1.0]) / math.sqrt(2))  # signed distance from x1 + x2 = 0
    assert s[y == 1].min() >= 0.3 - 1e-12 and s[y == 0].max() <= -0.3 + 1e-12
    assert s[y == 1].min() < 0.35  # the margin is the actual gap, not just a bound


def _segments_cross(p, q, r, s):
    """Whether segments p-q and r-s cross (arrays of segments, shape (..., 2))."""
    def side(a, b, c):
        return np.sign((b[..., 0] - a[..., 0]) * (c[..., 1] - a[..., 1])
                       - (b[..., 1] - a[..., 1]) * (c[..., 0] - a[..., 0]))
    return (side(p, q, r) * side(p, q, s) < 0) & (side(r, s, p) * side(r, s, q) < 0)


def test_non_separable_certificate():
    """A class-0 segment crossing a class-1 segment: no line can separate the classes."""
    X, y = non_separable()
    a, b = X[y == 0], X[y == 1]
    i, j = np.triu_indices(len(a), 1)
    k, m = np.triu_indices(len(b), 1)
    crosses = _segments_cross(a[i][:, None], a[j][:, None], b[k][None], b[m][None])
    assert crosses.any()
    X, y = linearly_separable()  # the certificate cannot exist for separable data
    a, b = X[y == 0], X[y == 1]
    i, j = np.triu_indices(len(a), 1)
    k, m = np.triu_indices(len(b), 1)
    assert not _segments_cross(a[i][:, None], a[j][:, None], b[k][None], b[m][None]).any()


def test_non_separable_bayes_error():
    X, y = non_separable(n=40_000, overlap=1.0, seed=4)
    error = np.mean((X.sum(axis=1) > 0) != (y == 1))
    phi = 0.5 * math.erfc(1 / math.sqrt(2))  # Φ(−1) = 0.1587
    assert error == pytest.approx(phi, abs=0.01)


# --- properties: shapes, dtypes, balance, seeding ----------------------------------------

@pytest.mark.parametrize("name", list(DATASETS))
def test_defaults_shapes_and_dtypes(name):
    X, y = get_dataset(name)
    assert X.dtype == np.float64 and X.ndim == 2 and X.shape[1] == 2
    assert y.dtype == np.int64 and y.shape == (len(X),)
    assert np.all(np.isfinite(X))
    k = N_CLASSES.get(name, 2)
    assert set(np.unique(y).tolist()) == set(range(k))


@FAST
@given(name=st.sampled_from(RANDOM), n=st.integers(4, 60), seed=st.integers(0, 2**32))
def test_balanced_shuffled_and_seeded(name, n, seed):
    X, y = get_dataset(name, n=n, seed=seed)
    assert X.shape == (n, 2) and y.shape == (n,)
    counts = np.bincount(y)
    assert counts.max() - counts.min() <= 1
    X2, y2 = get_dataset(name, n=n, seed=seed)
    assert np.array_equal(X, X2) and np.array_equal(y, y2)
    X3, _ = get_dataset(name, n=n, seed=seed + 1)
    assert not np.array_equal(X, X3)


@FAST
@given(k=st.integers(2, 12), n=st.integers(12, 80), seed=st.integers(0, 1000))
def test_k_classes(k, n, seed):
    for make in (blobs, spirals):
        X, y = make(n=n, k=k, seed=seed)
        counts = np.bincount(y, minlength=k)
        assert len(counts) == k and counts.max() - counts.min() <= 1


@FAST
@given(n=st.integers(2, 200), margin=st.floats(1e-3, 5.0), seed=st.integers(0, 1000))
def test_linearly_separable_property(n, margin, seed):
    X, y = linearly_separable(n=n, margin=margin, seed=seed)
    s = X.sum(axis=1) / math.sqrt(2)
    assert np.all(np.where(y == 1, s, -s) >= margin * (1 - 1e-12) - 1e-12)


def test_rows_are_shuffled():
    for name in RANDOM:
        _, y = get_dataset(name, n=100)
        assert np.any(np.diff(y) < 0), name  # not sorted by class
        assert len(np.unique(y[:20])) > 1, name  # a slice mixes classes


def test_seed_changes_every_random_set():
    for name in RANDOM:
        X0, _ = get_dataset(name, seed=0)
        X1, _ = get_dataset(name, seed=1)
        assert not np.array_equal(X0, X1), name


# --- registry and errors -----------------------------------------------------------------

def test_registry():
    assert list(DATASETS) == ["and_gate", "or_gate", "xor_gate", "noisy_xor", "blobs", "moons",
                              "circles", "spirals", "linearly_separable", "non_separable"]
    assert all(DATASETS[name] is getattr(datasets, name) for name in DATASETS)
    assert set(DATASETS) <= set(datasets.__all__)
    with pytest.raises(ValueError, match="unknown data set 'xor'.*xor_gate.*non_separable"):
        get_dataset("xor")
    with pytest.raises(TypeError, match="name must be a str"):
        get_dataset(3)
    with pytest.raises(TypeError, match="unexpected keyword"):
        get_dataset("xor_gate", n=10)


@pytest.mark.parametrize("call, match", [
    (lambda: noisy_xor(n=3), r"n must be an int >= 4 \(one point per corner\), got 3"),
    (lambda: moons(n=0), "n must be an int >= 2"),
    (lambda: moons(n=10.0), "n must be an int"),
    (lambda: moons(n=True), "n must be an int"),
    (lambda: blobs(n=2, k=3), r"n must be an int >= 3 \(at least one point per class\)"),
    (lambda: blobs(k=1), "k must be an int >= 2, got 1"),
    (lambda: spirals(k=2.5), "k must be an int >= 2"),
    (lambda: moons(noise=-0.1), "noise must be a finite number >= 0, got -0.1"),
    (lambda: moons(noise=float("nan")), "noise must be a finite number >= 0"),
    (lambda: circles(noise=float("inf")), "noise must be a finite number >= 0"),
    (lambda: noisy_xor(noise="0.1"), "noise must be a finite number"),
    (lambda: blobs(spread=-1), "spread must be"),
    (lambda: circles(factor=1.0), r"factor must be a number in \(0, 1\), got 1.0"),
    (lambda: circles(factor=0), r"factor must be a number in \(0, 1\)"),
    (lambda: spirals(turns=0), "turns must be a finite number > 0, got 0"),
    (lambda: linearly_separable(margin=0), "margin must be a finite number > 0"),
    (lambda: non_separable(overlap=-1.0), "overlap must be a finite number > 0"),
    (lambda: moons(seed=-1), "seed must be an int >= 0, got -1"),
    (lambda: moons(seed=1.5), "seed must be an int"),
    (lambda: xor_gate(seed=None), "seed must be an int"),
])
def test_bad_arguments(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_numpy_ints_accepted():
    X, y = blobs(n=np.int64(9), k=np.int32(3), seed=np.uint8(1))
    assert X.shape == (9, 2) and np.bincount(y).tolist() == [3, 3, 3]
