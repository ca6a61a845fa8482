"""Every chapter runs where readers run it.

Fast checks (no environment is built): every module a chapter imports, directly or through
nnlib, is provided by what Binder reads (``binder/requirements.txt``) and by what Colab and a
JupyterHub install (``nnlib[book]``); Binder's folder is self-contained and its pins equal the
book's.

Slow checks (``slow`` marker): the ``binder`` and ``minimum`` environments of
``scripts/reader_envs.py`` are built from exactly those files, and every chapter runs top to
bottom in each: no error, nothing on stderr, every widget cell shows a widget whose image was
drawn and whose message line is empty.
"""

from __future__ import annotations

import ast
import base64
import importlib.metadata
import re
import stat
import sys
import tomllib
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from scripts import reader_envs  # noqa: E402

CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
#: Imported only inside the setup cell's ``if "google.colab" in sys.modules:`` block.
COLAB_ONLY = {"google"}


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            name, sep, version = line.partition("==")
            pins[_normalise(name)] = version if sep else None
    return pins


def _imports(source: str) -> set[str]:
    """Top-level module names imported by Python `source` (IPython magics dropped)."""
    source = "\n".join(l for l in source.splitlines() if not l.lstrip().startswith(("%", "!")))
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _chapter_imports() -> dict[str, set[str]]:
    found = {}
    for path in CHAPTERS:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                for name in _imports(cell.source):
                    found.setdefault(name, set()).add(path.name)
    return found


def _nnlib_imports() -> dict[str, set[str]]:
    found = {}
    for path in (ROOT / "nnlib").rglob("*.py"):
        for name in _imports(path.read_text()):
            found.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    return found


def _distributions(modules: dict[str, set[str]]) -> dict[str, set[str]]:
    """Map third-party module names to the distributions that provide them."""
    providers = importlib.metadata.packages_distributions()
    needed = {}
    for module, where in modules.items():
        if module in sys.stdlib_module_names or module in {"nnlib", "__future__"} | COLAB_ONLY:
            continue
        assert module in providers, f"{module!r} (imported by {sorted(where)}) is installed nowhere"
        for dist in providers[module]:
            needed.setdefault(_normalise(dist), set()).update(where)
    return needed


def _book_extra() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = {_normalise(re.split(r"[<>=!~\[ ]", r)[0]) for r in project["dependencies"]}
    for extra in ("widgets", "book"):
        names |= {_normalise(re.split(r"[<>=!~\[ ]", r)[0])
                  for r in project["optional-dependencies"][extra]}
    return names - {"nnlib"}


def test_every_chapter_import_is_in_the_readers_requirements():
    needed = _distributions({**_chapter_imports(), **_nnlib_imports()})
    assert needed, "no imports found: the scan is broken"
    for name in ("binder/requirements.txt", "requirements.txt"):
        listed = set(_pins(ROOT / name))
        missing = {d: sorted(w) for d, w in needed.items() if d not in listed}
        assert not missing, f"imported but not in {name}: {missing}"
    missing = {d: sorted(w) for d, w in needed.items() if d not in _book_extra()}
    assert not missing, f"imported but not in pyproject's nnlib[book] (Colab, JupyterHub): {missing}"


def test_the_import_scan_sees_chapter_two_comparisons():
    """The scan is not vacuous: it finds the peers chapter 2 checks nnlib against."""
    needed = _distributions(_chapter_imports())
    assert {"scipy", "scikit-learn", "numpy", "matplotlib"} <= set(needed)
    assert _imports("import a.b as c\nfrom d.e import f\nfrom . import g\n%matplotlib inline") == {"a", "d"}


def test_binder_pins_are_the_books_pins():
    binder = _pins(ROOT / "binder" / "requirements.txt")
    constraints = _pins(ROOT / "constraints.txt")
    assert all(v is not None for v in binder.values()), f"binder/requirements.txt: pin every line: {binder}"
    differ = {n: (v, constraints.get(n)) for n, v in binder.items() if constraints.get(n) != v}
    assert not differ, f"binder/requirements.txt vs constraints.txt: {differ}"


