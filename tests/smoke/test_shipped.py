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
    """A page loads sphinx-design's CSS and script only if it uses its components."""
    pages = [p for p in HTML.glob("**/*.html") if "slides" not in p.parts]
    uses = {p for p in pages if re.search(r'class="[^"]*\bsd-', p.read_text("utf-8"))}
    loads = {p for p in pages if "sphinx-design.min.css" in p.read_text("utf-8")}
    assert loads == uses
    assert (HTML / "_static" / "sphinx-design.min.css").exists() == bool(uses)


def test_pages_load_sphinx_design_only_when_they_use_it():
    import sys
    from types import SimpleNamespace

    sys.path.insert(0, str(ROOT / "book_ext"))
    import prune

    app = SimpleNamespace(env=SimpleNamespace())
    assets = [SimpleNamespace(filename="_static/sphinx-design.min.css"),
              SimpleNamespace(filename="_static/pygments.css")]
    scripts = [SimpleNamespace(filename="_static/design-tabs.js"), SimpleNamespace(filename=None)]
    plain = {"body": "<p>text</p>", "css_files": assets, "script_files": scripts}
    prune.design_per_page(app, "a", "page.html", plain, None)
    assert [a.filename for a in plain["css_files"]] == ["_static/pygments.css"]
    assert [a.filename for a in plain["script_files"]] == [None]
    card = {"body": '<div class="sd-card">card</div>', "css_files": assets, "script_files": scripts}
    prune.design_per_page(app, "b", "page.html", card, None)
    assert card["css_files"] == assets and card["script_files"] == scripts
    assert app.env.nn_design_pages == {"b"}
    prune.forget_page(app, app.env, "b")  # the page was removed or changed: decided again
    assert app.env.nn_design_pages == set()


def test_prune_drops_figures_no_page_shows_any_more(tmp_path):
    import sys

    sys.path.insert(0, str(ROOT / "book_ext"))
    import prune

    (tmp_path / "_images").mkdir()
    for name in ("new.png", "old.png"):
        (tmp_path / "_images" / name).write_bytes(b"x")
    assert prune.drop_stale_images(tmp_path, {"new.png"}) == ["old.png"]
    assert [p.name for p in (tmp_path / "_images").iterdir()] == ["new.png"]
    assert prune.drop_stale_images(tmp_path / "nowhere", set()) == []


def test_frames_no_page_or_deck_shows_are_collected(tmp_path):
    import sys

    sys.path.insert(0, str(ROOT / "book_ext"))
    import frames

    (tmp_path / "_frames").mkdir()
    (tmp_path / "slides").mkdir()
    for name in ("a" * 20 + ".webp", "b" * 20 + ".webp", "c" * 20 + ".webp"):
        (tmp_path / "_frames" / name).write_bytes(b"x")
    (tmp_path / "page.html").write_text(f'<img src="_frames/{"a" * 20}.webp">')
    (tmp_path / "slides" / "deck.html").write_text(f'"../_frames/{"b" * 20}.webp"')
    assert frames.collect_garbage(tmp_path) == ["c" * 20 + ".webp"]
    assert sorted(p.name for p in (tmp_path / "_frames").iterdir()) == ["a" * 20 + ".webp", "b" * 20 + ".webp"]
