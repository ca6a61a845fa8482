"""The digit pad in the browser (issue 22), on a page of its own opened from ``file://``.

The page is what the book serves (chapters/<page>.html with the pad as ``digit_pad()``
outputs it for the book, the weights in ``_static/digit_model.js`` as book_ext/digit_pad.py
writes them, the theme's colours and web/book.css), so these tests do not depend on
chapter 8 being built.

- The page's JavaScript computes nnlib's probabilities: all 2,000 shipped test digits through
  its forward pass against ``MLP.predict_proba`` with the same dequantised weights.
- Drawn strokes (mouse, and touch without scrolling the page) reach the pad; its 28×28
  image is :func:`nnlib.widgets.mnist.preprocess.preprocess` of its ink, and the bars and the
  text show the network's probabilities for that image.
- Clear works from the keyboard (and keeps Enter from a deck); the weights load after the
  page, when the pad comes near; the pad is drawn at the screen's density.

``DIGIT_PAD_SHOTS=<folder>`` keeps screenshots of drawn digits (light and dark, phone width).
"""

from __future__ import annotations

import base64
import os
import re
from pathlib import Path

import numpy as np
import pytest

from nnlib.mnist import load_mnist
from nnlib.widgets.mnist.export import dequantized_model, model_js, write_model_js
from nnlib.widgets.mnist.pad import MODEL_FILE, digit_pad
from nnlib.widgets.mnist.preprocess import preprocess
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

THEME = Path(__import__("pydata_sphinx_theme").__file__).parent / "theme" / "pydata_sphinx_theme" \
    / "static" / "styles" / "pydata-sphinx-theme.css"
