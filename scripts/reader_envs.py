"""The environments readers run the chapters in, rebuilt here from exactly what they read.

* ``binder``: what mybinder.org builds for this repository. repo2docker reads only the
  ``binder/`` folder (it exists, so the top-level files are ignored): ``runtime.txt``
  (Python 3.11), ``requirements.txt`` installed into the environment that also runs the
  Jupyter server and the kernel (for Python >= 3.7 they are one environment), then
  ``postBuild`` in the repository folder. The server side is repo2docker's own base
  environment; :data:`BINDER_BASE` pins its Jupyter packages as repo2docker's lock file for
  Python 3.11 does (``repo2docker/buildpacks/conda/environment.py-3.11-linux-64.lock``).
* ``minimum``: Python 3.11 with every dependency at the lower bound ``pyproject.toml``
  declares (``[project] dependencies`` and the ``book`` extra), plus a kernel.
* ``nbgrader``: the instructors' grading environment, as a JupyterHub with nbgrader has it:
  :data:`NBGRADER` (which brings a Jupyter server extension, notebook 7 and SQLAlchemy, so it
  stays out of the reader's and the book's environments) with the reader's pins and nnlib,
  so that autograding runs the assignment in a kernel like the reader's
  (``scripts/assignment.py``, ``make assignment``).

Each environment is a virtualenv in ``.envs/<name>`` (git-ignored), rebuilt when what it is
made from changes (a stamp holds the hash of its inputs). Used by the slow test tier
(``tests/envs/``) and ``bench/bench_jupyterlab.py``:

    python scripts/reader_envs.py binder minimum     # build (or reuse) both
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENVS = ROOT / ".envs"
PYTHON = os.environ.get("READER_PYTHON", "python3.11")

#: The Jupyter packages of repo2docker's base environment for Python 3.11 (server + kernel).
BINDER_BASE = ["jupyterlab==4.4.9", "notebook==7.4.7", "jupyter_server==2.17.0",
               "ipykernel==7.0.1", "ipywidgets==8.1.7", "jupyterlab_widgets==3.0.15"]
#: What a kernel needs besides the declared dependencies, in the minimum environment.
MINIMUM_KERNEL = ["ipykernel"]
#: The grading tool of the ``nbgrader`` environment.
NBGRADER = ["nbgrader==0.9.6"]


def minimum_pins(pyproject: Path = ROOT / "pyproject.toml") -> list[str]:
    """``name==lower bound`` for every dependency of nnlib and its ``book`` extra.

    Every such dependency must declare a lower bound (``>=``): an unbounded one has no
    minimum to test, which is an error here.
    """
    project = tomllib.loads(pyproject.read_text())["project"]
    requirements = list(project["dependencies"])
    for req in project["optional-dependencies"]["book"]:
        if not req.startswith("nnlib["):  # the extra may include other extras of nnlib
            requirements.append(req)
    for extra in re.findall(r"nnlib\[([^\]]+)\]", " ".join(project["optional-dependencies"]["book"])):
        for name in extra.split(","):
            requirements.extend(project["optional-dependencies"][name.strip()])
    pins = []
    for req in requirements:
        match = re.fullmatch(r"\s*([A-Za-z0-9_.-]+)\s*>=\s*([0-9][0-9.]*)\s*", req)
        if not match:
            raise ValueError(f"pyproject.toml: dependency {req!r} needs a lower bound 'name>=x.y'")
        pins.append(f"{match[1]}=={match[2]}")
    return sorted(set(pins), key=str.lower)


def recipe(name: str) -> list[list[str]]:
    """The pip/bash steps that make environment `name`, run with its own python."""
    if name == "binder":
        return [["pip", "install", *BINDER_BASE],
                ["pip", "install", "-r", str(ROOT / "binder" / "requirements.txt")],
                ["bash", str(ROOT / "binder" / "postBuild")]]
    if name == "minimum":
        return [["pip", "install", *minimum_pins(), *MINIMUM_KERNEL],
                ["pip", "install", "--no-deps", "-e", str(ROOT)]]
    if name == "nbgrader":
        return [["pip", "install", *NBGRADER, "-r", str(ROOT / "binder" / "requirements.txt")],
                ["pip", "install", "--no-deps", "-e", str(ROOT)]]
    raise ValueError(f"name must be 'binder', 'minimum' or 'nbgrader', got {name!r}")


def _inputs_hash(name: str) -> str:
    files = [ROOT / "pyproject.toml"] + sorted((ROOT / "binder").iterdir())
    digest = hashlib.sha256(json.dumps(recipe(name)).encode())
    for f in files:
        digest.update(f.name.encode() + f.read_bytes())
    return digest.hexdigest()


def build(name: str, quiet: bool = True) -> Path:
    """Build (or reuse) environment `name`; return its Python executable.

    Safe to call from parallel test workers: one builds while the others wait on a lock.
    """
    import fcntl

    ENVS.mkdir(exist_ok=True)
    with open(ENVS / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _build_locked(name, quiet)


def _build_locked(name: str, quiet: bool) -> Path:
    env = ENVS / name
    python, stamp = env / "bin" / "python", env / ".built"
    want = _inputs_hash(name)
    if stamp.exists() and stamp.read_text() == want and python.exists():
        return python
    subprocess.run(["rm", "-rf", str(env)], check=True)
    subprocess.run([PYTHON, "-m", "venv", str(env)], check=True)
    bin_dir = str(env / "bin")
    run_env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "VIRTUAL_ENV": str(env),
               "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    for step in recipe(name):
        cmd = [str(python), "-m", *step] if step[0] == "pip" else step
        done = subprocess.run(cmd, cwd=ROOT, env=run_env, capture_output=quiet, text=True)
        if done.returncode:
            raise RuntimeError(f"building environment {name!r}: {' '.join(step)} failed:\n"
                               f"{done.stdout}{done.stderr}" if quiet else "")
    check = subprocess.run([str(python), "-m", "pip", "check"], capture_output=True, text=True)
    if check.returncode:
        raise RuntimeError(f"environment {name!r} has broken requirements:\n{check.stdout}")
    stamp.write_text(want)
    return python


def kernelspec(name: str, python: Path, where: Path) -> str:
    """Write a kernelspec ``reader-<name>`` for `python` under `where`/kernels; return its name."""
    kernel = f"reader-{name}"
    spec_dir = where / "kernels" / kernel
    spec_dir.mkdir(parents=True, exist_ok=True)
    (spec_dir / "kernel.json").write_text(json.dumps({
        "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": f"Python 3 ({name})", "language": "python"}))
    return kernel


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["binder", "minimum"]:
        print(f"{arg}: {build(arg, quiet=True)}")


def execute(notebook: Path, kernel: str, kernels_root: Path, timeout: int = 900):
    """Run `notebook` top to bottom in kernel `kernel`; return the executed notebook.

    Widget state is stored in the notebook's metadata (as "Save widget state" would), so a
    caller can check what each widget showed. An error in a cell raises
    ``nbclient.exceptions.CellExecutionError``.
    """
    import nbclient
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    old = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(kernels_root), old]))
    try:
        client = nbclient.NotebookClient(
            nb, kernel_name=kernel, timeout=timeout, store_widget_state=True,
            resources={"metadata": {"path": str(notebook.parent)}})
        # A reader's kernel has no MPLBACKEND: figures use the inline backend.
        client.execute(env={k: v for k, v in os.environ.items() if k != "MPLBACKEND"})
    finally:
        if old is None:
            os.environ.pop("JUPYTER_PATH", None)
        else:
            os.environ["JUPYTER_PATH"] = old
    return nb
