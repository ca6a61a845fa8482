"""Tests for the widget framework nnlib.widgets: control specs, the interactive figure, its
live and static paths (the chapters' widgets are tested in tests/widgets/test_<slug>.py)."""

import matplotlib

# Not MPLBACKEND: the environment is inherited by nbval's kernels, whose figures need inline.
matplotlib.use("Agg")

import base64
import io
import json
import re
from html.parser import HTMLParser

import ipywidgets
import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from PIL import Image

from nnlib.widgets import Dropdown, InteractiveFigure, Slider, embed_frames_enabled
from nnlib.widgets.activations import neuron_1d  # a real widget for the live and PNG checks
from nnlib.widgets.controls import validate_controls
from nnlib.widgets.figure import short_message
from nnlib.widgets.static import PLAYER_JS, externalize_frames, frame_grid, min_text_px

FAST = settings(max_examples=60, deadline=None, database=None, derandomize=True)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


# --- a tiny widget: a line y = a x (shape "up") or y = 0 (shape "flat") -----------------

def line_controls():
    return [
        Dropdown("shape", [("flat", "flat"), ("Rising", "up")], default="up", label="shape"),
        Slider("a", 0, 2, step=0.5, default=1, static_step=1, label="slope a"),
    ]


def line_compute(shape, a):
    return {"y": [0.0, a if shape == "up" else 0.0]}


def line_draw(fig):
    ax = fig.add_subplot()
    ax.set(xlim=(0, 1), ylim=(-0.5, 2.5))
    (line,) = ax.plot([0, 1], [0, 0], lw=3)
    return lambda data: line.set_ydata(data["y"])


def line_figure(compute=line_compute, draw=line_draw, **kwargs):
    kwargs = {"figsize": (2.0, 1.5), "dpi": 60, "static_dpi": 40, **kwargs}
    return InteractiveFigure(line_controls(), compute, draw, **kwargs)


def fails_above(limit, exc=ValueError("learning rate too large\nsecond line of detail")):
    """A compute that works up to `limit` and raises `exc` beyond it."""
    def compute(shape, a):
        if a > limit:
            raise exc
        return line_compute(shape, a)
    return compute


# --- reading the static HTML -------------------------------------------------------------

