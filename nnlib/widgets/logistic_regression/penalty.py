"""The L2 penalty: the widget :func:`regularization`, the MAP fit as λ moves, with the
boundary, the objective's contours and ‖w‖ against λ on both data sets.
"""

from __future__ import annotations

import functools

import numpy as np
from matplotlib import colormaps
from matplotlib.colors import BoundaryNorm

from nnlib.logistic import LogisticRegression
from nnlib.plotting import COLORS, boundary_line, input_axes, set_boundary
from nnlib.widgets.controls import Dropdown, Slider
from nnlib.widgets.figure import InteractiveFigure
from nnlib.widgets.logistic_regression.common import (
    DATA, DATA_OPTIONS, LIM, TICKS, both_data_sets, show_only, boundary_segment,
    chapter_data, safe_lr,
)
from nnlib.widgets.trainers import precompute

__all__ = ["regularization_data", "regularization", "LOG_LAMBDAS"]


# The L2 penalty widget: log10 λ on this grid; GD runs until every gradient entry of
# J / n is below TOL (at most MAX_STEPS steps).
LOG_LAMBDAS = tuple(np.round(np.arange(-3.0, 2.01, 0.5), 1))
TOL, MAX_STEPS = 1e-6, 40_000


@functools.lru_cache(maxsize=None)
def _fit(dataset: str, log_lam: float) -> dict:
    """nnlib's MAP fit with λ = 10**log_lam, by GD until converged (cached)."""
    X, y = chapter_data(dataset)
    lam = 10.0 ** log_lam
    model = LogisticRegression(lam=lam).fit(X, y, lr=safe_lr(dataset, lam), epochs=MAX_STEPS,
                                            tol=TOL, progress=False)
    return {"w": model.w.copy(), "b": model.b, "objective": model.objective(X, y),
            "steps": len(model.objective_history_) - 1, "converged": bool(model.converged_)}


def _norms(dataset: str) -> np.ndarray:
    return np.array([np.linalg.norm(_fit(dataset, g)["w"]) for g in LOG_LAMBDAS])


#: The (w₁, w₂) window of the objective's contour plot, per data set.
W_WINDOW = {"overlapping": (-0.5, 2.5), "separable": (-1.0, 9.0)}
#: Colour bands of the contour plot: how far J is above its minimum.
BANDS = (0.0, 0.5, 1.5, 4.0, 10.0, 25.0, 60.0, 150.0, 400.0)


@functools.lru_cache(maxsize=None)
def _objective_surface(dataset: str, log_lam: float) -> np.ndarray:
    """J(w₁, w₂, b̂) = Σ log(1 + exp(−yᵢ sᵢ)) + λ/2 ‖w‖² over the window (121 × 121, rows
    along w₂) at the fitted bias b̂ (cached)."""
    X, y = chapter_data(dataset)
    fit, lam = _fit(dataset, log_lam), 10.0 ** log_lam
    w1, w2 = np.meshgrid(*2 * [np.linspace(*W_WINDOW[dataset], 121)])
    s = w1[..., None] * X[:, 0] + w2[..., None] * X[:, 1] + fit["b"]
    grid = np.logaddexp(0.0, -y * s).sum(axis=-1) + lam / 2 * (w1 ** 2 + w2 ** 2)
    grid.flags.writeable = False
    return grid


def regularization_data(dataset: str, log_lam: float) -> dict:
    r"""The MAP fit for λ = 10**log_lam on `dataset`, and what the λ widget draws of it.

    Returns
    -------
    dict
        ``lam``; ``w`` (2,), ``b``, ``norm`` = ‖w‖, ``objective`` J, ``steps`` and
        ``converged`` of nnlib's GD fit; ``boundary`` as in :func:`likelihood_data`, and
        ``p10``, ``p90``: the lines where p(y = 1 | x) is 0.1 and 0.9;
        ``surface`` (121, 121): J over the (w₁, w₂) window ``W_WINDOW[dataset]`` at the
        fitted b; ``path`` (len(LOG_LAMBDAS), 2): the fitted w along the λ grid;
        ``norms``: {data set: ‖w‖ along the λ grid} for both data sets.

    Examples
    --------
    >>> d = regularization_data("overlapping", 0.0)
    >>> d["converged"], round(d["norm"], 2)
    (True, 1.56)
    """
    if log_lam not in LOG_LAMBDAS:
        raise ValueError(f"log_lam must be one of the grid values {list(LOG_LAMBDAS)}, "
                         f"got {log_lam!r}")
    log_lam = float(log_lam)
    fit = _fit(dataset, log_lam)
    (w1, w2), b = fit["w"], fit["b"]
    return {
        **fit, "lam": 10.0 ** log_lam, "norm": float(np.hypot(w1, w2)), "dataset": dataset,
        "log_lam": log_lam, "boundary": boundary_segment(w1, w2, b),
        "p10": boundary_segment(w1, w2, b + np.log(9)),  # where p(y = 1 | x) is 0.1 ...
        "p90": boundary_segment(w1, w2, b - np.log(9)),  # ... and 0.9: σ(∓log 9)
        "surface": _objective_surface(dataset, log_lam),
        "path": np.array([_fit(dataset, g)["w"] for g in LOG_LAMBDAS]),
        "norms": {name: _norms(name) for name in DATA},
    }


