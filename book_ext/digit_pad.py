"""Sphinx extension: the digit pad's weights, written by the build (issue 22).

A page that shows the digit pad (``nnlib.widgets.mnist.pad.digit_pad()``, executed for the
book) names the weights file ``_static/digit_model.js`` instead of carrying 140 kB of
weights. As pages are written it notes which show the pad (kept in the environment across
incremental builds); after the build, if any does, it trains chapter 8's recipe
(``train_recipe_model()``, deterministic, a few seconds) and writes that file, int8
quantised (``nnlib.widgets.mnist.export``); the pages and the decks
(``scripts/build_slides.py``, one folder down like the pages) load it with a plain
``<script>`` after the first view. No page shows the pad: no file (nothing unused ships).
"""

from __future__ import annotations

from pathlib import Path


def shows_the_pad(body: str) -> bool:
    """Whether a page body holds the digit pad (it names the weights file)."""
    from nnlib.widgets.mnist.pad import MODEL_SRC

    return f'data-model-src="{MODEL_SRC}"' in body


def note_pad_pages(app, pagename, templatename, context, doctree) -> None:
    """As each page is written: remember whether it shows the pad (kept across builds)."""
    pages = app.env.__dict__.setdefault("nn_pad_pages", set())
    if shows_the_pad(context.get("body") or ""):
        pages.add(pagename)
    else:
        pages.discard(pagename)


def forget_page(app, env, docname) -> None:
    env.__dict__.setdefault("nn_pad_pages", set()).discard(docname)


def write_weights(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    from nnlib.widgets.mnist.export import write_model_js
    from nnlib.widgets.mnist.pad import MODEL_FILE

    target = Path(app.outdir) / MODEL_FILE
    if app.env.__dict__.get("nn_pad_pages"):
        from threadpoolctl import threadpool_limits

        with threadpool_limits(1, user_api="blas"):  # the same bytes on every run
            write_model_js(target)
    elif target.exists():
        target.unlink()


def setup(app):
    app.connect("html-page-context", note_pad_pages)
    app.connect("env-purge-doc", forget_page)
    app.connect("build-finished", write_weights)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
