"""The static path: pre-computed frames switched by a small dependency-free script.

Where no Python runs (the website, the slides), a widget is an image plus HTML
controls. Every point of the static view's control grid is rendered once when the
notebook is executed for the book; identical frames are stored once. Moving a slider or
picking an option looks the frame up by its grid index and swaps the image and its alt
text.

The notebook's output carries the frames inline (base64), so that it is self-contained.
The book and the decks move them out (:func:`externalize_frames`, called by
``book_ext/frames.py`` and ``scripts/build_slides.py``) into content-addressed files
under ``_frames/``: a page then holds each widget's first frame only as an ``<img>``
the browser loads lazily, and the player asks for a frame (and prefetches its
neighbours) only when a control moves. Plain ``<img>`` loads, not ``fetch()``, so the
site also works from ``file://``.

A moved control writes the view into the page's address (``?neuron_1d.w=2.0``, with
``history.replaceState``); opening such an address restores the view and scrolls to it.
"""

from __future__ import annotations

import base64
import hashlib
import html
import itertools
import json
import re
from typing import TYPE_CHECKING, Callable

from nnlib.widgets.controls import Dropdown

if TYPE_CHECKING:
    from nnlib.widgets.figure import InteractiveFigure

__all__ = ["static_html", "placeholder_html", "frame_grid", "externalize_frames", "folder_store",
           "frame_file_name", "min_text_px",
           "PLAYER_JS", "FRAME_FORMAT", "FRAME_MIME"]

FRAME_FORMAT = "webp"  # a 32-colour palette stored as lossless WebP (see InteractiveFigure._encode)
FRAME_MIME = "image/webp"

# Dependency-free player (ES5, no globals). The JSON next to the script holds, for each
# point of the controls' grids in row-major order, an index into the list of unique frames
# and an alt text. Alt texts are per point, not per frame: two settings can draw the same
# image (stored once) yet need different descriptions (they name the values). Frames are
# base64 in a notebook (`frames`) and file addresses on the site (`urls`).
PLAYER_JS = """(function () {
  var root = document.currentScript.parentElement;
  var spec = JSON.parse(root.querySelector("script.nn-frames").textContent);
  var img = root.querySelector("img.nn-frame");
  var inputs = root.querySelectorAll("[data-nn-control]");
  var asked = {};
  function src(f) {
    return spec.urls ? spec.urls[f] : "data:" + spec.mime + ";base64," + spec.frames[f];
  }
  function point() {
    var ks = [];
    for (var i = 0; i < inputs.length; i++) ks.push(parseInt(inputs[i].value, 10));
    return ks;
  }
  function flatOf(ks) {
    var flat = 0;
    for (var i = 0; i < ks.length; i++) flat = flat * spec.shape[i] + ks[i];
    return flat;
  }
  function prefetch(ks) {
    if (!spec.urls) return;
    for (var i = 0; i < ks.length; i++) {
      for (var d = -1; d <= 1; d += 2) {
        var k = ks[i] + d;
        if (k < 0 || k >= spec.shape[i]) continue;
        var near = ks.slice();
        near[i] = k;
        var f = spec.order[flatOf(near)];
        if (!asked[f]) { asked[f] = new Image(); asked[f].src = src(f); }
      }
    }
  }
  function writeAddress(ks) {
    try {
      var params = new URLSearchParams(window.location.search);
      for (var i = 0; i < ks.length; i++) params.set(spec.name + "." + spec.controls[i], spec.keys[i][ks[i]]);
      window.history.replaceState(window.history.state, "", "?" + params.toString() + window.location.hash);
    } catch (e) { /* an address that cannot change (a sandboxed frame): the view still works */ }
  }
  function readAddress() {
    var found = false, params;
    try { params = new URLSearchParams(window.location.search); } catch (e) { return false; }
    for (var i = 0; i < inputs.length; i++) {
      var v = params.get(spec.name + "." + spec.controls[i]);
      if (v === null) continue;
      var k = spec.keys[i].indexOf(v);
      if (k < 0 && inputs[i].type === "range" && isFinite(parseFloat(v))) {
        var best = Infinity;  /* a value between grid points: the nearest frame */
        for (var j = 0; j < spec.keys[i].length; j++) {
          var gap = Math.abs(parseFloat(spec.keys[i][j]) - parseFloat(v));
          if (gap < best) { best = gap; k = j; }
        }
      }
      if (k >= 0) { inputs[i].value = String(k); found = true; }
    }
    return found;
  }
  function show(event) {
    var ks = point();
    for (var i = 0; i < inputs.length; i++) {
      if (inputs[i].type === "range") {
        var text = spec.labels[i][ks[i]];
        inputs[i].setAttribute("aria-valuetext", text);
        inputs[i].nextElementSibling.textContent = text;
      }
    }
    var flat = flatOf(ks), next = src(spec.order[flat]);
    if (img.getAttribute("src") !== next) {
      root.classList.add("nn-loading");
      img.setAttribute("src", next);
    }
    img.alt = spec.alts[flat];
    root.setAttribute("data-nn-frame", String(flat));
    if (event) writeAddress(ks);
    prefetch(ks);
  }
  img.addEventListener("load", function () { root.classList.remove("nn-loading"); });
  img.addEventListener("error", function () { root.classList.remove("nn-loading"); });
  for (var i = 0; i < inputs.length; i++) {
    inputs[i].addEventListener("input", show);
    inputs[i].addEventListener("change", show);
  }
  if (readAddress()) {
    show(null);
    if (!document.querySelector(".reveal")) {
      root.scrollIntoView({block: "center"});
      window.addEventListener("load", function () { root.scrollIntoView({block: "center"}); });
    }
  }
  root.addEventListener("focusin", function once() {
    prefetch(point());
    root.removeEventListener("focusin", once);
  });
  root.addEventListener("pointerenter", function () { prefetch(point()); });
  root.setAttribute("data-nn-ready", "true");
})();"""

