"""Gradient flow: the widget :func:`gradient_flow`, the size of each layer's gradient in a deep
network at initialisation, for sigmoid, tanh and ReLU hidden units.
"""

from __future__ import annotations

import functools

import numpy as np

from nnlib.datasets import moons
from nnlib.mlp import MLP
from nnlib.plotting import COLORS
from nnlib.widgets.controls import Dropdown, Slider
from nnlib.widgets.figure import InteractiveFigure

__all__ = ["gradient_flow", "gradient_flow_data", "layer_gradient_norms", "FLOW_WIDTH", "MAX_DEPTH"]

FLOW_WIDTH, MAX_DEPTH = 16, 10
_ACTIVATIONS = (("sigmoid", "sigmoid"), ("tanh", "tanh"), ("ReLU", "relu"))


@functools.lru_cache(maxsize=1)
def _data():
    return moons(n=200, noise=0.2, seed=0)


def layer_gradient_norms(activation: str, depth: int, seed: int = 0,
                         width: int = FLOW_WIDTH) -> np.ndarray:
    r"""‖∂L/∂W_l‖ (Frobenius) of every layer l = 1 … depth + 1 of a fresh MLP on the moons.

    The network is 2 → `width` × `depth` hidden layers (`activation`) → 1 sigmoid output,
    initialised by :class:`~nnlib.mlp.MLP` (Glorot for sigmoid and tanh, He for ReLU) from
    `seed`; L is the mean binary cross-entropy on 200 moons (noise 0.2, seed 0).

    Returns
    -------
    ndarray, shape (depth + 1,)
        Layer 1 (next to the input) first.

    Examples
    --------
    >>> norms = layer_gradient_norms("sigmoid", 6)
    >>> bool(norms[0] < norms[-1] / 100)  # sigmoid: the first layer gets 100x less
    True
    """
    depth = int(round(depth))  # a slider may send 5.999999999999999
    if not 1 <= depth <= 50:
        raise ValueError(f"depth must be a whole number of hidden layers in 1..50, got {depth}")
    X, y = _data()
    net = MLP([2] + [int(width)] * depth + [1], activation=activation, output="sigmoid", seed=seed)
    grads = net.gradients(X, y)
    return np.array([np.linalg.norm(grads[f"W{l}"]) for l in range(1, depth + 2)])


def gradient_flow_data(activation: str, depth: int, seed: int = 0) -> dict:
    """:func:`layer_gradient_norms` with the ratio of the first layer's to the last's.

    Examples
    --------
    >>> d = gradient_flow_data("tanh", 4)
    >>> d["norms"].shape, d["activation"]
    ((5,), 'tanh')
    """
    depth, seed = int(round(depth)), int(round(seed))
    norms = layer_gradient_norms(activation, depth, seed)
    return {"activation": activation, "depth": depth, "seed": seed, "norms": norms,
            "ratio": float(norms[0] / norms[-1])}


def _describe(values: dict, data: dict) -> str:
    return (f"{data['depth']} {data['activation']} hidden layers at initialisation: the first "
            f"layer's gradient is {data['ratio']:.2g} times the last layer's")


def _draw(fig):
    ax = fig.add_subplot()
    fig.subplots_adjust(left=0.15, right=0.97, bottom=0.19, top=0.86)
    bars = ax.bar(np.arange(1, MAX_DEPTH + 2), np.ones(MAX_DEPTH + 1), color=COLORS["blue"])
    ax.set(yscale="log", ylim=(1e-7, 10), xlim=(0.4, MAX_DEPTH + 1.6), xlabel="layer l",
           ylabel=r"$\|\partial L/\partial \mathbf{W}_l\|$", xticks=[1, 3, 5, 7, 9, 11], yticks=[1e-6, 1e-4, 1e-2, 1])
    title = ax.set_title("")

    def update(data):
        norms = data["norms"]
        for l, bar in enumerate(bars):
            bar.set_height(norms[l] if l < len(norms) else 1e-12)
            bar.set_color(COLORS["vermillion"] if l == len(norms) - 1 else COLORS["blue"])
        title.set_text(f"{data['activation']}, {data['depth']} hidden: first/last = "
                       f"{data['ratio']:.2g}")

    return update


def gradient_flow() -> InteractiveFigure:
    """Depth and activation → each layer's gradient norm at initialisation (log scale).

    Examples
    --------
    >>> fig = gradient_flow()
    >>> fig.update(activation="relu", depth=8), len(fig.data["norms"])
    (True, 9)
    """
    return InteractiveFigure(
        [Dropdown("activation", list(_ACTIVATIONS), default="sigmoid", label="hidden activation"),
         Slider("depth", 1, MAX_DEPTH, step=1, default=6, label="hidden layers"),
         Slider("seed", 0, 9, step=1, default=0, label="initialisation seed")],
        gradient_flow_data, _draw, describe=_describe, title="Gradient flow",
        name="gradient_flow", figsize=(5.4, 3.0), static_controls=("activation", "depth"))
