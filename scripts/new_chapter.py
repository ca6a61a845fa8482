"""Scaffold a new chapter, and the helpers to write a chapter notebook from Python.

    python scripts/new_chapter.py mlp "Multilayer perceptrons"    # or: make chapter SLUG=... TITLE=...

creates every piece of the chapter named by its slug (see :func:`scaffold`): the executed
notebook ``chapters/NN_mlp.ipynb`` with its setup cell, an example widget and two exercises;
the widget package ``nnlib/widgets/mlp/`` with a registered example widget; the exercises
module ``nnlib/exercises/mlp.py``; ``tests/widgets/test_mlp.py`` and ``tests/site/test_mlp.py``;
and the chapter's rows in ``_toc.yml`` and ``instructors.md``. The draft passes every test.

A chapter is committed as an executed ``.ipynb``; the helpers make writing it less
error-prone: every cell gets its slide type and tags explicitly, and the standard hidden
setup cell is the same in every chapter.

    from scripts.new_chapter import md, code, setup_cell, write
    write("chapters/04_mlp.ipynb", [setup_cell(), md("# Title", slide="slide"), ...])
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat

REPO_URL_FILE = Path(__file__).resolve().parent.parent / "_config.yml"


def repository_url() -> str:
    """The repository URL from ``_config.yml`` (what the launch buttons and Colab use)."""
    import yaml

    url = (yaml.safe_load(REPO_URL_FILE.read_text()).get("repository") or {}).get("url")
    if not url:
        raise ValueError("_config.yml has no repository.url")
    return url


SETUP_SOURCE = '''\
# Setup (hidden in the book). On Colab: install nnlib and what the chapters import (once per
# runtime), and turn on Colab's manager for ipywidgets 8 (on every run: "Restart session"
# forgets it). Locally, on Binder or on a JupyterHub nnlib is installed already.
import importlib.util, subprocess, sys
NNLIB_REPO = "{url}"
if "google.colab" in sys.modules:
    if importlib.util.find_spec("nnlib") is None:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q",
                        f"nnlib[book] @ git+{{NNLIB_REPO}}"], check=True)
    widgets = sys.modules.get("ipywidgets")  # imported before the upgrade: still version 7
    if widgets is not None and int(widgets.__version__.split(".")[0]) < 8:
        raise RuntimeError("ipywidgets 8 is installed now: Runtime > Restart session, then run all")
    from google.colab import output
    output.enable_custom_widget_manager()

import numpy as np
import matplotlib.pyplot as plt
from nnlib.plotting import setup_book

rng = setup_book(seed=0)'''


def setup_cell() -> nbformat.NotebookNode:
    return code(SETUP_SOURCE.format(url=repository_url()), tags=["remove-cell"], slide="skip")


def _meta(tags, slide, extra):
    meta = {"slideshow": {"slide_type": slide}}
    if tags:
        meta["tags"] = list(tags)
    meta.update(extra or {})
    return meta


def md(source: str, *, slide: str = "-", tags=(), **extra) -> nbformat.NotebookNode:
    return nbformat.v4.new_markdown_cell(source.strip("\n"), metadata=_meta(tags, slide, extra))


def deck(source: str, *, slide: str = "slide") -> nbformat.NotebookNode:
    """A cell of the deck only (tag ``slide-only``, hidden in the book): a headline and a few
    bullets or one formula, at most 40 words (CONTRIBUTING.md, "Decks")."""
    return md(source, slide=slide, tags=["slide-only"])


def note(say: str, ask: str, answer: str, minutes: int) -> nbformat.NotebookNode:
    """The speaker note of the slide before it: what to say, a question for the room, the
    answer to expect, the minutes it takes (tests/site/test_decks.py reads the labels)."""
    return md(f"**Say:** {say}\n\n**Ask:** {ask}\n\n**Answer:** {answer}\n\n**Time:** {minutes} min",
              slide="notes", tags=["slide-only"])


def code(source: str, *, slide: str = "-", tags=(), figure=None, **extra) -> nbformat.NotebookNode:
    if figure:
        caption, name = figure
        extra = {**(extra or {}), "mystnb": {"figure": {"caption": caption, "name": name}}}
    return nbformat.v4.new_code_cell(source.strip("\n"), metadata=_meta(tags, slide, extra))


def write(path: str, cells: list) -> None:
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    nbformat.write(nb, path)


# --- the scaffold: python scripts/new_chapter.py SLUG "Title" -------------------------------

ROOT = Path(__file__).resolve().parent.parent
SLUG = re.compile(r"^[a-z][a-z0-9_]*$")


def _label(slug: str, name: str) -> str:
    return f"ex-{slug.replace('_', '-')}-{name}"


def _deck_note(stem: str) -> str:
    return f'''```{{admonition}} How to read this chapter
:class: tip
Every figure here is computed by the companion package `nnlib`. The widgets respond on this
page from pre-computed frames; open the chapter on Binder or Colab (rocket icon, top right)
to move them freely. Teaching? The chapter is also a
<a href="../slides/{stem}.slides.html">slide deck</a> (see the instructors' page).
```'''


def _exercise(label: str, title: str, task: str, hint: str, attempt: str, solution_text: str,
              solution: str) -> list:
    """An exercise in the book's format (CONTRIBUTING, "Exercises and solutions"): the
    exercise with its hint, the reader's answer cell, and one collapsed markdown solution."""
    solution_cell = md(f"<details><summary>Solution (click to open)</summary>\n\n"
                       f":::{{solution}} {label}\n:class: dropdown\n\n{solution_text}\n\n"
                       f"```python\n{solution}\n```\n:::\n\n</details>", slide="skip")
    solution_cell.metadata["tags"] = ["solution"]
    solution_cell.metadata["jupyter"] = {"source_hidden": True}
    return [
        md(f"````{{exercise}} {title}\n:label: {label}\n\n{task}\n\n```{{admonition}} Hint\n"
           f":class: dropdown\n{hint}\n```\n````", slide="skip"),
        code(attempt, slide="skip"),
        solution_cell,
    ]


