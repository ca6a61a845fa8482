"""The chapter scaffold (scripts/new_chapter.py): a new chapter made in a copy of the book has
every piece, and its notebook, widget, exercises and tests pass the book's own tests there.

The copy holds what the pieces touch (nnlib, scripts, the tests that run on a chapter, the toc
and the instructors' page; the existing notebooks as empty files, for their numbers). The
scaffold and pytest run in subprocesses whose nnlib is the copy's (PYTHONPATH).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import nbformat
import pytest

from tests.conftest import CHAPTERS, ROOT

SLUG, TITLE = "mlp_demo", "Multilayer perceptrons, a demo"
STEM = f"{len(CHAPTERS) + 1:02d}_{SLUG}"
IGNORE = shutil.ignore_patterns("__pycache__", "*.gz")


def run(args, root, **kwargs):
    env = {**os.environ, "PYTHONPATH": str(root), "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run([sys.executable, *args], cwd=root, env=env, capture_output=True,
                          text=True, timeout=300, **kwargs)
    return done


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    root = tmp_path_factory.mktemp("book")
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
    done = run(["scripts/new_chapter.py", SLUG, TITLE], root)
    assert done.returncode == 0, done.stdout + done.stderr
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
            if line.startswith("| {doc}`chapters/")]
    assert rows[-1] == f'| {{doc}}`chapters/{STEM}` | <a href="slides/{STEM}.slides.html">slides</a> |'
    nb = nbformat.read(book / "chapters" / f"{STEM}.ipynb", as_version=4)
    assert nb.cells[1].source.startswith(f"# {TITLE}\n")
    assert f"from nnlib.widgets.{SLUG} import example_widget" in nb.cells[4].source


def test_the_new_chapter_passes_the_books_tests(book):
    """Hygiene, nbval against its committed outputs, the generic widget tests (its widget
    builds, renders, responds and fits the page), its own widget tests and doctests."""
    done = run(["-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", "-m", SLUG,
                "--nbval", "--nbval-current-env", "--nbval-sanitize-with", "tests/nbval_sanitize.cfg",
                "--doctest-modules", "-W", "error::RuntimeWarning",
                "tests/book/test_chapters.py", "tests/widgets", f"chapters/{STEM}.ipynb",
                f"nnlib/widgets/{SLUG}", f"nnlib/exercises/{SLUG}.py"], book)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    summary = done.stdout.strip().splitlines()[-1]
    passed = int(summary.split(" passed")[0].split()[-1])
    assert passed >= 20 and "failed" not in summary and "error" not in summary, summary


@pytest.mark.parametrize("slug, title, message", [
    ("xor", "Again", "a chapter 'xor' exists already"),
    ("Bad-Slug", "Title", "the slug must be lower case"),
    ("fine", " ", "the title must not be empty"),
])
def test_the_scaffold_refuses_what_would_break_the_book(book, slug, title, message):
    from scripts.new_chapter import scaffold

    before = sorted(p.relative_to(book) for p in book.rglob("*"))
    with pytest.raises(SystemExit, match=message):
        scaffold(slug, title, book, execute=False)
    assert sorted(p.relative_to(book) for p in book.rglob("*")) == before  # nothing written
