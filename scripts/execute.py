"""Re-execute chapter notebooks in place, deterministically, with static widget frames.

    python scripts/execute.py                      # every chapter
    python scripts/execute.py chapters/01_activations.ipynb

Each notebook runs in a fresh kernel from this environment with ``NNLIB_EMBED_FRAMES=1``
(widgets pre-compute their frames for the static site and slides) and without saving
widget state (the pages show our frames, not dead widget views). Timing metadata is
removed, widget model ids are made stable and consecutive pieces of one stream are merged,
so a re-run changes only what really changed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def merge_streams(outputs: list) -> list:
    """Consecutive outputs of one stream as one output: how the kernel splits what a cell
    prints into messages depends on timing (a loaded machine splits more), not on the code."""
    merged: list = []
    for output in outputs:
        last = merged[-1] if merged else None
        if (last is not None and output.get("output_type") == "stream"
                and last.get("output_type") == "stream" and last["name"] == output["name"]):
            last["text"] += output["text"]
        else:
            merged.append(output)
    return merged


def execute(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, kernel_name="python3", timeout=600, store_widget_state=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    for index, cell in enumerate(nb.cells):
        cell.metadata.pop("execution", None)
        if "outputs" in cell:
            cell.outputs = merge_streams(cell.outputs)
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view:  # random per run and meaningless without saved state: make it stable
                view["model_id"] = f"nnlib-cell-{index}"
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)


def main(argv: list[str]) -> int:
    os.environ["NNLIB_EMBED_FRAMES"] = "1"
    os.environ.setdefault("PYTHONHASHSEED", "0")
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    paths = [Path(a) for a in argv] or sorted((ROOT / "chapters").glob("*.ipynb"))
    for path in paths:
        print(f"executing {path}", flush=True)
        execute(path.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
