"""Widgets for the chapter *XOR: the limits of one neuron*.

Four widgets, each a pure ``*_data`` function (tested on its own) plus a drawing function:

* :func:`single_neuron` -- one step neuron on a truth table: at most 3 of XOR's 4 points;
* :func:`xor_network` -- the hand-built 2-2-1 step network and its hidden space (h₁, h₂);
* :func:`xor_training` -- a small tanh MLP learning XOR by gradient descent, over epochs;
* :func:`playground` -- XOR, circles, moons or spirals with a one-hidden-layer MLP.

and :func:`perceptron_run`, the perceptron learning rule (a teaching algorithm, kept here
so that it is tested). The two training widgets train each configuration once, keep the
parameters of every epoch (``functools.lru_cache``) and draw the epoch the slider asks for.
"""

from __future__ import annotations

import contextlib
import functools

import numpy as np

from nnlib.activations import sigmoid, step
from nnlib.datasets import and_gate, circles, moons, noisy_xor, or_gate, spirals, xor_gate
from nnlib.mlp import MLP
from nnlib.plotting import COLORS, PROB_CMAP
from nnlib.training import History, TrainingDiverged, iterate_training
from nnlib.widgets.controls import Dropdown, Slider
from nnlib.widgets.figure import InteractiveFigure

__all__ = ["GATES", "perceptron_run", "single_neuron_data", "single_neuron", "xor_network_data",
           "xor_network", "xor_training_data", "xor_training", "PLAYGROUND_DATA",
           "playground_data", "playground"]

#: The truth tables of the chapter: name -> (X (4, 2) in counting order 00, 01, 10, 11, y (4,)).
GATES = {"xor": xor_gate(), "and": and_gate(), "or": or_gate()}
_GATE_OPTIONS = [("XOR", "xor"), ("AND", "and"), ("OR", "or")]
_CLASS_STYLE = {0: dict(marker="o", color="#2166ac"), 1: dict(marker="^", color="#b2182b")}
_SQUARE = (-0.5, 1.5)  # the plotted part of the input plane around the unit square
_PLANE = np.linspace(*_SQUARE, 121)


# --- the perceptron learning rule ----------------------------------------------------------

def perceptron_run(X: np.ndarray, y: np.ndarray, epochs: int = 10, lr: float = 1.0) -> dict:
    r"""Run the perceptron learning rule: visit the examples in order, correct each mistake.

    For each example, in the order given, the step neuron predicts
    :math:`\hat y = \text{step}(\mathbf{w}^T\mathbf{x} + b)` and the rule updates

    .. math:: \mathbf{w} \leftarrow \mathbf{w} + \eta\,(y - \hat y)\,\mathbf{x}, \qquad
              b \leftarrow b + \eta\,(y - \hat y),

    which changes nothing when :math:`\hat y = y`. It starts from w = 0, b = 0.

    Parameters
    ----------
    X : array_like, shape (n, d)
    y : array_like of 0/1, shape (n,)
    epochs : int >= 1
        Passes over the n examples.
    lr : float > 0
        The learning rate η.

    Returns
    -------
    dict
        ``w`` (epochs * n + 1, d) and ``b`` (epochs * n + 1,): the weights before the
        first example and after each one; ``mistakes`` (epochs,): wrong predictions in
        each epoch (0 means the rule has converged: nothing will change again).

    Notes
    -----
    Introduced in the chapter *XOR: the limits of one neuron*.

    Examples
    --------
    >>> run = perceptron_run(*GATES["and"], epochs=6)
    >>> run["mistakes"].tolist(), run["w"][-1].tolist(), float(run["b"][-1])
    ([1, 3, 3, 2, 1, 0], [2.0, 1.0], -2.0)
    """
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if X.ndim != 2 or y.shape != (len(X),):
        raise ValueError(f"X must be (n, d) and y (n,), got shapes {X.shape} and {y.shape}")
    if not np.isin(y, (0, 1)).all():
        raise ValueError("y must hold labels 0 or 1")
    if isinstance(epochs, bool) or not isinstance(epochs, int) or epochs < 1:
        raise ValueError(f"epochs must be an int >= 1, got {epochs!r}")
    if not lr > 0:
        raise ValueError(f"lr must be > 0, got {lr!r}")
    n, d = X.shape
    w, b = np.zeros((epochs * n + 1, d)), np.zeros(epochs * n + 1)
    mistakes = np.zeros(epochs, dtype=int)
    t = 0
    for epoch in range(epochs):
        for x_i, y_i in zip(X, y):
            error = y_i - float(step(w[t] @ x_i + b[t]))  # y - y_hat: 0, +1 or -1
            w[t + 1], b[t + 1] = w[t] + lr * error * x_i, b[t] + lr * error
            mistakes[epoch] += error != 0
            t += 1
    return {"w": w, "b": b, "mistakes": mistakes}


