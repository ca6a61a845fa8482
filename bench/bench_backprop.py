"""Benchmark: the backward pass against the forward pass, and backpropagation against finite
differences, for the backpropagation chapter.

The chapter counts multiply-adds (deterministic): for ``MLP([784, 128, 64, 10])`` the backward
pass needs 1.08 times the forward pass's (2 times with the input gradient), and central
differences need two forward passes per parameter. This script measures the same comparisons
in wall-clock time, in one run on this machine:

- **backward / forward**: ``MLP.loss_and_gradients`` (forward + backward) against
  ``MLP.loss`` (forward only) on a batch of ``--batch`` MNIST-shaped inputs (float64, random
  with seed 0), the fastest of ``--repeats`` interleaved calls each; the backward share is
  (loss_and_gradients − loss) / loss;
- **finite differences / backprop**: the same gradient by central differences
  (``nnlib.gradcheck.numerical_gradient`` over every parameter of a small
  ``MLP([20, 16, 16, 3])``, 2 forward passes each) against one ``loss_and_gradients``.

Ratios, not milliseconds, are what bench/README.md records: the machine is shared.

Usage::

    .venv/bin/python bench/bench_backprop.py [--repeats 50] [--batch 128] [--out result.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time

import numpy as np

from nnlib.gradcheck import numerical_gradient
from nnlib.mlp import MLP


def _min_times(fns, repeats: int) -> list[float]:
    """The fastest of `repeats` calls of each function, the calls interleaved (a, b, a, b, ...)
    so that a burst of load on the shared machine slows both alike; the minimum is the run
    least disturbed by other processes."""
    times = [[] for _ in fns]
    for _ in range(repeats):
        for fn, t in zip(fns, times):
            start = time.perf_counter()
            fn()
            t.append(time.perf_counter() - start)
    return [float(min(t)) for t in times]


def forward_backward(batch: int, repeats: int) -> dict:
    rng = np.random.default_rng(0)
    X, y = rng.random((batch, 784)), rng.integers(0, 10, batch)
    net = MLP([784, 128, 64, 10], activation="relu", output="softmax", seed=0)
    net.loss(X, y), net.loss_and_gradients(X, y)  # warm up
    forward, both = _min_times([lambda: net.loss(X, y), lambda: net.loss_and_gradients(X, y)],
                               repeats)
    return {"forward_s": forward, "forward_and_backward_s": both,
            "backward_over_forward": (both - forward) / forward,
            "gradient_over_forward": both / forward}


def finite_differences(repeats: int) -> dict:
    rng = np.random.default_rng(1)
    X, y = rng.normal(size=(64, 20)), rng.integers(0, 3, 64)
    net = MLP([20, 16, 16, 3], activation="tanh", output="softmax", seed=0)
    names = list(net.params)
    flat = np.concatenate([net.params[k].ravel() for k in names])

    def loss_at(theta):
        params, start = {}, 0
        for k in names:
            size = net.params[k].size
            params[k] = theta[start:start + size].reshape(net.params[k].shape)
            start += size
        probe = MLP([20, 16, 16, 3], activation="tanh", output="softmax")
        probe.set_params(params)
        return probe.loss(X, y)

    start = time.perf_counter()
    numeric = numerical_gradient(loss_at, flat)
    fd_time = time.perf_counter() - start
    bp_time = _min_times([lambda: net.loss_and_gradients(X, y)], repeats)[0]
    exact = np.concatenate([net.gradients(X, y)[k].ravel() for k in names])
    return {"parameters": int(flat.size), "finite_differences_s": fd_time, "backprop_s": bp_time,
            "fd_over_backprop": fd_time / bp_time,
            "max_abs_difference": float(np.abs(numeric - exact).max())}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=50)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--out", default="")
    args = parser.parse_args(argv)
    report = {"machine": platform.platform(), "cpus": os.cpu_count(),
              "load_average": os.getloadavg()[0],
              "forward_backward": forward_backward(args.batch, args.repeats),
              "finite_differences": finite_differences(args.repeats)}
    fb, fd = report["forward_backward"], report["finite_differences"]
    print(f"MLP 784-128-64-10, batch {args.batch}: backward = {fb['backward_over_forward']:.2f} x "
          f"forward (forward + backward = {fb['gradient_over_forward']:.2f} x forward)")
    print(f"MLP 20-16-16-3 ({fd['parameters']} parameters): central differences = "
          f"{fd['fd_over_backprop']:,.0f} x backprop (max |difference| {fd['max_abs_difference']:.1e})")
    if args.out:
        with open(args.out, "w") as f:
            json.dump(report, f, indent=2)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
