"""The live path in a real front end: a widget in JupyterLab, driven from Chromium.

Unit tests drive the ipywidgets models from Python; this test checks what they cannot:
that JupyterLab actually renders the widget (not an error box), that moving a slider and
picking an activation in the browser recompute and redraw through the kernel, and that
the session makes no request off the machine. Binder and a local Jupyter run the same
front end.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from tests.conftest import ARGS, CHROMIUM

CELL = "from nnlib.widgets.activations import neuron_1d\n\nneuron_1d()"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    root = tmp_path_factory.mktemp("lab")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(CELL)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, root / "live.ipynb")
    port, token = _free_port(), secrets.token_hex(8)
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(root / ".cfg"), "JUPYTER_RUNTIME_DIR": str(root / ".rt"),
           "JUPYTERLAB_SETTINGS_DIR": str(root / ".settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(root / ".ws")}
    env.pop("MPLBACKEND", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root", f"--port={port}",
         "--ip=127.0.0.1", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
         "--LabApp.news_url=None", "--LabApp.extension_manager=readonly",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
            break
        except OSError:
            assert server.poll() is None, "jupyter lab exited during start-up"
            assert time.monotonic() < deadline, "jupyter lab did not start within 60 s"
            time.sleep(0.5)
    yield f"{base}/lab/tree/live.ipynb?token={token}"
    server.terminate()
    server.wait(timeout=20)


def test_widget_is_live_in_jupyterlab(lab):
    from playwright.sync_api import sync_playwright

    external, errors = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("request", lambda r: r.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:"))
                or external.append(r.url))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.goto(lab)
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60000)
        page.wait_for_function("() => document.body.innerText.includes('| Idle')", timeout=60000)
        page.locator(".jp-Notebook .jp-Cell").first.click()
        page.keyboard.press("Shift+Enter")
        image = page.locator("img.widget-image")
        image.wait_for(timeout=60000)
        assert page.locator(".jupyter-widgets-error-widget").count() == 0
        first = image.get_attribute("src")

        page.locator(".widget-slider .noUi-handle").first.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("s => document.querySelector('img.widget-image').src !== s", arg=first,
                               timeout=20000)
        moved = image.get_attribute("src")

        page.locator(".widget-dropdown select").select_option(label="ReLU")
        page.wait_for_function("s => document.querySelector('img.widget-image').src !== s", arg=moved,
                               timeout=20000)
        page.wait_for_function("() => document.body.innerText.includes('relu neuron, w = 1.1')",
                               timeout=20000)
        browser.close()
    assert external == [], f"requests left the machine: {external}"
    assert not [e for e in errors if "Could not create a view" in e or "Error" in e], errors
