"""A non-convex landscape: the widget :func:`nonconvex_landscape`, the 2-D slice (Li et
al. 2018) of a small trained MLP's loss, as contours and as a surface, with the end points
of gradient-descent runs inside the slice from several random starts.

The network: 2-8-1, tanh hidden units, sigmoid output, trained by full-batch gradient
descent (α = 1, 2000 steps) on ``moons(n=200, noise=0.2, seed=0)``; the slice spans
ξ₁, ξ₂ ∈ [-1.5, 1.5] on a 41 × 41 grid along two filter-normalised directions drawn with
seeds 0 and 1.
"""

from __future__ import annotations

import functools

import numpy as np

from nnlib.datasets import moons
from nnlib.landscape import filter_normalized_direction, loss_slice, slice_gradient
from nnlib.mlp import MLP
from nnlib.plotting import COLORS, set_surface, surface_contours
from nnlib.progress import Reporter
from nnlib.widgets.controls import Dropdown, Slider
from nnlib.widgets.trainers import TrainingFigure, cached_training, precompute, snapshots

__all__ = ["LANDSCAPE", "landscape_data", "nonconvex_landscape", "trained_network",
           "landscape_slice", "slice_runs"]

#: The chapter's stated set-up of the slice.
LANDSCAPE = {"sizes": (2, 8, 1), "activation": "tanh", "data": "moons(n=200, noise=0.2, seed=0)",
             "lr": 1.0, "epochs": 2000, "span": 1.5, "points": 41, "run_lr": 0.05,
             "run_steps": 150}
NETWORK_SEEDS = ("0", "1", "2")
MAX_RUNS = 8


@functools.lru_cache(maxsize=1)
def _data():
    return moons(n=200, noise=0.2, seed=0)


@cached_training(maxsize=8)
def trained_network(seed: int, progress: Reporter | None = None) -> MLP:
    """The 2-8-1 tanh network of ``LANDSCAPE``, initialised with `seed` and trained."""
    X, y = _data()
    model = MLP(list(LANDSCAPE["sizes"]), activation="tanh", output="sigmoid", seed=seed)
    snapshots(model, X, y, epochs=LANDSCAPE["epochs"], optimizer="gd", lr=LANDSCAPE["lr"],
              progress=progress)
    return model


@functools.lru_cache(maxsize=8)
def landscape_slice(seed: int):
    """(θ*, δ, η, ξ grid, slice (41, 41)) around the network trained from `seed`."""
    model = trained_network(seed)
    center = model.get_params()
    delta = filter_normalized_direction(center, rng=0)
    eta = filter_normalized_direction(center, rng=1)
    xi = np.linspace(-LANDSCAPE["span"], LANDSCAPE["span"], LANDSCAPE["points"])
    X, y = _data()
    surface = loss_slice(model, X, y, delta, eta, xi, xi)
    return center, delta, eta, xi, surface


@functools.lru_cache(maxsize=8)
def slice_runs(seed: int) -> np.ndarray:
    """End points (MAX_RUNS, 2) of gradient descent inside the slice, one run per start
    seed 0..7, each from a point drawn uniformly in [-1.2, 1.2]²."""
    center, delta, eta, _, _ = landscape_slice(seed)
    X, y = _data()
    model = MLP(list(LANDSCAPE["sizes"]), activation="tanh", output="sigmoid")
    ends = []
    for start in range(MAX_RUNS):
        xi = np.random.default_rng(start).uniform(-1.2, 1.2, 2)
        for _ in range(LANDSCAPE["run_steps"]):
            _, g = slice_gradient(model, X, y, center, delta, eta, *xi)
            xi = xi - LANDSCAPE["run_lr"] * g
        ends.append(xi)
    return np.array(ends)


