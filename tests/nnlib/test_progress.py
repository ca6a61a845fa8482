"""Tests for nnlib.progress: one reporter path, report(done, total), drawn as one notebook bar
where a reader watches and as nothing elsewhere."""

import pytest

from nnlib import progress
from nnlib.mlp import MLP
from nnlib.progress import NotebookBar, ProgressBar
from nnlib.training import train

X = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
Y = [0, 1, 1, 0]


@pytest.fixture
def fake_kernel(monkeypatch):
    pytest.importorskip("ipywidgets")
    shown = []
    monkeypatch.setattr(progress, "in_kernel", lambda: True)
    monkeypatch.setattr(progress, "_display", shown.append)
    monkeypatch.delenv("NNLIB_EMBED_FRAMES", raising=False)
    return shown


def mlp():
    return MLP([2, 3, 1], output="sigmoid", seed=0)


def test_train_calls_a_reporter_after_every_epoch_anywhere():
    heard = []
    train(mlp(), X, Y, optimizer="gd", epochs=4, progress=lambda d, t: heard.append((d, t)))
    assert heard == [(1, 4), (2, 4), (3, 4), (4, 4)]


def test_notebook_bar_outside_a_kernel_does_nothing():
    report = NotebookBar("fitting")
    report(1, 2)
    report(2, 2)
    report.close()
    assert report.bar is None and not report.enabled


def test_notebook_bar_in_a_kernel_is_one_bar_updated_at_most_about_50_times(fake_kernel):
    report = NotebookBar("step {done} of {total}")
    values = []
    for done in range(1, 1001):
        report(done, 1000)
        if report.bar is not None and (not values or values[-1] != report.bar.value):
            values.append(report.bar.value)
    (bar,) = fake_kernel
    assert bar.description == "step 1000 of 1000" and (bar.value, bar.max) == (1000, 1000)
    assert 40 <= len(values) <= 60 and values[-1] == 1000
    report.close("success")
    assert bar.bar_style == "success"
    report.close()
    assert bar.comm is None and report.bar is None  # removed from the page


def test_notebook_bar_fills_a_bar_it_is_given_and_hides_it(fake_kernel):
    import ipywidgets

    row = ipywidgets.IntProgress(layout=ipywidgets.Layout(visibility="hidden"))
    report = NotebookBar("training", bar=row)
    report(3, 10)
    assert (row.value, row.max, row.layout.visibility) == (3, 10, "visible")
    report.close()
    assert row.layout.visibility == "hidden" and row.comm is not None  # the widget keeps it
    assert fake_kernel == []  # nothing displayed apart from the widget's own row


def test_no_bar_while_the_book_is_built(fake_kernel, monkeypatch):
    monkeypatch.setenv("NNLIB_EMBED_FRAMES", "1")
    train(mlp(), X, Y, optimizer="gd", epochs=25, progress=True)
    NotebookBar("fitting")(1, 1)
    assert fake_kernel == []


def test_progress_bar_rejects_what_is_not_a_mode_or_a_reporter():
    with pytest.raises(ValueError, match="or a reporter report\\(done, total\\), got 'yes'"):
        ProgressBar("yes", 3)
