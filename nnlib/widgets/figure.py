"""The interactive figure: controls, a pure compute function and a drawing function.

An :class:`InteractiveFigure` is the one object every chapter widget is made of:

* ``controls``: :class:`~nnlib.widgets.controls.Slider` / ``Dropdown`` specifications;
* ``compute(**values) -> data``: pure maths, no plotting (this is what tests check);
* ``draw(fig) -> update``: builds the axes and artists once on a matplotlib
  :class:`~matplotlib.figure.Figure` and returns ``update(data)``, which changes the
  artists for new data. Keeping the figure and updating artists is what makes a live
  update cheap (see ``bench/``).

Displayed in a running kernel it is an ipywidgets widget that recomputes and redraws.
Executed for the book (``NNLIB_EMBED_FRAMES=1``, set by ``make execute``) it also
pre-computes one frame per point of the control grid and embeds them, with a small
script, as the HTML shown by the static website and the slides.
"""

from __future__ import annotations

import io
import logging
import numbers
import os
import traceback
from typing import Any, Callable, Mapping, Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from nnlib.widgets.controls import Control, Dropdown, Slider, validate_controls

__all__ = ["InteractiveFigure", "embed_frames_enabled"]

log = logging.getLogger(__name__)

EMBED_ENV = "NNLIB_EMBED_FRAMES"
PALETTE_COLORS = 32  # colours in a static frame


def embed_frames_enabled() -> bool:
    """Whether displayed widgets pre-compute static frames (``NNLIB_EMBED_FRAMES=1``)."""
    return os.environ.get(EMBED_ENV, "") == "1"


def short_message(exc: BaseException) -> str:
    """One line a reader can act on, instead of a traceback."""
    if not str(exc).strip():
        return type(exc).__name__
    text = str(exc).strip().splitlines()[0]
    return text if isinstance(exc, (ValueError, FloatingPointError, ArithmeticError)) else (
        f"{type(exc).__name__}: {text}"
    )


