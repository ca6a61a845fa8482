"""Learning XOR: the widget :func:`xor_training`, a small MLP trained by full-batch
gradient descent, seen epoch by epoch in the input space and in its hidden space.
"""

from __future__ import annotations

import functools

import numpy as np

from nnlib.activations import sigmoid
from nnlib.mlp import MLP
from nnlib.plotting import (
    boundary_contour, class_scatter, class_style, input_axes, input_mesh, loss_panel, prob_image,
    set_class_points, set_contour, set_loss, set_prob_image,
)
from nnlib.progress import Reporter
from nnlib.widgets.controls import Slider
from nnlib.widgets.figure import InteractiveFigure
from nnlib.widgets.trainers import TrainingFigure, cached_training, model_at, snapshots
from nnlib.widgets.xor.common import PLANE, SQUARE, GATES

__all__ = ["XOR_LR", "xor_training_data", "xor_training"]


# --- widget 3: learning XOR by gradient descent -------------------------------------------

XOR_LR = 1.0  # full-batch gradient descent on the four points


@cached_training(maxsize=64)
def _train_xor(hidden: int, seed: int, activation: str, lr: float, epochs: int,
               progress: Reporter | None = None):
    """(params, loss, acc, H) per epoch; H (epochs + 1, 4, m): the hidden vectors of X."""
    X, y = GATES["xor"]
    model = MLP([2, hidden, 1], activation=activation, output="sigmoid", seed=seed)
    params, loss, acc = snapshots(model, X, y, epochs=epochs, optimizer="gd", lr=lr,
                                  progress=progress)
    H = np.stack([model_at((2, hidden, 1), activation, q).forward(X)["A1"] for q in params])
    return params, loss, acc, H


def _hidden_view(H: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, tuple[str, str]]:
    """2-D coordinates of hidden vectors H (k, m) and axis names.

    m = 1: (h₁, 0); m = 2: (h₁, h₂); m >= 3: (component along w⁽²⁾, the direction across w⁽²⁾
    in which the points spread most), so the output boundary v·h + c = 0 stays a line.
    """
    m = H.shape[1]
    if m == 1:  # spread the four inputs vertically so that they do not hide each other
        rows = np.resize([0.45, 0.15, -0.15, -0.45], len(H))
        return np.column_stack([H[:, 0], rows]), ("h₁", "")
    if m == 2:
        return H.copy(), ("h₁", "h₂")
    along = v / np.linalg.norm(v)
    rest = H - np.outer(H @ along, along)
    _, _, Vt = np.linalg.svd(rest - rest.mean(axis=0))
    across = Vt[0] - (Vt[0] @ along) * along
    if np.linalg.norm(across) < 1e-12:  # no spread across w⁽²⁾: any direction across will do
        across = np.eye(m)[np.argmin(np.abs(along))] - along * along[np.argmin(np.abs(along))]
    across /= np.linalg.norm(across)
    return np.column_stack([H @ along, H @ across]), ("along w⁽²⁾", "across w⁽²⁾")


def xor_training_data(hidden: int, seed: int, epoch: int, activation: str = "tanh",
                      lr: float = XOR_LR, epochs: int = 400,
                      progress: Reporter | None = None) -> dict:
    r"""An MLP 2-`hidden`-1 learning XOR by full-batch gradient descent, seen at `epoch`.

    Trains once per (hidden, seed, activation, lr, epochs) and keeps every epoch;
    `progress` (a reporter ``report(done, total)``) hears about the epochs of that run.

    Returns
    -------
    dict
        ``X`` (4, 2), ``y`` (4,); ``p`` (121, 121): p(y=1|x) over the input plane at
        `epoch`; ``loss`` and ``acc`` (epochs + 1,) over the whole run; ``H`` (4, m) the
        hidden vectors at `epoch`; ``view`` (epoch + 1, 4, 2): the four points in the 2-D
        hidden view at each epoch so far (see the axes ``view_axes``); ``v``, ``c``: the
        output neuron; ``view_p`` (61, 61) the output probability over that view.

    Examples
    --------
    >>> d = xor_training_data(hidden=2, seed=0, epoch=400)
    >>> round(float(d["loss"][-1]), 3), float(d["acc"][-1])
    (0.011, 1.0)
    """
    hidden, seed, epoch = int(hidden), int(seed), int(epoch)
    if not 0 <= epoch <= epochs:
        raise ValueError(f"epoch must be in [0, {epochs}], got {epoch}")
    X, y = GATES["xor"]
    params, loss, acc, H_all = _train_xor(hidden, seed, activation, float(lr), int(epochs),
                                          progress=progress)
    model = model_at((2, hidden, 1), activation, params[epoch])
    n = len(PLANE.x1)
    p = model.predict_proba(PLANE.grid).reshape(n, n)
    v, c = params[epoch]["W2"][0], float(params[epoch]["b2"][0])
    # every epoch's hidden points so far, drawn in this epoch's view (one fixed projection)
    view, axes = _hidden_view(np.concatenate(H_all[:epoch + 1]), v)
    box = _view_box(activation, hidden)
    u = input_mesh(box, 61).grid
    u1, u2 = u[:, 0].reshape(61, 61), u[:, 1].reshape(61, 61)
    if hidden == 2:
        view_z = v[0] * u1 + v[1] * u2 + c
    else:  # the view's first axis is h₁ (m = 1) or the component along w⁽²⁾ (m >= 3)
        view_z = (v[0] if hidden == 1 else np.linalg.norm(v)) * u1 + c
    return {"X": X, "y": y, "p": p, "loss": loss, "acc": acc, "epoch": epoch, "H": H_all[epoch],
            "view": view.reshape(epoch + 1, 4, 2), "view_axes": axes, "view_box": box,
            "view_p": sigmoid(view_z), "v": v, "c": c,
            "hidden": hidden, "seed": seed, "activation": activation}


