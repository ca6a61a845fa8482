"""Set the repository URL used by the launch buttons, the repository button and Colab.

    python scripts/set_repo_url.py https://github.com/OWNER/REPO [--branch main]

Updates ``repository.url`` (and ``branch``) in _config.yml and the ``NNLIB_REPO`` line of
every chapter's setup cell (Colab installs nnlib from there), and the URL in the
instructors' page (its JupyterHub install line and nbgitpuller link). Outputs are untouched,
so the notebooks stay executed; the hygiene test checks the two agree.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
URL = re.compile(r"^https://[\w.-]+/[\w.-]+/[\w.-]+$")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="e.g. https://github.com/OWNER/REPO")
    parser.add_argument("--branch", default=None)
    args = parser.parse_args(argv)
    url = args.url.rstrip("/").removesuffix(".git")
    if not URL.match(url):
        parser.error(f"url must look like https://github.com/OWNER/REPO, got {args.url!r}")
    config = ROOT / "_config.yml"
    text = config.read_text()
    old = re.search(r"(?m)^repository:\n(?:  #.*\n)*  url: (.*)$", text)
    text, n = re.subn(r"(?m)^(repository:\n(?:  #.*\n)*  url: ).*$", rf"\g<1>{url}", text)
    if n != 1:
        print("could not find repository.url in _config.yml", file=sys.stderr)
        return 1
    if args.branch:
        text = re.sub(r"(?m)^(  branch: ).*$", rf"\g<1>{args.branch}", text, count=1)
    config.write_text(text)
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        setup = nb.cells[0]
        setup.source = re.sub(r'(?m)^NNLIB_REPO = ".*"$', f'NNLIB_REPO = "{url}"', setup.source)
        nbformat.write(nb, path)
    instructors = ROOT / "instructors.md"
    if old and instructors.exists():
        instructors.write_text(instructors.read_text().replace(old[1].strip(), url))
    print(f"repository set to {url}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
