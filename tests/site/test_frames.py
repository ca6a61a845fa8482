"""Widget frames on the built site, as a reader's browser gets them (issue "Widget frames for
every screen").

- Out of the page: no frame is inline; each widget's first frame is a lazily loaded image and
  a page asks for no frame until its widget comes near the screen.
- A moved control asks for its frame (and no other page's), and the widget's readout answers
  at once; from ``file://`` too (images, not ``fetch()``).
- Sharp and readable: at least 2x the pixels shown on a desktop; on a 390 px phone the frame
  is at least PHONE_FRAME_PX wide and its smallest text at least 10 px.
- Shareable: a moved control writes ``?<widget>.<control>=<value>``; opening that address
  restores the view and scrolls to it.
- Budgets: a chapter's frame files together at most 3.5 MB; its first view (what loads
  before any widget is moved, scrolled to the top) within FIRST_VIEW bytes.

Theme contrast of the widgets' chrome in both modes is checked by axe-core with every page
(test_accessibility.py).
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import HTML, frame_state, toc_chapters
from tests.widgets.test_registry import FRAME_BUDGET, MIN_TEXT_PX, PHONE_FRAME_PX

pytestmark = pytest.mark.slow

CHAPTER_PAGES = [f"chapters/{path.stem}.html" for path in toc_chapters().values()]
FIRST_VIEW = 1_500_000  # bytes a chapter page transfers before its load event
DECK_FIRST_VIEW = 2_000_000  # the same for a deck
DECKS = [f"slides/{path.stem}.slides.html" for path in toc_chapters().values()]
SPEC = re.compile(r'<script\b[^>]*class="nn-frames"[^>]*>(.*?)</script>', re.S)


def specs(path: str) -> list[dict]:
    return [json.loads(body) for body in SPEC.findall((HTML / path).read_text(encoding="utf-8"))]


@pytest.mark.parametrize("path", CHAPTER_PAGES)
def test_frames_are_files_within_the_chapter_budget(path):
    text = (HTML / path).read_text(encoding="utf-8")
    assert "data:image/webp" not in text and '"frames":' not in text, "frames left inline"
    found = specs(path)
    assert found, f"{path} shows no static widget"
    urls = {u for spec in found for u in spec["urls"]}
    files = [(HTML / path).parent / u for u in urls]
    missing = [str(f) for f in files if not f.is_file()]
    assert not missing, missing[:3]
    size = sum(f.stat().st_size for f in files)
    assert size <= FRAME_BUDGET, f"{path}: frames {size / 1e6:.2f} MB"
    for spec in found:
        assert len(spec["urls"]) == len(set(spec["urls"]))  # each frame once
        assert max(spec["order"]) == len(spec["urls"]) - 1


def first_view(browser, server, path, viewport):
    """(bytes transferred before the load event, widgets within two screens, frames among them)."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    responses = []
    page.on("response", lambda r: responses.append(r))
    try:
        page.goto(f"{server}/{path}", wait_until="load")
        before_load = list(responses)  # the search index, for one, loads after `load`
        near = page.evaluate("""() => [...document.querySelectorAll('.nn-widget')]
            .filter(w => w.getBoundingClientRect().top < 2 * innerHeight).length""")
        frames = [r.url for r in before_load if "/_frames/" in r.url]
        return sum(len(r.body()) for r in before_load if r.ok), near, frames
    finally:
        context.close()


@pytest.mark.parametrize("path", CHAPTER_PAGES)
def test_first_view_loads_no_frame_below_the_fold_and_stays_light(browser, server, path):
    """At 1280 x 800, cache off, served raw: what the page transfers before its load event."""
    total, near, frames = first_view(browser, server, path, {"width": 1280, "height": 800})
    assert len(frames) <= near, f"{path}: {len(frames)} frames on load, {near} widgets near view"
    assert total <= FIRST_VIEW, f"{path}: first view {total / 1e6:.2f} MB"


@pytest.mark.parametrize("path", DECKS)
def test_a_deck_first_view_stays_light(browser, server, path):
    total, _, _ = first_view(browser, server, path, {"width": 1280, "height": 720})
    assert total <= DECK_FIRST_VIEW, f"{path}: first view {total / 1e6:.2f} MB"


def _widget(page, name):
    widget = page.locator(f"#nn-{name}")
    widget.scroll_into_view_if_needed()
    page.wait_for_function(f"() => document.querySelector('#nn-{name}').dataset.nnReady === 'true'")
    return widget


def _first_slider(page, name):
    return page.locator(f"#nn-{name} input[type=range][data-nn-control]").first


