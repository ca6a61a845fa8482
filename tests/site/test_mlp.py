"""The chapter *Multilayer perceptrons* on the built site and in its deck (the slow tier).

The deck is written as a deck (issue 13, CONTRIBUTING): slide-only cells that the book does
not show, 15-25 slides, at most 40 words a slide (maths, code, widgets and notes excluded), a
speaker note on every slide, and every slide within a 1280 x 720 screen.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from tests.conftest import CHAPTERS, HTML, frame_state

STEM = CHAPTERS["mlp"].stem
PAGE, DECK = f"chapters/{STEM}.html", f"slides/{STEM}.slides.html"
PAGES = [PAGE, DECK]


@pytest.mark.parametrize("path", PAGES)
def test_every_widget_responds(visit, path):
    v = visit(path)
    if path.startswith("slides/"):
        v.page.wait_for_selector("body[data-deck-ready=true]", timeout=15000)
    widgets = v.page.locator(".nn-widget")
    assert widgets.count() == 3
    for i in range(widgets.count()):
        if path.startswith("slides/"):
            v.page.evaluate(f"(() => {{ const s = document.querySelectorAll('.nn-widget')[{i}]"
                            f".closest('section'); const k = Reveal.getIndices(s); "
                            f"Reveal.slide(k.h, k.v); }})()")
            v.page.wait_for_timeout(300)
        widget = widgets.nth(i)
        widget.scroll_into_view_if_needed()
        assert widget.get_attribute("data-nn-ready") == "true"
        start = frame_state(widget)
        control = widget.locator("select").first
        options = control.locator("option")
        values = [options.nth(k).get_attribute("value") for k in range(options.count())]
        control.select_option(next(x for x in values if x != control.input_value()))
        assert frame_state(widget)[1] != start[1], f"widget {i} did not change frame"
        assert frame_state(widget)[2], f"widget {i}'s frame has no alt text"
    assert v.problems == [] and v.external == []


def test_page_shows_the_book_not_the_slides():
    soup = BeautifulSoup((HTML / PAGE).read_text(), "html.parser")
    text = soup.get_text(" ")
    for headline in ("Stacking layers", "Without σ, layers collapse", "A batch at once"):
        assert headline not in text, f"the slide-only headline {headline!r} is in the book"
    for heading in ("Input, hidden and output layers", "Why a nonlinear activation?",
                    "Many hidden layers", "What depth buys: spirals", "A brief history of neural networks"):
        assert heading in text
    assert "two layers of 12 (231 parameters): test accuracy 1.00 0.99 0.99 0.99 1.00" in text
    assert len(soup.select("div.exercise, div.admonition.exercise, .exercise")) >= 4
    assert soup.find(id="fig-mlp-layers") is not None and soup.find(id="fig-mlp-spirals") is not None


# --- the deck ----------------------------------------------------------------------------

def _slides():
    soup = BeautifulSoup((HTML / DECK).read_text(), "html.parser")
    top = soup.select_one("div.slides").find_all("section", recursive=False)
    return [s for t in top for s in (t.find_all("section", recursive=False) or [t])]


def _words(section) -> int:
    """Words a reader sees on the slide: no maths, code, widgets, figures or notes."""
    section = BeautifulSoup(str(section), "html.parser")
    for tag in section.select("aside.notes, pre, code, .nn-widget, .output_png, img, script, style, .katex"):
        tag.decompose()
    text = section.get_text(" ")
    text = re.sub(r"\$\$.*?\$\$|\$[^$]*\$|\\\(.*?\\\)|\\\[.*?\\\]", " ", text, flags=re.S)
    return len(re.findall(r"[A-Za-zÀ-ÿ0-9][\w'’-]*", text))


def test_deck_has_15_to_25_slides_each_with_a_note_and_a_short_text():
    slides = _slides()
    assert 15 <= len(slides) <= 25, len(slides)
    for n, section in enumerate(slides, 1):
        assert section.select_one("aside.notes") is not None, f"slide {n} has no speaker note"
        notes = section.select_one("aside.notes").get_text(" ")
        assert "?" in notes and re.search(r"Time:\s*\d+(\.\d+)?\s*min", notes), f"slide {n}'s note lacks a question or the minutes"
        assert _words(section) <= 40, f"slide {n} has {_words(section)} words"


def test_no_slide_is_larger_than_the_screen(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.goto(f"{server}/{DECK}", wait_until="load")
    page.wait_for_selector("body[data-deck-ready=true]", timeout=15000)
    total = page.evaluate("Reveal.getTotalSlides()")
    too_big = []
    for n in range(total):
        page.evaluate(f"(() => {{ const s = Reveal.getSlides()[{n}]; const k = Reveal.getIndices(s); "
                      f"Reveal.slide(k.h, k.v); }})()")
        page.wait_for_timeout(150)
        box = page.evaluate("(() => { const s = Reveal.getCurrentSlide(); const r = s.getBoundingClientRect();"
                            " return [r.top, r.bottom, r.left, r.right, s.scrollHeight, s.clientHeight]; })()")
        top, bottom, left, right, scroll, client = box
        if top < -1 or bottom > 721 or left < -1 or right > 1281 or scroll > client + 2:
            too_big.append((n + 1, [round(b) for b in box]))
    context.close()
    assert too_big == [], too_big
