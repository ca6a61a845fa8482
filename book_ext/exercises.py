"""Sphinx extension for the exercises: solutions as one dropdown, notebooks without them.

1. A chapter's solution cell is wrapped in ``<details><summary>...</summary>`` and
   ``</details>`` so that it stays closed in a notebook, even after "Run all" renders it
   (``scripts/student_edition.py``, CONTRIBUTING.md). On the website sphinx-exercise's own
   dropdown does that job: the two wrapper lines are dropped from the page.
2. The launch and download buttons of a chapter reach its student edition. The chapter
   notebooks in ``chapters/`` hold the solutions; a reader who opens a chapter on Binder or
   Colab, or downloads it, gets ``student/NN_name.ipynb``, written by
   ``scripts/student_edition.py``. After sphinx-book-theme has built a chapter page's
   header buttons, this rewrites

   * every launch URL (Binder, Colab, JupyterHub, ...) from ``chapters/NN_name.ipynb`` in
     the repository to ``student/NN_name.ipynb``, which is committed beside it;
   * the ``.ipynb`` download link from ``_sources/chapters/NN_name.ipynb`` to
     ``student/NN_name.ipynb`` on the site, which ``build-finished`` writes from the chapter.

   A chapter page without a student edition in the repository fails the build.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sphinx.errors import ExtensionError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import student_edition  # noqa: E402

DOWNLOAD_TOOLTIP = "Download the notebook (student edition, without solutions)"


def _buttons(buttons):
    for button in buttons:
        yield button
        yield from _buttons(button.get("buttons", []))


def drop_solution_wrappers(app, doctree) -> None:
    """Remove the raw ``<details>`` lines around each solution (the page has its dropdown)."""
    from docutils import nodes

    wrappers = {student_edition.SOLUTION_OPEN, student_edition.SOLUTION_CLOSE}
    for node in list(doctree.findall(nodes.raw)):
        if node.get("format") == "html" and node.astext().strip() in wrappers:
            node.parent.remove(node)


def point_buttons_at_student_edition(app, pagename, templatename, context, doctree) -> None:
    if not pagename.startswith("chapters/") or "header_buttons" not in context:
        return
    name = f"{pagename.split('/', 1)[1]}.ipynb"
    if not (student_edition.STUDENT / name).is_file():
        raise ExtensionError(f"{pagename} has no student edition student/{name}: "
                             "run `python scripts/student_edition.py`")
    download = context["pathto"](f"student/{name}", 1)
    for button in _buttons(context["header_buttons"]):
        url = button.get("url", "")
        if "_sources/" in url and url.endswith(".ipynb"):
            button["url"], button["tooltip"] = download, DOWNLOAD_TOOLTIP
        elif f"{pagename}.ipynb" in url:
            button["url"] = url.replace(f"{pagename}.ipynb", f"student/{name}")


def write_student_editions(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir) / "student"
    out.mkdir(exist_ok=True)
    for chapter in student_edition.chapters():
        (out / chapter.name).write_text(student_edition.render(chapter), encoding="utf-8")
    # Sphinx's copies of the chapters' notebooks: no page links them (the buttons above reach
    # the student editions), and they hold the solutions and every widget frame (14 MB).
    for copy in (Path(app.outdir) / "_sources").glob("**/*.ipynb"):
        copy.unlink()


def setup(app):
    app.connect("doctree-read", drop_solution_wrappers)
    app.connect("html-page-context", point_buttons_at_student_edition, priority=600)
    app.connect("build-finished", write_student_editions)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
