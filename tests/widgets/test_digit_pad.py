"""Tests for the digit pad's Python side (issue 22): the weight export and its quantisation,
MNIST's preprocessing in numpy, the pad's HTML and the book build's weights file. The page's
JavaScript against these: tests/site/test_digit_pad.py (slow tier, in the browser).
"""

from __future__ import annotations

import base64
import json
import re
import sys

import numpy as np
import pytest

from nnlib.mlp import MLP
from nnlib.mnist import load_mnist
from nnlib.widgets.mnist.export import (
    MODEL_KEY, dequantize, dequantized_model, model_js, quantization_report, quantize,
    write_model_js,
)
from nnlib.widgets.mnist.pad import MODEL_SRC, PAD_CLASS, digit_pad, pad_html
from nnlib.widgets.mnist.preprocess import area_matrix, preprocess
from tests.conftest import ROOT


def small_model(seed=0, sizes=(784, 16, 10)):
    return MLP(list(sizes), seed=seed, dtype=np.float32)


def spec_of(js: str) -> dict:
    """The JSON object a model file registers."""
    return json.loads(re.search(r"\] = (\{.*\});\n$", js, re.S).group(1))


# --- quantisation and export -----------------------------------------------------------------

def test_int8_rounds_each_row_to_its_own_scale():
    model = small_model()
    model.params["W1"][3] = 0.0  # a dead unit: scale 1, all zeros
    for l, layer in enumerate(quantize(model, "int8"), start=1):
        W = model.params[f"W{l}"].astype(np.float64)
        q, s = layer["W"].astype(int), layer["scale"]
        assert layer["W"].dtype == np.int8 and np.abs(q).max() <= 127
        live = np.abs(W).max(axis=1) > 0
        assert np.all(np.abs(q[live]).max(axis=1) == 127)  # the largest weight uses the range
        assert np.all(np.abs(W - q * s[:, None]) <= s[:, None] / 2 * (1 + 1e-12))
        assert np.array_equal(layer["b"], model.params[f"b{l}"])
    assert quantize(model)[0]["scale"][3] == 1.0 and not quantize(model)[0]["W"][3].any()


def test_float16_and_dequantize_give_what_the_page_computes():
    model = small_model(1)
    params = dequantize(quantize(model, "float16"))
    assert np.array_equal(params["W1"], model.params["W1"].astype(np.float16).astype(np.float64))
    copy = dequantized_model(model, "int8")
    assert copy.dtype == np.float64
    layers = quantize(model, "int8")
    assert np.array_equal(copy.params["W2"], layers[1]["W"] * layers[1]["scale"][:, None])


@pytest.mark.parametrize("scheme", ["int8", "float16"])
def test_the_file_holds_exactly_the_quantised_layers(scheme):
    model = small_model(2)
    js = model_js(model, scheme)
    assert js == model_js(model, scheme)  # deterministic
    assert "</script" not in js and js.startswith("/*")
    assert f'(window.NNDigitModels = window.NNDigitModels || {{}})["{MODEL_KEY}"]' in js
    spec = spec_of(js)
    assert spec["sizes"] == [784, 16, 10] and spec["scheme"] == scheme
    for layer, want in zip(spec["layers"], quantize(model, scheme)):
        raw = base64.b64decode(layer["W"])
        W = np.frombuffer(raw, dtype="i1" if scheme == "int8" else "<f2").reshape(layer["shape"])
        assert np.array_equal(W, want["W"])
        assert np.array_equal(np.array(layer["b"]), want["b"].astype(np.float64))
        if scheme == "int8":
            assert np.array_equal(np.array(layer["scale"]), want["scale"])  # exact decimals


def test_export_refuses_what_the_page_cannot_run():
    with pytest.raises(TypeError, match="model must be an nnlib.mlp.MLP"):
        quantize({"W1": np.zeros((2, 2))})
    with pytest.raises(ValueError, match="relu hidden layers and a softmax output"):
        quantize(MLP([784, 8, 10], activation="tanh"))
    with pytest.raises(ValueError, match="scheme"):
        model_js(small_model(), "int4")
    with pytest.raises(ValueError, match="key must be an identifier"):
        model_js(small_model(), key="a b")


def test_write_model_js_writes_the_same_bytes_twice(tmp_path):
    model = small_model(3)
    path = write_model_js(tmp_path / "sub" / "digit_model.js", model)
    first = path.read_bytes()
    write_model_js(path, model)
    assert path.read_bytes() == first == model_js(model).encode()


def test_quantisation_report_measures_both_schemes():
    X, y = load_mnist("test")
    report = quantization_report(small_model(4), X[:300], y[:300])
    assert set(report) == {"float32", "int8", "float16"}
    assert report["int8"]["bytes"] < 0.6 * report["float16"]["bytes"]
    for scheme in ("int8", "float16"):
        assert 0 <= report[scheme]["changed"] <= 300


# --- preprocessing -----------------------------------------------------------------------------

def test_area_matrix_rows_average():
    for S in (1, 7, 20, 33, 280):
        M = area_matrix(S)
        assert M.shape == (20, S) and np.allclose(M.sum(axis=1), 1.0) and M.min() >= 0
        assert np.allclose(M.sum(axis=0), 20 / S)  # every input pixel counted once in total


