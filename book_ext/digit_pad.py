"""Sphinx extension: the digit pad's weights, written by the build (issue 22).

A page that shows the digit pad (``nnlib.widgets.mnist.pad.digit_pad()``, executed for the
book) names the weights file ``_static/digit_model.js`` instead of carrying 140 kB of
weights. After the pages are written this trains chapter 8's recipe
(``train_recipe_model()``, deterministic, a few seconds) and writes that file, int8
quantised (``nnlib.widgets.mnist.export``); the pages and the decks
(``scripts/build_slides.py``, one folder down like the pages) load it with a plain
``<script>`` after the first view. No page shows the pad: no file (nothing unused ships).
"""

from __future__ import annotations

from pathlib import Path


def pages_with_the_pad(outdir: Path) -> list[Path]:
    from nnlib.widgets.mnist.pad import MODEL_SRC

    needle = f'data-model-src="{MODEL_SRC}"'
    return [page for page in outdir.glob("**/*.html")
            if needle in page.read_text(encoding="utf-8", errors="ignore")]


def write_weights(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    from nnlib.widgets.mnist.export import write_model_js
    from nnlib.widgets.mnist.pad import MODEL_FILE

    outdir = Path(app.outdir)
    target = outdir / MODEL_FILE
    if pages_with_the_pad(outdir):
        from threadpoolctl import threadpool_limits

        with threadpool_limits(1, user_api="blas"):  # the same bytes on every machine
            write_model_js(target)
    elif target.exists():
        target.unlink()


def setup(app):
    app.connect("build-finished", write_weights)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
