"""Drive the chapters' live widgets in a real JupyterLab from headless Chromium.

Shared by the slow test ``tests/live/test_live_jupyter.py`` (every widget of every chapter responds)
and ``bench/bench_jupyterlab.py`` (slider -> new image latency). JupyterLab runs from a reader
environment of ``scripts/reader_envs.py`` (by default Binder's: its server, its kernel), on a
copy of the chapters, with notebook windowing off so that every output is in the page.

    with lab_server(python) as lab, chromium() as browser:
        page = open_notebook(browser, lab, "01_activations.ipynb")
        run_all(page, widgets=2)
        for widget in widgets(page):
            for control in widget.controls:
                latency_ms = control.change()   # raises TimeoutError if the image stays
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-gpu"]
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")

# Times the page records: the key or change event that moved a control, and the moment the
# widget's image got a new source.
_PROBE = """
window.__nn = {input: 0};
for (const type of ['keydown', 'change']) {
  document.addEventListener(type, () => { window.__nn.input = performance.now(); }, true);
}
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Lab:
    base: str
    token: str
    root: Path

    def url(self, notebook: str) -> str:
        # `reset`: a fresh workspace, so notebooks opened earlier do not reopen (nor their kernels).
        return f"{self.base}/lab/tree/{notebook}?reset&token={self.token}"

    def shutdown_kernels(self) -> None:
        """Stop every kernel of the server (a closed page leaves its kernel running)."""
        def call(method: str, path: str):
            request = urllib.request.Request(f"{self.base}{path}?token={self.token}", method=method)
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.loads(response.read() or b"null")

        for kernel in call("GET", "/api/kernels"):
            call("DELETE", f"/api/kernels/{kernel['id']}")


