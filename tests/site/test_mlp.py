"""The chapter *Multilayer perceptrons* on the built site (the slow tier): the page shows none
of the deck's slide-only cells. That its widgets are there and respond, on the page and in
the deck, is tests/site/test_widgets.py's; what every deck must be (15-25 slides, notes,
words, fit) is tests/site/test_decks.py's.
"""

from __future__ import annotations

from bs4 import BeautifulSoup

from tests.conftest import CHAPTERS, HTML

PAGE = f"chapters/{CHAPTERS['mlp'].stem}.html"


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