# Inline, so that a notebook viewer and a deck style the widget too; the book's web/book.css
# adds the page theme's colours (text and background of the chrome: light on a dark page).
# The frame keeps its own white background, so it reads the same on both.
CSS = """<style>
.nn-widget{border:1px solid #8888;border-radius:6px;padding:.5em .75em;margin:1em 0;box-sizing:border-box;max-width:calc(var(--nn-width,660px) + 1.6em)}
.nn-widget .nn-controls{display:flex;flex-wrap:wrap;gap:.4em 1.4em;align-items:center;margin-bottom:.4em;font-size:.9em}
.nn-widget label{display:inline-flex;align-items:center;gap:.4em}
.nn-widget output{min-width:3.2em;font-variant-numeric:tabular-nums}
.nn-widget input[type=range],.nn-widget select{min-height:24px}
.nn-widget .nn-live-only{font-size:.85em;font-style:italic}
.nn-widget img.nn-frame{max-width:100%;height:auto;display:block;background:#fff;border-radius:3px;transition:opacity .15s}
.nn-widget.nn-loading img.nn-frame{opacity:.85}
.nn-widget .nn-note{font-size:.85em;margin:.3em 0 0}
@media (max-width:600px){.nn-widget{padding:.4em .3em}}
</style>"""


def frame_grid(fig: "InteractiveFigure") -> list[dict]:
    """Every point of the static grid, in row-major order (last control fastest).

    Each point gives every control a value: the static controls their grid values, the
    others (live only) their defaults.
    """
    fixed = {c.name: c.snap(c.default) for c in fig.controls}
    moving = fig.static_controls
    return [{**fixed, **dict(zip((c.name for c in moving), combo))}
            for combo in itertools.product(*(c.grid() for c in moving))]


def _json_for_script(obj) -> str:
    return json.dumps(obj, separators=(",", ":")).replace("</", "<\\/").replace("<!--", "<\\u0021--")


def _key(control, value) -> str:
    """How a control's value is written in a shared address: ``2.0``, ``tanh``."""
    return control.format(value)


def _controls_html(fig: "InteractiveFigure", active: set[str], interactive: bool) -> str:
    parts = []
    for c in fig.controls:
        grid = c.grid()
        index = grid.index(c.snap(c.default))
        live_only = c.name not in active
        label = html.escape(c.text)
        attrs = (' data-nn-live-only="" disabled title="Run the notebook (Binder, Colab or Jupyter) '
                 'to change this"' if live_only else
                 f' data-nn-control="{c.name}"' + ("" if interactive else " disabled"))
        tag = ' <span class="nn-live-only">(live only)</span>' if live_only else ""
        if isinstance(c, Dropdown):
            options = "".join(
                f'<option value="{i}"{" selected" if i == index else ""}>{html.escape(text)}</option>'
                for i, (text, _) in enumerate(c.options)
            )
            parts.append(f"<label>{label} <select{attrs}>{options}</select>{tag}</label>")
        else:
            shown = html.escape(c.format(grid[index]))
            parts.append(
                f'<label>{label} <input type="range" min="0" max="{len(grid) - 1}" step="1" '
                f'value="{index}" aria-valuetext="{shown}"{attrs}><output>{shown}</output>{tag}</label>'
            )
    return '<div class="nn-controls">' + "".join(parts) + "</div>"


