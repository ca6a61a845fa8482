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

#: The drawn nodes of each network (nnlib labels) and where they sit: (column, row).
NETWORKS = {
    "neuron": {"title": "one neuron", "layout": {
        "x1": (0, 3), "w11": (0, 2), "w21": (0, 1), "x2": (0, 0),
        "z": (1.2, 1.5), "y_hat": (2.3, 1.5), "loss": (3.4, 1.5)}},
    "two_layer": {"title": "two layers", "layout": {
        "w11^(1)": (1.05, 5.3), "w21^(1)": (1.05, 3.9), "x1": (0, 3.7), "x2": (0, 1.3),
        "w12^(1)": (1.05, 1.1), "w22^(1)": (1.05, -0.3),
        "z11": (2.1, 4.6), "z12": (2.1, 0.4), "a11": (3.1, 4.6), "a12": (3.1, 0.4),
        "w11^(2)": (3.1, 3.2), "w21^(2)": (3.1, 1.8),
        "z21": (4.1, 2.5), "y_hat": (5.1, 3.2), "loss": (5.1, 1.8)}},
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
