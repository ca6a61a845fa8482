"""Checks for the exercises of the chapter *Activation functions*.

Each wrong answer that matches a named mistake gets that mistake's message; any other
wrong answer gets the exercise's one fixed message (see :mod:`nnlib.checks`).
"""

from __future__ import annotations

import numpy as np

from nnlib.activations import sigmoid, tanh_grad
from nnlib.checks import check_function, check_number

TANH_POINTS = np.linspace(-5, 5, 41)

TANH_MISTAKES = [
    (np.tanh, "my_tanh_grad returns tanh(z) itself; the exercise asks for its derivative."),
    (lambda z: 1 + np.tanh(z) ** 2, "check the sign: the quotient rule gives cosh² − sinh² on top."),
    (lambda z: np.tanh(z) ** 2, "you have tanh²(z); the derivative is what remains when it is "
                                "taken away from cosh²/cosh²."),
    (lambda z: 1 - np.tanh(z), "check the power: the quotient rule squares cosh in the denominator."),
    (lambda z: sigmoid(z) * (1 - sigmoid(z)), "that is the sigmoid's derivative σ(z)(1 − σ(z)); "
                                              "the exercise asks for tanh′(z)."),
    (lambda z: np.tanh(z) * (1 - np.tanh(z)), "that is the sigmoid's rule s(1 − s) applied to tanh; "
                                              "differentiate sinh/cosh instead."),
]

# σ'(z) = s(1 − s) = 0.01  ⇒  s = (1 + √0.96) / 2  ⇒  z = log(s / (1 − s)) = log(49 + √2400)
Z_SATURATION = float(np.log(49 + np.sqrt(2400)))
S_SATURATION = (1 + np.sqrt(0.96)) / 2
SATURATION_MISTAKES = [
    (S_SATURATION, "that is s = σ(z), the sigmoid's value there; the question asks for z."),
    (1 - S_SATURATION, "that is the other root of the quadratic, and it is s = σ(z), not z."),
    (-Z_SATURATION, "the question asks for the z > 0 where the slope falls to 0.01."),
]

# z = 0.5 x − 3 > 0 needs x > 6: no input of [−4, 4] has a gradient, the fraction is 1
DEAD_MISTAKES = [
    (0.0, "check the sign: z = wx + b > 0 means x > −b/w, with b = −3."),
    (0.5, "that would be the fraction for b = 0; this neuron has b = −3."),
    (100.0, "give a fraction between 0 and 1, not a percentage."),
]


EXERCISES = {
    "ex-act-tanh-grad": lambda answer: check_function(
        answer, tanh_grad, TANH_POINTS, name="my_tanh_grad", mistakes=TANH_MISTAKES,
        not_yet="my_tanh_grad does not match tanh′ yet. Compare it with a finite difference "
                "(tanh(z + h) − tanh(z − h)) / 2h at a few z."),
    "ex-act-saturation": lambda answer: check_number(
        answer, Z_SATURATION, name="z_saturation", decimals=2, mistakes=SATURATION_MISTAKES,
        not_yet="solve s(1 − s) = 0.01 for s, then invert the sigmoid."),
    "ex-act-dead-relu": lambda answer: check_number(
        answer, 1.0, name="dead_fraction", decimals=2, between=(0, 1), mistakes=DEAD_MISTAKES,
        not_yet="find where z = wx + b is positive, then what share of [−4, 4] that is."),
}
