"""Step-through backprop: the widget :func:`step_through`, the lecture's graph with every node's
forward value and, once backpropagation reaches it, its gradient, one node per step.
"""

from __future__ import annotations

from nnlib.plotting import COLORS
from nnlib.widgets.backprop.common import NETWORKS, PRESETS, VALUE_NAMES
from nnlib.widgets.backprop.walk import n_steps, tex, walk_data
from nnlib.widgets.controls import Dropdown, Slider
from nnlib.widgets.figure import InteractiveFigure

__all__ = ["step_through", "step_through_data", "collisions", "plain", "PRESET_OPTIONS", "MAX_STEP"]

#: The "values" drop-down: the chapter's values (the sliders' defaults; live, the sliders) or
#: a preset (also on the static page).
PRESET_OPTIONS = (("the chapter's values", "sliders"), ("preset: y = 0", "y0"),
                  ("preset: saturated", "saturated"))
MAX_STEP = max(n_steps(network) for network in NETWORKS) - 1
_GREY, _CURRENT = "#bbbbbb", COLORS["orange"]
#: Where a node's gradient is written: offset from the node's centre (points), vertical anchor.
_GRAD_AT = {"below": ((0, -14), "top"), "above": ((0, 14), "bottom"),
            "below right": ((24, -12), "top"), "above right": ((24, 12), "bottom")}


def step_through_data(network: str, values: str, step: int, **sliders: float) -> dict:
    """:func:`~nnlib.widgets.backprop.walk.walk_data` for the preset `values`, or for the
    sliders' values (x1, x2, y, w11, w21, w12, w22, v1, v2) when `values` is "sliders".

    Examples
    --------
    >>> d = step_through_data("two_layer", "sliders", 18, **PRESETS["sliders"])
    >>> d["current"], round(d["nodes"]["z11"][1], 5)
    ('z11', -0.05828)
    """
    if values not in PRESETS:
        raise ValueError(f"values must be one of {', '.join(PRESETS)}, got {values!r}")
    chosen = sliders if values == "sliders" else PRESETS[values]
    return walk_data(network, step, **{name: chosen[name] for name in VALUE_NAMES if name in chosen})


_PLAIN = ((r"\partial\ell/\partial\ell", "∂ℓ/∂ℓ"), (r"\partial\ell/\partial\hat{y}", "∂ℓ/∂ŷ"),
          (r"\partial\ell/\partial ", "∂ℓ/∂"), (r"\hat{y}", "ŷ"), (r"\ell", "ℓ"),
          (r"\sigma", "σ"), (r"\cdot ", " · "), (r"\cdot", " · "), (r"\log", "log"), (r"\,", " "), ("$", ""))


def plain(text: str) -> str:
    r"""The widget's mathtext as plain text for alt text: ∂ℓ/∂z_11 · σ'(z_11).

    Examples
    --------
    >>> plain(r"$\partial\ell/\partial z_{11} = \partial\ell/\partial a_{11}\cdot \sigma'(z_{11})$")
    "∂ℓ/∂z_11 = ∂ℓ/∂a_11 · σ'(z_11)"
    """
    for tex_, text_ in _PLAIN:
        text = text.replace(tex_, text_)
    return text.replace("{", "").replace("}", "")


def _describe(values: dict, data: dict) -> str:
    node = plain(tex(data["current"])) if data["current"] else ""
    where = {"start": "before the forward pass", "forward": f"forward pass, computing {node}",
             "backward": f"backward pass, the gradient of {node}"}[data["phase"]]
    sym, num = data["equation"]
    end = " (the last step)" if data["past_end"] else ""
    return (f"Backpropagation on {NETWORKS[data['network']]['title']}, step {data['step']} of "
            f"{data['steps'] - 1}{end}: {where}. {plain(sym)} {plain(num)}")


