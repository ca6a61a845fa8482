"""Shared by every test: the chapters by slug, the chapter markers and the two tiers, the
committed widget outputs, and the browser fixtures.

**Chapters.** One slug names a chapter everywhere: its notebook ``chapters/NN_<slug>.ipynb``
(listed in ``_toc.yml``, the one place the order is kept), its widget package
``nnlib/widgets/<slug>/``, its exercises ``nnlib/exercises/<slug>.py`` and its tests
``tests/*/test_<slug>.py``. Every test that belongs to a chapter gets a marker named by the
slug (its file, its notebook, its doctests or a test id naming the notebook), so
``pytest -m xor`` runs one chapter's tests alone.

**Tiers.** The slow tier is the folders in :data:`SLOW_DIRS`: ``tests/site`` (every page
and deck in a browser), ``tests/live`` (JupyterLab, environment builds, a scaffolded chapter
run end to end) and ``tests/bench``
(the benchmarks still run); their tests get the ``slow`` marker. A test elsewhere can carry
``@pytest.mark.slow`` itself (a file that mixes quick checks with, say, environment builds).
``make test-slow`` runs ``-m slow``; everything else is the fast tier (``make test-fast``,
``-m "not slow"``). A test is slow only if it needs a browser on every page, a server, a
fresh environment or tens of seconds.

**Browser.** `visit(path)` opens a page of `_build/html` in a fresh browser context and
records every request that would leave the machine (`.external`) and every console error,
failed request or page error (`.problems`). Browser tests fail, never skip, when the build
or Chromium is missing: `make test` provides both.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import threading
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
# NNBOOK_HTML points the browser tests at another build (e.g. jupyter-book --path-output).
HTML = Path(os.environ.get("NNBOOK_HTML", ROOT / "_build" / "html"))
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-gpu"]
#: The slow tier: tests in these folders (relative to tests/) are marked ``slow``.
SLOW_DIRS = ("site", "live", "bench")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
CHAPTER_NAME = re.compile(r"^(\d\d)_([a-z][a-z0-9_]*)$")


def toc_chapters(root: Path = ROOT) -> dict[str, Path]:
    """{slug: notebook} of the chapters in `_toc.yml`, in the book's order."""
    toc = yaml.safe_load((root / "_toc.yml").read_text())
    files = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    chapters = {}
    for f in files:
        if f.startswith("chapters/"):
            match = CHAPTER_NAME.match(Path(f).name)
            assert match, f"chapter {f} is not named chapters/NN_<slug>"
            chapters[match.group(2)] = root / f"{f}.ipynb"
    return chapters


#: {slug: chapters/NN_<slug>.ipynb}, in the book's order.
CHAPTERS = toc_chapters()


def chapter_widget_outputs(slug: str) -> list[str]:
    """The static HTML of every widget output committed in chapter `slug`, in page order
    (what ``make execute`` rendered: tests read it instead of rendering it again)."""
    import nbformat

    nb = nbformat.read(CHAPTERS[slug], as_version=4)
    return [o["data"]["text/html"] for c in nb.cells if c.cell_type == "code"
            for o in c.outputs if WIDGET_VIEW in o.get("data", {})]


def frames_spec(html: str) -> dict:
    """The JSON a static widget carries: shape, labels, order, frames, alts."""
    return json.loads(re.search(r'class="nn-frames">(.*?)</script>', html, re.S).group(1))


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: the slow tier, tests in "
                            + ", ".join(f"tests/{d}/" for d in SLOW_DIRS))
    for slug in CHAPTERS:
        config.addinivalue_line("markers", f"{slug}: the tests of the chapter {slug}")


def _chapter_of(item) -> str | None:
    path = Path(str(item.fspath)).resolve()
    # tests/nnlib/test_activations.py tests the module nnlib.activations, not the chapter
    stem = "" if ROOT / "tests" / "nnlib" in path.parents else path.stem
    for slug, notebook in CHAPTERS.items():
        if (path == notebook or stem == f"test_{slug}" or notebook.stem in item.nodeid
                or (ROOT / "nnlib" / "widgets" / slug) in path.parents
                or path == ROOT / "nnlib" / "exercises" / f"{slug}.py"):
            return slug
    return None


def pytest_collection_modifyitems(config, items):
    tests = ROOT / "tests"
    slow = [tests / d for d in SLOW_DIRS]
    for item in items:
        path = Path(str(item.fspath)).resolve()
        if any(d in path.parents for d in slow):
            item.add_marker(pytest.mark.slow)
        slug = _chapter_of(item)
        if slug:
            item.add_marker(getattr(pytest.mark, slug))


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
