"""Write the student edition of every chapter: the notebooks a reader opens from the launch
buttons (Binder, Colab) and downloads from the website.

    python scripts/student_edition.py            # chapters/NN_name.ipynb -> student/NN_name.ipynb
    python scripts/student_edition.py --check    # exit 1 if student/ is out of date

A chapter's solutions live only in its ``solution`` cells (markdown, see CONTRIBUTING.md).
The student edition is the chapter with each of them replaced by a pointer to the website,
without the deck's ``slide-only`` cells (headlines and speaker notes, which the book does not
show either), and with every output and execution count cleared: a fresh notebook to run,
with no solution text in it. ``make execute`` rewrites it; ``tests/book/test_student_edition.py`` checks
that the committed copy is what this script writes, and the book build
(``book_ext/exercises.py``) points the launch and download buttons at it.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS, STUDENT = ROOT / "chapters", ROOT / "student"
SOLUTION_TAG = "solution"
SLIDE_ONLY_TAG = "slide-only"
# A solution cell is wrapped in these two lines: in a notebook the solution stays a closed
# <details> even after "Run all" renders every markdown cell; the website drops them and
# shows sphinx-exercise's own dropdown (book_ext/exercises.py).
SOLUTION_OPEN, SOLUTION_CLOSE = "<details><summary>Solution (click to open)</summary>", "</details>"
POINTER = ("**Solution:** not in this notebook. It is on this chapter's page of the book's "
           "website, folded under the exercise. Try the check above first.")


def is_solution(cell) -> bool:
    return SOLUTION_TAG in cell.get("metadata", {}).get("tags", [])


def student_notebook(nb: nbformat.NotebookNode, source: str) -> nbformat.NotebookNode:
    """The student edition of a chapter notebook `nb` (read from `source`, a repo path)."""
    nb = copy.deepcopy(nb)
    nb.cells = [c for c in nb.cells if SLIDE_ONLY_TAG not in c.get("metadata", {}).get("tags", [])]
    for i, cell in enumerate(nb.cells):
        if is_solution(cell):
            pointer = nbformat.v4.new_markdown_cell(POINTER, metadata={"slideshow": {"slide_type": "skip"}})
            pointer.id = cell.id
            nb.cells[i] = pointer
        elif cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nb.metadata["nnbook"] = {"edition": "student", "source": source}
    return nb


def render(chapter: Path) -> str:
    """The exact text of the student edition of `chapter`."""
    nb = nbformat.read(chapter, as_version=4)
    return nbformat.writes(student_notebook(nb, chapter.relative_to(ROOT).as_posix())) + "\n"


def chapters() -> list[Path]:
    return sorted(CHAPTERS.glob("*.ipynb"))


def main(argv: list[str]) -> int:
    """``[--check] [CHAPTER ...]``: write (or check) the student editions of the given
    chapters, by default of every chapter (then stray student notebooks are removed too)."""
    check = "--check" in argv
    only = [Path(a).resolve() for a in argv if not a.startswith("--")]
    stale = []
    wanted = {STUDENT / c.name: render(c) for c in (only or chapters())}
    for path, text in wanted.items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(path)
            if not check:
                path.parent.mkdir(exist_ok=True)
                path.write_text(text, encoding="utf-8")
    extra = [] if only else sorted(set(STUDENT.glob("*.ipynb")) - set(wanted))
    for path in extra:
        stale.append(path)
        if not check:
            path.unlink()
    for path in stale:
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"{'out of date' if check else ('removed' if path in extra else 'wrote')}: {shown}")
    if check and stale:
        print("run `python scripts/student_edition.py` (make execute does)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
