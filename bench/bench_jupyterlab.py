"""Slider -> new image latency of every live widget, in JupyterLab, as a reader feels it.

Each chapter is opened in JupyterLab running from the Binder environment
(`scripts/reader_envs.py`), run with Run All Cells, and every control of every widget is moved
`--moves` times (sliders one keyboard step, alternately right and left; drop-downs to the next
option). The time is from the browser's input event to the widget's image getting its new
source (a MutationObserver), so it includes the kernel's compute and draw, the PNG encoding,
the comm round trip and the browser's decoding. The first move of a control is counted: a
training widget that pre-computes on first use shows up in "worst".

    python bench/bench_jupyterlab.py [--moves 6] [--chapters 01_activations ...]

Prints a Markdown table (median, p90, worst per widget) for bench/README.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts import labdriver, reader_envs  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def measure(chapters: list[Path], moves: int) -> list[tuple[str, str, list[float]]]:
    import nbformat

    rows = []
    with labdriver.lab_server(reader_envs.build("binder"), chapters) as lab, labdriver.chromium() as browser:
        for chapter in chapters:
            nb = nbformat.read(chapter, as_version=4)
            expected = sum("application/vnd.jupyter.widget-view+json" in o.get("data", {})
                           for c in nb.cells if c.cell_type == "code" for o in c.outputs)
            page = labdriver.open_notebook(browser, lab, chapter.name)
            labdriver.run_all(page, widgets=expected)
            for widget in labdriver.widgets(page):
                times = []
                for control in widget.controls:
                    for k in range(moves):
                        times.append(control.change(forward=_direction(control, k)))
                rows.append((chapter.stem, widget.title, times))
                print(f"  {chapter.stem}: {widget.title}: {len(times)} moves", file=sys.stderr)
            page.close()
            lab.shutdown_kernels()
    return rows


def _direction(control: labdriver.Control, k: int) -> bool | None:
    """Sliders: the first move goes where there is room, then back and forth."""
    if control.kind != "slider":
        return None
    now = float(control.handle.get_attribute("aria-valuenow"))
    top = float(control.handle.get_attribute("aria-valuemax"))
    low = float(control.handle.get_attribute("aria-valuemin"))
    if now >= top:
        return False
    if now <= low:
        return True
    return k % 2 == 0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=6, help="moves per control (>= 1)")
    parser.add_argument("--chapters", nargs="*", help="chapter stems, default all")
    args = parser.parse_args(argv)
    if args.moves < 1:
        parser.error("--moves must be at least 1")
    chapters = sorted((ROOT / "chapters").glob("*.ipynb"))
    if args.chapters:
        unknown = set(args.chapters) - {c.stem for c in chapters}
        if unknown:
            parser.error(f"--chapters: unknown {sorted(unknown)}; choose from {[c.stem for c in chapters]}")
        chapters = [c for c in chapters if c.stem in args.chapters]
    rows = measure(chapters, args.moves)
    everything = [t for _, _, times in rows for t in times]
    print("| chapter | widget | moves | median ms | p90 ms | worst ms |")
    print("|---|---|---:|---:|---:|---:|")
    for chapter, title, times in rows:
        print(f"| {chapter} | {title} | {len(times)} | {statistics.median(times):.0f} | "
              f"{percentile(times, 0.9):.0f} | {max(times):.0f} |")
    print(f"| all | | {len(everything)} | {statistics.median(everything):.0f} | "
          f"{percentile(everything, 0.9):.0f} | {max(everything):.0f} |")


if __name__ == "__main__":
    main()
