"""The chapter scaffold (scripts/new_chapter.py), fast: in a copy of the book it writes every
piece of a new chapter in the right place, its generated widget builds, renders and is
registered, and it refuses what would break the book. tests/live/test_new_chapter.py runs the
new chapter itself (executed, then the book's own tests on it: the slow tier).
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from scripts.new_chapter import scaffold
from tests.conftest import CHAPTERS, ROOT

SLUG, TITLE = "mlp_demo", "Multilayer perceptrons, a demo"
# the scaffold numbers a chapter after the highest number in use (a chapter may be missing)
STEM = f"{1 + max(int(p.name[:2]) for p in CHAPTERS.values()):02d}_{SLUG}"
IGNORE = shutil.ignore_patterns("__pycache__", "*.gz", ".ipynb_checkpoints")


def copy_of_the_book(root: Path) -> Path:
    """What a new chapter touches: nnlib, scripts, the tests that run on a chapter, the toc,
    the instructors' page; the existing notebooks as empty files (for their numbers)."""
    for name in ("_toc.yml", "_config.yml", "instructors.md"):
        shutil.copy(ROOT / name, root / name)
    for name in ("nnlib", "scripts"):
        shutil.copytree(ROOT / name, root / name, ignore=IGNORE)
    (root / "chapters").mkdir()
    for notebook in CHAPTERS.values():
        (root / "chapters" / notebook.name).touch()
    (root / "tests").mkdir()
    for name in ("__init__.py", "conftest.py", "nbval_sanitize.cfg"):
        shutil.copy(ROOT / "tests" / name, root / "tests" / name)
    for name in ("book", "widgets", "site"):
        shutil.copytree(ROOT / "tests" / name, root / "tests" / name, ignore=IGNORE)
    return root


def run_in(root: Path, args: list[str]) -> subprocess.CompletedProcess:
    """A Python subprocess whose nnlib is the copy's."""
    env = {**os.environ, "PYTHONPATH": str(root), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([sys.executable, *args], cwd=root, env=env, capture_output=True,
                          text=True, timeout=600)


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    root = copy_of_the_book(tmp_path_factory.mktemp("book"))
    scaffold(SLUG, TITLE, root, execute=False)
    return root


def test_every_piece_is_there(book):
    for path in (f"chapters/{STEM}.ipynb", f"nnlib/widgets/{SLUG}/__init__.py",
                 f"nnlib/widgets/{SLUG}/example.py", f"nnlib/exercises/{SLUG}.py",
                 f"tests/widgets/test_{SLUG}.py", f"tests/site/test_{SLUG}.py"):
        assert (book / path).is_file(), path
        if path.endswith(".py"):
            compile((book / path).read_text(), path, "exec")  # it parses
    toc = (book / "_toc.yml").read_text()
    last = f"- file: chapters/{list(CHAPTERS.values())[-1].stem}"
    assert f"{last}\n      - file: chapters/{STEM}\n" in toc  # right after the last chapter
    rows = [line for line in (book / "instructors.md").read_text().splitlines()
            if line.startswith("| {doc}`chapters/") and "slides</a>" in line]
    assert rows[-1] == f'| {{doc}}`chapters/{STEM}` | <a href="slides/{STEM}.slides.html">slides</a> |'
    assert len(rows) == len(CHAPTERS) + 1
    nb = nbformat.read(book / "chapters" / f"{STEM}.ipynb", as_version=4)
    assert nb.cells[1].source.startswith(f"# {TITLE}\n")
    widget = next(c for c in nb.cells if "example_widget()" in c.source)
    assert f"from nnlib.widgets.{SLUG} import example_widget" in widget.source
    assert "nbval-ignore-output" in widget.metadata["tags"]
    # its site test checks the chapter's page; what every chapter's widgets must do on the
    # site is tests/site/test_widgets.py's, not repeated per chapter
    site = ast.parse((book / f"tests/site/test_{SLUG}.py").read_text())
    generic = ast.parse((ROOT / "tests/site/test_widgets.py").read_text())
    tests = {n.name for n in site.body if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")}
    assert tests and not tests & {n.name for n in generic.body if isinstance(n, ast.FunctionDef)}
    assert not any("frame_state" in ast.unparse(n) for n in site.body)  # no widget driving
    # the draft deck follows the pattern (CONTRIBUTING.md, "Decks"): slide-only cells, notes
    assert any("slide-only" in c.metadata.get("tags", []) and c.metadata["slideshow"]["slide_type"] == "notes"
               for c in nb.cells)


def test_the_generated_widget_is_registered_builds_renders_and_responds(book):
    code = f"""
from nnlib.widgets import chapters
from nnlib.checks import check
widget, = chapters()["{SLUG}"]
fig = widget.build()
png, alt = fig.render()
moved, _ = fig.render(w=-2.0, activation="relu")
grid = tuple(len(c.grid()) for c in fig.static_controls)
print(png[:4] == b"\\x89PNG", moved != png, not fig.message, grid == widget.grid, alt[:12])
print(bool(check("ex-{SLUG.replace('_', '-')}-zero", -0.5)), bool(check("ex-{SLUG.replace('_', '-')}-zero", 0.5)))
"""
    done = run_in(book, ["-c", code])
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.splitlines()[0] == "True True True True sigmoid neur"
    assert done.stdout.splitlines()[-1] == "True False"  # its exercise checks are found


@pytest.mark.parametrize("slug, title, message", [
    ("xor", "Again", "a chapter 'xor' exists already"),
    (SLUG, "Again", f"a chapter '{SLUG}' exists already"),
    ("Bad-Slug", "Title", "the slug must be lower case"),
    ("fine", " ", "the title must not be empty"),
])
def test_the_scaffold_refuses_what_would_break_the_book(book, slug, title, message):
    before = sorted(p.relative_to(book) for p in book.rglob("*"))
    with pytest.raises(SystemExit, match=message):
        scaffold(slug, title, book, execute=False)
    assert sorted(p.relative_to(book) for p in book.rglob("*")) == before  # nothing written
