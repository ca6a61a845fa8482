"""The k-class playground: the widget :func:`class_playground`, a softmax classifier
(linear, or with one hidden layer) trained by minibatch SGD on 2-D data with k = 3 to 5
classes, seen epoch by epoch.
"""

from __future__ import annotations

import functools

import numpy as np

from nnlib.datasets import blobs, spirals
from nnlib.mlp import MLP
from nnlib.plotting import (
    class_prob_rgb, class_scatter, input_axes, input_mesh, loss_panel, padded_extent, prob_image,
    set_class_points, set_loss, set_prob_image,
)
from nnlib.progress import Reporter
from nnlib.training import TrainingDiverged
from nnlib.widgets.controls import Dropdown, Slider
from nnlib.widgets.figure import InteractiveFigure
from nnlib.widgets.softmax.common import softmax_model_at
from nnlib.widgets.trainers import TrainingFigure, cached_training, snapshots

__all__ = ["PLAYGROUND_SETS", "PLAYGROUND_MODELS", "class_playground_data", "class_playground"]

#: name -> (label, function of k returning (X, y)); 300 points, fixed seeds.
PLAYGROUND_SETS = {
    "blobs": ("blobs", lambda k: blobs(n=300, k=k, spread=0.8, seed=0)),
    "spirals": ("spirals", lambda k: spirals(n=300, k=k, noise=0.15, turns=0.75, seed=0)),
}
#: name -> label: softmax regression f = W x + b, or one tanh hidden layer before it.
PLAYGROUND_MODELS = {"linear": "linear", "mlp": "one hidden layer"}
PLAYGROUND_LR = 0.5
PLAYGROUND_BATCH = 30  # minibatch SGD, 10 steps per epoch
RES = 71  # grid points per axis of the probability maps


@functools.lru_cache(maxsize=16)
def _playground_set(data: str, k: int):
    if data not in PLAYGROUND_SETS:
        raise ValueError(f"unknown data set {data!r}; expected one of: {', '.join(PLAYGROUND_SETS)}")
    X, y = PLAYGROUND_SETS[data][1](k)
    extent = padded_extent(X, 0.3)
    return X, y, input_mesh(extent, RES).grid, extent


def _sizes(model: str, k: int, hidden: int) -> tuple[int, ...]:
    if model not in PLAYGROUND_MODELS:
        raise ValueError(f"unknown model {model!r}; expected one of: {', '.join(PLAYGROUND_MODELS)}")
    return (2, k) if model == "linear" else (2, hidden, k)


@cached_training(maxsize=128)
def _train(data: str, k: int, sizes: tuple, epochs: int, progress: Reporter | None = None):
    X, y, _, _ = _playground_set(data, k)
    model = MLP(list(sizes), activation="tanh", output="softmax", seed=0)
    try:
        return snapshots(model, X, y, epochs=epochs, optimizer="sgd", lr=PLAYGROUND_LR,
                         batch_size=PLAYGROUND_BATCH, seed=0, diverge_factor=10.0,
                         progress=progress)
    except TrainingDiverged as error:  # remembered too
        return error


def class_playground_data(data: str, k: str, model: str, hidden: str, epoch: int,
                          epochs: int = 200, progress: Reporter | None = None) -> dict:
    r"""A softmax classifier on k classes of 2-D data, trained by minibatch SGD, at `epoch`.

    Parameters
    ----------
    data : {"blobs", "spirals"}
    k : str or int in 3..5
        Number of classes (outputs of the network).
    model : {"linear", "mlp"}
        ``f = W x + b`` (softmax regression), or ``f = W2 tanh(W1 x + b1) + b2``.
    hidden : str or int
        Hidden units m of the "mlp" model (ignored by "linear").
    epoch : int in [0, epochs]
    epochs : int
        Length of the run (trained once per configuration, every epoch kept).
    progress : reporter ``report(done, total)``, optional

    Returns
    -------
    dict
        ``X`` (n, 2), ``y`` (n,); ``P`` (71, 71, k) the class probabilities over ``extent``
        at `epoch`; ``loss``, ``acc`` (epochs + 1,) over the run; the settings.

    Examples
    --------
    >>> d = class_playground_data("blobs", "3", "linear", "16", epoch=200)
    >>> d["P"].shape, float(d["acc"][-1]) > 0.95
    ((71, 71, 3), True)
    """
    k, hidden, epoch = int(k), int(hidden), int(epoch)
    if not 3 <= k <= 5:
        raise ValueError(f"k must be 3, 4 or 5 classes, got {k}")
    if not 0 <= epoch <= epochs:
        raise ValueError(f"epoch must be in [0, {epochs}], got {epoch}")
    sizes = _sizes(model, k, hidden)
    X, y, grid, extent = _playground_set(data, k)
    result = _train(data, k, sizes, int(epochs), progress=progress)
    if isinstance(result, TrainingDiverged):
        raise result
    params, loss, acc = result
    P = softmax_model_at(sizes, "tanh", params[epoch]).predict_proba(grid).reshape(RES, RES, k)
    return {"X": X, "y": y, "P": P, "extent": extent, "loss": loss, "acc": acc, "epoch": epoch,
            "data": data, "k": k, "model": model, "hidden": hidden, "sizes": sizes}


