"""Slide-only cells: in the deck, never in the book.

A deck is written as a deck (CONTRIBUTING, "Decks"): a chapter's slides are markdown cells
tagged ``slide-only`` (a headline, a few bullets or one formula, a speaker note after them),
and the book's prose is ``skip`` on the slides. ``scripts/build_slides.py`` keeps these
cells; this extension removes them from the book, before myst-nb parses the notebook, as
if they were tagged ``remove-cell`` (which myst-nb handles by name only). The source file
is not changed.
"""

from __future__ import annotations

import json

TAG = "slide-only"


def drop_slide_only_cells(app, docname: str, source: list[str]) -> None:
    if not str(app.env.doc2path(docname)).endswith(".ipynb") or TAG not in source[0]:
        return
    notebook = json.loads(source[0])
    cells = notebook.get("cells", [])
    kept = [cell for cell in cells if TAG not in cell.get("metadata", {}).get("tags", [])]
    if len(kept) != len(cells):
        notebook["cells"] = kept
        source[0] = json.dumps(notebook)


def setup(app):
    app.connect("source-read", drop_slide_only_cells)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
