"""Print the whole book to one PDF, offline, with Debian's Chromium: `_build/html/book.pdf`.

Jupyter Book's own PDF builder downloads a browser, which cannot happen here, and its
single-page HTML builder stops on myst-nb's hidden cells; so each page of the built site
(front page, chapters, reference pages, in `_toc.yml` order) is printed by Chromium with
the book's print styles (`web/book.css`: no interface chrome, widgets whole with their
current frame, code wrapped, maths rendered at build time), and the pages are joined into one PDF with
an outline entry per page.

    python scripts/build_pdf.py [--html _build/html]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve import serve  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-gpu"]
NAME = "book.pdf"


def pages(root: Path = ROOT) -> list[str]:
    """The site's pages in reading order: the root document, then every file of `_toc.yml`."""
    toc = yaml.safe_load((root / "_toc.yml").read_text())
    files = [toc["root"]] + [c["file"] for part in toc.get("parts", []) for c in part["chapters"]]
    return [f"{Path(f).with_suffix('')}.html" for f in files]


def build(html: Path) -> Path:
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader, PdfWriter

    missing = [p for p in pages() if not (html / p).exists()]
    if missing:
        raise FileNotFoundError(f"build the website first (make html): missing {missing}")
    writer = PdfWriter()
    with serve(html) as base, sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 1400})
        page.emulate_media(media="print", color_scheme="light")
        for i, path in enumerate(pages()):
            page.goto(f"{base}/{path}", wait_until="load")
            page.evaluate("() => document.fonts.ready")  # maths is HTML already (KaTeX)
            # figures and widget frames load lazily on screen: every one, now, for the paper
            page.evaluate("""() => Promise.all([...document.images].map(img => {
                img.loading = 'eager';
                return img.complete ? null : new Promise(done => { img.onload = img.onerror = done; });
            }))""")
            title = page.evaluate("() => (document.querySelector('main h1') || {}).innerText || document.title")
            part = Path(tmp) / f"{i:02d}.pdf"
            page.pdf(path=str(part), format="A4", print_background=True, prefer_css_page_size=True,
                     margin={"top": "16mm", "bottom": "16mm", "left": "14mm", "right": "14mm"})
            start = len(writer.pages)
            writer.append(PdfReader(part), pages=list(range(inked_pages(part))))
            writer.add_outline_item(title=title.replace("¶", "").replace("#", "").strip(), page_number=start)
        browser.close()
        target = html / NAME
        writer.add_metadata({"/Title": yaml.safe_load((ROOT / "_config.yml").read_text())["title"]})
        with open(target, "wb") as f:
            writer.write(f)
    return target


def inked_pages(part: Path) -> int:
    """How many pages of `part` to keep: all but trailing blank ones.

    Chromium sometimes ends a printed page with an empty sheet (content that ends at a page
    boundary, then a zero-height element); in the book it would be a blank page between
    chapters. "Blank" is as tests/site/test_pdf.py sees it: no pixel darker than light grey.
    """
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(part))
    keep = len(document)
    while keep > 1:
        image = document[keep - 1].render(scale=0.5).to_pil().convert("L")
        if sum(image.histogram()[:200]) > 20:
            break
        keep -= 1
    document.close()
    return keep


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, default=ROOT / "_build" / "html", help="the built website")
    args = parser.parse_args(argv)
    try:
        target = build(args.html)
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"wrote {target} ({target.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
