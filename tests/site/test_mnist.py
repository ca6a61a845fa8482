"""The chapter *The MNIST homework* on the built site and in its deck (the slow tier)."""

from __future__ import annotations

import pytest

from tests.conftest import CHAPTERS, frame_state

STEM = CHAPTERS["mnist"].stem
PAGES = [f"chapters/{STEM}.html", f"slides/{STEM}.slides.html"]


def show(visit, path, selector):
    """Open the page or deck at `path`; in a deck, go to the slide holding `selector`."""
    v = visit(path)
    if path.startswith("slides/"):
        v.page.wait_for_selector("body[data-deck-ready=true]", timeout=15000)
        v.page.evaluate(f"(() => {{ const s = document.querySelector('{selector}')"
                        ".closest('section'); const k = Reveal.getIndices(s); "
                        "Reveal.slide(k.h, k.v); })()")
        v.page.wait_for_timeout(300)
    return v


@pytest.mark.parametrize("path", PAGES)
def test_the_sweep_looks_up_every_control(visit, path):
    """Each drop-down of the sweep changes the frame, and the alt text names the run."""
    v = show(visit, path, "#nn-mnist_sweep")
    widget = v.page.locator("#nn-mnist_sweep")
    widget.scroll_into_view_if_needed()
    assert widget.get_attribute("data-nn-ready") == "true"
    start = frame_state(widget)
    assert "128 hidden units, learning rate 0.2 and batch size 64" in start[2]
    assert "after epoch 10" in start[2]
    seen = {start[1]}
    for control, label in (("hidden", "16"), ("lr", "0.05"), ("batch_size", "256")):
        widget.locator(f"select[data-nn-control={control}]").select_option(label=label)
        state = frame_state(widget)
        assert state[1] not in seen, f"{control}={label} did not change the frame"
        seen.add(state[1])
    assert "16 hidden units, learning rate 0.05 and batch size 256" in state[2]
    assert v.problems == [] and v.external == []


@pytest.mark.parametrize("path", PAGES)
def test_the_digit_pad_reads_a_drawn_digit(visit, path):
    """The pad sits in the chapter and its deck, its weights come from the build's
    _static/digit_model.js when it comes near, and a drawn stroke names a digit."""
    from tests.site.test_digit_pad import DIGITS, draw_mouse

    v = show(visit, path, ".nn-digit-pad")
    pad = v.page.locator(".nn-digit-pad")
    assert pad.count() == 1
    pad.scroll_into_view_if_needed()
    v.page.wait_for_selector(".nn-digit-pad[data-nn-state=ready]", timeout=10000)
    draw_mouse(v.page, DIGITS["1"])
    assert pad.get_attribute("data-nn-top") == "1"
    bars = pad.locator(".nn-pad-p").all_text_contents()
    assert len(bars) == 10 and abs(sum(float(b) for b in bars) - 1) < 0.06  # ten rounded probabilities
    assert v.problems == [] and v.external == []
