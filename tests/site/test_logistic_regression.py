"""Browser tests of the chapter *Logistic regression* as built: its page and its deck, offline.

Every widget must respond on the static page (sliders by keyboard and by value, menus), and
the deck's widgets too. Run after `make book` (or against another build with NNBOOK_HTML).
"""

from __future__ import annotations

import pytest

from tests.conftest import CHAPTERS, HTML, frame_state

STEM = CHAPTERS["logistic_regression"].stem  # 02_logistic_regression
PAGE = f"chapters/{STEM}.html"
DECK = f"slides/{STEM}.slides.html"
TITLES = {"likelihood": "Fit by hand", "gd": "Gradient descent over time",
          "regularization": "MAP: the penalty"}


def widget(page, name):
    found = page.locator(".nn-widget", has_text=TITLES[name])
    assert found.count() == 1, f"expected one {name} widget, found {found.count()}"
    found.scroll_into_view_if_needed()
    assert found.get_attribute("data-nn-ready") == "true"
    return found


@pytest.fixture
def chapter(visit):
    v = visit(PAGE)
    yield v
    assert v.external == [], f"requests left the machine: {v.external}"
    assert v.problems == []


def test_page_has_three_widgets_math_and_the_deck_link(chapter):
    page = chapter.page
    assert page.locator(".nn-widget").count() == 3
    page.wait_for_function("document.querySelectorAll('.katex').length > 20", timeout=15000)
    assert page.locator(".katex-error, .MathJax_Error, mjx-merror").count() == 0
    assert page.locator(f'a[href="../slides/{STEM}.slides.html"]').count() == 1
    assert page.locator("figure img").count() >= 4  # the static figures
    assert (HTML / DECK).is_file()


def test_fit_by_hand_responds_to_every_slider(chapter):
    w = widget(chapter.page, "likelihood")
    start = frame_state(w)
    assert start[2].startswith("w = (1.0, -1.0), b = 0.0: log-likelihood -45.2")
    w.locator("input[data-nn-control=w1]").focus()
    chapter.page.keyboard.press("ArrowRight")  # keyboard-operable
    moved = frame_state(w)
    assert moved[0] != start[0] and moved[1] != start[1]
    assert moved[2].startswith("w = (2.0, -1.0)")
    assert w.locator("output").first.text_content() == "2.0"
    w.locator("input[data-nn-control=w2]").fill("4")  # w2: -3, -2, -1, 0, 1 -> index 4
    best = frame_state(w)
    assert best[2].startswith("w = (2.0, 1.0), b = 0.0: log-likelihood -22.5")
    w.locator("input[data-nn-control=b]").fill("2")
    assert frame_state(w)[2].startswith("w = (2.0, 1.0), b = 1.5:")


def test_gd_widget_responds_to_menus_and_slider(chapter):
    w = widget(chapter.page, "gd")
    start = frame_state(w)
    assert start[2].startswith("separable data, λ = 0, after 10 GD steps")
    w.locator("input[data-nn-control=log_t]").fill("8")
    late = frame_state(w)
    assert late[1] != start[1] and late[2].startswith("separable data, λ = 0, after 10000 GD steps")
    w.locator("select[data-nn-control=lam]").select_option(label="1 (MAP)")
    assert frame_state(w)[2].startswith("separable data, λ = 1, after 10000 GD steps: w = (1.62")
    w.locator("select[data-nn-control=dataset]").select_option(label="overlapping")
    assert frame_state(w)[2].startswith("overlapping data, λ = 1")


def test_lambda_widget_responds_and_shows_the_norm(chapter):
    w = widget(chapter.page, "regularization")
    start = frame_state(w)
    assert start[2].startswith("separable data, λ = 1: fitted w = (1.62, 1.99)")
    w.locator("input[data-nn-control=log_lam]").fill("0")  # log10 λ = -3
    small = frame_state(w)
    assert small[1] != start[1] and "λ = 0.001" in small[2] and "‖w‖ = 9.84" in small[2]
    assert w.locator("output").first.text_content() == "-3.0"
    w.locator("select[data-nn-control=dataset]").select_option(label="overlapping")
    assert "overlapping data, λ = 0.001" in frame_state(w)[2]


def test_deck_is_offline_and_its_widgets_respond(visit):
    v = visit(DECK)
    v.page.wait_for_selector("body[data-deck-ready=true]", timeout=15000)
    assert v.page.evaluate("Reveal.getTotalSlides()") > 20
    widgets = v.page.locator(".nn-widget")
    assert widgets.count() == 3
    for i in range(3):
        w = widgets.nth(i)
        indices = v.page.evaluate(
            "el => Reveal.getIndices(el.closest('section'))", w.element_handle())
        v.page.evaluate(f"Reveal.slide({indices['h']}, {indices['v']})")
        v.page.wait_for_timeout(300)
        assert w.is_visible()
        start = frame_state(w)
        w.locator("input[type=range]").last.fill("0")
        assert frame_state(w)[1] != start[1], f"widget {i} of the deck did not change frame"
    assert v.page.locator("text=✓ Correct").count() == 0  # solutions stay off the slides
    assert v.external == [], f"requests left the machine: {v.external}"
    assert v.problems == []