def _loaded(page, name):
    page.wait_for_function(f"""() => {{ const i = document.querySelector('#nn-{name} img.nn-frame');
        return i.complete && i.naturalWidth > 0 && !i.closest('.nn-widget').classList.contains('nn-loading') }}""")


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_a_moved_control_loads_its_frame_and_answers_at_once(browser, server, scheme):
    base = server if scheme == "http" else (HTML.resolve()).as_uri()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda r: "/_frames/" in r.url and asked.append(r.url))
    try:
        page.goto(f"{base}/chapters/01_activations.html", wait_until="load")
        widget = _widget(page, "neuron_1d")
        _loaded(page, "neuron_1d")
        spec = json.loads(widget.locator("script.nn-frames").text_content())
        before = frame_state(widget)
        slider = _first_slider(page, "neuron_1d")  # w
        slider.focus()
        page.keyboard.press("End")
        # the readout answers before any image arrives
        assert widget.locator("output").first.text_content() == spec["labels"][1][-1] == "3.0"
        _loaded(page, "neuron_1d")
        flat, src, alt = frame_state(widget)
        assert (flat, src, alt) != before
        assert src == spec["urls"][spec["order"][int(flat)]] and alt == spec["alts"][int(flat)]
        assert any(u.endswith(src.rsplit("/", 1)[1]) for u in asked)
        natural = page.evaluate("() => document.querySelector('#nn-neuron_1d img.nn-frame').naturalWidth")
        assert natural > 0
    finally:
        context.close()


@pytest.mark.parametrize("path", CHAPTER_PAGES)
def test_frames_are_sharp_on_desktop_and_readable_on_a_phone(browser, server, path):
    for width, scale in ((1280, 1), (390, 3)):
        context = browser.new_context(viewport={"width": width, "height": 844}, device_scale_factor=scale)
        page = context.new_page()
        try:
            page.goto(f"{server}/{path}", wait_until="load")
            shown = page.evaluate("""() => [...document.querySelectorAll('.nn-widget img.nn-frame')].map(i => {
                i.loading = 'eager'; return [i.closest('.nn-widget').id, i.clientWidth, i.width, +i.dataset.nnMinText]})""")
            page.wait_for_function("() => [...document.querySelectorAll('img.nn-frame')].every(i => i.complete)")
            natural = page.evaluate("() => [...document.querySelectorAll('img.nn-frame')].map(i => i.naturalWidth)")
            assert shown
            for (name, client, attr, min_text), pixels in zip(shown, natural):
                if width == 1280:
                    assert client == attr, f"{name}: shown at {client} px, meant {attr}"
                    assert pixels >= 2 * client, f"{name}: {pixels} px shown at {client}"
                else:
                    assert client >= min(attr, PHONE_FRAME_PX), f"{name}: {client} px wide on a phone"
                    assert min_text * client / attr >= MIN_TEXT_PX, f"{name}: text {min_text * client / attr:.1f} px"
        finally:
            context.close()


def test_a_view_is_shared_by_its_address(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{server}/chapters/01_activations.html#one-neuron-live", wait_until="load")
        widget = _widget(page, "neuron_1d")
        widget.locator("select[data-nn-control=activation]").select_option(label="ReLU")
        slider = _first_slider(page, "neuron_1d")
        slider.focus()
        page.keyboard.press("Home")  # w = -3
        query = parse_qs(urlsplit(page.url).query)
        assert query == {"neuron_1d.activation": ["relu"], "neuron_1d.w": ["-3.0"], "neuron_1d.b": ["0.0"]}
        assert urlsplit(page.url).fragment == "one-neuron-live"  # Sphinx's anchor kept
        shared, state = page.url, frame_state(widget)
    finally:
        context.close()

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(shared.replace("#one-neuron-live", ""), wait_until="load")
        widget = page.locator("#nn-neuron_1d")
        page.wait_for_function("() => document.querySelector('#nn-neuron_1d').dataset.nnReady === 'true'")
        assert frame_state(widget) == state
        assert widget.locator("select[data-nn-control=activation]").input_value() == "3"  # ReLU
        assert widget.locator("output").first.text_content() == "-3.0"
        box = widget.bounding_box()
        assert 0 <= box["y"] < 900, "the shared widget is scrolled into view"
        # a value between grid points opens the nearest frame; an unknown one is ignored
        page.goto(f"{server}/chapters/01_activations.html?neuron_1d.w=1.4&neuron_1d.b=oops", wait_until="load")
        page.wait_for_function("() => document.querySelector('#nn-neuron_1d').dataset.nnReady === 'true'")
        assert page.locator("#nn-neuron_1d output").first.text_content() == "1.0"
        assert page.locator("#nn-neuron_1d output").nth(1).text_content() == "0.0"
    finally:
        context.close()


@pytest.mark.parametrize("path", CHAPTER_PAGES)
def test_widget_names_are_unique_on_a_page_and_live_only_controls_are_marked(path):
    text = (HTML / path).read_text(encoding="utf-8")
    names = [spec["name"] for spec in specs(path)]
    assert len(names) == len(set(names))
    assert sorted(re.findall(r'<div class="nn-widget" id="nn-([a-z0-9_]+)"', text)) == sorted(names)
    for control in re.findall(r"<(?:input|select)\b[^>]*data-nn-live-only[^>]*>", text):
        assert "disabled" in control
