"""Sphinx extension: the Font Awesome fonts cut down to the icons the site shows.

The theme ships Font Awesome's three web fonts whole (solid, regular, brands: 274 kB of
woff2, two of them loaded by every page) for the twenty-odd icons the book uses. After the
build this rewrites them in place (same names, so the theme's CSS is untouched) with only
the glyphs the site can ask for:

* every ``fa-<name>`` class in a built page or a theme script, through the theme CSS's
  ``.fa-<name>:before{content:"\\f185"}`` rules (aliases included);
* every private-use character the shipped CSS uses directly outside those rules (the
  theme's admonition icons, ``--pst-icon-*: ""``).

It also drops the stylesheet rules of the icons no page uses (90 kB of every page's theme
CSS). Icons stay; no page looks different (``tests/site/test_pages.py`` screenshots the bar and
``tests/smoke/test_page_assets.py`` checks each used class against the cut fonts).
"""

from __future__ import annotations

import re
from pathlib import Path

FONTS = "_static/vendor/fontawesome/webfonts"
CLASS = re.compile(r"\bfa-[a-z0-9-]+")
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
CONTENT = re.compile(r'content:\s*"\\([0-9a-fA-F]{4,5})"')
PRIVATE = re.compile("[\ue000-\uf8ff]")


def used_classes(outdir: Path) -> set[str]:
    """Every ``fa-*`` name in the built pages, decks and shipped scripts."""
    found: set[str] = set()
    for pattern in ("**/*.html", "_static/*.js", "_static/scripts/*.js"):  # not npm's vendor/
        for path in outdir.glob(pattern):
            found.update(CLASS.findall(path.read_text(encoding="utf-8", errors="ignore")))
    return found


def wanted_codepoints(outdir: Path, classes: set[str]) -> set[int]:
    """Code points of `classes` (by the shipped CSS's rules) and those the CSS uses directly."""
    points: set[int] = set()
    for css in (p for p in outdir.glob("_static/**/*.css") if p.is_file()):
        text = css.read_text(encoding="utf-8", errors="ignore")
        for selectors, body in RULE.findall(text):
            names = set(CLASS.findall(selectors))
            for code in CONTENT.findall(body):
                if not names or names & classes:  # a class rule counts only if a page uses it
                    points.add(int(code, 16))
        points.update(ord(c) for c in PRIVATE.findall(text))
    return points


def subset_font(path: Path, points: set[int]) -> int:
    """Rewrite the font at `path` with only `points` (that it has); returns the glyphs kept."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(path)
    keep = sorted(points & set(font.getBestCmap()))
    options = subset.Options()
    options.flavor = "woff2" if path.suffix == ".woff2" else None
    options.layout_features = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=keep)
    subsetter.subset(font)
    font.flavor = options.flavor
    font.save(path)
    return len(keep)


def drop_unused_rules(css: str, classes: set[str]) -> str:
    """`css` without the ``.fa-<name>:before{content:...}`` rules of icons no page uses.

    A rule goes only if every selector in it is such an icon selector and none is used
    (Font Awesome lists about 1,800 of them: 90 kB of every page's theme stylesheet).
    """
    def keep(match: re.Match) -> str:
        selectors = [s.strip() for s in match.group(1).split(",")]
        names = {n for s in selectors for n in re.findall(r"^\.(fa-[a-z0-9-]+):+before$", s)}
        if len(names) == len(selectors) and not names & classes:
            return ""
        return match.group(0)

    return re.sub(r'(?<=[}])([^{}@]+)\{content:"\\[0-9a-fA-F]{4,5}"\}', keep, css)


def cut_fonts(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    fonts = sorted((outdir / FONTS).glob("*.woff2")) + sorted((outdir / FONTS).glob("*.ttf"))
    if not fonts:
        return
    classes = used_classes(outdir)
    points = wanted_codepoints(outdir, classes)
    for font in fonts:
        subset_font(font, points)
    theme_css = outdir / "_static" / "styles" / "pydata-sphinx-theme.css"
    if theme_css.is_file():
        theme_css.write_text(drop_unused_rules(theme_css.read_text(encoding="utf-8"), classes),
                             encoding="utf-8")


def setup(app):
    app.connect("build-finished", cut_fonts, priority=900)  # after the other build-finished steps
    return {"parallel_read_safe": True, "parallel_write_safe": True}
