"""Browser tests of the built website and slides (Playwright + Debian's Chromium, offline).

`make test` builds `_build/html` (website and decks) first; these tests serve it on
127.0.0.1 and check every page as a reader's browser sees it: no request leaves the
machine, no console error or failed request, maths rendered, widgets respond, decks
reach their ready state. They fail (never skip) when the build or the browser is missing.
"""

from __future__ import annotations

import pytest

from tests.conftest import HTML, ROOT, frame_state
PAGE_BUDGET = 3_000_000  # bytes: a chapter's HTML plus its images
PAGES = sorted(p.relative_to(HTML).as_posix() for p in HTML.glob("**/*.html")
               if not p.relative_to(HTML).as_posix().startswith(("_", "slides/"))) if HTML.is_dir() else []
DECKS = sorted(p.relative_to(HTML).as_posix() for p in (HTML / "slides").glob("*.slides.html")) if HTML.is_dir() else []


def test_site_and_decks_are_built():
    assert (HTML / "intro.html").is_file(), "run `make book` first (make test does)"
    assert (HTML / "_static" / "vendor" / "mathjax" / "tex-mml-chtml.js").is_file()
    chapters = sorted((ROOT / "chapters").glob("*.ipynb"))
    assert [d.split("/")[-1] for d in DECKS] == [f"{c.stem}.slides.html" for c in chapters]


def _wait_for_math(page) -> int:
    page.wait_for_function("document.querySelectorAll('mjx-container, .MathJax_CHTML').length > 0",
                           timeout=15000)
    return page.locator("mjx-container, .MathJax_CHTML").count()


@pytest.mark.parametrize("path", PAGES)
def test_page_offline_clean_and_math_rendered(visit, path):
    v = visit(path)
    v.page.wait_for_timeout(300)
    if "math notranslate" in (HTML / path).read_text(encoding="utf-8"):
        assert _wait_for_math(v.page) > 0
        assert v.page.locator("mjx-merror").count() == 0, "MathJax reported a TeX error"
    assert v.external == [], f"requests left the machine: {v.external}"
    assert v.problems == []


@pytest.mark.parametrize("path", [p for p in PAGES if p.startswith("chapters/")])
def test_chapter_page_within_budget(path):
    page = HTML / path
    html = page.read_text(encoding="utf-8")
    images = sum((HTML / "_images" / name).stat().st_size
                 for name in {p.name for p in (HTML / "_images").glob("*")} if name in html)
    total = page.stat().st_size + images
    assert total <= PAGE_BUDGET, f"{path}: {total / 1e6:.2f} MB > {PAGE_BUDGET / 1e6:.0f} MB"


def test_activation_widget_responds_on_the_static_page(visit):
    v = visit("chapters/01_activations.html")
    widget = v.page.locator(".nn-widget").first
    widget.scroll_into_view_if_needed()
    assert widget.get_attribute("data-nn-ready") == "true"
    start = frame_state(widget)
    slider = widget.locator("input[type=range][data-nn-control=w]")
    slider.focus()
    v.page.keyboard.press("ArrowRight")  # keyboard-operable, like a reader with no mouse
    moved = frame_state(widget)
    assert moved[0] != start[0] and moved[1] != start[1] and moved[2] != start[2]
    assert widget.locator("output").first.text_content() == "2.0"
    widget.locator("select[data-nn-control=activation]").select_option(label="ReLU")
    switched = frame_state(widget)
    assert switched[0] != moved[0] and switched[1] != moved[1]
    assert switched[2].startswith("relu neuron")
    assert v.problems == [] and v.external == []


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
    widget.locator("input[type=range]").first.fill("0")
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