def landscape_data(seed: str, runs: int, progress: Reporter | None = None) -> dict:
    """The slice around the network trained from `seed`, and the first `runs` end points.

    Returns
    -------
    dict
        ``xi`` (41,), ``loss`` (41, 41) the slice (rows: ξ₂); ``ends`` (runs, 2);
        ``center_loss`` L(θ*); the settings.

    Examples
    --------
    >>> d = landscape_data("0", 4)
    >>> d["loss"].shape, d["ends"].shape, round(d["center_loss"], 3)
    ((41, 41), (4, 2), 0.04)
    """
    if seed not in NETWORK_SEEDS:
        raise ValueError(f"seed must be one of {', '.join(NETWORK_SEEDS)}, got {seed!r}")
    runs = int(runs)
    if not 0 <= runs <= MAX_RUNS:
        raise ValueError(f"runs must be in [0, {MAX_RUNS}], got {runs}")
    trained_network(int(seed), progress=progress)
    _, _, _, xi, surface = landscape_slice(int(seed))
    middle = len(xi) // 2
    return {"seed": seed, "runs": runs, "xi": xi, "loss": surface,
            "ends": slice_runs(int(seed))[:runs], "center_loss": float(surface[middle, middle])}


def _describe(values: dict, data: dict) -> str:
    return (f"loss slice of the 2-8-1 network trained from seed {data['seed']}: "
            f"{data['center_loss']:.3f} at the centre, from {data['loss'].min():.3f} to "
            f"{data['loss'].max():.1f} over the square; {data['runs']} runs inside the slice end at "
            + ", ".join(f"({a:.1f}, {b:.1f})" for a, b in data["ends"]))


def _draw(fig):
    ax = fig.add_subplot(1, 2, 1)
    ax3 = fig.add_subplot(1, 2, 2, projection="3d")
    fig.subplots_adjust(left=0.1, right=0.98, bottom=0.16, top=0.86, wspace=0.1)
    ax.set(xlabel="$\\xi_1$", ylabel="$\\xi_2$", xticks=[-1, 0, 1], yticks=[-1, 0, 1])
    ax.grid(False)
    ax3.set(xticks=[-1, 0, 1], yticks=[-1, 0, 1], zticks=[], xticklabels=[], yticklabels=[])
    ax3.set_xlabel("$\\xi_1$", labelpad=-12)
    ax3.set_ylabel("$\\xi_2$", labelpad=-12)
    ax3.view_init(elev=35, azim=-60)
    bands, state = surface_contours(ax, filled=True), {"seed": None, "surface": None}
    (ends,) = ax.plot([], [], "o", color="white", mec="black", ms=7, mew=1.5)
    (centre,) = ax.plot([0], [0], "*", color=COLORS["vermillion"], ms=12)
    title = fig.suptitle("", y=0.99)

    def update(data):
        if state["seed"] != data["seed"]:  # the slice is redrawn only for a new network
            xi, Z = data["xi"], np.log10(data["loss"])
            set_surface(bands, Z, (xi[0], xi[-1]), levels=np.linspace(Z.min(), Z.max(), 14))
            if state["surface"] is not None:
                state["surface"].remove()
            X1, X2 = np.meshgrid(xi, xi)
            state["surface"] = ax3.plot_surface(X1, X2, Z, cmap="viridis", rstride=2, cstride=2,
                                                linewidth=0, antialiased=False)
            state["seed"] = data["seed"]
        ends.set_data(data["ends"][:, 0], data["ends"][:, 1])
        title.set_text(f"seed {data['seed']}: log₁₀ L around θ* (★, L = {data['center_loss']:.3f})")

    return update


def nonconvex_landscape() -> TrainingFigure:
    """The loss slice of a small trained MLP, seed by seed, with runs inside the slice.

    Building it trains the three networks (about 1 s each) and computes their slices.

    Examples
    --------
    >>> fig = nonconvex_landscape()
    >>> fig.update(seed="2"), fig.data["loss"].shape
    (True, (41, 41))
    """
    precompute([functools.partial(trained_network, int(s)) for s in NETWORK_SEEDS],
               "training three small networks")
    return TrainingFigure(
        [Dropdown("seed", NETWORK_SEEDS, default="0", label="network seed"),
         Slider("runs", 0, MAX_RUNS, step=1, default=MAX_RUNS, static_step=4,
                label="runs shown")],
        landscape_data, _draw, describe=_describe,
        title="A non-convex landscape", name="nonconvex_landscape", figsize=(5.4, 3.0))
