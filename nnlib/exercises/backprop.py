"""Checks for the exercises of the chapter *Backpropagation, one node at a time*."""

from __future__ import annotations

import numpy as np

from nnlib.checks import check_function, check_number

EXERCISES = {
    "ex-backprop-zero": lambda answer: check_number(
        answer, -0.5, name="x_zero", decimals=2,
        mistakes=[(0.5, "check the sign: w x + b = 0 means x = -b / w")]),
    "ex-backprop-neuron": lambda answer: check_function(
        answer, lambda x: np.tanh(2 * x + 1), np.linspace(-3, 3, 25), name="my_neuron"),
}
