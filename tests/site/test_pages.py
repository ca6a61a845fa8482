"""Browser tests of the built website and slides (Playwright + Debian's Chromium, offline).

The slow tier. `make test` builds `_build/html` (website and decks) first; these tests serve
it on 127.0.0.1 and check every page as a reader's browser sees it: no request leaves the
machine, no console error or failed request, maths rendered, widgets respond, decks
reach their ready state. They fail (never skip) when the build or the browser is missing.
"""

from __future__ import annotations

import pytest

from tests.conftest import HTML, frame_state

PAGES = sorted(p.relative_to(HTML).as_posix() for p in HTML.glob("**/*.html")
               if not p.relative_to(HTML).as_posix().startswith(("_", "slides/"))) if HTML.is_dir() else []
DECKS = sorted(p.relative_to(HTML).as_posix() for p in (HTML / "slides").glob("*.slides.html")) if HTML.is_dir() else []


def _wait_for_math(page) -> int:
    page.wait_for_function("document.querySelectorAll('.katex, .MathJax_CHTML').length > 0",
                           timeout=15000)
    return page.locator(".katex, .MathJax_CHTML").count()


@pytest.mark.parametrize("path", PAGES)
def test_page_offline_clean_and_math_rendered(visit, path):
    v = visit(path)
    v.page.wait_for_timeout(300)
    if 'class="math' in (HTML / path).read_text(encoding="utf-8"):
        assert _wait_for_math(v.page) > 0
        assert v.page.locator(".katex-error, .MathJax_Error, mjx-merror").count() == 0, "a TeX error on the page"
    assert v.external == [], f"requests left the machine: {v.external}"
    assert v.problems == []


def test_theme_search_and_dark_mode(visit):
    v = visit("chapters/01_activations.html")
    v.page.locator("button.theme-switch-button").first.click()
    v.page.wait_for_function("['dark','light'].includes(document.documentElement.dataset.theme)")
    themes = {v.page.evaluate("document.documentElement.dataset.theme")}
    v.page.locator("button.theme-switch-button").first.click()
    themes.add(v.page.evaluate("document.documentElement.dataset.theme"))
    assert themes == {"light", "dark"}
    s = visit("search.html?q=sigmoid")
    s.page.wait_for_selector("#search-results li", timeout=15000)
    assert "Activation functions" in s.page.locator("#search-results").inner_text()
    assert s.external == [] and s.problems == []


@pytest.mark.parametrize("path", DECKS)
def test_deck_offline_ready_with_math_and_widgets(visit, path):
    v = visit(path)
    v.page.wait_for_selector("body[data-deck-ready=true]", timeout=15000)
    assert v.page.evaluate("Reveal.getTotalSlides()") > 5
    assert _wait_for_math(v.page) > 0
    widget = v.page.locator(".nn-widget").first
    indices = v.page.evaluate("Reveal.getIndices(document.querySelector('.nn-widget').closest('section'))")
    v.page.evaluate(f"Reveal.slide({indices['h']}, {indices['v']})")
    v.page.wait_for_timeout(400)
    start = frame_state(widget)
    sliders = widget.locator("input[type=range]")
    if sliders.count():
        sliders.first.fill("0")
    else:  # a widget of drop-downs only (chapter 8's sweep): pick another option
        menu = widget.locator("select").first
        menu.select_option(index=1 if menu.evaluate("m => m.selectedIndex") == 0 else 0)
    assert frame_state(widget)[1] != start[1], "the deck's widget did not change frame"
    assert v.external == [], f"requests left the machine: {v.external}"
    assert v.problems == []


def test_chapter_links_its_deck_and_instructors_page_lists_it(visit):
    v = visit("instructors.html")
    hrefs = v.page.eval_on_selector_all("a", "els => els.map(e => e.getAttribute('href'))")
    for deck in DECKS:
        assert deck in hrefs
    chapter = (HTML / "chapters" / "01_activations.html").read_text(encoding="utf-8")
    assert "../slides/01_activations.slides.html" in chapter
