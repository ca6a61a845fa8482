"""Interactive figures for the book: live in a kernel, pre-computed on static pages.

This package is the framework, and knows no chapter: a widget is three things (see
:class:`InteractiveFigure`): its controls (:mod:`~nnlib.widgets.controls`), a pure
function from control values to data, and a drawing function; :mod:`~nnlib.widgets.live`
shows it as ipywidgets in a kernel, :mod:`~nnlib.widgets.static` as pre-computed frames on
the static pages, and :mod:`~nnlib.widgets.trainers` holds what widgets that train share
(progress, caching, snapshots).

Each chapter's widgets are a subpackage named by the chapter's slug
(``nnlib.widgets.activations``, ``nnlib.widgets.logistic_regression``,
``nnlib.widgets.xor``), which the chapter imports and whose ``WIDGETS`` registry
(:mod:`~nnlib.widgets.registry`) the benchmark and the tests iterate over.

``import nnlib.widgets`` imports matplotlib; ipywidgets is imported only when a widget
is first displayed live.
"""

from nnlib.widgets.controls import Dropdown, Slider
from nnlib.widgets.figure import InteractiveFigure, embed_frames_enabled
from nnlib.widgets.registry import Widget, chapters

__all__ = ["Dropdown", "InteractiveFigure", "Slider", "Widget", "chapters", "embed_frames_enabled"]
