"""Sphinx extension: figures below the first screen load when the reader gets near them.

A chapter's figures (PNG outputs and ``{figure}`` images, 30-100 kB each) used to load
with the page, before ``load``, whether or not the reader scrolls to them. As each page is
written this gives every ``<img>`` of the ``_images/`` folder ``loading="lazy"`` and
``decoding="async"``, and its pixel size (read from the image Sphinx copies there) as ``width``/``height`` (the theme's CSS scales
it; an image with a CSS width in pixels gets that width and the height that keeps its aspect;
the browser keeps its place, so the page does not jump as images arrive and links to
a section land where they should). The PDF builder (``scripts/build_pdf.py``) makes them
eager again before printing.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable
from pathlib import Path

IMG = re.compile(r'<img\b[^>]*\bsrc="([^"]*_images/[^"]+\.png)"[^>]*>')
STYLE_WIDTH = re.compile(r'style="[^"]*\bwidth:\s*(\d+)px')


def png_size(path: Path) -> tuple[int, int]:
    """(width, height) of a PNG file, from its header."""
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path} is not a PNG file")
    return struct.unpack(">II", head[16:24])


def lazy(page_html: str, find: Callable[[str], Path | None]) -> str:
    """`page_html` with its ``_images/*.png`` tags lazy and sized (tags already lazy are kept).

    `find` maps an image's ``src`` to the PNG file it shows (None if unknown: no size then).
    """
    def fix(match: re.Match) -> str:
        tag = match.group(0)
        if "loading=" in tag:
            return tag
        extra = ' loading="lazy" decoding="async"'
        image = find(match.group(1))
        if "width=" not in tag and "height=" not in tag and image is not None and image.is_file():
            width, height = png_size(image)
            shown = STYLE_WIDTH.search(tag)  # display(Image(..., width=540)): a 2x image shown at 540 px
            if shown:
                width, height = int(shown.group(1)), round(int(shown.group(1)) * height / width)
            extra += f' width="{width}" height="{height}"'
        return tag[:4] + extra + tag[4:]

    return IMG.sub(fix, page_html)


def make_images_lazy(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if app.builder.format != "html" or not body or "_images/" not in body:
        return
    sources = {dest: Path(app.srcdir, src) for src, dest in app.builder.images.items()}
    context["body"] = lazy(body, lambda src: sources.get(src.rsplit("/", 1)[-1]))


def setup(app):
    app.connect("html-page-context", make_images_lazy)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
