"""Helpers to write a chapter notebook from Python (used when a chapter is first drafted).

A chapter is committed as an executed ``.ipynb``; this module only makes writing the
first draft less error-prone: every cell gets its slide type and tags explicitly, and the
standard hidden setup cell is the same in every chapter.

    from scripts.new_chapter import md, code, setup_cell, write
    write("chapters/02_logistic.ipynb", [setup_cell(), md("# Title", slide="slide"), ...])
"""

from __future__ import annotations

from pathlib import Path

import nbformat

REPO_URL_FILE = Path(__file__).resolve().parent.parent / "_config.yml"


def repository_url() -> str:
    """The repository URL from ``_config.yml`` (what the launch buttons and Colab use)."""
    import yaml

    url = (yaml.safe_load(REPO_URL_FILE.read_text()).get("repository") or {}).get("url")
    if not url:
        raise ValueError("_config.yml has no repository.url")
    return url


SETUP_SOURCE = '''\
# Setup (hidden in the book). On Colab: install nnlib and what the chapters import (once per
# runtime), and turn on Colab's manager for ipywidgets 8 (on every run: "Restart session"
# forgets it). Locally, on Binder or on a JupyterHub nnlib is installed already.
import importlib.util, subprocess, sys
NNLIB_REPO = "{url}"
if "google.colab" in sys.modules:
    if importlib.util.find_spec("nnlib") is None:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q",
                        f"nnlib[book] @ git+{{NNLIB_REPO}}"], check=True)
    widgets = sys.modules.get("ipywidgets")  # imported before the upgrade: still version 7
    if widgets is not None and int(widgets.__version__.split(".")[0]) < 8:
        raise RuntimeError("ipywidgets 8 is installed now: Runtime > Restart session, then run all")
    from google.colab import output
    output.enable_custom_widget_manager()

import numpy as np
import matplotlib.pyplot as plt
from nnlib.plotting import setup_book

rng = setup_book(seed=0)'''


def setup_cell() -> nbformat.NotebookNode:
    return code(SETUP_SOURCE.format(url=repository_url()), tags=["remove-cell"], slide="skip")


def _meta(tags, slide, extra):
    meta = {"slideshow": {"slide_type": slide}}
    if tags:
        meta["tags"] = list(tags)
    meta.update(extra or {})
    return meta


def md(source: str, *, slide: str = "-", tags=(), **extra) -> nbformat.NotebookNode:
    return nbformat.v4.new_markdown_cell(source.strip("\n"), metadata=_meta(tags, slide, extra))


def code(source: str, *, slide: str = "-", tags=(), figure=None, **extra) -> nbformat.NotebookNode:
    if figure:
        caption, name = figure
        extra = {**(extra or {}), "mystnb": {"figure": {"caption": caption, "name": name}}}
    return nbformat.v4.new_code_cell(source.strip("\n"), metadata=_meta(tags, slide, extra))


def write(path: str, cells: list) -> None:
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    nbformat.write(nb, path)
