"""The chapter *Backpropagation, one node at a time* on the built site and in its deck (the slow tier)."""

from __future__ import annotations

import pytest

from tests.conftest import CHAPTERS, frame_state

STEM = CHAPTERS["backprop"].stem
PAGES = [f"chapters/{STEM}.html", f"slides/{STEM}.slides.html"]


@pytest.mark.parametrize("path", PAGES)
def test_every_widget_responds(visit, path):
    v = visit(path)
    if path.startswith("slides/"):
        v.page.wait_for_selector("body[data-deck-ready=true]", timeout=15000)
    widgets = v.page.locator(".nn-widget")
    assert widgets.count() >= 1
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
        slider = widget.locator("input[type=range]").first
        slider.fill("0" if slider.input_value() != "0" else "1")
        assert frame_state(widget)[1] != start[1], f"widget {i} did not change frame"
    assert v.problems == [] and v.external == []
