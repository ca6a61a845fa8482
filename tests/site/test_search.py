"""Search results quote the pages' text without raw TeX (web/search-snippets.js)."""

from __future__ import annotations

import re

import pytest

TEX = re.compile(r"\\(mathbf|frac|hat|sigma|lVert|rVert|operatorname|partial|lambda|sum|exp|log)\b")


@pytest.mark.parametrize("query", ["sigmoid derivative", "penalty lambda", "XOR hidden layer"])
def test_snippets_have_no_raw_tex(visit, query):
    v = visit(f"search.html?q={query.replace(' ', '+')}")
    v.page.wait_for_selector("ul.search li p.context", timeout=30000)
    v.page.wait_for_function("() => !document.querySelector('#search-progress') || "
                             "document.querySelector('#search-progress').innerText.includes('Search finished')",
                             timeout=30000)
    snippets = v.page.locator("ul.search li p.context").all_inner_texts()
    assert snippets
    assert [s for s in snippets if TEX.search(s)] == []
    assert v.external == [] and v.problems == []