def _lam_text(lam: float) -> str:
    """λ to three significant digits: 0.001, 0.00316, 1, 31.6."""
    return f"{lam:.3g}"


def _describe_regularization(values: dict, data: dict) -> str:
    return (f"{values['dataset']} data, λ = {_lam_text(data['lam'])}: fitted w = "
            f"({data['w'][0]:.2f}, {data['w'][1]:.2f}), b = {data['b']:.2f}, ‖w‖ = "
            f"{data['norm']:.2f}, objective J = {data['objective']:.2f} "
            f"({data['steps']} GD steps)")


def _draw_regularization(fig):
    grid = fig.add_gridspec(2, 2, left=0.12, right=0.97, bottom=0.09, top=0.84, wspace=0.45,
                            hspace=0.55, height_ratios=[1.25, 0.75])
    ax_x, ax_j, ax_n = fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[0, 1]), fig.add_subplot(grid[1, :])
    input_axes(ax_x, LIM, TICKS)
    line = boundary_line(ax_x, label="p = 0.5")
    p10 = boundary_line(ax_x, color=COLORS["blue"], lw=1.3, ls="--", label="p = 0.1")
    p90 = boundary_line(ax_x, color=COLORS["vermillion"], lw=1.3, ls="--", label="p = 0.9")
    fig.legend(handles=[line, p10, p90], loc="upper center", ncol=3, bbox_to_anchor=(0.5, 0.95),
               frameon=False, columnspacing=1.0)
    points = both_data_sets(ax_x)
    title_x = ax_x.set_title("")
    title = fig.suptitle("", y=0.995)

    bands = ax_j.imshow(np.zeros((2, 2)), origin="lower", interpolation="bilinear",
                        cmap=colormaps["viridis_r"].resampled(len(BANDS)),
                        norm=BoundaryNorm(BANDS, len(BANDS), extend="max"))
    (path,) = ax_j.plot([], [], ls=":", marker=".", ms=5, color="black", lw=1)
    (here,) = ax_j.plot([], [], marker="o", ms=8, color="white", mec="black", mew=1.5,
                        ls="none")
    ax_j.plot([0], [0], marker="+", ms=9, color="black", ls="none")
    ax_j.set(xlabel="$w_1$", ylabel="$w_2$", aspect="equal")
    ax_j.grid(False)
    title_j = ax_j.set_title("")

    lines = {name: ax_n.plot(LOG_LAMBDAS, np.zeros(len(LOG_LAMBDAS)), marker=".", label=name,
                             color=COLORS[color])[0]
             for name, color in (("overlapping", "blue"), ("separable", "vermillion"))}
    (mark,) = ax_n.plot([], [], marker="o", ms=9, color="white", mec="black", mew=1.5, ls="none")
    ax_n.set(xlabel="λ", ylabel="‖w‖ of the fit", xlim=(-3.2, 2.2))
    ax_n.set_xticks([-3, -2, -1, 0, 1, 2], ["$10^{-3}$", "$10^{-2}$", "0.1", "1", "10", "100"])
    ax_n.legend(loc="upper right")

    def update(data):
        name = data["dataset"]
        show_only(points, name)
        for artist, key in ((line, "boundary"), (p10, "p10"), (p90, "p90")):
            set_boundary(artist, data[key])
        title.set_text(f"λ = {_lam_text(data['lam'])}: ‖w‖ = {data['norm']:.2f}, b = {data['b']:.2f}")
        title_x.set_text("the fit")
        lo, hi = W_WINDOW[name]
        bands.set_data(data["surface"] - data["objective"])  # ≥ 0: the fit is the minimum
        bands.set_extent((lo, hi, lo, hi))
        ax_j.set(xlim=(lo, hi), ylim=(lo, hi))
        path.set_data(*data["path"].T)
        here.set_data([data["w"][0]], [data["w"][1]])
        title_j.set_text("objective J")
        for other, artist in lines.items():
            artist.set_ydata(data["norms"][other])
            artist.set_lw(2.2 if other == name else 1.0)
            artist.set_alpha(1.0 if other == name else 0.45)
        ax_n.set_ylim(0, 1.08 * max(float(v.max()) for v in data["norms"].values()))
        mark.set_data([data["log_lam"]], [data["norm"]])

    return update


def regularization() -> InteractiveFigure:
    """The MAP fit as λ moves over 10⁻³ … 10²: boundary, J's contours, ‖w‖ (fits cached).

    Building it fits every (data set, λ) of the grid once (about 10 s, with a progress
    bar in a kernel; cached for the session); the controls then only look fits up.
    """
    precompute([functools.partial(_objective_surface, name, float(log_lam))
                for name in DATA for log_lam in LOG_LAMBDAS], "fitting every λ")
    return InteractiveFigure(
        [Dropdown("dataset", DATA_OPTIONS, default="separable", label="data"),
         Slider("log_lam", LOG_LAMBDAS[0], LOG_LAMBDAS[-1], step=0.5, default=0.0,
                label="log₁₀ λ")],
        regularization_data, _draw_regularization, describe=_describe_regularization,
        title="MAP: the penalty λ/2 ‖w‖² against the data", name="regularization",
        figsize=(5.4, 5.0), continuous_update=False)
