"""Per-neuron maps: the widget :func:`neuron_maps`, a trained 2-m-1 network with every hidden
unit's activation drawn over the input plane, beside the output's probability map and the
network diagram.
"""

from __future__ import annotations

import functools

import numpy as np

from nnlib.diagrams import draw_network
from nnlib.mlp import MLP
from nnlib.plotting import (
    SIGNED_CMAP, boundary_contour, boundary_line, boundary_segment, class_scatter, input_axes,
    prob_image, set_boundary, set_class_points, set_contour, set_prob_image,
)
from nnlib.progress import Reporter
from nnlib.training import TrainingDiverged
from nnlib.widgets.controls import Dropdown, Slider
from nnlib.widgets.mlp.common import (
    ACTIVATION_OPTIONS, DATA, DATA_OPTIONS, N_GRID, plane,
)
from nnlib.widgets.trainers import TrainingFigure, cached_training, model_at, snapshots

__all__ = ["MAPS_HIDDEN", "neuron_maps_data", "neuron_maps"]

MAPS_HIDDEN = ("2", "4", "6")
MAPS_EPOCHS = 150
MAPS_LR, MAPS_BATCH = 0.3, 20  # minibatch SGD, 10 steps per epoch
MAX_UNITS = 6


@cached_training(maxsize=64)
def _train_maps(data: str, hidden: int, activation: str, epochs: int,
                progress: Reporter | None = None):
    X, y, _, _ = plane(data)
    model = MLP([2, hidden, 1], activation=activation, output="sigmoid", seed=0)
    try:
        return snapshots(model, X, y, epochs=epochs, optimizer="sgd", lr=MAPS_LR,
                         batch_size=MAPS_BATCH, seed=0, diverge_factor=10.0, progress=progress)
    except TrainingDiverged as error:
        return error


def neuron_maps_data(data: str, hidden: str, activation: str, epoch: int,
                     epochs: int = MAPS_EPOCHS, progress: Reporter | None = None) -> dict:
    r"""A 2-m-1 network trained on a 2-D data set, seen unit by unit at `epoch`.

    Hidden unit j computes :math:`h_j = \sigma(\mathbf{w}_j^T\mathbf{x} + b_j)`, row j of
    :math:`\mathbf{h} = \sigma(\mathbf{W}^{(1)}\mathbf{x} + \mathbf{b}^{(1)})`; the output is
    :math:`p(y = 1 \mid \mathbf{x}) = \operatorname{sigmoid}(\mathbf{w}^{(2)T}\mathbf{h} + b^{(2)})`.
    Trained once per (data, m, activation) by minibatch SGD (α = 0.3, batches of 20, seed 0).

    Parameters
    ----------
    data : {"xor", "circles", "moons"}
    hidden : str or int
        Hidden units m, 1 to 6.
    activation : {"identity", "tanh", "relu", "sigmoid"}
    epoch : int in [0, epochs]

    Returns
    -------
    dict
        ``X`` (n, 2), ``y`` (n,); ``H`` (m, N, N) each hidden unit over the plane;
        ``lines`` (m,) each unit's line :math:`\mathbf{w}_j^T\mathbf{x} + b_j = 0` as
        (x1, x2) end points or None; ``p`` (N, N) the output probability; ``W1`` (m, 2),
        ``W2`` (1, m); ``acc``, ``loss`` at `epoch`; ``extent`` and the settings.

    Examples
    --------
    >>> d = neuron_maps_data("circles", "4", "tanh", epoch=150)
    >>> d["H"].shape, d["p"].shape, float(d["acc"]) > 0.9
    ((4, 61, 61), (61, 61), True)
    """
    hidden, epoch = int(hidden), int(epoch)
    if not 1 <= hidden <= MAX_UNITS:
        raise ValueError(f"hidden must be 1 to {MAX_UNITS} units, got {hidden}")
    if not 0 <= epoch <= epochs:
        raise ValueError(f"epoch must be in [0, {epochs}], got {epoch}")
    X, y, grid, extent = plane(data)
    result = _train_maps(data, hidden, activation, int(epochs), progress=progress)
    if isinstance(result, TrainingDiverged):
        raise result
    params, loss, acc = result
    model = model_at((2, hidden, 1), activation, params[epoch])
    cache = model.forward(grid)
    H = cache["A1"].T.reshape(hidden, N_GRID, N_GRID)
    W1, b1 = model.params["W1"], model.params["b1"]
    lines = [boundary_segment(w[0], w[1], b, box=extent) for w, b in zip(W1, b1)]
    return {"X": X, "y": y, "H": H, "lines": lines, "p": cache["P"].reshape(N_GRID, N_GRID),
            "W1": W1.copy(), "W2": model.params["W2"].copy(), "acc": float(acc[epoch]),
            "loss": float(loss[epoch]), "extent": extent, "data": data, "hidden": hidden,
            "activation": activation, "epoch": epoch}


