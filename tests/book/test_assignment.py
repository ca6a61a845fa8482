"""The nbgrader assignment generator (``scripts/assignment.py``), without nbgrader.

For every chapter: the source is the chapter's setup cell and, per exercise, its question, an
answer cell (the book's starter, the solution in a ``BEGIN/END SOLUTION`` region, the starter's
check) and a test cell with points and a hidden test. Run in one namespace as the grader runs
it, the source passes every test (slow: it runs every solution); with the solution regions
cut out as nbgrader does, every test fails on its assertion and nothing else fails.
nbgrader's own run is the slow tier's ``tests/live/test_assignment.py``.
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
from pathlib import Path

import nbformat
import numpy as np
import pytest

from tests.conftest import CHAPTERS

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import assignment  # noqa: E402
import reader_envs  # noqa: E402

BY_CHAPTER = pytest.mark.parametrize("slug", list(CHAPTERS), ids=[p.stem for p in CHAPTERS.values()])
GRADE_ID = re.compile(r"^[a-zA-Z0-9_\-]+$")  # what nbgrader accepts


def clear_solutions(source: str) -> str:
    """What nbgrader's ClearSolutions does with the course's empty stub: each solution
    region becomes one (indented) empty line."""
    out, inside = [], False
    for line in source.split("\n"):
        if assignment.BEGIN_SOLUTION in line:
            inside = True
            out.append(re.match(r"\s*", line).group(0))
        elif assignment.END_SOLUTION in line:
            inside = False
        elif not inside:
            out.append(line)
    assert not inside, "a solution region is not closed"
    return "\n".join(out)


def clear_hidden_tests(source: str) -> str:
    return re.sub(rf"{assignment.BEGIN_HIDDEN}.*?{assignment.END_HIDDEN}\n?", "", source, flags=re.S)


def _exercises(slug):
    return assignment.exercises(nbformat.read(assignment.chapter(slug), as_version=4))


@BY_CHAPTER
def test_source_has_setup_then_question_answer_and_test_per_exercise(slug):
    nb = assignment.source_notebook(slug)
    found = _exercises(slug)
    worth = assignment.points(slug, [ex.label for ex in found])
    meta = [c.metadata["nbgrader"] for c in nb.cells]
    ids = [m["grade_id"] for m in meta]
    assert len(set(ids)) == len(ids) and all(GRADE_ID.match(i) for i in ids)
    assert len(nb.cells) == 2 + 3 * len(found)
    assert nb.cells[1].source == nbformat.read(assignment.chapter(slug), as_version=4).cells[0].source
    assert all(m["locked"] for m in meta[:2])
    for ex, (question, answer, test) in zip(found, zip(*[iter(nb.cells[2:])] * 3)):
        assert question.source == ex.question and question.metadata["nbgrader"]["locked"]
        assert answer.metadata["nbgrader"] | {"grade_id": None} == {
            "grade": False, "grade_id": None, "locked": False, "schema_version": 3,
            "solution": True, "task": False}
        assert test.metadata["nbgrader"]["grade"] and test.metadata["nbgrader"]["locked"]
        assert test.metadata["nbgrader"]["points"] == worth[ex.label]
        # the answer cell: starter above the region, its check after, one check in all
        assert answer.source.count(f'check("{ex.label}"') == 1
        assert answer.source.index(assignment.END_SOLUTION) < answer.source.index(f'check("{ex.label}"')
        assert [l for l in clear_solutions(answer.source).splitlines() if l.strip()] == [
            l for l in ex.starter.splitlines() if l.strip()]
        # the test cell: only a comment shows; the check and its assertion are hidden
        visible = clear_hidden_tests(test.source)
        assert all(l.startswith("#") for l in visible.splitlines()) and "point" in visible
        assert f'check("{ex.label}", {ex.answer})' in test.source and "assert " in test.source
    header = nb.cells[0].source
    assert all(f"| {ex.title} | {worth[ex.label]} |" in header for ex in found)
    assert f"**{sum(worth.values())}**" in header
    assert nbformat.writes(nb) == nbformat.writes(assignment.source_notebook(slug)), "not deterministic"


def _run(nb, clear: bool) -> dict[str, str | None]:
    """Run the answer and test cells in one namespace, as the grader does after the setup cell
    (numpy given, as CONTRIBUTING promises solutions); {test grade_id: error name or None}."""
    namespace, results = {"np": np}, {}
    for cell in nb.cells[2:]:
        if cell.cell_type != "code":
            continue
        meta = cell.metadata["nbgrader"]
        source = clear_solutions(cell.source) if clear else cell.source
        with contextlib.redirect_stdout(io.StringIO()):
            try:
                exec(compile(source, meta["grade_id"], "exec"), namespace)
                error = None
            except Exception as exc:  # noqa: BLE001 - the grader records any error
                error = type(exc).__name__
        if meta["grade"]:
            results[meta["grade_id"]] = error
        else:
            assert error is None, f"{meta['grade_id']} raised {error}"
    return results


@BY_CHAPTER
def test_the_student_version_fails_every_test_on_its_assertion_only(slug):
    assert set(_run(assignment.source_notebook(slug), clear=True).values()) == {"AssertionError"}


@pytest.mark.slow  # it runs every solution, some of which train (tests/book/test_exercises.py does too)
@BY_CHAPTER
def test_the_source_passes_every_test(slug):
    assert set(_run(assignment.source_notebook(slug), clear=False).values()) == {None}


def test_points_come_from_the_exercises_module_or_are_one_each(monkeypatch):
    import nnlib.exercises.softmax
    import nnlib.exercises.training

    labels = [ex.label for ex in _exercises("training")]
    assert assignment.points("training", labels) == nnlib.exercises.training.POINTS
    assert not hasattr(nnlib.exercises.softmax, "POINTS")
    softmax = [ex.label for ex in _exercises("softmax")]
    assert assignment.points("softmax", softmax) == dict.fromkeys(softmax, 1)
    with pytest.raises(ValueError, match=r"missing \[\], unknown \['ex-training-momentum'\]"):
        assignment.points("training", labels[:-1])
    monkeypatch.setitem(nnlib.exercises.training.POINTS, "ex-training-max-lr", True)
    with pytest.raises(ValueError, match="whole numbers >= 1"):
        assignment.points("training", labels)
    monkeypatch.delitem(nnlib.exercises.training.POINTS, "ex-training-gd-step")
    with pytest.raises(ValueError, match=r"missing \['ex-training-gd-step'\], unknown \[\]"):
        assignment.points("training", labels)


def test_the_solutions_check_is_dropped_only_when_it_is_a_plain_last_line():
    starter = 'x = None  # a number\n\n_ = check("ex-a", x)\n'
    plain = assignment.Exercise("ex-a", "A", "", starter, 'x = 2\n_ = check("ex-a", x)\n', "x")
    assert assignment.answer_cell(plain) == "\n".join([
        "x = None  # a number", assignment.BEGIN_SOLUTION, "x = 2", assignment.END_SOLUTION, "",
        '_ = check("ex-a", x)'])
    nested = 'for x in [1, 2]:\n    if check("ex-a", x):\n        break\n'
    kept = assignment.answer_cell(assignment.Exercise("ex-a", "A", "", starter, nested, "x"))
    assert nested.strip() in kept and kept.endswith('_ = check("ex-a", x)')


def test_bad_slugs_and_broken_exercises_are_named(capsys):
    with pytest.raises(ValueError, match=r"slug must name one chapter \(.*training.*\), got 'nope'"):
        assignment.chapter("nope")
    assert assignment.main(["nope"]) == 2  # make assignment SLUG=nope: one line, no traceback
    names = ", ".join(sorted(CHAPTERS))
    assert capsys.readouterr().err == f"assignment: slug must name one chapter ({names}), got 'nope'\n"
    nb = nbformat.read(assignment.chapter("training"), as_version=4)
    first = next(i for i, c in enumerate(nb.cells) if "{exercise}" in c.source)
    no_solution = nbformat.v4.new_notebook(cells=nb.cells[:first + 2])
    with pytest.raises(ValueError, match="ex-training-gd-step: the answer cell must be followed"):
        assignment.exercises(no_solution)
    no_check = nbformat.v4.new_notebook(cells=[nb.cells[first], nbformat.v4.new_code_cell("x = 1")])
    with pytest.raises(ValueError, match="ex-training-gd-step: the cell after the exercise"):
        assignment.exercises(no_check)


def test_nbgrader_has_its_own_environment_and_stays_out_of_the_books():
    steps = reader_envs.recipe("nbgrader")
    assert reader_envs.NBGRADER[0] in steps[0] and str(ROOT / "binder" / "requirements.txt") in steps[0]
    for path in ["constraints.txt", "requirements.txt", "requirements-dev.txt", "pyproject.toml",
                 "binder/requirements.txt"]:
        assert "nbgrader" not in (ROOT / path).read_text().lower(), path