def chapter_cells(slug: str, title: str, stem: str) -> list:
    """The first draft of a chapter: setup, title, a widget and two exercises."""
    near, func = _label(slug, "zero"), _label(slug, "neuron")
    return [
        setup_cell(),
        deck(f"# {title}\n\n- the chapter's three points, a few words each"),
        note("What the chapter is for, in two sentences.", "A question the room can answer now.",
             "The answer you expect.", 1),
        md(f"# {title}\n\nWhat this chapter is about, and what the reader will be able to do by "
           "its end.", slide="skip"),
        md(_deck_note(stem), slide="skip"),
        deck("## A first widget\n\n**Predict first:** move $b$. Where does the output cross the "
             "middle of its range?"),
        note("Replace this deck with the chapter's own: 15 to 25 slides (CONTRIBUTING.md, Decks).",
             "Where does the output cross the middle of its range?", "At x = -b/w.", 1),
        md("## A first widget\n\nOne idea per section: prose first, then code, then a figure, "
           "then a question to the reader. The example widget shows one neuron "
           "$y = g(wx + b)$; replace it with this chapter's own.", slide="skip"),
        code(f"from nnlib.widgets.{slug} import example_widget\n\nexample_widget()",
             slide="subslide", tags=["nbval-ignore-output"]),
        note("Move b, then w.", "Does w move the crossing point when b = 0?", "No: -b/w stays 0.", 2),
        md("Where does the output cross the middle of its range? Move $b$ and watch the point "
           "$x = -b/w$ move.", slide="skip"),
        deck("## Exercises\n\n- **Where the neuron switches**\n- **The neuron as code**"),
        note("Which suits the room, which is homework.", "What does the first ask for?",
             "The input where wx + b = 0.", 2),
        md("## Exercises", slide="skip"),
        *_exercise(near, "Where the neuron switches",
                   "For $w = 2$ and $b = 1$, at which input $x$ is $wx + b = 0$? Give it to two "
                   "decimals in `x_zero`.",
                   "Solve $2x + 1 = 0$.",
                   f'from nnlib.checks import check\n\nx_zero = None  # your answer\n\n'
                   f'_ = check("{near}", x_zero)',
                   "$2x + 1 = 0$ gives $x = -1/2$.",
                   f'x_zero = -0.5\n\n_ = check("{near}", x_zero)'),
        *_exercise(func, "The neuron as a function",
                   "Write `my_neuron(x)` returning $\\tanh(2x + 1)$ elementwise.",
                   "`np.tanh` works on arrays.",
                   f'def my_neuron(x):\n    return None  # replace None with your formula\n\n\n'
                   f'_ = check("{func}", my_neuron)',
                   "Apply `np.tanh` to $wx + b$.",
                   f'def my_neuron(x):\n    return np.tanh(2 * x + 1)\n\n\n_ = check("{func}", my_neuron)'),
    ]