# --- shared drawing helpers ---------------------------------------------------------------

def _line(w1: float, w2: float, b: float, lim=_SQUARE):
    """Two points of the line w₁x₁ + w₂x₂ + b = 0 spanning the box `lim`² (None if w = 0)."""
    if w1 == 0 and w2 == 0:
        return None
    ends = np.array(lim, dtype=float)
    if abs(w2) >= abs(w1):
        return ends, -(w1 * ends + b) / w2
    return -(w2 * ends + b) / w1, ends


def _set_line(artist, segment) -> None:
    artist.set_data(*(segment if segment is not None else ([], [])))


def _scatter_classes(ax, size=70, **kwargs) -> dict:
    """One empty scatter per class (marker and colour differ), to be filled by offsets."""
    return {label: ax.scatter([], [], s=size, edgecolors="black", linewidths=0.8, zorder=3,
                              marker=style["marker"], color=style["color"],
                              label=f"y = {label}", **kwargs)
            for label, style in _CLASS_STYLE.items()}


def _set_points(scatters: dict, X: np.ndarray, y: np.ndarray) -> None:
    for label, artist in scatters.items():
        artist.set_offsets(X[y == label] if np.any(y == label) else np.empty((0, 2)))


def _region(ax, lim=_SQUARE):
    """An image of a 0/1 output over the box, in light class colours (set_data to fill)."""
    return ax.imshow(np.zeros((2, 2)), origin="lower", extent=(*lim, *lim), cmap=PROB_CMAP,
                     vmin=-2.2, vmax=3.2, interpolation="nearest", aspect="equal")


def _rings(ax):
    """Rings drawn around misclassified points."""
    return ax.plot([], [], "o", mfc="none", mec="black", ms=17, mew=2.2, zorder=4,
                   label="wrong")


def _legend(ax, region=None, extra=()) -> None:
    """Legend right of the axes: the classes, rings, the two region colours, `extra`."""
    from matplotlib.patches import Patch

    handles = ax.get_legend_handles_labels()[0] + list(extra)
    if region is not None:
        handles += [Patch(color=region.cmap(region.norm(v)), label=f"ŷ = {v}") for v in (0, 1)]
    ax.legend(handles=handles, loc="center left", bbox_to_anchor=(1.02, 0.5), fontsize=8,
              handletextpad=0.3, borderaxespad=0, markerscale=0.7)


def _bands(p: np.ndarray, levels: int = 10) -> np.ndarray:
    """Probabilities rounded to `levels` bands: flat colours read (and compress) better."""
    return np.round(np.asarray(p) * levels) / levels


def _bits(values) -> str:
    return " ".join(str(int(v)) for v in values)


# --- widget 1: one step neuron on a truth table -------------------------------------------

def single_neuron_data(gate: str, w1: float, w2: float, b: float) -> dict:
    r"""A step neuron :math:`\hat y = \text{step}(w_1x_1 + w_2x_2 + b)` on a truth table.

    Parameters
    ----------
    gate : {"xor", "and", "or"}
    w1, w2, b : float

    Returns
    -------
    dict
        ``X`` (4, 2) and ``y`` (4,): the table; ``y_hat`` (4,) the neuron's outputs,
        ``correct`` (4,) bool and ``n_correct``; ``region`` (121, 121) the output over
        [-0.5, 1.5]² (rows along x₂); ``line`` the boundary's end points (None if w = 0).

    Examples
    --------
    >>> d = single_neuron_data("xor", 1.0, 1.0, -0.5)   # the OR line
    >>> d["y_hat"].tolist(), d["n_correct"]
    ([0.0, 1.0, 1.0, 1.0], 3)
    """
    if gate not in GATES:
        raise ValueError(f"unknown gate {gate!r}; expected one of: {', '.join(GATES)}")
    X, y = GATES[gate]
    y_hat = step(X @ np.array([w1, w2]) + b)
    x1, x2 = np.meshgrid(_PLANE, _PLANE)
    correct = y_hat == y
    return {"gate": gate, "X": X, "y": y, "y_hat": y_hat, "correct": correct,
            "n_correct": int(correct.sum()), "region": step(w1 * x1 + w2 * x2 + b),
            "line": _line(w1, w2, b)}


