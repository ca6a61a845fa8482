"""Shared pieces of the softmax chapter's widgets: an MLP with a softmax output at a training
snapshot. The widgets draw with :mod:`nnlib.plotting`'s vocabulary (k classes:
:func:`~nnlib.plotting.class_style`, :func:`~nnlib.plotting.prob_image` with ``k``).
"""

from __future__ import annotations

from typing import Sequence

from nnlib.mlp import MLP

__all__ = ["softmax_model_at"]


def softmax_model_at(sizes: Sequence[int], activation: str, params: dict) -> MLP:
    """An MLP with a softmax output and the given parameters (one epoch of a snapshot run).

    Examples
    --------
    >>> model = softmax_model_at([2, 3], "tanh", MLP([2, 3], seed=1).get_params())
    >>> model
    MLP(2-3, output=softmax, params=9)
    """
    model = MLP(list(sizes), activation=activation, output="softmax")
    model.set_params(params)
    return model
