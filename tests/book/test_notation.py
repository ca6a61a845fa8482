"""The notation page renders as the tables it is written as (no row falls out as raw pipes)."""

from __future__ import annotations

import html
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "_build" / "html" / "notation.html"


def _markdown_tables() -> list[int]:
    """Rows (header excluded) of each table in notation.md."""
    tables, rows = [], None
    for line in (ROOT / "notation.md").read_text().splitlines():
        if line.startswith("|"):
            rows = -2 if rows is None else rows + 1  # header and separator lines
        elif rows is not None:
            tables.append(rows + 1)
            rows = None
    if rows is not None:
        tables.append(rows + 1)
    return tables


def test_every_table_renders_whole():
    assert PAGE.exists(), "run `make book` first (make test does)"
    page = PAGE.read_text()
    main = page[page.index('<main'):page.index('</main>')]
    rendered = [len(re.findall(r"<tr", body)) - 1 for body in re.findall(r"<table.*?</table>", main, re.S)]
    assert rendered == _markdown_tables()
    text = html.unescape(re.sub(r"<[^>]+>", "", main))
    assert not re.search(r"(?m)^\s*\|", text), "a table row rendered as text"


def test_markdown_table_rows_are_contiguous():
    """A blank line inside a table splits it: every table of notation.md starts with a header."""
    lines = (ROOT / "notation.md").read_text().splitlines()
    for i, line in enumerate(lines):
        if line.startswith("|") and not lines[i - 1].startswith("|"):
            assert re.fullmatch(r"\|(---\|)+", lines[i + 1].replace(" ", "")), f"line {i + 1} starts a table without a header"


# --- every chapter follows the notation page ---------------------------------------------

import nbformat  # noqa: E402
import pytest  # noqa: E402

from tests.conftest import toc_chapters  # noqa: E402

#: The ±1 label written t (retired: t is the step of gradient descent, w_t; the label is ỹ,
#: `\tilde y`, and `y_pm` in code). Caught in TeX, in plain text (speaker notes, captions,
#: printed lines) and in code; the step's own uses (w_t, w_{t-1}, log t, t = 1, 2, ...) pass.
LABEL_T = "|".join([
    r"(?<![\\\w])t_i\b", r"(?<![\\\w])tᵢ",                              # t_i, tᵢ
    r"(?<![\\\w])t\s*\\in\s*\\\{\s*-1", r"(?<![\\\w])t\s*∈\s*\{\s*[−-]1",  # t \in \{-1, +1\}
    r"(?<![\\\w])t\s*=\s*2\s*y",                                         # t = 2y - 1
    r"(?<![\\\w])t\s*=\s*(?:[+\-−]\s*1\b|\\pm|±)",                       # t = +1, t = −1, t = ±1
    r"\bp\(\s*t\s*(?:=|\\mid|\|)",                                        # p(t = +1 | x), p(t \mid x)
    r"(?:\\sigma|σ)\(\s*[-−]?\s*t(?:[\s_\\)]|z\b)",                       # \sigma(t\,z), σ(tz), σ(−t z)
    r"e\^\{-t(?:[\s_\\]|z\b)",                                            # e^{-tz}, e^{-t_i z_i}
    r"(?:\\hat y|ŷ)\s*[-−]\s*t\b",                                        # (\hat y - t), (ŷ − t)
    r"\(\s*t\s*\+\s*1\s*\)",                                              # y = (t + 1)/2
    r"\bt(?:_sep)?\s*=\s*to_pm1\(", r"\bto_01\(\s*t\s*\)",                # t = to_pm1(y), to_01(t)
    r"labels\s+\$?`?t\b",                                                 # "the ±1 labels t"
])

#: Symbols the notation page retired, with what replaces them.
RETIRED = [
    (r"\\eta\b", "the learning rate is α (\\alpha), for the perceptron rule too"),
    (r"\\mathbf\{v\}\^T\s*\\mathbf\{h\}|\\mathbf\{v\}\s*\\cdot\s*\\mathbf\{h\}|\\mathbf\{v\}, c\b", "the output layer is W⁽²⁾ (one output: w⁽²⁾) and b⁽²⁾, not v and c"),
    (r"(?<![\w\\])s_i\b|(?<![\w\\])s = \\mathbf|\\sigma\(s\)|\\sigma\(-s\)", "the pre-activation is z, not s"),
    (LABEL_T, "the ±1 label is ỹ = 2y − 1 (\\tilde y; y_pm in code): t is the step of gradient descent"),
]


def _chapter_text(chapter) -> str:
    """Every cell's source and every figure caption (captions are shown under the figures)."""
    cells = nbformat.read(chapter, as_version=4).cells
    captions = [c.metadata.get("mystnb", {}).get("figure", {}).get("caption", "") for c in cells]
    return "\n".join([c.source for c in cells] + captions)


