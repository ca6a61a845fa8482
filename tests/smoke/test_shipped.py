"""Nothing shipped that no page uses (issue "Pages that arrive fast on a slow line").

Every file of the built site must be reached from a page or a deck: through an attribute
(``src``, ``href``), a quoted file name in a page or a script (the widgets' frame addresses,
the search index), a stylesheet's ``url()`` or ``@import``; or be on the short allowlist
below, with its reason. What Sphinx and the themes copy but no page uses is deleted after the
build by ``book_ext/prune.py``; the JavaScript the decks need is copied file by file by
``scripts/vendor.py``.
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path
from urllib.parse import unquote

from tests.conftest import HTML, ROOT

ALLOWED = {
    ".buildinfo": "Sphinx's record of the build, for incremental rebuilds",
    "objects.inv": "Sphinx's inventory, for other books to link here (intersphinx)",
    "favicon.ico": "browsers ask for /favicon.ico without a link",
    "*/LICENSE": "the licence of the font or code beside it",
    "*.LICENSE.txt": "the licence of the script beside it",
}
ATTR = re.compile(r"""\b(?:href|src)=["']([^"'#?]+)""")
QUOTED = re.compile(r"""["'(]([^"'()\s<>]+\.(?:js|css|png|svg|ico|woff2?|ttf|webp|ipynb|pdf))["')?#]""")
CSS_REF = re.compile(r"""url\(\s*["']?([^"')?#]+)|@import\s+["']([^"']+)["']""")


def referenced(root: Path) -> set[Path]:
    found: set[Path] = set()

    def add(base: Path, url: str) -> None:
        if url and not url.startswith(("http:", "https:", "data:", "mailto:", "javascript:", "//", "#")):
            path = (base / unquote(url)).resolve()
            if path.is_file() and root in path.parents:
                found.add(path)

    for page in root.glob("**/*.html"):
        found.add(page.resolve())
        text = page.read_text(encoding="utf-8", errors="ignore")
        for url in ATTR.findall(text) + QUOTED.findall(text):
            add(page.parent, url)
    done: set[Path] = set()
    while todo := [p for p in found if p.suffix in (".css", ".js") and p not in done]:
        for path in todo:
            done.add(path)
            text = path.read_text(encoding="utf-8", errors="ignore")
            refs = [a or b for a, b in CSS_REF.findall(text)] if path.suffix == ".css" else QUOTED.findall(text)
            for url in refs:
                add(path.parent, url)
    return found


def test_every_shipped_file_is_used_or_allowed():
    root = HTML.resolve()
    used = referenced(root)
    unused = sorted(
        str(p.relative_to(root)) for p in root.glob("**/*")
        if p.is_file() and p.resolve() not in used
        and not any(fnmatch.fnmatch(str(p.relative_to(root)), pattern) for pattern in ALLOWED))
    assert not unused, f"{len(unused)} files no page uses, e.g. {unused[:8]}"


def test_the_check_finds_what_it_should(tmp_path):
    """The scan follows pages to stylesheets to fonts, and scripts to the files they name."""
    (tmp_path / "css").mkdir()
    (tmp_path / "a.html").write_text('<link href="css/a.css"><script src="b.js"></script>')
    (tmp_path / "css" / "a.css").write_text('@import "c.css"; x{background:url(../img.png)}')
    (tmp_path / "css" / "c.css").write_text("")
    (tmp_path / "b.js").write_text('var frames = ["f/1.webp"];')
    (tmp_path / "f").mkdir()
    for name in ("img.png", "f/1.webp", "unused.png"):
        (tmp_path / name).write_bytes(b"x")
    used = {str(p.relative_to(tmp_path.resolve())) for p in referenced(tmp_path.resolve())}
    assert used == {"a.html", "css/a.css", "css/c.css", "b.js", "img.png", "f/1.webp"}


def test_sphinx_design_assets_only_where_used():
    """No page uses sphinx-design's components, so no page loads its CSS and script."""
    pages = [p for p in HTML.glob("**/*.html") if "slides" not in p.parts]
    uses = [p for p in pages if re.search(r'class="[^"]*\bsd-', p.read_text("utf-8"))]
    loads = [p for p in pages if "sphinx-design.min.css" in p.read_text("utf-8")]
    assert loads == [] if not uses else len(loads) == len(pages)


def test_prune_keeps_sphinx_design_when_a_page_uses_it(tmp_path):
    import sys

    sys.path.insert(0, str(ROOT / "book_ext"))
    import prune

    head = ('<link rel="stylesheet" type="text/css" href="_static/sphinx-design.min.css?v=1" />\n'
            '<script src="_static/design-tabs.js?v=2"></script>\n')
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "sphinx-design.min.css").write_text("x")
    (tmp_path / "a.html").write_text(head + "<p>text</p>")
    (tmp_path / "b.html").write_text(head + '<div class="sd-card">card</div>')
    assert prune.drop_unused_design(tmp_path) is False
    assert "sphinx-design" in (tmp_path / "a.html").read_text()
    (tmp_path / "b.html").write_text(head + "<p>no card</p>")
    assert prune.drop_unused_design(tmp_path) is True
    assert (tmp_path / "a.html").read_text() == "<p>text</p>"
    assert not (tmp_path / "_static" / "sphinx-design.min.css").exists()
