"""nnlib: a small, careful numpy companion to the neural-networks course.

``import nnlib`` imports numpy only; plotting and widgets are imported explicitly.
"""

from nnlib import activations, gradcheck

__version__ = "0.1.0"
