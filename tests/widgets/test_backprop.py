"""Tests for nnlib.widgets.backprop (the chapter *Backpropagation, one node at a time*).

tests/widgets/test_registry.py already checks that every registered widget builds, renders,
responds to each control and fits its page; test here what is particular to this chapter:
its data functions, with the numbers the chapter uses, and its exercise checks.
"""

import numpy as np
import pytest

from nnlib.checks import check
from nnlib.widgets.backprop.example import example_data


def test_example_data_worked_example():
    d = example_data("relu", 2.0, 1.0)
    assert d["threshold"] == -0.5 and float(d["y"][-1]) == 9.0
    assert np.all(d["y"][d["x"] <= -0.5] == 0.0)
    assert example_data("sigmoid", 0.0, 0.0)["threshold"] is None
    assert np.all(example_data("sigmoid", 0.0, 0.0)["y"] == 0.5)


@pytest.mark.parametrize("label, wrong, right", [
    ("ex-backprop-zero", 0.5, -0.5),
    ("ex-backprop-neuron", lambda x: np.tanh(x), lambda x: np.tanh(2 * x + 1)),
])
def test_exercise_checks(label, wrong, right, capsys):
    assert not check(label, None) and not check(label, wrong) and check(label, right)
