"""Accessibility, as axe-core (from npm, run in Chromium) and a reader's finger see it.

Every page of the built site, in light and in dark mode, and every slide of every deck must
have no serious or critical axe violation. The fixes live in our templates
(`book_ext/templates/`), `book_ext/a11y.py`, `web/book.css` and the deck template. Slider and
drop-down touch targets are at least 24 px high (WCAG 2.2, 2.5.8).
"""

from __future__ import annotations

import pytest

from tests.conftest import HTML, ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")
PAGES = sorted(str(p.relative_to(HTML)) for p in HTML.glob("*.html")) + \
    sorted(f"chapters/{p.name}" for p in (HTML / "chapters").glob("*.html"))
DECKS = sorted(f"slides/{p.name}" for p in (HTML / "slides").glob("*.slides.html"))

pytestmark = pytest.mark.slow

RUN = """async ([impacts, context]) => (await axe.run(context || document, {resultTypes: ['violations']})).violations
    .filter(v => impacts.includes(v.impact))
    .map(v => `${v.id} (${v.impact}): ` + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join('; '))"""


def _axe(page, context: dict | None = None) -> list[str]:
    assert AXE.exists(), "npm ci installs axe-core (make book does)"
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN, [list(SERIOUS), context])


def test_the_site_has_pages_and_decks():
    assert "intro.html" in PAGES and len([p for p in PAGES if p.startswith("chapters/")]) >= 3
    assert len(DECKS) >= 3


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_serious_violation(browser, server, path, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(f"{server}/{path}", wait_until="load")
        page.wait_for_function(f"() => document.documentElement.dataset.theme === '{scheme}'")
        assert _axe(page) == []
    finally:
        context.close()


@pytest.mark.parametrize("path", DECKS)
def test_every_slide_has_no_serious_violation(browser, server, path):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        page.goto(f"{server}/{path}", wait_until="load")
        page.wait_for_selector("body[data-deck-ready=true]")
        found = [f"whole deck: {v}" for v in _axe(page)]
        slides = page.evaluate("() => Reveal.getSlides().map(s => Reveal.getIndices(s))")
        assert slides
        # Contrast is judged on what is shown: each slide in turn, with the slide number.
        shown = {"include": [[".reveal .slides section.present:not(.stack)"], [".reveal .slide-number"]]}
        for index in slides:
            page.evaluate("([h, v]) => Reveal.slide(h, v)", [index["h"], index.get("v") or 0])
            found += [f"slide {index['h']}/{index.get('v') or 0}: {v}" for v in _axe(page, shown)]
        assert found == []
    finally:
        page.close()


@pytest.mark.parametrize("path", [p for p in PAGES if p.startswith("chapters/")])
def test_widget_controls_are_big_enough_to_touch(browser, server, path):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(f"{server}/{path}", wait_until="load")
        heights = page.evaluate("""() => [...document.querySelectorAll(
            '.nn-widget input[type=range], .nn-widget select')].map(e => e.getBoundingClientRect().height)""")
        assert heights, "no widget controls found"
        assert min(heights) >= 24, heights
    finally:
        page.close()


@pytest.mark.parametrize("path", [p for p in PAGES if p.startswith("chapters/")])
def test_widgets_read_well_to_a_screen_reader(browser, server, path):
    """Every control is named by its label, a slider speaks its value (not the grid index),
    Tab walks the controls in reading order, and the image's alt text follows the frame."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{server}/{path}", wait_until="load")
        widgets = page.locator(".nn-widget[data-nn-ready=true]")
        assert widgets.count() >= 1
        for i in range(widgets.count()):
            widget = widgets.nth(i)
            controls = widget.locator("[data-nn-control]")
            for j in range(controls.count()):
                control = controls.nth(j)
                name = control.evaluate("e => e.closest('label').innerText.split('\\n')[0].trim()")
                assert name, f"widget {i}: control {j} has no label"
                if control.get_attribute("type") == "range":
                    shown = control.evaluate("e => e.nextElementSibling.textContent")
                    assert control.get_attribute("aria-valuetext") == shown
            first = controls.first
            first.focus()
            order = [first.get_attribute("data-nn-control")]
            for _ in range(controls.count() - 1):
                page.keyboard.press("Tab")
                order.append(page.evaluate("() => document.activeElement.getAttribute('data-nn-control')"))
            assert order == [controls.nth(j).get_attribute("data-nn-control") for j in range(controls.count())]
            image = widget.locator("img.nn-frame")
            before = image.get_attribute("alt")
            assert before and len(before) > 10
            slider = widget.locator("input[type=range]").first
            if slider.count():
                slider.focus()
                at_end = slider.evaluate("e => e.value === e.max")
                page.keyboard.press("ArrowLeft" if at_end else "ArrowRight")
                assert image.get_attribute("alt") != before, f"widget {i}: the alt text did not follow"
    finally:
        page.close()
