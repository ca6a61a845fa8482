"""Control specifications: what a widget lets the reader change.

A control is plain data (a name, a range or a list of options, a default). The same
specification builds an ipywidgets control in a running kernel and an HTML control on
the static page, and it defines the grid of values over which static frames are
pre-computed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Sequence

__all__ = ["Slider", "Dropdown", "Control", "validate_controls"]


def _check_name(name: object) -> str:
    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError(f"name must be a Python identifier string, got {name!r}")
    return name


def _finite(value: object, argument: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{argument} must be a real number, got {type(value).__name__}")
    if not math.isfinite(value):
        raise ValueError(f"{argument} must be finite, got {value!r}")
    return float(value)


def _decimals(x: float) -> int:
    """Digits after the point needed to write `x` exactly: 0.1 -> 1, 0.25 -> 2, 5 -> 0."""
    return next((d for d in range(10) if abs(round(x, d) - x) < 1e-9), 10)


@dataclass(frozen=True)
class Slider:
    """A numeric slider.

    Parameters
    ----------
    name : str
        Keyword under which the value is passed to the widget's compute function.
    min, max : float
        Range of the slider, ``min < max``.
    step : float
        Resolution of the live slider (in a running kernel).
    default : float
        Initial value; must lie on the static grid.
    label : str, optional
        Text shown before the slider (may contain Unicode maths such as ``w₁``).
        Defaults to `name`.
    static_step : float, optional
        Spacing of the grid of pre-computed frames on the static website and slides.
        Must be a whole multiple of `step`. Defaults to `step`.

    Examples
    --------
    >>> Slider("w", -2, 2, step=0.1, default=1, static_step=1).grid()
    (-2.0, -1.0, 0.0, 1.0, 2.0)
    """

    name: str
    min: float
    max: float
    step: float
    default: float
    label: str = ""
    static_step: float | None = None
    _grid: tuple = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _check_name(self.name)
        lo = _finite(self.min, "min")
        hi = _finite(self.max, "max")
        step = _finite(self.step, "step")
        default = _finite(self.default, "default")
        if not lo < hi:
            raise ValueError(f"slider {self.name!r}: min must be < max, got {lo} and {hi}")
        if step <= 0:
            raise ValueError(f"slider {self.name!r}: step must be > 0, got {step}")
        static = step if self.static_step is None else _finite(self.static_step, "static_step")
        ratio = static / step
        if static <= 0 or abs(ratio - round(ratio)) > 1e-9:
            raise ValueError(
                f"slider {self.name!r}: static_step must be a positive multiple of step "
                f"({step}), got {static}"
            )
        n = int(math.floor((hi - lo) / static + 1e-9))
        grid = tuple(round(lo + i * static, 10) + 0.0 for i in range(n + 1))  # + 0.0: no -0.0
        if not any(abs(default - g) < 1e-9 for g in grid):
            raise ValueError(
                f"slider {self.name!r}: default {default} is not on the static grid {grid}"
            )
        object.__setattr__(self, "_grid", grid)

    def grid(self) -> tuple[float, ...]:
        """Values at which static frames are pre-computed, in increasing order."""
        return self._grid

    def snap(self, value: float) -> float:
        """The grid value nearest to `value` (used to match a frame)."""
        return min(self._grid, key=lambda g: abs(g - value))

    @property
    def text(self) -> str:
        return self.label or self.name

    def format(self, value: float) -> str:
        """Value as shown in the readout and in frame keys, e.g. ``'-1.5'``."""
        decimals = max(_decimals(self.step), _decimals(self.static_step or self.step),
                       _decimals(self.min))  # enough digits for every grid value: 0.25 -> 2
        text = f"{value:.{decimals}f}"
        return text[1:] if text.startswith("-") and float(text) == 0 else text  # not "-0.0"


@dataclass(frozen=True)
class Dropdown:
    """A choice among a few named options.

    Parameters
    ----------
    name : str
        Keyword under which the chosen value is passed to the compute function.
    options : sequence of str or of (label, value) pairs
        The choices. Values must be strings (they name frames on the static page).
    default : str
        Initial value, one of the option values.
    label : str, optional
        Text shown before the menu. Defaults to `name`.

    Examples
    --------
    >>> Dropdown("g", ["sigmoid", "relu"], default="relu").grid()
    ('sigmoid', 'relu')
    """

    name: str
    options: Sequence[Any]
    default: str
    label: str = ""

    def __post_init__(self) -> None:
        _check_name(self.name)
        pairs = []
        for option in self.options:
            pair = (option, option) if isinstance(option, str) else option
            if not (isinstance(pair, (tuple, list)) and len(pair) == 2
                    and all(isinstance(part, str) for part in pair)):
                raise TypeError(
                    f"dropdown {self.name!r}: options must be strings or (label, value) "
                    f"string pairs, got {option!r}"
                )
            pairs.append(tuple(pair))
        if not pairs:
            raise ValueError(f"dropdown {self.name!r}: options must not be empty")
        values = [v for _, v in pairs]
        if len(set(values)) != len(values):
            raise ValueError(f"dropdown {self.name!r}: option values must be unique")
        if self.default not in values:
            raise ValueError(
                f"dropdown {self.name!r}: default {self.default!r} is not one of {values}"
            )
        object.__setattr__(self, "options", tuple(pairs))

    def grid(self) -> tuple[str, ...]:
        return tuple(v for _, v in self.options)

    def snap(self, value: str) -> str:
        return value

    @property
    def text(self) -> str:
        return self.label or self.name

    def format(self, value: str) -> str:
        return value


Control = Slider | Dropdown


def validate_controls(controls: Sequence[Control]) -> tuple[Control, ...]:
    """Check a list of controls: right types and unique names."""
    controls = tuple(controls)
    if not controls:
        raise ValueError("controls must contain at least one Slider or Dropdown")
    for c in controls:
        if not isinstance(c, (Slider, Dropdown)):
            raise TypeError(f"controls must be Slider or Dropdown objects, got {c!r}")
    names = [c.name for c in controls]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValueError(f"controls have duplicate names: {', '.join(duplicates)}")
    return controls
