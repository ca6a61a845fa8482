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
# Setup (hidden in the book): on Colab, install nnlib from the book's repository;
# locally and on Binder nnlib is already installed and this does nothing else.
import importlib.util, subprocess, sys
NNLIB_REPO = "{url}"
if "google.colab" in sys.modules and importlib.util.find_spec("nnlib") is None:
    subprocess.run([sys.executable, "-m", "pip", "install", "-q",
                    f"nnlib[widgets] @ git+{{NNLIB_REPO}}"], check=True)
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
