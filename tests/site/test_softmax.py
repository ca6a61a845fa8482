"""The chapter *k classes: softmax and cross-entropy* on the built site (the slow tier): the
page shows the book, none of the deck's slide-only cells. That its widgets are there and
respond, on the page and in the deck, is tests/site/test_widgets.py's.
"""

from __future__ import annotations

from bs4 import BeautifulSoup

from tests.conftest import CHAPTERS, HTML

PAGE = f"chapters/{CHAPTERS['softmax'].stem}.html"


def test_page_shows_the_book_not_the_slides():
    soup = BeautifulSoup((HTML / PAGE).read_text(), "html.parser")
    text = soup.get_text(" ")
    for headline in ("Softmax keeps the order, ignores a shift", "Deeper: three hidden layers",
                     "Binary cross-entropy is the case k = 2"):
        assert headline not in text, f"the slide-only headline {headline!r} is in the book"
    for heading in ("Try it: the softmax calculator", "Confidence and loss", "A k-class playground",
                    "Why not squared error?"):
        assert heading in text
    assert len(soup.select(".exercise")) >= 4
    for figure in ("fig-softmax-k-outputs", "fig-softmax-temperature", "fig-softmax-squared-error"):
        assert soup.find(id=figure) is not None, figure
