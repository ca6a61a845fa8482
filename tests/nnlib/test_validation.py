"""Tests for nnlib.validation, and for what it promises the whole package: one message style,
each public function checking its arguments at its boundary (ragged lists and non-paths
included), and no module reaching into another module's private names."""

import ast
import math
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nnlib
from nnlib.activations import sigmoid
from nnlib.idx import read_idx
from nnlib.logistic import LogisticRegression
from nnlib.losses import cross_entropy, l2_penalty_grad, mse_grad
from nnlib.mlp import MLP
from nnlib.mnist import load_full_mnist
from nnlib.persistence import load_model, save_model
from nnlib.training import train
from nnlib.validation import (
    check_bool, check_callable, check_choice, check_dtype, check_finite, check_int,
    check_matrix, check_path, check_real, real_array, real_number, same_length,
)

FAST = settings(max_examples=100, deadline=None, database=None)
NNLIB = Path(nnlib.__file__).parent


# --- the helpers --------------------------------------------------------------------------

@FAST
@given(value=st.one_of(st.integers(-5, 5), st.floats(allow_nan=True), st.booleans(),
                       st.none(), st.text(max_size=2)))
def test_check_int_accepts_exactly_the_ints_at_or_above_the_minimum(value):
    ok = isinstance(value, int) and not isinstance(value, bool) and value >= 1
    if ok:
        assert check_int(value, "epochs", 1) == value
    else:
        with pytest.raises(ValueError, match=rf"^epochs must be an int >= 1, got {re.escape(repr(value))}$"):
            check_int(value, "epochs", 1)


@FAST
@given(value=st.one_of(st.floats(allow_nan=True), st.integers(-3, 3), st.booleans(),
                       st.none()))
def test_check_real_accepts_exactly_the_finite_numbers_in_the_range(value):
    ok = not isinstance(value, bool) and isinstance(value, (int, float)) \
        and math.isfinite(value) and 0 <= value < 1
    if ok:
        assert check_real(value, "alpha", low=0, high=1, high_open=True) == float(value)
    else:
        with pytest.raises(ValueError, match=r"^alpha must be a number in \[0, 1\), got "):
            check_real(value, "alpha", low=0, high=1, high_open=True)


def test_messages_name_the_argument_and_say_what_was_expected():
    cases = [
        (lambda: check_int(0, "batch_size", 1, or_none="full batch"), ValueError,
         "batch_size must be an int >= 1 or None (full batch), got 0"),
        (lambda: check_int(1, "n", 4, "one point per corner"), ValueError,
         "n must be an int >= 4 (one point per corner), got 1"),
        (lambda: check_real(0.0, "lr", low=0, low_open=True, why="the learning rate α"),
         ValueError, "lr must be a finite number > 0 (the learning rate α), got 0.0"),
        (lambda: check_real(1.0, "diverge_factor", low=1, low_open=True, or_none=True),
         ValueError, "diverge_factor must be None or a finite number > 1, got 1.0"),
        (lambda: check_real(1.0, "factor", low=0, high=1, low_open=True, high_open=True),
         ValueError, "factor must be a number in (0, 1), got 1.0"),
        (lambda: check_choice("adam", "optimizer", ("gd", "sgd")), ValueError,
         "unknown optimizer 'adam'; expected one of: gd, sgd"),
        (lambda: check_bool(1, "flatten"), TypeError, "flatten must be True or False, got 1"),
        (lambda: check_callable(None, "f"), TypeError, "f must be callable, got NoneType"),
        (lambda: check_dtype(None), ValueError, "dtype must be float32 or float64, got None"),
        (lambda: check_dtype(np.int8, valid=(np.float16, np.float32, np.float64)), ValueError,
         "dtype must be float16, float32 or float64, got <class 'numpy.int8'>"),
        (lambda: check_path(None, "cache_dir"), TypeError,
         "cache_dir must be a str or os.PathLike, got NoneType"),
        (lambda: real_number(True, "data"), TypeError,
         "data must be a real number (int or float), got bool"),
        (lambda: real_number(math.inf, "grad"), ValueError,
         "grad must be a finite number, got inf"),
        (lambda: real_array([1 + 2j], "z"), TypeError,
         "z must be real numbers (int or float array_like), got dtype complex128"),
        (lambda: real_array([[0, 1], [1]], "X"), ValueError,
         "X must be a rectangular array of numbers, got a nested sequence whose rows have "
         "different lengths"),
        (lambda: check_finite(np.array([1.0, np.inf]), "w"), ValueError,
         "w must contain only finite numbers, got inf at index (1,)"),
        (lambda: check_matrix(np.zeros((0, 3)), "X_test", 3), ValueError,
         "X_test must be a 2-D array of shape (n, 3) with n >= 1, got shape (0, 3)"),
        (lambda: same_length(np.zeros((3, 1)), np.float64(1.0)), ValueError,
         "X and y must have the same number of examples (rows), got 3 and a scalar"),
    ]
    for call, error, message in cases:
        with pytest.raises(error, match=f"^{re.escape(message)}$"):
            call()


def test_checks_return_the_converted_value():
    assert check_int(np.int64(3), "k", 2) == 3 and type(check_int(np.int64(3), "k", 2)) is int
    assert type(check_real(np.float32(0.5), "lr", low=0)) is float
    assert check_real(None, "tol", low=0, or_none=True) is None
    assert check_dtype("float32") == np.float32 and check_path("a/b") == Path("a/b")
    assert check_path(Path("x")) == Path("x") and check_bool(np.False_, "b") is False
    X = np.ones((2, 3))
    assert check_matrix(X, "X", 3) is X and real_array(X, "X") is X  # no copies
    assert check_matrix([[1, 2]], "X").dtype.kind == "i"  # the caller converts