@pytest.mark.parametrize("chapter", list(toc_chapters().values()), ids=lambda p: p.stem)
def test_chapter_uses_the_books_symbols(chapter):
    text = _chapter_text(chapter)
    for pattern, rule in RETIRED:
        found = re.findall(pattern, text)
        assert not found, f"{chapter.name}: {found[:3]}: {rule} (notation.md)"


@pytest.mark.parametrize("page", ["notation.md", "intro.md", "instructors.md"])
def test_pages_write_the_pm1_label_y_tilde(page):
    found = re.findall(LABEL_T, (ROOT / page).read_text())
    assert not found, f"{page}: {found[:3]}: the ±1 label is ỹ, t is the step of gradient descent"


def test_notation_gives_t_one_meaning_the_step():
    """Only the w_t row of the tables uses t, and the ±1 label has its own row, ỹ = 2y − 1."""
    rows = [line for line in (ROOT / "notation.md").read_text().splitlines() if line.startswith("| $")]
    symbols = [row.split("|")[1] for row in rows]
    assert [s for s in symbols if re.search(r"(?<![\\A-Za-z0-9])t(?![A-Za-z0-9])", s)] == [" $\\mathbf{w}_t$ "]
    assert any(s.strip().startswith("$\\tilde y = 2y - 1$") for s in symbols)


@pytest.mark.parametrize("text", [
    # the forms chapter 2 used before the label became ỹ
    r"$p(t = +1 \mid \mathbf{x}) = \sigma(\mathbf{w}^T\mathbf{x} + b)$",
    r"Labels $t = \pm 1$ ($t = 2y - 1$).",
    r"$t \in \{-1, +1\}$",
    r"$$p(t \mid \mathbf{x}) = \sigma(t\,z)$$",
    r"$J = \sum_i \log(1 + e^{-t_i z_i})$",
    r"$\log\bigl(1 + e^{-tz}\bigr)$",
    r"margin $m_i = t_i z_i$",
    r"$(\hat y - t)\,\mathbf{x}$",
    r"$y = (t + 1)/2$",
    r"when $t = -1$",
    "**Ask:** If p(t = +1 | x) = 0.8, what are p(t = −1 | x)?",
    "Both are −log σ(tz).",
    "Fed ±1 labels, (ŷ − t)x asks σ(z) to reach −1",
    "Circles (yellow) have t = +1, squares (white) t = −1.",
    "t = to_pm1(y)  # t = 2y - 1 in {-1, +1}",
    "t_sep = to_pm1(y_sep)",
    "(and back by `to_01(t)`)",
    "for `X` of shape `(n, d)`, labels `t` of ±1",
    "each example is weighted by σ(−tᵢ wᵀxᵢ)",
])
def test_the_lint_catches_the_pm1_label_written_t(text):
    assert re.search(LABEL_T, text), text


@pytest.mark.parametrize("text", [
    # t as the step of gradient descent, and the label written the book's way
    r"$\mathbf{w}_t = \mathbf{w}_{t-1} - \alpha\, \partial L / \partial \mathbf{w}_{t-1}$",
    r"its slider is $\log_{10} t$ for $t$ steps",
    r"For $t = 1, 2, \dots$",
    "‖w‖ grows for ever, about like log t.",
    "dashed: the boundary at t = 1, 10, 100, …",
    "for t, w_i, w2_i in zip(kinks, w_h, w_out):\n    jump = f(t + 2 * eps) - f(t + eps)",
    r"$p(\tilde y \mid \mathbf{x}) = \sigma(\tilde y\,z)$, $\tilde y = 2y - 1 \in \{-1, +1\}$",
    r"$J = \sum_i \log(1 + e^{-\tilde y_i z_i})$, $m_i = \tilde y_i z_i$, $(\hat y - \tilde y)$",
    r"$\tfrac12 \sum_i \tilde y_i \mathbf{x}_i$, $\theta$, $\sqrt{t}$",
    "y_pm = to_pm1(y); y = to_01(y_pm); Σ (ŷ_i - ỹ_i) x_i; σ(ỹz)",
])
def test_the_lint_lets_the_step_t_and_the_label_y_tilde_pass(text):
    assert not re.search(LABEL_T, text), re.findall(LABEL_T, text)


def test_the_lint_finds_t_in_a_chapter(tmp_path):
    """The rule reads markdown, code and figure captions of a notebook, as the chapters are read."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("Labels $\\tilde y = \\pm 1$."),
                nbformat.v4.new_code_cell("y_pm = to_pm1(y)")]
    nb.cells[1].metadata["mystnb"] = {"figure": {"caption": "Circles have t = +1.", "name": "fig-x"}}
    path = tmp_path / "02_x.ipynb"
    nbformat.write(nb, path)
    assert re.findall(LABEL_T, _chapter_text(path)) == ["t = +1"]
