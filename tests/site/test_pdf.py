"""The book as one PDF (`make book` prints it with Chromium: scripts/build_pdf.py)."""

from __future__ import annotations

import re

import nbformat
import pytest

from tests.conftest import HTML, ROOT, toc_chapters

PDF = HTML / "book.pdf"


@pytest.fixture(scope="module")
def pdf():
    assert PDF.exists(), "make book writes _build/html/book.pdf"
    from pypdf import PdfReader

    return PdfReader(PDF)


def test_every_page_of_the_book_is_in_it_in_order(pdf):
    titles = [nbformat.read(nb, as_version=4).cells[1].source.splitlines()[0].lstrip("# ").strip()
              for nb in toc_chapters().values()]
    text = "\n".join(page.extract_text() for page in pdf.pages)
    flat = re.sub(r"\s+", " ", text)
    at = 0
    for title in ["Neural networks, from one neuron to MNIST", *titles, "Notation", "For instructors"]:
        found = flat.find(title, at)
        assert found >= 0, f"{title!r} missing, or out of order"
        at = found + len(title)
    outline = [item.title for item in pdf.outline]
    assert outline[1:1 + len(titles)] == titles


def test_prints_content_not_interface(pdf):
    text = "\n".join(page.extract_text() for page in pdf.pages)
    for chrome in ("Show code cell source", "Ctrl+K", "Skip to main content", "Back to top"):
        assert chrome not in text, chrome
    # Unrendered maths would keep its delimiters (code listings may show TeX in docstrings).
    assert not re.search(r"\$\$|\\\(|\$\\", text), "maths left as TeX"


def test_every_page_renders_with_ink():
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(PDF)
    assert len(document) > 20
    for i in range(len(document)):
        image = document[i].render(scale=0.5).to_pil().convert("L")
        ink = sum(image.histogram()[:200])  # pixels darker than light grey
        assert ink > 20, f"page {i + 1} is blank"


def test_front_page_links_the_pdf():
    assert 'href="book.pdf"' in (HTML / "intro.html").read_text()
