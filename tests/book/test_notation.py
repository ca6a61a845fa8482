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

#: Symbols the notation page retired, with what replaces them.
RETIRED = [
    (r"\\eta\b", "the learning rate is α (\\alpha), for the perceptron rule too"),
    (r"\\mathbf\{v\}\^T\s*\\mathbf\{h\}|\\mathbf\{v\}\s*\\cdot\s*\\mathbf\{h\}|\\mathbf\{v\}, c\b", "the output layer is W⁽²⁾ (one output: w⁽²⁾) and b⁽²⁾, not v and c"),
    (r"(?<![\w\\])s_i\b|(?<![\w\\])s = \\mathbf|\\sigma\(s\)|\\sigma\(-s\)", "the pre-activation is z, not s"),
]


@pytest.mark.parametrize("chapter", list(toc_chapters().values()), ids=lambda p: p.stem)
def test_chapter_uses_the_books_symbols(chapter):
    text = "\n".join(c.source for c in nbformat.read(chapter, as_version=4).cells)
    for pattern, rule in RETIRED:
        found = re.findall(pattern, text)
        assert not found, f"{chapter.name}: {found[:3]}: {rule} (notation.md)"
