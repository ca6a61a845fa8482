"""The exercises in a real front end: "Run all" on a chapter in JupyterLab, driven from Chromium.

The bug this guards against: after "Run all" a solution ran right after the reader's
answer and printed "✓ Correct". Here the chapter (the edition with solutions) runs top to
bottom in JupyterLab; every exercise cell must end in "✎ Your turn", nothing may say
"Correct", the solutions must stay out of sight (collapsed cells; once "Run all" has
rendered them, which un-collapses markdown, closed <details>), and one must open on a click.
"""

from __future__ import annotations

from scripts import labdriver, reader_envs
from tests.conftest import ROOT

CHAPTER = ROOT / "chapters" / "01_activations.ipynb"
SOLUTION_CODE = "return 1 - np.tanh(z) ** 2"


def test_run_all_never_runs_a_solution_and_solutions_open_on_request():
    # The reader's JupyterLab (Binder's environment), driven like tests/live/test_live_jupyter.py.
    with labdriver.lab_server(reader_envs.build("binder"), [CHAPTER]) as lab, \
            labdriver.chromium() as browser:
        page = labdriver.open_notebook(browser, lab, CHAPTER.name)
        notebook = page.locator(".jp-Notebook")
        assert SOLUTION_CODE not in notebook.inner_text(), "a solution is in plain sight"
        assert page.locator(".jp-MarkdownCell .jp-InputPlaceholder").count() >= 3

        labdriver.run_all(page, widgets=2)
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
        assert page.nn_external == [], f"requests left the machine: {page.nn_external}"
