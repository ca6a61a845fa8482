"""Depth and the identity activation: the widget :func:`depth_identity`, networks with 1 to 4
hidden layers trained on a 2-D data set, whose decision boundary stays a straight line when
every hidden layer is linear.
"""

from __future__ import annotations

import functools

import numpy as np

from nnlib.diagrams import draw_network
from nnlib.layers import compose_affine
from nnlib.mlp import MLP
from nnlib.plotting import (
    boundary_contour, class_scatter, input_axes, prob_image, set_class_points, set_contour,
    set_prob_image,
)
from nnlib.progress import Reporter
from nnlib.training import TrainingDiverged
from nnlib.widgets.controls import Dropdown, Slider
from nnlib.widgets.mlp.common import (
    ACTIVATION_OPTIONS, DATA, DATA_OPTIONS, N_GRID, plane,
)
from nnlib.widgets.trainers import TrainingFigure, cached_training, model_at, snapshots

__all__ = ["DEPTH_WIDTHS", "depth_identity_data", "depth_identity"]

DEPTH_WIDTHS = ("4", "8", "16")
DEPTH_EPOCHS, DEPTH_LR, DEPTH_BATCH = 200, 0.1, 20


@cached_training(maxsize=128)
def _train_depth(data: str, sizes: tuple, activation: str, epochs: int,
                 progress: Reporter | None = None):
    X, y, _, _ = plane(data)
    model = MLP(list(sizes), activation=activation, output="sigmoid", seed=0)
    try:
        return snapshots(model, X, y, epochs=epochs, optimizer="sgd", lr=DEPTH_LR,
                         batch_size=DEPTH_BATCH, seed=0, diverge_factor=10.0, progress=progress)
    except TrainingDiverged as error:
        return error


def depth_identity_data(data: str, layers: int, activation: str, width: str = "8",
                        epochs: int = DEPTH_EPOCHS, progress: Reporter | None = None) -> dict:
    r"""A network with `layers` hidden layers of `width` units, trained on a 2-D data set.

    :math:`\mathbf{h}_l = \sigma(\mathbf{W}_l\mathbf{h}_{l-1} + \mathbf{b}_l)` for
    l = 1..layers, then :math:`p(y=1\mid\mathbf{x}) = \operatorname{sigmoid}(\mathbf{w}^T\mathbf{h} + b)`;
    minibatch SGD (α = 0.1, batches of 20, seed 0) for 200 epochs, trained once.

    Returns
    -------
    dict
        ``X``, ``y``; ``p`` (N, N) the final probability over the plane; ``acc``, ``loss``;
        ``weights`` (list of W_l, for the diagram); ``linear``: for the identity, the
        largest gap between the network's logit and its single affine map
        :func:`nnlib.layers.compose_affine` over the plane (None otherwise); the settings.

    Examples
    --------
    >>> d = depth_identity_data("circles", 3, "identity")
    >>> d["linear"] < 1e-9, float(d["acc"]) < 0.7
    (True, True)
    """
    layers, width = int(layers), int(width)
    if not 1 <= layers <= 4:
        raise ValueError(f"layers must be 1 to 4 hidden layers, got {layers}")
    X, y, grid, extent = plane(data)
    sizes = (2,) + (width,) * layers + (1,)
    result = _train_depth(data, sizes, activation, int(epochs), progress=progress)
    if isinstance(result, TrainingDiverged):
        raise result
    params, loss, acc = result
    model = model_at(sizes, activation, params[-1])
    logits = model.logits(grid)[:, 0]
    linear = None
    if activation == "identity":
        W, b = compose_affine(model.params)
        linear = float(np.abs(grid @ W[0] + b[0] - logits).max())
    p = 1.0 / (1.0 + np.exp(-np.clip(logits, -50, 50)))
    return {"X": X, "y": y, "p": p.reshape(N_GRID, N_GRID), "acc": float(acc[-1]),
            "loss": float(loss[-1]), "weights": [model.params[f"W{l}"].copy()
                                                 for l in range(1, layers + 2)],
            "linear": linear, "extent": extent, "data": data, "layers": layers,
            "width": width, "activation": activation}


def _describe(values: dict, data: dict) -> str:
    shape = ("a straight line (the network is one affine map)" if data["linear"] is not None
             else "curved where the data need it")
    return (f"{DATA[data['data']][0]}, {data['layers']} hidden layer(s) of {data['width']} "
            f"{data['activation']} units: training accuracy {data['acc']:.0%}; the boundary "
            f"is {shape}")


def _draw(fig):
    ax, ax_n = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1]})
    fig.subplots_adjust(left=0.08, right=0.99, bottom=0.1, top=0.85, wspace=0.08)
    image, contour = prob_image(ax, 1.0, aspect="auto"), boundary_contour(ax)
    points = class_scatter(ax, size=12)
    input_axes(ax, 1.0, ticks=[], aspect="auto")
    title = fig.suptitle("", y=0.97)
    subtitle = ax.set_title("", pad=3)

    def update(data):
        extent = data["extent"]
        set_prob_image(image, data["p"], extent)
        set_contour(contour, data["p"], extent)
        set_class_points(points, data["X"], data["y"])
        ax.set(xlim=extent[:2], ylim=extent[2:])
        subtitle.set_text(f"accuracy {data['acc']:.0%}")
        ax_n.clear()
        draw_network(ax_n, data["weights"])
        ax_n.set_aspect("auto")
        ax_n.set_title(f"{data['layers']} hidden × {data['width']}", pad=3)
        title.set_text(f"{DATA[data['data']][0]}, σ = {data['activation']}"
                       + (": one affine map" if data["linear"] is not None else ""))

    return update


def depth_identity(epochs: int = DEPTH_EPOCHS) -> TrainingFigure:
    """Hidden layers 1-4 × activation × data set → the decision boundary.

    The static page moves data, layers and activation (36 frames); the width (4, 8 or 16
    units per layer) is live only, 8 on the page.

    Examples
    --------
    >>> fig = depth_identity()
    >>> [c.name for c in fig.static_controls]
    ['data', 'layers', 'activation']
    """
    return TrainingFigure(
        [
            Dropdown("data", DATA_OPTIONS, default="circles", label="data"),
            Slider("layers", 1, 4, step=1, default=2, label="hidden layers"),
            Dropdown("activation", ACTIVATION_OPTIONS, default="identity", label="activation σ"),
            Dropdown("width", DEPTH_WIDTHS, default="8", label="units per layer"),
        ],
        functools.partial(depth_identity_data, epochs=epochs),
        _draw,
        static_controls=("data", "layers", "activation"),
        describe=_describe,
        title="Depth and the identity activation",
        name="mlp_depth_identity",
        figsize=(5.4, 3.0),
    )
