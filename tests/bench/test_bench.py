"""The benchmarks still run and still measure what bench/README.md says they measure.

Each runs as a subprocess, as ``make bench`` runs it (bench_widgets sets MPLBACKEND for its
own process, which must not leak into the notebook kernels of this test session), with the
smallest workload, writing its JSON to a temporary file. Speed is not tested here: the
targets are ratios for ``make bench`` on an idle machine (bench/README.md).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_bench(script: str, *args: str, out: Path) -> tuple[str, dict]:
    done = subprocess.run([sys.executable, str(ROOT / "bench" / script), *args, "--out",
                           str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout, json.loads(out.read_text())


def test_mnist_benchmark_times_every_peer_and_keeps_evaluation_apart(tmp_path):
    pytest.importorskip("sklearn")
    stdout, report = run_bench("bench_mnist.py", "--epochs", "1", out=tmp_path / "m.json")
    results = report["results"]
    expected = {"nnlib", "scikit-learn", "numpy textbook", "matmuls alone",
                "nnlib, 1 thread", "matmuls, 1 thread"}
    assert expected <= set(results) <= expected | {"PyTorch CPU"}
    nnlib = results["nnlib"]
    assert nnlib["ratio_vs_nnlib"] == 1.0 and nnlib["seconds_per_epoch"] > 0
    # the end-of-epoch evaluation is timed apart from the steps (MLP.evaluate is wrapped):
    # if the training loop changed how it evaluates, this is where it shows
    assert nnlib["eval_seconds_per_epoch"] > 0
    assert nnlib["epochs"]["train"] == [nnlib["seconds_per_epoch"]]
    # the textbook loop does nnlib's arithmetic from nnlib's weights and shuffles
    assert abs(results["numpy textbook"]["test_acc"] - nnlib["test_acc"]) <= 0.005
    assert 0.8 < nnlib["test_acc"] < 1.0  # one epoch on 8,000 digits
    targets = report["targets"]
    assert len(targets) == 4  # PyTorch, scikit-learn, products at default threads and at 1
    assert [t["target"].endswith(threads) for t, threads in
            zip(targets[2:], ["default threads", "1 thread"])] == [True, True]
    assert all(t["status"] in ("met", "NOT met", "skipped") for t in targets)
    assert "PyTorch not installed" in stdout or "PyTorch CPU" in results
    assert "ratio vs nnlib = median over rounds" in stdout


def test_widget_benchmark_moves_every_widget_and_checks_each_redraw(tmp_path):
    stdout, report = run_bench("bench_widgets.py", "--repeats", "2", "--no-training",
                               out=tmp_path / "w.json")
    from nnlib.widgets import chapters

    names = [r["widget"] for r in report["results"]]
    registered = [w.name for widgets in chapters().values() for w in widgets if not w.trains]
    assert names == registered and "neuron_1d" in names  # every registered widget, in order
    for r in report["results"]:
        assert r["repeats"] == 2 and r["messages"] == 0 and not r["trains"]
        assert 0 < r["compute"]["median"] < r["live"]["median"]
        assert isinstance(r["target_met"], bool)
    assert "load average" in stdout


def test_first_view_benchmark_measures_every_page_and_deck():
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_first_view.py"), "--mbit", "200"],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| chapters/") or
            line.startswith("| slides/")]
    built = list((ROOT / "_build" / "html" / "chapters").glob("*.html"))
    assert len(rows) == 2 * len(built) and all(" MB |" in r for r in rows), done.stdout


def test_backprop_benchmark_times_forward_backward_and_finite_differences(tmp_path):
    stdout, report = run_bench("bench_backprop.py", "--repeats", "3", "--batch", "16",
                               out=tmp_path / "b.json")
    fb, fd = report["forward_backward"], report["finite_differences"]
    assert fb["forward_s"] > 0 and fb["forward_and_backward_s"] > 0
    assert fb["gradient_over_forward"] == fb["forward_and_backward_s"] / fb["forward_s"]
    assert fd["parameters"] == 16 * 21 + 16 * 17 + 3 * 17  # MLP 20-16-16-3
    assert fd["max_abs_difference"] < 1e-7  # it timed the same gradient both ways
    assert "backward =" in stdout and "central differences =" in stdout


def test_full_mnist_benchmark_runs_every_peer_in_every_setting(tmp_path):
    pytest.importorskip("sklearn")
    stdout, report = run_bench("bench_mnist_full.py", "--epochs", "1", "--rows", "640",
                               "--threads", "1", "2", "--dtypes", "float32",
                               out=tmp_path / "f.json")
    assert report["settings"]["rows"] == 640 and report["settings"]["batch_size"] == 64
    runs = report["runs"]
    assert [(r["threads"], r["dtype"]) for r in runs] == [(1, "float32"), (2, "float32"),
                                                         ("default", "float64")]
    for run in runs[:2]:
        results = run["results"]
        assert {"nnlib", "scikit-learn"} <= set(results) <= {"nnlib", "scikit-learn", "PyTorch CPU"}
        assert results["nnlib"]["ratio_vs_nnlib"] == 1.0
        assert all(r["seconds"] > 0 and 0 <= r["test_acc"] <= 1 for r in results.values())
    assert set(runs[2]["results"]) == {"nnlib defaults"}
    assert "load average (1 min) before" in stdout
    assert "PyTorch not installed" in stdout or "PyTorch CPU" in runs[0]["results"]