WIDGET_INIT = '''"""Widgets for the chapter *{title}* (slug ``{slug}``; the chapter imports them from here).

* :func:`example_widget` -- one neuron y = g(w x + b) (:mod:`~nnlib.widgets.{slug}.example`):
  the scaffold's example, to be replaced by the chapter's own widgets.

Register every widget in ``WIDGETS``: the benchmark and tests/widgets/test_registry.py
iterate over it (see CONTRIBUTING.md, "Widgets").
"""

from nnlib.widgets.registry import Widget
from nnlib.widgets.{slug}.example import example_data, example_widget

__all__ = ["WIDGETS", "example_data", "example_widget"]

#: The chapter's widgets, in the order the chapter shows them.
WIDGETS = (
    Widget("{slug}_example", example_widget, grid=(3, 5, 3)),
)
'''

WIDGET_EXAMPLE = '''"""The example widget of the chapter *{title}*: one neuron y = g(w x + b) along x.

A widget is three things: its controls, a pure function from control values to data
(:func:`example_data`, tested on its own) and a drawing function (``_draw``) that builds the
artists once and returns ``update(data)``; :func:`example_widget` joins them. It draws with
:mod:`nnlib.plotting`'s vocabulary (here the decision boundary: a builder, and its update
function beside it).
"""

from __future__ import annotations

import numpy as np

from nnlib.activations import get_activation
from nnlib.plotting import COLORS, boundary_line, boundary_segment, set_boundary
from nnlib.widgets.controls import Dropdown, Slider
from nnlib.widgets.figure import InteractiveFigure

__all__ = ["example_data", "example_widget"]

X = np.linspace(-4.0, 4.0, 161)


def example_data(activation: str, w: float, b: float) -> dict:
    """The neuron ``y = g(w x + b)`` along x in [-4, 4].

    Returns
    -------
    dict
        ``x`` (161,), ``y`` (161,), ``threshold``: the x where w x + b = 0 (None if w = 0),
        and the settings.

    Examples
    --------
    >>> d = example_data("relu", 2.0, 1.0)
    >>> float(d["y"][-1]), d["threshold"]
    (9.0, -0.5)
    """
    y = get_activation(activation).f(w * X + b)
    return {{"x": X, "y": y, "threshold": None if w == 0 else -b / w + 0.0,
            "activation": activation, "w": float(w), "b": float(b)}}


def _describe(values: dict, data: dict) -> str:
    where = "no threshold: w = 0" if data["threshold"] is None else (
        f"w x + b = 0 at x = {{data['threshold']:.2f}}")
    return (f"{{data['activation']}} neuron, w = {{data['w']:.1f}}, b = {{data['b']:.1f}}: output "
            f"from {{data['y'][0]:.2f}} at x = -4 to {{data['y'][-1]:.2f}} at x = 4; {{where}}")


def _draw(fig):
    ax = fig.add_subplot()
    fig.subplots_adjust(left=0.12, right=0.97, bottom=0.18, top=0.88)
    (line,) = ax.plot(X, X, color=COLORS["blue"], lw=2)
    mark = boundary_line(ax, ls="--", lw=1)  # where w x + b = 0: the neuron's boundary
    ax.set(xlabel="input $x$", ylabel="output $y$", xlim=(-4, 4), ylim=(-1.2, 4.2))
    title = ax.set_title("")

    def update(data):
        line.set_ydata(data["y"])
        set_boundary(mark, boundary_segment(data["w"], 0.0, data["b"], box=(-1.2, 4.2)))
        title.set_text(f"{{data['activation']}}: y = g({{data['w']:.1f}} x + {{data['b']:.1f}})")

    return update


def example_widget() -> InteractiveFigure:
    """One neuron: pick g, move w and b.

    Examples
    --------
    >>> fig = example_widget()
    >>> fig.update(activation="relu", w=2.0, b=1.0), fig.data["threshold"]
    (True, -0.5)
    """
    return InteractiveFigure(
        [Dropdown("activation", [("sigmoid", "sigmoid"), ("tanh", "tanh"), ("ReLU", "relu")],
                  default="sigmoid", label="activation g"),
         Slider("w", -2, 2, step=0.1, default=1, static_step=1, label="weight w"),
         Slider("b", -2, 2, step=0.1, default=0, static_step=2, label="bias b")],
        example_data, _draw, describe=_describe,
        title="Example: one neuron y = g(w·x + b)", name="{slug}_example", figsize=(5.0, 2.8))
'''

