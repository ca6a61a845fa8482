"""The fast tier's look at the built site: it is built, every chapter page fits its byte
budget, and one page and one deck work in a browser (offline, no console error, a widget
that responds to the keyboard). tests/site checks every page and deck (the slow tier).
"""

from __future__ import annotations

import pytest

from tests.conftest import CHAPTERS, HTML, frame_state

# Bytes: a chapter's HTML plus its figures. The widgets' frames are files that load when a
# control moves (book_ext/frames.py; tests/site/test_frames.py checks them and the first view).
# Maths is HTML rendered at build time (about 1 KB per formula).
PAGE_BUDGET = 1_200_000
CHAPTER_PAGES = [f"chapters/{path.stem}.html" for path in CHAPTERS.values()]
DECKS = [f"slides/{path.stem}.slides.html" for path in CHAPTERS.values()]


def test_site_and_decks_are_built():
    assert (HTML / "intro.html").is_file(), "run `make book` first (make test does)"
    assert (HTML / "_static" / "vendor" / "katex" / "katex.min.css").is_file()
    built = sorted(p.relative_to(HTML).as_posix() for p in (HTML / "slides").glob("*.slides.html"))
    assert built == sorted(DECKS)
    for page in CHAPTER_PAGES:
        assert (HTML / page).is_file(), f"{page} is not built"


@pytest.mark.parametrize("path", CHAPTER_PAGES)
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


def test_a_deck_is_offline_and_its_first_widget_responds(visit):
    v = visit(DECKS[0])
    v.page.wait_for_selector("body[data-deck-ready=true]", timeout=15000)
    widget = v.page.locator(".nn-widget").first
    indices = v.page.evaluate("Reveal.getIndices(document.querySelector('.nn-widget').closest('section'))")
    v.page.evaluate(f"Reveal.slide({indices['h']}, {indices['v']})")
    v.page.wait_for_timeout(300)
    start = frame_state(widget)
    widget.locator("input[type=range]").first.fill("0")
    assert frame_state(widget)[1] != start[1], "the deck's widget did not change frame"
    assert v.external == [] and v.problems == []
