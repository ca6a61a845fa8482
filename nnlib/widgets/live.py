"""The live path: an :class:`InteractiveFigure` as an ipywidgets widget in a kernel."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import ipywidgets as w

from nnlib.widgets.controls import Dropdown, Slider

if TYPE_CHECKING:
    from nnlib.widgets.figure import InteractiveFigure

__all__ = ["build_live_widget", "make_control"]


def make_control(control, continuous_update: bool = True) -> w.Widget:
    """The ipywidgets control for a Slider or Dropdown specification."""
    style = {"description_width": "initial"}
    if isinstance(control, Dropdown):
        return w.Dropdown(
            options=list(control.options), value=control.default,
            description=control.text, style=style,
        )
    if isinstance(control, Slider):
        return w.FloatSlider(
            value=control.default, min=control.min, max=control.max, step=control.step,
            description=control.text, continuous_update=continuous_update,
            readout_format=f".{len(control.format(control.step).partition('.')[2])}f",
            style=style, layout=w.Layout(width="260px"),
        )
    raise TypeError(f"control must be a Slider or Dropdown, got {control!r}")


def build_live_widget(fig: "InteractiveFigure") -> w.VBox:
    """A VBox of title, controls, the figure image, a message line (and a progress row
    for a figure that trains, see :mod:`nnlib.widgets.training`).

    The image keeps its size (the page does not jump); a failing update keeps the
    previous image and shows a one-line message instead of a traceback.
    """
    controls = {c.name: make_control(c, fig.continuous_update) for c in fig.controls}
    from nnlib.widgets.figure import CSS_DPI

    # Shown at the CSS size of the static frames (100 px per inch), drawn at fig.dpi.
    width_px = round(fig.figure.get_figwidth() * CSS_DPI)
    height_px = round(fig.figure.get_figheight() * CSS_DPI)
    image = w.Image(format="png", layout=w.Layout(width=f"{width_px}px", height=f"{height_px}px",
                                                   max_width="100%", object_fit="contain"))
    message = w.HTML(layout=w.Layout(min_height="1.6em"))
    # ipywidgets.Image has no alt text (and setting its tooltip breaks the view in
    # JupyterLab 4), so the frame's description is shown as a caption under it.
    caption = w.HTML(layout=w.Layout(max_width=f"{width_px}px"))
    title = w.HTML(f"<b>{html.escape(fig.title)}</b>") if fig.title else None

    def redraw(change=None) -> None:
        png, alt = fig.render(**{name: c.value for name, c in controls.items()})
        image.value = png
        if not fig.message:
            caption.value = f'<small style="opacity:.75">{html.escape(alt)}</small>'
        message.value = (
            f'<span style="color:#b2182b" role="alert">⚠ {html.escape(fig.message)}</span>'
            if fig.message else ""
        )

    for control in controls.values():
        control.observe(redraw, names="value")
    redraw()
    rows = [w.HBox(list(controls.values()), layout=w.Layout(flex_flow="row wrap")), image, caption, message]
    progress = None
    if getattr(fig, "trains", False):  # a TrainingFigure reports here while it trains
        progress = w.IntProgress(min=0, max=1, description="training",
                                 style={"description_width": "initial"},
                                 layout=w.Layout(visibility="hidden"))
        rows.append(progress)
    box = w.VBox(([title] if title else []) + rows)
    box.nn_controls = controls  # tests and notebooks can drive the widget
    box.nn_image = image
    box.nn_message = message
    box.nn_caption = caption
    box.nn_progress = progress  # None unless the figure trains
    return box