@contextlib.contextmanager
def lab_server(python: Path, chapters: list[Path] | None = None):
    """JupyterLab (from `python`'s environment) serving a temporary copy of `chapters`."""
    chapters = chapters or sorted((ROOT / "chapters").glob("*.ipynb"))
    with tempfile.TemporaryDirectory(prefix="nnlab-") as tmp:
        root = Path(tmp) / "work"
        root.mkdir()
        for chapter in chapters:
            shutil.copy(chapter, root / chapter.name)
        settings = Path(tmp) / "settings" / "@jupyterlab" / "notebook-extension"
        settings.mkdir(parents=True)
        # Render every cell (JupyterLab 4 otherwise renders only what is near the viewport).
        (settings / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
        port, token = _free_port(), secrets.token_hex(8)
        env = {**os.environ, "JUPYTER_CONFIG_DIR": f"{tmp}/cfg", "JUPYTER_RUNTIME_DIR": f"{tmp}/rt",
               "JUPYTER_DATA_DIR": f"{tmp}/data", "JUPYTERLAB_SETTINGS_DIR": f"{tmp}/settings",
               "JUPYTERLAB_WORKSPACES_DIR": f"{tmp}/ws", "PATH": f"{python.parent}:{os.environ['PATH']}"}
        env.pop("MPLBACKEND", None)
        env.pop("JUPYTER_PATH", None)
        server = subprocess.Popen(
            [str(python), "-m", "jupyter", "lab", "--no-browser", "--allow-root", f"--port={port}",
             "--ip=127.0.0.1", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
             "--LabApp.news_url=None", "--LabApp.extension_manager=readonly",
             "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 90
            while True:
                try:
                    urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                    break
                except OSError:
                    if server.poll() is not None:
                        raise RuntimeError("jupyter lab exited during start-up") from None
                    if time.monotonic() > deadline:
                        raise TimeoutError("jupyter lab did not start within 90 s") from None
                    time.sleep(0.5)
            yield Lab(base, token, root)
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()


@contextlib.contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def open_notebook(browser, lab: Lab, notebook: str):
    """A page showing `notebook` with its kernel idle; ``page.nn_external`` and
    ``page.nn_errors`` collect off-machine requests and console errors."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.nn_external, page.nn_errors = [], []
    page.on("request", lambda r: r.url.startswith(LOCAL) or page.nn_external.append(r.url))
    page.on("console", lambda m: m.type == "error" and page.nn_errors.append(m.text))
    page.add_init_script(_PROBE)
    page.goto(lab.url(notebook))
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
    page.wait_for_function("() => document.body.innerText.includes('| Idle')", timeout=90_000)
    return page


def run_all(page, widgets: int, timeout_ms: int = 600_000) -> None:
    """Run -> Run All Cells, then wait until the kernel is idle and `widgets` images show."""
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    page.wait_for_function(
        """n => document.querySelectorAll('.jp-OutputArea-output img.widget-image').length >= n
               && ![...document.querySelectorAll('.jp-InputPrompt')].some(p => p.innerText.includes('*'))
               && document.body.innerText.includes('| Idle')""",
        arg=widgets, timeout=timeout_ms)


@dataclass
class Control:
    """One slider or drop-down of a live widget, and how to move it."""

    page: object
    widget: int      # index of the widget's image among the page's widget images
    kind: str        # "slider" or "dropdown"
    handle: object   # the slider's handle or the <select>
    label: str

    def _image_src(self) -> str:
        return self.page.evaluate(
            "i => document.querySelectorAll('.jp-OutputArea-output img.widget-image')[i].src",
            self.widget)

    def change(self, timeout_ms: int = 120_000, forward: bool | None = None) -> float:
        """Move the control one step; return ms from the input event to the new image."""
        before = self._image_src()
        self.page.evaluate(
            """i => {
                 const img = document.querySelectorAll('.jp-OutputArea-output img.widget-image')[i];
                 window.__nn.changed = 0;
                 if (window.__nn.observer) window.__nn.observer.disconnect();
                 window.__nn.observer = new MutationObserver(() => {
                   if (!window.__nn.changed) window.__nn.changed = performance.now(); });
                 window.__nn.observer.observe(img, {attributes: true, attributeFilter: ['src']});
               }""", self.widget)
        if self.kind == "slider":
            now = float(self.handle.get_attribute("aria-valuenow"))
            top = float(self.handle.get_attribute("aria-valuemax"))
            if forward is None:
                forward = now < top
            self.handle.focus()
            self.page.keyboard.press("ArrowRight" if forward else "ArrowLeft")
        else:
            options = self.handle.locator("option").all_inner_texts()
            current = self.handle.evaluate("s => s.selectedIndex")
            self.handle.select_option(index=(current + 1) % len(options))
        self.page.wait_for_function(
            """([i, s]) => window.__nn.changed &&
                 document.querySelectorAll('.jp-OutputArea-output img.widget-image')[i].src !== s""",
            arg=[self.widget, before], timeout=timeout_ms)
        return self.page.evaluate("() => window.__nn.changed - window.__nn.input")


@dataclass
class Widget:
    title: str
    controls: list[Control]
    message: str


def widgets(page) -> list[Widget]:
    """Every live widget on the page (a box holding a widget image), in page order."""
    found, seen = [], set()
    images = page.locator(".jp-OutputArea-output img.widget-image")
    for i in range(images.count()):
        box = images.nth(i).locator("xpath=ancestor::div[contains(@class,'widget-vbox')][1]")
        key = box.evaluate("b => { b.dataset.nnIndex = b.dataset.nnIndex || Math.random(); return b.dataset.nnIndex; }")
        if key in seen:
            continue
        seen.add(key)
        title = box.locator("b").first.inner_text() if box.locator("b").count() else f"widget {i}"
        controls = []
        sliders = box.locator(".widget-slider")
        for j in range(sliders.count()):
            controls.append(Control(page, i, "slider", sliders.nth(j).locator(".noUi-handle").first,
                                    sliders.nth(j).locator("label").first.inner_text()))
        selects = box.locator(".widget-dropdown")
        for j in range(selects.count()):
            controls.append(Control(page, i, "dropdown", selects.nth(j).locator("select").first,
                                    selects.nth(j).locator("label").first.inner_text()))
        alerts = box.locator("[role=alert]")
        found.append(Widget(title, controls, alerts.first.inner_text() if alerts.count() else ""))
    return found