def _describe(values: dict, data: dict) -> str:
    return (f"{DATA[data['data']][0]}, {data['hidden']} {data['activation']} hidden units, "
            f"epoch {data['epoch']}: one map per hidden unit (each unit's line "
            f"w·x + b = 0 drawn), output probability map with training accuracy "
            f"{data['acc']:.0%}, and the network diagram")


def _draw(fig):
    gs = fig.add_gridspec(3, 4, left=0.04, right=0.98, bottom=0.04, top=0.86, wspace=0.15,
                          hspace=0.35, width_ratios=[1, 1, 1.3, 1.3])
    unit_axes = [fig.add_subplot(gs[r, c]) for r in range(3) for c in range(2)]
    ax_p = fig.add_subplot(gs[0:2, 2:4])
    ax_n = fig.add_subplot(gs[2, 2:4])
    images, lines = [], []
    for j, ax in enumerate(unit_axes):
        images.append(ax.imshow(np.zeros((2, 2)), origin="lower", cmap=SIGNED_CMAP, vmin=-1,
                                vmax=1, aspect="auto", interpolation="bilinear"))
        lines.append(boundary_line(ax, lw=1))
        ax.set_xticks([]), ax.set_yticks([])
        ax.grid(False)
        ax.set_title(f"h{'₁₂₃₄₅₆'[j]}", pad=2)
    image_p, contour = prob_image(ax_p, 1.0, aspect="auto"), boundary_contour(ax_p)
    points = class_scatter(ax_p, size=12)
    input_axes(ax_p, 1.0, ticks=[], aspect="auto")
    title_p = ax_p.set_title("", pad=3)
    title = fig.suptitle("", x=0.5, y=0.985)

    def update(data):
        extent, m = data["extent"], data["hidden"]
        for j, ax in enumerate(unit_axes):
            ax.set_visible(j < m)
            if j >= m:
                continue
            h = data["H"][j]
            scale = float(np.abs(h).max()) or 1.0
            images[j].set_data(h / scale)  # each unit on its own scale, 0 in the middle
            images[j].set_extent(extent)
            set_boundary(lines[j], data["lines"][j])
            ax.set(xlim=extent[:2], ylim=extent[2:])
        set_prob_image(image_p, data["p"], extent)
        set_contour(contour, data["p"], extent)
        set_class_points(points, data["X"], data["y"])
        ax_p.set(xlim=extent[:2], ylim=extent[2:])
        title_p.set_text(f"output p(y=1|x): {data['acc']:.0%}")
        ax_n.clear()
        draw_network(ax_n, [data["W1"], data["W2"]])
        ax_n.set_aspect("auto")
        title.set_text(f"{DATA[data['data']][0]}, {m} {data['activation']} units, "
                       f"epoch {data['epoch']}")

    return update


def neuron_maps(epochs: int = MAPS_EPOCHS) -> TrainingFigure:
    """Every hidden unit of a trained 2-m-1 network as a map over the input plane.

    The static page holds 3 data sets × m ∈ {2, 4, 6} × 3 activations × epochs 0, 75, 150;
    in a kernel the epoch moves in steps of 5.

    Examples
    --------
    >>> fig = neuron_maps()
    >>> [len(c.grid()) for c in fig.controls]
    [3, 3, 3, 3]
    """
    return TrainingFigure(
        [
            Dropdown("data", DATA_OPTIONS, default="circles", label="data"),
            Dropdown("hidden", MAPS_HIDDEN, default="4", label="hidden units m"),
            Dropdown("activation", ACTIVATION_OPTIONS, default="tanh", label="activation σ"),
            Slider("epoch", 0, epochs, step=5, default=epochs, static_step=epochs // 2,
                   label="epoch"),
        ],
        functools.partial(neuron_maps_data, epochs=epochs),
        _draw,
        describe=_describe,
        title="Per-neuron maps: h = σ(W⁽¹⁾x + b⁽¹⁾), then the output",
        name="mlp_neuron_maps",
        figsize=(5.4, 4.2),
    )
