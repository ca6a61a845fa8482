"""Benchmark: how long a live widget update takes, against a fresh-figure redraw.

For every widget in the chapters' registries (``WIDGETS`` of each
``nnlib.widgets.<slug>`` package, see :mod:`nnlib.widgets.registry`; the ones that train
are timed too, without the target) this script drives the live ipywidgets widget the way a reader does, by setting
``box.nn_controls[name].value``, and times each change with ``time.perf_counter``
(the observer recomputes, updates the artists and encodes the PNG synchronously).
It also times the compute function alone and ``fig.render`` (compute + update +
encode, without ipywidgets), and a peer measured in the same run: the naive way,
a new :class:`matplotlib.figure.Figure` of the same size drawn from scratch with
the same data and saved as PNG at the same dpi.

Speed targets are reported as ratios against that peer, not as absolute timed tests.
The one absolute number is the project's 50 ms target for the median live update,
printed as "met" or "NOT met" (``--check`` turns a miss into exit code 1).

Usage::

    make bench
    .venv/bin/python bench/bench_widgets.py [--repeats 200] [--check]

Notes
-----
The change sequence is deterministic: sliders, in turn, sweep back and forth over
their range; every 10th change picks the next option of the dropdown. Ten changes
warm up first. For each change, the four timings are taken back to back
(live, compute, render, naive), so that background load affects them alike.
Results are also written to ``bench/results/widgets.json`` (gitignored).
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import os
import platform
import sys
import time
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")

import ipywidgets
import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from nnlib.plotting import COLORS, PROB_CMAP
from nnlib.widgets import Dropdown, Slider, chapters

#: Every registered widget, chapter by chapter (slugs sorted), in each chapter's order.
WIDGETS = {w.name: w for registry in chapters().values() for w in registry}
#: Widgets that train (``Widget.trains``): the 50 ms target does not apply; building them
#: or a change to a new configuration trains (once, then cached). Their build time and
#: max change time are reported.
TRAINING = {name for name, w in WIDGETS.items() if w.trains}
TARGET_MS = 50.0
WARMUP = 10
DROPDOWN_EVERY = 10
RESULTS = Path(__file__).resolve().parent / "results" / "widgets.json"


def sweep(slider: Slider, points: int = 13) -> list[float]:
    """Slider values from min to max and back (snapped to the slider's step)."""
    ticks = np.round(np.linspace(0, slider.max - slider.min, points) / slider.step)
    up = [round(slider.min + float(t) * slider.step, 6) for t in ticks]
    return up + up[-2:0:-1]


def change_sequence(fig, n: int) -> list[tuple[str, object]]:
    """`n` deterministic (control name, new value) changes; each one differs from the current value."""
    values = dict(fig.values)
    sliders = [c for c in fig.controls if isinstance(c, Slider)]
    menus = [c for c in fig.controls if isinstance(c, Dropdown)]
    sweeps = {c.name: sweep(c) for c in sliders}
    position = {c.name: 0 for c in sliders}
    changes = []
    for i in range(n):
        if menus and (i + 1) % DROPDOWN_EVERY == 0:
            menu = menus[(i // DROPDOWN_EVERY) % len(menus)]
            options = menu.grid()
            name, value = menu.name, options[(options.index(values[menu.name]) + 1) % len(options)]
        else:
            name = sliders[i % len(sliders)].name
            cycle = sweeps[name]
            while cycle[position[name] % len(cycle)] == values[name]:
                position[name] += 1
            value = cycle[position[name] % len(cycle)]
            position[name] += 1
        values[name] = value
        changes.append((name, value))
    return changes


def naive_redraw(builder_name: str, data: dict, figsize, dpi: int) -> bytes:
    """The peer: a new Figure drawn from scratch with `data`, saved as PNG."""
    fig = Figure(figsize=figsize, dpi=dpi)
    FigureCanvasAgg(fig)
    if builder_name == "neuron_1d":
        ax_y, ax_d = fig.subplots(1, 2)
        ax_y.plot(data["x"], data["y"], color=COLORS["blue"], lw=2)
        ax_d.plot(data["x"], data["dy_dz"], color=COLORS["vermillion"], lw=2)
    elif builder_name == "neuron_2d":
        ax = fig.add_subplot()
        image = ax.imshow(data["y"], origin="lower", extent=(-3, 3, -3, 3), cmap=PROB_CMAP,
                          interpolation="nearest")
        if data["boundary"] is not None:
            ax.plot(*data["boundary"], color="black", lw=2)
        ax.set(xlim=(-3, 3), ylim=(-3, 3))
        fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    else:
        return b""  # no hand-written peer for this widget: reported as "-"
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def ms(seconds: list[float]) -> dict:
    t = 1000 * np.asarray(seconds)
    return {"median": float(np.median(t)), "p90": float(np.percentile(t, 90)),
            "min": float(t.min()), "max": float(t.max()), "mean": float(t.mean())}


def bench_widget(builder_name: str, repeats: int) -> dict:
    """Time `repeats` live changes of one widget, plus compute, render and the naive peer."""
    t_build = time.perf_counter()
    fig = WIDGETS[builder_name].build()
    t_build = time.perf_counter() - t_build
    box = fig.widget
    figsize, dpi = tuple(fig.figure.get_size_inches()), fig.dpi
    times = {"live": [], "compute": [], "render": [], "naive": []}
    messages = 0
    for i, (name, value) in enumerate(change_sequence(fig, WARMUP + repeats)):
        before = box.nn_image.value
        t0 = time.perf_counter()
        box.nn_controls[name].value = value
        t1 = time.perf_counter()
        if fig.message and builder_name in TRAINING:  # e.g. a diverging learning rate:
            messages += 1                             # the widget says so, as it should
            continue
        if fig.values[name] != value or fig.message or box.nn_image.value is before:
            raise RuntimeError(f"{builder_name}: setting {name}={value!r} did not redraw "
                               f"({fig.message or 'no new image'})")
        values = dict(fig.values)
        t2 = time.perf_counter()
        data = fig.compute(**values)
        t3 = time.perf_counter()
        fig.render(**values)
        t4 = time.perf_counter()
        naive_redraw(builder_name, data, figsize, dpi)
        t5 = time.perf_counter()
        if i >= WARMUP:
            for key, dt in zip(times, (t1 - t0, t3 - t2, t4 - t3, t5 - t4)):
                times[key].append(dt)
    stats = {key: ms(t) for key, t in times.items()}
    live = stats["live"]["median"]
    has_peer = builder_name in ("neuron_1d", "neuron_2d")
    trains = builder_name in TRAINING
    return {"widget": builder_name, "repeats": repeats, "figsize": figsize, "dpi": dpi, **stats,
            "build_s": t_build, "trains": trains, "messages": messages,
            "ratio_naive_over_live": stats["naive"]["median"] / live if has_peer else None,
            "target_ms": None if trains else TARGET_MS,
            "target_met": True if trains else live <= TARGET_MS}


def machine_info() -> dict:
    return {"date": datetime.date.today().isoformat(), "python": platform.python_version(),
            "numpy": np.__version__, "matplotlib": matplotlib.__version__,
            "ipywidgets": ipywidgets.__version__, "cpu_count": os.cpu_count(),
            "platform": platform.platform(), "load_average_1min": os.getloadavg()[0]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=200, help="timed changes per widget (default 200)")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is not met")
    parser.add_argument("--out", type=Path, default=RESULTS,
                        help=f"where to write the JSON results (default {RESULTS.name} in "
                             f"bench/results/)")
    parser.add_argument("--no-training", action="store_true", help="skip the widgets that train")
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")

    info = machine_info()
    print(" ".join(f"{k}={v}" for k, v in info.items()))
    print(f"{args.repeats} timed changes per widget after {WARMUP} warm-up changes\n")
    header = (f"{'widget':<19} {'build s':>7} {'live ms':>8} {'p90 ms':>7} {'max ms':>7} {'compute':>8} "
              f"{'render':>7} {'naive ms':>9} {'naive/live':>10}  target {TARGET_MS:.0f} ms")
    print(header)
    print("-" * len(header))
    results = []
    names = [name for name in WIDGETS if not (args.no_training and name in TRAINING)]
    for name in names:
        r = bench_widget(name, min(args.repeats, 40) if name in TRAINING else args.repeats)
        results.append(r)
        ratio = r["ratio_naive_over_live"]
        naive = f"{r['naive']['median']:9.1f} {ratio:10.2f}" if ratio else f"{'-':>9} {'-':>10}"
        verdict = "trains (n/a)" if r["trains"] else ("met" if r["target_met"] else "NOT met")
        print(f"{name:<19} {r['build_s']:7.1f} {r['live']['median']:8.1f} {r['live']['p90']:7.1f} "
              f"{r['live']['max']:7.0f} {r['compute']['median']:8.2f} {r['render']['median']:7.1f} "
              f"{naive}  {verdict}", flush=True)
    print("\nlive = one control change through ipywidgets (compute + update + PNG); render = "
          "fig.render;\nnaive = fresh Figure from the same data + PNG (compute not included); "
          "times are medians.")

    print(f"load average (1 min) before: {info['load_average_1min']:.2f}, after: {os.getloadavg()[0]:.2f}")
    info["load_average_1min_after"] = os.getloadavg()[0]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"machine": info, "results": results}, indent=2) + "\n")
    out = args.out.resolve()
    print(f"wrote {out.relative_to(Path.cwd()) if out.is_relative_to(Path.cwd()) else out}")
    return 1 if args.check and not all(r["target_met"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
