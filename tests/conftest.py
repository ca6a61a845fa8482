"""Shared fixtures: the built site served on 127.0.0.1 and a headless Chromium.

`visit(path)` opens a page of `_build/html` in a fresh browser context and records every
request that would leave the machine (`.external`) and every console error, failed
request or page error (`.problems`). Browser tests fail, never skip, when the build or
Chromium is missing: `make test` provides both.
"""

from __future__ import annotations

import functools
import os
import http.server
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# NNBOOK_HTML points the browser tests at another build (e.g. jupyter-book --path-output).
HTML = Path(os.environ.get("NNBOOK_HTML", ROOT / "_build" / "html"))
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-gpu"]


@pytest.fixture(scope="module")
def server():
    assert HTML.is_dir(), "run `make book` first (make test does)"
    handler = functools.partial(_QuietHandler, directory=str(HTML))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "install Debian's chromium (make test does, as root)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Visit:
    """A page opened in a fresh context, recording what it asked for and what went wrong."""

    def __init__(self, browser, base: str, path: str):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.external, self.problems = [], []
        self.page.on("request", self._request)
        self.page.on("response", lambda r: r.status >= 400 and self.problems.append(f"{r.status} {r.url}"))
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.goto(f"{base}/{path}", wait_until="load")

    def _request(self, request):
        if not request.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")):
            self.external.append(request.url)

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, server):
    opened = []

    def _open(path):
        v = Visit(browser, server, path)
        opened.append(v)
        return v

    yield _open
    for v in opened:
        v.close()




def frame_state(widget):
    """(frame index, image source, alt text) of a static widget on a page."""
    img = widget.locator("img.nn-frame")
    return widget.get_attribute("data-nn-frame"), img.get_attribute("src"), img.get_attribute("alt")
