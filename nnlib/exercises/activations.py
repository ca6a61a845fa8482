"""Checks for the exercises of the chapter *Activation functions*."""

from __future__ import annotations

import numpy as np

from nnlib.activations import tanh_grad
from nnlib.checks import check_function, check_number

EXERCISES = {
    "ex-act-tanh-grad": lambda answer: check_function(
        answer, tanh_grad, np.linspace(-5, 5, 41), name="my_tanh_grad"),
    # sigma'(z) = s(1 - s) = 0.01  =>  s = (1 + sqrt(0.96)) / 2,  z = log(s / (1 - s)) = log(49 + sqrt(2400))
    "ex-act-saturation": lambda answer: check_number(
        answer, float(np.log(49 + np.sqrt(2400))), name="z_saturation"),
    "ex-act-dead-relu": lambda answer: check_number(answer, 1.0, name="dead_fraction"),
}
