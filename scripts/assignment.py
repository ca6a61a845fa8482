"""A chapter's exercises as an nbgrader assignment, generated from the chapter itself.

    python scripts/assignment.py training         # _build/nbgrader/training/: source and student version
    python scripts/assignment.py mnist --source-only    # only write the assignment source

One source, no copy to keep in step: the assignment is written from the chapter notebook
(``chapters/NN_<slug>.ipynb``: each exercise's question, the reader's starter cell and the
solution's code, CONTRIBUTING "Exercises and solutions") and its exercises module
(``nnlib/exercises/<slug>.py``: the checks, and the milestones' points in ``POINTS``,
``{label: points}``, one point each where it has none). For each exercise the source has

* the question (a read-only markdown cell);
* an autograded answer cell: the book's starter, then the solution's code between
  ``### BEGIN SOLUTION`` and ``### END SOLUTION``, then the starter's own check line. nbgrader
  cuts the solution out (the course's ``nbgrader_config.py`` sets an empty stub), so the
  student gets exactly the book's starter and its check (``✎ Your turn``, ``✓``, ``✗``);
* a read-only test cell worth the milestone's points whose hidden test (``### BEGIN HIDDEN
  TESTS``) runs the exercise's check and asserts it says ✓.

Only the setup cell and the exercises go in, not the rest of the chapter: every solution runs
on its own after the setup cell (a rule ``tests/book/test_exercises.py`` enforces), so the
grader never runs the chapter's widgets or its training, and autograding takes seconds.

nbgrader runs in its own environment, ``.envs/nbgrader`` (``scripts/reader_envs.py``), on a
course folder under ``_build/nbgrader/<slug>/``; nothing is written into the repository.
"""

from __future__ import annotations

import ast
import copy
import importlib
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import student_edition  # noqa: E402

COURSES = ROOT / "_build" / "nbgrader"
BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
EXERCISE = re.compile(r"^````\{exercise\}[ \t]*(?P<title>[^\n]*)\n:label:[ \t]*(?P<label>\S+)", re.M)
SOLUTION_CODE = re.compile(r"^```python\n(.*?)^```$", re.M | re.S)
#: The course's nbgrader configuration: the solution region leaves nothing behind (the book's
#: starter stays above it), and a cell may run for minutes: an answer that trains takes
#: seconds alone but can pass nbgrader's default of 30 s on a busy grading machine, and a
#: timeout would cost a right answer its points.
CONFIG = '''c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "nn-basics"
c.ClearSolutions.code_stub = {"python": ""}
c.ClearSolutions.text_stub = ""
c.Execute.timeout = 300
'''


#: What limits numpy's BLAS to one thread in the grading kernels.
BLAS_THREADS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


@dataclass(frozen=True)
class Exercise:
    """One exercise of a chapter, as the book writes it."""

    label: str        #: ``ex-<slug>-<name>``, the key of its check
    title: str        #: the exercise's title
    question: str     #: its markdown cell (the question and the hint)
    starter: str      #: the reader's answer cell, ending with ``_ = check(label, answer)``
    solution: str     #: the code of its solution (the one python block of the solution cell)
    answer: str       #: the expression the starter's check is given (``gd_step``)


def chapter(slug: str) -> Path:
    """The notebook ``chapters/NN_<slug>.ipynb`` of chapter `slug`."""
    found = sorted(student_edition.CHAPTERS.glob(f"[0-9][0-9]_{slug}.ipynb"))
    if len(found) != 1:
        names = sorted(p.stem[3:] for p in student_edition.chapters())
        raise ValueError(f"slug must name one chapter ({', '.join(names)}), got {slug!r}")
    return found[0]


def _is_check(node: ast.AST, label: str) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "check"
            and bool(node.args) and isinstance(node.args[0], ast.Constant) and node.args[0].value == label)


def _check_call(source: str, label: str) -> ast.stmt | None:
    """The top-level statement of `source` that calls ``check(label, ...)``, if any."""
    for stmt in ast.parse(source).body:
        if any(_is_check(node, label) for node in ast.walk(stmt)):
            return stmt
    return None


