"""Browser tests of the chapter *XOR: the limits of one neuron*, its page and its deck.

Every widget must respond on the static page (keyboard and menus swap pre-computed frames
whose alt text names the new setting) and in the deck, with no request leaving the machine
and no console error. Run against a build with NNBOOK_HTML (see conftest.py).
"""

from __future__ import annotations

import pytest

from tests.conftest import CHAPTERS, HTML, frame_state

STEM = CHAPTERS["xor"].stem  # 03_xor
PAGE = f"chapters/{STEM}.html"
DECK = f"slides/{STEM}.slides.html"


def _widgets(v):
    widgets = v.page.locator(".nn-widget")
    assert widgets.count() == 4
    for i in range(4):
        assert widgets.nth(i).get_attribute("data-nn-ready") == "true"
    return [widgets.nth(i) for i in range(4)]


def _press(widget, control, key):
    slider = widget.locator(f"input[type=range][data-nn-control={control}]")
    slider.focus()
    slider.page.keyboard.press(key)


def _changed(before, after):
    return after[0] != before[0] and after[1] != before[1] and after[2] != before[2]


def test_page_is_built_and_links_its_deck():
    html = (HTML / PAGE).read_text(encoding="utf-8")
    assert f"../slides/{STEM}.slides.html" in html
    assert (HTML / DECK).is_file(), "build the deck: scripts/build_slides.py --html ..."


def test_single_neuron_widget_responds(visit):
    v = visit(PAGE)
    widget = _widgets(v)[0]
    widget.scroll_into_view_if_needed()
    start = frame_state(widget)
    assert start[2].startswith("XOR with w = (1.00, 1.00), b = -0.50") and "3 of 4 correct" in start[2]
    widget.locator("select[data-nn-control=gate]").select_option(label="AND")
    gate = frame_state(widget)
    assert _changed(start, gate) and gate[2].startswith("AND") and "2 of 4 correct" in gate[2]
    _press(widget, "b", "ArrowLeft")  # b = -1.5: the AND line
    solved = frame_state(widget)
    assert _changed(gate, solved) and "b = -1.50" in solved[2] and "4 of 4 correct" in solved[2]
    assert widget.locator("output").last.text_content() == "-1.50"
    assert v.problems == [] and v.external == []


def test_xor_network_widget_responds(visit):
    v = visit(PAGE)
    widget = _widgets(v)[1]
    widget.scroll_into_view_if_needed()
    assert widget.locator("input[type=range][data-nn-control]").count() == 3  # the biases move
    assert widget.locator("input[type=range][data-nn-live-only][disabled]").count() == 6  # live only
    start = frame_state(widget)
    assert "4 of 4 correct" in start[2] and "hidden points separable" in start[2]
    _press(widget, "b1", "ArrowRight")  # b1 = 0.5: 00, 10 and 11 merge in hidden space
    moved = frame_state(widget)
    assert _changed(start, moved) and "b⁽¹⁾ = (0.5, -0.5)" in moved[2] and "not separable" in moved[2]
    assert v.problems == [] and v.external == []


def test_xor_training_widget_responds(visit):
    v = visit(PAGE)
    widget = _widgets(v)[2]
    widget.scroll_into_view_if_needed()
    start = frame_state(widget)
    assert start[2].startswith("2 tanh hidden units, seed 0, epoch 400") and "4 of 4" in start[2]
    _press(widget, "seed", "ArrowRight")
    stuck = frame_state(widget)
    assert _changed(start, stuck) and "seed 1, epoch 400: loss 0.35" in stuck[2]
    _press(widget, "epoch", "Home")
    first = frame_state(widget)
    assert _changed(stuck, first) and "epoch 0:" in first[2]
    assert v.problems == [] and v.external == []


def test_playground_widget_responds(visit):
    v = visit(PAGE)
    widget = _widgets(v)[3]
    widget.scroll_into_view_if_needed()
    start = frame_state(widget)
    assert start[2].startswith("XOR, 8 tanh units, α = 1, epoch 240")
    widget.locator("select[data-nn-control=data]").select_option(label="spirals")
    spirals = frame_state(widget)
    assert _changed(start, spirals) and spirals[2].startswith("spirals, 8 tanh units")
    activation = widget.locator("select[data-nn-live-only]")  # on the page: tanh, marked
    assert activation.is_disabled()
    assert "live only" in widget.locator("label:has(select[data-nn-live-only])").inner_text()
    _press(widget, "log_lr", "ArrowLeft")
    slow = frame_state(widget)
    assert _changed(spirals, slow) and "α = 0.032" in slow[2]
    assert v.problems == [] and v.external == []


def test_deck_widgets_respond(visit):
    v = visit(DECK)
    v.page.wait_for_selector("body[data-deck-ready=true]", timeout=15000)
    widgets = v.page.locator(".nn-widget")
    assert widgets.count() == 4
    for i in range(4):
        v.page.evaluate(f"(() => {{ const s = document.querySelectorAll('.nn-widget')[{i}].closest('section');"
                        f" const k = Reveal.getIndices(s); Reveal.slide(k.h, k.v); }})()")
        v.page.wait_for_timeout(300)
        widget = widgets.nth(i)
        assert widget.is_visible(), f"widget {i} is not on the current slide"
        start = frame_state(widget)
        slider = widget.locator("input[type=range][data-nn-control]").first
        slider.fill("0" if slider.input_value() != "0" else "1")
        assert frame_state(widget)[1] != start[1], f"the deck's widget {i} did not change frame"
    assert v.external == [], f"requests left the machine: {v.external}"
    assert v.problems == []


@pytest.mark.parametrize("path", [PAGE, DECK])
def test_math_renders_without_errors(visit, path):
    v = visit(path)
    if path == DECK:
        v.page.wait_for_selector("body[data-deck-ready=true]", timeout=15000)
    least = 20 if path == PAGE else 10  # the deck shows formulas, not the chapter's prose (13 of them)
    v.page.wait_for_function(f"document.querySelectorAll('.katex, .MathJax_CHTML').length > {least}",
                             timeout=15000)
    assert v.page.locator(".katex-error, .MathJax_Error, mjx-merror").count() == 0
    assert v.problems == [] and v.external == []
