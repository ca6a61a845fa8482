"""Browser tests of the exercises on the built website (served offline, Debian's Chromium).

On every chapter page the solutions are folded dropdowns that open on request, and the
buttons that give a reader a notebook (Binder, Colab, the .ipynb download) reach the
student edition, which holds no solution. Like the other site tests, these fail (never
skip) when the build or the browser is missing.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin

import nbformat
import pytest
import yaml

from tests.conftest import HTML, ROOT

CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
LAUNCH_HOSTS = ("https://mybinder.org/", "https://colab.research.google.com/")


def _exercises(chapter) -> int:
    return sum(c.source.count("{exercise}") for c in nbformat.read(chapter, as_version=4).cells)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_solutions_are_closed_dropdowns_that_open(visit, chapter):
    v = visit(f"chapters/{chapter.stem}.html")
    solutions = v.page.locator("div.solution")
    count = _exercises(chapter)
    assert solutions.count() == count >= 2
    assert "Solution (click to open)" not in v.page.content(), "the notebook's <details> wrapper is on the page"
    for i in range(count):
        solution = solutions.nth(i)
        solution.scroll_into_view_if_needed()
        title, code = solution.locator(".admonition-title"), solution.locator("div.highlight pre").first
        assert title.is_visible() and title.inner_text().startswith("Solution to")
        assert "toggle-hidden" in solution.get_attribute("class")
        assert solution.locator("button.toggle-button").get_attribute("aria-expanded") == "false"
        assert not code.is_visible(), f"solution {i} is open on page load"
    first = solutions.first
    first.locator("button.toggle-button").click()
    code = first.locator("div.highlight pre").first
    code.wait_for(state="visible", timeout=5000)
    assert "check(" in code.inner_text()
    assert v.external == [] and v.problems == []


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_launch_and_download_buttons_reach_the_student_edition(visit, chapter):
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    repo, branch = config["repository"]["url"], config["repository"]["branch"]
    org_repo = "/".join(repo.rstrip("/").split("/")[-2:])
    v = visit(f"chapters/{chapter.stem}.html")
    hrefs = v.page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    launch = [h for h in hrefs if h.startswith(LAUNCH_HOSTS)]
    assert len(launch) == 2, launch
    for href in launch:
        assert f"student/{chapter.name}" in href and "chapters/" not in href, href
    binder = next(h for h in launch if "mybinder" in h)
    colab = next(h for h in launch if "colab" in h)
    assert binder == f"https://mybinder.org/v2/gh/{org_repo}/{branch}?urlpath=lab/tree/student/{chapter.name}"
    assert colab == f"https://colab.research.google.com/github/{org_repo}/blob/{branch}/student/{chapter.name}"
    assert (ROOT / "student" / chapter.name).is_file(), "the launch buttons open the committed student/"

    download = v.page.locator("a.btn-download-notebook-button, a.btn-download-source-button")
    links = {download.nth(i).get_attribute("href") for i in range(download.count())}
    ipynb = [h for h in links if h.endswith(".ipynb")]
    assert ipynb == [f"../student/{chapter.name}"], links
    response = v.page.request.get(urljoin(v.page.url, ipynb[0]))
    assert response.ok
    body = response.text()
    assert body == (ROOT / "student" / chapter.name).read_text(encoding="utf-8")
    notebook = json.loads(body)
    assert notebook["metadata"]["nnbook"]["edition"] == "student"
    assert "{solution" not in body and not re.search(r"✓ Correct", body)
    assert v.external == [] and v.problems == []


def test_the_build_writes_every_student_edition():
    assert sorted(p.name for p in (HTML / "student").glob("*.ipynb")) == [c.name for c in CHAPTERS]
