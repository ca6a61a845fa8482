"""Shared machinery of the XOR chapter's training widgets: train once per configuration,
keep the parameters of every epoch, and show a progress bar in the live widget meanwhile.
"""

from __future__ import annotations

import contextlib

import numpy as np

from nnlib.mlp import MLP
from nnlib.training import iterate_training
from nnlib.widgets.figure import InteractiveFigure


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


def _snapshots(model: MLP, X, y, *, epochs: int, **options) -> tuple[tuple, np.ndarray,
                                                                         np.ndarray]:
    """Train `model` on (X, y) and keep its parameters after every epoch.

    Returns (params, loss, accuracy) with params[e], loss[e], accuracy[e] for e = 0 (the
    start) .. epochs. `options` go to :func:`nnlib.training.iterate_training` (with
    ``diverge_factor``, a loss that rises that many times its start counts as
    divergence); raises its :class:`~nnlib.training.TrainingDiverged`.
    """
    params, loss, acc = [model.get_params()], [model.loss(X, y)], [model.score(X, y)]
    for history in iterate_training(model, X, y, epochs=epochs, progress=False, **options):
        params.append(model.get_params())
        loss.append(history.train_loss[-1])
        acc.append(history.train_acc[-1])
        _report(history.epoch[-1], epochs)
    return tuple(params), np.array(loss), np.array(acc)


def _model_at(sizes, activation, params) -> MLP:
    model = MLP(list(sizes), activation=activation, output="sigmoid")
    model.set_params(params)
    return model
