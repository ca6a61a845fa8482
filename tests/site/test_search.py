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


def test_search_from_a_chapter_page(visit):
    """Chapter pages do not load the search index with the page (book_ext/templates/layout.html, web/lazy-search.js);
    Ctrl+K opens the search box, and Enter shows the results."""
    v = visit("chapters/02_logistic_regression.html")
    timing = v.page.evaluate("""() => {
        const nav = performance.getEntriesByType('navigation')[0];
        return {load: nav.loadEventStart, index: performance.getEntriesByType('resource')
                .filter(r => /searchindex|searchtools/.test(r.name)).map(r => r.startTime)}; }""")
    # the loader may fetch it once the page has loaded and the browser is idle, never before
    assert all(start >= timing["load"] for start in timing["index"]), f"index loaded with the page: {timing}"
    v.page.keyboard.press("Control+k")
    box = v.page.locator(".bd-search input[type=search]:visible").first
    box.fill("sigmoid")
    box.press("Enter")
    v.page.wait_for_url("**/search.html?q=sigmoid*")
    v.page.wait_for_selector("ul.search li", timeout=30000)
    assert v.page.locator("ul.search li").count() >= 3
    assert v.external == [] and v.problems == []
