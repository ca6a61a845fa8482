"""Sphinx extension: accessibility fixes for HTML that Python code (not a template) writes.

myst-nb writes ``<summary aria-label="Toggle hidden content">`` around "Show code cell
source": a label that differs from the visible text fails axe's ``label-content-name-mismatch``
(speech users say what they see). The visible text is a good name, so the label goes.
Theme components with the same problem are fixed by our copies in ``book_ext/templates/``.

A figure made by a notebook cell (an image output with a ``mystnb.figure`` caption) has no
alt text, and Sphinx then writes the image's file name as its ``alt``: a screen reader read
out "../_images/c05da322c3….png". Such an image takes its figure's caption as its alt text
(a cell's own ``mystnb.image.alt`` wins); an image with neither keeps the file name, and
``tests/smoke/test_first_view.py`` fails on it.
"""

from __future__ import annotations

from docutils import nodes

MYST_NB_SUMMARY = '<summary aria-label="Toggle hidden content">'


def name_from_visible_text(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if body and MYST_NB_SUMMARY in body:
        context["body"] = body.replace(MYST_NB_SUMMARY, "<summary>")


def alt_from_caption(app, doctree, docname) -> None:
    for image in doctree.findall(nodes.image):
        figure = image.parent
        if image.get("alt") or not isinstance(figure, nodes.figure):
            continue
        caption = next(iter(figure.findall(nodes.caption)), None)
        if caption is not None and caption.astext().strip():
            image["alt"] = " ".join(caption.astext().split())


def setup(app):
    app.connect("html-page-context", name_from_visible_text)
    app.connect("doctree-resolved", alt_from_caption)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
