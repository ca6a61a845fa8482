"""The book's tooling: exercise checks, plot setup, MyST-to-slides, the offline guard, repo URL."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "book_ext"))

import myst_for_slides  # noqa: E402
import offline  # noqa: E402
import set_repo_url  # noqa: E402
from nnlib.plotting import setup_book  # noqa: E402


def test_setup_book_seeds_and_rejects_bad_seeds():
    assert setup_book(3).normal() == setup_book(3).normal()
    assert setup_book(3).normal() != setup_book(4).normal()  # the seed is used
    setup_book(3)  # ... for numpy's legacy global generator too
    assert np.random.rand() == np.random.RandomState(3).rand()
    for bad in (-1, 1.5, "0", True):
        with pytest.raises(ValueError, match="seed must be a non-negative integer"):
            setup_book(bad)


# -- MyST for slides ----------------------------------------------------------------------
def test_exercise_with_dropdown_hint():
    text = "````{exercise} Title\n:label: ex\n\nDo it.\n\n```{admonition} Hint\n:class: dropdown\nLook.\n```\n````"
    out = myst_for_slides.convert(text, ROOT)
    assert out.startswith("**Exercise: Title**")
    assert "<details><summary>Hint</summary>" in out and "Look." in out and "{" not in out


def test_literalinclude_pyobject_inlines_the_real_source():
    out = myst_for_slides.convert("```{literalinclude} nnlib/activations.py\n:pyobject: sigmoid\n```", ROOT)
    assert out.startswith("```python\ndef sigmoid(") and out.endswith("```")


def test_literalinclude_of_a_method_is_dedented():
    out = myst_for_slides.convert("```{literalinclude} nnlib/logistic.py\n:pyobject: LogisticRegression.fit\n```", ROOT)
    assert out.startswith("```python\ndef fit(self")
    with pytest.raises(ValueError, match="has no function or class 'LogisticRegression.nope'"):
        myst_for_slides.convert("```{literalinclude} nnlib/logistic.py\n:pyobject: LogisticRegression.nope\n```", ROOT)


def test_list_table_becomes_markdown_and_roles_become_text():
    text = "```{list-table} Cap\n:header-rows: 1\n\n* - a\n  - b\n* - 1\n  - 2\n```\nSee {numref}`fig-x` and {doc}`Notes <notation>`."
    out = myst_for_slides.convert(text, ROOT)
    assert "| a | b |" in out and "| 1 | 2 |" in out and "**Cap**" in out
    assert out.endswith("See the figure and Notes.")


def test_solutions_removed_and_unknown_directive_rejected():
    assert myst_for_slides.convert("````{solution-start} ex\n:class: dropdown\n````\nWhy.", ROOT).strip() == "Why."
    with pytest.raises(ValueError, match="no slide conversion for the MyST directive {mermaid}"):
        myst_for_slides.convert("```{mermaid}\ngraph TD\n```", ROOT)


# -- offline guard ------------------------------------------------------------------------
def _asset(filename, body=""):
    return SimpleNamespace(filename=filename, attributes={"body": body} if body else {})


def test_offline_guard_drops_thebe_and_keeps_local_assets():
    context = {"script_files": [_asset(None, 'const THEBE_JS_URL = "x"'), _asset("sphinx-thebe.js"),
                                _asset("_static/vendor/mathjax/tex-mml-chtml.js")],
               "css_files": [_asset("_static/book.css")]}
    offline.keep_offline(None, "intro", "page.html", context, None)
    assert [a.filename for a in context["script_files"]] == ["_static/vendor/mathjax/tex-mml-chtml.js"]


def test_offline_guard_fails_on_a_cdn_script():
    from sphinx.errors import ExtensionError

    context = {"script_files": [_asset("https://cdn.example.org/x.js")], "css_files": []}
    with pytest.raises(ExtensionError, match="would load .*cdn.example.org.* from another host"):
        offline.keep_offline(None, "intro", "page.html", context, None)


# -- repository URL -----------------------------------------------------------------------
def test_set_repo_url_updates_config_and_setup_cells(tmp_path, monkeypatch, capsys):
    import nbformat

    (tmp_path / "chapters").mkdir()
    shutil.copy(ROOT / "_config.yml", tmp_path / "_config.yml")
    shutil.copy(ROOT / "instructors.md", tmp_path / "instructors.md")
    for nb in (ROOT / "chapters").glob("*.ipynb"):
        shutil.copy(nb, tmp_path / "chapters" / nb.name)
    monkeypatch.setattr(set_repo_url, "ROOT", tmp_path)
    assert set_repo_url.main(["https://github.com/someone/fork.git", "--branch", "dev"]) == 0
    config = (tmp_path / "_config.yml").read_text()
    assert "url: https://github.com/someone/fork\n" in config and "branch: dev" in config
    for nb in (tmp_path / "chapters").glob("*.ipynb"):
        assert 'NNLIB_REPO = "https://github.com/someone/fork"' in nbformat.read(nb, 4).cells[0].source
    instructors = (tmp_path / "instructors.md").read_text()
    assert '"nnlib[book] @ git+https://github.com/someone/fork"' in instructors
    assert "repo=https://github.com/someone/fork&" in instructors
    with pytest.raises(SystemExit) as exit_:
        set_repo_url.main(["not a url"])
    assert exit_.value.code == 2 and "url must look like" in capsys.readouterr().err


def test_deck_maths_is_rendered_at_build_time():
    """scripts/deck_math.py: formulas in prose become KaTeX; code, notes and prices do not."""
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    import deck_math

    calls = []

    def fake(tex, display):
        calls.append((tex, display))
        return f"<span class=\"katex\">{'D' if display else 'I'}</span>"

    page = ("<script>if (a < b) { x = '$no$'; }</script>"
            "<p>$\\sigma(z) &lt; 1$ and</p><p>$$\\sum_i x_i$$</p><pre>cost = $x$</pre>"
            "<aside class=\"notes\">say $w$</aside><code>$a$</code><p>$5 or $6, \\$ and $ x $</p>")
    out, count = deck_math.prerender(page, fake)
    assert count == 2 and calls == [("\\sigma(z) < 1", False), ("\\sum_i x_i", True)]
    assert "<pre>cost = $x$</pre>" in out and "say $w$" in out and "<code>$a$</code>" in out
    assert out.endswith("<p>$5 or $6, \\$ and $ x $</p>")


def test_deck_maths_fails_loudly_on_bad_tex():
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    import deck_math

    def failing(tex, display):
        raise ValueError(f"KaTeX parse error in {tex}")

    with pytest.raises(ValueError, match="KaTeX parse error in \\\\frac"):
        deck_math.prerender("<p>$\\frac{$</p>", failing)
