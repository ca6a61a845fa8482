"""The static path: pre-computed frames switched by a small dependency-free script.

Where no Python runs (the website, the slides), a widget is an image plus HTML
controls. Every point of the control grid is rendered once when the notebook is
executed for the book; identical frames are stored once. Moving a slider or picking
an option looks the frame up by its grid index and swaps the image and its alt text.
"""

from __future__ import annotations

import base64
import html
import itertools
import json
from typing import TYPE_CHECKING

from nnlib.widgets.controls import Dropdown

if TYPE_CHECKING:
    from nnlib.widgets.figure import InteractiveFigure

__all__ = ["static_html", "placeholder_html", "frame_grid", "PLAYER_JS"]

FRAME_FORMAT = "png8"  # palette PNG: crisp lines at a quarter of a full PNG's size

# Dependency-free player. The JSON next to the script holds, for each point of the
# controls' grids in row-major order, an index into the list of unique frames and an
# alt text. Alt texts are per point, not per frame: two settings can draw the same
# image (stored once) yet need different descriptions (they name the values).
PLAYER_JS = """(function () {
  var root = document.currentScript.parentElement;
  var spec = JSON.parse(root.querySelector("script.nn-frames").textContent);
  var img = root.querySelector("img.nn-frame");
  var inputs = root.querySelectorAll("[data-nn-control]");
  function show() {
    var flat = 0;
    for (var i = 0; i < inputs.length; i++) {
      var k = parseInt(inputs[i].value, 10);
      flat = flat * spec.shape[i] + k;
      if (inputs[i].type === "range") {
        var text = spec.labels[i][k];
        inputs[i].setAttribute("aria-valuetext", text);
        inputs[i].nextElementSibling.textContent = text;
      }
    }
    var f = spec.order[flat];
    img.src = "data:" + spec.mime + ";base64," + spec.frames[f];
    img.alt = spec.alts[flat];
    root.setAttribute("data-nn-frame", String(flat));
  }
  for (var i = 0; i < inputs.length; i++) {
    inputs[i].addEventListener("input", show);
    inputs[i].addEventListener("change", show);
  }
  root.setAttribute("data-nn-ready", "true");
})();"""

CSS = """<style>
.nn-widget{border:1px solid #8884;border-radius:6px;padding:.5em .75em;margin:1em 0;max-width:660px}
.nn-widget .nn-controls{display:flex;flex-wrap:wrap;gap:.4em 1.4em;align-items:center;margin-bottom:.4em;font-size:.9em}
.nn-widget label{display:inline-flex;align-items:center;gap:.4em}
.nn-widget output{min-width:3.2em;font-variant-numeric:tabular-nums}
.nn-widget img.nn-frame{max-width:100%;height:auto;display:block;background:#fff}
.nn-widget .nn-note{font-size:.8em;opacity:.75;margin:.2em 0 0}
</style>"""


def frame_grid(fig: "InteractiveFigure") -> list[dict]:
    """Every combination of control values, in row-major order (last control fastest)."""
    names = [c.name for c in fig.controls]
    return [dict(zip(names, combo)) for combo in itertools.product(*(c.grid() for c in fig.controls))]


def _json_for_script(obj) -> str:
    return json.dumps(obj, separators=(",", ":")).replace("</", "<\\/").replace("<!--", "<\\u0021--")


def _controls_html(fig: "InteractiveFigure", interactive: bool) -> str:
    parts = []
    for c in fig.controls:
        grid = c.grid()
        index = grid.index(c.snap(c.default))
        label = html.escape(c.text)
        disabled = "" if interactive else " disabled"
        if isinstance(c, Dropdown):
            options = "".join(
                f'<option value="{i}"{" selected" if i == index else ""}>{html.escape(text)}</option>'
                for i, (text, _) in enumerate(c.options)
            )
            parts.append(f'<label>{label} <select data-nn-control="{c.name}"{disabled}>{options}</select></label>')
        else:
            shown = html.escape(c.format(grid[index]))
            parts.append(
                f'<label>{label} <input type="range" data-nn-control="{c.name}" min="0" '
                f'max="{len(grid) - 1}" step="1" value="{index}" aria-valuetext="{shown}"{disabled}>'
                f"<output>{shown}</output></label>"
            )
    return '<div class="nn-controls">' + "".join(parts) + "</div>"


def _frame_tag(data: bytes, alt: str, mime: str, width: int, height: int) -> str:
    src = f"data:{mime};base64,{base64.b64encode(data).decode()}"
    return (f'<img class="nn-frame" src="{src}" alt="{html.escape(alt)}" '
            f'width="{width}" height="{height}">')


def static_html(fig: "InteractiveFigure") -> str:
    """Pre-compute every frame and return the self-contained static widget."""
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
        "shape": [len(c.grid()) for c in fig.controls],
        "labels": [[c.format(v) for v in c.grid()] for c in fig.controls],
        "mime": "image/png",
        "order": order,
        "frames": frames,
        "alts": alts,
    }
    first = order[default_flat]
    width = int(fig.figure.get_figwidth() * fig.static_dpi)
    height = int(fig.figure.get_figheight() * fig.static_dpi)
    title = f'<div class="nn-title"><b>{html.escape(fig.title)}</b></div>' if fig.title else ""
    img = (f'<img class="nn-frame" src="data:image/png;base64,{frames[first]}" '
           f'alt="{html.escape(alts[default_flat])}" width="{width}" height="{height}">')
    return (
        f'{CSS}<div class="nn-widget" data-nn-frame="{default_flat}">{title}'
        f"{_controls_html(fig, interactive=True)}{img}"
        f'<p class="nn-note">Pre-computed frames: run the notebook for every value.</p>'
        f'<script type="application/json" class="nn-frames">{_json_for_script(spec)}</script>'
        f"<script>{PLAYER_JS}</script></div>"
    )


def placeholder_html(fig: "InteractiveFigure") -> str:
    """What a notebook viewer without a kernel shows: the default frame, controls greyed."""
    data, alt = fig.render(fmt="png", dpi=fig.static_dpi, **{c.name: c.default for c in fig.controls})
    width = int(fig.figure.get_figwidth() * fig.static_dpi)
    height = int(fig.figure.get_figheight() * fig.static_dpi)
    return (
        f'{CSS}<div class="nn-widget">{_controls_html(fig, interactive=False)}'
        f"{_frame_tag(data, alt, 'image/png', width, height)}"
        f'<p class="nn-note">Run this notebook to move the controls.</p></div>'
    )
