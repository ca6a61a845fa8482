"""The chapter *Backpropagation, one node at a time* on the built site and in its deck (the slow tier)."""

from __future__ import annotations

import pytest

from tests.conftest import CHAPTERS, HTML, frame_state

STEM = CHAPTERS["backprop"].stem
PAGES = [f"chapters/{STEM}.html", f"slides/{STEM}.slides.html"]


PAGE, DECK = PAGES


def _step_through(v):
    widgets = v.page.locator(".nn-widget")
    assert widgets.count() == 3
    widget = widgets.nth(0)
    widget.scroll_into_view_if_needed()
    assert widget.get_attribute("data-nn-ready") == "true"
    return widget


def test_step_through_walks_to_the_slides_backwards_step(visit):
    """It opens on one neuron; on two layers the step slider reaches ∂ℓ/∂z11 (step 18),
    written the right way round; x, y and the weights are live only, the presets move; one
    neuron past its 10 steps says it shows its last."""
    v = visit(PAGE)
    widget = _step_through(v)
    assert widget.locator("input[type=range][data-nn-live-only][disabled]").count() == 9
    start = frame_state(widget)
    assert "one neuron, step 1 of 10: forward pass, computing z." in start[2]
    widget.locator("select[data-nn-control=network]").select_option(label="two layers")
    assert "two layers, step 1 of 22: forward pass, computing z_11" in frame_state(widget)[2]
    widget.locator("input[type=range][data-nn-control=step]").fill("18")
    moved = frame_state(widget)
    assert moved[1] != start[1] and "backward pass, the gradient of z_11" in moved[2]
    assert "∂ℓ/∂z_11 = ∂ℓ/∂a_11 · σ'(z_11) = (−0.3673)(0.1587) = −0.05828" in moved[2]
    widget.locator("select[data-nn-control=values]").select_option(label="preset: saturated")
    assert frame_state(widget)[1] != moved[1]
    widget.locator("select[data-nn-control=network]").select_option(label="one neuron")
    assert "one neuron, step 10 of 10 (the last step)" in frame_state(widget)[2]  # past its end
    assert v.problems == [] and v.external == []


def test_each_figure_follows_its_sections_heading():
    """The review's finding: each graph sat above its section's heading, before anything was
    defined."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((HTML / PAGE).read_text(), "html.parser")
    order = [e for e in soup.find("article").find_all(True) if e.name == "h2" or e.get("id")]
    for heading, figure in (("The gradient on one data point", "fig-backprop-neuron-graph"),
                            ("Two layers", "fig-backprop-two-layer-graph")):
        h2 = next(i for i, e in enumerate(order) if e.name == "h2" and e.get_text().startswith(heading))
        at = next(i for i, e in enumerate(order) if e.get("id") == figure)
        assert h2 < at, f"{figure} comes before the heading {heading!r}"


def test_page_shows_the_book_not_the_slides():
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((HTML / PAGE).read_text(), "html.parser")
    text = soup.get_text(" ")
    assert "One step, the right way round" not in text  # a slide-only headline
    for heading in ("The gradient on one data point", "Two layers", "From scalars to matrices",
                    "Why reverse mode", "Gradient checking as a habit", "Vanishing gradients"):
        assert heading in text
    assert "One step of the slides, the right way round" in text
    assert "∂ℓ/∂x1 = -0.04663 (via a11) -0.02102 (via a12) = -0.06764" in text
    assert len(soup.select(".exercise")) >= 4
    assert soup.find(id="fig-backprop-neuron-graph") and soup.find(id="fig-backprop-two-layer-graph")


@pytest.mark.parametrize("path", PAGES)
def test_math_renders_without_errors(visit, path):
    v = visit(path)
    if path == DECK:
        v.page.wait_for_selector("body[data-deck-ready=true]", timeout=15000)
    v.page.wait_for_function("document.querySelectorAll('.katex').length > 10", timeout=15000)
    assert v.page.locator(".katex-error").count() == 0
    assert v.problems == [] and v.external == []