def min_text_px(fig: "InteractiveFigure") -> float:
    """Height in CSS px of the frame's smallest text, shown at its CSS size (``figsize × CSS_DPI``).

    Measured on the figure as last drawn: every visible, non-empty text artist (ticks,
    labels, titles, legends, annotations).
    """
    from matplotlib.text import Text

    from nnlib.widgets.figure import CSS_DPI

    hidden = {id(t) for ax in fig.figure.axes if not (ax.get_visible() and ax.axison)
              for t in ax.get_xticklabels() + ax.get_yticklabels()}
    sizes = [t.get_fontsize() for t in fig.figure.findobj(Text)
             if t.get_visible() and t.get_text().strip() and id(t) not in hidden
             and (t.axes is None or t.axes.get_visible())]
    return round(min(sizes, default=0.0) * CSS_DPI / 72, 1)


def _css_size(fig: "InteractiveFigure") -> tuple[int, int]:
    from nnlib.widgets.figure import CSS_DPI

    return (round(fig.figure.get_figwidth() * CSS_DPI), round(fig.figure.get_figheight() * CSS_DPI))


def _frame_img(src: str, alt: str, fig: "InteractiveFigure") -> str:
    width, height = _css_size(fig)
    return (f'<img class="nn-frame" src="{src}" alt="{html.escape(alt)}" width="{width}" '
            f'height="{height}" data-nn-min-text="{min_text_px(fig)}" decoding="async">')


def _widget_open(fig: "InteractiveFigure", extra: str = "") -> str:
    width, _ = _css_size(fig)
    title = f'<div class="nn-title"><b>{html.escape(fig.title)}</b></div>' if fig.title else ""
    return (f'{CSS}<div class="nn-widget" id="nn-{fig.name}" data-nn-name="{fig.name}" '
            f'style="--nn-width:{max(width, 480)}px"{extra}>{title}')


def static_html(fig: "InteractiveFigure") -> str:
    """Pre-compute every frame of the static grid and return the self-contained widget.

    Controls of `fig` that the static view keeps at their defaults are shown disabled and
    marked "live only".
    """
    moving = fig.static_controls
    frames: list[str] = []
    alts: list[str] = []  # one per grid point, like `order`
    seen: dict[bytes, int] = {}
    order: list[int] = []
    default_flat = 0
    defaults = {c.name: c.snap(c.default) for c in fig.controls}
    for flat, values in enumerate(frame_grid(fig)):
        data, alt = fig.render(fmt=FRAME_FORMAT, dpi=fig.static_dpi, **values)
        if values == defaults:
            default_flat = flat
        if data not in seen:
            seen[data] = len(frames)
            frames.append(base64.b64encode(data).decode())
        order.append(seen[data])
        alts.append(alt)
    fig.update(**defaults)  # leave the figure as the reader first sees it
    spec = {
        "name": fig.name,
        "controls": [c.name for c in moving],
        "shape": [len(c.grid()) for c in moving],
        "labels": [[c.format(v) for v in c.grid()] for c in moving],
        "keys": [[_key(c, v) for v in c.grid()] for c in moving],
        "mime": FRAME_MIME,
        "order": order,
        "frames": frames,
        "alts": alts,
    }
    first = f"data:{FRAME_MIME};base64,{frames[order[default_flat]]}"
    live_only = len(moving) < len(fig.controls)
    extra = f' data-nn-frame="{default_flat}"'
    note = ("Pre-computed frames. Run the notebook to change every value"
            + (", including the controls marked live only." if live_only else "."))
    return (
        f"{_widget_open(fig, extra)}"
        f"{_controls_html(fig, {c.name for c in moving}, interactive=True)}"
        f"{_frame_img(first, alts[default_flat], fig)}"
        f'<p class="nn-note">{note}</p>'
        f'<script type="application/json" class="nn-frames">{_json_for_script(spec)}</script>'
        f"<script>{PLAYER_JS}</script></div>"
    )