#: Strokes in pad coordinates (0..1), one list of points per stroke, and the digit they show.
DIGITS = {
    "1": [[(0.52, 0.15), (0.5, 0.85)]],
    "7": [[(0.25, 0.2), (0.75, 0.2), (0.45, 0.85)]],
    "0": [[(0.5 + 0.2 * np.sin(t), 0.5 - 0.32 * np.cos(t)) for t in np.linspace(0, 2 * np.pi, 40)]],
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A chapter page with the pad below a screenful of text, its weights and its styles."""
    from nnlib.widgets.mnist.recipe import train_recipe_model

    from threadpoolctl import threadpool_limits

    root = tmp_path_factory.mktemp("site")
    with threadpool_limits(1, user_api="blas"):  # as the book build trains it
        model = train_recipe_model()
    write_model_js(root / MODEL_FILE, model)
    variables = "".join(re.findall(r"html\[data-theme=(?:light|dark)\]\{[^}]*\}", THEME.read_text()))
    (root / "_static" / "theme.css").write_text(
        variables + "body{background:var(--pst-color-background);color:var(--pst-color-text-base);"
        "font-family:sans-serif;margin:0 12px}")
    (root / "_static" / "book.css").write_text((ROOT / "web" / "book.css").read_text())
    old = os.environ.get("NNLIB_EMBED_FRAMES")
    os.environ["NNLIB_EMBED_FRAMES"] = "1"  # the pad as `make execute` commits it
    try:
        pad = digit_pad().html
    finally:
        os.environ.pop("NNLIB_EMBED_FRAMES") if old is None else os.environ.update(
            NNLIB_EMBED_FRAMES=old)
    (root / "chapters").mkdir()
    for name, top in (("pad", ""), ("far", '<p style="height:2400px">A chapter\'s text.</p>')):
        (root / "chapters" / f"{name}.html").write_text(
            '<!doctype html><html lang="en" data-theme="light"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Pad</title>'
            '<link rel="stylesheet" href="../_static/theme.css">'
            f'<link rel="stylesheet" href="../_static/book.css"></head><body><main>{top}{pad}'
            "</main></body></html>")
    return {"root": root, "model": model}


def open_pad(browser, site, name="pad", theme="light", **context):
    ctx = browser.new_context(**{"viewport": {"width": 1000, "height": 800}, **context})
    page = ctx.new_page()
    page.problems = []
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.goto((site["root"] / "chapters" / f"{name}.html").as_uri(), wait_until="load")
    page.evaluate(f"document.documentElement.dataset.theme = '{theme}'")
    return ctx, page


def ready(page):
    pad = page.locator(".nn-digit-pad")
    pad.scroll_into_view_if_needed()
    page.wait_for_selector(".nn-digit-pad[data-nn-state=ready]", timeout=10000)
    return pad


def draw_mouse(page, strokes):
    box = page.locator(".nn-pad-canvas").bounding_box()
    for stroke in strokes:
        (x, y), rest = stroke[0], stroke[1:]
        page.mouse.move(box["x"] + x * box["width"], box["y"] + y * box["height"])
        page.mouse.down()
        for x, y in rest:
            page.mouse.move(box["x"] + x * box["width"], box["y"] + y * box["height"], steps=8)
        page.mouse.up()
    page.wait_for_timeout(100)  # the pad redraws on the next animation frame


def pad_state(page):
    """(ink N×N, the 28×28 image as 784 values, the bars' texts, the top class, the status)."""
    got = page.evaluate("""() => { const root = document.querySelector('.nn-digit-pad'), s = root.nnPad;
        return {ink: Array.from(s.ink()), x: Array.from(s.x), n: NNDigitPad.N,
                bars: [...root.querySelectorAll('.nn-pad-p')].map(e => e.textContent),
                widths: [...root.querySelectorAll('.nn-pad-bar span')].map(e => e.style.width),
                top: root.dataset.nnTop, strokes: s.strokes.length,
                status: root.querySelector('.nn-pad-status').textContent}; }""")
    got["ink"] = np.array(got["ink"]).reshape(got["n"], got["n"])
    got["x"] = np.array(got["x"])
    return got


def test_the_page_computes_nnlibs_probabilities(browser, site):
    X_img, _ = load_mnist("test", normalize=False, dtype=np.uint8)
    assert len(X_img) >= 200
    ctx, page = open_pad(browser, site)
    try:
        ready(page)
        flat = page.evaluate("""(b64) => {
            const raw = Uint8Array.from(atob(b64), c => c.charCodeAt(0)), n = raw.length / 784;
            const layers = NNDigitPad.decode(NNDigitModels.recipe), out = [];
            for (let i = 0; i < n; i++) {
              const x = new Float64Array(784);
              for (let j = 0; j < 784; j++) x[j] = raw[784 * i + j] / 255;
              out.push(...NNDigitPad.forward(layers, x));
            }
            return out; }""", base64.b64encode(X_img.tobytes()).decode())
    finally:
        ctx.close()
    P_page = np.array(flat).reshape(len(X_img), 10)
    assert (site["root"] / MODEL_FILE).read_text() == model_js(site["model"])
    P = dequantized_model(site["model"]).predict_proba(X_img.astype(np.float64) / 255)
    assert np.abs(P_page - P).max() <= 1e-6
    top2 = np.sort(P, axis=1)[:, -2:]
    clear = top2[:, 1] - top2[:, 0] > 1e-6
    assert np.array_equal(P_page[clear].argmax(axis=1), P[clear].argmax(axis=1))
    assert clear.sum() >= 1900


@pytest.mark.parametrize("digit", sorted(DIGITS))
def test_mouse_strokes_reach_the_preprocessing_and_the_bars(browser, site, digit):
    ctx, page = open_pad(browser, site)
    try:
        ready(page)
        empty = pad_state(page)
        assert empty["bars"] == ["0.00"] * 10 and empty["top"] is None and not empty["x"].any()
        draw_mouse(page, DIGITS[digit])
        got = pad_state(page)
        assert page.problems == []
    finally:
        ctx.close()
    assert got["strokes"] == len(DIGITS[digit]) and got["ink"].max() > 0.9
    assert np.abs(got["x"] - preprocess(got["ink"])).max() <= 1e-9  # numpy, step for step
    p = dequantized_model(site["model"]).predict_proba(got["x"][None])[0]
    assert got["bars"] == [f"{v:.2f}" for v in p]
    widths = np.array([float(w.rstrip("%")) for w in got["widths"]])
    assert np.abs(widths - 100 * p).max() <= 0.05
    assert got["top"] == str(p.argmax()) == digit
    assert got["status"] == f"The network reads {digit} (probability {p.max():.2f})."


def test_touch_draws_without_scrolling_the_page(browser, site):
    ctx, page = open_pad(browser, site, "far", viewport={"width": 390, "height": 844},
                         has_touch=True, is_mobile=True, device_scale_factor=3)
    try:
        ready(page)
        before = page.evaluate("scrollY")
        box = page.locator(".nn-pad-canvas").bounding_box()
        cdp = ctx.new_cdp_session(page)
        points = [(0.5, 0.15 + 0.7 * t) for t in np.linspace(0, 1, 12)]
        for i, (x, y) in enumerate(points):
            kind = "touchStart" if i == 0 else "touchMove"
            cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": [
                {"x": box["x"] + x * box["width"], "y": box["y"] + y * box["height"]}]})
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        page.wait_for_timeout(150)
        got = pad_state(page)
        assert page.evaluate("scrollY") == before
        assert page.problems == []
    finally:
        ctx.close()
    assert got["strokes"] == 1 and got["top"] == "1"