def _describe_single(values: dict, data: dict) -> str:
    wrong = [f"({x1:.0f}, {x2:.0f})" for (x1, x2), ok in zip(data["X"], data["correct"]) if not ok]
    return (f"{values['gate'].upper()} with w = ({values['w1']:.2f}, {values['w2']:.2f}), "
            f"b = {values['b']:.2f}: outputs {_bits(data['y_hat'])} for inputs 00 01 10 11, "
            f"{data['n_correct']} of 4 correct" + (f"; wrong at {', '.join(wrong)}" if wrong else ""))


def _draw_single(fig):
    ax = fig.add_subplot()
    fig.subplots_adjust(left=0.13, right=0.7, bottom=0.14, top=0.9)
    region = _region(ax)
    (boundary,) = ax.plot([], [], color="black", lw=2)
    points = _scatter_classes(ax)
    (wrong,) = _rings(ax)
    for x1, x2 in GATES["xor"][0]:
        ax.annotate(f"{x1:.0f}{x2:.0f}", (x1, x2), xytext=(8, 8), textcoords="offset points",
                    fontsize=9, color="#333333")
    ax.set(xlim=_SQUARE, ylim=_SQUARE, xlabel="x₁", ylabel="x₂", xticks=[0, 1], yticks=[0, 1])
    ax.grid(False)
    _legend(ax, region)
    title = ax.set_title("", fontsize=10)

    def update(data):
        region.set_data(data["region"])
        _set_line(boundary, data["line"])
        _set_points(points, data["X"], data["y"])
        bad = data["X"][~data["correct"]]
        wrong.set_data(bad[:, 0], bad[:, 1])
        title.set_text(f"{data['gate'].upper()}: {data['n_correct']} of 4 correct")

    return update


def single_neuron() -> InteractiveFigure:
    """One step neuron against XOR (or AND, OR): move w₁, w₂, b; count the correct points.

    Examples
    --------
    >>> fig = single_neuron()
    >>> fig.update(gate="and", w1=1.0, w2=1.0, b=-1.5), fig.data["n_correct"]
    (True, 4)
    """
    return InteractiveFigure(
        [
            Dropdown("gate", _GATE_OPTIONS, default="xor", label="truth table"),
            Slider("w1", -1, 1, step=0.05, default=1, static_step=1, label="w₁"),
            Slider("w2", -1, 1, step=0.05, default=1, static_step=1, label="w₂"),
            Slider("b", -1.5, 1.5, step=0.05, default=-0.5, static_step=1, label="b"),
        ],
        single_neuron_data,
        _draw_single,
        describe=_describe_single,
        title="One step neuron: ŷ = step(w₁x₁ + w₂x₂ + b)",
        figsize=(4.6, 3.4),
    )


# --- widget 2: XOR by hand, a 2-2-1 network of step neurons -------------------------------

#: The hand-built network: h₁ = x₁ ∧ ¬x₂, h₂ = ¬x₁ ∧ x₂, ŷ = h₁ ∨ h₂.
XOR_BY_HAND = {"w11": 1.0, "w12": -1.0, "b1": -0.5, "w21": -1.0, "w22": 1.0, "b2": -0.5,
               "v1": 1.0, "v2": 1.0, "c": -0.5}
_HIDDEN_BOX = (-0.3, 1.3)
_H_PLANE = np.linspace(*_HIDDEN_BOX, 97)


def _step_network(w11, w12, b1, w21, w22, b2, v1, v2, c) -> MLP:
    """nnlib's MLP 2-2-1 with step hidden units; predict() is step(f) since it tests f > 0."""
    model = MLP([2, 2, 1], activation="step", output="sigmoid")
    model.set_params({"W1": [[w11, w12], [w21, w22]], "b1": [b1, b2], "W2": [[v1, v2]], "b2": [c]})
    return model


def _separable(H: np.ndarray, y: np.ndarray) -> bool:
    """Whether one line separates the points H (n, 2) by label: the perceptron converges."""
    points, index = np.unique(H, axis=0, return_inverse=True)
    labels = np.full(len(points), -1)
    for i, label in zip(index.ravel(), y):
        if labels[i] not in (-1, label):
            return False  # two inputs with different labels land on the same point
        labels[i] = label
    if len(np.unique(labels)) == 1:
        return True
    return bool(perceptron_run(points, labels, epochs=100)["mistakes"][-1] == 0)


