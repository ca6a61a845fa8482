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
import re
import traceback
from typing import Any, Callable, Mapping, Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from nnlib.plotting import style_context
from nnlib.widgets.controls import Control, Dropdown, Slider, validate_controls

__all__ = ["InteractiveFigure", "embed_frames_enabled"]

log = logging.getLogger(__name__)

EMBED_ENV = "NNLIB_EMBED_FRAMES"
PALETTE_COLORS = 32  # colours in a static frame: 24 from the image and 8 greys
PALETTE_GREYS = 8
#: CSS pixels per inch of figure: a widget's image is shown ``figsize × CSS_DPI`` CSS px wide.
CSS_DPI = 100
#: Static frames carry twice the pixels they are shown at: sharp on high-density screens
#: and on slides, which stretch them.
STATIC_DPI = 2 * CSS_DPI
#: Live frames: at the size they are shown. 1.5x cost 15 % more kernel time and 2.25x the
#: pixels to send and decode per move (bench/README.md); the live path's targets are 50 ms in
#: the kernel and 120 ms from slider to image in JupyterLab, and the static frames are the
#: sharp ones (2x).
LIVE_DPI = CSS_DPI


def embed_frames_enabled() -> bool:
    """Whether displayed widgets pre-compute static frames (``NNLIB_EMBED_FRAMES=1``)."""
    return os.environ.get(EMBED_ENV, "") == "1"


