"""Progress of long computations: one path, a ``report(done, total)`` callable.

Whatever takes long -- :func:`nnlib.training.train` over epochs, a widget that trains or
pre-computes fits -- reports through a *reporter*, any callable ``report(done, total)``.
:class:`NotebookBar` is the reporter a reader sees: one ipywidgets ``IntProgress`` in a
running Jupyter kernel, and nothing anywhere else (scripts, tests, and the book's build
with ``NNLIB_EMBED_FRAMES=1``, whose committed notebooks and static pages stay clean).
Outside a kernel it imports nothing.

:class:`ProgressBar` is how the training loop decides, from its ``progress`` argument,
whether and where to report: a reporter of the caller's, a :class:`NotebookBar`, or none.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any, Callable

__all__ = ["Reporter", "in_kernel", "NotebookBar", "ProgressBar"]

#: A progress reporter: ``report(done, total)``, called with 0 < done <= total.
Reporter = Callable[[int, int], None]

#: Set by ``make execute``: the book's build, where nothing but static frames is shown.
EMBED_ENV = "NNLIB_EMBED_FRAMES"


def in_kernel() -> bool:
    """True inside a running Jupyter kernel (never imports IPython itself).

    Examples
    --------
    >>> in_kernel()  # a script, a test or the book's build
    False
    """
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return getattr(shell, "kernel", None) is not None


def _display(widget: Any) -> None:
    from IPython.display import display  # only in a kernel, where IPython is imported
    display(widget)


def _reader_sees_bars() -> bool:
    """In a kernel a reader watches, not while the book is executed for its static pages."""
    return in_kernel() and os.environ.get(EMBED_ENV, "") != "1"


class NotebookBar:
    """A reporter drawn as one ipywidgets IntProgress in a notebook; nothing elsewhere.

    Parameters
    ----------
    description : str
        Text before the bar ("training", "fitting every λ"). ``{done}`` and ``{total}``
        are filled in on each report.
    bar : ipywidgets.IntProgress, optional
        A bar that is already on screen (e.g. a row of a live widget) to fill, shown while
        reporting and hidden by :meth:`close`. Without it the first report displays a new
        bar (in a kernel a reader watches; never while the book is executed).

    Examples
    --------
    >>> report = NotebookBar("fitting")
    >>> report(1, 4); report(4, 4); report.close()  # outside a kernel: nothing shown
    >>> report.bar is None
    True
    """

    def __init__(self, description: str = "", *, bar: Any = None) -> None:
        self.description, self.bar, self._own = description, bar, bar is None
        self.enabled = bar is not None or _reader_sees_bars()

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or (done != total and done % max(1, total // 50)):
            return  # at most ~50 redraws of the bar
        if self.bar is None:
            try:
                import ipywidgets
            except ImportError:
                self.enabled = False
                return
            self.bar = ipywidgets.IntProgress(min=0, max=total,
                                              style={"description_width": "initial"})
            _display(self.bar)
        bar = self.bar
        bar.max, bar.value, bar.bar_style = total, done, ""
        bar.description = self.description.format(done=done, total=total)
        bar.layout.visibility = "visible"

    def close(self, style: str | None = None) -> None:
        """End of the work: colour a bar of our own by how it ended ("success", "info"
        for stopped early, "danger" for diverged) or, with no style, remove it; a bar
        that belongs to a widget is hidden."""
        if self.bar is None:
            return
        if not self._own:
            self.bar.layout.visibility = "hidden"
        elif style is None:
            self.bar.close()  # the work is done: its bar leaves the page
            self.bar = None
        else:
            self.bar.bar_style = style


class ProgressBar:
    """Where the training loop reports its epochs, chosen by its ``progress`` argument.

    `progress`: a reporter ``report(done, total)`` (called after every epoch, wherever the
    code runs), False (never), True (a :class:`NotebookBar` in a kernel) or "auto": a
    NotebookBar in a kernel, once the first epoch shows the run will have at least 20
    epochs or take over 2 s. ``update(epoch)`` after each epoch, ``close(style)`` at the
    end: "success", "info" (stopped early) or "danger" (diverged).

    Examples
    --------
    >>> bar = ProgressBar("auto", epochs=100)
    >>> bar.update(1); bar.close("success")  # outside a kernel: nothing shown
    >>> bar.enabled, bar.bar
    (False, None)
    >>> seen = []
    >>> bar = ProgressBar(lambda done, total: seen.append((done, total)), epochs=2)
    >>> bar.update(1); bar.update(2); seen
    [(1, 2), (2, 2)]
    """

    def __init__(self, progress: object, epochs: int) -> None:
        if callable(progress):
            self.mode, self.report = True, progress
        elif progress is True or progress is False or progress == "auto":
            self.mode, self.report = progress, None
        else:
            raise ValueError(f"progress must be 'auto', True or False, or a reporter "
                             f"report(done, total), got {progress!r}")
        self.epochs, self.start = epochs, time.perf_counter()
        self.enabled = self.report is not None or (progress is not False and _reader_sees_bars())

    @property
    def bar(self):
        """The IntProgress shown, if any."""
        return getattr(self.report, "bar", None)

    def update(self, epoch: int) -> None:
        """Report `epoch` of `epochs` done; in "auto" mode, decide after the first epoch."""
        if not self.enabled:
            return
        if self.report is None:
            expected = (time.perf_counter() - self.start) / epoch * self.epochs
            if not (self.mode is True or self.epochs >= 20 or expected > 2.0):
                return
            self.report = NotebookBar("epoch {done}/{total}")
        self.report(epoch, self.epochs)

    def close(self, style: str) -> None:
        """Colour a notebook bar by how the run ended ("success", "info" or "danger")."""
        if isinstance(self.report, NotebookBar) and self.report._own:
            self.report.close(style)