EXERCISES_MODULE = '''"""Checks for the exercises of the chapter *{title}*."""

from __future__ import annotations

import numpy as np

from nnlib.checks import check_function, check_number

EXERCISES = {{
    "{near}": lambda answer: check_number(
        answer, -0.5, name="x_zero", decimals=2,
        mistakes=[(0.5, "check the sign: w x + b = 0 means x = -b / w")]),
    "{func}": lambda answer: check_function(
        answer, lambda x: np.tanh(2 * x + 1), np.linspace(-3, 3, 25), name="my_neuron"),
}}
'''

WIDGET_TESTS = '''"""Tests for nnlib.widgets.{slug} (the chapter *{title}*).

tests/widgets/test_registry.py already checks that every registered widget builds, renders,
responds to each control and fits its page; test here what is particular to this chapter:
its data functions, with the numbers the chapter uses, and its exercise checks.
"""

import numpy as np
import pytest

from nnlib.checks import check
from nnlib.widgets.{slug}.example import example_data


def test_example_data_worked_example():
    d = example_data("relu", 2.0, 1.0)
    assert d["threshold"] == -0.5 and float(d["y"][-1]) == 9.0
    assert np.all(d["y"][d["x"] <= -0.5] == 0.0)
    assert example_data("sigmoid", 0.0, 0.0)["threshold"] is None
    assert np.all(example_data("sigmoid", 0.0, 0.0)["y"] == 0.5)


@pytest.mark.parametrize("label, wrong, right", [
    ("{near}", 0.5, -0.5),
    ("{func}", lambda x: np.tanh(x), lambda x: np.tanh(2 * x + 1)),
])
def test_exercise_checks(label, wrong, right, capsys):
    assert not check(label, None) and not check(label, wrong) and check(label, right)
'''

SITE_TESTS = '''"""The chapter *{title}* on the built site (the slow tier).

tests/site/test_widgets.py already checks that every registered widget is on the page and in
the deck and that each of its controls moves it; test here what is particular to this
chapter: what its page says and shows.
"""

from __future__ import annotations

from bs4 import BeautifulSoup

from tests.conftest import CHAPTERS, HTML

PAGE = f"chapters/{{CHAPTERS['{slug}'].stem}}.html"


def test_page_shows_the_book_not_the_slides():
    soup = BeautifulSoup((HTML / PAGE).read_text(), "html.parser")
    text = soup.get_text(" ")
    for headline in ("a few words each",):  # the deck's slide-only cells
        assert headline not in text, f"the slide-only text {{headline!r}} is in the book"
    for heading in ({title!r}, "A first widget", "Exercises"):
        assert heading in text
    assert len(soup.select(".exercise")) >= 2
'''


def _insert_after_last(text: str, prefix: str, line: str, path: Path, contains: str = "") -> str:
    """`text` with `line` added after its last line that starts with `prefix` (indented
    alike) and holds `contains`."""
    lines = text.splitlines(keepends=True)
    last = max((i for i, l in enumerate(lines)
                if l.lstrip().startswith(prefix) and contains in l), default=None)
    if last is None:
        raise SystemExit(f"{path}: found no line starting with {prefix!r} to add the chapter after")
    indent = lines[last][:len(lines[last]) - len(lines[last].lstrip())]
    lines.insert(last + 1, indent + line + "\n")
    return "".join(lines)


