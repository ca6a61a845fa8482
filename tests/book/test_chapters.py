"""Hygiene of every chapter notebook: what nbval and the book build cannot see.

Each chapter must be committed executed, start with the standard hidden setup cell,
use only the agreed cell tags, carry slide metadata on every cell, embed static frames
for every widget (and nothing else from widgets), and convert cleanly to slides.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from myst_for_slides import convert  # noqa: E402

from nnlib.checks import EXERCISES  # noqa: E402
from tests.conftest import toc_chapters  # noqa: E402

TAGS = {
    "remove-cell", "hide-input", "hide-output", "remove-input", "remove-output", "output_scroll",
    "raises-exception", "nbval-ignore-output", "nbval-skip", "skip-execution",
}
SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "notes", "-"}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


CHAPTERS = list(toc_chapters().values())  # chapters/NN_<slug>.ipynb, in the book's order


def repository_url() -> str:
    return yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]["url"]


def test_every_chapter_file_is_in_the_toc_and_exists():
    on_disk = sorted((ROOT / "chapters").glob("*.ipynb"))
    assert on_disk, "no chapters found"
    assert sorted(CHAPTERS) == on_disk


@pytest.fixture(params=CHAPTERS, ids=lambda p: p.stem)
def nb(request):
    return nbformat.read(request.param, as_version=4)


def test_notebook_is_valid_and_has_python_kernel(nb):
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert "widgets" not in nb.metadata, "widget state saved: re-run `make execute`"


def test_committed_executed_in_order(nb):
    code = [c for c in nb.cells if c.cell_type == "code"]
    counts = [c.execution_count for c in code if "skip-execution" not in c.metadata.get("tags", [])]
    assert all(n is not None for n in counts), "unexecuted code cells: run `make execute`"
    assert counts == list(range(1, len(counts) + 1)), "cells not executed top to bottom in one run"


def test_setup_cell_first(nb):
    first = nb.cells[0]
    assert first.cell_type == "code"
    assert first.metadata.get("tags") == ["remove-cell"]
    assert first.metadata["slideshow"]["slide_type"] == "skip"
    assert f'NNLIB_REPO = "{repository_url()}"' in first.source, (
        "setup cell's repository differs from _config.yml: run scripts/set_repo_url.py")
    assert "rng = setup_book(seed=" in first.source
    assert "google.colab" in first.source


def test_only_agreed_tags(nb):
    for i, cell in enumerate(nb.cells):
        unknown = set(cell.metadata.get("tags", [])) - TAGS
        assert not unknown, f"cell {i} has tags outside the vocabulary: {sorted(unknown)}"


def test_slide_metadata_on_every_cell(nb):
    for i, cell in enumerate(nb.cells):
        kind = cell.metadata.get("slideshow", {}).get("slide_type")
        assert kind in SLIDE_TYPES, f"cell {i} has slide_type {kind!r}"
    visible = [c for c in nb.cells if c.metadata["slideshow"]["slide_type"] != "skip"]
    assert visible[0].metadata["slideshow"]["slide_type"] == "slide"
    assert visible[0].source.startswith("# "), "the first slide must carry the chapter title"


def test_solutions_stay_off_the_slides(nb):
    inside = False
    for i, cell in enumerate(nb.cells):
        src = cell.source if cell.cell_type == "markdown" else ""
        if "{solution-start}" in src:
            inside = True
        if inside:
            assert cell.metadata["slideshow"]["slide_type"] == "skip", f"solution cell {i} is on a slide"
        if "{solution-end}" in src:
            inside = False
    assert not inside, "unclosed solution-start"


def test_no_errors_or_stray_output(nb):
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        tags = cell.metadata.get("tags", [])
        for out in cell.outputs:
            if out.output_type == "error":
                assert "raises-exception" in tags, f"cell {i} raised {out.ename}: {out.evalue}"
            if out.output_type == "stream":
                assert out.name == "stdout", f"cell {i} wrote to stderr: {out.text[:200]}"


def test_widgets_embed_static_frames_and_nothing_else(nb):
    widgets = 0
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        views = [o for o in cell.outputs if WIDGET_VIEW in o.get("data", {})]
        if not views:
            continue
        widgets += 1
        assert "nbval-ignore-output" in cell.metadata.get("tags", []), f"widget cell {i} not ignored by nbval"
        assert len(cell.outputs) == 1, f"widget cell {i} has stray outputs besides the widget"
        assert views[0]["data"][WIDGET_VIEW]["model_id"] == f"nnlib-cell-{i}", (
            "random widget model id: execute with `make execute` (stable re-runs)")
        html = views[0]["data"].get("text/html", "")
        assert 'class="nn-frames"' in html, f"widget cell {i} has no static frames: run `make execute`"
    assert widgets >= 1, "every chapter embeds at least one live widget"


def test_exercises_have_hints_solutions_and_checks(nb):
    text = "\n".join(c.source for c in nb.cells)
    exercises = text.count("{exercise}")
    assert exercises >= 2
    assert text.count("{solution-start}") == exercises
    assert text.count(":class: dropdown") >= 2 * exercises  # a hint and a solution each
    labels = re.findall(r"\{exercise\}[^\n]*\n:label: (\S+)", text)
    assert len(labels) == exercises, "every exercise needs a :label:"
    for label in labels:
        assert label in EXERCISES, f"no answer check for {label} in nnlib.checks.EXERCISES"
        # one check in the exercise cell, one in its solution
        assert text.count(f'check("{label}"') >= 2, f"{label}: check() missing in exercise or solution"


def test_markdown_converts_for_slides(nb):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            out = convert(cell.source, ROOT / "chapters")
            assert "```{" not in out and "````{" not in out


@pytest.mark.parametrize("on_colab, installed, expect_install", [
    (True, False, True), (True, True, False), (False, False, False), (False, True, False)])
def test_setup_cell_installs_nnlib_only_on_colab_when_missing(monkeypatch, on_colab, installed,
                                                               expect_install):
    """Run the setup cell's install block with Colab and the package faked."""
    import importlib.util
    import subprocess
    import types

    source = nbformat.read(CHAPTERS[0], as_version=4).cells[0].source
    install_block = source.split("\nimport numpy as np")[0]
    calls = []
    monkeypatch.setattr(subprocess, "run", lambda cmd, check: calls.append(cmd))
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: (object() if installed else None) if name == "nnlib"
                        else real_find_spec(name, *a))
    colab = types.ModuleType("google.colab")
    colab.output = types.SimpleNamespace(enable_custom_widget_manager=lambda: calls.append("widgets"))
    if on_colab:
        monkeypatch.setitem(sys.modules, "google", types.ModuleType("google"))
        monkeypatch.setitem(sys.modules, "google.colab", colab)
    else:
        monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    exec(compile(install_block, "setup-cell", "exec"), {})
    if expect_install:
        assert calls[0][1:5] == ["-m", "pip", "install", "-q"]
        assert calls[0][5] == f"nnlib[widgets] @ git+{repository_url()}"
        assert calls[1] == "widgets"
    else:
        assert calls == []
