"""The instructors' page: its topic map is current and every link lands on its heading."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"
sys.path.insert(0, str(ROOT))
from scripts import topic_map  # noqa: E402

SLUGS = {"activations", "logistic_regression", "xor", "mlp", "softmax", "training", "backprop", "mnist"}
MAPPED = [t for t in topic_map.TOPICS if t[2] is not None]


def test_topic_map_is_current():
    page = (ROOT / "instructors.md").read_text()
    assert f"{topic_map.START}\n{topic_map.table()}\n{topic_map.END}" in page, (
        "instructors.md's topic map is out of date: run `python scripts/topic_map.py --write`")


def test_every_topic_names_a_chapter():
    for topic, chapter, heading, *deck in topic_map.TOPICS:
        assert "|" not in topic, f"{topic!r}: a '|' splits the table's cell (write \\lvert, \\rvert)"
        if heading is None:
            assert chapter in SLUGS, f"{topic!r}: planned chapter {chapter!r} is not a chapter slug"
        else:
            assert (ROOT / "chapters" / f"{chapter}.ipynb").exists(), topic


def test_a_missing_heading_is_named(tmp_path):
    with pytest.raises(ValueError, match="has no heading 'Nowhere'"):
        topic_map.locate(ROOT / "chapters" / f"{MAPPED[0][1]}.ipynb", "Nowhere")


def test_a_deck_heading_is_looked_up_on_the_slides_only():
    """A deck written with slide-only cells has its own headline; the book's heading is looked
    up in the cells the book shows, the deck's on the slides."""
    mlp = ROOT / "chapters" / "04_mlp.ipynb"
    with pytest.raises(ValueError, match="has no heading 'Stacking layers' in the book"):
        topic_map.locate(mlp, "Stacking layers")
    with pytest.raises(ValueError, match="has no heading 'Nowhere' on a slide"):
        topic_map.locate(mlp, "Many hidden layers", "Nowhere")


@pytest.mark.parametrize("topic, chapter, heading, deck", [(*t[:3], t[3] if len(t) > 3 else None)
                                                          for t in MAPPED], ids=[t[2] for t in MAPPED])
def test_links_land_on_the_heading(topic, chapter, heading, deck):
    from bs4 import BeautifulSoup

    section, h, v, number = topic_map.locate(ROOT / "chapters" / f"{chapter}.ipynb", heading, deck)
    page = HTML / "chapters" / f"{chapter}.html"
    deck_path, deck_heading = HTML / "slides" / f"{chapter}.slides.html", deck
    assert page.exists() and deck_path.exists(), "run `make book` first (make test does)"
    target = BeautifulSoup(page.read_text(), "html.parser").find(id=section)
    assert target is not None and heading in target.get_text(), f"{page.name}#{section}"
    slides = BeautifulSoup(deck_path.read_text(), "html.parser").select_one("div.slides")
    horizontal = slides.find_all("section", recursive=False)[h]
    vertical = horizontal.find_all("section", recursive=False)[v]
    shown = deck_heading or heading
    for maths in vertical.select(".katex"):  # rendered at build time: compare its TeX
        annotation = maths.select_one("annotation")
        maths.replace_with(f"${annotation.get_text()}$" if annotation else "")
    assert shown in vertical.get_text(), f"{deck_path.name}#/{h}/{v} does not show {shown!r}"
    flat = [s for top in slides.find_all("section", recursive=False)
            for s in top.find_all("section", recursive=False)]
    assert flat.index(vertical) + 1 == number


def test_suggested_lecture_minutes_are_the_decks_notes():
    """The timings table's lecture column is what the speaker notes add up to (**Time:** N min).
    A chapter gets its row when its deck is written (the scaffold's draft has none)."""
    import re

    import nbformat

    rows = re.findall(r"^\| \{doc\}`chapters/(\w+)` \| (\d+) min \|", (ROOT / "instructors.md").read_text(), re.M)
    assert len(rows) >= 3
    for stem, stated in rows:
        nb = nbformat.read(ROOT / "chapters" / f"{stem}.ipynb", as_version=4)
        minutes = sum(int(m) for c in nb.cells if "slide-only" in c.metadata.get("tags", [])
                      for m in re.findall(r"\*\*Time:\*\* (\d+) min", c.source))
        assert int(stated) == minutes, f"{stem}: the deck's notes take {minutes} min, instructors.md says {stated}"
