"""The playground: the widget :func:`playground`, a one-hidden-layer MLP trained by
minibatch SGD on XOR, circles, moons or spirals.
"""

from __future__ import annotations

import functools

import numpy as np

from nnlib.datasets import circles, moons, noisy_xor, spirals
from nnlib.mlp import MLP
from nnlib.plotting import (
    boundary_contour, class_scatter, input_axes, input_mesh, loss_panel, padded_extent,
    prob_image, set_class_points, set_contour, set_loss, set_prob_image,
)
from nnlib.progress import Reporter
from nnlib.training import TrainingDiverged
from nnlib.widgets.controls import Dropdown, Slider
from nnlib.widgets.figure import InteractiveFigure
from nnlib.widgets.trainers import TrainingFigure, cached_training, model_at, snapshots

__all__ = ["PLAYGROUND_DATA", "playground_data", "playground"]


# --- widget 4: the playground -------------------------------------------------------------

#: The playground's data sets: name -> (label, function returning (X, y)); 200 points each.
PLAYGROUND_DATA = {
    "xor": ("XOR", lambda: noisy_xor(n=200, noise=0.2, seed=0)),
    "circles": ("circles", lambda: circles(n=200, noise=0.08, factor=0.5, seed=0)),
    "moons": ("moons", lambda: moons(n=200, noise=0.15, seed=0)),
    "spirals": ("spirals", lambda: spirals(n=200, noise=0.1, turns=1.0, seed=0)),
}
PLAYGROUND_ACTIVATIONS = (("tanh", "tanh"), ("ReLU", "relu"))
PLAYGROUND_HIDDEN = ("2", "8")
PLAYGROUND_BATCH = 20  # minibatch SGD, 10 steps per epoch
DIVERGE_FACTOR = 10.0  # the loss rising above 10x its start counts as divergence


@functools.lru_cache(maxsize=8)
def _playground_set(name: str):
    if name not in PLAYGROUND_DATA:
        raise ValueError(f"unknown data set {name!r}; expected one of: {', '.join(PLAYGROUND_DATA)}")
    X, y = PLAYGROUND_DATA[name][1]()
    extent = padded_extent(X, 0.25)
    return X, y, input_mesh(extent, 71).grid, extent


@cached_training(maxsize=256)
def _train_playground(data: str, hidden: int, activation: str, lr: float, epochs: int,
                      progress: Reporter | None = None):
    X, y, _, _ = _playground_set(data)
    model = MLP([2, hidden, 1], activation=activation, output="sigmoid", seed=0)
    try:
        return snapshots(model, X, y, epochs=epochs, optimizer="sgd", lr=lr,
                         batch_size=PLAYGROUND_BATCH, seed=0, diverge_factor=DIVERGE_FACTOR,
                         progress=progress)
    except TrainingDiverged as error:  # remembered too: the slider may come back here
        return error


def playground_data(data: str, hidden: str, activation: str, log_lr: float, epoch: int,
                    epochs: int = 240, progress: Reporter | None = None) -> dict:
    r"""A one-hidden-layer MLP on a 2-D data set, trained by minibatch SGD, seen at `epoch`.

    Parameters
    ----------
    data : {"xor", "circles", "moons", "spirals"}
    hidden : str or int
        Hidden units m.
    activation : {"tanh", "relu", "sigmoid"}
    log_lr : float
        :math:`\log_{10}` of the learning rate α.
    epoch : int in [0, epochs]
    epochs : int
        Length of the run (trained once per configuration, every epoch kept).
    progress : reporter ``report(done, total)``, optional
        Hears about the epochs of a configuration that has not been trained yet.

    Returns
    -------
    dict
        ``X`` (n, 2), ``y`` (n,); ``p`` (71, 71) p(y=1|x) over ``extent`` at `epoch`;
        ``loss``, ``acc`` (epochs + 1,) over the run; ``lr``, ``epoch`` and the settings.

    Raises
    ------
    TrainingDiverged
        When the learning rate is too large: the loss became non-finite or rose above
        ``DIVERGE_FACTOR`` times its starting value.

    Examples
    --------
    >>> d = playground_data("moons", "8", "relu", log_lr=0.0, epoch=240)
    >>> d["p"].shape, float(d["acc"][-1]) > 0.95
    ((71, 71), True)
    """
    hidden, epoch, lr = int(hidden), int(epoch), float(round(10.0 ** log_lr, 6))
    if not 0 <= epoch <= epochs:
        raise ValueError(f"epoch must be in [0, {epochs}], got {epoch}")
    X, y, grid, extent = _playground_set(data)
    result = _train_playground(data, hidden, activation, lr, int(epochs), progress=progress)
    if isinstance(result, TrainingDiverged):
        raise result
    params, loss, acc = result
    model = model_at((2, hidden, 1), activation, params[epoch])
    p = model.predict_proba(grid).reshape(71, 71)
    return {"X": X, "y": y, "p": p, "extent": extent, "loss": loss, "acc": acc, "epoch": epoch,
            "lr": lr, "data": data, "hidden": hidden, "activation": activation}


