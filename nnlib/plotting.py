"""Plot style shared by every chapter and widget.

Colour-blind-safe colours (Okabe and Ito's palette), a diverging colour map for
probabilities and signed values, and one call for a notebook's setup cell.
Imported explicitly (``import nnlib`` does not import matplotlib).

The drawing vocabulary every widget uses (class scatter, probability map in bands, decision
boundary, contours of a surface, loss panel, input mesh, the class palette) lives in the
package :mod:`nnlib.drawing`, one module per concept, and is re-exported here:
``from nnlib.plotting import class_scatter, prob_image``.
"""

from __future__ import annotations

import contextlib
import functools

import numpy as np

from nnlib.diagrams import draw_network, draw_neuron  # a neuron and a layered network

#: The names of :mod:`nnlib.drawing` this module re-exports (loaded on first use).
_DRAWING = (
    "CLASS_MARKERS", "CLASS_PALETTE", "PROB_LEVELS", "class_style", "Mesh", "input_mesh",
    "padded_extent", "as_extent", "input_axes", "prob_image", "set_prob_image", "class_prob_rgb",
    "class_scatter", "set_class_points", "mistake_rings", "set_mistakes", "class_legend",
    "boundary_line", "set_boundary", "boundary_contour", "set_contour", "SurfaceContours",
    "surface_contours", "set_surface", "surface_levels", "LossPanel", "loss_panel", "set_loss")

__all__ = ["COLORS", "CLASS_COLORS", "FRAME_COLORS", "PROB_CMAP", "SIGNED_CMAP", "FRAME_TEXT_PT", "book_style", "frame_style",
           "style_context", "boundary_segment", "draw_network", "draw_neuron", "setup_book",
           *_DRAWING]

#: Okabe-Ito colours, safe for the common forms of colour blindness.
COLORS = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#7f7f7f",
}

#: The two classes of the binary chapters as filled markers: the ends of :data:`PROB_CMAP`.
CLASS_COLORS = {0: "#2166ac", 1: "#b2182b"}

#: Colours a widget's frame keeps exactly (its 32-colour palette always holds them).
FRAME_COLORS = (*COLORS.values(), *CLASS_COLORS.values())

#: Colour map for probabilities in [0, 1] (diverging around 0.5, colour-blind safe).
PROB_CMAP = "RdBu_r"
#: Colour map for signed values such as weights or pre-activations.
SIGNED_CMAP = "PuOr_r"


def book_style() -> dict:
    """Matplotlib rc settings for the book: readable labels, light grid, safe colours."""
    from matplotlib import cycler  # matplotlib re-exports its dependency

    return {
        "figure.figsize": (6.4, 3.6),
        "figure.dpi": 100,
        "savefig.dpi": 100,
        "font.size": 10,
        "axes.titlesize": 11,
        "axes.labelsize": 10,
        "axes.grid": True,
        "grid.alpha": 0.3,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.prop_cycle": cycler(color=[COLORS[k] for k in
                                         ("blue", "orange", "green", "vermillion", "purple", "sky")]),
        "legend.frameon": False,
        "image.cmap": "viridis",
    }


#: Size of every text of a widget's frame, in points. A frame is shown at 100 CSS px per inch
#: of figure: 12 pt is 16.7 px on a desktop (the page's text size) and still 10 px on a
#: 390 px phone for a figure up to 5.4 in wide (``tests/widgets/test_registry.py``).
FRAME_TEXT_PT = 12


def frame_style() -> dict:
    """Matplotlib rc settings of the widgets' frames: :func:`book_style` with larger text.

    Every text of a frame (ticks, labels, titles, legends) is :data:`FRAME_TEXT_PT`;
    the background is white (the frame reads the same on a light and on a dark page, with
    its own contrast), lines are thicker and ticks fewer.
    """
    return {
        **book_style(),
        "font.size": FRAME_TEXT_PT,
        "axes.titlesize": FRAME_TEXT_PT,
        "axes.labelsize": FRAME_TEXT_PT,
        "xtick.labelsize": FRAME_TEXT_PT,
        "ytick.labelsize": FRAME_TEXT_PT,
        "legend.fontsize": FRAME_TEXT_PT,
        "legend.title_fontsize": FRAME_TEXT_PT,
        "figure.titlesize": FRAME_TEXT_PT,
        "figure.facecolor": "white",
        "savefig.facecolor": "white",
        "axes.facecolor": "white",
        "text.color": "black",
        "axes.labelcolor": "black",
        "xtick.color": "black",
        "ytick.color": "black",
        "lines.linewidth": 2.0,
        "axes.titlepad": 4.0,
        "axes.labelpad": 2.0,
        "xtick.major.pad": 2.0,
        "ytick.major.pad": 2.0,
        "legend.handlelength": 1.4,
        "legend.handletextpad": 0.4,
        "legend.borderaxespad": 0.3,
        "legend.labelspacing": 0.3,
    }


