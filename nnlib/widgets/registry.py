"""The registry of the book's widgets: one ``WIDGETS`` tuple per chapter package.

Each chapter's widgets live in ``nnlib/widgets/<slug>/`` (the slug also names its
notebook ``chapters/NN_<slug>.ipynb``, its exercises ``nnlib/exercises/<slug>.py`` and its
tests), whose ``__init__`` lists them in ``WIDGETS``. The benchmark (``bench/``) and the
generic widget tests (``tests/widgets/test_registry.py``) iterate over :func:`chapters`,
so a new widget is benchmarked and tested as soon as it is registered.
"""

from __future__ import annotations

import importlib
import math
import pkgutil
from dataclasses import dataclass
from typing import Callable

from nnlib.widgets.figure import InteractiveFigure

__all__ = ["Widget", "chapters"]


@dataclass(frozen=True)
class Widget:
    """One registered widget: what the benchmark and the tests need to know about it.

    Parameters
    ----------
    name : str
        The builder's name (a row of the benchmark, an id of the tests).
    build : callable
        ``build() -> InteractiveFigure``, with the chapter's defaults.
    grid : tuple of int
        The static grid the page exposes: the number of values of each of the figure's
        ``static_controls``, in order; their product is the
        number of pre-computed frames. Changing a ``static_step`` must change this too,
        on purpose: it is what the page's byte budget pays for.
    trains : bool
        Whether the widget trains models: when it is built (fits made by
        :func:`~nnlib.widgets.training.precompute`) or when a control asks for a new
        configuration (a :class:`~nnlib.widgets.training.TrainingFigure`). That takes
        seconds, so the 50 ms target of the benchmark does not apply, it times fewer
        changes, and ``--no-training`` skips it.

    Examples
    --------
    >>> from nnlib.widgets.activations import WIDGETS
    >>> WIDGETS[0].name, WIDGETS[0].grid, WIDGETS[0].frames
    ('neuron_1d', (4, 7, 5), 140)
    """

    name: str
    build: Callable[[], InteractiveFigure]
    grid: tuple[int, ...]
    trains: bool = False

    @property
    def frames(self) -> int:
        """Points of the static grid (frames before deduplication)."""
        return math.prod(self.grid)


def chapters() -> dict[str, tuple[Widget, ...]]:
    """{slug: WIDGETS} of every chapter package under ``nnlib.widgets``, sorted by slug.

    Examples
    --------
    >>> sorted(chapters())[:2]
    ['activations', 'backprop']
    """
    import nnlib.widgets as package

    found = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.ispkg:
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            found[info.name] = tuple(module.WIDGETS)
    return found
