"""nnlib.labels: {0, 1} <-> {-1, +1}."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nnlib.labels import to_01, to_pm1


@given(st.lists(st.sampled_from([0, 1]), min_size=1, max_size=50))
def test_round_trip(y):
    y_pm = to_pm1(y)
    assert set(y_pm.tolist()) <= {-1, 1}
    assert to_01(y_pm).tolist() == list(y)
    assert np.array_equal(y_pm, 2 * np.asarray(y) - 1)


def test_floats_that_are_labels_are_accepted():
    assert to_pm1(np.array([0.0, 1.0])).tolist() == [-1, 1]
    assert to_01(np.array([-1.0, 1.0])).dtype == np.int64


@pytest.mark.parametrize("func, values, match", [
    (to_pm1, [-1, 1], r"y must hold only 0 and 1, got np.int64\(-1\)|y must hold only 0 and 1, got -1"),
    (to_01, [0, 1], r"y_pm must hold only -1 and 1, got .*0.* at index 0"),
    (to_pm1, [[0, 1], [1, 0]], r"y must be a 1-D array of labels, got shape \(2, 2\)"),
    (to_pm1, [[0, 1], [1]], "ragged sequence"),
    (to_pm1, ["0", "1"], "y must hold numbers 0 and 1"),
    (to_pm1, [True, False], "y must hold numbers 0 and 1, got dtype bool"),
    (to_pm1, [0.5, 1.0], r"got .*0\.5.* at index 0"),
    (to_01, [np.nan], "y_pm must hold only -1 and 1"),
])
def test_bad_labels_are_named(func, values, match):
    with pytest.raises(ValueError, match=match):
        func(values)


def test_to_01_names_its_argument_y_pm_as_the_book_does():
    assert to_01(y_pm=[-1, 1]).tolist() == [0, 1]
