"""A chapter's exercises as an nbgrader assignment, graded by nbgrader itself (slow tier).

For each chapter in :data:`ASSIGNMENTS`, ``scripts/assignment.py`` builds the course in a
temporary folder (the ``nbgrader`` environment's ``nbgrader generate_assignment``), then one
``nbgrader autograde`` run grades a class of made-up students:

* ``complete``: every answer cell holds the solution, as the source has it: full marks;
* ``blank``: the student version handed in untouched: zero, and the grader does not crash
  (every answer cell runs and says "Your turn"; only the hidden tests fail);
* ``wrong-<n>``: complete but exercise n wrong: exactly that milestone's points lost;
* ``tampered``: unanswered, with every test cell emptied: still zero (nbgrader puts the
  read-only cells back).

The student version itself must hold no solution text and no hidden test.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import assignment  # noqa: E402
import reader_envs  # noqa: E402

#: The chapters graded as nbgrader assignments (one line each).
ASSIGNMENTS = ["mnist"]  # the homework (issue 23); any chapter works, see tests/book/test_assignment.py

#: Realistic wrong answers (code run after the solution), by exercise label; any other
#: exercise gets a generic one (its answer rebound to a string, see `_wrong`).
WRONG = {
    "ex-training-gd-step": "def gd_step(w, A, lr):\n    return w + lr * A @ w  # uphill",
    "ex-training-max-lr": "max_lr = 2 / 3  # the diagonal, not the eigenvalues",
    "ex-training-minibatch": "_right = minibatch_gradient\n"
                             "minibatch_gradient = lambda X, y, w, idx: 3 * _right(X, y, w, idx)  # a sum",
    "ex-training-momentum": "settings = (0.5, 0.0)  # plain gradient descent",
    "ex-mnist-shapes": 'shapes = {"W1": (784, 128), "b1": (128,), "W2": (128, 10), "b2": (10,)}',
    "ex-mnist-initial-loss": "initial_loss = 1.0  # log base 10",
    "ex-mnist-backward": "_right = backward\n"
                         "backward = lambda p, X, y: {k: len(X) * g for k, g in _right(p, X, y).items()}",
    "ex-mnist-accuracy": "from nnlib.mlp import MLP\n"
                         "model = MLP([784, 128, 10], seed=0)  # untrained",
}

SCORES = """
import json, sys
from nbgrader.api import Gradebook
slug, students = sys.argv[1], sys.argv[2:]
with Gradebook("sqlite:///gradebook.db") as gb:
    print(json.dumps({s: {g.name: [g.score, g.max_score]
                          for g in gb.find_submission_notebook(slug, slug, s).grades}
                      for s in students}))
