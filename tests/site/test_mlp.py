"""The chapter *Multilayer perceptrons* on the built site and in its deck (the slow tier): its
widgets respond on both, and the page shows none of the deck's slide-only cells. What every
deck must be (15-25 slides, notes, words, fit) is tests/site/test_decks.py's.
"""

from __future__ import annotations

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
