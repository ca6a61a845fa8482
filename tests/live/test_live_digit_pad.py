"""The digit pad live in JupyterLab (issue 22): ``digit_pad()`` run in a kernel shows the pad
with its weights inlined, and a drawn digit is read (no server files, no network).

JupyterLab and the kernel come from the environment running the tests (the pad needs nothing
beyond nnlib and numpy); the reader environments run chapter 8's cell with every chapter
(tests/live/test_live_jupyter.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT))
from scripts import labdriver  # noqa: E402

pytestmark = pytest.mark.slow


def test_the_pad_reads_a_drawn_seven_in_jupyterlab(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("from nnlib.widgets.mnist.pad import digit_pad\ndigit_pad()")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook = tmp_path / "pad.ipynb"
    nbformat.write(nb, notebook)
    with labdriver.lab_server(Path(sys.executable), [notebook]) as lab, labdriver.chromium() as browser:
        page = labdriver.open_notebook(browser, lab, notebook.name)
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        page.wait_for_selector(".nn-digit-pad[data-nn-state=ready]", timeout=180_000)
        box = page.locator(".nn-pad-canvas").bounding_box()
        stroke = [(0.25, 0.2), (0.75, 0.2), (0.45, 0.85)]
        page.mouse.move(box["x"] + stroke[0][0] * box["width"], box["y"] + stroke[0][1] * box["height"])
        page.mouse.down()
        for x, y in stroke[1:]:
            page.mouse.move(box["x"] + x * box["width"], box["y"] + y * box["height"], steps=8)
        page.mouse.up()
        page.wait_for_selector(".nn-digit-pad[data-nn-top='7']", timeout=5000)
        assert page.locator(".nn-digit-pad").get_attribute("data-model-src") is None  # inline weights
        assert page.nn_errors == [] and page.nn_external == []