def test_binder_folder_is_what_repo2docker_caches_well():
    binder = ROOT / "binder"
    # Without local references repo2docker installs the requirements before copying the
    # repository, so a commit that changes only chapters reuses the dependency layer.
    for line in (binder / "requirements.txt").read_text().splitlines():
        assert not line.strip().startswith(("-", ".")) and "file://" not in line, line
    assert (binder / "runtime.txt").read_text().strip() == "python-3.11"
    post = binder / "postBuild"
    assert post.stat().st_mode & stat.S_IXUSR, "binder/postBuild must be executable"
    assert "pip install --no-cache-dir --no-deps -e ." in post.read_text()
    # With binder/ present repo2docker ignores top-level environment files: keep none that
    # would mislead a reader into editing the wrong one.
    for name in ("runtime.txt", "environment.yml", "apt.txt", "postBuild", "setup.py"):
        assert not (ROOT / name).exists(), f"top-level {name} is ignored by Binder (binder/ exists)"
    top = (ROOT / "requirements.txt").read_text()
    assert re.search(r"(?m)^-e \.$", top), "a local install needs nnlib itself"
    # Explicit pins in both files (a tool or a reader looking at one file sees everything),
    # and the same pins: binder/ is what Binder reads, the top level what a local install does.
    assert not re.search(r"(?m)^-[rc] ", top)
    assert _pins(ROOT / "requirements.txt") == _pins(ROOT / "binder" / "requirements.txt")


def test_minimum_pins_come_from_pyproject(tmp_path):
    pins = reader_envs.minimum_pins()
    assert "numpy==1.26" in pins and any(p.startswith("scikit-learn==") for p in pins)
    bad = tmp_path / "pyproject.toml"
    bad.write_text('[project]\ndependencies = ["numpy"]\n[project.optional-dependencies]\nbook = []\n')
    with pytest.raises(ValueError, match="'numpy' needs a lower bound"):
        reader_envs.minimum_pins(bad)


# --------------------------------------------------------------------------- slow tier

def _problems(executed: nbformat.NotebookNode, committed: nbformat.NotebookNode) -> list[str]:
    problems = []
    assert len(executed.cells) == len(committed.cells)
    for i, (cell, ref) in enumerate(zip(executed.cells, committed.cells)):
        if cell.cell_type != "code":
            continue
        for out in cell.outputs:
            if out.output_type == "error":
                problems.append(f"cell {i}: {out.ename}: {out.evalue}")
            elif out.output_type == "stream" and out.name == "stderr":
                problems.append(f"cell {i} wrote to stderr: {out.text[:300]}")
        had = any(WIDGET_VIEW in o.get("data", {}) for o in ref.outputs)
        has = any(WIDGET_VIEW in o.get("data", {}) for o in cell.outputs)
        if had and not has:
            problems.append(f"cell {i}: no widget view (the committed notebook has one)")
    state = executed.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    images = [m for m in state.values() if m["model_name"] == "ImageModel"]
    for m in images:
        data = (m.get("buffers") or [{}])[0].get("data", "")
        if not base64.b64decode(data).startswith(b"\x89PNG"):
            problems.append(f"an image widget holds no PNG: {m['state'].get('layout')}")
    for m in state.values():
        if m["model_name"] == "HTMLModel" and 'role="alert"' in (m["state"].get("value") or ""):
            problems.append(f"a widget shows a message: {m['state']['value']}")
    expected = sum(any(WIDGET_VIEW in o.get("data", {}) for o in c.get("outputs", []))
                   for c in committed.cells if c.cell_type == "code")
    if len(images) < expected:
        problems.append(f"{len(images)} widget images for {expected} widget cells")
    return problems


@pytest.fixture(scope="module", params=["binder", "minimum"])
def reader_kernel(request, tmp_path_factory):
    """(kernel name, folder holding its kernelspec) for a freshly built reader environment."""
    python = reader_envs.build(request.param)
    where = tmp_path_factory.mktemp(f"kernels-{request.param}")
    return reader_envs.kernelspec(request.param, python, where), where


@pytest.mark.slow
@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_runs_top_to_bottom_in_the_readers_environment(reader_kernel, chapter):
    kernel, where = reader_kernel
    executed = reader_envs.execute(chapter, kernel, where)
    committed = nbformat.read(chapter, as_version=4)
    assert _problems(executed, committed) == []


def test_instructors_page_installs_from_the_books_repository():
    import yaml

    url = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]["url"]
    page = (ROOT / "instructors.md").read_text()
    assert f'"nnlib[book] @ git+{url}"' in page and f"repo={url}&" in page, (
        "instructors.md's install line differs from _config.yml: run scripts/set_repo_url.py")


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_binder_button_opens_the_notebook_in_jupyterlab(chapter):
    """The launch button opens JupyterLab (what the slow tier tests) on a notebook that exists."""
    page = ROOT / "_build" / "html" / "chapters" / f"{chapter.stem}.html"
    assert page.exists(), "run `make book` first (make test does)"
    links = re.findall(r'href="https://mybinder\.org/v2/gh/[^"?]+\?urlpath=([^"]+)"', page.read_text())
    assert links, f"{page.name}: no Binder button"
    for urlpath in links:
        assert urlpath.startswith("lab/tree/"), urlpath
        assert (ROOT / urlpath.removeprefix("lab/tree/")).is_file(), urlpath
