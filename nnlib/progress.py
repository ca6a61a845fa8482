"""Progress bars for long computations, shown only where someone can see them.

:class:`ProgressBar` counts the epochs of :func:`nnlib.training.train` with an
ipywidgets ``IntProgress``, in a running Jupyter kernel and for long runs only: outside a
kernel (scripts, tests, the book's build) it shows nothing and imports nothing.
"""

import sys
import time
from typing import Any

__all__ = ["in_kernel", "ProgressBar"]


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


class ProgressBar:
    """An ipywidgets IntProgress over epochs, shown only in a kernel for long runs.

    `progress`: True (always, in a kernel), False (never) or "auto": in a kernel, once the
    first epoch shows the run will have at least 20 epochs or take over 2 s.
    ``update(epoch)`` after each epoch, ``close(style)`` at the end: "success", "info"
    (stopped early) or "danger" (diverged).

    Examples
    --------
    >>> bar = ProgressBar("auto", epochs=100)
    >>> bar.update(1); bar.close("success")  # outside a kernel: nothing shown
    >>> bar.enabled, bar.bar
    (False, None)
    """

    def __init__(self, progress: object, epochs: int) -> None:
        if not (progress is True or progress is False or progress == "auto"):
            raise ValueError(f"progress must be 'auto', True or False, got {progress!r}")
        self.mode, self.epochs, self.bar, self.start = progress, epochs, None, time.perf_counter()
        self.enabled = progress is not False and in_kernel()

    def update(self, epoch: int) -> None:
        """Show `epoch` of `epochs` done; after the first epoch, decide whether to show at all."""
        if not self.enabled:
            return
        if self.bar is None:
            expected = (time.perf_counter() - self.start) / epoch * self.epochs
            if not (self.mode is True or self.epochs >= 20 or expected > 2.0):
                return
            try:
                import ipywidgets
            except ImportError:
                self.enabled = False
                return
            self.bar = ipywidgets.IntProgress(min=0, max=self.epochs)
            _display(self.bar)
        self.bar.value, self.bar.description = epoch, f"epoch {epoch}/{self.epochs}"

    def close(self, style: str) -> None:
        """Colour the bar by how the run ended ("success", "info" or "danger"), if shown."""
        if self.bar is not None:
            self.bar.bar_style = style  # "success", "info" (stopped early) or "danger"
