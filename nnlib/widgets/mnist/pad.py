"""The digit pad: draw a digit and watch chapter 8's network read it, in the page (issue 22).

``digit_pad()`` returns the pad as HTML with its script inlined (``digit_pad.js``, no
dependencies), shown by any notebook front end that runs an output's scripts. The network
runs in the browser in float64 from weights exported by :mod:`nnlib.widgets.mnist.export`:

- in a kernel, the weights (int8, about 140 kB) are inlined in the output, so the pad
  works at once, offline;
- executed for the book (``NNLIB_EMBED_FRAMES=1``, ``make execute``) with the book's own
  model, the output only names the file :data:`MODEL_FILE`, which the book build writes
  (``book_ext/digit_pad.py``) from ``train_recipe_model()``; the page and the deck load it
  with a plain ``<script>`` once the page has loaded and the pad comes near the screen, so
  the chapter's first view does not pay for it (and ``file://`` works).

The pad keeps MNIST's preprocessing (:mod:`nnlib.widgets.mnist.preprocess`, the same steps
in numpy) and shows the 28×28 image the network sees beside the ten probabilities.
"""

from __future__ import annotations

import functools
import hashlib
import html as _html
import itertools
from importlib import resources

from nnlib.widgets.mnist.export import BOOK_SCHEME, MODEL_KEY, SCHEMES, model_js
from nnlib.validation import check_choice

__all__ = ["MODEL_FILE", "MODEL_SRC", "PAD_CLASS", "DigitPad", "digit_pad", "pad_script",
           "pad_html"]

#: Where the book build writes the book's model, relative to the site's root.
MODEL_FILE = "_static/digit_model.js"
#: Its address from a chapter page or a deck (both one folder down: chapters/, slides/).
MODEL_SRC = "../" + MODEL_FILE
#: The class of the pad's outer element (what the book build and the tests look for).
PAD_CLASS = "nn-digit-pad"
_COUNTER = itertools.count(1)

# Inline, so that a notebook and a deck style the pad too; web/book.css gives the page's
# theme colours (light and dark). The pad itself is paper: white, black ink, in both.
CSS = """<style>
.nn-digit-pad{border:1px solid #8888;border-radius:6px;padding:.6em .75em;margin:1em 0;box-sizing:border-box;max-width:46em;background:var(--pst-color-background,var(--jp-layout-color0,#fff));color:var(--pst-color-text-base,var(--jp-content-font-color1,#222832))}
.nn-digit-pad .nn-pad-title{font-weight:600;margin:0 0 .5em}
.nn-digit-pad .nn-pad-row{display:flex;flex-wrap:wrap;gap:.8em 1.2em;align-items:flex-start}
.nn-digit-pad .nn-pad-draw{flex:0 1 280px;min-width:200px}
.nn-digit-pad canvas.nn-pad-canvas{display:block;width:100%;aspect-ratio:1;background:#fff;border:1px solid #767676;border-radius:4px;touch-action:none;cursor:crosshair;box-sizing:border-box}
.nn-digit-pad .nn-pad-clear{margin-top:.5em;min-height:32px;min-width:5em;font:inherit;padding:.2em .8em;border-radius:4px;border:1px solid currentColor;background:transparent;color:inherit;cursor:pointer}
.nn-digit-pad .nn-pad-side{display:flex;gap:1em;flex:1 1 14em;align-items:flex-start}
.nn-digit-pad figure{margin:0;flex:0 0 auto;text-align:center;font-size:.8em;width:84px}
.nn-digit-pad figure figcaption{margin:.3em 0 0;padding:0;font-size:1em;line-height:1.3;letter-spacing:normal;color:inherit}
.nn-digit-pad canvas.nn-pad-input{display:block;width:84px;height:84px;image-rendering:pixelated;background:#fff;border:1px solid #767676}
.nn-digit-pad ol{list-style:none;margin:0;padding:0;flex:1 1 10em;font-variant-numeric:tabular-nums}
.nn-digit-pad li{display:grid;grid-template-columns:1.2em 1fr 2.6em;align-items:center;gap:.5em;margin:0;line-height:1.45}
.nn-digit-pad .nn-pad-bar{display:block;height:.8em;background:#8883;border-radius:2px;overflow:hidden}
.nn-digit-pad .nn-pad-bar span{display:block;height:100%;width:0;background:#0072B2}
.nn-digit-pad li.nn-pad-top{font-weight:700}
.nn-digit-pad li.nn-pad-top .nn-pad-bar span{background:#D55E00}
.nn-digit-pad .nn-pad-p{text-align:right}
.nn-digit-pad .nn-pad-status{margin:.5em 0 0;min-height:1.5em}
.reveal .nn-digit-pad{max-width:1100px;margin:0 auto;font-size:26px;border:none}
.reveal .nn-digit-pad .nn-pad-draw{flex-basis:420px}
.reveal .nn-digit-pad ol{max-width:460px}
.reveal .nn-digit-pad .nn-pad-clear{min-height:48px}
.reveal .nn-digit-pad figure,.reveal .nn-digit-pad canvas.nn-pad-input{width:140px}
.reveal .nn-digit-pad canvas.nn-pad-input{height:140px}
@media print{.nn-digit-pad{display:none}}
</style>"""


