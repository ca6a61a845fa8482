"""Sphinx extension: ship nothing that no page or deck uses.

Sphinx and the themes copy their whole static folders into every build. After the build
this deletes what no page of this book loads, each for a stated reason
(``tests/smoke/test_shipped.py`` checks that every file left is referred to by a page, a
deck, a stylesheet or a script, or is on its short allowlist). sphinx-design's assets are
left off each page that does not use them, as the page is written.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

#: (glob under the built site, why no page needs it)
UNUSED = [
    ("_static/scripts/fontawesome.js*", "the theme's icon script: our template does not load it "
                                        "(book_ext/templates/static/webpack-macros.html)"),
    ("_static/locales", "the theme's translations, read at build time"),
    ("_static/sphinx-thebe.*", "thebe is not offered (book_ext/offline.py drops its script)"),
    ("_static/images/logo_deepnote.svg", "a launch service the book does not configure"),
    ("_static/images/logo_jupyterhub.svg", "a launch service the book does not configure"),
    ("_static/images/logo_jupyterlite.svg", "a launch service the book does not configure"),
    ("_static/root", "web/root is the html_extra_path (the site's root); Sphinx also copies it "
                     "with web/"),
    ("_static/copybutton_funcs.js", "sphinx-copybutton's functions for its own tests; "
                                    "copybutton.js has them inlined"),
    ("_static/check-solid.svg", "sphinx-copybutton draws its icons inline"),
    ("_static/copy-button.svg", "sphinx-copybutton draws its icons inline"),
    ("_static/play-solid.svg", "sphinx-thebe's button, not offered"),
    ("_static/plus.png", "an icon of Sphinx's basic theme that no stylesheet here refers to"),
]


#: sphinx-design's stylesheet and script, which Jupyter Book loads on every page although
#: few pages use its components: a page gets them only if its body has an ``sd-`` class, and
#: they are shipped only while some page does (``env.nn_design_pages``, kept across builds).
DESIGN_FILES = ("sphinx-design.min.css", "design-tabs.js")
USES_DESIGN = re.compile(r'class="[^"]*\bsd-')


def uses_design(body: str) -> bool:
    """Whether a page body has a sphinx-design component (an ``sd-`` class)."""
    return bool(USES_DESIGN.search(body))


def without_design(assets: list) -> list:
    """`assets` (a page's ``css_files`` or ``script_files``) without sphinx-design's."""
    return [a for a in assets if Path(str(getattr(a, "filename", a))).name not in DESIGN_FILES]


def design_per_page(app, pagename, templatename, context, doctree) -> None:
    pages = app.env.__dict__.setdefault("nn_design_pages", set())
    if uses_design(context.get("body") or ""):
        pages.add(pagename)
        return
    pages.discard(pagename)
    for key in ("css_files", "script_files"):
        if key in context:
            context[key] = without_design(context[key])


def forget_page(app, env, docname) -> None:
    env.__dict__.setdefault("nn_design_pages", set()).discard(docname)


def drop_stale_images(outdir: Path, used: set[str]) -> list[str]:
    """Delete ``_images/`` files no page shows any more (a re-executed chapter's old figures,
    left by incremental builds); returns their names."""
    folder = outdir / "_images"
    stale = sorted(p.name for p in folder.iterdir() if p.is_file() and p.name not in used) \
        if folder.is_dir() else []
    for name in stale:
        (folder / name).unlink()
    return stale


def prune(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    drop_stale_images(outdir, {unique for _docs, unique in app.env.images.values()})
    if not app.env.__dict__.get("nn_design_pages"):
        for name in DESIGN_FILES:
            (outdir / "_static" / name).unlink(missing_ok=True)
    for pattern, _why in UNUSED:
        for path in outdir.glob(pattern):
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()


def setup(app):
    app.connect("html-page-context", design_per_page)
    app.connect("env-purge-doc", forget_page)
    app.connect("build-finished", prune)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
