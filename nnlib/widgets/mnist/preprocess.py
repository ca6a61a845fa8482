r"""A drawing turned into an MNIST-like 28×28 digit: the pad's preprocessing, in numpy.

MNIST's digits were size-normalised to fit a 20×20 box with their aspect ratio kept
(anti-aliased), then placed in a 28×28 image with their centre of mass at the centre. The
pad does the same to the reader's ink, in JavaScript (``digit_pad.js``, ``preprocess``);
this is the same algorithm step for step, so the tests can compare the two.

1. The bounding box of the ink (pixels > 0), h × w, padded to a square of side
   S = max(h, w) with the ink centred (offsets rounded down).
2. Area averaging to 20×20: output pixel i covers the input interval
   [i S/20, (i+1) S/20), each input pixel weighted by its overlap. With the averaging
   matrix M (20, S), whose rows sum to 1, the box is B = M Q Mᵀ.
3. The centre of mass (c_y, c_x) of B (pixel indices), then B placed in the 28×28 image at
   the whole-pixel offset round(14 − c) (halves up); ink shifted out of the image is lost.
   14 is where the shipped MNIST digits have their centre of mass, on average (13.99, 14.01).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["BOX", "SIZE", "CENTRE", "area_matrix", "preprocess"]

BOX, SIZE, CENTRE = 20, 28, 14.0


def area_matrix(S: int, n: int = BOX) -> np.ndarray:
    """The (n, S) matrix of area averaging from S pixels to n: row i averages [i S/n, (i+1) S/n).

    Examples
    --------
    >>> area_matrix(4, 2)
    array([[0.5, 0.5, 0. , 0. ],
           [0. , 0. , 0.5, 0.5]])
    >>> area_matrix(1, 2)  # upsampling: each output pixel inside the one input pixel
    array([[1.],
           [1.]])
    """
    step = S / n
    lo = np.arange(n)[:, None] * step
    hi = lo + step
    k = np.arange(S)[None, :]
    return np.clip(np.minimum(k + 1, hi) - np.maximum(k, lo), 0.0, None) / step


def preprocess(ink: ArrayLike) -> np.ndarray:
    """The 28×28 MNIST-like digit (flattened) for a drawing.

    Parameters
    ----------
    ink : array_like, shape (N, M)
        Ink per pixel in [0, 1] (0: paper).

    Returns
    -------
    ndarray, shape (784,)
        Float64 in [0, 1], row by row; all zeros if nothing is drawn.

    Examples
    --------
    >>> ink = np.zeros((100, 100)); ink[10:90, 38:62] = 1.0   # a bar, 80 tall, 24 wide
    >>> x = preprocess(ink).reshape(28, 28)
    >>> (x > 0).sum(axis=0).max(), (x > 0).sum(axis=1).max()  # 20 tall, 6 wide
    (np.int64(20), np.int64(6))
    >>> rows, cols = np.indices(x.shape)  # centre of mass 9.5 in the box, shifted by 5
    >>> float((x * rows).sum() / x.sum()), float((x * cols).sum() / x.sum())
    (14.5, 14.5)
    """
    ink = np.asarray(ink, dtype=np.float64)
    if ink.ndim != 2 or ink.size == 0:
        raise ValueError(f"ink must be a 2-D image, got shape {ink.shape}")
    if not np.all(np.isfinite(ink)) or ink.min() < 0 or ink.max() > 1:
        raise ValueError("ink must hold values in [0, 1]")
    out = np.zeros((SIZE, SIZE))
    rows, cols = np.flatnonzero(ink.max(axis=1) > 0), np.flatnonzero(ink.max(axis=0) > 0)
    if rows.size == 0:
        return out.ravel()
    crop = ink[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
    h, w = crop.shape
    S = max(h, w)
    square = np.zeros((S, S))
    square[(S - h) // 2:(S - h) // 2 + h, (S - w) // 2:(S - w) // 2 + w] = crop
    M = area_matrix(S)
    box = (M @ square) @ M.T
    mass = box.sum()
    i = np.arange(BOX)
    cy, cx = (box.sum(axis=1) @ i) / mass, (box.sum(axis=0) @ i) / mass
    oy, ox = int(np.floor(CENTRE - cy + 0.5)), int(np.floor(CENTRE - cx + 0.5))
    # the part of the box that lands inside the image
    y0, y1 = max(0, -oy), min(BOX, SIZE - oy)
    x0, x1 = max(0, -ox), min(BOX, SIZE - ox)
    out[oy + y0:oy + y1, ox + x0:ox + x1] = box[y0:y1, x0:x1]
    return np.clip(out, 0.0, 1.0).ravel()
