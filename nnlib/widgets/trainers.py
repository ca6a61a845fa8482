"""Widgets that train: train once per configuration, keep every epoch, report progress.

The rules a widget that trains follows (they keep it responsive and its pages clean):

1. **Train once, look up afterwards.** The trainer is a function of the configuration
   only (data, sizes, seed, learning rate, epochs), decorated with :func:`cached_training`;
   it keeps every epoch with :func:`snapshots`, so the epoch slider only looks up.
2. **Report progress, never print.** The trainer and the ``*_data`` function take
   ``progress=None``, a reporter ``report(done, total)`` (:mod:`nnlib.progress`), and
   pass it on to :func:`~nnlib.training.iterate_training`. :class:`TrainingFigure` passes
   the bar row of its live widget; tests, the benchmark and the static build pass nothing.
3. **Update on release.** :class:`TrainingFigure` sets ``continuous_update=False``.
4. **Divergence is a message.** Pass ``diverge_factor`` and let
   :class:`~nnlib.training.TrainingDiverged` reach the figure, which shows it in one line.
5. **Work before the widget appears** (fits over a whole grid) goes through
   :func:`precompute`, which reports each job to one bar that leaves when it is done.
6. **The static grid never diverges** and stays within the page budget (the generic
   widget tests check both from the registry and the committed chapter).
"""

from __future__ import annotations

import functools
import inspect
from typing import Any, Callable, Sequence

import numpy as np

from nnlib.mlp import MLP
from nnlib.progress import NotebookBar, Reporter
from nnlib.training import iterate_training
from nnlib.widgets.figure import InteractiveFigure

__all__ = ["TrainingFigure", "cached_training", "model_at", "precompute", "snapshots"]


def cached_training(maxsize: int | None = 128) -> Callable:
    """:func:`functools.lru_cache` for a trainer, keyed on everything but ``progress``.

    A configuration trains once; asked again (with or without a reporter) it is looked
    up. Errors are not cached: return them (e.g. a ``TrainingDiverged``) to remember them.

    Examples
    --------
    >>> calls = []
    >>> @cached_training()
    ... def train(seed, progress=None):
    ...     calls.append(seed)
    ...     return seed * 2
    >>> train(1), train(1, progress=print), calls
    (2, 2, [1])
    """
    def decorate(trainer: Callable) -> Callable:
        if "progress" not in inspect.signature(trainer).parameters:
            raise TypeError(f"{trainer.__name__} must take a progress=None argument")
        holder: dict[str, Reporter | None] = {"progress": None}

        @functools.lru_cache(maxsize=maxsize)
        def cached(*args, **kwargs):
            return trainer(*args, progress=holder["progress"], **kwargs)

        @functools.wraps(trainer)
        def wrapper(*args, progress: Reporter | None = None, **kwargs):
            holder["progress"] = progress
            try:
                return cached(*args, **kwargs)
            finally:
                holder["progress"] = None

        wrapper.cache_clear = cached.cache_clear
        wrapper.cache_info = cached.cache_info
        return wrapper

    return decorate


def snapshots(model: MLP, X: np.ndarray, y: np.ndarray, *, epochs: int,
              progress: Reporter | None = None, **options) -> tuple[tuple, np.ndarray,
                                                                     np.ndarray]:
    """Train `model` on (X, y) and keep its parameters after every epoch.

    Returns (params, loss, accuracy) with params[e], loss[e], accuracy[e] for e = 0 (the
    start) .. epochs. `progress` gets ``(epoch, epochs)`` after every epoch; `options` go
    to :func:`nnlib.training.iterate_training` (with ``diverge_factor``, a loss that rises
    that many times its start counts as divergence); raises its
    :class:`~nnlib.training.TrainingDiverged`.

    Examples
    --------
    >>> from nnlib.datasets import xor_gate
    >>> X, y = xor_gate()
    >>> seen = []
    >>> params, loss, acc = snapshots(MLP([2, 2, 1], output="sigmoid", seed=0), X, y,
    ...     epochs=3, optimizer="gd", lr=1.0, progress=lambda d, t: seen.append(d))
    >>> len(params), loss.shape, seen
    (4, (4,), [1, 2, 3])
    """
    params, loss, acc = [model.get_params()], [model.loss(X, y)], [model.score(X, y)]
    for history in iterate_training(model, X, y, epochs=epochs, progress=progress or False,
                                    **options):
        params.append(model.get_params())
        loss.append(history.train_loss[-1])
        acc.append(history.train_acc[-1])
    return tuple(params), np.array(loss), np.array(acc)


def model_at(sizes: Sequence[int], activation: str, params: dict) -> MLP:
    """An MLP with sigmoid output and the given parameters (one epoch of a snapshot run)."""
    model = MLP(list(sizes), activation=activation, output="sigmoid")
    model.set_params(params)
    return model


def precompute(jobs: list, description: str) -> int:
    """Run `jobs` (callables) before a widget is shown; returns how many ran.

    In a notebook one bar counts them and gives its place to the widget, displayed next (so
    a builder should be the last line of its cell); elsewhere (tests, scripts, the book's
    build with ``NNLIB_EMBED_FRAMES=1``) nothing is shown.
    """
    report = NotebookBar(description)
    for done, job in enumerate(jobs, 1):
        job()
        report(done, len(jobs))
    if report.bar is not None:
        from IPython.display import clear_output

        clear_output(wait=True)  # the widget, the cell's result, replaces the bar
    report.close()
    return len(jobs)


class TrainingFigure(InteractiveFigure):
    """An InteractiveFigure whose compute trains: ``compute(**values, progress=report)``.

    Its live widget has a progress row (hidden until a new configuration trains, then
    filled epoch by epoch and hidden again when the figure is redrawn); elsewhere the
    compute function gets ``progress=None``. Sliders update on release.
    """

    trains = True

    def __init__(self, controls, compute: Callable[..., Any], draw, **kwargs) -> None:
        kwargs.setdefault("continuous_update", False)
        self.train = compute
        super().__init__(controls, self._compute, draw, **kwargs)

    def _compute(self, **values):
        bar = getattr(self._widget, "nn_progress", None)
        report = None if bar is None else NotebookBar("training", bar=bar)
        try:
            return self.train(**values, progress=report)
        finally:
            if report is not None:
                report.close()
