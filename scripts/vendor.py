"""Copy the JavaScript the book and slides need from node_modules/ into web/vendor/.

Run after ``npm ci``. Sphinx copies ``web/`` (our ``html_static_path``, deliberately not
``_static/``) into ``_build/html/_static/``, so pages and decks load KaTeX's stylesheet and
fonts (their maths is rendered at build time), and the decks require.js, jQuery and reveal.js,
from the site itself: no CDN at build or read time.
Only the files the pages use are copied (no source maps, no unused fonts).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "node_modules"
DEST = ROOT / "web" / "vendor"

# (source under node_modules, destination under web/vendor, glob patterns to skip)
COPIES = [
    # KaTeX's stylesheet and fonts: the site's and the decks' maths is rendered at build time
    # (sphinxcontrib-katex; scripts/deck_math.py), so they load no typesetter, only this CSS.
    ("katex/dist/katex.min.css", "katex/katex.min.css", ()),
    ("katex/dist/fonts", "katex/fonts", ("*.ttf", "*.woff")),
    ("requirejs/require.js", "requirejs/require.js", ()),
    ("jquery/dist/jquery.min.js", "jquery/jquery.min.js", ()),
    # reveal.js: the core, the white theme the decks use (and the web font it imports),
    # the speaker-notes plugin; not the other themes, their fonts or the ES-module sources
    ("reveal.js/dist/reveal.css", "reveal.js/dist/reveal.css", ()),
    ("reveal.js/dist/reveal.js", "reveal.js/dist/reveal.js", ()),
    ("reveal.js/dist/theme/white.css", "reveal.js/dist/theme/white.css", ()),
    ("reveal.js/dist/theme/fonts/source-sans-pro", "reveal.js/dist/theme/fonts/source-sans-pro", ()),
    ("reveal.js/plugin/notes/notes.js", "reveal.js/plugin/notes/notes.js", ()),
]


def main() -> int:
    if not NODE.is_dir():
        print("node_modules/ is missing: run `npm ci` first", file=sys.stderr)
        return 1
    if DEST.exists():
        shutil.rmtree(DEST)
    for src, dst, skip in COPIES:
        source, target = NODE / src, DEST / dst
        if not source.exists():
            print(f"missing {source}: is package-lock.json installed (`npm ci`)?", file=sys.stderr)
            return 1
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns(*skip))
        else:
            shutil.copy2(source, target)
    size = sum(p.stat().st_size for p in DEST.rglob("*") if p.is_file())
    print(f"vendored {len(COPIES)} items into {DEST.relative_to(ROOT)} ({size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