def placeholder_html(fig: "InteractiveFigure") -> str:
    """What a notebook viewer without a kernel shows: the default frame, controls greyed."""
    data, alt = fig.render(fmt="png8", dpi=fig.static_dpi, **{c.name: c.default for c in fig.controls})
    src = f"data:image/png;base64,{base64.b64encode(data).decode()}"
    return (
        f"{_widget_open(fig)}{_controls_html(fig, {c.name for c in fig.controls}, interactive=False)}"
        f"{_frame_img(src, alt, fig)}"
        f'<p class="nn-note">Run this notebook to move the controls.</p></div>'
    )


# -- the site: frames out of the page ---------------------------------------------------------

# Attribute order is not ours to rely on: nbconvert (the decks) rewrites the tags.
_SPEC = re.compile(r'(<script\b[^>]*\bclass="nn-frames"[^>]*>)(.*?)(</script>)', re.S)
_IMG = re.compile(r'<img\b[^>]*\bclass="nn-frame"[^>]*>')
_SRC = re.compile(r'\bsrc="data:image/[a-z]+;base64,([A-Za-z0-9+/=]+)"')
_EXT = {"image/webp": "webp", "image/png": "png"}


def frame_file_name(data: bytes, mime: str) -> str:
    """The content-addressed file name of a frame: ``<sha256 prefix>.webp``."""
    return f"{hashlib.sha256(data).hexdigest()[:20]}.{_EXT[mime]}"


def folder_store(folder, prefix: str) -> Callable[[bytes, str], str]:
    """A `store` for :func:`externalize_frames`: writes ``folder/<name>`` once, returns ``prefix + name``.

    The book's pages (``book_ext/frames.py``) and the decks (``scripts/build_slides.py``)
    share one folder, ``_build/html/_frames/``, with prefixes relative to each page.
    """
    from pathlib import Path

    folder = Path(folder)

    def store(data: bytes, name: str) -> str:
        path = folder / name
        if not path.exists():
            folder.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return prefix + name

    return store


def externalize_frames(page: str, store: Callable[[bytes, str], str]) -> tuple[str, int]:
    """Move every widget's inline frames out of an HTML page.

    Parameters
    ----------
    page : str
        An HTML page (a book chapter or a deck) holding static widgets as
        :func:`static_html` writes them.
    store : callable
        ``store(data, file_name) -> url``: writes one frame (once: names are content
        addresses) and returns its address relative to the page.

    Returns
    -------
    page : str
        The page with each widget's frames replaced by addresses (``urls`` in its JSON)
        and its first frame an ``<img loading="lazy">`` of that address.
    count : int
        The number of widgets changed.

    Examples
    --------
    >>> stored = {}
    >>> def store(data, name):
    ...     stored[name] = data
    ...     return "../_frames/" + name
    >>> frame = base64.b64encode(b"RIFF....WEBP").decode()
    >>> page = ('<img class="nn-frame" src="data:image/webp;base64,' + frame + '" alt="">'
    ...         '<script type="application/json" class="nn-frames">{"mime":"image/webp",'
    ...         '"frames":["' + frame + '"],"order":[0]}</script>')
    >>> out, n = externalize_frames(page, store)
    >>> n, list(stored.values()) == [b"RIFF....WEBP"], "base64" in out, 'loading="lazy"' in out
    (1, True, False, True)
    """
    urls: dict[str, str] = {}
    count = 0

    def move(match: re.Match) -> str:
        nonlocal count
        spec = json.loads(match.group(2))
        if "frames" not in spec:  # already moved
            return match.group(0)
        spec["urls"] = []
        for encoded in spec.pop("frames"):
            if encoded not in urls:
                data = base64.b64decode(encoded)
                urls[encoded] = store(data, frame_file_name(data, spec["mime"]))
            spec["urls"].append(urls[encoded])
        count += 1
        return match.group(1) + _json_for_script(spec) + match.group(3)

    page = _SPEC.sub(move, page)

    def first(match: re.Match) -> str:
        tag = match.group(0)
        src = _SRC.search(tag)
        url = urls.get(src.group(1)) if src else None
        if url is None:  # a placeholder's image, not a frame of a moved widget
            return tag
        return tag[:src.start()] + f'src="{html.escape(url)}" loading="lazy"' + tag[src.end():]

    return _IMG.sub(first, page), count