@functools.lru_cache(maxsize=1)
def _frame_rc() -> dict:
    """:func:`frame_style` as matplotlib stores it: validated once, by ``RcParams``."""
    import matplotlib as mpl

    return dict(mpl.RcParams(frame_style()))


@contextlib.contextmanager
def style_context():
    """A context in which matplotlib draws with :func:`frame_style` (widgets use it).

    Inside, rcParams are what ``matplotlib.rc_context(frame_style())`` makes them, and the
    style's settings are restored on exit (others changed inside would stay: nothing in a
    widget changes them). The style's values are validated once and swapped in and back out
    with ``dict.update``, the way ``rc_context`` itself restores rcParams; ``rc_context``
    copied all of matplotlib's 300-odd settings and validated the style on every entry,
    0.5 ms that every live update paid twice. This takes about 0.02 ms and draws the same
    bytes (every static frame of the book compared).

    Examples
    --------
    >>> import matplotlib as mpl
    >>> with style_context():
    ...     mpl.rcParams["font.size"], mpl.rcParams["figure.facecolor"]
    (12.0, 'white')
    """
    import matplotlib as mpl

    rc, style = mpl.rcParams, _frame_rc()
    saved = {key: dict.__getitem__(rc, key) for key in style}
    dict.update(rc, style)
    try:
        yield
    finally:
        dict.update(rc, saved)


def boundary_segment(w1: float, w2: float, b: float, box: tuple = (-3.0, 3.0)):
    """End points (x₁, x₂) of the line w₁x₁ + w₂x₂ + b = 0 across the square `box`², or None.

    `box` is (lo, hi), a square, or (lo1, hi1, lo2, hi2), a rectangle.

    Every widget that draws a neuron's decision boundary uses this. None when w = 0
    (there is no boundary). The segment runs along the axis in which the line is less
    steep, so it crosses the square from one side to the other.

    Examples
    --------
    >>> x1, x2 = boundary_segment(1.0, 1.0, 0.0, box=(-2.0, 2.0))
    >>> x1.tolist(), x2.tolist()
    ([-2.0, 2.0], [2.0, -2.0])
    >>> boundary_segment(0.0, 0.0, 1.0) is None
    True
    >>> [v.tolist() for v in boundary_segment(1.0, 0.0, -1.0, box=(0.0, 2.0, -1.0, 3.0))]
    [[1.0, 1.0], [-1.0, 3.0]]
    """
    if w1 == 0 and w2 == 0:
        return None
    box = np.array(box, dtype=float)
    along_x1, along_x2 = (box[:2], box[2:]) if box.size == 4 else (box, box)
    if abs(w2) >= abs(w1):
        return along_x1, -(w1 * along_x1 + b) / w2
    return -(w2 * along_x2 + b) / w1, along_x2


def setup_book(seed: int = 0) -> np.random.Generator:
    """Set the book's plot style and return a seeded random generator.

    Called once by every chapter's hidden setup cell, so every run draws the same
    numbers and figures look alike.

    Parameters
    ----------
    seed : int
        Seed for the returned :class:`numpy.random.Generator` (and for numpy's legacy
        global generator, in case a reader's code uses ``np.random.rand``).

    Returns
    -------
    numpy.random.Generator

    Examples
    --------
    >>> rng = setup_book(seed=1)
    >>> float(np.round(rng.normal(), 4))
    0.3456
    """
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    import matplotlib as mpl

    mpl.rcParams.update(book_style())
    np.random.seed(seed)
    np.set_printoptions(precision=4, suppress=True)
    return np.random.default_rng(seed)


def __getattr__(name: str):
    """The names of :mod:`nnlib.drawing`, imported on first use (it imports this module)."""
    if name in _DRAWING:
        from nnlib import drawing

        return getattr(drawing, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
