"""The loss panel: a run's loss against epoch (or step, or gradient evaluations), the whole
run faint, the part so far solid, the current point (part of :mod:`nnlib.drawing`,
re-exported by :mod:`nnlib.plotting`)."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from nnlib.plotting import COLORS

__all__ = ["LossPanel", "loss_panel", "set_loss"]

#: The smallest loss a logarithmic panel shows (a loss of 0 sits at the bottom, off the axis).
LOG_FLOOR = 1e-12


class LossPanel(NamedTuple):
    """The artists of :func:`loss_panel`: the whole run, the part so far, the current
    point, the accuracy so far (None without it), fixed y limits (None: fit the run), fixed
    x limits (None: the run's) and the line of a run to compare with (None without it)."""
    full: object
    so_far: object
    now: object
    accuracy: object
    ylim: tuple | None
    xlim: tuple | None = None
    reference: object = None


def loss_panel(ax, log: bool = False, accuracy: bool = False, ylabel: str | None = "training loss",
               ylim: tuple | None = None, xlim: tuple | None = None, xlabel: str = "epoch",
               color: str = COLORS["blue"], reference: bool = False) -> LossPanel:
    """A loss-against-epoch panel: the whole run faint, the epochs so far solid, the current
    epoch a point (in `color`), with `accuracy` the accuracy so far dashed, and with
    `reference` another run to compare with (black, beneath; titled by the caller).

    The y axis runs over `ylim`, or fits the run: linear from 0 to its largest loss, or with
    `log` logarithmic over the whole decades that hold it (a loss of 0 at the bottom, at
    most 10⁻⁹). The
    x axis runs over `xlim` (three ticks), or over the run (its epochs, or the `x` given to
    :func:`set_loss`); a caller may set a logarithmic x axis on `ax` afterwards.

    Returns
    -------
    LossPanel
        Update with :func:`set_loss`.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().add_subplot()
    >>> panel = loss_panel(ax, log=True, ylim=(1e-3, 1.5))
    >>> ax.get_yscale(), ax.get_yticks().tolist()
    ('log', [0.001, 0.01, 0.1, 1.0])
    """
    line = ax.plot([], [], color="black", lw=2)[0] if reference else None
    full = ax.plot([], [], color=COLORS["grey"], lw=1, alpha=0.5)[0]
    so_far = ax.plot([], [], color=color, lw=2)[0]
    acc = ax.plot([], [], color=COLORS["orange"], lw=1.5, ls="--")[0] if accuracy else None
    now = ax.plot([], [], "o", color=color, ms=5, zorder=3)[0]
    ax.set(xlabel=xlabel, ylabel=ylabel)
    if log:
        if ylim is not None:  # a tick per decade
            decades = np.arange(np.ceil(np.log10(ylim[0])), np.floor(np.log10(ylim[1])) + 1)
            ax.set(yscale="log", yticks=10.0 ** decades)
        else:
            ax.set(yscale="log")
        ax.minorticks_off()
    if ylim is not None:
        ax.set_ylim(ylim)
    if xlim is not None:
        ax.set(xlim=xlim, xticks=np.linspace(*xlim, 3))
    return LossPanel(full, so_far, now, acc, ylim, xlim, line)


def set_loss(panel: LossPanel, loss: np.ndarray, epoch: int, acc: np.ndarray | None = None,
             x: np.ndarray | None = None, reference: tuple | None = None) -> None:
    """Show `loss` (epochs + 1,) of a run at `epoch` (and its accuracy `acc`) on a
    :func:`loss_panel`; `x` replaces the epochs 0, 1, ... as the horizontal axis;
    `reference` = (x, loss) is the run to compare with.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> panel = loss_panel(Figure().add_subplot())
    >>> set_loss(panel, np.array([0.7, 0.4, 0.2]), 1)
    >>> np.asarray(panel.so_far.get_ydata()).tolist(), np.asarray(panel.now.get_ydata()).tolist()
    ([0.7, 0.4], [0.4])
    """
    loss = np.asarray(loss, dtype=float)
    x = np.arange(len(loss)) if x is None else np.asarray(x)
    ax = panel.full.axes
    log = ax.get_yscale() == "log"
    shown = np.maximum(loss, LOG_FLOOR) if log else loss
    panel.full.set_data(x, shown)
    panel.so_far.set_data(x[:epoch + 1], shown[:epoch + 1])
    panel.now.set_data([x[epoch]], [shown[epoch]])
    if panel.accuracy is not None and acc is not None:
        panel.accuracy.set_data(x[:epoch + 1], np.asarray(acc)[:epoch + 1])
    if panel.reference is not None and reference is not None:
        panel.reference.set_data(*reference)
    # limits and ticks only when they move (text is most of a redraw's cost)
    if panel.xlim is None and ax.get_xscale() == "linear" and ax.get_xlim() != (x[0], x[-1]):
        ax.set(xlim=(x[0], x[-1]), xticks=np.linspace(x[0], x[-1], 3))
    if panel.ylim is None and log:  # whole decades: a labelled tick at each end
        lo = np.floor(np.log10(max(1e-9, float(shown.min()))))
        ylim = (10.0 ** lo, 10.0 ** max(lo + 1, np.ceil(np.log10(1.5 * float(shown.max())))))
        if ax.get_ylim() != ylim:
            ax.set_ylim(ylim)
    elif panel.ylim is None:
        top = max(1.05, 1.05 * float(np.max(loss)))
        if ax.get_ylim()[1] != top:
            ax.set(ylim=(0, top), yticks=np.arange(0, top, 1.0 if top < 4 else 2.0))
