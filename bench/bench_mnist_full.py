"""Benchmark: the MNIST chapter's network on a full-MNIST-sized run, nnlib against peers.

The chapter (chapters/08_mnist.ipynb) trains a 784-128-10 ReLU/softmax MLP by plain
minibatch SGD with the settings of ``nnlib.widgets.mnist.recipe.RECIPE`` (lr 0.2, batch 64,
no momentum, no L2). Here the same network is trained on 60,000 rows, the size of the full
MNIST training set: the 8,000 shipped training digits tiled (``load_mnist("train")``
repeated 7.5 times; timing does not care which digits they are, and the benchmark never
downloads), for 5 epochs, by

- **nnlib**: ``MLP(sizes, dtype=...)`` and :func:`nnlib.training.iterate_training` (the loop
  of ``train``), without a test set; the loss and accuracy it measures on the training set
  after each epoch (``MLP.evaluate``) are timed and subtracted, as the peers do not do it;
- **PyTorch CPU** (if installed): ``nn.Sequential(Linear, ReLU, Linear)``,
  ``CrossEntropyLoss``, ``optim.SGD``, minibatches taken by hand from ``torch.randperm``;
- **scikit-learn**: ``MLPClassifier(solver="sgd", momentum=0, alpha=0, ...)``, one epoch per
  ``fit`` with ``warm_start``;

each at 1 and 2 BLAS threads (``threadpoolctl.threadpool_limits`` for numpy, scipy and so
scikit-learn; ``torch.set_num_threads`` for PyTorch) and in float32 and float64: one
*setting* per (threads, dtype). A fourth row, **nnlib defaults**, is nnlib as called without
options (float64, batch 32, the BLAS's own threads), for the figures of issue 21.

Timing: within a setting the peers take turns, one epoch each, starting with a different peer
every round, after a pause (idle BLAS threads keep spinning; see bench_mnist.py). Reported per
peer: the seconds of the 5 epochs' training steps (evaluation excluded), the test accuracy on
``load_mnist("test")`` after the last epoch, and the ratio peer / nnlib in that setting (the
median over rounds of the ratio of the round's two epochs). The 1-minute load average
before and after is recorded: on 2 cores shared with other work the thread settings trade
places (bench/README.md, "Full-MNIST-sized run").

Usage::

    .venv/bin/python bench/bench_mnist_full.py [--epochs 5] [--rows 60000]
        [--threads 1 2] [--dtypes float32 float64] [--no-defaults]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier
from threadpoolctl import threadpool_limits

from nnlib.mnist import load_mnist
from nnlib.training import iterate_training
from nnlib.widgets.mnist.recipe import RECIPE

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_mnist import TimedMLP  # noqa: E402  (evaluation timed apart, as there)

try:
    import torch
except ImportError:  # optional peer
    torch = None

SIZES, LR, BATCH_SIZE, SEED = list(RECIPE.sizes), RECIPE.lr, RECIPE.batch_size, RECIPE.seed
PAUSE = 0.25  # seconds before each turn, for the previous peer's worker threads to go idle
RESULTS = Path(__file__).resolve().parent / "results" / "mnist_full.json"


def tiled(rows: int, dtype: str) -> tuple[np.ndarray, np.ndarray]:
    """The shipped training digits repeated up to `rows` rows (X (rows, 784), y (rows,))."""
    X, y = load_mnist("train", dtype=dtype)
    reps = -(-rows // len(X))
    return np.tile(X, (reps, 1))[:rows], np.tile(y, reps)[:rows]


class Nnlib:
    name = "nnlib"
    batch_size: int | None = BATCH_SIZE

    def __init__(self, X, y, dtype, epochs):
        self.model = TimedMLP(SIZES, activation="relu", output="softmax", dtype=dtype,
                              seed=SEED)
        self.run = iterate_training(self.model, X, y, optimizer="sgd", lr=LR, epochs=epochs,
                                    batch_size=self.batch_size, seed=SEED, progress=False)

    def epoch(self) -> float:
        """Seconds of one epoch's steps (the end-of-epoch evaluation subtracted)."""
        self.model.eval_seconds = 0.0
        start = time.perf_counter()
        next(self.run)  # one epoch of steps, then the training loss and accuracy
        return time.perf_counter() - start - self.model.eval_seconds

    def accuracy(self, X_test, y_test) -> float:
        return float(self.model.score(X_test, y_test))


class NnlibDefaults(Nnlib):
    """nnlib called without options: float64 (MLP's default), batch 32 ("auto")."""

    name = "nnlib defaults"
    batch_size = "auto"

    def __init__(self, X, y, dtype, epochs):
        super().__init__(X.astype(np.float64), y, np.float64, epochs)


class Torch:
    name = "PyTorch CPU"

    def __init__(self, X, y, dtype, epochs):
        nn = torch.nn
        torch.manual_seed(SEED)
        self.dtype = getattr(torch, np.dtype(dtype).name)
        self.net = nn.Sequential(nn.Linear(SIZES[0], SIZES[1]), nn.ReLU(),
                                 nn.Linear(SIZES[1], SIZES[2])).to(self.dtype)
        self.optimizer = torch.optim.SGD(self.net.parameters(), lr=LR)
        self.loss = nn.CrossEntropyLoss()
        self.generator = torch.Generator().manual_seed(SEED)
        self.X, self.y = torch.from_numpy(X), torch.from_numpy(y)

    def epoch(self) -> float:
        start = time.perf_counter()
        order = torch.randperm(len(self.X), generator=self.generator)
        for first in range(0, len(self.X), BATCH_SIZE):
            idx = order[first:first + BATCH_SIZE]
            self.optimizer.zero_grad()
            loss = self.loss(self.net(self.X[idx]), self.y[idx])
            loss.backward()
            self.optimizer.step()
            loss.item()  # as nnlib records every minibatch loss
        return time.perf_counter() - start

    def accuracy(self, X_test, y_test) -> float:
        with torch.no_grad():
            F = self.net(torch.from_numpy(X_test.astype(self.X.numpy().dtype)))
        return float((F.argmax(dim=1).numpy() == y_test).mean())


