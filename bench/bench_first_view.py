"""What a reader on a slow line waits for: bytes and time to the first readable view.

Each chapter page and deck of the built site is opened in headless Chromium at 1280x800 with
the cache off, served raw by Python's http.server (no compression, as `python -m http.server`
serves it), over a line throttled to 10 Mbit/s down with 20 ms latency (Chrome DevTools
Protocol). Reported per page: bytes transferred before the `load` event, the time to first
contentful paint, the time until the maths is readable (pages: KaTeX HTML, readable at first
paint; decks: MathJax 2 finished typesetting) and the time to `load`.

    python bench/bench_first_view.py [--html _build/html] [--mbit 10]

Prints a Markdown table for bench/README.md. A benchmark, not a test: it exits 0 whatever
the numbers.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts.labdriver import ARGS, CHROMIUM  # noqa: E402
from scripts.serve import serve  # noqa: E402

MATH_READY = """() => {
  if (window.MathJax && MathJax.Hub) {            // a deck: MathJax 2 typesets in the browser
    return new Promise(done => MathJax.Hub.Queue(() => done(performance.now())));
  }
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  return paint ? paint.startTime : performance.now();  // pages: the maths is in the HTML
}"""


def measure(html: Path, mbit: float) -> list[tuple[str, int, float, float, float]]:
    from playwright.sync_api import sync_playwright

    pages = sorted(f"chapters/{p.name}" for p in (html / "chapters").glob("*.html"))
    pages += sorted(f"slides/{p.name}" for p in (html / "slides").glob("*.slides.html"))
    rows = []
    with serve(html) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for path in pages:
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
            cdp.send("Network.emulateNetworkConditions", {
                "offline": False, "latency": 20, "downloadThroughput": mbit * 1e6 / 8,
                "uploadThroughput": mbit * 1e6 / 8})
            received = []
            cdp.on("Network.loadingFinished", lambda e: received.append(e["encodedDataLength"]))
            page.goto(f"{base}/{path}", wait_until="load", timeout=300_000)
            loaded = page.evaluate("() => performance.getEntriesByType('navigation')[0].loadEventStart")
            before_load = sum(received)
            math = page.evaluate(MATH_READY)
            paint = page.evaluate("() => (performance.getEntriesByName('first-contentful-paint')[0]"
                                  " || {startTime: NaN}).startTime")
            rows.append((path, before_load, paint / 1000, math / 1000, loaded / 1000))
            context.close()
        browser.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--mbit", type=float, default=10.0, help="download speed, Mbit/s (> 0)")
    args = parser.parse_args(argv)
    if not args.mbit > 0:
        parser.error("--mbit must be > 0")
    if not (args.html / "chapters").is_dir():
        parser.error(f"--html: {args.html} holds no built site (run `make book`)")
    print(f"| page | bytes before load | first paint s | maths readable s | load s |  (at {args.mbit:g} Mbit/s)")
    print("|---|---:|---:|---:|---:|")
    for path, size, paint, math, loaded in measure(args.html, args.mbit):
        print(f"| {path} | {size / 1e6:.2f} MB | {paint:.1f} | {math:.1f} | {loaded:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
