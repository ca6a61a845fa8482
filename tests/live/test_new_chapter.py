"""A chapter made by the scaffold passes the book's own tests (slow tier): in a copy of the book,
``scripts/new_chapter.py SLUG "Title"`` writes and executes it in a fresh kernel; then hygiene,
nbval against its committed outputs, the generic widget tests (its widget builds, renders,
responds and fits the page), its own widget tests and its doctests run on it there.
"""

from __future__ import annotations

from tests.book.test_scaffold import copy_of_the_book, run_in

SLUG, TITLE = "softmax_demo", "Softmax, a demo"


def test_a_new_chapter_passes_the_books_tests(tmp_path):
    book = copy_of_the_book(tmp_path)
    done = run_in(book, ["scripts/new_chapter.py", SLUG, TITLE])
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    stem = next((book / "chapters").glob(f"*_{SLUG}.ipynb")).stem
    done = run_in(book, [
        "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", "-m", SLUG,
        "--nbval", "--nbval-current-env", "--nbval-sanitize-with", "tests/nbval_sanitize.cfg",
        "--doctest-modules", "-W", "error::RuntimeWarning",
        "tests/book/test_chapters.py", "tests/widgets", f"chapters/{stem}.ipynb",
        f"nnlib/widgets/{SLUG}", f"nnlib/exercises/{SLUG}.py"])
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    summary = done.stdout.strip().splitlines()[-1]
    passed = int(summary.split(" passed")[0].split()[-1])
    assert passed >= 20 and "failed" not in summary and "error" not in summary, summary