# --- the cases of the issue: bad input gets nnlib's message, not numpy's or Python's ------

RAGGED = [[0, 1], [1]]


@pytest.mark.parametrize("call, name", [
    (lambda: MLP([2, 2, 2]).predict(RAGGED), "X"),
    (lambda: sigmoid(RAGGED), "z"),
    (lambda: cross_entropy(RAGGED, [0, 1]), "F"),
    (lambda: cross_entropy([[0.0, 1.0], [1.0, 0.0]], [[0, 1], [1]]), "y"),
    (lambda: LogisticRegression().fit(RAGGED, [0, 1]), "X"),
    (lambda: LogisticRegression().fit([[0.0], [1.0]], [[0], [1, 1]]), "y"),
    (lambda: MLP([2, 1], output="sigmoid").loss([[0, 1], [1, 0]], [[0], [1, 1]]), "y"),
    (lambda: train(MLP([2, 2]), RAGGED, [0, 1], progress=False), "X"),
])
def test_ragged_nested_lists_get_a_message_naming_the_argument(call, name):
    with pytest.raises(ValueError, match=f"^{name} must be a rectangular array of numbers"):
        call()


@pytest.mark.parametrize("call, name", [
    (lambda: save_model(MLP([2, 2]), 3), "path"),
    (lambda: load_model(b"model.npz"), "path"),
    (lambda: read_idx(42), "path"),
    (lambda: load_full_mnist(cache_dir=42), "cache_dir"),
])
def test_a_non_path_path_gets_a_message_naming_the_argument(call, name):
    with pytest.raises(TypeError, match=f"^{name} must be a str or os.PathLike, got "):
        call()


def test_gradients_of_subnormal_inputs_are_quiet_under_errstate_raise():
    # underflow to a subnormal or 0 is the right answer here, not an error
    tiny = np.array([5e-324, -1e-310, 3e-320])
    with np.errstate(under="ignore"):
        expected_mean, expected_penalty = tiny / 3, 0.5 * tiny
    with np.errstate(all="raise"):
        np.testing.assert_array_equal(mse_grad(tiny, np.zeros(3), reduction="sum"), tiny)
        np.testing.assert_array_equal(mse_grad(tiny, np.zeros(3)), expected_mean)
        np.testing.assert_array_equal(l2_penalty_grad(tiny, 0.5), expected_penalty)
        np.testing.assert_array_equal(l2_penalty_grad({"W1": tiny}, 0.5)["W1"],
                                      expected_penalty)


def test_training_checks_the_data_once_at_the_boundary(monkeypatch):
    # X's values are scanned by the model's check_data alone, not also by the loop
    import nnlib.mlp
    import nnlib.training
    scans, loop = [], []
    check_finite_, check_matrix_ = nnlib.mlp.check_finite, nnlib.training.check_matrix

    def model_scan(array, name, **kwargs):
        scans.append((name, array.shape))
        return check_finite_(array, name, **kwargs)

    def loop_check(X, name, d=None, *, finite=True):
        loop.append((name, finite))
        return check_matrix_(X, name, d, finite=finite)

    monkeypatch.setattr(nnlib.mlp, "check_finite", model_scan)
    monkeypatch.setattr(nnlib.training, "check_matrix", loop_check)
    X = np.random.default_rng(0).normal(size=(20, 2))
    y = (X[:, 0] > 0).astype(int)
    train(MLP([2, 3, 2]), X, y, X_test=X[:5], y_test=y[:5], epochs=2, batch_size=5,
          progress=False)
    assert loop == [("X", False), ("X_test", False)]  # shapes only
    assert scans == [("X", (20, 2)), ("X", (5, 2))]  # training and test set, once each


# --- no module reaches into another module's private names --------------------------------

def _private_imports(path: Path) -> list[str]:
    """``from a.b import _x`` in `path` where a.b is not a private module of its package."""
    package = ".".join(path.relative_to(NNLIB.parent).with_suffix("").parts[:-1])
    bad = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            source_package, _, source = node.module.rpartition(".")
            for alias in node.names:
                private_name = alias.name.startswith("_")
                private_module_here = source.startswith("_") and source_package == package
                if private_name and not private_module_here:
                    bad.append(f"from {node.module} import {alias.name}")
    return bad


def test_no_module_imports_a_private_name_from_another_module():
    found = {str(path.relative_to(NNLIB)): _private_imports(path)
             for path in sorted(NNLIB.rglob("*.py"))}
    assert {path: bad for path, bad in found.items() if bad} == {}


def test_the_autodiff_package_exports_only_public_names_that_exist():
    import nnlib.autodiff
    assert nnlib.autodiff.__all__ and all(not name.startswith("_")
                                          for name in nnlib.autodiff.__all__)
    for name in nnlib.autodiff.__all__:
        assert getattr(nnlib.autodiff, name) is not None
    tree = ast.parse(Path(nnlib.autodiff.__file__).read_text())
    imported = [alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                for alias in node.names]
    assert sorted(imported) == sorted(nnlib.autodiff.__all__)  # the face: exactly __all__


def test_the_private_import_check_can_fail(tmp_path):
    module = NNLIB / "losses" / "binary.py"  # allowed: from its own package's _common
    assert _private_imports(module) == []
    fake = tmp_path / "nnlib" / "mnist.py"
    fake.parent.mkdir()
    fake.write_text("from nnlib.idx import _parse_idx, read_idx\n")
    monkey = pytest.MonkeyPatch()
    monkey.setattr(f"{__name__}.NNLIB", tmp_path / "nnlib")
    try:
        assert _private_imports(fake) == ["from nnlib.idx import _parse_idx"]
    finally:
        monkey.undo()
