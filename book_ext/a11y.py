"""Sphinx extension: accessibility fixes for HTML that Python code (not a template) writes.

myst-nb writes ``<summary aria-label="Toggle hidden content">`` around "Show code cell
source": a label that differs from the visible text fails axe's ``label-content-name-mismatch``
(speech users say what they see). The visible text is a good name, so the label goes.
Theme components with the same problem are fixed by our copies in ``book_ext/templates/``.
"""

from __future__ import annotations

MYST_NB_SUMMARY = '<summary aria-label="Toggle hidden content">'


def name_from_visible_text(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if body and MYST_NB_SUMMARY in body:
        context["body"] = body.replace(MYST_NB_SUMMARY, "<summary>")


def setup(app):
    app.connect("html-page-context", name_from_visible_text)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