def test_preprocess_fits_the_box_keeps_the_aspect_and_centres_the_mass():
    ink = np.zeros((200, 200))
    ink[20:180, 86:134] = 1.0  # 160 tall, 48 wide: 20 x 6 in the box
    x = preprocess(ink).reshape(28, 28)
    rows, cols = np.flatnonzero(x.max(axis=1)), np.flatnonzero(x.max(axis=0))
    assert len(rows) == 20 and len(cols) == 6
    assert np.isclose(x.sum(), 20 * 6)  # area averaging keeps the ink
    r, c = np.indices(x.shape)
    assert abs((x * r).sum() / x.sum() - 14) <= 0.5 and abs((x * c).sum() / x.sum() - 14) <= 0.5


def test_preprocess_does_not_depend_on_where_the_digit_is_drawn():
    digit = load_mnist("test", flatten=False, normalize=True, dtype=np.float64)[0][7]
    big = np.kron(digit, np.ones((5, 5)))  # 140 x 140
    a, b = np.zeros((300, 300)), np.zeros((300, 300))
    a[10:150, 20:160], b[150:290, 130:270] = big, big
    assert np.array_equal(preprocess(a), preprocess(b))
    assert preprocess(np.zeros((50, 50))).sum() == 0  # nothing drawn


def test_preprocessed_mnist_digits_are_still_read():
    """Drawn large (5x) and preprocessed, MNIST's own digits keep most of their accuracy."""
    X, y = load_mnist("test", flatten=False, dtype=np.float64)
    X, y = X[:200], y[:200]
    model = MLP([784, 10], seed=0)
    from nnlib.training import train

    train(model, *load_mnist("train", dtype=np.float64), lr=0.1, epochs=3, batch_size=64,
          progress=False)
    drawn = np.array([preprocess(np.kron(d, np.ones((5, 5)))) for d in X])
    original = model.score(X.reshape(200, -1), y)
    assert model.score(drawn, y) >= original - 0.06, (model.score(drawn, y), original)


def test_preprocess_refuses_bad_ink():
    with pytest.raises(ValueError, match="ink must be a 2-D image"):
        preprocess(np.zeros((2, 2, 2)))
    with pytest.raises(ValueError, match=r"ink must hold values in \[0, 1\]"):
        preprocess(np.full((4, 4), 2.0))


# --- the pad's HTML ------------------------------------------------------------------------

def test_for_the_book_the_pad_names_the_file_and_carries_no_weights(monkeypatch):
    monkeypatch.setenv("NNLIB_EMBED_FRAMES", "1")
    html = digit_pad()._repr_html_()
    assert f'data-model-src="{MODEL_SRC}"' in html and "NNDigitModels ||" not in html.split(
        "<script>")[1].split("window.NNDigitPad")[0]
    assert len(html) < 25_000  # markup, style and script, no weights
    assert html.count(f'class="{PAD_CLASS}"') == 1 and 'aria-live="polite"' in html
    assert '<button type="button" class="nn-pad-clear">Clear</button>' in html


def test_in_a_kernel_the_pad_carries_its_model(monkeypatch):
    monkeypatch.delenv("NNLIB_EMBED_FRAMES", raising=False)
    model = small_model(5)
    html = digit_pad(model).html
    assert "data-model-src=" not in html
    key = re.search(r'data-model="(m[0-9a-f]{12})"', html).group(1)
    assert f'["{key}"] = ' in html  # its own key: pads of different models do not mix
    with pytest.raises(ValueError, match="model must be an MLP from 784 pixels to 10 digits"):
        digit_pad(MLP([784, 3]))
    with pytest.raises(ValueError, match="scheme"):
        digit_pad(model, scheme="bf16")


def test_two_pads_on_a_page_have_their_own_ids():
    a, b = pad_html(), pad_html()
    ids = [re.search(r'id="(nn-digit-pad-\d+)"', h).group(1) for h in (a, b)]
    assert ids[0] != ids[1]


def test_the_book_build_writes_the_weights_only_for_a_page_with_the_pad(tmp_path, monkeypatch):
    sys.path.insert(0, str(ROOT / "book_ext"))
    try:
        import digit_pad as ext
    finally:
        sys.path.remove(str(ROOT / "book_ext"))
    written = []
    monkeypatch.setattr("nnlib.widgets.mnist.export.write_model_js",
                        lambda path: written.append(path) or path)

    class App:
        outdir = str(tmp_path)
        builder = type("B", (), {"format": "html"})()
        env = type("E", (), {})()

    stale = tmp_path / "_static" / "digit_model.js"
    stale.parent.mkdir()
    stale.write_text("old")
    ext.note_pad_pages(App, "chapters/a", "page.html", {"body": "<p>no pad</p>"}, None)
    ext.write_weights(App, None)
    assert written == [] and not stale.exists()  # no page uses it: nothing shipped
    monkeypatch.setenv("NNLIB_EMBED_FRAMES", "1")
    ext.note_pad_pages(App, "chapters/b", "page.html", {"body": digit_pad().html}, None)
    ext.write_weights(App, None)
    assert written == [stale]
    ext.forget_page(App, App.env, "chapters/b")  # the page changed or went: decided again
    ext.write_weights(App, None)
    assert written == [stale] and App.env.nn_pad_pages == set()
