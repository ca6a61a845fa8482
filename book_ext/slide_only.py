"""Sphinx extension: cells tagged ``slide-only`` belong to the deck, not to the book.

A chapter's deck is written as a deck (CONTRIBUTING.md, "Decks"): its headlines, bullets and
speaker notes are markdown cells tagged ``slide-only``, next to the book's prose, which the
deck skips. myst-nb removes only cells tagged ``remove-cell`` (a fixed list), so when Sphinx
reads a chapter notebook this adds ``remove-cell`` to every ``slide-only`` cell: the page,
its search index and the PDF (printed from the pages) never show them. The deck build
(``scripts/build_slides.py``) reads the notebook itself and keeps them; the student edition
(``scripts/student_edition.py``) drops them.
"""

from __future__ import annotations

import json

TAG = "slide-only"


def hide_slide_only_cells(app, docname: str, source: list[str]) -> None:
    if not str(app.env.doc2path(docname)).endswith(".ipynb") or TAG not in source[0]:
        return
    nb = json.loads(source[0])
    for cell in nb.get("cells", []):
        tags = cell.get("metadata", {}).get("tags", [])
        if TAG in tags and "remove-cell" not in tags:
            cell["metadata"]["tags"] = [*tags, "remove-cell"]
    source[0] = json.dumps(nb, ensure_ascii=False)


def setup(app):
    app.connect("source-read", hide_slide_only_cells)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
