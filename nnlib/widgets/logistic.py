r"""Widgets for the chapter *Logistic regression*: fit by hand, the L2 penalty, GD over time.

All three use the chapter's two data sets (:func:`chapter_data`) with labels ±1 and the
model :math:`p(y = 1 \mid \mathbf{x}) = \sigma(\mathbf{w}^T\mathbf{x} + b)`. Each is a pure
``*_data`` function (tested on its own) plus a drawing function, joined by
:class:`~nnlib.widgets.figure.InteractiveFigure`. Fits are cached by their configuration
(:func:`functools.lru_cache`), so a slider only ever looks a fit up: the builders fit
everything their controls can reach before they return.
"""

from __future__ import annotations

import functools
import sys

import numpy as np
from matplotlib import colormaps, patheffects
from matplotlib.colors import BoundaryNorm, ListedColormap

from nnlib.activations import sigmoid
from nnlib.datasets import linearly_separable, non_separable
from nnlib.logistic import LogisticRegression
from nnlib.losses import logistic_loss
from nnlib.plotting import COLORS, PROB_CMAP
from nnlib.training import iterate_training
from nnlib.widgets.controls import Dropdown, Slider
from nnlib.widgets.figure import InteractiveFigure, embed_frames_enabled

__all__ = ["chapter_data", "likelihood_data", "likelihood_by_hand", "regularization_data",
           "regularization", "gd_steps_data", "gd_steps", "LOG_LAMBDAS", "LOG_STEPS"]

#: The chapter's data sets: 60 points each, seeded (the same arrays on every run).
DATA = {"overlapping": (non_separable, dict(n=60, overlap=1.0, seed=0)),
        "separable": (linearly_separable, dict(n=60, margin=0.5, seed=0))}
DATA_OPTIONS = [("overlapping", "overlapping"), ("separable", "separable")]
LIM = 3.5                              # the plots show x in [-LIM, LIM]²
X_AXIS = np.linspace(-LIM, LIM, 141)   # heat-map grid for p(y = 1 | x)
TICKS = (-3, 0, 3)

# The L2 penalty widget: log10 λ on this grid; GD runs until every gradient entry of
# J / n is below TOL (at most MAX_STEPS steps).
LOG_LAMBDAS = tuple(np.round(np.arange(-3.0, 2.01, 0.5), 1))
TOL, MAX_STEPS = 1e-6, 40_000

# The GD-over-time widget: log10 of the number of steps t; the top of its ‖w‖ axis.
LOG_STEPS = tuple(np.round(np.arange(0.0, 4.01, 0.5), 1))
NORM_MAX = 12.5


@functools.lru_cache(maxsize=None)
def chapter_data(name: str) -> tuple[np.ndarray, np.ndarray]:
    """The chapter's data set `name` ("overlapping" or "separable"): X (60, 2), y (60,) ±1.

    The arrays are read-only (they are cached and shared).

    Examples
    --------
    >>> X, y = chapter_data("separable")
    >>> X.shape, sorted(set(y.tolist()))
    ((60, 2), [-1, 1])
    """
    if name not in DATA:
        raise ValueError(f"unknown data set {name!r}; expected one of: {', '.join(DATA)}")
    make, kwargs = DATA[name]
    X, y01 = make(**kwargs)
    y = 2 * y01 - 1
    X.flags.writeable = y.flags.writeable = False
    return X, y


def _prob_map(w1: float, w2: float, b: float) -> np.ndarray:
    """p(y = 1 | x) over the square, rows along x₂ and columns along x₁."""
    x1, x2 = np.meshgrid(X_AXIS, X_AXIS)
    return sigmoid(w1 * x1 + w2 * x2 + b)


def boundary_segment(w1: float, w2: float, b: float, lim: float = LIM):
    """End points (x₁, x₂) of the line w₁x₁ + w₂x₂ + b = 0 across [-lim, lim]², or None.

    None when w = 0 (no boundary). The segment runs along the axis in which the line
    is less steep, so it spans the square from one side to the other.

    Examples
    --------
    >>> x1, x2 = boundary_segment(1.0, 1.0, 0.0, lim=2.0)
    >>> x1.tolist(), x2.tolist()
    ([-2.0, 2.0], [2.0, -2.0])
    """
    if w1 == 0 and w2 == 0:
        return None
    if abs(w2) >= abs(w1):
        xs = np.array([-lim, lim])
        return xs, -(w1 * xs + b) / w2
    ys = np.array([-lim, lim])
    return -(w2 * ys + b) / w1, ys