class Sklearn:
    name = "scikit-learn"

    def __init__(self, X, y, dtype, epochs):
        self.X, self.y = X, y
        self.model = MLPClassifier(
            hidden_layer_sizes=(SIZES[1],), activation="relu", solver="sgd",
            learning_rate_init=LR, batch_size=BATCH_SIZE, momentum=0,
            nesterovs_momentum=False, alpha=0, max_iter=1, warm_start=True, shuffle=True,
            random_state=np.random.RandomState(SEED))

    def epoch(self) -> float:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)  # max_iter=1, on purpose
            start = time.perf_counter()
            self.model.fit(self.X, self.y)
            return time.perf_counter() - start

    def accuracy(self, X_test, y_test) -> float:
        return float(self.model.score(X_test.astype(self.X.dtype), y_test))


def run_setting(threads: int | None, dtype: str, rows: int, epochs: int,
                kinds: list[type]) -> dict:
    """Every peer of `kinds` for `epochs` epochs at `threads` BLAS threads (None: the
    BLAS's default) in `dtype`, taking turns; {name: record}."""
    X, y = tiled(rows, dtype)
    X_test, y_test = load_mnist("test", dtype=dtype)
    if torch is not None:
        torch.set_num_threads(threads or os.cpu_count() or 1)
    with threadpool_limits(threads, user_api="blas"):
        peers = [kind(X, y, dtype, epochs) for kind in kinds]
        times = {p.name: [] for p in peers}
        for epoch in range(epochs):
            for i in range(len(peers)):  # take turns, a different peer first every round
                peer = peers[(epoch + i) % len(peers)]
                time.sleep(PAUSE)
                times[peer.name].append(peer.epoch())
        results = {}
        for p in peers:
            results[p.name] = {"seconds": float(np.sum(times[p.name])),
                               "epochs": times[p.name],
                               "test_acc": p.accuracy(X_test, y_test)}
    base = np.array(times["nnlib"]) if "nnlib" in times else None
    for r in results.values():
        if base is not None:
            r["ratio_vs_nnlib"] = float(np.median(np.array(r["epochs"]) / base))
    return results


def machine_info() -> dict:
    from threadpoolctl import threadpool_info

    blas = ", ".join(f"{p['internal_api']} {p.get('version')} ({p['num_threads']} threads)"
                     for p in threadpool_info() if p["user_api"] == "blas")
    return {"date": datetime.datetime.now().isoformat(timespec="minutes"),
            "python": platform.python_version(), "numpy": np.__version__,
            "scikit-learn": sklearn.__version__, "torch": torch.__version__ if torch else None,
            "blas": blas or "unknown", "cpu_count": os.cpu_count(),
            "load_average_1min": os.getloadavg()[0]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--rows", type=int, default=60_000)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--dtypes", nargs="+", default=["float32", "float64"],
                        choices=["float32", "float64"])
    parser.add_argument("--no-defaults", action="store_true",
                        help="skip the 'nnlib defaults' row (float64, batch 32, default threads)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if args.epochs < 1 or args.rows < BATCH_SIZE or min(args.threads) < 1:
        parser.error("--epochs >= 1, --rows >= the batch size and --threads >= 1, please")

    info = machine_info()
    print(" ".join(f"{k}={v}" for k, v in info.items()))
    if torch is None:
        print("PyTorch not installed: its rows are skipped")
    print(f"{args.rows} rows (shipped training digits tiled), {args.epochs} epochs of "
          f"{'-'.join(map(str, SIZES))} ReLU/softmax, SGD lr {LR}, batch {BATCH_SIZE}\n")
    kinds = [Nnlib, Sklearn] + ([Torch] if torch else [])
    settings = []
    header = f"{'threads':>7} {'dtype':>8} {'peer':<15} {'seconds':>8} {'test acc':>9} {'peer/nnlib':>11}"
    print(header)
    print("-" * len(header))
    for threads in args.threads:
        for dtype in args.dtypes:
            results = run_setting(threads, dtype, args.rows, args.epochs, kinds)
            settings.append({"threads": threads, "dtype": dtype, "results": results})
            for name, r in results.items():
                print(f"{threads:>7} {dtype:>8} {name:<15} {r['seconds']:8.2f} "
                      f"{r['test_acc']:9.4f} {r.get('ratio_vs_nnlib', float('nan')):11.2f}",
                      flush=True)
    if not args.no_defaults:
        results = run_setting(None, "float64", args.rows, args.epochs, [NnlibDefaults])
        settings.append({"threads": "default", "dtype": "float64", "batch_size": 32,
                         "results": results})
        r = results[NnlibDefaults.name]
        print(f"{'default':>7} {'float64':>8} {NnlibDefaults.name:<15} {r['seconds']:8.2f} "
              f"{r['test_acc']:9.4f}")
    info["load_average_1min_after"] = os.getloadavg()[0]
    print(f"\nseconds = the {args.epochs} epochs' training steps (evaluation excluded); "
          f"peer/nnlib = median over rounds of the peer's epoch / nnlib's in the same setting")
    print(f"load average (1 min) before: {info['load_average_1min']:.2f}, "
          f"after: {info['load_average_1min_after']:.2f}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"machine": info, "settings": {
        "sizes": SIZES, "lr": LR, "batch_size": BATCH_SIZE, "epochs": args.epochs,
        "rows": args.rows, "seed": SEED}, "runs": settings}, indent=2) + "\n")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
