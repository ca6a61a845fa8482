"""Tests for nnlib.widgets.activations, the neuron widgets of the chapter *Activation
functions*: worked examples, properties, and the pages the chapter ships."""

import matplotlib

matplotlib.use("Agg")  # not MPLBACKEND: nbval's kernels inherit the environment

import base64
import io
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from nnlib.activations import sigmoid
from nnlib.widgets.activations import neuron_1d, neuron_1d_data, neuron_2d, neuron_2d_data
from nnlib.widgets.activations.neurons import SATURATION, X_1D
from nnlib.widgets.static import frame_grid
from tests.conftest import chapter_widget_outputs, frames_spec

FAST = settings(max_examples=60, deadline=None, database=None, derandomize=True)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# Weights: zero or at least 1e-6 in size (w = 1e-311 puts the zero of w x + b beyond the
# largest float; sliders move in steps of 0.1).
weights = st.one_of(st.just(0.0), st.floats(-3, 3).filter(lambda v: abs(v) >= 1e-6))


def png_size(data):
    assert data[:8] == PNG_MAGIC
    return Image.open(io.BytesIO(data)).size


# --- neurons: worked examples ---------------------------------------------------------------

def test_neuron_1d_worked_examples():
    d = neuron_1d_data("sigmoid", w=1.0, b=0.0, x=np.array([0.0]))
    assert d["y"].tolist() == [0.5] and d["dy_dz"].tolist() == [0.25] and d["z"].tolist() == [0.0]
    assert d["threshold"] == 0.0 and math.copysign(1.0, d["threshold"]) == 1.0  # not -0.0
    d = neuron_1d_data("sigmoid", w=2.0, b=1.0, x=np.array([-0.5, 0.0]))
    assert d["z"].tolist() == [0.0, 1.0] and d["threshold"] == -0.5
    assert d["y"][1] == pytest.approx(1 / (1 + math.exp(-1)), rel=1e-15)
    assert neuron_1d_data("sigmoid", w=0.0, b=1.0)["threshold"] is None
    assert neuron_1d_data("tanh", w=-2.0, b=3.0)["threshold"] == 1.5


def test_neuron_1d_saturation():
    assert neuron_1d_data("step", 1.0, 0.0)["saturated"] == 1.0  # its slope is 0 everywhere
    assert neuron_1d_data("step", -2.0, 1.0)["saturated"] == 1.0
    relu = neuron_1d_data("relu", 1.0, 0.0)
    assert relu["saturated"] == pytest.approx(0.5, abs=0.01)  # flat for x <= 0
    assert relu["saturated"] == 201 / 401  # x = 0 is flat too: relu'(0) = 0
    assert neuron_1d_data("tanh", 0.0, 0.0)["saturated"] == 0.0  # tanh'(0) = 1
    # sigmoid'(z) < 0.01 where |z| > 4.585, i.e. |x| > 1.528 for w = 3: 62 % of [-4, 4]
    z_sat = -math.log((1 - math.sqrt(1 - 4 * SATURATION)) / (1 + math.sqrt(1 - 4 * SATURATION)))
    assert neuron_1d_data("sigmoid", 3.0, 0.0)["saturated"] == pytest.approx(
        (4 - z_sat / 3) / 4, abs=0.01)


def test_neuron_1d_data_rejects_unknown_activation():
    with pytest.raises(ValueError, match="unknown activation 'swish'; expected one of: step"):
        neuron_1d_data("swish", 1.0, 0.0)


@FAST
@given(name=st.sampled_from(["step", "sigmoid", "tanh", "relu"]), w=weights, b=st.floats(-3, 3))
def test_neuron_1d_properties(name, w, b):
    d = neuron_1d_data(name, w, b)
    assert d["x"].shape == d["y"].shape == d["dy_dz"].shape == X_1D.shape
    assert np.array_equal(d["z"], w * X_1D + b)
    assert 0.0 <= d["saturated"] <= 1.0
    if w == 0:
        assert d["threshold"] is None
    else:
        assert w * d["threshold"] + b == pytest.approx(0.0, abs=1e-12)
    if name == "sigmoid":
        assert np.allclose(d["y"], sigmoid(w * X_1D + b))


