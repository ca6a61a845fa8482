"""What a chapter page loads before the reader scrolls: the icon fonts cut to the icons the site
shows (book_ext/icons.py) and figures that load lazily with their size (book_ext/lazy_images.py).
The bytes of the whole first view are measured in the browser by tests/site/test_frames.py."""

from __future__ import annotations

import re
import sys

import pytest

from tests.conftest import HTML, ROOT

sys.path.insert(0, str(ROOT / "book_ext"))
import icons  # noqa: E402
import lazy_images  # noqa: E402

FONTS = HTML / icons.FONTS
PAGES = sorted(HTML.glob("*.html")) + sorted((HTML / "chapters").glob("*.html"))


def cmap(path):
    from fontTools.ttLib import TTFont

    return set(TTFont(path).getBestCmap())


def test_every_icon_a_page_shows_is_in_the_cut_fonts():
    css = (HTML / "_static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    shown = {name for page in PAGES for classes in re.findall(r'class="([^"]*)"', page.read_text("utf-8"))
             for name in re.findall(r"\bfa-[a-z0-9-]+", classes)}
    codes = {}
    for selectors, code in re.findall(r'([^{}]+)\{content:"\\([0-9a-f]+)"\}', css):
        for name in shown & set(re.findall(r"\.(fa-[a-z0-9-]+):before", selectors)):
            codes[name] = int(code, 16)
    assert {"fa-magnifying-glass", "fa-sun", "fa-moon", "fa-github", "fa-bars"} <= set(codes)
    for kind in ("woff2", "ttf"):
        present = set().union(*(cmap(f) for f in FONTS.glob(f"*.{kind}")))
        missing = sorted(name for name, code in codes.items() if code not in present)
        assert not missing, f"icons cut from the {kind} fonts: {missing}"
    # and the theme's admonition icons, which its CSS uses directly
    lightbulb = re.search(r'--pst-icon-lightbulb:"(.)"', css).group(1)
    assert ord(lightbulb) in set().union(*(cmap(f) for f in FONTS.glob("*.woff2")))


def test_the_icon_fonts_are_small():
    sizes = {f.name: f.stat().st_size for f in FONTS.glob("*.woff2")}
    assert len(sizes) == 3 and sum(sizes.values()) < 20_000, sizes  # whole: 274 kB


@pytest.mark.parametrize("page", [p for p in PAGES if "_images/" in p.read_text("utf-8")],
                         ids=lambda p: p.name)
def test_figures_load_lazily_with_their_size(page):
    tags = re.findall(r'<img\b[^>]*src="[^"]*_images/[^"]+\.png"[^>]*>', page.read_text("utf-8"))
    assert tags
    for tag in tags:
        assert 'loading="lazy"' in tag, tag[:120]
        src = re.search(r'src="([^"]+)"', tag).group(1)
        width, height = lazy_images.png_size(page.parent / src)
        w, h = (re.search(rf'\b{k}="(\d+)"', tag) for k in ("width", "height"))
        assert w and h, tag[:160]  # sized, so the page does not jump as images arrive
        w, h = int(w.group(1)), int(h.group(1))
        assert abs(w * height - h * width) <= max(width, height), f"aspect changed: {tag[:200]}"
        css = re.search(r'style="[^"]*\bwidth:\s*(\d+)px', tag)
        assert w == (int(css.group(1)) if css else width), tag[:200]


def test_lazy_leaves_eager_and_foreign_images(tmp_path):
    (tmp_path / "_images").mkdir()
    png = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + (3).to_bytes(4, "big") + (2).to_bytes(4, "big")
    (tmp_path / "_images" / "a.png").write_bytes(png + b"rest")
    html = ('<img src="_images/a.png" alt="a"><img loading="eager" src="_images/a.png">'
            '<img src="other.png">')
    out = lazy_images.lazy(html, lambda src: tmp_path / src)
    assert out == ('<img loading="lazy" decoding="async" width="3" height="2" src="_images/a.png" alt="a">'
                   '<img loading="eager" src="_images/a.png"><img src="other.png">')
    shown = lazy_images.lazy('<img src="_images/a.png" style="width: 30px;">', lambda src: tmp_path / src)
    assert 'width="30" height="20"' in shown  # a 3 x 2 image shown 30 px wide keeps its aspect
    (tmp_path / "x.png").write_bytes(b"GIF89a" + bytes(20))
    with pytest.raises(ValueError, match="is not a PNG file"):
        lazy_images.png_size(tmp_path / "x.png")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_images_have_alt_text_not_file_names(page):
    """Every image says what it shows: figures from notebook cells take their caption
    (book_ext/a11y.py), widget frames their description; never a file name."""
    for tag in re.findall(r"<img\b[^>]*>", page.read_text("utf-8")):
        alt = re.search(r'\balt="([^"]*)"', tag)
        assert alt and alt.group(1).strip(), tag[:160]
        assert not re.search(r"\.(png|webp|svg|jpe?g)$|_images/", alt.group(1)), tag[:160]
