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
from new_chapter import SETUP_SOURCE  # noqa: E402

from nnlib.checks import EXERCISES  # noqa: E402
from tests.conftest import toc_chapters  # noqa: E402

TAGS = {
    "remove-cell", "hide-input", "hide-output", "remove-input", "remove-output", "output_scroll",
    "raises-exception", "nbval-ignore-output", "nbval-skip", "skip-execution", "solution",
    "slide-only",
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
    # The same setup cell in every chapter: what scripts/new_chapter.py writes.
    assert first.source == SETUP_SOURCE.format(url=repository_url()), (
        "setup cell differs from scripts/new_chapter.py's SETUP_SOURCE")


def test_only_agreed_tags(nb):
    for i, cell in enumerate(nb.cells):
        unknown = set(cell.metadata.get("tags", [])) - TAGS
        assert not unknown, f"cell {i} has tags outside the vocabulary: {sorted(unknown)}"


def test_slide_only_cells_are_slides_of_markdown(nb):
    """A cell tagged slide-only (in the deck, removed from the book by book_ext/slide_only.py)
    is a markdown slide or subslide, or the speaker note that follows one."""
    for i, cell in enumerate(nb.cells):
        if "slide-only" not in cell.metadata.get("tags", []):
            continue
        assert cell.cell_type == "markdown", f"cell {i}: a slide-only code cell would run in the book"
        kind = cell.metadata["slideshow"]["slide_type"]
        assert kind in ("slide", "subslide", "notes", "fragment"), f"slide-only cell {i} is {kind!r}"


def test_slide_metadata_on_every_cell(nb):
    for i, cell in enumerate(nb.cells):
        kind = cell.metadata.get("slideshow", {}).get("slide_type")
        assert kind in SLIDE_TYPES, f"cell {i} has slide_type {kind!r}"
    visible = [c for c in nb.cells if c.metadata["slideshow"]["slide_type"] != "skip"]
    assert visible[0].metadata["slideshow"]["slide_type"] == "slide"
    assert visible[0].source.startswith("# "), "the first slide must carry the chapter title"


SOLUTION = re.compile(r"\A<details><summary>Solution \(click to open\)</summary>\n\n"
                      r":::\{solution\} (\S+)\n:class: dropdown\n.*^:::\n\n</details>\Z", re.M | re.S)


def test_slide_only_cells_are_deck_markdown(nb):
    """A `slide-only` cell is the deck's (a headline, bullets, a formula, a speaker note): the
    book hides it, so it must be markdown (code would run in the book but not show) and on a
    slide or in the notes (skipped, it would be nowhere)."""
    for i, cell in enumerate(nb.cells):
        if "slide-only" in cell.metadata.get("tags", []):
            assert cell.cell_type == "markdown", f"cell {i}: a slide-only cell must be markdown"
            assert cell.metadata["slideshow"]["slide_type"] != "skip", f"slide-only cell {i} is skipped"
            assert "{exercise}" not in cell.source and "{solution" not in cell.source, (
                f"cell {i}: exercises and solutions belong to the book")


def test_solutions_have_one_format(nb):
    """A solution is one markdown cell tagged `solution`: a folded sphinx-exercise dropdown on
    the website; in a notebook a collapsed cell holding a closed <details> (so it stays closed
    when "Run all" renders it), never run, never on a slide."""
    for i, cell in enumerate(nb.cells):
        tagged = "solution" in cell.metadata.get("tags", [])
        assert tagged == ("{solution" in cell.source), (
            f"cell {i}: solution text without the tag, or the tag without it")
        assert "{solution-start}" not in cell.source and "{solution-end}" not in cell.source, (
            f"cell {i}: gated solutions would put code cells in the notebook; use one `solution` cell")
        if not tagged:
            continue
        assert cell.cell_type == "markdown", f"cell {i}: a code cell would run on 'Run all'"
        assert SOLUTION.match(cell.source), (
            f"cell {i}: expected <details><summary>..., :::{{solution}} label, :class: dropdown, "
            f"..., :::, </details> (CONTRIBUTING.md)")
        assert cell.metadata["slideshow"]["slide_type"] == "skip", f"solution cell {i} is on a slide"
        assert cell.metadata.get("jupyter", {}).get("source_hidden") is True, (
            f"solution cell {i} is not collapsed")
        assert cell.source.count("```python\n") == 1, f"solution cell {i}: one ```python block (tests run it)"


def test_run_all_only_invites(nb):
    """The committed outputs are a fresh "Run all" (nbval): every exercise's check says
    "Your turn", and nothing anywhere says "Correct", so no solution ran."""
    checks = 0
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        text = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
        assert "✓ Correct" not in text and "✗ Not yet" not in text, (
            f"cell {i} printed a verdict: {text[:200]}")
        if re.search(r"^_ = check\(", cell.source, re.M):
            checks += 1
            assert text.startswith("✎ Your turn"), f"exercise cell {i} does not start unanswered"
    assert checks == nb_exercises(nb)


def nb_exercises(nb) -> int:
    return "\n".join(c.source for c in nb.cells).count("{exercise}")


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
    exercises = [(i, c) for i, c in enumerate(nb.cells) if "{exercise}" in c.source]
    assert len(exercises) >= 2
    solutions = [c for c in nb.cells if "solution" in c.metadata.get("tags", [])]
    assert len(solutions) == len(exercises)
    for i, cell in exercises:
        label = re.search(r"\{exercise\}[^\n]*\n:label: (\S+)", cell.source)
        assert label, f"cell {i}: every exercise needs a :label:"
        label = label.group(1)
        assert label in EXERCISES, f"no answer check for {label} in nnlib.checks.EXERCISES"
        assert ":class: dropdown" in cell.source, f"{label}: no dropdown hint"
        answer, solution = nb.cells[i + 1], nb.cells[i + 2]
        assert answer.cell_type == "code" and f'check("{label}"' in answer.source, (
            f"{label}: the cell after the exercise is the reader's answer, with its check")
        assert f":::{{solution}} {label}\n" in solution.source, (
            f"{label}: its solution follows the answer cell")
        assert f'check("{label}"' in solution.source, f"{label}: the solution's code ends with its check"


def test_markdown_converts_for_slides(nb):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            out = convert(cell.source, ROOT / "chapters")
            assert "```{" not in out and "````{" not in out


def _run_setup_install_block(monkeypatch, on_colab: bool, installed: bool, widgets_version=None):
    """Run the setup cell's install block with Colab, nnlib and ipywidgets faked; return calls."""
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
    if widgets_version is None:
        monkeypatch.delitem(sys.modules, "ipywidgets", raising=False)
    else:
        monkeypatch.setitem(sys.modules, "ipywidgets", types.SimpleNamespace(__version__=widgets_version))
    exec(compile(install_block, "setup-cell", "exec"), {})
    return calls


@pytest.mark.parametrize("on_colab, installed, expect_install", [
    (True, False, True), (True, True, False), (False, False, False), (False, True, False)])
def test_setup_cell_installs_nnlib_only_on_colab_when_missing(monkeypatch, on_colab, installed,
                                                               expect_install):
    calls = _run_setup_install_block(monkeypatch, on_colab, installed)
    if expect_install:
        assert calls[0][1:5] == ["-m", "pip", "install", "-q"]
        assert calls[0][5] == f"nnlib[book] @ git+{repository_url()}"
        calls = calls[1:]
    # Colab's manager for ipywidgets 8 is switched on at every run on Colab, also after
    # "Restart session" (nnlib installed already), and never elsewhere.
    assert calls == (["widgets"] if on_colab else [])


@pytest.mark.parametrize("version", ["7.7.1", "8.1.9", "10.0.0"])
def test_setup_cell_asks_for_a_restart_when_old_ipywidgets_is_loaded(monkeypatch, version):
    """Colab ships ipywidgets 7; if it was imported before the upgrade, say what to do."""
    if version.startswith("7"):
        with pytest.raises(RuntimeError, match="Restart session"):
            _run_setup_install_block(monkeypatch, True, False, widgets_version=version)
    else:
        assert _run_setup_install_block(monkeypatch, True, True, widgets_version=version) == ["widgets"]


LIST_MARKER = re.compile(r"\s*([+\-*]|\d+\.)\s")


def test_no_line_of_inline_maths_starts_like_a_list_item(nb):
    """An inline formula broken before '+ b' or '- x' turns its second line into a list
    item: the page then shows the TeX raw (chapter 7's z = Wa + b did)."""
    broken = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        seen = ""
        for line in cell.source.split("\n"):
            if LIST_MARKER.match(line) and seen.replace("$$", "").count("$") % 2 == 1:
                broken.append((i, line[:40]))
            seen += line + "\n"
    assert not broken, f"inline maths continued on a line that reads as a list item: {broken}"
