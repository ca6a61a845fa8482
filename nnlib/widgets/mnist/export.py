r"""A trained MLP as one small JavaScript file, for the digit pad (issue 22).

The pad runs the network in the reader's browser, so its weights travel as a script that a
plain ``<script>`` tag loads (from a server or from ``file://``). Each weight matrix is
quantised to save bytes; the page and nnlib then compute in float64 from the *same*
dequantised weights, so they agree to rounding.

Two schemes, both per matrix:

- ``"int8"``: symmetric, one scale per row (per output unit),
  :math:`s_i = \max_j |W_{ij}| / 127`, :math:`q_{ij} = \mathrm{round}(W_{ij} / s_i) \in
  [-127, 127]`, dequantised :math:`\hat W_{ij} = q_{ij} s_i`. One byte a weight.
- ``"float16"``: IEEE half precision, two bytes a weight.

Biases stay float32 (written exactly as decimals). Measured for chapter 8's provisional
recipe (784-128-10, lr 0.1, 10 epochs, batch 64, seed 0) on the 2,000 shipped test digits
(:func:`quantization_report`):

========  =========  ========  ========  =======================  ===========
weights   file       gzipped   accuracy  predictions changed      max |Δp|
========  =========  ========  ========  =======================  ===========
float32   (407 kB)   --        0.9275    --                       --
float16   274 kB     203 kB    0.9275    0 of 2,000               0.0006
int8      142 kB     105 kB    0.9275    0 of 2,000               0.027
========  =========  ========  ========  =======================  ===========

The book ships :data:`BOOK_SCHEME` = int8: half the bytes, no prediction changed.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np

from nnlib.validation import check_choice, check_path

__all__ = ["SCHEMES", "MODEL_KEY", "BOOK_SCHEME", "quantize", "dequantize", "dequantized_model", "model_js",
           "write_model_js", "quantization_report"]

#: Quantisation schemes for the weight matrices.
SCHEMES = ("int8", "float16")
#: Name under which the book's model registers itself (``window.NNDigitModels[MODEL_KEY]``).
MODEL_KEY = "recipe"
#: The scheme of the weights file the book build writes (``book_ext/digit_pad.py``).
BOOK_SCHEME = "int8"


def _check_model(model) -> None:
    from nnlib.mlp import MLP

    if not isinstance(model, MLP):
        raise TypeError(f"model must be an nnlib.mlp.MLP, got {type(model).__name__}")
    if model.output != "softmax" or any(a != "relu" for a in model.activations):
        raise ValueError(f"model must have relu hidden layers and a softmax output (what the "
                         f"pad's JavaScript computes), got {model!r}")


def quantize(model, scheme: str = "int8") -> list[dict]:
    r"""The model's layers, quantised: one dict per layer.

    Parameters
    ----------
    model : nnlib.mlp.MLP
        relu hidden layers, softmax output.
    scheme : {"int8", "float16"}

    Returns
    -------
    list of dict
        Layer l: ``"W"`` int8 (m_l, m_{l-1}) with ``"scale"`` float64 (m_l,) for "int8",
        or float16 (m_l, m_{l-1}) for "float16"; ``"b"`` float32 (m_l,).

    Examples
    --------
    >>> from nnlib.mlp import MLP
    >>> model = MLP([2, 2])
    >>> model.set_params({"W1": [[1.0, -0.5], [0.0, 0.0]], "b1": [0.25, 0.0]})
    >>> layer = quantize(model)[0]
    >>> layer["W"].tolist(), layer["scale"].round(5).tolist()
    ([[127, -64], [0, 0]], [0.00787, 1.0])
    """
    _check_model(model)
    scheme = check_choice(scheme, "scheme", SCHEMES)
    layers = []
    for l in range(1, len(model.sizes)):
        W = np.asarray(model.params[f"W{l}"], dtype=np.float64)
        layer = {"b": np.asarray(model.params[f"b{l}"], dtype=np.float32)}
        if scheme == "float16":
            layer["W"] = W.astype(np.float16)
        else:
            top = np.abs(W).max(axis=1)
            scale = np.where(top > 0, top / 127.0, 1.0)
            layer["W"] = np.rint(W / scale[:, None]).astype(np.int8)
            layer["scale"] = scale
        layers.append(layer)
    return layers


def dequantize(layers: list[dict]) -> dict[str, np.ndarray]:
    """float64 parameters ``{"W1": ..., "b1": ..., ...}`` from :func:`quantize`'s layers.

    Exactly what the pad's JavaScript computes from the exported file: q·s for int8, the
    half-precision value for float16, the float32 bias.
    """
    params = {}
    for l, layer in enumerate(layers, start=1):
        W = layer["W"].astype(np.float64)
        if "scale" in layer:
            W = W * layer["scale"][:, None]
        params[f"W{l}"], params[f"b{l}"] = W, layer["b"].astype(np.float64)
    return params


def dequantized_model(model, scheme: str = "int8"):
    """A float64 copy of `model` with its weights quantised and dequantised: the pad's network.

    Parameters
    ----------
    model : nnlib.mlp.MLP
    scheme : {"int8", "float16"}

    Returns
    -------
    nnlib.mlp.MLP
        Same sizes, float64, the dequantised parameters.
    """
    from nnlib.mlp import MLP

    layers = quantize(model, scheme)
    copy = MLP(list(model.sizes), activation=list(model.activations), output=model.output,
               dtype=np.float64)
    copy.set_params(dequantize(layers))
    return copy


def _layer_json(layer: dict) -> dict:
    W = layer["W"]
    data = W.astype("<f2" if W.dtype == np.float16 else "i1").tobytes()
    out = {"shape": list(W.shape), "dtype": "float16" if W.dtype == np.float16 else "int8",
           "W": base64.b64encode(data).decode("ascii"),
           "b": [float(v) for v in layer["b"]]}  # float32 values, written exactly
    if "scale" in layer:
        out["scale"] = [float(v) for v in layer["scale"]]  # shortest repr: the same double in JS
    return out


def model_js(model, scheme: str = "int8", key: str = MODEL_KEY, note: str = "") -> str:
    """The JavaScript that registers `model` as ``window.NNDigitModels[key]``.

    Deterministic: the same model gives the same text. No ``</script>`` can occur in it,
    so it may also be inlined in a page.

    Parameters
    ----------
    model : nnlib.mlp.MLP
    scheme : {"int8", "float16"}
    key : str
        The name the pad asks for (``data-model`` on the pad).
    note : str
        One line for the header comment (where the model came from).

    Returns
    -------
    str
    """
    if not isinstance(key, str) or not key.isidentifier():
        raise ValueError(f"key must be an identifier such as 'recipe', got {key!r}")
    layers = [_layer_json(layer) for layer in quantize(model, scheme)]
    spec = {"sizes": list(model.sizes), "activation": "relu", "output": "softmax",
            "scheme": scheme, "layers": layers}
    body = json.dumps(spec, separators=(",", ":"), sort_keys=True)
    header = (f"/* Digit pad weights: MLP {'-'.join(map(str, model.sizes))}, relu, softmax; "
              f"weights {scheme}, biases float32. Generated by nnlib.widgets.mnist.export"
              f"{'; ' + note if note else ''}. Do not edit. */\n")
    return (header + "(window.NNDigitModels = window.NNDigitModels || {})"
            f"[{json.dumps(key)}] = {body};\n")


def write_model_js(path, model=None, scheme: str = BOOK_SCHEME) -> Path:
    """Write :func:`model_js` of `model` (default: chapter 8's recipe, trained) to `path`.

    Parameters
    ----------
    path : str or path-like
    model : nnlib.mlp.MLP, optional
        Default ``train_recipe_model()`` (deterministic, a few seconds).
    scheme : {"int8", "float16"}

    Returns
    -------
    Path
        The file written (its folder is created).
    """
    path = check_path(path, "path")
    note = ""
    if model is None:
        from nnlib.widgets.mnist.recipe import RECIPE, train_recipe_model

        model = train_recipe_model()
        note = "trained by train_recipe_model(), " + ", ".join(
            f"{k}={v}" for k, v in RECIPE.as_dict().items() if k in ("lr", "epochs", "batch_size", "seed"))
    text = model_js(model, scheme, note=note)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def quantization_report(model, X: np.ndarray, y: np.ndarray) -> dict[str, dict]:
    """For each scheme and the float32 original: file bytes, gzipped bytes, accuracy on (X, y).

    Parameters
    ----------
    model : nnlib.mlp.MLP
    X : ndarray, shape (n, 784)
    y : ndarray, shape (n,)

    Returns
    -------
    dict
        ``{"float32": {"accuracy": ...}, "int8": {"bytes", "gzip_bytes", "accuracy",
        "changed"}, "float16": {...}}``; "changed": how many predictions differ from the
        original model's.
    """
    import gzip

    base = model.predict(X)
    report = {"float32": {"accuracy": float(np.mean(base == y))}}
    for scheme in SCHEMES:
        text = model_js(model, scheme).encode()
        copy = dequantized_model(model, scheme)
        pred = copy.predict(X)
        report[scheme] = {"bytes": len(text), "gzip_bytes": len(gzip.compress(text, mtime=0)),
                          "accuracy": float(np.mean(pred == y)),
                          "changed": int(np.sum(pred != base))}
    return report
