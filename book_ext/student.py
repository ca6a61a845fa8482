"""Sphinx extension: the launch and download buttons of a chapter reach its student edition.

The chapter notebooks in ``chapters/`` hold the solutions (shown on the website in folded
dropdowns). A reader who opens a chapter on Binder or Colab, or downloads it, should get the
notebook without them: ``student/NN_name.ipynb``, written by ``scripts/student_edition.py``.
After sphinx-book-theme has built a chapter page's header buttons, this rewrites

* every launch URL (Binder, Colab, JupyterHub, ...) from ``chapters/NN_name.ipynb`` in the
  repository to ``student/NN_name.ipynb``, which is committed beside it;
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


def setup(app):
    app.connect("html-page-context", point_buttons_at_student_edition, priority=600)
    app.connect("build-finished", write_student_editions)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