class InteractiveFigure:
    """A figure driven by controls, live in a kernel and pre-computed on static pages.

    Parameters
    ----------
    controls : sequence of Slider or Dropdown
        What the reader can change; names must match `compute`'s keyword arguments.
    compute : callable
        ``compute(**values) -> data``. Pure; raise ``ValueError`` with a readable
        message for settings that make no sense (it is shown in the widget).
    draw : callable
        ``draw(fig) -> update`` where ``update(data)`` redraws for new data.
    describe : callable, optional
        ``describe(values, data) -> str``: alt text for a frame. Defaults to listing
        the control values.
    title : str, optional
        Short caption shown above the controls.
    figsize : (float, float)
        Figure size in inches.
    dpi : int
        Resolution of live frames; static frames use `static_dpi`.
    static_dpi : int
        Resolution of the pre-computed frames (smaller keeps pages light).
    continuous_update : bool
        Redraw while a slider is dragged (True) or only on release (False, for
        expensive widgets).

    Examples
    --------
    >>> from nnlib.widgets import Slider
    >>> def compute(a):
    ...     return {"y": [a, a * a]}
    >>> def draw(fig):
    ...     ax = fig.add_subplot()
    ...     line, = ax.plot([0, 1], [0, 0])
    ...     return lambda data: line.set_ydata(data["y"])
    >>> fig = InteractiveFigure([Slider("a", -1, 1, 0.5, 0)], compute, draw)
    >>> png, alt = fig.render(a=0.5)
    >>> png[:4] == b"\\x89PNG", alt
    (True, 'a = 0.5')
    """

    def __init__(
        self,
        controls: Sequence[Control],
        compute: Callable[..., Any],
        draw: Callable[[Figure], Callable[[Any], None]],
        *,
        describe: Callable[[Mapping[str, Any], Any], str] | None = None,
        title: str = "",
        figsize: tuple[float, float] = (6.4, 3.2),
        dpi: int = 100,
        static_dpi: int = 72,
        continuous_update: bool = True,
    ) -> None:
        self.controls = validate_controls(controls)
        for argument, fn in (("compute", compute), ("draw", draw)):
            if not callable(fn):
                raise TypeError(f"{argument} must be callable, got {type(fn).__name__}")
        if describe is not None and not callable(describe):
            raise TypeError(f"describe must be callable or None, got {type(describe).__name__}")
        self.compute = compute
        self.describe = describe or self._default_describe
        self.title = title
        self.dpi = int(dpi)
        self.static_dpi = int(static_dpi)
        self.continuous_update = bool(continuous_update)
        self.values = {c.name: c.default for c in self.controls}
        self.message = ""
        self.last_traceback = ""
        self.data: Any = None
        self.figure = Figure(figsize=figsize, dpi=self.dpi)
        FigureCanvasAgg(self.figure)
        self._update = draw(self.figure)
        if not callable(self._update):
            raise TypeError("draw(fig) must return a callable update(data)")
        self._widget = None

    # -- pure part -------------------------------------------------------------------
    def _default_describe(self, values: Mapping[str, Any], data: Any) -> str:
        return ", ".join(f"{c.text} = {c.format(values[c.name])}" for c in self.controls)

    def _checked(self, values: Mapping[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(values) - set(self.values))
        if unknown:
            raise ValueError(
                f"unknown control(s) {', '.join(unknown)}; expected: {', '.join(self.values)}"
            )
        merged = {**self.values, **values}
        for c in self.controls:
            v = merged[c.name]
            if isinstance(c, Dropdown) and v not in c.grid():
                raise ValueError(f"{c.name} must be one of {list(c.grid())}, got {v!r}")
            if isinstance(c, Slider):
                if isinstance(v, bool) or not isinstance(v, numbers.Real):
                    raise TypeError(f"{c.name} must be a number, got {type(v).__name__}")
                if not c.min - 1e-9 <= v <= c.max + 1e-9:
                    raise ValueError(f"{c.name} must be in [{c.min}, {c.max}], got {v}")
        return merged

    # -- rendering -------------------------------------------------------------------
    def _encode(self, dpi: int, fmt: str = "png") -> bytes:
        """The current figure as ``png`` (full colour) or ``png8`` (a small palette).

        ``png8`` keeps plots crisp at a quarter of the size, which is what lets a page
        carry hundreds of pre-computed frames within its budget.
        """
        buf = io.BytesIO()
        self.figure.savefig(buf, format="png", dpi=dpi)
        if fmt == "png":
            return buf.getvalue()
        if fmt != "png8":
            raise ValueError(f"fmt must be 'png' or 'png8', got {fmt!r}")
        from PIL import Image

        buf.seek(0)
        small = Image.open(buf).convert("RGB").quantize(colors=PALETTE_COLORS, method=Image.Quantize.MEDIANCUT)
        out = io.BytesIO()
        small.save(out, format="PNG", optimize=True)
        return out.getvalue()

    def _fail(self, exc: BaseException) -> bool:
        self.message = short_message(exc)
        self.last_traceback = traceback.format_exc()
        log.debug("widget update failed:\n%s", self.last_traceback)
        return False

    def _restore(self) -> None:
        """Redraw the last good data after a failure part-way through drawing."""
        if self.data is not None:
            try:
                self._update(self.data)
            except Exception:
                log.debug("restoring the previous figure failed", exc_info=True)

    def update(self, **values: Any) -> bool:
        """Recompute and redraw for new control values; False (and a message) on failure.

        A failing compute or draw never raises: the message is stored in
        :attr:`message` (and shown in the widget) and the previous figure is kept.
        """
        values = self._checked(values)
        try:
            data = self.compute(**values)
        except Exception as exc:  # a widget must never show a traceback
            return self._fail(exc)
        try:
            self._update(data)
        except Exception as exc:
            self._restore()
            return self._fail(exc)
        self.values, self.data, self.message = values, data, ""
        return True

    def render(self, fmt: str = "png", dpi: int | None = None, **values: Any) -> tuple[bytes, str]:
        """Image bytes and alt text for the given control values (or the message).

        Failures anywhere (compute, artists, rendering the image, the alt text) leave the
        previous figure and put a one-line message in :attr:`message` and the alt text.
        """
        good = self.values, self.data
        ok = self.update(**values)
        try:
            image = self._encode(dpi or self.dpi, fmt)
        except Exception as exc:  # artists accepted data that cannot be drawn
            ok = self._fail(exc)
            self.values, self.data = good  # the new data is not good: back to the last
            self._restore()
            image = self._encode(dpi or self.dpi, fmt)
        if not ok:
            return image, self.message
        try:
            return image, self.describe(self.values, self.data)
        except Exception:
            log.debug("describe failed", exc_info=True)
            return image, self._default_describe(self.values, self.data)

    # -- display ---------------------------------------------------------------------
    @property
    def widget(self):
        """The live ipywidgets widget (built on first use)."""
        if self._widget is None:
            from nnlib.widgets.live import build_live_widget

            self._widget = build_live_widget(self)
        return self._widget

    def static_view(self) -> "InteractiveFigure":
        """The figure whose control grid the static page pre-computes: this one.

        A widget whose page keeps some controls at their defaults (a smaller grid) returns
        a figure with only the others (see ``nnlib.widgets.xor.network``).
        """
        return self

    def static_html(self) -> str:
        """HTML + script showing pre-computed frames over the grid of :meth:`static_view`."""
        from nnlib.widgets.static import static_html

        return static_html(self.static_view())

    def _repr_mimebundle_(self, include=None, exclude=None):
        from nnlib.widgets.static import placeholder_html

        bundle = self.widget._repr_mimebundle_()
        bundle["text/html"] = self.static_html() if embed_frames_enabled() else placeholder_html(self)
        bundle["text/plain"] = repr(self)
        return bundle

    def __repr__(self) -> str:
        values = ", ".join(f"{k}={v!r}" for k, v in self.values.items())
        return f"InteractiveFigure({self.title or 'untitled'!r}, {values})"
