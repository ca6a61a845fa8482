"""Shared pieces of the XOR chapter's widgets: the truth tables, the plotted square around
them and its mesh. The widgets draw with :mod:`nnlib.plotting`'s vocabulary.
"""

from __future__ import annotations

import functools

from nnlib.datasets import and_gate, or_gate, xor_gate
from nnlib.plotting import boundary_segment, input_mesh

__all__ = ["GATES", "GATE_OPTIONS", "SQUARE", "PLANE", "square_line", "bits"]


#: The truth tables of the chapter: name -> (X (4, 2) in counting order 00, 01, 10, 11, y (4,)).
GATES = {"xor": xor_gate(), "and": and_gate(), "or": or_gate()}
GATE_OPTIONS = [("XOR", "xor"), ("AND", "and"), ("OR", "or")]
SQUARE = (-0.5, 1.5)  # the plotted part of the input plane around the unit square
PLANE = input_mesh(SQUARE, 121)  # its mesh: PLANE.grid (121², 2)

#: A line w₁x₁ + w₂x₂ + b = 0 across the plotted square (``box=`` for another view).
square_line = functools.partial(boundary_segment, box=SQUARE)


def bits(values) -> str:
    return " ".join(str(int(v)) for v in values)
