"""How test accuracy moves with hidden units, learning rate and batch size: a sweep, run once.

Training 60 networks takes minutes, too long for every execution of the chapter, so the
sweep is run once by ``python -m nnlib.widgets.mnist.sweep --write`` and its per-epoch
accuracies are committed in ``sweep.json`` beside this module; the widget only looks them
up. Every run is the chapter's recipe (:data:`~nnlib.widgets.mnist.recipe.RECIPE`: ReLU,
softmax, float32, 10 epochs, seed 0, one BLAS thread) with one of the grid's hidden widths,
learning rates and batch sizes; ``tests/widgets/test_mnist.py`` retrains one run and
compares it with the file.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import json
import math
import sys
from pathlib import Path

import numpy as np

from nnlib.history import TrainingDiverged
from nnlib.plotting import COLORS
from nnlib.widgets.controls import Dropdown
from nnlib.widgets.figure import InteractiveFigure
from nnlib.widgets.mnist.recipe import RECIPE, train_recipe

__all__ = ["HIDDEN", "LRS", "BATCH_SIZES", "SWEEP_FILE", "sweep_run", "load_sweep",
           "sweep_data", "accuracy_sweep"]

#: The grid: hidden units m, learning rates α, batch sizes |D̂| (RECIPE's are 128, 0.2, 64).
HIDDEN = (16, 32, 64, 128, 256)
LRS = (0.05, 0.1, 0.2, 0.4)
BATCH_SIZES = (16, 64, 256)
#: The committed results of the sweep.
SWEEP_FILE = Path(__file__).resolve().parent / "sweep.json"


def sweep_run(hidden: int, lr: float, batch_size: int) -> dict:
    """Train RECIPE with `hidden` units, learning rate `lr` and `batch_size`; the record.

    Returns
    -------
    dict
        ``hidden``, ``lr``, ``batch_size``; ``train_acc``, ``test_acc`` (epochs,) rounded to
        4 decimals; ``diverged``: None, or the epoch at which training diverged (then the
        curves stop there).
    """
    recipe = dataclasses.replace(RECIPE, sizes=(RECIPE.sizes[0], int(hidden), RECIPE.sizes[-1]),
                                 lr=float(lr), batch_size=int(batch_size))
    record = {"hidden": int(hidden), "lr": float(lr), "batch_size": int(batch_size),
              "diverged": None}
    try:
        history = train_recipe(recipe)[1]
    except TrainingDiverged as error:
        history, record["diverged"] = error.history, error.epoch
    for name in ("train_acc", "test_acc"):
        record[name] = [round(float(a), 4) for a in getattr(history, name)]
    return record


@functools.lru_cache(maxsize=1)
def load_sweep(path: Path = SWEEP_FILE) -> dict:
    """The committed sweep: {"settings": ..., "runs": {(hidden, lr, batch_size): record}}."""
    data = json.loads(Path(path).read_text())
    runs = {(r["hidden"], r["lr"], r["batch_size"]): r for r in data["runs"]}
    return {"settings": data["settings"], "runs": runs}


def sweep_data(hidden: str, lr: str, batch_size: str) -> dict:
    """What the widget shows for one point of the grid (the controls pass strings).

    Returns
    -------
    dict
        ``run``: the record of that run; ``final`` (len(HIDDEN),): the last epoch's test
        accuracy for every hidden width at this lr and batch size (NaN if diverged).

    Examples
    --------
    >>> d = sweep_data("128", "0.2", "64")
    >>> d["run"]["test_acc"][-1] >= 0.92, len(d["final"])
    (True, 5)
    """
    try:
        key = (int(hidden), float(lr), int(batch_size))
    except ValueError:
        raise ValueError(f"hidden, lr and batch_size must be numbers, got {hidden!r}, "
                         f"{lr!r}, {batch_size!r}") from None
    runs = load_sweep()["runs"]
    if key not in runs:
        raise ValueError(f"no run for hidden={key[0]}, lr={key[1]:g}, batch_size={key[2]}: "
                         f"the sweep has hidden in {HIDDEN}, lr in {LRS}, batch_size in "
                         f"{BATCH_SIZES}")
    final = np.array([math.nan if runs[(m, key[1], key[2])]["diverged"] else
                      runs[(m, key[1], key[2])]["test_acc"][-1] for m in HIDDEN])
    return {"run": runs[key], "final": final}


def _describe(values: dict, data: dict) -> str:
    run = data["run"]
    if run["diverged"]:
        return (f"With {run['hidden']} hidden units, learning rate {run['lr']:g} and batch "
                f"size {run['batch_size']}, training diverged at epoch {run['diverged']}.")
    return (f"With {run['hidden']} hidden units, learning rate {run['lr']:g} and batch size "
            f"{run['batch_size']}: test accuracy {run['test_acc'][0]:.3f} after epoch 1, "
            f"{run['test_acc'][-1]:.3f} after epoch {len(run['test_acc'])}; training "
            f"accuracy {run['train_acc'][-1]:.3f}.")


def _draw(fig):
    left, right = fig.subplots(1, 2, gridspec_kw={"wspace": 0.45})
    epochs = np.arange(1, RECIPE.epochs + 1)
    (train,) = left.plot(epochs, epochs * np.nan, color=COLORS["orange"], lw=1.5, ls="--",
                         label="training")
    (test,) = left.plot(epochs, epochs * np.nan, color=COLORS["blue"], lw=2, label="test")
    left.set(xlabel="epoch", ylabel="accuracy", ylim=(0.7, 1.0), xticks=(1, 5, 10),
             yticks=(0.7, 0.8, 0.9, 1.0))  # first epochs of slow settings start lower
    left.axhline(0.92, color=COLORS["grey"], lw=1, ls=":")
    note = left.text(5.5, 0.85, "", ha="center", va="center")
    (final,) = right.plot(HIDDEN, np.full(len(HIDDEN), np.nan), "-o", color=COLORS["blue"],
                          ms=4)
    (here,) = right.plot([], [], "o", color=COLORS["vermillion"], ms=9, mfc="none", mew=2)
    right.set(xscale="log", xlim=(12, 340), xticks=HIDDEN[::2], xlabel="hidden units $m$",
              ylabel="after 10 epochs", ylim=(0.85, 1.0), yticks=(0.85, 0.9, 0.95, 1.0))
    right.set_xticklabels([str(m) for m in HIDDEN[::2]])
    right.minorticks_off()
    right.axhline(0.92, color=COLORS["grey"], lw=1, ls=":")
    fig.legend(handles=[train, test], loc="upper center", ncol=2, frameon=False)
    fig.subplots_adjust(top=0.84, bottom=0.2, left=0.13, right=0.97)

    def update(data):
        run = data["run"]
        n = len(run["test_acc"])
        test.set_data(epochs[:n], run["test_acc"])
        train.set_data(epochs[:n], run["train_acc"])
        note.set_text(f"diverged at\nepoch {run['diverged']}" if run["diverged"] else "")
        final.set_ydata(data["final"])
        m = HIDDEN.index(run["hidden"])
        here.set_data([run["hidden"]], [data["final"][m]])

    return update


def accuracy_sweep() -> InteractiveFigure:
    """Test accuracy per epoch for one setting (left) and after 10 epochs against the number
    of hidden units (right), looked up in the committed sweep.

    Examples
    --------
    >>> fig = accuracy_sweep()
    >>> fig.update(hidden="16", lr="0.2", batch_size="64"), fig.data["run"]["hidden"]
    (True, 16)
    """
    return InteractiveFigure(
        [Dropdown("hidden", [str(m) for m in HIDDEN], default=str(RECIPE.sizes[1]),
                  label="hidden units m"),
         Dropdown("lr", [f"{a:g}" for a in LRS], default=f"{RECIPE.lr:g}",
                  label="learning rate α"),
         Dropdown("batch_size", [str(b) for b in BATCH_SIZES],
                  default=str(RECIPE.batch_size), label="batch size")],
        sweep_data, _draw, describe=_describe, name="mnist_sweep", figsize=(5.4, 2.8),
        title="Accuracy against hidden units, learning rate and batch size")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the sweep and write sweep.json.")
    parser.add_argument("--write", action="store_true", help=f"write {SWEEP_FILE.name}")
    args = parser.parse_args(argv)
    runs = []
    for m in HIDDEN:
        for lr in LRS:
            for b in BATCH_SIZES:
                runs.append(sweep_run(m, lr, b))
                r = runs[-1]
                print(f"m={m:4d} lr={lr:<5g} batch={b:4d} test acc "
                      f"{r['test_acc'][-1] if r['test_acc'] else float('nan'):.4f}"
                      f"{'  diverged' if r['diverged'] else ''}", flush=True)
    settings = {**RECIPE.as_dict(), "hidden": HIDDEN, "lrs": LRS, "batch_sizes": BATCH_SIZES}
    settings.pop("sizes")
    if args.write:
        SWEEP_FILE.write_text(json.dumps({"settings": settings, "runs": runs}) + "\n")
        print(f"wrote {SWEEP_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
