"""Sphinx extension: ship nothing that no page or deck uses.

Sphinx and the themes copy their whole static folders into every build. After the build
this deletes what no page of this book loads, each for a stated reason
(``tests/smoke/test_shipped.py`` checks that every file left is referred to by a page, a
deck, a stylesheet or a script, or is on its short allowlist).
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


#: sphinx-design's stylesheet and script, on every page although no page uses its components
#: (Jupyter Book always loads the extension). Dropped only while no page has an ``sd-`` class.
DESIGN_TAGS = re.compile(r'<link[^>]*sphinx-design\.min\.css[^>]*>\s*|<script[^>]*design-tabs\.js[^>]*></script>\s*')
USES_DESIGN = re.compile(r'class="[^"]*\bsd-')


def drop_unused_design(outdir: Path) -> bool:
    """Remove sphinx-design's assets from every page if no page uses it; whether it did."""
    pages = [p for p in outdir.glob("**/*.html") if not p.is_relative_to(outdir / "slides")]
    texts = {p: p.read_text(encoding="utf-8") for p in pages}
    if any(USES_DESIGN.search(t) for t in texts.values()):
        return False
    for page, text in texts.items():
        new = DESIGN_TAGS.sub("", text)
        if new != text:
            page.write_text(new, encoding="utf-8")
    for path in (outdir / "_static").glob("sphinx-design.min.css"):
        path.unlink()
    for path in (outdir / "_static").glob("design-tabs.js"):
        path.unlink()
    return True


def prune(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    drop_unused_design(outdir)
    for pattern, _why in UNUSED:
        for path in outdir.glob(pattern):
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()


def setup(app):
    app.connect("build-finished", prune)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
