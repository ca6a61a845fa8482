"""The decks' maths rendered when they are built, as the book's is: KaTeX through Node.

nbconvert leaves a deck's formulas as TeX between ``$`` and ``$$`` for a typesetter in the
browser (MathJax 2 took 4-6 s on a 10 Mbit/s line before a slide's maths was readable, and
10 MB of the site). :func:`prerender` replaces every formula in the exported HTML by
KaTeX's HTML and MathML (the same server sphinxcontrib-katex uses for the pages,
``book_ext/katex_server.py``), so a deck needs only KaTeX's stylesheet and fonts, which the
site already ships. A formula KaTeX cannot render stops the build, naming it.
"""

from __future__ import annotations

import html
import re
from typing import Callable

#: Elements whose text is not prose: their dollars are not maths. Speaker notes too: the
#: speaker view shows them in its own window, without the deck's stylesheets, so their TeX
#: stays as written (short: notes are written in plain words and Unicode).
RAW = {"script", "style", "pre", "code", "textarea", "math", "svg", "aside"}
TAG = re.compile(r"(<[^>]*>)")
NAME = re.compile(r"^<\s*(/)?\s*([a-zA-Z][a-zA-Z0-9-]*)")
# $$...$$ (display, may span lines) first, then $...$ (inline: no space inside the dollars,
# not a digit right after the closing one: "$5 and $6" is not maths)
# Elements whose content is raw text, not HTML (a widget's player script compares with "<"
# and ">"): skipped whole, before TAG splits the rest, or a "<" in them would swallow their
# closing tag and leave every formula after the first widget unrendered.
RAW_TEXT = re.compile(r"(<(script|style|textarea)\b[^>]*>.*?</\2\s*>)", re.S | re.I)
MATH = re.compile(r"\$\$(?P<display>.+?)\$\$|(?<![\\$])\$(?=\S)(?P<inline>[^$\n]+?)(?<=\S)(?<!\\)\$(?!\d)", re.S)


def katex_renderer() -> Callable[[str, bool], str]:
    """``render(tex, display) -> html`` through sphinxcontrib-katex's Node server."""
    import sys
    from pathlib import Path

    from sphinxcontrib import katex

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "book_ext"))
    import katex_server

    katex.KaTeXServer.start = classmethod(katex_server.start_server)

    def render(tex: str, display: bool) -> str:
        return katex.render_latex(tex, {"displayMode": display, "throwOnError": True})

    return render


def prerender(page: str, render: Callable[[str, bool], str]) -> tuple[str, int]:
    """`page` with every ``$...$`` and ``$$...$$`` of its prose rendered; and how many.

    Examples
    --------
    >>> fake = lambda tex, display: f"[{'D' if display else 'I'}:{tex}]"
    >>> prerender("<p>$a &lt; b$ and $$x^2$$</p><pre>$not$</pre><p>costs $5 or $6</p>", fake)
    ('<p>[I:a < b] and [D:x^2]</p><pre>$not$</pre><p>costs $5 or $6</p>', 2)
    >>> prerender("<script>if (i < n) f('$x$');</script><p>$y$</p>", fake)  # raw text skipped
    ("<script>if (i < n) f('$x$');</script><p>[I:y]</p>", 1)
    """
    pieces = RAW_TEXT.split(page)  # [html, raw element, its tag name, html, ...]
    out, count = [], 0
    for k in range(0, len(pieces), 3):
        done, found = _prerender_html(pieces[k], render)
        out.append(done)
        count += found
        if k + 1 < len(pieces):
            out.append(pieces[k + 1])
    return "".join(out), count


def _prerender_html(page: str, render: Callable[[str, bool], str]) -> tuple[str, int]:
    """:func:`prerender` on HTML without raw-text elements."""
    parts = TAG.split(page)
    raw: list[str] = []
    count = 0
    for i, part in enumerate(parts):
        if part.startswith("<"):
            name = NAME.match(part)
            if name:
                closing, tag = name.group(1), name.group(2).lower()
                if tag in RAW and not part.endswith("/>"):
                    if closing:
                        if tag in raw:
                            del raw[len(raw) - 1 - raw[::-1].index(tag)]
                    else:
                        raw.append(tag)
            continue
        if raw or "$" not in part:
            continue

        def one(match: re.Match) -> str:
            nonlocal count
            display = match.group("display") is not None
            tex = html.unescape(match.group("display") if display else match.group("inline"))
            count += 1
            return render(tex.strip(), display)

        parts[i] = MATH.sub(one, part)
    return "".join(parts), count