#: How the classes are drawn: shapes tell them apart; fills that stand out on red and blue.
CLASS_STYLE = {1: dict(marker="o", color=COLORS["yellow"]), -1: dict(marker="s", color="white")}


def _scatter_data(ax, X, y, size=22):
    """The two classes: +1 as yellow circles, -1 as white squares (black edges)."""
    for label in (1, -1):
        ax.scatter(*X[y == label].T, s=size, edgecolor="black", lw=0.7, zorder=3,
                   label=f"$y = {label:+d}$", **CLASS_STYLE[label])


def _both_data_sets(ax, size: float = 14) -> dict:
    """Scatter both data sets once; {name: artists}, so that update can show one of them."""
    points = {}
    for name in DATA:
        before = set(ax.collections)
        _scatter_data(ax, *chapter_data(name), size=size)
        points[name] = [c for c in ax.collections if c not in before]
    return points


def _show_only(points: dict, name: str) -> None:
    for other, artists in points.items():
        for artist in artists:
            artist.set_visible(other == name)


def _in_kernel() -> bool:
    """True inside a running Jupyter kernel (never imports IPython itself)."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return getattr(shell, "kernel", None) is not None


def precompute(jobs: list, what: str) -> int:
    """Run `jobs` (callables) before a widget is shown; returns how many ran.

    In a live kernel a progress bar counts them, and is cleared when the widget (the
    cell's result) appears, so a builder should be the last line of its cell. Not when
    the book embeds frames (``NNLIB_EMBED_FRAMES=1``): committed notebooks stay clean.
    """
    bar = None
    if _in_kernel() and not embed_frames_enabled():
        import ipywidgets
        from IPython.display import display

        bar = ipywidgets.IntProgress(min=0, max=len(jobs), description=what,
                                     style={"description_width": "initial"})
        display(bar)
    for done, job in enumerate(jobs, 1):
        job()
        if bar is not None:
            bar.value = done
    if bar is not None:
        from IPython.display import clear_output

        clear_output(wait=True)  # the widget, displayed next, replaces the bar
    return len(jobs)


#: p(y = 1 | x) is drawn in ten bands of 0.1 (pale ends of the colour map, so that the points
#: stay visible, and few colours, so that the 32-colour static frames keep them).
PROB_BANDS = BoundaryNorm(np.linspace(0.0, 1.0, 11), 10)
PROB_COLORS = ListedColormap(colormaps[PROB_CMAP](np.linspace(0.2, 0.8, 10)))


def _prob_axes(ax):
    """A heat map of p(y = 1 | x) and a boundary line on `ax`; returns (image, line)."""
    image = ax.imshow(np.zeros((2, 2)), origin="lower", extent=(-LIM, LIM, -LIM, LIM),
                      cmap=PROB_COLORS, norm=PROB_BANDS, interpolation="nearest")
    (line,) = ax.plot([], [], color="black", lw=2)
    ax.set(xlim=(-LIM, LIM), ylim=(-LIM, LIM), xlabel="$x_1$", ylabel="$x_2$", aspect="equal",
           xticks=TICKS, yticks=TICKS)  # few ticks: text is most of a redraw's cost
    ax.grid(False)
    return image, line


# --- 1. fit by hand ------------------------------------------------------------------------

W_AXIS = np.linspace(-3.5, 3.5, 71)  # the (w1, w2) plane of the log-likelihood landscape


@functools.lru_cache(maxsize=64)
def _landscape(dataset: str, b: float) -> np.ndarray:
    """Log-likelihood over the (w₁, w₂) grid at bias b, shape (71, 71), rows along w₂."""
    X, y = chapter_data(dataset)
    w1, w2 = np.meshgrid(W_AXIS, W_AXIS)
    s = w1[..., None] * X[:, 0] + w2[..., None] * X[:, 1] + b  # (71, 71, n)
    grid = -np.logaddexp(0.0, -y * s).sum(axis=-1)
    grid.flags.writeable = False
    return grid


def likelihood_data(w1: float, w2: float, b: float, dataset: str = "overlapping") -> dict:
    r"""Everything the fit-by-hand widget shows for weights (w₁, w₂) and bias b.

    Returns
    -------
    dict
        ``p`` (141, 141): p(y = 1 | x) over the square; ``boundary``: its line (or None);
        ``log_p`` (n,): each point's log p(yᵢ | xᵢ) = −log(1 + exp(−yᵢ sᵢ));
        ``log_lik``: their sum, the log-likelihood; ``wrong`` (n,) bool: points on the
        wrong side; ``landscape`` (71, 71): the log-likelihood over the (w₁, w₂) plane at
        this b; ``best``: (w₁, w₂, log-likelihood) of the landscape's highest grid point.

    Examples
    --------
    >>> d = likelihood_data(0.0, 0.0, 0.0)  # w = 0: every point gets probability 1/2
    >>> round(d["log_lik"], 4), round(-60 * float(np.log(2)), 4), float(d["p"].min())
    (-41.5888, -41.5888, 0.5)
    """
    X, y = chapter_data(dataset)
    s = X @ np.array([w1, w2]) + b
    log_p = -np.logaddexp(0.0, -y * s)
    landscape = _landscape(dataset, float(b))
    i, j = np.unravel_index(np.argmax(landscape), landscape.shape)
    return {
        "p": _prob_map(w1, w2, b), "boundary": boundary_segment(w1, w2, b),
        "w": np.array([w1, w2]), "b": float(b), "log_p": log_p,
        "log_lik": -logistic_loss(s, y), "wrong": np.where(s > 0, 1, -1) != y,
        "landscape": landscape,
        "best": (float(W_AXIS[j]), float(W_AXIS[i]), float(landscape[i, j])),
    }


def _describe_likelihood(values: dict, data: dict) -> str:
    bw1, bw2, best = data["best"]
    return (f"w = ({values['w1']:.1f}, {values['w2']:.1f}), b = {values['b']:.1f}: "
            f"log-likelihood {data['log_lik']:.1f}, {int(data['wrong'].sum())} of "
            f"{data['wrong'].size} points on the wrong side; with this b the best is "
            f"{best:.1f} near w = ({bw1:.1f}, {bw2:.1f})")


LANDSCAPE_LEVELS = (-300, -200, -120, -80, -60, -30, -25)
COIN_FLIP = -60 * np.log(2)  # the log-likelihood of w = 0, b = 0: p = 1/2 for every point


def _draw_likelihood(fig):
    ax_x, ax_w = fig.subplots(1, 2)
    fig.subplots_adjust(left=0.065, right=0.925, bottom=0.14, top=0.9, wspace=0.62)
    X, y = chapter_data("overlapping")
    image, line = _prob_axes(ax_x)
    _scatter_data(ax_x, X, y)
    rings = ax_x.scatter([], [], s=110, facecolor="none", edgecolor="black", lw=1.4, zorder=4,
                         label="wrong side")
    arrow = ax_x.annotate("", xy=(1, 0), xytext=(0, 0), zorder=5, annotation_clip=False,
                          arrowprops=dict(arrowstyle="-|>,head_width=0.4,head_length=0.8",
                                          color="black", lw=2.2, shrinkA=0, shrinkB=0))
    arrow.arrow_patch.set_path_effects([patheffects.withStroke(linewidth=4.5,
                                                               foreground="white")])
    ax_x.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=7, handletextpad=0.2,
                borderaxespad=0.3, frameon=False)
    title_x = ax_x.set_title("", fontsize=10)

    surface = ax_w.imshow(np.zeros((2, 2)), origin="lower", cmap="viridis", vmin=-160,
                          vmax=-20, extent=(W_AXIS[0], W_AXIS[-1], W_AXIS[0], W_AXIS[-1]),
                          interpolation="bilinear")
    bar = fig.colorbar(surface, ax=ax_w, fraction=0.046, pad=0.03, extend="min",
                       ticks=[-150, -100, -50])
    bar.ax.tick_params(labelsize=7)
    bar.ax.axhline(COIN_FLIP, color="white", lw=1.5)
    (best,) = ax_w.plot([], [], marker="*", ms=14, color=COLORS["vermillion"], mec="black",
                        ls="none")
    (here,) = ax_w.plot([], [], marker="o", ms=8, color="white", mec="black", mew=1.5, ls="none")
    ax_w.set(xlabel="$w_1$", ylabel="$w_2$", aspect="equal", xticks=TICKS, yticks=TICKS)
    ax_w.grid(False)
    title_w = ax_w.set_title("", fontsize=10)
    state = {"b": None, "contours": []}

    def update(data):
        image.set_data(data["p"])
        line.set_data(*(data["boundary"] or ([], [])))
        rings.set_offsets(X[data["wrong"]] if data["wrong"].any() else np.empty((0, 2)))
        w, b = data["w"], data["b"]
        norm2 = float(w @ w)
        foot = -b * w / norm2 if norm2 else np.zeros(2)  # the boundary's point nearest 0
        arrow.set_visible(norm2 > 0 and bool(np.all(np.abs(foot) < LIM - 0.3)))
        if norm2:
            arrow.set_position(foot)  # the tail, on the boundary ...
            arrow.xy = foot + 1.3 * w / np.sqrt(norm2)  # ... the head, towards p > 1/2
        title_x.set_text(f"p(y = +1 | x); {int(data['wrong'].sum())} on the wrong side")
        if state["b"] != b:  # the landscape only changes with b
            surface.set_data(data["landscape"])
            for artist in state["contours"]:
                artist.remove()
            state["contours"] = [
                ax_w.contour(W_AXIS, W_AXIS, data["landscape"], levels=LANDSCAPE_LEVELS,
                             colors="white", linewidths=0.6, alpha=0.6, linestyles="solid"),
                ax_w.contour(W_AXIS, W_AXIS, data["landscape"], levels=[COIN_FLIP],
                             colors="white", linewidths=1.8, linestyles="solid")]
            best.set_data([data["best"][0]], [data["best"][1]])
            state["b"] = b
        here.set_data([w[0]], [w[1]])
        title_w.set_text(f"log-likelihood {data['log_lik']:.1f}  (★ {data['best'][2]:.1f})")

    return update


def likelihood_by_hand() -> InteractiveFigure:
    """Move w₁, w₂ and b over the overlapping data: boundary, p(y = 1 | x), log-likelihood.

    Examples
    --------
    >>> fig = likelihood_by_hand()
    >>> fig.update(w1=1.5, w2=1.0, b=0.0)
    True
    """
    return InteractiveFigure(
        [Slider("w1", -3, 3, step=0.1, default=1, static_step=1, label="w₁"),
         Slider("w2", -3, 3, step=0.1, default=-1, static_step=1, label="w₂"),
         Slider("b", -1.5, 1.5, step=0.1, default=0, static_step=1.5, label="b")],
        likelihood_data, _draw_likelihood, describe=_describe_likelihood,
        title="Fit by hand: find the w and b that make the data most probable",
        figsize=(7.4, 3.0), dpi=95, static_dpi=72)


# --- 2. the L2 penalty ---------------------------------------------------------------------

def safe_lr(dataset: str, lam: float) -> float:
    r"""A GD learning rate on J / n that cannot diverge: 1.9 / L.

    L bounds the curvature of J / n everywhere: with A = [X, 1] (a column of ones for b),
    :math:`\nabla^2 (J/n) \preceq A^T A / (4n) + \lambda / n`, because σ(s)σ(−s) ≤ 1/4.
    GD on a function with curvature at most L decreases it for any step below 2 / L.
    """
    X, _ = chapter_data(dataset)
    A = np.c_[X, np.ones(len(X))]
    return 1.9 / (np.linalg.eigvalsh(A.T @ A)[-1] / (4 * len(X)) + lam / len(X))


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
    ax_x, ax_j, ax_n = fig.subplots(1, 3, gridspec_kw={"width_ratios": [1, 1, 1.15]})
    fig.subplots_adjust(left=0.06, right=0.985, bottom=0.17, top=0.85, wspace=0.38)
    ax_x.set(xlim=(-LIM, LIM), ylim=(-LIM, LIM), xlabel="$x_1$", ylabel="$x_2$", aspect="equal",
             xticks=TICKS, yticks=TICKS)
    (line,) = ax_x.plot([], [], color="black", lw=2, label="p = 0.5")
    (p10,) = ax_x.plot([], [], color=COLORS["blue"], lw=1.3, ls="--", label="p = 0.1")
    (p90,) = ax_x.plot([], [], color=COLORS["vermillion"], lw=1.3, ls="--", label="p = 0.9")
    ax_x.legend(fontsize=6.5, loc="upper left", handlelength=1.6, borderaxespad=0.2)
    points = _both_data_sets(ax_x)
    title_x = ax_x.set_title("", fontsize=9)

    bands = ax_j.imshow(np.zeros((2, 2)), origin="lower", interpolation="bilinear",
                        cmap=colormaps["viridis_r"].resampled(len(BANDS)),
                        norm=BoundaryNorm(BANDS, len(BANDS), extend="max"))
    (path,) = ax_j.plot([], [], ls=":", marker=".", ms=5, color="black", lw=1)
    (here,) = ax_j.plot([], [], marker="o", ms=8, color="white", mec="black", mew=1.5,
                        ls="none")
    ax_j.plot([0], [0], marker="+", ms=9, color="black", ls="none")
    ax_j.set(xlabel="$w_1$", ylabel="$w_2$", aspect="equal")
    ax_j.grid(False)
    title_j = ax_j.set_title("", fontsize=9)

    lines = {name: ax_n.plot(LOG_LAMBDAS, np.zeros(len(LOG_LAMBDAS)), marker=".", label=name,
                             color=COLORS[color])[0]
             for name, color in (("overlapping", "blue"), ("separable", "vermillion"))}
    (mark,) = ax_n.plot([], [], marker="o", ms=9, color="white", mec="black", mew=1.5, ls="none")
    ax_n.set(xlabel="λ (log scale)", ylabel="‖w‖ of the fit", xlim=(-3.2, 2.2))
    ax_n.set_xticks([-3, -2, -1, 0, 1, 2], ["$10^{-3}$", "$10^{-2}$", "0.1", "1", "10", "100"])
    ax_n.legend(fontsize=7, loc="upper right")
    ax_n.set_title("‖w‖ against λ", fontsize=9)

    def update(data):
        name = data["dataset"]
        _show_only(points, name)
        for artist, key in ((line, "boundary"), (p10, "p10"), (p90, "p90")):
            artist.set_data(*(data[key] or ([], [])))
        title_x.set_text(f"λ = {_lam_text(data['lam'])}: ‖w‖ = {data['norm']:.2f}")
        lo, hi = W_WINDOW[name]
        bands.set_data(data["surface"] - data["objective"])  # ≥ 0: the fit is the minimum
        bands.set_extent((lo, hi, lo, hi))
        ax_j.set(xlim=(lo, hi), ylim=(lo, hi))
        path.set_data(*data["path"].T)
        here.set_data([data["w"][0]], [data["w"][1]])
        title_j.set_text(f"objective J at b = {data['b']:.2f}")
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
        title="MAP: the penalty λ/2 ‖w‖² against the data", figsize=(9.2, 3.2), dpi=80,
        static_dpi=72, continuous_update=False)


# --- 3. gradient descent over time ----------------------------------------------------------

@functools.lru_cache(maxsize=None)
def _trajectory(dataset: str, lam: float) -> np.ndarray:
    """(w₁, w₂, b) after t = 0, 1, ..., 10⁴ GD steps from 0 (one run, cached)."""
    X, y = chapter_data(dataset)
    model = LogisticRegression(lam=lam).fit(X, y, epochs=1, progress=False)
    model.params["w"][:] = 0.0
    model.params["b"][...] = 0.0
    rows = [np.zeros(3)]
    for _ in iterate_training(model, X, y, optimizer="gd", lr=safe_lr(dataset, lam),
                              epochs=10 ** int(LOG_STEPS[-1]), progress=False):
        rows.append(np.r_[model.params["w"], model.params["b"]])
    out = np.array(rows)
    out.flags.writeable = False
    return out


def gd_steps_data(dataset: str, lam: float, log_t: float) -> dict:
    """The GD fit after t = round(10**log_t) steps, and ‖w‖ over all steps.

    Returns
    -------
    dict
        ``t``; ``w`` (2,) and ``b`` after t steps; ``p`` and ``boundary``;
        ``norms`` (10⁴ + 1,): ‖w‖ after every step; ``earlier``: boundaries after
        1, 10, 100, ... steps up to t.

    Examples
    --------
    >>> d = gd_steps_data("separable", 0.0, 2.0)
    >>> d["t"], d["norms"].shape
    (100, (10001,))
    """
    if not LOG_STEPS[0] <= log_t <= LOG_STEPS[-1]:
        raise ValueError(f"log_t must be in [{LOG_STEPS[0]}, {LOG_STEPS[-1]}], got {log_t!r}")
    trajectory = _trajectory(dataset, float(lam))
    t = int(round(10 ** log_t))
    (w1, w2, b), norms = trajectory[t], np.hypot(trajectory[:, 0], trajectory[:, 1])
    return {"t": t, "w": np.array([w1, w2]), "b": float(b), "lam": float(lam),
            "dataset": dataset, "p": _prob_map(w1, w2, b), "norm": float(norms[t]),
            "boundary": boundary_segment(w1, w2, b), "norms": norms,
            "earlier": [boundary_segment(*trajectory[10 ** k]) for k in range(5) if 10 ** k < t]}


def _gd_steps_compute(dataset: str, lam: str, log_t: float) -> dict:
    return gd_steps_data(dataset, float(lam), log_t)  # the λ menu's values are strings


def _describe_gd(values: dict, data: dict) -> str:
    return (f"{values['dataset']} data, λ = {data['lam']:g}, after {data['t']} GD steps: "
            f"w = ({data['w'][0]:.2f}, {data['w'][1]:.2f}), b = {data['b']:.2f}, "
            f"‖w‖ = {data['norm']:.2f}")


def _draw_gd(fig):
    ax_x, ax_n = fig.subplots(1, 2)
    fig.subplots_adjust(left=0.07, right=0.98, bottom=0.17, top=0.88, wspace=0.3)
    image, line = _prob_axes(ax_x)
    points = _both_data_sets(ax_x)
    earlier = [ax_x.plot([], [], color="black", lw=0.8, ls="--")[0] for _ in range(5)]
    title_x = ax_x.set_title("", fontsize=9)
    steps = np.arange(10 ** int(LOG_STEPS[-1]) + 1)
    (curve,) = ax_n.plot(steps[1:], steps[1:], color=COLORS["blue"], lw=2)
    (mark,) = ax_n.plot([], [], marker="o", ms=8, color="white", mec="black", mew=1.5, ls="none")
    ax_n.set(xscale="log", xlabel="GD step t (log scale)", ylabel="‖w‖",
             xlim=(0.8, 1.4 * steps[-1]), ylim=(0, NORM_MAX))  # one scale: settings compare
    title_n = ax_n.set_title("", fontsize=9)

    def update(data):
        _show_only(points, data["dataset"])
        image.set_data(data["p"])
        line.set_data(*(data["boundary"] or ([], [])))
        for k, artist in enumerate(earlier):
            segment = data["earlier"][k] if k < len(data["earlier"]) else None
            artist.set_data(*(segment or ([], [])))
        title_x.set_text(f"after t = {data['t']} steps (dashed: t = 1, 10, …)")
        curve.set_ydata(data["norms"][1:])
        mark.set_data([max(data["t"], 1)], [data["norm"]])
        title_n.set_text(f"‖w‖ = {data['norm']:.2f} after {data['t']} steps")

    return update


def gd_steps() -> InteractiveFigure:
    """Gradient descent on λ = 0 or 1, step by step: the boundary settles, ‖w‖ may not.

    Building it runs GD once per (data set, λ), 10⁴ steps each (about 8 s, with a
    progress bar in a kernel; cached for the session); the controls then only look up.
    """
    precompute([functools.partial(_trajectory, name, lam) for name in DATA for lam in (0.0, 1.0)],
               "running gradient descent")
    return InteractiveFigure(
        [Dropdown("dataset", DATA_OPTIONS, default="separable", label="data"),
         Dropdown("lam", [("0 (maximum likelihood)", "0"), ("1 (MAP)", "1")], default="0",
                  label="λ"),
         Slider("log_t", LOG_STEPS[0], LOG_STEPS[-1], step=0.5, default=1.0,
                label="log₁₀ t")],
        _gd_steps_compute, _draw_gd, describe=_describe_gd,
        title="Gradient descent over time: where the boundary goes, how big w gets",
        figsize=(7.4, 3.0), dpi=95, static_dpi=72)