def test_neuron_2d_worked_examples():
    d = neuron_2d_data("step", 1.0, 0.0, 0.0, n=3)  # columns along x1
    assert d["y"].tolist() == [[0, 0, 1]] * 3
    d = neuron_2d_data("step", 0.0, 1.0, 0.0, n=3)  # rows along x2
    assert d["y"].tolist() == [[0, 0, 0], [0, 0, 0], [1, 1, 1]]
    d = neuron_2d_data("sigmoid", 1.0, -1.0, 0.0)
    assert d["y"].shape == (121, 121) and d["y"][60, 60] == 0.5
    assert d["w"].tolist() == [1.0, -1.0] and d["b"] == 0.0
    assert neuron_2d_data("relu", 0.0, 0.0, 1.0)["boundary"] is None
    assert np.all(neuron_2d_data("relu", 0.0, 0.0, 1.0)["y"] == 1.0)


@FAST
@given(name=st.sampled_from(["step", "sigmoid", "tanh", "relu"]),
       w1=weights, w2=weights, b=st.floats(-2, 2), n=st.integers(2, 9))
def test_neuron_2d_boundary_is_the_zero_line(name, w1, w2, b, n):
    d = neuron_2d_data(name, w1, w2, b, n=n)
    assert d["y"].shape == (n, n)
    if w1 == 0 and w2 == 0:
        assert d["boundary"] is None
        return
    x1, x2 = d["boundary"]
    assert x1.shape == x2.shape == (2,)
    assert np.allclose(w1 * x1 + w2 * x2 + b, 0.0, atol=1e-9)
    assert not np.allclose(x1, x1[::-1]) or not np.allclose(x2, x2[::-1])  # two distinct points
    assert np.all(np.abs(x1 if abs(w2) >= abs(w1) else x2) == 3.0)  # spans the square


# --- neurons: the pages the book ships ------------------------------------------------------

@pytest.fixture(scope="module")
def neuron_pages():
    """The static HTML of both widgets as committed in the chapter (make execute made it;
    nbval checks that a fresh run gives the same)."""
    return dict(zip(["neuron_1d", "neuron_2d"], chapter_widget_outputs("activations"), strict=True))


@pytest.mark.parametrize("name, shape, default_flat", [
    ("neuron_1d", [4, 7, 5], (1 * 7 + 4) * 5 + 2),  # sigmoid, w = 1, b = 0
    ("neuron_2d", [4, 5, 5, 3], ((1 * 5 + 3) * 5 + 3) * 3 + 1),  # sigmoid, w = (1, 1), b = 0
])
def test_neuron_pages_spec(neuron_pages, name, shape, default_flat):
    text = neuron_pages[name]
    spec = frames_spec(text)
    assert spec["shape"] == shape
    assert len(spec["order"]) == len(spec["alts"]) == math.prod(shape)
    assert len(spec["frames"]) <= math.prod(shape)
    assert f'data-nn-frame="{default_flat}"' in text
    assert spec["alts"][default_flat].startswith("sigmoid neuron with w = (1.0, 1.0), b = 0.0"
                                                 if name == "neuron_2d" else
                                                 "sigmoid neuron, w = 1.0, b = 0.0")
    assert all(base64.b64decode(f)[8:12] == b"WEBP" for f in spec["frames"][:3])


def test_neuron_1d_page_alt_texts_name_their_settings(neuron_pages):
    spec = frames_spec(neuron_pages["neuron_1d"])
    points = frame_grid(neuron_1d())
    for flat, values in enumerate(points):
        expected = f"{values['activation']} neuron, w = {values['w']:.1f}, b = {values['b']:.1f}:"
        assert spec["alts"][flat].startswith(expected)
    # a step neuron with b = 0 looks the same for w = 1, 2, 3: one frame, three alt texts
    flats = [points.index({"activation": "step", "w": w, "b": 0.0}) for w in (1.0, 2.0, 3.0)]
    assert len({spec["order"][f] for f in flats}) == 1
    assert len({spec["alts"][f] for f in flats}) == 3