class Page(HTMLParser):
    """Start tags (with attributes) and the text of each <label> of an HTML fragment."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.tags, self.labels, self._label = [], [], None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "label":
            self._label = []

    def handle_endtag(self, tag):
        if tag == "label" and self._label is not None:
            self.labels.append("".join(self._label).strip())
            self._label = None

    def handle_data(self, data):
        if self._label is not None:
            self._label.append(data)

    def find(self, tag, **attrs):
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]


def frames_json(text):
    """The raw body of <script class="nn-frames"> (ends at the first '</script>')."""
    bodies = re.findall(r'<script type="application/json" class="nn-frames">(.*?)</script>',
                        text, flags=re.S)
    assert len(bodies) == 1
    return bodies[0]


def png_size(data):
    assert data[:8] == PNG_MAGIC
    return Image.open(io.BytesIO(data)).size


# --- Slider ------------------------------------------------------------------------------

def test_slider_grid_worked_examples():
    assert Slider("w", -3, 3, 0.1, 1, static_step=1).grid() == (-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0)
    assert Slider("lr", 0, 1, 0.25, 0.5).grid() == (0.0, 0.25, 0.5, 0.75, 1.0)  # static_step = step
    # a range that is not a whole number of static steps stops at the last grid point inside
    assert Slider("a", 0, 1, 0.1, 0, static_step=0.3).grid() == (0.0, 0.3, 0.6, 0.9)
    assert Slider("b", -2, 2, 0.1, 0, static_step=2).grid() == (-2.0, 0.0, 2.0)


def test_slider_snap_and_text():
    s = Slider("w", -3, 3, 0.1, 1, static_step=1, label="weight w")
    assert s.snap(0.74) == 1.0 and s.snap(-0.4) == 0.0 and s.snap(-2.6) == -3.0
    assert s.snap(-10) == -3.0 and s.snap(10) == 3.0
    assert s.text == "weight w" and Slider("w", 0, 1, 0.5, 0).text == "w"


def test_slider_format():
    s = Slider("w", -3, 3, 0.1, 1, static_step=1)
    assert [s.format(v) for v in (-1.5, 2, 0.0)] == ["-1.5", "2.0", "0.0"]
    assert Slider("n", 0, 10, 1, 5).format(3) == "3"
    # steps that are not powers of ten keep every digit (0.25 is not shown as "0.2")
    lr = Slider("lr", 0, 1, 0.25, 0.5)
    assert [lr.format(v) for v in lr.grid()] == ["0.00", "0.25", "0.50", "0.75", "1.00"]
    assert Slider("a", 0, 10, 2.5, 5).format(7.5) == "7.5"


@FAST
@given(lo=st.integers(-10, 10), n=st.integers(1, 12), multiple=st.integers(1, 4),
       step=st.sampled_from([0.01, 0.05, 0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 2.5]),
       pick=st.integers(0, 12))
@example(lo=0, n=4, multiple=1, step=0.25, pick=2)  # 0.25 needs two decimals
@example(lo=-5, n=4, multiple=1, step=2.5, pick=2)  # 2.5 needs one
def test_slider_grid_properties(lo, n, multiple, step, pick):
    static = multiple * step
    hi = lo + n * static
    default = lo + min(pick, n) * static
    s = Slider("x", lo, hi, step, default, static_step=static)
    grid = s.grid()
    assert len(grid) == n + 1
    assert grid[0] == pytest.approx(lo, abs=1e-9) and grid[-1] == pytest.approx(hi, abs=1e-9)
    assert np.allclose(np.diff(grid), static, atol=1e-9)
    assert s.snap(default) == pytest.approx(default, abs=1e-9)
    labels = [s.format(g) for g in grid]
    assert len(set(labels)) == len(labels)  # every frame has its own readout
    assert all(float(t) == pytest.approx(g, abs=1e-9) for t, g in zip(labels, grid))


NAN, INF = float("nan"), float("inf")


@pytest.mark.parametrize("args, kwargs, error, match", [
    (("w", 1, 1, 0.1, 1), {}, ValueError, r"slider 'w': min must be < max"),
    (("w", 2, -2, 0.1, 0), {}, ValueError, r"min must be < max"),
    (("w", -3, 3, 0, 1), {}, ValueError, r"slider 'w': step must be > 0"),
    (("w", -3, 3, -0.1, 1), {}, ValueError, r"step must be > 0"),
    (("w", -3, 3, 0.1, 1), {"static_step": 0.25}, ValueError, r"static_step must be a positive multiple of step"),
    (("w", -3, 3, 0.1, 1), {"static_step": 0}, ValueError, r"static_step must be a positive multiple"),
    (("w", -3, 3, 0.1, 1), {"static_step": -1}, ValueError, r"static_step must be a positive multiple"),
    (("w", -3, 3, 0.1, 0.5), {"static_step": 1}, ValueError, r"default 0.5 is not on the static grid"),
    (("w", -3, 3, 0.1, 7), {}, ValueError, r"default 7.0 is not on the static grid"),
    (("my w", -3, 3, 0.1, 1), {}, ValueError, r"name must be a Python identifier"),
    (("1w", -3, 3, 0.1, 1), {}, ValueError, r"name must be a Python identifier"),
    (("", -3, 3, 0.1, 1), {}, ValueError, r"name must be a Python identifier"),
    ((3, -3, 3, 0.1, 1), {}, ValueError, r"name must be a Python identifier"),
    (("w", NAN, 3, 0.1, 1), {}, ValueError, r"min must be finite"),
    (("w", -3, INF, 0.1, 1), {}, ValueError, r"max must be finite"),
    (("w", -3, 3, NAN, 1), {}, ValueError, r"step must be finite"),
    (("w", -3, 3, 0.1, NAN), {}, ValueError, r"default must be finite"),
    (("w", -3, 3, 0.1, 1), {"static_step": NAN}, ValueError, r"static_step must be finite"),
    (("w", True, 3, 0.1, 1), {}, TypeError, r"min must be a real number, got bool"),
    (("w", -3, "3", 0.1, 1), {}, TypeError, r"max must be a real number, got str"),
    (("w", -3, 3, 0.1, None), {}, TypeError, r"default must be a real number, got NoneType"),
])
def test_slider_bad_specs_raise_clear_errors(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        Slider(*args, **kwargs)


# --- Dropdown ----------------------------------------------------------------------------

def test_dropdown_values_labels_and_grid():
    d = Dropdown("g", ["sigmoid", ("ReLU", "relu")], default="relu", label="activation g")
    assert d.grid() == ("sigmoid", "relu")
    assert d.options == (("sigmoid", "sigmoid"), ("ReLU", "relu"))
    assert d.snap("relu") == "relu" and d.format("sigmoid") == "sigmoid"
    assert d.text == "activation g" and Dropdown("g", ["a"], default="a").text == "g"


@pytest.mark.parametrize("options, default, error, match", [
    ([], "a", ValueError, r"dropdown 'g': options must not be empty"),
    (["a", "a"], "a", ValueError, r"option values must be unique"),
    ([("A", "x"), ("B", "x")], "x", ValueError, r"option values must be unique"),
    (["a", "b"], "c", ValueError, r"default 'c' is not one of \['a', 'b'\]"),
    ([("ReLU", "relu")], "ReLU", ValueError, r"default 'ReLU' is not one of \['relu'\]"),  # a label
    ([1, 2], "1", TypeError, r"options must be strings or \(label, value\) string pairs, got 1"),
    ([None], "a", TypeError, r"options must be strings .* got None"),
    ([("one", 1)], "1", TypeError, r"options must be strings .* got \('one', 1\)"),
    ([(1, "one")], "one", TypeError, r"options must be strings"),
    ([("a", "b", "c")], "b", TypeError, r"options must be strings .* got \('a', 'b', 'c'\)"),
    ([("a",)], "a", TypeError, r"options must be strings"),
])
def test_dropdown_bad_specs_raise_clear_errors(options, default, error, match):
    with pytest.raises(error, match=match):
        Dropdown("g", options, default=default)


def test_dropdown_bad_name():
    with pytest.raises(ValueError, match="name must be a Python identifier"):
        Dropdown("activation g", ["a"], default="a")


# --- validate_controls -------------------------------------------------------------------

def test_validate_controls():
    w, g = Slider("w", -1, 1, 0.5, 0), Dropdown("g", ["a"], default="a")
    assert validate_controls([w, g]) == (w, g)
    assert validate_controls(c for c in [g]) == (g,)  # any iterable
    with pytest.raises(ValueError, match="at least one Slider or Dropdown"):
        validate_controls([])
    with pytest.raises(TypeError, match="must be Slider or Dropdown objects, got 'w'"):
        validate_controls([w, "w"])
    with pytest.raises(TypeError, match="must be Slider or Dropdown objects"):
        validate_controls([{"name": "w"}])
    with pytest.raises(ValueError, match="duplicate names: g, w"):
        validate_controls([w, g, Slider("w", 0, 2, 1, 1), Dropdown("g", ["b"], default="b")])


# --- InteractiveFigure: construction and checked values ----------------------------------

def test_figure_rejects_non_callables():
    with pytest.raises(TypeError, match="compute must be callable, got dict"):
        InteractiveFigure(line_controls(), {}, line_draw)
    with pytest.raises(TypeError, match="draw must be callable, got str"):
        InteractiveFigure(line_controls(), line_compute, "line")
    with pytest.raises(TypeError, match="describe must be callable or None"):
        InteractiveFigure(line_controls(), line_compute, line_draw, describe="text")
    with pytest.raises(TypeError, match=r"draw\(fig\) must return a callable update\(data\)"):
        InteractiveFigure(line_controls(), line_compute, lambda fig: None)
    with pytest.raises(ValueError, match="duplicate names"):
        InteractiveFigure(line_controls() * 2, line_compute, line_draw)


def test_figure_starts_at_defaults():
    fig = line_figure()
    assert fig.values == {"shape": "up", "a": 1}
    assert fig.message == "" and fig.data is None
    assert repr(fig) == "InteractiveFigure('untitled', shape='up', a=1)"


def test_update_rejects_bad_values_with_readable_errors():
    fig = line_figure()
    with pytest.raises(ValueError, match=r"unknown control\(s\) b, w; expected: shape, a"):
        fig.update(w=1.0, b=0.0)
    with pytest.raises(ValueError, match=r"a must be in \[0, 2\], got 3"):
        fig.update(a=3)
    with pytest.raises(ValueError, match=r"a must be in \[0, 2\], got -0.5"):
        fig.update(a=-0.5)
    with pytest.raises(ValueError, match=r"a must be in"):
        fig.update(a=float("nan"))
    with pytest.raises(TypeError, match="a must be a number, got str"):
        fig.update(a="1")
    with pytest.raises(TypeError, match="a must be a number, got bool"):
        fig.update(a=True)
    with pytest.raises(ValueError, match=r"shape must be one of \['flat', 'up'\], got 'down'"):
        fig.update(shape="down")
    with pytest.raises(ValueError, match=r"shape must be one of .*got 'Rising'"):
        fig.update(shape="Rising")  # the label, not the value
    assert fig.values == {"shape": "up", "a": 1} and fig.data is None


def test_update_accepts_numpy_numbers():
    fig = line_figure()
    for a in np.arange(0, 3):  # int64, as a reader looping over a range would pass them
        assert fig.update(a=a) is True
    assert fig.update(a=np.float32(0.5)) is True
    assert fig.data == {"y": [0.0, 0.5]}


def test_update_merges_partial_values():
    fig = line_figure()
    assert fig.update(a=2.0) is True and fig.values == {"shape": "up", "a": 2.0}
    assert fig.update(shape="flat") is True and fig.values == {"shape": "flat", "a": 2.0}
    assert fig.data == {"y": [0.0, 0.0]}


# --- InteractiveFigure: failures become a one-line message -------------------------------

def test_failing_compute_keeps_state_and_sets_one_line_message():
    fig = line_figure(compute=fails_above(1.5))
    assert fig.update(a=1.0) is True
    png_before = fig.render()[0]
    data = fig.data
    assert fig.update(a=2.0) is False  # no exception
    assert fig.message == "learning rate too large"
    assert "\n" not in fig.message and "Traceback" not in fig.message
    assert fig.values == {"shape": "up", "a": 1.0} and fig.data is data
    assert "Traceback" in fig.last_traceback and "learning rate too large" in fig.last_traceback
    png, alt = fig.render(a=2.0)
    assert png == png_before and alt == "learning rate too large"
    assert fig.update(a=0.5) is True
    assert fig.message == "" and fig.values["a"] == 0.5 and fig.data == {"y": [0.0, 0.5]}


def test_first_update_can_fail_too():
    fig = line_figure(compute=fails_above(-1.0))  # every setting fails
    assert fig.update() is False and fig.data is None
    png, alt = fig.render()
    assert png[:8] == PNG_MAGIC and alt == "learning rate too large"


@pytest.mark.parametrize("exc, message", [
    (KeyError("lr"), "KeyError: 'lr'"),
    (RuntimeError("solver did not converge\nat step 3"), "RuntimeError: solver did not converge"),
    (TypeError("unsupported operand"), "TypeError: unsupported operand"),
    (IndexError(), "IndexError"),
])
def test_failing_compute_of_other_types_names_the_type(exc, message):
    fig = line_figure(compute=fails_above(1.5, exc))
    assert fig.update(a=2.0) is False and fig.message == message
    assert fig.update(a=1.0) is True and fig.message == ""


def test_short_message():
    assert short_message(ValueError("  w must be finite\nmore")) == "w must be finite"
    assert short_message(FloatingPointError("overflow encountered in exp")) == "overflow encountered in exp"
    assert short_message(ValueError("")) == "ValueError"
    assert short_message(RuntimeError()) == "RuntimeError"  # not "RuntimeError: RuntimeError"
    assert short_message(RuntimeError("boom")) == "RuntimeError: boom"


def test_failing_draw_keeps_the_previous_figure():
    def draw(fig):
        update = line_draw(fig)

        def careful_update(data):
            update(data)  # changes the line first ...
            if data["y"][1] > 1.5:
                raise RuntimeError("cannot draw a > 1.5")  # ... then fails
        return careful_update

    fig = line_figure(draw=draw)
    before, _ = fig.render(a=0.5)
    after, alt = fig.render(a=2.0)
    assert alt == "RuntimeError: cannot draw a > 1.5"
    assert after == before and fig.values["a"] == 0.5
    assert fig.render(a=1.0)[0] != before


def test_data_that_fails_only_when_rendered_keeps_the_previous_figure():
    # a title the artist accepts but matplotlib cannot typeset: it fails at savefig time
    def draw(fig):
        update = line_draw(fig)
        ax = fig.axes[0]

        def titled_update(data):
            update(data)
            ax.set_title(r"$\frac{$" if data["y"][1] > 1.5 else "fine")
        return titled_update

    fig = line_figure(draw=draw)
    before, _ = fig.render(a=0.5)
    after, alt = fig.render(a=2.0)  # no exception
    assert after == before and alt == fig.message != ""  # the message, not a description
    assert "ValueError" in fig.last_traceback
    assert fig.values["a"] == 0.5 and fig.data == {"y": [0.0, 0.5]}  # the last good state
    assert fig.render(a=1.0)[0] != before


def test_interrupt_is_not_swallowed():
    fig = line_figure(compute=fails_above(1.5, KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        fig.update(a=2.0)


# --- render --------------------------------------------------------------------------------

def test_render_png_png8_and_webp():
    fig = neuron_1d()
    png, alt = fig.render("png")
    png8, alt8 = fig.render("png8")
    webp, alt_webp = fig.render("webp", dpi=fig.static_dpi)
    assert png[:8] == PNG_MAGIC and png8[:8] == PNG_MAGIC
    assert webp[:4] == b"RIFF" and webp[8:12] == b"WEBP"
    assert len(png8) < len(png)
    assert len(webp) < 0.8 * len(fig.render("png8", dpi=fig.static_dpi)[0])  # why WebP
    assert png_size(png) == png_size(png8) == (540, 270)  # figsize (5.4, 2.7) at LIVE_DPI 100
    image8 = Image.open(io.BytesIO(png8))
    assert image8.mode == "P" and len(image8.getcolors()) <= 32
    frame = Image.open(io.BytesIO(webp))
    assert frame.size == (1080, 540)  # 2x the CSS size, 540 x 270 px
    assert len(frame.convert("RGB").getcolors(4096)) <= 32  # the palette survives, lossless
    assert png_size(fig.render("png", dpi=50)[0]) == (270, 135)
    assert alt == alt8 == alt_webp and alt.startswith("sigmoid neuron, w = 1.0, b = 0.0")
    assert "z = 0 at x = 0.00;" in alt  # not "-0.00"


def test_render_rejects_unknown_format():
    with pytest.raises(ValueError, match=r"fmt must be 'png', 'png8' or 'webp', got 'jpeg'"):
        line_figure().render("jpeg")


def test_frames_are_drawn_in_the_frame_style():
    from nnlib.plotting import FRAME_TEXT_PT

    fig = neuron_1d()
    fig.render()
    assert min_text_px(fig) == round(FRAME_TEXT_PT * 100 / 72, 1) == 16.7
    assert fig.figure.get_facecolor()[:3] == (1.0, 1.0, 1.0)  # white, on a light or dark page
    import matplotlib as mpl

    assert mpl.rcParams["font.size"] != FRAME_TEXT_PT or True  # the style is a context, not global
    assert mpl.rcParams["xtick.labelsize"] == mpl.rcParamsDefault["xtick.labelsize"]


def test_render_frames_differ_with_values():
    fig = line_figure()
    up = fig.render(a=2.0)[0]
    assert fig.render(a=0.0)[0] != up
    assert fig.render(shape="flat", a=0.0)[0] == fig.render(shape="flat", a=2.0)[0]


def test_alt_text_from_describe():
    def describe(values, data):
        return f"{values['shape']} line, height {data['y'][1]:.1f}"

    fig = line_figure(describe=describe)
    assert fig.render(a=1.5)[1] == "up line, height 1.5"
    assert fig.render(shape="flat")[1] == "flat line, height 0.0"
    assert line_figure().render(a=1.5)[1] == "shape = up, slope a = 1.5"  # default describe


# --- live widget -------------------------------------------------------------------------

def test_live_widget_structure():
    fig = neuron_1d()
    box = fig.widget
    assert isinstance(box, ipywidgets.VBox) and fig.widget is box
    controls = box.nn_controls
    assert list(controls) == ["activation", "w", "b"]
    assert isinstance(controls["activation"], ipywidgets.Dropdown)
    assert controls["activation"].value == "sigmoid"
    assert controls["activation"].label == "sigmoid"
    assert [label for label, _ in controls["activation"].options] == ["step", "sigmoid", "tanh", "ReLU"]
    w = controls["w"]
    assert isinstance(w, ipywidgets.FloatSlider)
    assert (w.min, w.max, w.step, w.value) == (-3.0, 3.0, 0.1, 1.0)
    assert w.description == "weight w" and w.readout_format == ".1f"
    assert isinstance(box.nn_image, ipywidgets.Image) and box.nn_image.value[:8] == PNG_MAGIC
    assert isinstance(box.nn_message, ipywidgets.HTML) and box.nn_message.value == ""
    assert "One neuron" in box.children[0].value  # title first, escaped HTML


def test_live_widget_redraws_when_controls_move():
    fig = neuron_1d()
    box = fig.widget
    start = box.nn_image.value
    box.nn_controls["w"].value = 2.0
    moved = box.nn_image.value
    assert moved != start and fig.values["w"] == 2.0
    box.nn_controls["activation"].value = "relu"
    relu = box.nn_image.value
    assert relu not in (start, moved) and fig.values == {"activation": "relu", "w": 2.0, "b": 0}
    # the image is exactly the frame for these settings
    assert relu == neuron_1d().render(activation="relu", w=2.0, b=0.0)[0]
    assert box.nn_message.value == ""


def test_live_widget_shows_failures_as_a_message():
    fig = line_figure(compute=fails_above(1.5, ValueError("a < 1.5 & b needed\ndetail")))
    box = fig.widget
    box.nn_controls["a"].value = 1.0
    good = box.nn_image.value
    box.nn_controls["a"].value = 2.0  # must not raise
    message = box.nn_message.value
    assert 'role="alert"' in message and "a &lt; 1.5 &amp; b needed" in message
    assert "detail" not in message and "Traceback" not in message
    assert box.nn_image.value == good and fig.values["a"] == 1.0
    box.nn_controls["a"].value = 0.5
    assert box.nn_message.value == "" and box.nn_image.value != good


# --- static HTML ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tiny_static():
    """The tiny line widget rendered statically, with alt text that tries to close the script."""
    def describe(values, data):
        return f"</script><b>{values['shape']}</b> line, slope a = {values['a']:.1f}"

    fig = line_figure(describe=describe, title="A <line>")
    fig.update(a=2.0)
    text = fig.static_html()
    assert fig.values == {"shape": "up", "a": 1.0}  # left at the defaults
    return fig, text, json.loads(frames_json(text))


def test_static_spec_shape_order_and_dedup(tiny_static):
    fig, _, spec = tiny_static
    assert spec["shape"] == [2, 3]
    assert spec["labels"] == [["flat", "up"], ["0.0", "1.0", "2.0"]]
    assert spec["mime"] == "image/webp"
    assert spec["name"] == "a_line" and spec["controls"] == ["shape", "a"]
    assert spec["keys"] == [["flat", "up"], ["0.0", "1.0", "2.0"]]
    assert len(spec["order"]) == 6 and len(spec["alts"]) == 6
    # y = 0 for "flat" whatever a is, and for "up" with a = 0: four grid points, one frame
    assert spec["order"][0] == spec["order"][1] == spec["order"][2] == spec["order"][3]
    assert len(set(spec["order"][3:])) == 3 and len(spec["frames"]) == 3 < 6
    assert sorted(set(spec["order"])) == list(range(len(spec["frames"])))


def test_static_frames_follow_the_control_grid(tiny_static):
    fig, _, spec = tiny_static
    points = frame_grid(fig)
    assert points == [{"shape": s, "a": a} for s in ("flat", "up") for a in (0.0, 1.0, 2.0)]
    for flat, values in enumerate(points):
        frame = base64.b64decode(spec["frames"][spec["order"][flat]])
        assert Image.open(io.BytesIO(frame)).size == (80, 60)  # figsize (2, 1.5) at static_dpi 40
        assert frame == fig.render("webp", fig.static_dpi, **values)[0]
        alt = spec["alts"][flat]
        assert isinstance(alt, str) and alt
        # alt text describes this grid point, even where the frame is shared
        assert alt.endswith(f"<b>{values['shape']}</b> line, slope a = {values['a']:.1f}")


def test_static_html_default_frame_and_escaping(tiny_static):
    fig, text, spec = tiny_static
    body = frames_json(text)
    assert "</" not in body
    page = Page(text)
    (root,) = page.find("div", **{"class": "nn-widget"})
    default_flat = 1 * 3 + 1  # shape "up" (index 1), a = 1 (index 1)
    assert root["data-nn-frame"] == str(default_flat)
    assert root["id"] == "nn-a_line" and root["data-nn-name"] == "a_line"
    (img,) = page.find("img", **{"class": "nn-frame"})
    assert img["src"] == "data:image/webp;base64," + spec["frames"][spec["order"][default_flat]]
    # shown at 100 CSS px per inch (the frames carry more pixels), smallest text measured
    assert (img["width"], img["height"]) == ("200", "150")
    assert float(img["data-nn-min-text"]) == min_text_px(fig) > 0
    assert img["alt"] == spec["alts"][default_flat] == "</script><b>up</b> line, slope a = 1.0"
    assert "<b>A &lt;line&gt;</b>" in text


def test_static_controls_html(tiny_static):
    _, text, _ = tiny_static
    page = Page(text)
    assert [a["data-nn-control"] for _, a in page.tags if "data-nn-control" in a] == ["shape", "a"]
    (select,) = page.find("select", **{"data-nn-control": "shape"})
    options = page.find("option")
    assert [o["value"] for o in options] == ["0", "1"] and "selected" in options[1]
    assert "selected" not in options[0] and "disabled" not in select
    (slider,) = page.find("input", type="range", **{"data-nn-control": "a"})
    assert (slider["min"], slider["max"], slider["step"], slider["value"]) == ("0", "2", "1", "1")
    assert slider["aria-valuetext"] == "1.0" and "disabled" not in slider
    assert re.search(r'<input type="range"[^>]*max="2"[^>]*><output>1\.0</output>', text)
    assert page.labels[0].startswith("shape") and "Rising" in page.labels[0]
    assert page.labels[1] == "slope a 1.0"


def test_static_player_script():
    assert "http" not in PLAYER_JS and "require(" not in PLAYER_JS and "import" not in PLAYER_JS
    for key in ("shape", "labels", "mime", "order", "frames", "urls", "alts", "name", "controls", "keys"):
        assert f"spec.{key}" in PLAYER_JS
    for selector in ('"script.nn-frames"', '"img.nn-frame"', '"[data-nn-control]"'):
        assert selector in PLAYER_JS


def test_static_html_embeds_the_player(tiny_static):
    _, text, _ = tiny_static
    assert text.count(PLAYER_JS) == 1
    assert text.index('class="nn-frames"') < text.index(PLAYER_JS)  # data before the script


# --- _repr_mimebundle_ ---------------------------------------------------------------------

def test_mimebundle_placeholder(monkeypatch):
    monkeypatch.delenv("NNLIB_EMBED_FRAMES", raising=False)
    assert not embed_frames_enabled()
    fig = line_figure()
    bundle = fig._repr_mimebundle_()
    assert {"application/vnd.jupyter.widget-view+json", "text/html", "text/plain"} <= set(bundle)
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == fig.widget.model_id
    assert bundle["text/plain"] == repr(fig)
    page = Page(bundle["text/html"])
    assert "Run this notebook" in bundle["text/html"] and "nn-frames" not in bundle["text/html"]
    assert all("disabled" in a for _, a in page.tags if "data-nn-control" in a)
    (img,) = page.find("img", **{"class": "nn-frame"})
    assert img["alt"] == "shape = up, slope a = 1.0"


@pytest.mark.parametrize("value, enabled", [("1", True), ("0", False), ("", False), ("yes", False)])
def test_mimebundle_static_frames(monkeypatch, value, enabled):
    monkeypatch.setenv("NNLIB_EMBED_FRAMES", value)
    assert embed_frames_enabled() is enabled
    html_text = line_figure()._repr_mimebundle_()["text/html"]
    assert ("nn-frames" in html_text) is enabled
    assert ("Run this notebook" in html_text) is not enabled


# --- live-only controls ----------------------------------------------------------------------

def test_static_controls_keep_the_others_at_their_defaults_and_mark_them_live_only():
    fig = line_figure(static_controls=("a",))
    assert [c.name for c in fig.static_controls] == ["a"]
    assert frame_grid(fig) == [{"shape": "up", "a": a} for a in (0.0, 1.0, 2.0)]
    text = fig.static_html()
    spec = json.loads(frames_json(text))
    assert spec["shape"] == [3] and spec["controls"] == ["a"] and len(spec["alts"]) == 3
    page = Page(text)
    assert [a["data-nn-control"] for _, a in page.tags if "data-nn-control" in a] == ["a"]
    (select,) = page.find("select")
    assert "disabled" in select and "data-nn-live-only" in select and "data-nn-control" not in select
    assert "(live only)" in page.labels[0] and "controls marked live only" in text
    assert "live only" not in Page(line_figure().static_html()).labels[0]


@pytest.mark.parametrize("static_controls, error, match", [
    (("b",), ValueError, r"static_controls must name one or more of the controls \['shape', 'a'\], got \['b'\]"),
    ((), ValueError, "static_controls must name one or more"),
    ("a", TypeError, "static_controls must be a sequence of control names, got 'a'"),
    ((1,), TypeError, "static_controls must be a sequence of control names"),
])
def test_static_controls_errors(static_controls, error, match):
    with pytest.raises(error, match=match):
        line_figure(static_controls=static_controls)


@pytest.mark.parametrize("name", ["has space", "1st", 3])
def test_name_must_be_an_identifier(name):
    with pytest.raises(ValueError, match="name must be a Python identifier"):
        line_figure(name=name)


# --- frames out of the page (the site and the decks) ----------------------------------------

def test_externalize_frames_moves_every_frame_once(tiny_static):
    fig, text, spec = tiny_static
    stored = {}

    def store(data, name):
        assert name not in stored or stored[name] == data
        stored[name] = data
        return "../_frames/" + name

    page_text = text + text  # the same widget twice on a page: its frames are stored once
    out, count = externalize_frames(page_text, store)
    assert count == 2 and len(stored) == len(spec["frames"]) == 3
    assert "base64," not in out.replace(PLAYER_JS, "") and "data:image" not in out
    moved = json.loads(frames_json(out[:len(out) // 2]))  # the first of the two copies
    assert "frames" not in moved and len(moved["urls"]) == 3
    assert {base64.b64encode(stored[u.rsplit("/", 1)[1]]).decode() for u in moved["urls"]} == set(spec["frames"])
    for name in stored:
        assert re.fullmatch(r"[0-9a-f]{20}\.webp", name)
    (img, _) = Page(out).find("img", **{"class": "nn-frame"})
    assert img["src"] == moved["urls"][spec["order"][4]] and img["loading"] == "lazy"
    assert externalize_frames(out, store) == (out, 0)  # a second pass changes nothing


def test_externalize_frames_leaves_placeholders(monkeypatch):
    monkeypatch.delenv("NNLIB_EMBED_FRAMES", raising=False)
    text = line_figure()._repr_mimebundle_()["text/html"]
    assert externalize_frames(text, lambda data, name: pytest.fail("nothing to store")) == (text, 0)


def test_externalize_frames_whatever_the_attribute_order(tiny_static):
    """nbconvert (the decks) rewrites tags with their attributes in another order."""
    _, text, _ = tiny_static
    shuffled = text.replace('<script type="application/json" class="nn-frames">',
                            '<script class="nn-frames" type="application/json">')
    shuffled = re.sub(r'<img class="nn-frame" (src="[^"]*") (alt="[^"]*")', r'<img \2 class="nn-frame" \1',
                      shuffled)
    assert shuffled != text
    out, count = externalize_frames(shuffled, lambda data, name: "f/" + name)
    assert count == 1 and "data:image" not in out
    (img,) = Page(out).find("img", **{"class": "nn-frame"})
    assert img["src"].startswith("f/") and img["loading"] == "lazy"
