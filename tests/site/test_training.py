"""The chapter *Training: gradient descent and minibatch SGD* on the built site (the slow
tier): the page shows the book, none of the deck's slide-only cells, and a run that diverges
says where it stopped. That its widgets are there and respond, on the page and in the deck,
is tests/site/test_widgets.py's.
"""

from __future__ import annotations

from bs4 import BeautifulSoup

from nnlib.widgets.training import MAX_STEPS
from tests.conftest import CHAPTERS, HTML, frame_state

PAGE = f"chapters/{CHAPTERS['training'].stem}.html"


def test_page_shows_the_book_not_the_slides():
    soup = BeautifulSoup((HTML / PAGE).read_text(), "html.parser")
    text = soup.get_text(" ")
    for headline in ("The minibatch gradient is unbiased", "The cost of a step"):
        assert headline not in text, f"the slide-only headline {headline!r} is in the book"
    for heading in ("Try it: descent on a surface", "Try it: batch size",
                    "Try it: a non-convex landscape", "Momentum"):
        assert heading in text
    assert len(soup.select(".exercise")) >= 4
    for figure in ("fig-training-landscapes", "fig-training-momentum"):
        assert soup.find(id=figure) is not None, figure


def test_a_diverging_run_says_where_it_stopped(visit):
    v = visit(PAGE)
    widget = v.page.locator("#nn-descent_surface")
    widget.scroll_into_view_if_needed()
    lr = widget.locator("[data-nn-control=lr]")
    lr.fill(lr.get_attribute("max"))  # α = 1.15 > 2/M = 1 on the bowl
    _, _, alt = frame_state(widget)
    assert "diverged at step" in alt and "the path shown ends at t = " in alt
    assert alt.rstrip().endswith(f"of {MAX_STEPS}"), alt
    assert v.problems == [] and v.external == []