def _view_box(activation: str, hidden: int) -> tuple[float, float]:
    lo, hi = (-1.0, 1.0) if activation == "tanh" else (0.0, 1.0)
    if hidden >= 3:
        lo, hi = np.sqrt(hidden) * min(lo, -hi), np.sqrt(hidden) * hi
    pad = 0.15 * (hi - lo)
    return (lo - pad, hi + pad)


def _describe_xor_training(values: dict, data: dict) -> str:
    e = data["epoch"]
    return (f"{data['hidden']} {data['activation']} hidden unit{'s' * (data['hidden'] > 1)}, seed "
            f"{data['seed']}, epoch {e}: loss {data['loss'][e]:.3f}, "
            f"{round(4 * data['acc'][e])} of 4 correct")


def _draw_xor_training(fig):
    grid = fig.add_gridspec(2, 2, left=0.12, right=0.97, bottom=0.09, top=0.86, wspace=0.45,
                            hspace=0.6, height_ratios=[1.3, 0.7])
    ax_x, ax_h, ax_l = fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[0, 1]), fig.add_subplot(grid[1, :])
    image, contour = prob_image(ax_x, SQUARE), boundary_contour(ax_x)
    points = class_scatter(ax_x, size=45)
    input_axes(ax_x, SQUARE, ticks=[0, 1])
    ax_x.set_title("input space: $p(y=1 \\mid x)$")

    h_image = prob_image(ax_h, (0, 1), aspect="auto")
    trails = [ax_h.plot([], [], color=class_style(label)["color"], lw=1, alpha=0.6)[0]
              for label in GATES["xor"][1]]
    h_points = class_scatter(ax_h, size=45)
    ax_h.grid(False)
    ax_h.set_title("hidden space, trails")

    loss = loss_panel(ax_l, log=True, ylim=(1e-3, 1.5))
    title = fig.suptitle("", y=0.995)

    def update(data):
        image.set_data(data["p"])
        set_contour(contour, data["p"], SQUARE)
        set_class_points(points, data["X"], data["y"])
        box = data["view_box"]
        set_prob_image(h_image, data["view_p"], box)
        view = data["view"]
        for i, trail in enumerate(trails):
            trail.set_data(view[:, i, 0], view[:, i, 1])
        set_class_points(h_points, view[-1], data["y"])
        ax_h.set(xlim=box, ylim=box, xlabel=data["view_axes"][0], ylabel=data["view_axes"][1])
        ax_h.set_yticks([] if data["hidden"] == 1 else [-1, 0, 1] if box[0] < -0.5 else [0, 1])
        set_loss(loss, data["loss"], data["epoch"])
        title.set_text(_describe_xor_training({}, data).replace(", epoch", "\nepoch"))

    return update


def xor_training(activation: str = "tanh", lr: float = XOR_LR, epochs: int = 400) -> InteractiveFigure:
    """A small MLP learning XOR: pick the hidden units and the seed, move through epochs.

    Examples
    --------
    >>> fig = xor_training()
    >>> fig.update(hidden=2, seed=1, epoch=400), round(4 * float(fig.data["acc"][-1]))
    (True, 2)
    """
    return TrainingFigure(
        [
            Slider("hidden", 1, 3, step=1, default=2, label="hidden units m"),
            Slider("seed", 0, 2, step=1, default=0, label="seed"),
            Slider("epoch", 0, epochs, step=10, default=epochs, static_step=epochs // 4,
                   label="epoch"),
        ],
        functools.partial(xor_training_data, activation=activation, lr=lr, epochs=epochs),
        _draw_xor_training,
        describe=_describe_xor_training,
        title=f"Learning XOR: an MLP 2-m-1 ({activation}), gradient descent, α = {lr:g}",
        name="xor_training",
        figsize=(5.4, 5.0),
        continuous_update=False,
    )
