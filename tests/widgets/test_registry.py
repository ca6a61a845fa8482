"""The generic widget test: every widget registered in a chapter's ``WIDGETS`` builds, renders,
responds to each of its controls in the live widget, exposes the static grid it declares, and
its committed frames fit the budget of its page.

It iterates over :func:`nnlib.widgets.chapters`, so a new widget is covered as soon as it is
registered; chapter-specific checks (worked examples, alt texts) live in test_<slug>.py.
"""

import matplotlib

matplotlib.use("Agg")  # not MPLBACKEND: nbval's kernels inherit the environment

import math

import pytest

from nnlib.widgets import InteractiveFigure, Slider, chapters
from nnlib.widgets.training import TrainingFigure
from tests.conftest import CHAPTERS, chapter_widget_outputs, frames_spec

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
PAGE_BUDGET = 3_000_000  # bytes: a chapter's HTML plus its images (tests/site checks the page)
PAGE_TEXT = 250_000      # bytes of the page that are not widgets or figures: its own HTML
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
    grid = tuple(len(c.grid()) for c in fig.static_view().controls)
    assert grid == widget.grid, f"{widget.name}: the static grid is {grid}, registered {widget.grid}"
    png, alt = fig.render()
    assert png[:8] == PNG_MAGIC and not fig.message and alt

    box = fig.widget  # the live widget, driven as a reader drives it
    assert set(box.nn_controls) == {c.name for c in fig.controls}
    assert box.nn_image.value[:8] == PNG_MAGIC and not box.nn_message.value
    for control in fig.controls:
        default = fig.values[control.name]
        for value in other_values(control, default):
            before = box.nn_image.value
            box.nn_controls[control.name].value = value
            assert not fig.message, f"{widget.name}: {control.name} = {value!r}: {fig.message}"
            if box.nn_image.value != before:
                break
        else:
            pytest.fail(f"{widget.name}: no value of {control.name} changes the picture")
        box.nn_controls[control.name].value = default
        assert not fig.message


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
        failed = [a for a in spec["alts"] if "diverged" in a or "Error" in a]
        assert not failed, f"{widget.name}: frames that show a failure: {failed[:2]}"
    frames = sum(len(html.encode()) for html in outputs)
    nb = nbformat.read(CHAPTERS[slug], as_version=4)
    images = sum(len(o["data"]["image/png"]) for c in nb.cells if c.cell_type == "code"
                 for o in c.outputs if "image/png" in o.get("data", {}))
    page = frames + math.ceil(images * 3 / 4)  # base64 in the notebook, bytes on the page
    assert page < PAGE_BUDGET - PAGE_TEXT, (
        f"{slug}: widgets {frames / 1e6:.2f} MB + figures {images * 3 / 4e6:.2f} MB leave no "
        f"room for the page's text: lower static_step, figsize or static_dpi")