def xor_network_data(w11: float, w12: float, b1: float, w21: float, w22: float, b2: float,
                     v1: float, v2: float, c: float) -> dict:
    r"""A 2-2-1 network of step neurons on the XOR table, and its hidden representation.

    .. math:: \mathbf{h} = \text{step}(\mathbf{W}\mathbf{x} + \mathbf{b}), \quad
              \hat y = \text{step}(\mathbf{v}^T\mathbf{h} + c), \quad
              \mathbf{W} = \begin{pmatrix} w_{11} & w_{12} \\ w_{21} & w_{22} \end{pmatrix}

    Returns
    -------
    dict
        ``X`` (4, 2), ``y`` (4,); ``H`` (4, 2) the hidden outputs (h₁, h₂) of each input;
        ``y_hat`` (4,), ``correct`` (4,), ``n_correct``; ``separable``: whether one line
        separates the hidden points by label; ``region`` (121, 121) the output over the
        input plane; ``h_region`` (97, 97) the output neuron over the hidden plane;
        ``hidden_lines`` (two lines in the input plane) and ``output_line`` (in the
        hidden plane), each None when its weights are 0.

    Examples
    --------
    >>> d = xor_network_data(**XOR_BY_HAND)
    >>> d["H"].tolist(), d["y_hat"].tolist(), d["separable"]
    ([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [0.0, 0.0]], [0, 1, 1, 0], True)
    """
    X, y = GATES["xor"]
    model = _step_network(w11, w12, b1, w21, w22, b2, v1, v2, c)
    H = model.forward(X)["A1"]
    y_hat = model.predict(X)
    x1, x2 = np.meshgrid(_PLANE, _PLANE)
    h1, h2 = np.meshgrid(_H_PLANE, _H_PLANE)
    region = model.predict(np.column_stack([x1.ravel(), x2.ravel()])).reshape(x1.shape)
    correct = y_hat == y
    return {"X": X, "y": y, "H": H, "y_hat": y_hat, "correct": correct,
            "n_correct": int(correct.sum()), "separable": _separable(H, y),
            "region": region, "h_region": step(v1 * h1 + v2 * h2 + c),
            "hidden_lines": (_line(w11, w12, b1), _line(w21, w22, b2)),
            "output_line": _line(v1, v2, c, lim=_HIDDEN_BOX)}


def _describe_network(values: dict, data: dict) -> str:
    v = values
    where = "; ".join(f"{int(x1)}{int(x2)} → h = ({h[0]:.0f}, {h[1]:.0f})"
                      for (x1, x2), h in zip(data["X"], data["H"]))
    return (f"W = [[{v['w11']:.1f}, {v['w12']:.1f}], [{v['w21']:.1f}, {v['w22']:.1f}]], "
            f"b = ({v['b1']:.1f}, {v['b2']:.1f}), v = ({v['v1']:.1f}, {v['v2']:.1f}), "
            f"c = {v['c']:.1f}: {where}; hidden points "
            f"{'separable' if data['separable'] else 'not separable'} by a line; "
            f"outputs {_bits(data['y_hat'])}, {data['n_correct']} of 4 correct")


def _draw_network(fig):
    ax_x, ax_h = fig.subplots(1, 2)
    fig.subplots_adjust(left=0.07, right=0.8, bottom=0.15, top=0.84, wspace=0.28)
    region = _region(ax_x)
    hidden = [ax_x.plot([], [], color=COLORS[name], lw=2, ls="--", label=label)[0]
              for name, label in (("orange", "h₁ flips"), ("green", "h₂ flips"))]
    points = _scatter_classes(ax_x)
    (wrong,) = _rings(ax_x)
    for x1, x2 in GATES["xor"][0]:
        ax_x.annotate(f"{x1:.0f}{x2:.0f}", (x1, x2), xytext=(7, 7), textcoords="offset points",
                      fontsize=8, color="#333333")
    ax_x.set(xlim=_SQUARE, ylim=_SQUARE, xlabel="x₁", ylabel="x₂", xticks=[0, 1],
             yticks=[0, 1])
    ax_x.set_title("input space: network output", fontsize=9)

    h_region = _region(ax_h, _HIDDEN_BOX)
    (out_line,) = ax_h.plot([], [], color="black", lw=2)
    h_points = _scatter_classes(ax_h)
    labels = [ax_h.text(0, 0, "", fontsize=8, color="#333333", ha="left", va="bottom")
              for _ in range(4)]
    ax_h.set(xlim=_HIDDEN_BOX, ylim=_HIDDEN_BOX, xlabel="h₁", ylabel="h₂", xticks=[0, 1],
             yticks=[0, 1])
    h_title = ax_h.set_title("", fontsize=9)
    for ax in (ax_x, ax_h):
        ax.grid(False)
    _legend(ax_h, h_region, extra=[wrong, *hidden])
    title = fig.suptitle("", fontsize=10, x=0.44, y=0.99)

    def update(data):
        region.set_data(data["region"])
        for artist, segment in zip(hidden, data["hidden_lines"]):
            _set_line(artist, segment)
        _set_points(points, data["X"], data["y"])
        bad = data["X"][~data["correct"]]
        wrong.set_data(bad[:, 0], bad[:, 1])
        h_region.set_data(data["h_region"])
        _set_line(out_line, data["output_line"])
        _set_points(h_points, data["H"], data["y"])
        groups: dict[tuple, list[str]] = {}
        for (x1, x2), h in zip(data["X"], data["H"]):
            groups.setdefault(tuple(h), []).append(f"{x1:.0f}{x2:.0f}")
        for text, (h, names) in zip(labels, list(groups.items()) + [((0, 0), [])] * 4):
            right = h[0] > 0.5  # write towards the middle, away from the legend
            text.set_position((h[0] + (-0.06 if right else 0.06), h[1] + 0.06))
            text.set_horizontalalignment("right" if right else "left")
            text.set_text(", ".join(names))
            text.set_visible(bool(names))  # an empty label still costs a layout
        h_title.set_text("hidden space: " + ("one line separates" if data["separable"]
                                             else "no line separates"))
        title.set_text(f"outputs {_bits(data['y_hat'])} for 00 01 10 11: "
                       f"{data['n_correct']} of 4 correct"
                       + (" (XOR)" if data["n_correct"] == 4 else ""))

    return update


