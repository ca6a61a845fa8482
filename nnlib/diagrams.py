"""Pictures of a neuron and of a layered network, drawn from the numbers that define them.

A diagram is two steps, like a widget: a pure layout (`network_layout`, `network_edges`:
positions, widths, colours, computed from the weights and tested) and a drawing function
(`draw_network`, `draw_neuron`) that puts the layout on a matplotlib ``Axes``. Edge width
grows with ``|w|``; positive weights are solid blue, negative ones dashed vermillion (the
dash carries the sign for readers who cannot tell the colours apart).

Weights follow the lecture's convention: ``W[l]`` has shape ``(units of layer l+1, units of
layer l)``, so ``W[l][j, i]`` is the weight from unit ``i`` to unit ``j``, as
``MLP.params["W1"]``, ``MLP.params["W2"]``, ... store them. Imported explicitly (matplotlib is
loaded only when drawing); ``nnlib.plotting`` re-exports the two drawing functions.

Notes
-----
Introduced in the activations chapter (one neuron) and the XOR chapter (a 2-2-1 network).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

__all__ = ["Edge", "network_layout", "network_edges", "draw_network", "draw_neuron"]

POSITIVE, NEGATIVE = "#0072B2", "#D55E00"  # Okabe-Ito blue and vermillion (nnlib.plotting.COLORS)
MAX_WIDTH, MIN_WIDTH = 4.0, 0.4


@dataclass(frozen=True)
class Edge:
    """One drawn connection: from node (layer, i) to node (layer + 1, j)."""

    layer: int
    i: int
    j: int
    weight: float
    width: float
    color: str
    linestyle: str


def _sizes_of(weights: Sequence[np.ndarray]) -> list[int]:
    if isinstance(weights, np.ndarray) or len(weights) == 0:
        raise ValueError("weights must be a non-empty list of 2-D arrays W[l] of shape "
                         "(units of layer l+1, units of layer l)")
    arrays = [np.asarray(W, dtype=float) for W in weights]
    for l, W in enumerate(arrays):
        if W.ndim != 2 or 0 in W.shape:
            raise ValueError(f"weights[{l}] must be a non-empty 2-D array, got shape {W.shape}")
        if not np.all(np.isfinite(W)):
            raise ValueError(f"weights[{l}] must be finite")
        if l and W.shape[1] != arrays[l - 1].shape[0]:
            raise ValueError(f"weights[{l}] has {W.shape[1]} columns but layer {l} has "
                             f"{arrays[l - 1].shape[0]} units (weights[{l - 1}] has that many rows)")
    return [arrays[0].shape[1]] + [W.shape[0] for W in arrays]


def network_layout(sizes: Sequence[int]) -> list[np.ndarray]:
    """Node centres per layer: layer l at x = l, its units spread evenly around y = 0.

    Parameters
    ----------
    sizes : sequence of int
        Units per layer, input first, e.g. ``[2, 2, 1]``.

    Returns
    -------
    list of ndarray, each of shape (sizes[l], 2)
        ``(x, y)`` of every node; unit 0 of a layer is at the top.

    Examples
    --------
    >>> [p.tolist() for p in network_layout([2, 1])]
    [[[0.0, 0.5], [0.0, -0.5]], [[1.0, 0.0]]]
    """
    if isinstance(sizes, (str, bytes)) or len(sizes) < 2:
        raise ValueError(f"sizes must list at least two layers, got {sizes!r}")
    for l, n in enumerate(sizes):
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"sizes[{l}] must be a positive integer, got {n!r}")
    return [np.column_stack([np.full(n, float(l)), (n - 1) / 2 - np.arange(n, dtype=float)])
            for l, n in enumerate(sizes)]


def network_edges(weights: Sequence[np.ndarray]) -> list[Edge]:
    """Every connection of the network with its drawing width, colour and line style.

    Width is ``MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * |w| / max |w|`` over the whole network,
    so the strongest weight is the widest line; a zero weight keeps a hairline.

    Examples
    --------
    >>> edges = network_edges([np.array([[2.0, -1.0]])])
    >>> [(e.i, e.j, e.width, e.linestyle) for e in edges]
    [(0, 0, 4.0, 'solid'), (1, 0, 2.2, 'dashed')]
    """
    _sizes_of(weights)
    arrays = [np.asarray(W, dtype=float) for W in weights]
    biggest = max(float(np.abs(W).max()) for W in arrays) or 1.0
    edges = []
    for l, W in enumerate(arrays):
        for j in range(W.shape[0]):
            for i in range(W.shape[1]):
                w = float(W[j, i])
                edges.append(Edge(l, i, j, w, round(MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * abs(w) / biggest, 6),
                                  POSITIVE if w >= 0 else NEGATIVE, "solid" if w >= 0 else "dashed"))
    return edges


def draw_network(ax, weights: Sequence[np.ndarray], values: Sequence[np.ndarray] | None = None,
                 labels: Sequence[Sequence[str]] | None = None, weight_labels: bool = False,
                 layer_gap: float = 1.0, scale_widths: bool = True) -> dict:
    """Draw a layered network on `ax`: nodes, weighted edges, optional values on the nodes.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    weights : list of ndarray, ``weights[l]`` of shape (sizes[l+1], sizes[l])
    values : list of ndarray, ``values[l]`` of shape (sizes[l],), optional
        Numbers written in the nodes (e.g. activations for one input), rounded to 2 decimals.
    labels : list of list of str, optional
        Names written beside the nodes (e.g. ``[["x₁", "x₂"], ["h₁", "h₂"], ["ŷ"]]``).
    weight_labels : bool
        Write each weight on its edge (readable for small networks only).
    layer_gap : float
        Distance between layers, in units of the distance between two nodes of a layer
        (the axes keep an equal aspect): above 1 for a wide figure of tall layers.
    scale_widths : bool
        Draw each edge as wide as its weight is large (see :func:`network_edges`); False
        draws every edge as a thin line, for a network's structure alone.

    Returns
    -------
    dict
        ``{"nodes": [Circle, ...], "edges": [Line2D, ...], "texts": [Text, ...]}``.
    """
    from matplotlib.patches import Circle

    sizes = _sizes_of(weights)
    if isinstance(layer_gap, bool) or not isinstance(layer_gap, (int, float)) or not layer_gap > 0:
        raise ValueError(f"layer_gap must be a positive number, got {layer_gap!r}")
    layout = [p * (layer_gap, 1.0) for p in network_layout(sizes)]
    if values is not None:
        if len(values) != len(sizes):
            raise ValueError(f"values must have one array per layer ({len(sizes)}), got {len(values)}")
        values = [np.asarray(v, dtype=float).reshape(-1) for v in values]
        for l, v in enumerate(values):
            if v.shape != (sizes[l],):
                raise ValueError(f"values[{l}] must have {sizes[l]} entries, got {v.size}")
    if labels is not None and [len(row) for row in labels] != sizes:
        raise ValueError(f"labels must have {sizes} names per layer, got {[len(r) for r in labels]}")
    out = {"nodes": [], "edges": [], "texts": []}
    radius = 0.17
    for e in network_edges(weights):
        (x0, y0), (x1, y1) = layout[e.layer][e.i], layout[e.layer + 1][e.j]
        line, = ax.plot([x0, x1], [y0, y1], color=e.color, linestyle=e.linestyle,
                        linewidth=e.width if scale_widths else MIN_WIDTH + 0.6,
                        solid_capstyle="round", zorder=1)
        out["edges"].append(line)
        if weight_labels:
            t = 0.3  # near the start, where edges into one node are still apart
            out["texts"].append(ax.text(x0 + t * (x1 - x0), y0 + t * (y1 - y0), f"{e.weight:.2g}",
                                        fontsize=8, ha="center", va="center", zorder=3,
                                        bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none")))
    for l, points in enumerate(layout):
        for i, (x, y) in enumerate(points):
            node = Circle((x, y), radius, facecolor="white", edgecolor="#333333", linewidth=1.2, zorder=2)
            ax.add_patch(node)
            out["nodes"].append(node)
            if values is not None:
                out["texts"].append(ax.text(x, y, f"{values[l][i]:.2f}", ha="center", va="center",
                                            fontsize=8, zorder=3))
            if labels is not None:
                out["texts"].append(ax.text(x, y + radius + 0.06, labels[l][i], ha="center", va="bottom",
                                            fontsize=10, zorder=3,  # over the edges, readable
                                            bbox=dict(boxstyle="round,pad=0.05", fc="white", ec="none")))
    top = (max(sizes) - 1) / 2 + 0.5
    ax.set_xlim(-0.4, (len(sizes) - 1) * layer_gap + 0.4)
    ax.set_ylim(-top, top + 0.1)
    ax.set_aspect("equal")
    ax.axis("off")
    return out


def draw_neuron(ax, w: Sequence[float], b: float, activation: str = "g",
                x: Sequence[float] | None = None) -> dict:
    """Draw one neuron: inputs, weighted edges, the sum z = w·x + b, the activation, the output.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    w : sequence of float, shape (d,)
        The weights; edge widths and colours as in `network_edges`.
    b : float
        The bias, written in the sum node.
    activation : str
        Name written in the activation box (e.g. ``"σ"``, ``"step"``, ``"ReLU"``).
    x : sequence of float, shape (d,), optional
        An input: then z and, for a name in ``nnlib.activations.ACTIVATIONS``, ŷ are written too.

    Returns
    -------
    dict
        ``{"edges": [...], "texts": [...], "z": float or None, "y_hat": float or None}``.
    """
    from matplotlib.patches import Circle, FancyBboxPatch

    from nnlib.activations import ACTIVATIONS

    w = np.asarray(w, dtype=float).reshape(-1)
    if w.size == 0 or not np.all(np.isfinite(w)):
        raise ValueError(f"w must be a non-empty sequence of finite numbers, got {w!r}")
    if isinstance(b, bool) or not np.isscalar(b) or not np.isfinite(b):
        raise ValueError(f"b must be a finite number, got {b!r}")
    z = y_hat = None
    if x is not None:
        x = np.asarray(x, dtype=float).reshape(-1)
        if x.shape != w.shape or not np.all(np.isfinite(x)):
            raise ValueError(f"x must hold {w.size} finite numbers like w, got {x!r}")
        z = float(w @ x + b)
        if activation.lower() in ACTIVATIONS:
            y_hat = float(ACTIVATIONS[activation.lower()](np.array(z)))
    d = w.size
    out = {"edges": [], "texts": [], "z": z, "y_hat": y_hat}
    inputs = network_layout([d, 1])[0] * [1.0, 1.4]
    half = 0.2 + 0.075 * len(activation)  # the activation box fits its name
    total = (1.6, 0.0)
    box = (total[0] + 0.55 + half, 0.0)
    output = (box[0] + half + 0.5, 0.0)
    for (e, (x0, y0)) in zip(network_edges([w.reshape(1, -1)]), inputs):
        line, = ax.plot([x0, total[0]], [y0, 0.0], color=e.color, linestyle=e.linestyle,
                        linewidth=e.width, zorder=1)
        out["edges"].append(line)
        above = y0 >= 0  # a label on the outer side of its edge, clear of the other edges
        out["texts"].append(ax.text(x0 + 0.5 * (total[0] - x0), y0 / 2 + (0.14 if above else -0.14),
                                    f"w{_sub(e.i + 1)} = {_num(e.weight)}", fontsize=9, ha="center",
                                    va="bottom" if above else "top", zorder=3,
                                    bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none")))
        ax.add_patch(Circle((x0, y0), 0.2, facecolor="white", edgecolor="#333333", zorder=2))
        name = f"x{_sub(e.i + 1)}" if x is None else _num(x[e.i])
        out["texts"].append(ax.text(x0, y0, name, ha="center", va="center", fontsize=9, zorder=3))
    ax.add_patch(Circle(total, 0.3, facecolor="white", edgecolor="#333333", zorder=2))
    out["texts"].append(ax.text(*total, "Σ", ha="center", va="center", fontsize=14, zorder=3))
    out["texts"].append(ax.text(total[0], -0.5, f"+ b = {_num(b)}" if z is None else f"z = {_num(z, '.2f')}",
                                ha="center", va="top", fontsize=9))
    ax.plot([total[0] + 0.3, box[0] - half], [0, 0], color="#333333", zorder=1)
    ax.add_patch(FancyBboxPatch((box[0] - half, -0.22), 2 * half, 0.44, boxstyle="round,pad=0.02",
                                facecolor="white", edgecolor="#333333", zorder=2))
    out["texts"].append(ax.text(*box, activation, ha="center", va="center", fontsize=11, zorder=3))
    ax.annotate("", xy=output, xytext=(box[0] + half, 0),
                arrowprops=dict(arrowstyle="->", color="#333333"))
    out["texts"].append(ax.text(output[0] + 0.05, 0, "ŷ" if y_hat is None else f"ŷ = {y_hat:.2f}",
                                ha="left", va="center", fontsize=11))
    top = max(0.7 * (d - 1) + 0.45, 0.75)
    ax.set_xlim(-0.4, output[0] + 1.1)
    ax.set_ylim(-top, top)
    ax.set_aspect("equal")
    ax.axis("off")
    return out


def _num(v: float, fmt: str = ".2g") -> str:
    """A number as the book prints it: ``-0.5`` with a minus sign, ``−0.5``."""
    return format(v, fmt).replace("-", "\u2212")


def _sub(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))
