"""What the chapter *Backpropagation*'s widgets share: the two networks of the lecture, their
drawn layouts, and the preset inputs and weights of the static page.
"""

from __future__ import annotations

import math

__all__ = ["NETWORKS", "PRESETS", "VALUE_NAMES", "network_values"]

#: Every value a walk needs; v1, v2 are the lecture's w₁₁⁽²⁾, w₂₁⁽²⁾ (two-layer network only).
VALUE_NAMES = ("x1", "x2", "y", "w11", "w21", "w12", "w22", "v1", "v2")

#: Inputs and weights: the sliders' defaults (the chapter's numbers) and two presets.
PRESETS = {
    "sliders": {"x1": 1.5, "x2": -0.5, "y": 1, "w11": 0.8, "w21": -0.4, "w12": -0.6,
                "w22": 0.9, "v1": 1.2, "v2": -0.7},
    "y0": {"x1": 1.5, "x2": -0.5, "y": 0, "w11": 0.8, "w21": -0.4, "w12": -0.6,
           "w22": 0.9, "v1": 1.2, "v2": -0.7},
    "saturated": {"x1": 2.0, "x2": 1.0, "y": 0, "w11": 2.5, "w21": 1.5, "w12": -2.0,
                  "w22": 2.5, "v1": 2.5, "v2": -2.0},
}

#: The drawn nodes of each network (nnlib labels), where they sit (x, y; in the two-layer
#: picture one unit is one inch of the figure) and on which side of its box a node's gradient
#: is written (``grad_at``: "above", "below", "above right", "below right"; below by
#: default), the side no edge
#: leaves from. A layer's weights fan into their sum from outside (w⁽¹⁾ from above z₁₁ and
#: below z₁₂), so no edge runs through a box and the crossing of x₁ → z₁₂ and x₂ → z₁₁ is
#: clear of every label.
NETWORKS = {
    "neuron": {"title": "one neuron", "grad_at": {"x1": "above", "z": "below right"}, "layout": {
        "x1": (0, 3), "w11": (0, 2), "w21": (0, 1), "x2": (0, 0),
        "z": (1.2, 1.5), "y_hat": (2.3, 1.5), "loss": (3.4, 1.5)}},
    "two_layer": {"title": "two layers", "layout": {
        "x1": (0.45, 2.0), "x2": (0.45, 1.1),
        "w11^(1)": (1.15, 3.0), "w21^(1)": (2.25, 3.0), "z11": (2.45, 2.15), "a11": (3.35, 2.15),
        "w12^(1)": (1.15, 0.1), "w22^(1)": (2.25, 0.1), "z12": (2.45, 0.95), "a12": (3.35, 0.95),
        "w11^(2)": (3.65, 3.0), "w21^(2)": (3.65, 0.1), "z21": (4.2, 1.55),
        "y_hat": (4.9, 2.3), "loss": (4.9, 0.8)},
        "grad_at": {"x1": "above", "x2": "below", "w11^(1)": "above", "w21^(1)": "above",
                    "w11^(2)": "above", "z11": "below right", "a11": "above",
                    "z12": "above right", "z21": "below right", "y_hat": "above"}},
}


def network_values(network: str, values: dict) -> dict:
    """Check `network` and the values a walk needs; return them as floats (y as 0 or 1).

    Examples
    --------
    >>> network_values("neuron", {"x1": 1, "x2": 0, "y": 1, "w11": 2, "w21": 0})["w11"]
    2.0
    """
    if network not in NETWORKS:
        raise ValueError(f"network must be one of {', '.join(NETWORKS)}, got {network!r}")
    needed = VALUE_NAMES[:5] if network == "neuron" else VALUE_NAMES
    missing = [n for n in needed if n not in values]
    if missing:
        raise ValueError(f"the {NETWORKS[network]['title']} needs the values {', '.join(missing)}")
    out = {}
    for name in needed:
        v = values[name]
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
            raise ValueError(f"{name} must be a finite number, got {v!r}")
        out[name] = float(v)
    if out["y"] not in (0.0, 1.0):
        raise ValueError(f"y must be the label 0 or 1, got {values['y']!r}")
    return out