def test_clear_from_the_keyboard_and_keys_stay_with_the_pad(browser, site):
    ctx, page = open_pad(browser, site)
    try:
        ready(page)
        page.evaluate("window.keysSeen = []; document.addEventListener('keydown', "
                      "e => keysSeen.push(e.key))")  # as reveal.js listens, on the document
        for key in ("Enter", " "):
            draw_mouse(page, DIGITS["7"])
            assert pad_state(page)["top"] == "7"
            page.evaluate("document.activeElement.blur()")
            for _ in range(5):  # the pad's only stop in the tab order is its button
                page.keyboard.press("Tab")
                if page.evaluate("document.activeElement.textContent") == "Clear":
                    break
            assert page.evaluate("document.activeElement.className") == "nn-pad-clear"
            page.keyboard.press(key)
            page.wait_for_timeout(50)
            got = pad_state(page)
            assert got["strokes"] == 0 and got["bars"] == ["0.00"] * 10 and got["top"] is None
            assert got["status"] == "Draw a digit (0\u20139) in the box." and not got["x"].any()
        assert page.evaluate("keysSeen").count("Enter") == 0
        assert page.problems == []
    finally:
        ctx.close()


def test_the_weights_load_after_the_page_when_the_pad_comes_near(browser, site):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    asked = []
    page.on("request", lambda r: asked.append(r.url))
    try:
        page.goto((site["root"] / "chapters" / "far.html").as_uri(), wait_until="load")
        page.wait_for_timeout(300)
        pad = page.locator(".nn-digit-pad")
        assert pad.get_attribute("data-nn-state") == "waiting"
        assert not [u for u in asked if u.endswith("digit_model.js")]
        pad.scroll_into_view_if_needed()
        page.wait_for_selector(".nn-digit-pad[data-nn-state=ready]", timeout=10000)
        assert [u for u in asked if u.endswith("digit_model.js")] == [
            (site["root"] / MODEL_FILE).as_uri()]
    finally:
        ctx.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_sharp_on_a_phone_in_both_themes(browser, site, theme):
    ctx, page = open_pad(browser, site, theme=theme, viewport={"width": 390, "height": 844},
                         device_scale_factor=3, has_touch=True)
    shots = os.environ.get("DIGIT_PAD_SHOTS")
    try:
        pad = ready(page)
        canvas = page.locator(".nn-pad-canvas")
        css = canvas.bounding_box()["width"]
        assert 200 <= css <= 390 and pad.bounding_box()["width"] <= 390
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll
        assert canvas.evaluate("c => c.width") == round(3 * css)  # drawn at the screen's density
        colours = pad.evaluate("e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]")
        assert colours == (["rgb(206, 214, 221)", "rgb(20, 24, 30)"] if theme == "dark"
                           else ["rgb(34, 40, 50)", "rgb(255, 255, 255)"])
        for digit, strokes in DIGITS.items():
            page.locator(".nn-pad-clear").click()
            draw_mouse(page, strokes)
            assert pad_state(page)["top"] == digit
            if shots:
                Path(shots).mkdir(parents=True, exist_ok=True)
                pad.screenshot(path=str(Path(shots) / f"pad-{theme}-{digit}.png"))
        assert page.problems == []
    finally:
        ctx.close()


def test_the_build_writes_the_same_weights_file_every_time(site, tmp_path):
    """book_ext/digit_pad.py trains the recipe at build time, on one BLAS thread: the same
    weights every time (with several threads float32 sums, and so the weights, differ)."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1, user_api="blas"):
        path = write_model_js(tmp_path / "digit_model.js")
    first = path.read_text()
    assert first.splitlines()[1:] == (site["root"] / MODEL_FILE).read_text().splitlines()[1:]
    assert "trained by train_recipe_model()" in first.splitlines()[0]