def _describe_playground(values: dict, data: dict) -> str:
    e = data["epoch"]
    return (f"{PLAYGROUND_DATA[data['data']][0]}, {data['hidden']} {data['activation']} units, "
            f"α = {data['lr']:.2g}, epoch {e}: loss {data['loss'][e]:.3f}, "
            f"accuracy {data['acc'][e]:.0%}")


def _draw_playground(fig):
    ax_x, ax_l = fig.subplots(1, 2)
    fig.subplots_adjust(left=0.1, right=0.97, bottom=0.17, top=0.74, wspace=0.42)
    image, contour = prob_image(ax_x, 1.0, aspect="auto"), boundary_contour(ax_x)
    points = class_scatter(ax_x, size=16)
    input_axes(ax_x, 1.0, ticks=None, aspect="auto")  # ticks: the data sets' own
    loss = loss_panel(ax_l, accuracy=True, ylabel=None)
    ax_l.set_title("loss, accuracy (- -)")
    title = fig.suptitle("", y=0.995)

    def update(data):
        extent = data["extent"]
        set_prob_image(image, data["p"], extent)
        set_contour(contour, data["p"], extent)
        set_class_points(points, data["X"], data["y"])
        ax_x.set(xlim=extent[:2], ylim=extent[2:])
        set_loss(loss, data["loss"], data["epoch"], data["acc"])
        title.set_text(_describe_playground({}, data).replace(" units, ", " units\n", 1))

    return update


def playground(epochs: int = 240) -> InteractiveFigure:
    """A playground: data set, hidden units, activation, learning rate, epochs.

    The static page holds every combination of 4 data sets, 2 hidden sizes, 2 learning
    rates (α = 0.03 and 1) and 4 epochs, with tanh units; in a kernel the activation, the
    learning rate and the epochs move freely (a learning rate that is too large shows a
    message).

    Examples
    --------
    >>> fig = playground()
    >>> fig.update(log_lr=1.4), fig.message.startswith("training diverged")
    (False, True)
    """
    return TrainingFigure(
        [
            Dropdown("data", [(label, name) for name, (label, _) in PLAYGROUND_DATA.items()],
                     default="xor", label="data"),
            Dropdown("hidden", PLAYGROUND_HIDDEN, default="8", label="hidden units"),
            Dropdown("activation", PLAYGROUND_ACTIVATIONS, default="tanh", label="activation"),
            Slider("log_lr", -1.5, 1.4, step=0.1, default=0, static_step=1.5,
                   label="log₁₀ α"),
            Slider("epoch", 0, epochs, step=10, default=epochs, static_step=epochs // 3,
                   label="epoch"),
        ],
        functools.partial(playground_data, epochs=epochs),
        _draw_playground,
        describe=_describe_playground,
        title="Playground: one hidden layer, minibatch SGD",
        name="playground",
        figsize=(5.4, 3.2),
        # the activation is live only: 64 frames instead of 128 keep the chapter in budget
        static_controls=("data", "hidden", "log_lr", "epoch"),
        continuous_update=False,
    )
