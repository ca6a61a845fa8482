"""Sphinx extension: the search index loads when the reader searches, not with every page.

The theme puts Sphinx's search tools and the whole search index (``searchtools.js``,
``language_data.js``, ``searchindex.js``: about 70 kB, growing with every chapter) in every
page's ``<head>``, loaded before the page is shown, for its search-as-you-type dialog (which
this book leaves off: Enter in the search box opens ``search.html``, which loads them itself). After
the build this replaces them, on every page but ``search.html``, with a few lines that load
the same three files, in order, when the reader opens the search (Ctrl+K or a click or focus
on a search box), or once the page has loaded and the browser is idle.
"""

from __future__ import annotations

import re
from pathlib import Path

TAGS = re.compile(
    r'<script src="(?P<base>(?:\.\./)*)_static/searchtools\.js"></script>\s*'
    r'<script src="(?:\.\./)*_static/language_data\.js"></script>\s*'
    r'<script src="(?:\.\./)*searchindex\.js"></script>')

LOADER = """<script>(function () {
  var base = "%s", asked = false;
  function load() {
    if (asked) return;
    asked = true;
    ["_static/searchtools.js", "_static/language_data.js", "searchindex.js"].reduce(function (before, src) {
      return before.then(function () {
        return new Promise(function (done) {
          var s = document.createElement("script");
          s.src = base + src;
          s.onload = s.onerror = done;
          document.head.appendChild(s);
        });
      });
    }, Promise.resolve()).then(function () {
      if (window.nnPatchSearch) window.nnPatchSearch();  // web/search-snippets.js
    });
  }
  function nearSearch(e) {
    return e.target && e.target.closest && e.target.closest("[class*=search-button], .bd-search, form[role=search]");
  }
  document.addEventListener("keydown", function (e) { if ((e.ctrlKey || e.metaKey) && e.key === "k") load(); }, true);
  document.addEventListener("pointerdown", function (e) { if (nearSearch(e)) load(); }, true);
  document.addEventListener("focusin", function (e) { if (nearSearch(e)) load(); }, true);
  window.addEventListener("load", function () { (window.requestIdleCallback || setTimeout)(load); });
})();</script>"""


def lazy(page_html: str) -> str:
    """`page_html` with the theme's three search scripts replaced by the on-demand loader."""
    return TAGS.sub(lambda m: LOADER % m.group("base"), page_html, count=1)


def make_search_lazy(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    for page in outdir.glob("**/*.html"):
        if page == outdir / "search.html" or page.is_relative_to(outdir / "slides"):
            continue
        text = page.read_text(encoding="utf-8")
        new = lazy(text)
        if new != text:
            page.write_text(new, encoding="utf-8")


def setup(app):
    app.connect("build-finished", make_search_lazy)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
