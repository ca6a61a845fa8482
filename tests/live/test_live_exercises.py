"""The exercises in a real front end: "Run all" on a chapter in JupyterLab, driven from Chromium.

The bug this guards against: after "Run all" a solution ran right after the reader's
answer and printed "✓ Correct". Here the chapter (the edition with solutions) runs top to
bottom in JupyterLab; every exercise cell must end in "✎ Your turn", nothing may say
"Correct", the solutions must stay out of sight (collapsed cells; once "Run all" has
rendered them, which un-collapses markdown, closed <details>), and one must open on a click.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ARGS, CHROMIUM, ROOT

CHAPTER = ROOT / "chapters" / "01_activations.ipynb"
SOLUTION_CODE = "return 1 - np.tanh(z) ** 2"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    root = tmp_path_factory.mktemp("lab")
    shutil.copy(CHAPTER, root / CHAPTER.name)
    # render every cell (JupyterLab 4 otherwise attaches only the cells in view)
    settings = root / ".settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    port, token = _free_port(), secrets.token_hex(8)
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(root / ".cfg"), "JUPYTER_RUNTIME_DIR": str(root / ".rt"),
           "JUPYTERLAB_SETTINGS_DIR": str(root / ".settings"), "JUPYTERLAB_WORKSPACES_DIR": str(root / ".ws")}
    env.pop("MPLBACKEND", None)
    env.pop("NNLIB_EMBED_FRAMES", None)
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
    yield f"{base}/lab/tree/{CHAPTER.name}?token={token}"
    server.terminate()
    server.wait(timeout=20)


def test_run_all_never_runs_a_solution_and_solutions_open_on_request(lab):
    from playwright.sync_api import sync_playwright

    external = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("request", lambda r: r.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:"))
                or external.append(r.url))
        page.goto(lab)
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60000)
        page.wait_for_function("() => document.body.innerText.includes('| Idle')", timeout=60000)
        notebook = page.locator(".jp-Notebook")
        assert SOLUTION_CODE not in notebook.inner_text(), "a solution is in plain sight"
        assert page.locator(".jp-MarkdownCell .jp-InputPlaceholder").count() >= 3

        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        page.wait_for_function("() => document.body.innerText.includes('set dead_fraction to your answer')",
                               timeout=180000)
        text = notebook.inner_text()
        assert text.count("✎ Your turn") == 3
        assert "✓ Correct" not in text and "✗ Not yet" not in text
        assert SOLUTION_CODE not in text

        # "Run all" rendered (and un-collapsed) the solution cells: each is a closed <details>
        summaries = page.locator(".jp-MarkdownCell summary", has_text="Solution (click to open)")
        assert summaries.count() == 3
        summaries.first.click()
        page.wait_for_function("s => document.querySelector('.jp-Notebook').innerText.includes(s)",
                               arg=SOLUTION_CODE, timeout=20000)
        browser.close()
    assert external == [], f"requests left the machine: {external}"
