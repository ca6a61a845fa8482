"""The generic widget test: every widget registered in a chapter's ``WIDGETS`` builds, renders,
responds to each of its controls in the live widget, exposes the static grid it declares, is
sharp and readable on a phone, and its committed frames fit the chapter's frame budget.

It iterates over :func:`nnlib.widgets.chapters`, so a new widget is covered as soon as it is
registered; chapter-specific checks (worked examples, alt texts) live in test_<slug>.py.
"""

import matplotlib

matplotlib.use("Agg")  # not MPLBACKEND: nbval's kernels inherit the environment

import base64

import pytest

from nnlib.widgets import InteractiveFigure, Slider, chapters
from nnlib.widgets.controls import Dropdown
from nnlib.widgets.figure import CSS_DPI
from nnlib.widgets.static import min_text_px
from nnlib.widgets.trainers import TrainingFigure
from tests.conftest import CHAPTERS, chapter_widget_outputs, frames_spec

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
FRAME_BUDGET = 3_500_000  # bytes: every frame of a chapter's widgets (files on the site)
#: CSS px a frame is shown at on a 390 px wide phone (at most: the widget's box, less its
#: padding, on the theme's narrowest article; tests/site/test_frames.py measures it).
PHONE_FRAME_PX = 330
MIN_TEXT_PX = 10  # the smallest text of a frame as shown on that phone
REGISTRY = chapters()


def entries():
    for slug, widgets in REGISTRY.items():
        for widget in widgets:
            yield pytest.param(widget, id=f"{slug}-{widget.name}",
                               marks=getattr(pytest.mark, slug))


def test_every_chapter_has_a_widget_package_and_every_package_a_chapter():
    assert list(REGISTRY) == sorted(CHAPTERS)
    names = [w.name for widgets in REGISTRY.values() for w in widgets]
    assert len(names) == len(set(names)), "widget names must be unique across the book"


def other_values(control, current):
    """The control's other values on its static grid, farthest from `current` first."""
    grid = [v for v in control.grid() if v != current]
    if isinstance(control, Slider):
        grid.sort(key=lambda v: -abs(v - current))
    return grid


@pytest.mark.parametrize("widget", list(entries()))
def test_widget_builds_renders_and_responds_to_each_control(widget):
    fig = widget.build()
    assert isinstance(fig, InteractiveFigure)
    if isinstance(fig, TrainingFigure):
        assert widget.trains, f"{widget.name} trains: register it with trains=True"
    grid = tuple(len(c.grid()) for c in fig.static_controls)
    assert grid == widget.grid, f"{widget.name}: the static grid is {grid}, registered {widget.grid}"
    assert fig.name == widget.name, "the figure's name (its page id, its URL prefix) is its registry name"
    png, alt = fig.render()
    assert png[:8] == PNG_MAGIC and not fig.message and alt

    box = fig.widget  # the live widget, driven as a reader drives it
    assert set(box.nn_controls) == {c.name for c in fig.controls}
    assert box.nn_image.value[:8] == PNG_MAGIC and not box.nn_message.value
    for control in fig.controls:
        default = fig.values[control.name]
        if not _responds(box, fig, control, default):
            # a control of one mode only (a two-layer weight while one neuron is shown) must
            # change the picture once a drop-down selects that mode
            modes = [(d, v) for d in fig.controls if isinstance(d, Dropdown) and d is not control
                     for v in other_values(d, fig.values[d.name])]
            for drop, mode in modes:
                before = fig.values[drop.name]
                box.nn_controls[drop.name].value = mode
                found = _responds(box, fig, control, default)
                box.nn_controls[drop.name].value = before
                if found:
                    break
            else:
                pytest.fail(f"{widget.name}: no value of {control.name} changes the picture")
        assert not fig.message


def _responds(box, fig, control, default) -> bool:
    """Whether some other value of `control` changes the picture; the control is put back."""
    changed = False
    for value in other_values(control, default):
        before = box.nn_image.value
        box.nn_controls[control.name].value = value
        assert not fig.message, f"{fig.name}: {control.name} = {value!r}: {fig.message}"
        if box.nn_image.value != before:
            changed = True
            break
    box.nn_controls[control.name].value = default
    return changed


@pytest.mark.parametrize("widget", list(entries()))
def test_frames_are_sharp_and_readable_on_a_phone(widget):
    fig = widget.build()
    fig.render()
    assert fig.static_dpi >= 2 * CSS_DPI, "static frames carry at least 2x the pixels they are shown at"
    width = fig.figure.get_figwidth() * CSS_DPI
    smallest = min_text_px(fig) * min(1.0, PHONE_FRAME_PX / width)
    assert smallest >= MIN_TEXT_PX, (
        f"{widget.name}: its smallest text is {smallest:.1f} px on a phone: draw it narrower "
        f"(figsize) or drop the explicit small fontsize (nnlib.plotting.frame_style is 12 pt)")


@pytest.mark.parametrize("slug", [pytest.param(s, marks=getattr(pytest.mark, s)) for s in REGISTRY])
def test_committed_page_embeds_every_registered_widget_within_its_budget(slug):
    """The chapter as committed (make execute renders it; nbval checks a fresh run equals it)."""
    import nbformat

    outputs = chapter_widget_outputs(slug)
    specs = [frames_spec(html) for html in outputs]
    registered = [w.grid for w in REGISTRY[slug]]
    assert [tuple(s["shape"]) for s in specs] == registered, (
        "the chapter shows its registered widgets, in the registry's order")
    for widget, spec in zip(REGISTRY[slug], specs):
        assert len(spec["order"]) == len(spec["alts"]) == widget.frames
        assert len(spec["frames"]) <= widget.frames
        # a widget that trains never shows a diverged run on its static grid (CONTRIBUTING,
        # "Widgets that train", rule 6); a widget that teaches divergence (the training
        # chapter's descent_surface, which does not train a model) shows it on purpose
        failed = [a for a in spec["alts"] if ("diverged" in a and widget.trains) or "Error" in a]
        assert not failed, f"{widget.name}: frames that show a failure: {failed[:2]}"
        assert spec["name"] == widget.name
    frames = sum(len(base64.b64decode(f)) for spec in specs for f in spec["frames"])
    assert frames <= FRAME_BUDGET, (
        f"{slug}: its frames take {frames / 1e6:.2f} MB, over the chapter's {FRAME_BUDGET / 1e6} MB: "
        f"keep fewer controls on the static page (static_controls) or a coarser static_step")
