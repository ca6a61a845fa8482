"""Tests for nnlib.widgets.trainers, what the widgets that train share: the cache that ignores
the reporter, snapshots of every epoch, the pre-computation's one bar, and TrainingFigure's
progress row."""

import matplotlib

matplotlib.use("Agg")  # not MPLBACKEND: nbval's kernels inherit the environment

import numpy as np
import pytest

from nnlib import progress
from nnlib.datasets import xor_gate
from nnlib.mlp import MLP
from nnlib.widgets import Slider
from nnlib.widgets.trainers import (
    TrainingFigure, cached_training, model_at, precompute, snapshots,
)


@pytest.fixture
def fake_kernel(monkeypatch):
    """A kernel a reader watches: bars are 'displayed' into the returned list."""
    shown = []
    monkeypatch.setattr(progress, "in_kernel", lambda: True)
    monkeypatch.setattr(progress, "_display", shown.append)
    monkeypatch.delenv("NNLIB_EMBED_FRAMES", raising=False)
    return shown


def test_cached_training_trains_once_per_configuration_whatever_the_reporter():
    runs = []

    @cached_training(maxsize=4)
    def train(a, b=0, progress=None):
        runs.append((a, b, progress))
        if progress is not None:
            progress(1, 1)
        return a + b

    heard = []
    assert train(1, b=2, progress=lambda d, t: heard.append((d, t))) == 3
    assert train(1, b=2) == 3 and train(1, b=2, progress=print) == 3
    assert len(runs) == 1 and heard == [(1, 1)]  # trained once, and reported while it did
    assert train(2) == 2 and len(runs) == 2 and runs[-1][2] is None
    train.cache_clear()
    train(1, b=2)
    assert len(runs) == 3


def test_cached_training_needs_a_progress_argument():
    with pytest.raises(TypeError, match="must take a progress=None argument"):
        cached_training()(lambda a: a)


def test_snapshots_keep_every_epoch_and_report_each():
    X, y = xor_gate()
    heard = []
    params, loss, acc = snapshots(MLP([2, 3, 1], output="sigmoid", seed=1), X, y, epochs=5,
                                  optimizer="gd", lr=1.0, progress=lambda d, t: heard.append((d, t)))
    assert heard == [(e, 5) for e in range(1, 6)]
    assert len(params) == 6 and loss.shape == acc.shape == (6,)
    again = MLP([2, 3, 1], output="sigmoid", seed=1)
    assert model_at((2, 3, 1), "relu", params[0]).loss(X, y) == pytest.approx(again.loss(X, y))
    assert model_at((2, 3, 1), "relu", params[5]).loss(X, y) == pytest.approx(loss[5])
    assert loss[5] < loss[0]


def test_precompute_runs_every_job_and_shows_nothing_outside_a_kernel(monkeypatch):
    import IPython.display

    cleared = []
    monkeypatch.setattr(IPython.display, "clear_output", lambda wait: cleared.append(wait))
    ran = []
    assert precompute([lambda k=k: ran.append(k) for k in range(3)], "fitting") == 3
    assert ran == [0, 1, 2] and cleared == []


def test_precompute_shows_one_bar_in_a_kernel_and_removes_it(fake_kernel, monkeypatch):
    import IPython.display

    cleared = []
    monkeypatch.setattr(IPython.display, "clear_output", lambda wait: cleared.append(wait))
    ran = []
    precompute([lambda k=k: ran.append(k) for k in range(3)], "fitting")
    (bar,) = fake_kernel
    assert (bar.value, bar.max, bar.description) == (3, 3, "fitting") and ran == [0, 1, 2]
    assert cleared == [True]  # the widget, displayed next, takes the bar's place
    assert bar.comm is None  # and the bar's model is closed


def test_precompute_shows_no_bar_when_the_book_is_built(fake_kernel, monkeypatch):
    import IPython.display

    cleared = []
    monkeypatch.setattr(IPython.display, "clear_output", lambda wait: cleared.append(wait))
    monkeypatch.setenv("NNLIB_EMBED_FRAMES", "1")  # make execute: committed notebooks stay clean
    precompute([lambda: None] * 3, "fitting")
    assert fake_kernel == [] and cleared == []


def _trainer_figure(calls):
    def compute(steps, progress=None):
        calls.append(progress)
        for done in range(1, int(steps) + 1):
            if progress is not None:
                progress(done, int(steps))
        return np.arange(int(steps) + 1.0)

    def draw(fig):
        (line,) = fig.add_subplot().plot([0, 1], [0, 1])
        return lambda data: line.set_data(np.arange(len(data)), data)

    return TrainingFigure([Slider("steps", 1, 30, step=1, default=2)], compute, draw)


def test_training_figure_reports_to_its_live_progress_row_only():
    calls = []
    fig = _trainer_figure(calls)
    assert fig.continuous_update is False and fig.trains
    assert fig.update(steps=3) and calls == [None]  # no widget: nobody to report to
    box = fig.widget
    bar = box.nn_progress
    assert bar is box.children[-1] and bar.layout.visibility == "hidden"
    seen = []
    bar.observe(lambda change: seen.append((change["new"], bar.max, bar.layout.visibility)),
                "value")
    box.nn_controls["steps"].value = 30.0
    assert seen[-1] == (30, 30, "visible") and len(seen) <= 30
    assert bar.layout.visibility == "hidden" and not fig.message


def test_plain_figures_have_no_progress_row():
    from nnlib.widgets.activations import neuron_1d

    assert neuron_1d().widget.nn_progress is None
