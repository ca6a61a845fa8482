"""Benchmark: training a 784-128-10 MLP on the shipped MNIST split, nnlib against peers.

Every peer trains the same network, a 784-128-10 ReLU/softmax MLP with cross-entropy,
by plain minibatch SGD (lr 0.1, batch 64, no momentum, no L2, a new shuffle every
epoch) on the same float32 data, ``nnlib.mnist.load_mnist("train")`` (8,000 digits),
and is tested on ``load_mnist("test")`` (2,000 digits):

- **nnlib**: ``MLP([784, 128, 10], activation="relu", output="softmax",
  dtype=np.float32, seed=0)`` trained by :func:`nnlib.training.iterate_training`
  with the arguments of ``train(model, X, y, optimizer="sgd", lr=0.1, epochs=10,
  batch_size=64, seed=0, X_test=..., y_test=..., progress=False)`` (``train`` is a
  loop over ``iterate_training``, which lets us stop the clock after each epoch);
- **scikit-learn**: ``MLPClassifier(hidden_layer_sizes=(128,), activation="relu",
  solver="sgd", learning_rate_init=0.1, batch_size=64, momentum=0,
  nesterovs_momentum=False, alpha=0, max_iter=1, warm_start=True, shuffle=True,
  random_state=np.random.RandomState(0))``, one ``fit`` (one epoch) at a time;
- **PyTorch CPU** (if installed): ``nn.Sequential(Linear(784, 128), ReLU(),
  Linear(128, 10))``, ``CrossEntropyLoss``, ``optim.SGD(lr=0.1)``, minibatches taken
  by hand from a ``torch.randperm`` order (no DataLoader);
- **numpy textbook** (no target, for reference): the same steps as one flat numpy loop,
  with nnlib's initial weights and shuffles, as a tutorial would write it;
- **matmuls alone**: the five matrix products of one nnlib step, ``X @ W1.T``,
  ``H @ W2.T``, ``dZ2.T @ H``, ``dZ2 @ W2``, ``dZ1.T @ X``, on random float32 arrays
  of the same shapes, once per minibatch: the floor for any numpy implementation;
- **nnlib, 1 thread** and **matmuls, 1 thread**: the same two with numpy's BLAS limited
  to one thread for their turns (``threadpoolctl.threadpool_limits(1)``), for the
  one-thread ratio nnlib / products (fewer threads, relatively more Python around them).

Timing: the peers take turns, one epoch each, so that background load hits them alike
(the peer that goes first changes every round), with a pause of ``PAUSE`` seconds before
each turn: idle OpenBLAS and OpenMP worker threads keep spinning for a while after their
last job, and on 2 cores they slow down whichever peer comes next (PyTorch right after a
numpy epoch ran 2-3 times slower without the pause). An epoch's time is its training steps
only, shuffling and per-step loss included; each peer then evaluates the loss and the
accuracy on the training and the test set, which is timed and reported apart (for
nnlib: the time spent in ``model.evaluate`` during the epoch). Reported
is the median over epochs. All peers but the two "1 thread" ones run with their default
threads.

Speed targets are ratios between peers measured in the same run (see bench/README.md),
printed as "met" or "NOT met"; ``--check`` turns a miss into exit code 1.

Usage::

    .venv/bin/python bench/bench_mnist.py [--epochs 10] [--check]
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
from sklearn.metrics import log_loss
from sklearn.neural_network import MLPClassifier

from nnlib.mlp import MLP
from nnlib.mnist import load_mnist
from nnlib.training import iterate_training

try:
    import torch
except ImportError:  # optional peer
    torch = None

SIZES, LR, BATCH_SIZE, SEED = [784, 128, 10], 0.1, 64, 0
FASTER_THAN = {"PyTorch CPU": 1.5, "scikit-learn": 1.7}  # peer's s/epoch over nnlib's, at least
# nnlib's s/epoch over that of its matrix products alone, at most: with the default threads
# (two on the benchmark machine) and with one
MATMUL_RATIO = {"default threads": ("nnlib", "matmuls alone", 1.6),
                "1 thread": ("nnlib, 1 thread", "matmuls, 1 thread", 1.3)}
PAUSE = 0.25  # seconds before each turn, for the previous peer's worker threads to go idle
# "Equal test accuracy": within 1.5 percentage points of nnlib. On 2,000 test digits at
# about 93 %, one model's accuracy has a standard error of 0.57 points, so two equally good
# models trained from other seeds differ by up to 1.6 points (2 standard errors).
ACCURACY_TOLERANCE = 0.015
RESULTS = Path(__file__).resolve().parent / "results" / "mnist.json"


class TimedMLP(MLP):
    """An MLP that adds up the time spent in ``evaluate``, which the training loop calls
    after each epoch for the losses and accuracies of the History."""

    eval_seconds = 0.0

    def evaluate(self, X, y, *, check_input=True):
        start = time.perf_counter()
        try:
            return super().evaluate(X, y, check_input=check_input)
        finally:
            self.eval_seconds += time.perf_counter() - start


class NnlibPeer:
    name, threads = "nnlib", None

    def __init__(self, X, y, X_test, y_test, epochs):
        self.model = TimedMLP(SIZES, activation="relu", output="softmax", dtype=np.float32,
                              seed=SEED)
        self.run = iterate_training(self.model, X, y, optimizer="sgd", lr=LR, epochs=epochs,
                                    batch_size=BATCH_SIZE, seed=SEED, X_test=X_test,
                                    y_test=y_test, progress=False)

    def epoch(self) -> tuple[float, float, float]:
        self.model.eval_seconds = 0.0
        start = time.perf_counter()
        history = next(self.run)  # one epoch of steps, then its evaluation
        total = time.perf_counter() - start
        return total - self.model.eval_seconds, self.model.eval_seconds, history.test_acc[-1]


class SklearnPeer:
    name, threads = "scikit-learn", None

    def __init__(self, X, y, X_test, y_test, epochs):
        self.data = X, y, X_test, y_test
        # A RandomState object (seeded 0), not the int 0: with an int, every fit call
        # starts the same generator again and so every epoch has the same order.
        self.model = MLPClassifier(
            hidden_layer_sizes=(SIZES[1],), activation="relu", solver="sgd",
            learning_rate_init=LR, batch_size=BATCH_SIZE, momentum=0,
            nesterovs_momentum=False, alpha=0, max_iter=1, warm_start=True, shuffle=True,
            random_state=np.random.RandomState(SEED))

    def epoch(self) -> tuple[float, float, float]:
        X, y, X_test, y_test = self.data
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)  # max_iter=1, on purpose
            start = time.perf_counter()
            self.model.fit(X, y)
            trained = time.perf_counter()
        for data, labels in ((X, y), (X_test, y_test)):
            log_loss(labels, self.model.predict_proba(data), labels=np.arange(SIZES[-1]))
            accuracy = self.model.score(data, labels)
        return trained - start, time.perf_counter() - trained, accuracy


class TorchPeer:
    name, threads = "PyTorch CPU", None

    def __init__(self, X, y, X_test, y_test, epochs):
        nn = torch.nn
        torch.manual_seed(SEED)
        self.net = nn.Sequential(nn.Linear(SIZES[0], SIZES[1]), nn.ReLU(),
                                 nn.Linear(SIZES[1], SIZES[2]))
        self.optimizer = torch.optim.SGD(self.net.parameters(), lr=LR)
        self.loss = nn.CrossEntropyLoss()
        self.generator = torch.Generator().manual_seed(SEED)
        self.data = [torch.from_numpy(a) for a in (X, y, X_test, y_test)]  # no copies

    def epoch(self) -> tuple[float, float, float]:
        X, y, X_test, y_test = self.data
        step_loss = []
        start = time.perf_counter()
        order = torch.randperm(len(X), generator=self.generator)
        for first in range(0, len(X), BATCH_SIZE):
            idx = order[first:first + BATCH_SIZE]
            self.optimizer.zero_grad()
            loss = self.loss(self.net(X[idx]), y[idx])
            loss.backward()
            self.optimizer.step()
            step_loss.append(loss.item())  # as nnlib records every minibatch loss
        trained = time.perf_counter()
        with torch.no_grad():
            for data, labels in ((X, y), (X_test, y_test)):
                F = self.net(data)
                float(self.loss(F, labels))
                accuracy = float((F.argmax(dim=1) == labels).float().mean())
        return trained - start, time.perf_counter() - trained, accuracy


class TextbookPeer:
    """The same steps written out as one flat numpy loop, as a tutorial would: no checks,
    no dicts, no function calls. Same initial weights and shuffles as nnlib."""

    name, threads = "numpy textbook", None

    def __init__(self, X, y, X_test, y_test, epochs):
        self.data = X, y, X_test, y_test
        start = MLP(SIZES, activation="relu", output="softmax", dtype=np.float32, seed=SEED)
        self.W1, self.b1, self.W2, self.b2 = (start.params[k] for k in ("W1", "b1", "W2", "b2"))
        self.rng = np.random.default_rng(SEED)

    def logits(self, X):
        return np.maximum(X @ self.W1.T + self.b1, 0) @ self.W2.T + self.b2

    def epoch(self) -> tuple[float, float, float]:
        X, y, X_test, y_test = self.data
        W1, b1, W2, b2 = self.W1, self.b1, self.W2, self.b2
        step_loss = []
        start = time.perf_counter()
        order = self.rng.permutation(len(X))
        for first in range(0, len(X), BATCH_SIZE):
            idx = order[first:first + BATCH_SIZE]
            Xb, yb, rows = X[idx], y[idx], np.arange(len(idx))
            Z1 = Xb @ W1.T + b1
            A1 = np.maximum(Z1, 0)
            F = A1 @ W2.T + b2
            t = F - F.max(axis=1, keepdims=True)
            E = np.exp(t)
            s = E.sum(axis=1)
            step_loss.append(float(np.mean(np.log(s) - t[rows, yb])))
            dZ2 = E / s[:, None]
            dZ2[rows, yb] -= 1
            dZ2 /= len(idx)
            dW2, db2 = dZ2.T @ A1, dZ2.sum(axis=0)
            dZ1 = (dZ2 @ W2) * (Z1 > 0)
            dW1, db1 = dZ1.T @ Xb, dZ1.sum(axis=0)
            W1 -= LR * dW1
            b1 -= LR * db1
            W2 -= LR * dW2
            b2 -= LR * db2
        trained = time.perf_counter()
        for data, labels in ((X, y), (X_test, y_test)):
            F = self.logits(data)
            t = F - F.max(axis=1, keepdims=True)
            np.mean(np.log(np.exp(t).sum(axis=1)) - t[np.arange(len(F)), labels])
            accuracy = float(np.mean(self.logits(data).argmax(axis=1) == labels))
        return trained - start, time.perf_counter() - trained, accuracy


class MatmulPeer:
    """The five products of an nnlib step, on random float32 arrays of the same shapes."""

    name, threads = "matmuls alone", None

    def __init__(self, X, y, X_test, y_test, epochs):
        rng = np.random.default_rng(SEED)
        d, m, k = SIZES
        self.X = rng.random(X.shape, dtype=np.float32)
        self.W1 = rng.standard_normal((m, d), dtype=np.float32)
        self.W2 = rng.standard_normal((k, m), dtype=np.float32)
        self.dZ1 = rng.standard_normal((BATCH_SIZE, m), dtype=np.float32)
        self.dZ2 = rng.standard_normal((BATCH_SIZE, k), dtype=np.float32)

    def epoch(self) -> tuple[float, float, float]:
        X, W1, W2 = self.X, self.W1, self.W2
        start = time.perf_counter()
        for first in range(0, len(X), BATCH_SIZE):
            Xb = X[first:first + BATCH_SIZE]
            dZ1, dZ2 = self.dZ1[:len(Xb)], self.dZ2[:len(Xb)]
            H = Xb @ W1.T  # forward, layer 1 (n, 128)
            H @ W2.T  # forward, layer 2 (n, 10)
            dZ2.T @ H  # dW2 (10, 128)
            dZ2 @ W2  # dA1 (n, 128)
            dZ1.T @ Xb  # dW1 (128, 784)
        return time.perf_counter() - start, float("nan"), float("nan")


class NnlibOneThread(NnlibPeer):
    name, threads = "nnlib, 1 thread", 1


class MatmulOneThread(MatmulPeer):
    name, threads = "matmuls, 1 thread", 1


def blas_info() -> str:
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "unknown"
    return ", ".join(f"{p['internal_api']} {p.get('version')} ({p['num_threads']} threads)"
                     for p in threadpool_info() if p["user_api"] == "blas") or "unknown"


def machine_info() -> dict:
    info = {"date": datetime.date.today().isoformat(), "python": platform.python_version(),
            "numpy": np.__version__, "scikit-learn": sklearn.__version__,
            "torch": torch.__version__ if torch else None,
            "torch_threads": torch.get_num_threads() if torch else None,
            "blas": blas_info(), "cpu_count": os.cpu_count(), "platform": platform.platform(),
            "load_average_1min": os.getloadavg()[0]}
    return info


def run(epochs: int) -> dict:
    X, y = load_mnist("train")
    X_test, y_test = load_mnist("test")
    assert X.dtype == X_test.dtype == np.float32
    from threadpoolctl import threadpool_limits

    kinds = [NnlibPeer, SklearnPeer] + ([TorchPeer] if torch else []) + [
        TextbookPeer, MatmulPeer, NnlibOneThread, MatmulOneThread]
    peers = [kind(X, y, X_test, y_test, epochs) for kind in kinds]
    times = {p.name: {"train": [], "eval": [], "test_acc": []} for p in peers}
    for epoch in range(epochs):
        for i in range(len(peers)):  # take turns, starting with a different peer each round
            peer = peers[(epoch + i) % len(peers)]
            # one BLAS thread for this turn only (entering the limit is not timed)
            with threadpool_limits(peer.threads, user_api="blas"):
                time.sleep(PAUSE)
                train, evaluate, accuracy = peer.epoch()
            for key, value in zip(("train", "eval", "test_acc"), (train, evaluate, accuracy)):
                times[peer.name][key].append(value)
    results = {}
    for name, t in times.items():
        results[name] = {"seconds_per_epoch": float(np.median(t["train"])),
                         "eval_seconds_per_epoch": float(np.median(t["eval"])),
                         "test_acc": t["test_acc"][-1], "epochs": t}
    # The ratio of a round: a peer's epoch over nnlib's epoch of the same round, seconds
    # apart. Load from other processes (and from other guests on the host) comes in
    # bursts of a few seconds; a burst inflates both epochs of its round, so the median
    # over rounds of these ratios moves less than a ratio of two medians would.
    base = np.array(times["nnlib"]["train"])
    for r in results.values():
        rounds = np.array(r["epochs"]["train"]) / base
        r["ratio_vs_nnlib"] = float(np.median(rounds))
        r["ratio_range"] = [float(rounds.min()), float(rounds.max())]
    return results


def targets(results: dict) -> list[dict]:
    nnlib = results["nnlib"]
    checks = []
    for peer, factor in FASTER_THAN.items():
        check = {"target": f"nnlib at least {factor}x faster per epoch than {peer}, "
                           f"at equal test accuracy (within {ACCURACY_TOLERANCE:g})"}
        if peer not in results:
            check.update(status="skipped", detail=f"{peer} not installed")
        else:
            ratio = results[peer]["ratio_vs_nnlib"]
            gap = abs(results[peer]["test_acc"] - nnlib["test_acc"])
            check.update(ratio=ratio, accuracy_gap=gap,
                         status="met" if ratio >= factor and gap <= ACCURACY_TOLERANCE
                         else "NOT met",
                         detail=f"{peer} / nnlib = {ratio:.2f} (need >= {factor}), accuracy "
                                f"{results[peer]['test_acc']:.4f} vs {nnlib['test_acc']:.4f}")
        checks.append(check)
    for threads, (ours, products, limit) in MATMUL_RATIO.items():
        # per round, as for the other ratios: nnlib's epoch over the products' epoch
        rounds = np.array(results[ours]["epochs"]["train"]) / np.array(
            results[products]["epochs"]["train"])
        ratio = float(np.median(rounds))
        checks.append({"target": f"nnlib within {limit}x of its matrix products alone, "
                                 f"{threads}",
                       "ratio": ratio, "ratio_range": [float(rounds.min()), float(rounds.max())],
                       "status": "met" if ratio <= limit else "NOT met",
                       "detail": f"{ours} / {products} = {ratio:.2f} (need <= {limit}; rounds "
                                 f"{rounds.min():.2f}-{rounds.max():.2f})"})
    return checks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=10, help="epochs per peer (default 10)")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is not met")
    parser.add_argument("--out", type=Path, default=RESULTS,
                        help=f"where to write the JSON results (default {RESULTS.name} in "
                             f"bench/results/)")
    parser.add_argument("--threads", type=int, default=None,
                        help="limit every peer to N threads (numpy's and scipy's BLAS through "
                             "threadpoolctl, torch.set_num_threads); informational: the "
                             "targets are defined with the default threads")
    args = parser.parse_args(argv)
    if args.epochs < 1:
        parser.error("--epochs must be at least 1")
    if args.threads is not None and args.threads < 1:
        parser.error("--threads must be at least 1")
    if args.threads is not None:
        from threadpoolctl import threadpool_limits
        threadpool_limits(args.threads)  # for the whole process: this run only
        if torch:
            torch.set_num_threads(args.threads)

    info = machine_info()
    info["threads"] = args.threads or "default"
    print(" ".join(f"{k}={v}" for k, v in info.items()))
    if torch is None:
        print("PyTorch not installed: its peer and target are skipped")
    print(f"{args.epochs} epochs of {SIZES[0]}-{SIZES[1]}-{SIZES[2]} ReLU/softmax, SGD lr {LR}, "
          f"batch {BATCH_SIZE}, float32; peers take turns, one epoch each; threads: "
          f"{args.threads or 'default'}\n")
    results = run(args.epochs)
    header = (f"{'peer':<17} {'s/epoch':>8} {'eval s':>7} {'test acc':>9} "
              f"{'ratio vs nnlib':>15} {'rounds min-max':>15}")
    print(header)
    print("-" * len(header))
    for name, r in results.items():
        acc = "" if np.isnan(r["test_acc"]) else f"{r['test_acc']:.4f}"
        ev = "" if np.isnan(r["eval_seconds_per_epoch"]) else f"{r['eval_seconds_per_epoch']:.4f}"
        low, high = r["ratio_range"]
        print(f"{name:<17} {r['seconds_per_epoch']:8.4f} {ev:>7} {acc:>9} "
              f"{r['ratio_vs_nnlib']:15.2f} {f'{low:.2f}-{high:.2f}':>15}")
    print("\ns/epoch = median over epochs of the training steps alone (shuffling and the "
          "per-step loss included);\neval s = the end-of-epoch loss and accuracy on the "
          "training and test sets, timed apart;\ntest acc = after the last epoch;\n"
          "ratio vs nnlib = median over rounds of the peer's epoch / nnlib's epoch in the "
          "same round (min-max over rounds beside it).\n")
    checks = targets(results)
    for c in checks:
        print(f"{c['status']:>8}: {c['target']}: {c['detail']}")
    info["load_average_1min_after"] = os.getloadavg()[0]
    print(f"\nload average (1 min) before: {info['load_average_1min']:.2f}, "
          f"after: {info['load_average_1min_after']:.2f}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"machine": info, "settings": {
        "sizes": SIZES, "lr": LR, "batch_size": BATCH_SIZE, "epochs": args.epochs,
        "seed": SEED}, "results": results, "targets": checks}, indent=2) + "\n")
    out = args.out.resolve()
    print(f"wrote {out.relative_to(Path.cwd()) if out.is_relative_to(Path.cwd()) else out}")
    if args.threads is not None:
        print(f"(--threads {args.threads}: the targets are defined with the default threads)")
    return 1 if args.check and any(c["status"] == "NOT met" for c in checks) else 0


if __name__ == "__main__":
    sys.exit(main())
