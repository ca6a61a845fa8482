"""The student edition (`student/`): what a reader opens from Binder or Colab, or downloads.

It must be exactly what `scripts/student_edition.py` writes from the chapters (the launch
buttons point at the committed copy), hold the exercises and their checks, and hold no
solution text at all: not the dropdowns, not a line of their prose or code.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import student_edition  # noqa: E402

CHAPTERS = student_edition.chapters()


def test_student_edition_is_up_to_date(capsys):
    status = student_edition.main(["--check"])
    assert status == 0, capsys.readouterr().out
    assert sorted(p.name for p in student_edition.STUDENT.glob("*.ipynb")) == [c.name for c in CHAPTERS]


def _solution_lines(chapter: nbformat.NotebookNode) -> list[str]:
    """Every line of solution prose or code long enough to be recognisable and found nowhere
    else in the chapter (``def my_tanh_grad(z):`` is in the exercise cell too)."""
    rest = "\n".join(c.source for c in chapter.cells if not student_edition.is_solution(c))
    lines = []
    for cell in chapter.cells:
        if student_edition.is_solution(cell):
            for line in cell.source.splitlines():
                line = line.strip()
                if len(line) >= 12 and not line.startswith(("`", ":", "<")) and line not in rest:
                    lines.append(line)
    return lines


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_student_edition_has_no_solution_text(chapter):
    source = nbformat.read(chapter, as_version=4)
    path = student_edition.STUDENT / chapter.name
    text = path.read_text(encoding="utf-8")
    student = nbformat.reads(text, as_version=4)
    nbformat.validate(student)
    lines = _solution_lines(source)
    assert len(lines) >= 2 * len([c for c in source.cells if student_edition.is_solution(c)])
    leaked = [line for line in lines if line in text or line in "".join(c.source for c in student.cells)]
    assert leaked == [], f"{path.name} holds solution text: {leaked[:3]}"
    assert "{solution" not in text and '"solution"' not in text
    assert "✓" not in text, "a verdict (or a solution's output) leaked"
    for cell in student.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_student_edition_keeps_everything_else(chapter):
    source = nbformat.read(chapter, as_version=4)
    student = nbformat.read(student_edition.STUDENT / chapter.name, as_version=4)
    # the deck's slide-only cells (headlines, speaker notes) are not the student's
    deck = [c for c in source.cells if student_edition.SLIDE_ONLY_TAG in c.metadata.get("tags", [])]
    assert deck, "the chapter has no deck cells to drop"
    source.cells = [c for c in source.cells if c not in deck]
    assert [c.id for c in student.cells] == [c.id for c in source.cells]
    for mine, theirs in zip(student.cells, source.cells):
        if student_edition.is_solution(theirs):
            assert mine.source == student_edition.POINTER
        else:
            assert (mine.cell_type, mine.source, mine.metadata) == (theirs.cell_type, theirs.source, theirs.metadata)
    labels = re.findall(r":label: (ex-\S+)", "\n".join(c.source for c in student.cells))
    code = "\n".join(c.source for c in student.cells if c.cell_type == "code")
    assert labels and all(f'check("{label}"' in code for label in labels)
    assert student.metadata["kernelspec"]["name"] == "python3"
    assert student.metadata["nnbook"] == {"edition": "student", "source": f"chapters/{chapter.name}"}


def test_student_edition_replaces_only_tagged_solutions_and_clears_outputs():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("````{exercise} E\n:label: ex-x\n````"),
        nbformat.v4.new_code_cell("x = 1", execution_count=1, outputs=[
            nbformat.v4.new_output("stream", name="stdout", text="✎ Your turn\n")]),
        nbformat.v4.new_markdown_cell("````{solution} ex-x\n:class: dropdown\n\nsecret\n````",
                                      metadata={"tags": ["solution"]}),
    ])
    out = student_edition.student_notebook(nb, "chapters/99_x.ipynb")
    assert [c.source for c in out.cells] == [nb.cells[0].source, "x = 1", student_edition.POINTER]
    assert out.cells[1].outputs == [] and out.cells[1].execution_count is None
    assert nb.cells[1].outputs and "secret" in nb.cells[2].source  # the chapter is left alone
    assert "secret" not in nbformat.writes(out)


def test_check_mode_reports_a_stale_or_extra_edition(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(student_edition, "STUDENT", tmp_path)
    assert student_edition.main(["--check"]) == 1  # nothing written yet
    assert "out of date: " in capsys.readouterr().out
    assert student_edition.main([]) == 0 and student_edition.main(["--check"]) == 0
    (tmp_path / "99_gone.ipynb").write_text("{}")
    assert student_edition.main(["--check"]) == 1
    (tmp_path / CHAPTERS[0].name).write_text("{}")
    student_edition.main([])
    assert student_edition.main(["--check"]) == 0 and not (tmp_path / "99_gone.ipynb").exists()
