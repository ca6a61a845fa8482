"""Build one reveal.js deck per chapter into _build/html/slides/, offline.

    python scripts/build_slides.py            # every chapter in _toc.yml order
    python scripts/build_slides.py --html /tmp/site/_build/html chapters/02_x.ipynb

Uses nbconvert's reveal.js template with reveal.js 4, require.js and jQuery served from the
built site (``_build/html/_static/vendor/``, copied from npm by
scripts/vendor.py), the mermaid CDN import removed (slides_template/), cells tagged
``remove-cell`` dropped, inputs tagged ``hide-input``/``remove-input`` hidden, and MyST
directives converted (myst_for_slides.py). The maths is rendered here, by KaTeX
(deck_math.py, the pages' renderer), so a deck loads no typesetter. Widgets show their
pre-computed frames, without the line of code that builds them.

A deck is written as a deck (CONTRIBUTING.md, "Decks"): its headlines, bullets and speaker
notes are cells tagged ``slide-only``, which the book hides (book_ext/slide_only.py); the
book's prose has slide type ``skip``. Slides are 1280 x 720 (16:9) and never scroll: a slide
that does not fit fails tests/site/test_decks.py instead of growing a scroll bar.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbconvert import SlidesExporter
from nbconvert.preprocessors import Preprocessor
from traitlets.config import Config

sys.path.insert(0, str(Path(__file__).resolve().parent))
from myst_for_slides import MystForSlides  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
VENDOR = "../_static/vendor"
#: What marks a widget's output: the frame widgets and the digit pad (nnlib.widgets.mnist.pad).
WIDGETS = ('class="nn-widget"', 'class="nn-digit-pad"')


class WidgetsWithoutCode(Preprocessor):
    """On a slide a widget is the point, not the line that builds it: hide that input."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and any(w in o.get("data", {}).get("text/html", "")
                                            for o in cell.get("outputs", []) for w in WIDGETS):
            cell.metadata["transient"] = {"remove_source": True}
        return cell, resources


def exporter() -> SlidesExporter:
    c = Config()
    c.SlidesExporter.extra_template_basedirs = [str(ROOT / "scripts" / "slides_template")]
    c.SlidesExporter.template_name = "nnslides"
    c.SlidesExporter.reveal_url_prefix = f"{VENDOR}/reveal.js"
    c.SlidesExporter.reveal_theme = "white"
    c.SlidesExporter.reveal_transition = "none"
    c.SlidesExporter.reveal_number = "c/t"
    c.SlidesExporter.reveal_scroll = False
    c.SlidesExporter.reveal_width = "1280"
    c.SlidesExporter.reveal_height = "720"
    c.SlidesExporter.require_js_url = f"{VENDOR}/requirejs/require.js"
    c.SlidesExporter.jquery_url = f"{VENDOR}/jquery/jquery.min.js"
    c.SlidesExporter.exclude_input_prompt = True
    c.SlidesExporter.exclude_output_prompt = True
    c.TagRemovePreprocessor.remove_cell_tags = {"remove-cell"}
    c.TagRemovePreprocessor.remove_input_tags = {"hide-input", "remove-input"}
    c.TagRemovePreprocessor.remove_all_outputs_tags = {"remove-output"}
    c.TagRemovePreprocessor.enabled = True
    ex = SlidesExporter(config=c)
    ex.register_preprocessor(MystForSlides(config=c), enabled=True)
    ex.register_preprocessor(WidgetsWithoutCode(config=c), enabled=True)
    return ex


def chapters() -> list[Path]:
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [ch["file"] for part in toc.get("parts", []) for ch in part.get("chapters", [])]
    return [ROOT / f"{f}.ipynb" for f in files if (ROOT / f"{f}.ipynb").exists()]


def main(argv: list[str] | None = None) -> int:
    import argparse

    from deck_math import katex_renderer, prerender
    from nnlib.widgets.mnist.export import write_model_js
    from nnlib.widgets.mnist.pad import MODEL_FILE, MODEL_SRC
    from nnlib.widgets.static import externalize_frames, folder_store

    parser = argparse.ArgumentParser(description="Build the reveal.js decks into <html>/slides/.")
    parser.add_argument("--html", type=Path, default=ROOT / "_build" / "html",
                        help="the built website (default: _build/html)")
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every chapter in _toc.yml")
    args = parser.parse_args(argv)
    if not (args.html / "_static" / "vendor" / "reveal.js").is_dir():
        print(f"build the website into {args.html} first (the decks use its _static/vendor/)",
              file=sys.stderr)
        return 1
    out = args.html / "slides"
    out.mkdir(parents=True, exist_ok=True)
    ex = exporter()
    render = katex_renderer()
    for path in [p.resolve() for p in args.notebooks] or chapters():
        nb = nbformat.read(path, as_version=4)
        body, _ = ex.from_notebook_node(nb, resources={"metadata": {"path": str(path.parent), "name": path.stem}})
        body, formulas = prerender(body, render)
        # the widgets' frames as files shared with the website (book_ext/frames.py)
        body, _ = externalize_frames(body, folder_store(args.html / "_frames", "../_frames/"))
        # the digit pad's weights: written by the book build (book_ext/digit_pad.py); a deck
        # built into a site built before the pad was placed writes them itself
        if f'data-model-src="{MODEL_SRC}"' in body and not (args.html / MODEL_FILE).is_file():
            write_model_js(args.html / MODEL_FILE)
        target = out / f"{path.stem}.slides.html"
        target.write_text(body, encoding="utf-8")
        print(f"wrote {target} ({len(body) / 1e6:.1f} MB, {formulas} formulas)")
    if not args.notebooks:  # every deck rebuilt: the frames the old decks showed can go
        sys.path.insert(0, str(ROOT / "book_ext"))
        from frames import collect_garbage

        gone = collect_garbage(args.html)
        if gone:
            print(f"deleted {len(gone)} frames no page or deck shows any more")
    return 0


if __name__ == "__main__":
    sys.exit(main())