def exercises(nb: nbformat.NotebookNode) -> list[Exercise]:
    """Every exercise of chapter notebook `nb`, in order (the three cells of CONTRIBUTING)."""
    found = []
    for i, cell in enumerate(nb.cells):
        match = EXERCISE.search(cell.source) if cell.cell_type == "markdown" else None
        if not match:
            continue
        label = match["label"]
        starter, solution = (nb.cells[i + 1:i + 3] + [None, None])[:2]
        is_code = starter is not None and starter.cell_type == "code"
        call = _check_call(starter.source, label) if is_code else None
        if call is None:
            raise ValueError(f"{label}: the cell after the exercise must be the reader's answer, "
                             f'ending with _ = check("{label}", answer)')
        if solution is None or not student_edition.is_solution(solution):
            raise ValueError(f"{label}: the answer cell must be followed by its solution cell")
        code = SOLUTION_CODE.findall(solution.source)
        if len(code) != 1:
            raise ValueError(f"{label}: its solution must hold one ```python block, found {len(code)}")
        args = next(n for n in ast.walk(call) if _is_check(n, label)).args
        if len(args) != 2:
            raise ValueError(f"{label}: the check must be check(label, answer)")
        found.append(Exercise(label, match["title"].strip(), cell.source, starter.source,
                              code[0], ast.get_source_segment(starter.source, args[1])))
    return found


def points(slug: str, labels: list[str]) -> dict[str, int]:
    """{label: points} from ``POINTS`` of ``nnlib/exercises/<slug>.py`` (1 each without it)."""
    module = importlib.import_module(f"nnlib.exercises.{slug}")
    given = getattr(module, "POINTS", None)
    if given is None:
        return {label: 1 for label in labels}
    if set(given) != set(labels):
        raise ValueError(f"POINTS of nnlib/exercises/{slug}.py must name every exercise of the "
                         f"chapter exactly: missing {sorted(set(labels) - set(given))}, "
                         f"unknown {sorted(set(given) - set(labels))}")
    bad = {k: v for k, v in given.items() if isinstance(v, bool) or not isinstance(v, int) or v < 1}
    if bad:
        raise ValueError(f"POINTS of nnlib/exercises/{slug}.py must be whole numbers >= 1, got {bad}")
    return {label: given[label] for label in labels}


def _split_lines(source: str, stmt: ast.stmt) -> tuple[str, str]:
    """`source` before the statement `stmt`, and from it on."""
    lines = source.splitlines()
    return "\n".join(lines[:stmt.lineno - 1]).rstrip(), "\n".join(lines[stmt.lineno - 1:]).strip()


def answer_cell(ex: Exercise) -> str:
    """The source of an exercise's autograded answer cell: the starter, the solution region,
    the starter's check."""
    before, check_line = _split_lines(ex.starter, _check_call(ex.starter, ex.label))
    # the solution's own check is dropped when it is its last statement, a plain
    # `_ = check(...)` (the starter's runs after the region); otherwise it stays
    stmt = _check_call(ex.solution, ex.label)
    last = ast.parse(ex.solution).body[-1]
    plain = (stmt is not None and stmt.lineno == last.lineno
             and isinstance(stmt, (ast.Assign, ast.Expr)) and isinstance(stmt.value, ast.Call))
    solution = _split_lines(ex.solution, stmt)[0] if plain else ex.solution.strip()
    parts = [before] if before else []
    parts += [BEGIN_SOLUTION, solution.strip(), END_SOLUTION, "", check_line]
    return "\n".join(parts)


def hidden_test_cell(ex: Exercise, worth: int) -> str:
    """The source of an exercise's test cell: what the student sees, then the hidden test."""
    return "\n".join([
        f"# Autograded: {worth} point{'s' if worth != 1 else ''} when the check of the cell above "
        f"says ✓ Correct.",
        BEGIN_HIDDEN,
        "from nnlib.checks import check",
        "",
        f'_verdict = check("{ex.label}", {ex.answer})',
        f'assert _verdict.status == "correct", _verdict.message',
        END_HIDDEN])


def _nbgrader(cell, grade_id: str, *, solution=False, grade=False, locked=False, worth=None):
    cell.id = grade_id  # stable ids: the same chapter gives the same source
    cell.metadata = {"nbgrader": {"grade": grade, "grade_id": grade_id, "locked": locked,
                                  "schema_version": 3, "solution": solution, "task": False}}
    if worth is not None:
        cell.metadata["nbgrader"]["points"] = worth
    return cell


def _title(nb: nbformat.NotebookNode) -> str:
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if cell.cell_type == "markdown" and "slide-only" not in tags and cell.source.startswith("# "):
            return cell.source.splitlines()[0][2:].strip()
    raise ValueError("the chapter has no '# Title' cell")