def quantize(image, colors: int = PALETTE_COLORS, greys: int = PALETTE_GREYS):
    """`image` (RGB) in a palette of `colors`: fixed colours first, then the image's own.

    The fixed part is a ramp of `greys` and the book's colours
    (:data:`nnlib.plotting.FRAME_COLORS`). Median cut alone spends its colours on the plots'
    colour maps: it turned yellow points green and mapped the grey edges of anti-aliased
    black text to a dark red. No dithering: flat areas stay flat (and compress).
    """
    from PIL import Image

    from nnlib.plotting import FRAME_COLORS

    fixed = [3 * [round(255 * i / (greys - 1))] for i in range(greys)]
    for hex_colour in FRAME_COLORS:
        rgb = [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]
        if rgb not in fixed:
            fixed.append(rgb)
    adaptive = image.quantize(colors=colors - len(fixed), method=Image.Quantize.MEDIANCUT)
    found = adaptive.getpalette()[: 3 * (colors - len(fixed))]
    own = [found[i:i + 3] for i in range(0, len(found), 3)]
    # an image colour next to a fixed one (an off-white) would take the fixed one's pixels:
    # Pillow maps colours to a palette through a coarse cache, not exactly
    own = [rgb for rgb in own if min(sum((a - b) ** 2 for a, b in zip(rgb, f)) for f in fixed) > 12 ** 2]
    palette = [v for rgb in fixed + own for v in rgb]
    holder = Image.new("P", (1, 1))
    holder.putpalette(palette + [0] * (768 - len(palette)))
    return image.quantize(palette=holder, dither=Image.Dither.NONE)


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
    name : str, optional
        The widget's name in the book (its registry name, ``neuron_1d``): the id of its
        static view and the prefix of its controls in a shared URL
        (``?neuron_1d.w=2.0``). Defaults to the title's words joined by ``_``.
    figsize : (float, float)
        Figure size in inches; the image is shown ``figsize × CSS_DPI`` CSS px wide (at
        most, narrower on a phone). Text is drawn with :func:`nnlib.plotting.frame_style`
        (12 pt), so keep the width at most 5.4 in for tick text of at least 10 px on a
        390 px phone (``tests/widgets/test_registry.py`` checks it).
    dpi : int
        Pixels per inch of live frames (``LIVE_DPI``, the CSS size).
    static_dpi : int
        Pixels per inch of the pre-computed frames (``STATIC_DPI``, 2× the CSS size).
    continuous_update : bool
        Redraw while a slider is dragged (True) or only on release (False, for
        expensive widgets).
    static_controls : sequence of str, optional
        The controls the static page moves (default: all). The others stay at their
        defaults there, shown disabled and marked "live only"; in a kernel every control
        moves. This is how a widget keeps its pre-computed grid within the page's budget.

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
        name: str = "",
        figsize: tuple[float, float] = (5.4, 3.0),
        dpi: int = LIVE_DPI,
        static_dpi: int = STATIC_DPI,
        continuous_update: bool = True,
        static_controls: Sequence[str] | None = None,
    ) -> None:
        self.controls = validate_controls(controls)
        names = [c.name for c in self.controls]
        if static_controls is None:
            static_controls = names
        if isinstance(static_controls, str) or not all(isinstance(n, str) for n in static_controls):
            raise TypeError(f"static_controls must be a sequence of control names, got {static_controls!r}")
        unknown = sorted(set(static_controls) - set(names))
        if unknown or not static_controls:
            raise ValueError(f"static_controls must name one or more of the controls {names}, "
                             f"got {list(static_controls)!r}")
        self._static_names = tuple(n for n in names if n in set(static_controls))
        for argument, fn in (("compute", compute), ("draw", draw)):
            if not callable(fn):
                raise TypeError(f"{argument} must be callable, got {type(fn).__name__}")
        if describe is not None and not callable(describe):
            raise TypeError(f"describe must be callable or None, got {type(describe).__name__}")
        self.compute = compute
        self.describe = describe or self._default_describe
        self.title = title
        if not isinstance(name, str) or (name and not name.isidentifier()):
            raise ValueError(f"name must be a Python identifier such as 'neuron_1d', got {name!r}")
        self.name = name or "_".join(re.findall(r"[a-z0-9]+", title.lower())) or "widget"
        self.dpi = int(dpi)
        self.static_dpi = int(static_dpi)
        self.continuous_update = bool(continuous_update)
        self.values = {c.name: c.default for c in self.controls}
        self.message = ""
        self.last_traceback = ""
        self.data: Any = None
        with style_context():
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
        """The current figure as ``png`` (full colour), ``png8`` or ``webp`` (a small palette).

        The static frames are ``webp``: the figure quantised to 32 colours and stored as
        lossless WebP, a third smaller than the same palette as a PNG (``png8``) and a
        quarter of a full-colour PNG, which is what lets a chapter carry hundreds of 2×
        frames within its budget. Lines and text stay exact (lossless); smooth colour
        maps get 32 levels. SVG was three to six times larger (text as paths) and JPEG or
        lossy WebP blur text.
        """
        if fmt not in ("png", "png8", "webp"):
            raise ValueError(f"fmt must be 'png', 'png8' or 'webp', got {fmt!r}")
        buf = io.BytesIO()
        with style_context():
            # zlib level 1: a live frame goes to the browser once, over a local socket, so
            # encoding time (15-20 % of an update at level 6) matters more than its bytes
            self.figure.savefig(buf, format="png", dpi=dpi, pil_kwargs={"compress_level": 1})
        if fmt == "png":
            return buf.getvalue()
        from PIL import Image

        buf.seek(0)
        small = quantize(Image.open(buf).convert("RGB"))
        out = io.BytesIO()
        if fmt == "png8":
            small.save(out, format="PNG", optimize=True)
        else:  # effort 50, method 2: within 1 % of the smallest, five times faster
            small.save(out, format="WEBP", lossless=True, quality=50, method=2)
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
                with style_context():
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
            with style_context():
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

    @property
    def static_controls(self) -> tuple[Control, ...]:
        """The controls the static page moves, in order (the rest stay at their defaults)."""
        return tuple(c for c in self.controls if c.name in self._static_names)

    def static_html(self) -> str:
        """HTML + script showing pre-computed frames over the grid of :attr:`static_controls`."""
        from nnlib.widgets.static import static_html

        return static_html(self)

    def _repr_mimebundle_(self, include=None, exclude=None):
        from nnlib.widgets.static import placeholder_html

        bundle = self.widget._repr_mimebundle_()
        bundle["text/html"] = self.static_html() if embed_frames_enabled() else placeholder_html(self)
        bundle["text/plain"] = repr(self)
        return bundle

    def __repr__(self) -> str:
        values = ", ".join(f"{k}={v!r}" for k, v in self.values.items())
        return f"InteractiveFigure({self.title or 'untitled'!r}, {values})"