class _PartlyStatic(InteractiveFigure):
    """An InteractiveFigure whose static page moves only some controls.

    Live (in a kernel) every control moves. The pre-computed page keeps the grid small by
    showing only `static_controls`; the others stay at their defaults.
    """

    def __init__(self, controls, compute, draw, *, static_controls, **kwargs):
        super().__init__(controls, compute, draw, **kwargs)
        names = [c.name for c in self.controls]
        unknown = set(static_controls) - set(names)
        if unknown:
            raise ValueError(f"static_controls {sorted(unknown)} are not controls: {names}")
        self.static_controls = tuple(static_controls)
        self._draw, self._options = draw, kwargs

    def static_view(self) -> InteractiveFigure:
        """The widget the static page shows: the static controls, the rest fixed."""
        fixed = {c.name: c.default for c in self.controls if c.name not in self.static_controls}
        describe = self.describe
        return InteractiveFigure(
            [c for c in self.controls if c.name in self.static_controls],
            functools.partial(self.compute, **fixed), self._draw,
            **{**self._options, "describe": lambda values, data: describe({**fixed, **values}, data)})

    def static_html(self) -> str:
        return self.static_view().static_html()


def xor_network() -> InteractiveFigure:
    """The hand-built XOR network: set its weights, watch the four points in (h₁, h₂).

    In a kernel all nine numbers move; the static page moves the three biases.

    Examples
    --------
    >>> fig = xor_network()
    >>> fig.update()
    True
    >>> fig.data["y_hat"].tolist(), [c.name for c in fig.static_view().controls]
    ([0, 1, 1, 0], ['b1', 'b2', 'c'])
    """
    def weight(name, label, lo=-2.0, hi=2.0):
        return Slider(name, lo, hi, step=0.1, default=XOR_BY_HAND[name], static_step=1, label=label)

    return _PartlyStatic(
        [weight("w11", "w₁₁"), weight("w12", "w₁₂"), weight("b1", "b₁", -1.5, 1.5),
         weight("w21", "w₂₁"), weight("w22", "w₂₂"), weight("b2", "b₂", -1.5, 1.5),
         weight("v1", "v₁"), weight("v2", "v₂"), weight("c", "c", -1.5, 1.5)],
        xor_network_data,
        _draw_network,
        static_controls=("b1", "b2", "c"),
        describe=_describe_network,
        title="XOR by hand: h = step(W x + b), ŷ = step(v·h + c)",
        figsize=(7.2, 3.2),
    )


# --- training widgets: train once per configuration, show progress live -------------------

_PROGRESS: list = []  # callbacks (done, total) of the live widgets that are training now


@contextlib.contextmanager
def _reporting(callback):
    _PROGRESS.append(callback)
    try:
        yield
    finally:
        _PROGRESS.pop()