"""


def _strip_regions(source: str) -> str:
    return "\n".join(line for line in source.splitlines()
                     if line.strip() not in (assignment.BEGIN_SOLUTION, assignment.END_SOLUTION))


def _wrong(source: str, ex: assignment.Exercise) -> str:
    """The answer cell `source` (with the solution) made wrong for exercise `ex`."""
    if ex.label in WRONG:
        mistake = WRONG[ex.label]
    elif ex.answer.isidentifier():
        mistake = f'{ex.answer} = "not the answer"'
    else:  # an expression: leave the starter alone (unanswered)
        head, rest = source.split(assignment.BEGIN_SOLUTION)
        return head + rest.split(assignment.END_SOLUTION)[1]
    return source.replace(assignment.END_SOLUTION, f"{assignment.END_SOLUTION}\n{mistake}")


def _ids(cells, key):
    return {c.metadata["nbgrader"]["grade_id"]: c for c in cells if c.metadata["nbgrader"].get(key)}


def _exercises(slug: str) -> list[assignment.Exercise]:
    return assignment.exercises(nbformat.read(assignment.chapter(slug), as_version=4))


#: (slug, exercise number), with ids naming the chapter's notebook (its marker: -m <slug>).
MILESTONES = [pytest.param(slug, n, id=f"{assignment.chapter(slug).stem}-{ex.label}")
              for slug in ASSIGNMENTS for n, ex in enumerate(_exercises(slug))]
_GRADED: dict[str, dict] = {}


@pytest.fixture(scope="module")
def grade(tmp_path_factory):
    """grade(slug): the course built and a class of made-up students autograded, once per slug."""
    def get(slug):
        if slug not in _GRADED:
            _GRADED[slug] = _grade(slug, tmp_path_factory.mktemp(f"course-{slug}"))
        return _GRADED[slug]
    return get


def _grade(slug: str, course: Path) -> dict:
    student = assignment.generate(slug, course)
    source = nbformat.read(course / "source" / slug / f"{slug}.ipynb", as_version=4)
    release = nbformat.read(student, as_version=4)
    exercises = _exercises(slug)
    answers = _ids(source.cells, "solution")
    submissions = {"complete": {}, "blank": None}
    # unanswered, but every test cell emptied: nbgrader restores the read-only cells
    submissions["tampered"] = {gid: "pass  # no test here" for gid in _ids(source.cells, "grade")}
    submissions["complete"] = {gid: _strip_regions(c.source) for gid, c in answers.items()}
    for n, ex in enumerate(exercises):
        gid = f"{ex.label}-answer"
        submissions[f"wrong-{n}"] = {**submissions["complete"],
                                     gid: _strip_regions(_wrong(answers[gid].source, ex))}
    for name, filled in submissions.items():
        nb = nbformat.read(student, as_version=4)
        for cell in nb.cells:
            gid = cell.metadata["nbgrader"]["grade_id"]
            if filled and gid in filled:
                cell.source = filled[gid]
        path = course / "submitted" / name / slug / f"{slug}.ipynb"
        path.parent.mkdir(parents=True)
        nbformat.write(nb, path)
    python = reader_envs.build("nbgrader")
    run = assignment.run_nbgrader(python, course, "autograde", slug, "--force")
    scores = json.loads(subprocess.run(
        [str(python), "-c", SCORES, slug, *submissions], cwd=course, check=True,
        capture_output=True, text=True, env=assignment.nbgrader_env(python, course)).stdout)
    worth = assignment.points(slug, [ex.label for ex in exercises])
    return {"slug": slug, "course": course, "release": release, "source": source, "scores": scores,
            "exercises": exercises, "points": worth, "log": run.stdout + run.stderr}


def _total(scores: dict) -> float:
    return sum(score for score, _ in scores.values())


BY_CHAPTER = pytest.mark.parametrize("slug", ASSIGNMENTS,
                                     ids=[assignment.chapter(s).stem for s in ASSIGNMENTS])


@BY_CHAPTER
def test_a_complete_submission_gets_full_marks(grade, slug):
    graded = grade(slug)
    scores = graded["scores"]["complete"]
    assert set(scores) == {f"{label}-test" for label in graded["points"]}
    assert {gid: s for gid, (s, _) in scores.items()} == {
        f"{label}-test": float(p) for label, p in graded["points"].items()}
    assert _total(scores) == sum(graded["points"].values()) > 0


@BY_CHAPTER
def test_the_untouched_student_version_gets_zero_without_crashing(grade, slug):
    graded = grade(slug)
    scores = graded["scores"]["blank"]
    assert _total(scores) == 0 and len(scores) == len(graded["exercises"])
    nb = nbformat.read(graded["course"] / "autograded" / "blank" / slug / f"{slug}.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        meta = cell.metadata["nbgrader"]
        errors = [o for o in cell.outputs if o.output_type == "error"]
        text = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
        if meta.get("solution"):  # the book's starter runs and invites
            assert not errors and text.startswith("✎ Your turn"), (meta["grade_id"], text, errors)
        elif meta.get("grade"):  # only the hidden test fails, on the check's verdict
            assert [e.ename for e in errors] == ["AssertionError"], (meta["grade_id"], errors)
            assert "Your turn" in errors[0].evalue
        else:
            assert not errors, meta["grade_id"]


@BY_CHAPTER
def test_emptied_test_cells_are_put_back(grade, slug):
    assert _total(grade(slug)["scores"]["tampered"]) == 0


@pytest.mark.parametrize("slug, n", MILESTONES)
def test_one_wrong_milestone_loses_exactly_its_points(grade, slug, n):
    graded = grade(slug)
    label = graded["exercises"][n].label
    scores = graded["scores"][f"wrong-{n}"]
    full = graded["scores"]["complete"]
    assert scores[f"{label}-test"][0] == 0
    assert {g: s for g, s in scores.items() if g != f"{label}-test"} == {
        g: s for g, s in full.items() if g != f"{label}-test"}
    assert _total(scores) == _total(full) - graded["points"][label]


@BY_CHAPTER
def test_the_student_version_holds_no_solution_and_no_hidden_test(grade, slug):
    graded = grade(slug)
    release, source = graded["release"], graded["source"]
    text = "\n".join(c.source for c in release.cells)
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS",
                   "_verdict", "assert "):
        assert marker not in text, marker
    # what the book shows the student anyway: the starters, and the questions with their hints
    given = "\n".join(ex.starter + "\n" + ex.question for ex in graded["exercises"])
    for ex in graded["exercises"]:
        for line in ex.solution.splitlines():
            if line.strip() and line.strip() not in given:
                assert line.strip() not in text, f"{ex.label}: solution line {line.strip()!r}"
    chapter = nbformat.read(assignment.chapter(graded["slug"]), as_version=4)
    for cell in chapter.cells:
        if "solution" in cell.metadata.get("tags", []):
            for line in cell.source.splitlines():
                if len(line) > 20 and line not in given:
                    assert line not in text, f"solution text {line!r}"
    # and what the student sees of each answer cell is the book's starter, check included
    for ex in graded["exercises"]:
        cell = _ids(release.cells, "solution")[f"{ex.label}-answer"]
        squeeze = lambda s: [line for line in s.splitlines() if line.strip()]  # noqa: E731
        assert squeeze(cell.source) == squeeze(ex.starter)
    assert len(release.cells) == len(source.cells)