def _draw(fig):
    ax = fig.add_axes((0.01, 0.2, 0.98, 0.72))
    ax.set_axis_off()
    title = fig.text(0.02, 0.97, "", ha="left", va="top")
    lines = [fig.text(0.02, 0.15 - 0.08 * i, "", ha="left", va="center") for i in range(2)]
    state: dict = {"network": None, "artists": {}, "edges": []}

    def build(network: str, data: dict):
        ax.clear()
        ax.set_axis_off()
        layout = NETWORKS[network]["layout"]
        xs = [p[0] for p in layout.values()]
        ys = [p[1] for p in layout.values()]
        ax.set(xlim=(min(xs) - 0.55, max(xs) + 0.5), ylim=(min(ys) - 0.5, max(ys) + 0.5))
        edges = []
        for parent, child in data["edges"]:
            (x0, y0), (x1, y1) = layout[parent], layout[child]
            (line,) = ax.plot([x0, x1], [y0, y1], color=_GREY, lw=1.2, zorder=1,
                              gid=f"edge:{parent}:{child}")
            edges.append((parent, child, line))
        artists = {}
        for label, (x, y) in layout.items():
            top = ax.text(x, y, "", ha="center", va="center", zorder=3, gid=f"node:{label}",
                          bbox={"boxstyle": "round,pad=0.2", "facecolor": "white",
                                "edgecolor": "#333333", "linewidth": 1.0})
            side = NETWORKS[network]["grad_at"].get(label, "below")
            grad = ax.annotate("", (x, y), xytext=_GRAD_AT[side][0], textcoords="offset points",
                               ha="center", va=_GRAD_AT[side][1], zorder=4, color=COLORS["vermillion"],
                               gid=f"grad:{label}",
                               bbox={"boxstyle": "square,pad=0.12", "facecolor": "white",
                                     "edgecolor": "none"})
            artists[label] = (top, grad)
        state.update(network=network, artists=artists, edges=edges)

    def update(data):
        if state["network"] != data["network"]:
            build(data["network"], data)
        current, phase = data["current"], data["phase"]
        for label, (top, grad) in state["artists"].items():
            value, g = data["nodes"][label]
            shown = data["shown"][label]
            name = tex(label)
            top.set_text(f"{name} {value:.2f}".replace("-", "−") if shown else f"{name} ?")
            grad.set_text(f"{g:.3f}".replace("-", "−") if shown == "grad" else "")
            box = top.get_bbox_patch()
            box.set_edgecolor(_CURRENT if label == current else "#333333")
            box.set_linewidth(3.0 if label == current else 1.0)
            top.set_color("black" if shown else "#767676")
        for parent, child, line in state["edges"]:
            active = (phase == "forward" and child == current) or \
                     (phase == "backward" and parent == current)
            line.set_color(_CURRENT if active else _GREY)
            line.set_linewidth(2.5 if active else 1.2)
        where = {"start": "start", "forward": "forward pass", "backward": "backward pass"}
        last = data["steps"] - 1
        end = f" (the last: {NETWORKS[data['network']]['title']} has {last})" \
            if data["past_end"] else ""
        title.set_text(f"{NETWORKS[data['network']]['title']}, y = {data['values']['y']:g}: "
                       f"step {data['step']} of {last}{end}, {where[data['phase']]}")
        for text, line in zip(lines, data["equation"]):
            text.set_text(line)

    return update


def collisions(figure) -> list[str]:
    """What of the drawn graph touches what it should not: two boxes (node or gradient) that
    overlap, an edge through a node box other than its two ends, an edge through a gradient.

    Examples
    --------
    >>> fig = step_through()
    >>> fig.update(network="two_layer", step=22), collisions(fig.figure)
    (True, [])
    """
    import numpy as np

    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    ax = figure.axes[0]
    boxes = {}
    for text in ax.texts:
        gid = text.get_gid() or ""
        if gid.startswith(("node:", "grad:")) and text.get_text():
            boxes[gid] = text.get_bbox_patch().get_window_extent(renderer)
    found = []
    names = sorted(boxes)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if boxes[a].overlaps(boxes[b]):
                found.append(f"{a} overlaps {b}")
    t = np.linspace(0, 1, 400)[:, None]
    for line in ax.lines:
        _, parent, end = line.get_gid().split(":")
        xy = ax.transData.transform(np.column_stack(line.get_data()))
        points = xy[0] + t * (xy[1] - xy[0])
        for gid, box in boxes.items():
            if gid in (f"node:{parent}", f"node:{end}"):
                continue
            inside = ((points[:, 0] > box.x0 + 1) & (points[:, 0] < box.x1 - 1)
                      & (points[:, 1] > box.y0 + 1) & (points[:, 1] < box.y1 - 1))
            if inside.any():
                found.append(f"edge {parent}-{end} crosses {gid}")
    return found


def step_through() -> InteractiveFigure:
    """Step through the forward and the backward pass of the lecture's graph, node by node.

    On the static page the network, the preset values and every step are pre-computed; the
    sliders for x₁, x₂, y and the weights are live only (they apply with "the chapter's values",
    their defaults). One neuron has 10 steps, two layers 22; a later step shows the last.

    Examples
    --------
    >>> fig = step_through()
    >>> fig.update(network="two_layer", step=3), fig.data["current"]
    (True, 'z12')
    """
    d = PRESETS["sliders"]
    weight = dict(min=-3, max=3, step=0.1)
    return InteractiveFigure(
        [Dropdown("network", [("one neuron", "neuron"), ("two layers", "two_layer")],
                  default="neuron", label="network"),
         Dropdown("values", list(PRESET_OPTIONS), default="sliders", label="x, y, weights"),
         Slider("step", 0, MAX_STEP, step=1, default=1, label="step"),
         Slider("x1", -2, 2, step=0.1, default=d["x1"], label="x₁"),
         Slider("x2", -2, 2, step=0.1, default=d["x2"], label="x₂"),
         Slider("y", 0, 1, step=1, default=d["y"], label="label y"),
         Slider("w11", **weight, default=d["w11"], label="w₁₁⁽¹⁾"),
         Slider("w21", **weight, default=d["w21"], label="w₂₁⁽¹⁾"),
         Slider("w12", **weight, default=d["w12"], label="w₁₂⁽¹⁾ (two layers)"),
         Slider("w22", **weight, default=d["w22"], label="w₂₂⁽¹⁾ (two layers)"),
         Slider("v1", **weight, default=d["v1"], label="w₁₁⁽²⁾ (two layers)"),
         Slider("v2", **weight, default=d["v2"], label="w₂₁⁽²⁾ (two layers)")],
        step_through_data, _draw, describe=_describe,
        title="Step-through backpropagation", name="backprop_steps", figsize=(5.4, 4.4),
        static_controls=("network", "values", "step"))
