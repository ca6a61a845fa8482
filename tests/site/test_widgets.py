"""Every chapter's widgets on the built site and in its deck (the slow tier), from the
registry (:func:`nnlib.widgets.chapters`): each registered widget is on its chapter's page
and in its deck, once, ready, and every control the static page moves changes the frame,
which keeps an alt text. A chapter's own site tests (``tests/site/test_<slug>.py``) check
what is particular to it.

Each case's id names the page (``chapters/06_training.html``), so it carries the chapter's
marker: ``pytest -m training`` runs it.
"""

from __future__ import annotations

import pytest

from nnlib.widgets import chapters
from tests.conftest import CHAPTERS, frame_state

#: {slug: names of its registered widgets} of the chapters in the table of contents.
REGISTERED = {slug: [w.name for w in widgets] for slug, widgets in chapters().items()
              if slug in CHAPTERS}
CASES = [pytest.param(slug, path, id=path) for slug in REGISTERED
         for path in (f"chapters/{CHAPTERS[slug].stem}.html",
                      f"slides/{CHAPTERS[slug].stem}.slides.html")]


def _show_slide_of(page, name: str) -> None:
    page.evaluate(f"""() => {{ const k = Reveal.getIndices(
        document.querySelector('#nn-{name}').closest('section')); Reveal.slide(k.h, k.v); }}""")
    page.wait_for_timeout(300)


def _move(control) -> None:
    """Set a control to another point of its grid: a slider to its first point (or its
    last, if it is there), a menu to another option."""
    if control.evaluate("e => e.tagName") == "SELECT":  # by index: an option's value ("0")
        now = control.evaluate("e => e.selectedIndex")  # may be another option's label ("1")
        control.select_option(index=1 if now == 0 else 0)
    else:
        control.fill("0" if control.input_value() != "0" else control.get_attribute("max"))


@pytest.mark.parametrize("slug, path", CASES)
def test_every_registered_widget_is_there_and_each_control_moves_it(visit, slug, path):
    v = visit(path)
    deck = path.startswith("slides/")
    if deck:
        v.page.wait_for_selector("body[data-deck-ready=true]", timeout=15000)
    shown = v.page.eval_on_selector_all(".nn-widget", "ws => ws.map(w => w.dataset.nnName)")
    assert sorted(shown) == sorted(REGISTERED[slug]), "the page shows other widgets than the registry"
    for name in REGISTERED[slug]:
        if deck:
            _show_slide_of(v.page, name)
        widget = v.page.locator(f"#nn-{name}")
        widget.scroll_into_view_if_needed()
        assert widget.get_attribute("data-nn-ready") == "true", name
        controls = widget.locator("[data-nn-control]")
        assert controls.count() >= 1, f"{name} has no control the page moves"
        for k in range(controls.count()):
            before = frame_state(widget)
            _move(controls.nth(k))
            after = frame_state(widget)
            what = f"{name}, control {controls.nth(k).get_attribute('data-nn-control')}"
            assert after[0] != before[0] and after[1] != before[1], f"{what}: the frame did not change"
            assert after[2], f"{what}: the frame has no alt text"
    assert v.problems == [] and v.external == []
