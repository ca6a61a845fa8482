"""Interactive figures for the book: live in a kernel, pre-computed on static pages.

A widget is three things (see :class:`InteractiveFigure`): its controls, a pure
function from control values to data, and a drawing function. Builders such as
:func:`neuron_1d` return the widget; a notebook cell displays it in one line.

``import nnlib.widgets`` imports matplotlib; ipywidgets is imported only when a widget
is first displayed live.
"""

from nnlib.widgets.controls import Dropdown, Slider
from nnlib.widgets.figure import InteractiveFigure, embed_frames_enabled
from nnlib.widgets.neurons import neuron_1d, neuron_1d_data, neuron_2d, neuron_2d_data

__all__ = [
    "Dropdown",
    "InteractiveFigure",
    "Slider",
    "embed_frames_enabled",
    "neuron_1d",
    "neuron_1d_data",
    "neuron_2d",
    "neuron_2d_data",
]
