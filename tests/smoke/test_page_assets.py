"""What every built page loads and shows, read from the HTML (no browser): no Font Awesome
script (its web fonts draw the icons), and one search box."""

from __future__ import annotations

import re

import pytest

from tests.conftest import HTML

PAGES = sorted(HTML.glob("*.html")) + sorted((HTML / "chapters").glob("*.html"))


def test_there_are_pages():
    assert len(PAGES) >= 6, "run `make book` first (make test does)"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_no_fontawesome_script_and_one_search_box(page):
    html = page.read_text()
    assert "fontawesome.js" not in html, "book_ext/templates/static/webpack-macros.html drops it"
    if "search-button" in html:  # the redirect page index.html has none
        assert html.count("search-button-field") == 1, "one search box (navbar_persistent: [])"


def test_nothing_shipped_that_no_page_uses():
    """No widget manager (no page shows a live widget view) and no source maps."""
    assert not (HTML / "_static" / "vendor" / "html-manager").exists()
    assert not list(HTML.rglob("*.map")), "book_ext/offline.py drops source maps"
    for page in PAGES:
        assert "html-manager" not in page.read_text() and "embed-amd" not in page.read_text()


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_maths_is_rendered_at_build_time(page):
    """No page loads a typesetter: every formula is KaTeX HTML already (katex_prerender)."""
    html = page.read_text()
    scripts = re.findall(r"<script[^>]*src=\"([^\"]+)\"", html)
    assert not [s for s in scripts if "mathjax" in s.lower() or "katex" in s.lower()], scripts
    formulas = html.count('<span class="math"') + html.count('<div class="math"')
    assert html.count('<span class="katex">') == formulas, "a formula left for the browser"
