"""Benchmark: minibatch SGD with several batch sizes against full-batch GD, on the shipped
MNIST digits, for the training chapter.

The network: ``MLP([784, 32, 10], activation="relu", output="softmax", dtype=np.float32,
seed=0)``, trained on ``nnlib.mnist.load_mnist("train")`` (8,000 digits) by
``nnlib.training.iterate_training`` with ``optimizer="sgd"`` (``"gd"`` for the full batch),
``lr=0.1``, ``seed=0``. For each batch size |D̂| in 1, 8, 32, 128 and the full 8,000 it
measures, in the same run:

- **epoch**: the wall-clock time of one epoch, i.e. of the same 8,000 gradient
  evaluations (median over ``--repeats`` epochs), as a ratio against full-batch GD's epoch;
- **to loss 1.0**: the time until the training loss, measured after each epoch, first falls
  to 1.0 or below (giving up after ``--max-seconds``), as a ratio against full-batch GD's time.

Ratios, not milliseconds, are what bench/README.md records and the chapter quotes: the
machine is shared.

Usage::

    .venv/bin/python bench/bench_batch_size.py [--repeats 3] [--max-seconds 120]
"""

from __future__ import annotations

import argparse
import os
import platform
import time

import numpy as np

from nnlib.mlp import MLP
from nnlib.mnist import load_mnist
from nnlib.training import iterate_training

SIZES = (1, 8, 32, 128, None)
TARGET = 1.0


def _model() -> MLP:
    return MLP([784, 32, 10], activation="relu", output="softmax", dtype=np.float32, seed=0)


def _options(size):
    return dict(optimizer="gd" if size is None else "sgd", lr=0.1, batch_size=size, seed=0,
                progress=False)


def epoch_time(X, y, size, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        model = _model()
        start = time.perf_counter()
        for _ in iterate_training(model, X, y, epochs=1, **_options(size)):
            pass
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def time_to_target(X, y, size, max_seconds: float) -> tuple[float, int]:
    model = _model()
    start = time.perf_counter()
    for history in iterate_training(model, X, y, epochs=100_000, **_options(size)):
        elapsed = time.perf_counter() - start
        if history.train_loss[-1] <= TARGET:
            return elapsed, history.epoch[-1]
        if elapsed > max_seconds:
            break
    return float("inf"), history.epoch[-1]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--max-seconds", type=float, default=120.0)
    args = parser.parse_args(argv)
    X, y = load_mnist("train", dtype=np.float32)
    print(f"python {platform.python_version()}, numpy {np.__version__}, {os.cpu_count()} cores, "
          f"load {os.getloadavg()[0]:.1f}; n = {len(X)}")
    rows = [(size, epoch_time(X, y, size, args.repeats), *time_to_target(X, y, size, args.max_seconds))
            for size in SIZES]
    full_epoch, full_target = rows[-1][1], rows[-1][2]
    print(f"{'|D̂|':>6} {'epoch/GD epoch':>15} {'epochs to 1.0':>14} {'time to 1.0 / GD':>17}")
    for size, epoch, target, epochs in rows:
        name = "full" if size is None else str(size)
        print(f"{name:>6} {epoch / full_epoch:15.2f} {epochs:14d} {target / full_target:17.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