def source_notebook(slug: str) -> nbformat.NotebookNode:
    """The nbgrader source of chapter `slug`'s exercises (solutions and hidden tests in it)."""
    path = chapter(slug)
    nb = nbformat.read(path, as_version=4)
    found = exercises(nb)
    if not found:
        raise ValueError(f"chapter {slug!r} has no exercises")
    worth = points(slug, [ex.label for ex in found])
    table = "\n".join(f"| {ex.title} | {worth[ex.label]} |" for ex in found)
    header = nbformat.v4.new_markdown_cell(
        f"# {_title(nb)} (graded exercises)\n\n"
        f"The chapter's exercises, graded. Read the chapter first, on the book's website or in "
        f"its notebook `student/{path.name}`. Write each answer in the cell below its question, "
        f"in place of `None`, and run the cell: its check says ✎ *Your turn*, ✓ *Correct* or "
        f"✗ *Not yet* with a hint, as in the book. The grader runs this notebook from the top "
        f"and gives each milestone its points when its check says ✓. Every answer must work on "
        f"its own after the first cell: import what it needs.\n\n| milestone | points |\n|---|---|\n{table}\n"
        f"| **total** | **{sum(worth.values())}** |")
    setup = nbformat.v4.new_code_cell(nb.cells[0].source)
    cells = [_nbgrader(header, f"{slug}-header", locked=True),
             _nbgrader(setup, f"{slug}-setup", locked=True)]
    for ex in found:
        cells += [
            _nbgrader(nbformat.v4.new_markdown_cell(ex.question), f"{ex.label}-question", locked=True),
            _nbgrader(nbformat.v4.new_code_cell(answer_cell(ex)), f"{ex.label}-answer", solution=True),
            _nbgrader(nbformat.v4.new_code_cell(hidden_test_cell(ex, worth[ex.label])), f"{ex.label}-test",
                      grade=True, locked=True, worth=worth[ex.label])]
    out = nbformat.v4.new_notebook(cells=cells, metadata=copy.deepcopy(nb.metadata))
    out.metadata["nnbook"] = {"edition": "nbgrader source", "source": path.relative_to(ROOT).as_posix()}
    nbformat.validate(out)
    return out


def nbgrader_env(python: Path, course: Path) -> dict[str, str]:
    """The environment nbgrader runs in: its virtualenv first on PATH, Jupyter's
    configuration, data and runtime folders inside `course` (no user kernel or setting of
    this machine leaks in; the ``python3`` kernel is the environment's own), one BLAS thread."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "VIRTUAL_ENV", "MPLBACKEND"))}
    env["PATH"] = f"{python.parent}{os.pathsep}{env['PATH']}"
    for name in ("config", "data", "runtime"):
        env[f"JUPYTER_{name.upper()}_DIR"] = str(course / ".jupyter" / name)
    # One BLAS thread per kernel, as the chapters recommend for training at small batches: on a
    # loaded machine two threads made a chapter 8 answer take 37 s instead of 2 s.
    env.update(dict.fromkeys(BLAS_THREADS, "1"))
    return env


def write_course(slug: str, course: Path) -> Path:
    """Write a fresh course folder for `slug` (config and source); return the source notebook."""
    nb = source_notebook(slug)  # first: a bad slug leaves the old folder alone
    if course.exists():
        shutil.rmtree(course)
    source = course / "source" / slug / f"{slug}.ipynb"
    source.parent.mkdir(parents=True)
    (course / "nbgrader_config.py").write_text(CONFIG)
    nbformat.write(nb, source)
    return source


def run_nbgrader(python: Path, course: Path, *args: str) -> subprocess.CompletedProcess:
    """``nbgrader *args`` in `course`, with `python`'s environment; raises with its log on failure."""
    done = subprocess.run([str(python.parent / "nbgrader"), *args], cwd=course,
                          env=nbgrader_env(python, course), capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"nbgrader {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done


def generate(slug: str, course: Path | None = None) -> Path:
    """Build the course for `slug` and its student version; return the student notebook."""
    import reader_envs

    course = course or COURSES / slug
    python = reader_envs.build("nbgrader")
    write_course(slug, course)
    run_nbgrader(python, course, "generate_assignment", slug, "--force")
    return course / "release" / slug / f"{slug}.ipynb"


def main(argv: list[str]) -> int:
    names = [a for a in argv if not a.startswith("--")]
    if len(names) != 1:
        print(__doc__.split("\n\n")[1])
        return 2
    slug = names[0]
    try:
        if "--source-only" in argv:
            print(f"wrote {write_course(slug, COURSES / slug).relative_to(ROOT)}")
            return 0
        student = generate(slug)
    except ValueError as exc:  # a bad slug or a chapter whose exercises break the format
        print(f"assignment: {exc}", file=sys.stderr)
        return 2
    print(f"assignment source: {(COURSES / slug / 'source' / slug).relative_to(ROOT)}/\n"
          f"student version:   {student.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