def _report(done: int, total: int) -> None:
    if _PROGRESS and (done == total or done % max(1, total // 25) == 0):
        _PROGRESS[-1](done, total)


class _TrainingFigure(InteractiveFigure):
    """An InteractiveFigure that trains: its live widget shows a progress bar meanwhile.

    A new configuration trains once (then it is cached); the bar fills while it does and
    hides when the figure is redrawn. Sliders update on release (``continuous_update=False``).
    """

    _bar = None

    @property
    def widget(self):
        if self._widget is None:
            import ipywidgets

            box = InteractiveFigure.widget.fget(self)
            self._bar = ipywidgets.IntProgress(
                min=0, max=1, description="training", style={"description_width": "initial"},
                layout=ipywidgets.Layout(visibility="hidden"))
            box.children = (*box.children, self._bar)
        return self._widget

    def update(self, **values) -> bool:
        bar = self._bar
        if bar is None:
            return super().update(**values)

        def show(done, total):
            bar.max, bar.value, bar.layout.visibility = total, done, "visible"

        try:
            with _reporting(show):
                return super().update(**values)
        finally:
            bar.layout.visibility = "hidden"


def _snapshots(model: MLP, X, y, *, epochs: int, diverge_factor: float | None = None,
               **options) -> tuple[tuple, np.ndarray, np.ndarray]:
    """Train `model` on (X, y) and keep its parameters after every epoch.

    Returns (params, loss, accuracy) with params[e], loss[e], accuracy[e] for e = 0 (the
    start) .. epochs. Raises :class:`TrainingDiverged` from nnlib, or when the training
    loss rises above `diverge_factor` times its starting value.
    """
    params, loss, acc = [model.get_params()], [model.loss(X, y)], [model.score(X, y)]
    history = History()
    for history in iterate_training(model, X, y, epochs=epochs, progress=False, **options):
        params.append(model.get_params())
        loss.append(history.train_loss[-1])
        acc.append(history.train_acc[-1])
        epoch = history.epoch[-1]
        _report(epoch, epochs)
        if diverge_factor is not None and loss[-1] > diverge_factor * loss[0]:
            raise TrainingDiverged(
                f"training diverged at epoch {epoch}: the loss rose from {loss[0]:.2f} to "
                f"{loss[-1]:.3g} (learning rate {options.get('lr', 0.1):.3g} too large?)",
                epoch, history.step[-1], history)
    return tuple(params), np.array(loss), np.array(acc)


def _model_at(sizes, activation, params) -> MLP:
    model = MLP(list(sizes), activation=activation, output="sigmoid")
    model.set_params(params)
    return model


# --- widget 3: learning XOR by gradient descent -------------------------------------------

XOR_LR = 1.0  # full-batch gradient descent on the four points


@functools.lru_cache(maxsize=64)
def _train_xor(hidden: int, seed: int, activation: str, lr: float, epochs: int):
    """(params, loss, acc, H) per epoch; H (epochs + 1, 4, m): the hidden vectors of X."""
    X, y = GATES["xor"]
    model = MLP([2, hidden, 1], activation=activation, output="sigmoid", seed=seed)
    params, loss, acc = _snapshots(model, X, y, epochs=epochs, optimizer="gd", lr=lr)
    H = np.stack([_model_at((2, hidden, 1), activation, q).forward(X)["A1"] for q in params])
    return params, loss, acc, H


def _hidden_view(H: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, tuple[str, str]]:
    """2-D coordinates of hidden vectors H (k, m) and axis names.

    m = 1: (h₁, 0); m = 2: (h₁, h₂); m >= 3: (component along v, the direction across v
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
    if np.linalg.norm(across) < 1e-12:  # no spread across v: any direction across will do
        across = np.eye(m)[np.argmin(np.abs(along))] - along * along[np.argmin(np.abs(along))]
    across /= np.linalg.norm(across)
    return np.column_stack([H @ along, H @ across]), ("along v", "across v")


def xor_training_data(hidden: int, seed: int, epoch: int, activation: str = "tanh",
                      lr: float = XOR_LR, epochs: int = 400) -> dict:
    r"""An MLP 2-`hidden`-1 learning XOR by full-batch gradient descent, seen at `epoch`.

    Trains once per (hidden, seed, activation, lr, epochs) and keeps every epoch.

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
    params, loss, acc, H_all = _train_xor(hidden, seed, activation, float(lr), int(epochs))
    model = _model_at((2, hidden, 1), activation, params[epoch])
    x1, x2 = np.meshgrid(_PLANE, _PLANE)
    p = model.predict_proba(np.column_stack([x1.ravel(), x2.ravel()])).reshape(x1.shape)
    v, c = params[epoch]["W2"][0], float(params[epoch]["b2"][0])
    # every epoch's hidden points so far, drawn in this epoch's view (one fixed projection)
    view, axes = _hidden_view(np.concatenate(H_all[:epoch + 1]), v)
    box = _view_box(activation, hidden)
    g = np.linspace(*box, 61)
    u1, u2 = np.meshgrid(g, g)
    if hidden == 2:
        view_z = v[0] * u1 + v[1] * u2 + c
    else:  # the view's first axis is h₁ (m = 1) or the component along v (m >= 3)
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
    ax_x, ax_h, ax_l = fig.subplots(1, 3, gridspec_kw={"width_ratios": [1, 1, 1.15]})
    fig.subplots_adjust(left=0.06, right=0.98, bottom=0.17, top=0.8, wspace=0.35)
    image = ax_x.imshow(np.zeros((2, 2)), origin="lower", extent=(*_SQUARE, *_SQUARE),
                        cmap=PROB_CMAP, vmin=-0.7, vmax=1.7, aspect="equal")
    points = _scatter_classes(ax_x, size=45)
    ax_x.set(xlim=_SQUARE, ylim=_SQUARE, xlabel="x₁", ylabel="x₂", xticks=[0, 1], yticks=[0, 1])
    ax_x.set_title("input space: p(y=1|x)", fontsize=9)
    contour = []

    h_image = ax_h.imshow(np.zeros((2, 2)), origin="lower", cmap=PROB_CMAP, vmin=-0.7,
                          vmax=1.7, aspect="auto")
    trails = [ax_h.plot([], [], color=_CLASS_STYLE[label]["color"], lw=1, alpha=0.6)[0]
              for label in GATES["xor"][1]]
    h_points = _scatter_classes(ax_h, size=45)
    ax_h.set_title("hidden space, trails = training", fontsize=9)

    (full,) = ax_l.plot([], [], color=COLORS["grey"], lw=1, alpha=0.5)
    (so_far,) = ax_l.plot([], [], color=COLORS["blue"], lw=2)
    (now,) = ax_l.plot([], [], "o", color=COLORS["blue"], ms=5)
    ax_l.set(yscale="log", ylim=(1e-3, 1.5), xlabel="epoch", title="training loss")
    ax_l.title.set_fontsize(9)
    for ax in (ax_x, ax_h):
        ax.grid(False)
    title = fig.suptitle("", fontsize=10)

    def update(data):
        image.set_data(_bands(data["p"]))
        for artist in contour:
            artist.remove()
        contour[:] = [ax_x.contour(_PLANE, _PLANE, data["p"], levels=[0.5], colors="black",
                                   linewidths=1.5)]
        _set_points(points, data["X"], data["y"])
        box = data["view_box"]
        h_image.set_data(_bands(data["view_p"]))
        h_image.set_extent((*box, *box))
        view = data["view"]
        for i, trail in enumerate(trails):
            trail.set_data(view[:, i, 0], view[:, i, 1])
        _set_points(h_points, view[-1], data["y"])
        ax_h.set(xlim=box, ylim=box, xlabel=data["view_axes"][0], ylabel=data["view_axes"][1])
        ax_h.set_yticks([] if data["hidden"] == 1 else [-1, 0, 1] if box[0] < -0.5 else [0, 1])
        loss, e = data["loss"], data["epoch"]
        epochs = np.arange(len(loss))
        full.set_data(epochs, loss)
        so_far.set_data(epochs[:e + 1], loss[:e + 1])
        now.set_data([e], [loss[e]])
        ax_l.set_xlim(0, len(loss) - 1)
        title.set_text(_describe_xor_training({}, data).replace(", epoch", "; epoch"))

    return update


def xor_training(activation: str = "tanh", lr: float = XOR_LR, epochs: int = 400) -> InteractiveFigure:
    """A small MLP learning XOR: pick the hidden units and the seed, move through epochs.

    Examples
    --------
    >>> fig = xor_training()
    >>> fig.update(hidden=2, seed=1, epoch=400), round(4 * float(fig.data["acc"][-1]))
    (True, 2)
    """
    return _TrainingFigure(
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
        figsize=(8.4, 2.9),
        continuous_update=False,
    )


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
    lo, hi = X.min(axis=0) - 0.25, X.max(axis=0) + 0.25
    axes = [np.linspace(a, b, 71) for a, b in zip(lo, hi)]
    grid = np.column_stack([g.ravel() for g in np.meshgrid(*axes)])
    return X, y, grid, (lo[0], hi[0], lo[1], hi[1])


@functools.lru_cache(maxsize=256)
def _train_playground(data: str, hidden: int, activation: str, lr: float, epochs: int):
    X, y, _, _ = _playground_set(data)
    model = MLP([2, hidden, 1], activation=activation, output="sigmoid", seed=0)
    try:
        return _snapshots(model, X, y, epochs=epochs, optimizer="sgd", lr=lr,
                          batch_size=PLAYGROUND_BATCH, seed=0, diverge_factor=DIVERGE_FACTOR)
    except TrainingDiverged as error:  # remembered too: the slider may come back here
        return error


def playground_data(data: str, hidden: str, activation: str, log_lr: float, epoch: int,
                    epochs: int = 240) -> dict:
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
    result = _train_playground(data, hidden, activation, lr, int(epochs))
    if isinstance(result, TrainingDiverged):
        raise result
    params, loss, acc = result
    model = _model_at((2, hidden, 1), activation, params[epoch])
    p = model.predict_proba(grid).reshape(71, 71)
    return {"X": X, "y": y, "p": p, "extent": extent, "loss": loss, "acc": acc, "epoch": epoch,
            "lr": lr, "data": data, "hidden": hidden, "activation": activation}


def _describe_playground(values: dict, data: dict) -> str:
    e = data["epoch"]
    return (f"{PLAYGROUND_DATA[data['data']][0]}, {data['hidden']} {data['activation']} units, "
            f"α = {data['lr']:.2g}, epoch {e}: loss {data['loss'][e]:.3f}, "
            f"accuracy {data['acc'][e]:.0%}")


def _draw_playground(fig):
    ax_x, ax_l = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.1]})
    fig.subplots_adjust(left=0.1, right=0.97, bottom=0.18, top=0.8, wspace=0.3)
    image = ax_x.imshow(np.zeros((2, 2)), origin="lower", cmap=PROB_CMAP, vmin=-0.7, vmax=1.7,
                        aspect="auto", interpolation="bilinear")
    points = {label: ax_x.scatter([], [], s=13, marker=style["marker"], color=style["color"],
                                  edgecolors="none", zorder=3)
              for label, style in _CLASS_STYLE.items()}
    ax_x.set(xlabel="x₁", ylabel="x₂")
    ax_x.grid(False)
    contour = []
    (full,) = ax_l.plot([], [], color=COLORS["grey"], lw=1, alpha=0.5)
    (so_far,) = ax_l.plot([], [], color=COLORS["blue"], lw=2)
    (accuracy,) = ax_l.plot([], [], color=COLORS["orange"], lw=1.5, ls="--")
    (now,) = ax_l.plot([], [], "o", color=COLORS["blue"], ms=5)
    ax_l.set(xlabel="epoch", ylim=(0, 1.05))
    ax_l.set_title("training loss, accuracy (dashed)", fontsize=9)
    title = fig.suptitle("", fontsize=10)

    def update(data):
        image.set_data(data["p"])
        image.set_extent(data["extent"])
        for artist in contour:
            artist.remove()
        lo1, hi1, lo2, hi2 = data["extent"]
        contour[:] = [ax_x.contour(np.linspace(lo1, hi1, 71), np.linspace(lo2, hi2, 71), data["p"],
                                   levels=[0.5], colors="black", linewidths=1.2)]
        _set_points(points, data["X"], data["y"])
        ax_x.set(xlim=(lo1, hi1), ylim=(lo2, hi2))
        loss, acc, e = data["loss"], data["acc"], data["epoch"]
        epochs = np.arange(len(loss))
        full.set_data(epochs, loss)
        so_far.set_data(epochs[:e + 1], loss[:e + 1])
        accuracy.set_data(epochs[:e + 1], acc[:e + 1])
        now.set_data([e], [loss[e]])
        ax_l.set(xlim=(0, len(loss) - 1), ylim=(0, max(1.05, 1.05 * float(loss.max()))))
        title.set_text(_describe_playground({}, data))

    return update


def playground(epochs: int = 240) -> InteractiveFigure:
    """A playground: data set, hidden units, activation, learning rate, epochs.

    The static page holds every combination of 4 data sets, 2 hidden sizes, 2 activations,
    2 learning rates (α = 0.03 and 1) and 5 epochs; in a kernel the learning rate and the
    epochs move freely (a learning rate that is too large shows a message).

    Examples
    --------
    >>> fig = playground()
    >>> fig.update(log_lr=1.4), fig.message.startswith("training diverged")
    (False, True)
    """
    return _TrainingFigure(
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
        figsize=(6.0, 2.6),
        continuous_update=False,
    )
