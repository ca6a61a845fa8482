"""Screenshot every slide of the built decks at 1280 x 720, as the room sees them, to look at.

    python scripts/deck_screenshots.py [--html _build/html] [--out /tmp/decks] [DECK_STEM ...]

Writes ``<out>/<stem>/NN.png`` (every fragment shown) and prints each slide's headline. Run it
after ``scripts/build_slides.py`` and look at every picture before committing a deck
(CONTRIBUTING.md, "Decks"); tests/site/test_decks.py checks what a test can.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve import serve  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-gpu"]


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--out", type=Path, default=Path("/tmp/decks"))
    parser.add_argument("stems", nargs="*", help="e.g. 01_activations (default: every deck)")
    args = parser.parse_args(argv)
    decks = sorted((args.html / "slides").glob("*.slides.html"))
    if args.stems:
        decks = [d for d in decks if d.name.removesuffix(".slides.html") in args.stems]
    with serve(args.html) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        for deck in decks:
            stem = deck.name.removesuffix(".slides.html")
            out = args.out / stem
            out.mkdir(parents=True, exist_ok=True)
            page.goto(f"{base}/slides/{deck.name}", wait_until="load")
            page.wait_for_selector("body[data-deck-ready=true]", timeout=15000)
            slides = page.evaluate("() => Reveal.getSlides().map(s => Reveal.getIndices(s))")
            for n, k in enumerate(slides, start=1):
                page.evaluate("([h, v]) => Reveal.slide(h, v, 999)", [k["h"], k.get("v") or 0])
                page.wait_for_function("() => !window.MathJax || !MathJax.Hub || !MathJax.Hub.queue.running && MathJax.Hub.queue.pending === 0", timeout=20000)
                page.wait_for_timeout(250)
                page.screenshot(path=str(out / f"{n:02d}.png"))
                title = page.evaluate("() => (Reveal.getCurrentSlide().querySelector('h1, h2, h3, .nn-title')"
                                      " || {}).textContent || ''")
                print(f"{stem} {n:2d}: {title.strip()[:70]}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