def _model_text(data: dict) -> str:
    # a linear model has no hidden layer: say so, so that moving "hidden units" visibly changes
    # the picture's text (the reader learns why nothing else moved)
    if data["model"] == "linear":
        return f"linear (no hidden layer: {data['hidden']} hidden units unused)"
    return f"{data['hidden']} hidden units"


def _describe(values: dict, data: dict) -> str:
    e = data["epoch"]
    return (f"{data['data']}, k = {data['k']} classes, {_model_text(data)}, epoch {e}: "
            f"loss {data['loss'][e]:.3f}, accuracy {data['acc'][e]:.0%}")


def _draw(fig):
    top = fig.add_gridspec(1, 2, left=0.06, right=0.97, bottom=0.37, top=0.8, wspace=0.3,
                           width_ratios=[1.45, 1.0])
    bottom = fig.add_gridspec(1, 5, left=0.06, right=0.97, bottom=0.02, top=0.2, wspace=0.15)
    ax_x, ax_l = fig.add_subplot(top[0, 0]), fig.add_subplot(top[0, 1])
    image = prob_image(ax_x, 1.0, k=3, aspect="auto")
    input_axes(ax_x, 1.0, ticks=[], aspect="auto")
    points = {k: class_scatter(ax_x, k, size=12) for k in (3, 4, 5)}  # made once, shown by k
    panels = []
    for j in range(5):
        ax = fig.add_subplot(bottom[0, j])
        ax.set(xticks=[], yticks=[])
        ax.grid(False)
        for side in ("top", "right"):
            ax.spines[side].set_visible(True)
        panels.append((ax, prob_image(ax, 1.0, k=3, aspect="auto"), ax.set_title(f"$p_{j + 1}$")))
    loss_panel_ = loss_panel(ax_l, accuracy=True, ylabel=None)
    ax_l.set_title("loss, accuracy (- -)")
    title = fig.suptitle("", y=0.995)

    def update(data):
        k, extent = data["k"], data["extent"]
        set_prob_image(image, data["P"], extent)
        for n, scatters in points.items():
            set_class_points(scatters, data["X"] if n == k else np.empty((0, 2)),
                             data["y"] if n == k else np.empty(0))
        ax_x.set(xlim=extent[:2], ylim=extent[2:])
        for j, (ax, panel, _) in enumerate(panels):
            ax.set_visible(j < k)
            if j < k:  # p_j in ten flat bands, white to class j's colour
                panel.set_data(class_prob_rgb(data["P"][..., j], j=j))
                panel.set_extent(extent)
        loss, acc, e = data["loss"], data["acc"], data["epoch"]
        set_loss(loss_panel_, loss, e, acc)
        title.set_text(f"{data['data']}, k = {k}, {_model_text(data)}, epoch {e}\n"
                       f"loss {loss[e]:.2f}, accuracy {acc[e]:.0%}")

    return update


def class_playground(epochs: int = 200) -> InteractiveFigure:
    """The k-class playground: data set, k, model, hidden units, epoch.

    The static page holds every combination of the two data sets, k = 3, 4, 5, both models
    (16 hidden units) and five epochs; in a kernel the hidden units move too.

    Examples
    --------
    >>> fig = class_playground()
    >>> fig.update(k="5"), fig.data["P"].shape
    (True, (71, 71, 5))
    """
    return TrainingFigure(
        [Dropdown("data", [(label, name) for name, (label, _) in PLAYGROUND_SETS.items()],
                  default="blobs", label="data"),
         Dropdown("k", ("3", "4", "5"), default="3", label="classes k"),
         Dropdown("model", [(label, name) for name, label in PLAYGROUND_MODELS.items()],
                  default="mlp", label="model"),
         Dropdown("hidden", ("4", "16", "32"), default="16", label="hidden units"),
         Slider("epoch", 0, epochs, step=10, default=epochs, static_step=epochs // 4,
                label="epoch")],
        functools.partial(class_playground_data, epochs=epochs),
        _draw, describe=_describe,
        title="k-class playground",
        name="class_playground", figsize=(5.4, 3.9),
        static_controls=("data", "k", "model", "epoch"),
        continuous_update=False)
