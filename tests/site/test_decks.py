"""Every deck, as an instructor presents it (slow tier): Chromium at 1280 x 720, offline.

The pattern of CONTRIBUTING.md ("Decks"), checked slide by slide in every deck:

* 15 to 25 slides;
* no slide taller or wider than the 1280 x 720 window, with every fragment shown;
* at most 40 words on a slide, not counting maths, code (inputs and outputs: code, printouts,
  figures, widgets) or the speaker notes; a word is a run of characters holding a letter or
  a digit, so numbers count;
* a speaker note on every slide after the title, saying what to say (**Say:**), a question
  for the room (**Ask:**) with its expected answer (**Answer:**) and the minutes it takes
  (**Time:** N min);
* keys on a focused drop-down or slider change the value, not the slide;
* Tab never leaves the current slide;
* widgets big and sharp: the smallest text of a frame is >= 18 px as shown, and every
  drop-down and slider is >= 44 px tall.

The frame's smallest text T (CSS px at the frame's intended width W, its ``width``
attribute) is read from ``data-nn-min-text``; frames rendered before that attribute existed
are assumed to have T = 16.7 * W / 540 (the book's 540 px frames have 16.7 px axis text).
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import CHAPTERS, HTML

DECKS = [f"slides/{path.stem}.slides.html" for path in CHAPTERS.values()]
VIEWPORT = {"width": 1280, "height": 720}
MIN_SLIDES, MAX_SLIDES, MAX_WORDS = 15, 25, 40
MIN_TEXT_PX, MIN_CONTROL_PX = 18, 44
NOTE = re.compile(r"Say:.+Ask:.+Answer:.+Time:\s*\d+(\.\d+)?\s*min", re.S)

#: What the current slide shows, every fragment revealed: its extent in the window, its
#: words (without maths, code, outputs and notes) and its speaker notes.
SLIDE_FACTS = """() => {
  const slide = Reveal.getCurrentSlide();
  let left = Infinity, top = Infinity, right = -Infinity, bottom = -Infinity;
  for (const el of [slide, ...slide.querySelectorAll("*")]) {
    if (el.closest("aside.notes")) continue;
    if (el.closest(".katex-mathml")) continue;  // KaTeX's MathML for screen readers: clipped, never seen
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    left = Math.min(left, r.left); top = Math.min(top, r.top);
    right = Math.max(right, r.right); bottom = Math.max(bottom, r.bottom);
  }
  const copy = slide.cloneNode(true);
  copy.querySelectorAll("aside.notes, .jp-InputArea, .jp-OutputArea, pre, code, script, style,"
    + " .MathJax_Preview, .mjx-chtml, .MathJax, .MathJax_CHTML, .MathJax_Display, .katex")
    .forEach(e => e.remove());
  const text = copy.textContent.replace(/\\$\\$[\\s\\S]*?\\$\\$|\\$[^$]*\\$/g, " ");
  const words = text.split(/\\s+/).filter(w => /[\\p{L}\\p{N}]/u.test(w));
  const notes = [...slide.querySelectorAll("aside.notes")].map(a => a.textContent).join("\\n");
  return {left, top, right, bottom, words, notes,
          title: (slide.querySelector("h1, h2, h3, .nn-title") || {}).textContent || ""};
}"""


@pytest.fixture
def deck(browser, server):
    """Open a deck in a 1280 x 720 window; yields a function that opens one."""
    contexts = []

    def _open(path):
        context = browser.new_context(viewport=VIEWPORT)
        contexts.append(context)
        page = context.new_page()
        problems = []
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(f"{server}/{path}", wait_until="load")
        page.wait_for_selector("body[data-deck-ready=true]", timeout=15000)
        page.evaluate("() => document.fonts.ready")
        page.wait_for_timeout(300)
        page.problems = problems
        return page

    yield _open
    for context in contexts:
        context.close()


def _slides(page) -> list[tuple[int, int]]:
    return [(k["h"], k.get("v") or 0) for k in page.evaluate("() => Reveal.getSlides().map(s => Reveal.getIndices(s))")]


def _show(page, h, v, all_fragments=True):
    page.evaluate("([h, v, f]) => Reveal.slide(h, v, f)", [h, v, 999 if all_fragments else -1])
    page.wait_for_timeout(60)
    _wait_for_maths(page)  # the deck re-typesets a slide's maths when it is shown, then lays it out
    page.wait_for_timeout(60)


def _wait_for_maths(page):
    page.wait_for_function("() => !window.MathJax || !MathJax.Hub || !MathJax.Hub.queue.running && MathJax.Hub.queue.pending === 0"
                           " && document.querySelectorAll('.MathJax_Preview:not(:empty)').length === 0",
                           timeout=20000)


@pytest.mark.parametrize("path", DECKS)
def test_slides_count_fit_words_and_notes(deck, path):
    page = deck(path)
    _wait_for_maths(page)
    slides = _slides(page)
    assert MIN_SLIDES <= len(slides) <= MAX_SLIDES, f"{path}: {len(slides)} slides"
    too_big, wordy, silent = [], [], []
    for number, (h, v) in enumerate(slides, start=1):
        _show(page, h, v)
        facts = page.evaluate(SLIDE_FACTS)
        where = f"slide {number} ({facts['title'].strip()[:40]!r})"
        if facts["left"] < 0 or facts["top"] < 0 or facts["right"] > 1280 or facts["bottom"] > 720:
            too_big.append(f"{where}: {facts['left']:.0f}..{facts['right']:.0f} x "
                           f"{facts['top']:.0f}..{facts['bottom']:.0f}")
        if len(facts["words"]) > MAX_WORDS:
            wordy.append(f"{where}: {len(facts['words'])} words")
        if number > 1 and not NOTE.search(facts["notes"]):
            silent.append(where)
    assert too_big == [], f"{path}: slides outside the 1280 x 720 window: {too_big}"
    assert wordy == [], f"{path}: slides over {MAX_WORDS} words: {wordy}"
    assert silent == [], f"{path}: content slides without a Say/Ask/Answer/Time note: {silent}"
    assert page.problems == []


def _controls(page):
    """(slide indices, CSS selector) of every drop-down and slider in the deck."""
    return page.evaluate("""() => [...document.querySelectorAll('.nn-widget')].flatMap((w, i) =>
        [...w.querySelectorAll("[data-nn-control]")].map(c => {
          const k = Reveal.getIndices(w.closest('section'));
          return {h: k.h, v: k.v || 0,
                  selector: `.nn-widget >> nth=${i} >> [data-nn-control="${c.dataset.nnControl}"]`,
                  kind: c.tagName.toLowerCase()};
        }))""")


@pytest.mark.parametrize("path", DECKS)
def test_keys_on_a_focused_control_change_it_not_the_slide(deck, path):
    page = deck(path)
    controls = _controls(page)
    assert any(c["kind"] == "select" for c in controls), f"{path}: no drop-down to test"
    for c in controls:
        _show(page, c["h"], c["v"])
        control = page.locator(c["selector"])
        control.focus()
        widget = control.locator("xpath=ancestor::div[contains(@class, 'nn-widget')]")
        # a slider takes all four arrows, a closed drop-down Up and Down
        moves = [("ArrowRight", "ArrowLeft"), ("ArrowUp", "ArrowDown")] if c["kind"] == "input" else [
            ("ArrowDown", "ArrowUp")]
        for forward, back in moves:
            at_end = control.evaluate("e => e.tagName === 'SELECT' ? e.selectedIndex === e.options.length - 1"
                                      " : e.value === e.max")
            key = back if at_end else forward
            before = (control.input_value(), widget.get_attribute("data-nn-frame"))
            page.keyboard.press(key)
            page.wait_for_timeout(60)
            after = (control.input_value(), widget.get_attribute("data-nn-frame"))
            here = page.evaluate("() => Reveal.getIndices()")
            assert (here["h"], here.get("v") or 0) == (c["h"], c["v"]), (
                f"{path}: {key} on {c['selector']} moved the deck")
            assert after[0] != before[0] and after[1] != before[1], (
                f"{path}: {key} on {c['selector']} did not change the value and the frame")
        page.keyboard.press("Escape")  # leaves the control: arrows move slides again
        assert page.evaluate("() => document.activeElement === document.body")
        page.keyboard.press("ArrowRight")
        here = page.evaluate("() => Reveal.getIndices()")
        assert (here["h"], here.get("v") or 0) != (c["h"], c["v"]) or page.evaluate("() => Reveal.isLastSlide()")


@pytest.mark.parametrize("path", DECKS)
def test_tab_stays_on_the_current_slide(deck, path):
    page = deck(path)
    for h, v in _slides(page):
        _show(page, h, v, all_fragments=False)
        page.evaluate("() => document.activeElement && document.activeElement.blur()")
        own = page.evaluate("() => Reveal.getCurrentSlide().querySelectorAll('select, input, a[href], button, "
                            "summary, [tabindex]:not([tabindex=\"-1\"])').length")
        for _ in range(own + 3):
            page.keyboard.press("Tab")
            where = page.evaluate("""() => {
              const a = document.activeElement, s = a && a.closest('.slides section');
              return s === null ? 'outside' : (s === Reveal.getCurrentSlide() ? 'here' : 'elsewhere');
            }""")
            assert where != "elsewhere", f"{path}: Tab left slide {h}/{v} for another slide"
        here = page.evaluate("() => Reveal.getIndices()")
        assert (here["h"], here.get("v") or 0) == (h, v), f"{path}: Tab moved the deck from {h}/{v}"
        if own:  # from the top of the page, the first Tab lands on the slide, not on hidden stops
            page.evaluate("""() => { const start = document.createElement('span');
              start.id = 'tab-start'; start.tabIndex = -1; document.body.prepend(start); start.focus(); }""")
            page.keyboard.press("Tab")
            first = page.evaluate("() => Reveal.getCurrentSlide().contains(document.activeElement)")
            page.evaluate("() => document.getElementById('tab-start').remove()")
            assert first, f"{path}: the first Tab on slide {h}/{v} does not reach it"


@pytest.mark.parametrize("path", DECKS)
def test_widgets_are_big_and_sharp(deck, path):
    page = deck(path)
    frames = page.locator(".nn-widget img.nn-frame")
    assert frames.count() >= 1
    for i in range(frames.count()):
        frame = frames.nth(i)
        k = frame.evaluate("e => Reveal.getIndices(e.closest('section'))")
        _show(page, k["h"], k.get("v") or 0)
        shown = frame.evaluate("""e => {
          const r = e.getBoundingClientRect(), W = +e.getAttribute('width'), H = +e.getAttribute('height');
          const fit = getComputedStyle(e).objectFit;  // 'contain' may letterbox the image
          const width = fit === 'contain' ? Math.min(r.width, r.height * W / H) : r.width;
          const T = e.hasAttribute('data-nn-min-text') ? +e.getAttribute('data-nn-min-text') : 16.7 * W / 540;
          return {width, W, T, inside: r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight};
        }""")
        text = shown["width"] / shown["W"] * shown["T"]
        assert text >= MIN_TEXT_PX, f"{path}: widget {i} shows its smallest text at {text:.1f} px"
        assert shown["inside"], f"{path}: widget {i}'s frame is not wholly on screen"
        widget = frame.locator("xpath=ancestor::div[contains(@class, 'nn-widget')]")
        for size in widget.locator("[data-nn-control]").evaluate_all(
                "els => els.map(e => [e.dataset.nnControl, e.getBoundingClientRect().height,"
                " parseFloat(getComputedStyle(e).fontSize) * e.getBoundingClientRect().height / e.offsetHeight])"):
            assert size[1] >= MIN_CONTROL_PX, f"{path}: widget {i}'s control {size[0]} is {size[1]:.0f} px tall"
        assert all(s[2] >= 18 for s in widget.locator("label").evaluate_all(
            "els => els.map(e => [0, 0, parseFloat(getComputedStyle(e).fontSize)"
            " * e.getBoundingClientRect().height / e.offsetHeight])")), f"{path}: widget {i}'s labels are small"


def test_every_chapter_has_a_deck():
    assert sorted(DECKS) == sorted(f"slides/{p.name}" for p in (HTML / "slides").glob("*.slides.html"))
