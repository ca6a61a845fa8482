"""Sphinx extension: widget frames as files, out of the pages.

A chapter's notebook carries each static widget's frames inline (base64), so that the
notebook is self-contained. On the site that would put megabytes into every page, all
loaded before anything else. Before a page is written this moves every frame into
``_frames/<content hash>.webp`` (stored once, however many pages or decks show it) and
leaves the addresses: the page holds each widget's first frame as a lazily loaded image,
and the player fetches the others as plain images when a control moves (no ``fetch()``,
so ``file://`` works). The decks do the same (``scripts/build_slides.py``); both call
:func:`nnlib.widgets.static.externalize_frames`.
"""

from __future__ import annotations

from pathlib import Path

FRAMES_DIR = "_frames"  # in the built site; the decks (one folder down) use it too


def move_frames(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if not body or "nn-frames" not in body:
        return
    from nnlib.widgets.static import externalize_frames, folder_store

    store = folder_store(Path(app.outdir) / FRAMES_DIR, "../" * pagename.count("/") + FRAMES_DIR + "/")
    context["body"], _ = externalize_frames(body, store)


def collect_garbage(outdir: Path) -> list[str]:
    """Delete the frames of `outdir` that no page or deck refers to (left by earlier builds of
    changed chapters); returns their names. The decks (``scripts/build_slides.py``) are built
    after the pages, so it runs there too."""
    import re

    folder = outdir / FRAMES_DIR
    if not folder.is_dir():
        return []
    used = set()
    for page in outdir.glob("**/*.html"):
        used.update(re.findall(FRAMES_DIR + r'/([0-9a-f]{20}\.[a-z]+)', page.read_text(encoding="utf-8")))
    unused = sorted(frame.name for frame in folder.iterdir() if frame.name not in used)
    for name in unused:
        (folder / name).unlink()
    return unused


def drop_unused_frames(app, exception) -> None:
    if exception is None and app.builder.format == "html":
        collect_garbage(Path(app.outdir))


def setup(app):
    app.connect("html-page-context", move_frames)
    app.connect("build-finished", drop_unused_frames)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