def scaffold(slug: str, title: str, root: Path = ROOT, execute: bool = True) -> list[Path]:
    """Create every piece of a new chapter `slug` under `root`; returns the files written.

    The notebook ``chapters/NN_<slug>.ipynb`` (NN: the next number), the widget package
    ``nnlib/widgets/<slug>/`` with an example widget, ``nnlib/exercises/<slug>.py``,
    ``tests/widgets/test_<slug>.py`` and ``tests/site/test_<slug>.py``, and the chapter's rows
    in ``_toc.yml`` and ``instructors.md``. With `execute`, the notebook is run as
    ``make execute`` runs it (outputs and static frames committed with it).
    """
    if not SLUG.match(slug):
        raise SystemExit(f"the slug must be lower case letters, digits and _, got {slug!r}")
    if not title.strip():
        raise SystemExit("the title must not be empty")
    chapters = root / "chapters"
    taken = {p.stem.partition("_")[2] for p in chapters.glob("[0-9][0-9]_*.ipynb")}
    if slug in taken or (root / "nnlib" / "widgets" / slug).exists():
        raise SystemExit(f"a chapter {slug!r} exists already")
    number = 1 + max((int(p.name[:2]) for p in chapters.glob("[0-9][0-9]_*.ipynb")), default=0)
    stem = f"{number:02d}_{slug}"
    values = dict(slug=slug, title=title, stem=stem, near=_label(slug, "zero"),
                  func=_label(slug, "neuron"))
    files = {
        root / "nnlib" / "widgets" / slug / "__init__.py": WIDGET_INIT,
        root / "nnlib" / "widgets" / slug / "example.py": WIDGET_EXAMPLE,
        root / "nnlib" / "exercises" / f"{slug}.py": EXERCISES_MODULE,
        root / "tests" / "widgets" / f"test_{slug}.py": WIDGET_TESTS,
        root / "tests" / "site" / f"test_{slug}.py": SITE_TESTS,
    }
    for path, template in files.items():
        if path.exists():
            raise SystemExit(f"{path} exists already")
    for path, template in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(template.format(**values))
    toc, instructors = root / "_toc.yml", root / "instructors.md"
    toc.write_text(_insert_after_last(toc.read_text(), "- file: chapters/",
                                      f"- file: chapters/{stem}", toc))
    instructors.write_text(_insert_after_last(  # the table of decks
        instructors.read_text(), "| {doc}`chapters/",
        f"| {{doc}}`chapters/{stem}` | <a href=\"slides/{stem}.slides.html\">slides</a> |",
        instructors, contains=".slides.html\">slides</a>"))
    notebook = chapters / f"{stem}.ipynb"
    write(str(notebook), chapter_cells(slug, title, stem))
    if execute:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from execute import main as execute_main

        execute_main([str(notebook)])
        # and its student edition, as `make execute` writes it
        subprocess.run([sys.executable, str(root / "scripts" / "student_edition.py"), str(notebook)],
                       check=True, cwd=root, stdout=subprocess.DEVNULL)
    return [notebook, *files, toc, instructors]


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        description="Scaffold a chapter: notebook, widget package, exercises, tests, toc rows.")
    parser.add_argument("slug", help="lower case, e.g. mlp; names every piece of the chapter")
    parser.add_argument("title", help='the chapter title, e.g. "Multilayer perceptrons"')
    parser.add_argument("--root", type=Path, default=ROOT, help="the book (default: this one)")
    parser.add_argument("--no-execute", action="store_true",
                        help="write the notebook without running it (then: make execute)")
    args = parser.parse_args(argv)
    written = scaffold(args.slug, args.title, args.root.resolve(), execute=not args.no_execute)
    for path in written:
        print(f"wrote {path.relative_to(args.root.resolve())}")
    print("next: write the chapter, replace the example widget, make execute, make book, "
          f"make test-chapter SLUG={args.slug} (CONTRIBUTING.md, 'Writing a chapter')")
    return 0


if __name__ == "__main__":
    sys.exit(main())