@functools.lru_cache(maxsize=1)
def pad_script() -> str:
    """The pad's JavaScript (``digit_pad.js``), as inlined in every pad."""
    return resources.files("nnlib.widgets.mnist").joinpath("digit_pad.js").read_text("utf-8")


def pad_html(model_key: str = MODEL_KEY, model_src: str | None = MODEL_SRC,
             weights_js: str = "", title: str = "Draw a digit: the network reads it") -> str:
    """The pad's HTML: markup, style and script; the weights inline or by address.

    Parameters
    ----------
    model_key : str
        The name under which the weights register (``window.NNDigitModels[model_key]``).
    model_src : str or None
        Address of the weights file, loaded after the page (None: `weights_js` is inline).
    weights_js : str
        :func:`~nnlib.widgets.mnist.export.model_js` of the model, inlined before the pad.
    title : str

    Returns
    -------
    str
    """
    n = next(_COUNTER)
    ident = f"nn-digit-pad-{n}"
    esc = _html.escape
    src = f' data-model-src="{esc(model_src)}"' if model_src else ""
    bars = "".join(
        f'<li><span class="nn-pad-digit">{d}</span><span class="nn-pad-bar" aria-hidden="true">'
        f'<span></span></span><span class="nn-pad-p">0.00</span></li>' for d in range(10))
    weights = f"<script>{weights_js}</script>" if weights_js else ""
    return (
        f'{CSS}{weights}<div class="{PAD_CLASS}" id="{ident}" role="group" '
        f'aria-labelledby="{ident}-title" data-model="{esc(model_key)}"{src}>'
        f'<p class="nn-pad-title" id="{ident}-title">{esc(title)}</p>'
        '<div class="nn-pad-row"><div class="nn-pad-draw">'
        '<canvas class="nn-pad-canvas" width="280" height="280" role="img" aria-label="Drawing '
        'pad: draw one digit with the mouse, a finger or a pen"></canvas>'
        '<button type="button" class="nn-pad-clear">Clear</button></div>'
        '<div class="nn-pad-side"><figure>'
        '<canvas class="nn-pad-input" width="28" height="28" role="img" aria-label="The drawing '
        'as the network sees it: 28 by 28 pixels, scaled and centred like MNIST"></canvas>'
        '<figcaption>what the network sees</figcaption></figure>'
        f'<ol class="nn-pad-bars" aria-label="Probability of each digit">{bars}</ol></div></div>'
        '<p class="nn-pad-status" aria-live="polite">Draw a digit (0\u20139) in the box.</p>'
        '<noscript>The digit pad needs JavaScript.</noscript>'
        f"<script>{pad_script()}</script></div>")


class DigitPad:
    """The pad as a notebook output: ``_repr_html_`` gives :func:`pad_html`'s HTML."""

    def __init__(self, html: str) -> None:
        self.html = html

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return "DigitPad(draw a digit; shown as HTML in a notebook)"


@functools.lru_cache(maxsize=1)
def _recipe_weights(scheme: str) -> str:
    from nnlib.widgets.mnist.recipe import train_recipe_model

    return model_js(train_recipe_model(), scheme)


def digit_pad(model=None, *, scheme: str = BOOK_SCHEME,
              title: str = "Draw a digit: the network reads it") -> DigitPad:
    """The digit pad for chapter 8's network (default) or any relu/softmax MLP on 784 inputs.

    Parameters
    ----------
    model : nnlib.mlp.MLP, optional
        Default: the chapter's model, ``train_recipe_model()`` (trained once per session, a
        few seconds), or, executed for the book, the file the book build writes.
    scheme : {"int8", "float16"}, default BOOK_SCHEME ("int8")
        How the weights are quantised (see :mod:`nnlib.widgets.mnist.export`).
    title : str

    Returns
    -------
    DigitPad
        Displays as the pad in a notebook.
    """
    from nnlib.widgets.figure import embed_frames_enabled

    scheme = check_choice(scheme, "scheme", SCHEMES)
    if not isinstance(title, str):
        raise TypeError(f"title must be a str, got {type(title).__name__}")
    if model is not None:
        from nnlib.mlp import MLP

        if not isinstance(model, MLP) or model.sizes[0] != 784 or model.sizes[-1] != 10:
            raise ValueError(f"model must be an MLP from 784 pixels to 10 digits, got {model!r}")
    if model is None and embed_frames_enabled() and scheme == BOOK_SCHEME:
        return DigitPad(pad_html(MODEL_KEY, MODEL_SRC, title=title))  # the build writes it
    if model is not None:
        weights = model_js(model, scheme)
        key = "m" + hashlib.sha256(weights.encode()).hexdigest()[:12]
        weights = model_js(model, scheme, key=key)
    else:
        key, weights = MODEL_KEY, _recipe_weights(scheme)
    return DigitPad(pad_html(key, None, weights, title=title))
