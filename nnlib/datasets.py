r"""Small 2-D data sets for the chapters before MNIST: logic gates, blobs, moons, spirals.

Every function returns ``(X, y)``: ``X`` float64 of shape (n, 2), one example per row,
and ``y`` int64 class labels of shape (n,) with values 0..k-1 (0/1 for two classes).
Random sets draw from ``np.random.default_rng(seed)``: the same seed gives the same
arrays on every run. Classes are balanced (sizes differ by at most one) and the rows
are shuffled, so any slice ``X[:m]`` mixes the classes.
"""

from collections.abc import Callable
import numpy as np
from numpy.typing import NDArray

from nnlib.validation import check_int, check_real

__all__ = ["and_gate", "or_gate", "xor_gate", "noisy_xor", "blobs", "moons", "circles",
           "spirals", "linearly_separable", "non_separable", "DATASETS", "get_dataset"]

Data = tuple[NDArray[np.float64], NDArray[np.int64]]

# The four inputs of a two-input truth table, in counting order: (x1, x2) = 00, 01, 10, 11.
_CORNERS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
_W = np.array([1.0, 1.0]) / np.sqrt(2.0)  # unit normal of the line x1 + x2 = 0
_ALONG = np.array([1.0, -1.0]) / np.sqrt(2.0)  # unit vector along that line


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(check_int(seed, "seed", 0))


def _class_sizes(n: int, k: int) -> list[int]:
    """Sizes of k balanced classes that add up to n: the first n % k get one more."""
    return [n // k + (j < n % k) for j in range(k)]


def _shuffled(X: NDArray[np.float64], y: NDArray[np.int64], rng: np.random.Generator) -> Data:
    order = rng.permutation(len(y))
    return np.ascontiguousarray(X[order], dtype=np.float64), y[order].astype(np.int64)


def _gate(outputs: list[int], seed: int) -> Data:
    check_int(seed, "seed", 0)  # accepted (and checked) so every data set is called alike
    return _CORNERS.copy(), np.array(outputs, dtype=np.int64)


def and_gate(seed: int = 0) -> Data:
    r"""The AND truth table: :math:`y = x_1 \wedge x_2`; four rows, no noise.

    `seed` is ignored (the table is fixed); it is accepted so that every data set in
    ``DATASETS`` can be called the same way. Rows in counting order 00, 01, 10, 11.

    Parameters
    ----------
    seed : int >= 0, default 0
        Ignored (but checked).

    Returns
    -------
    X : ndarray of float64, shape (4, 2)
    y : ndarray of int64, shape (4,)
        Labels 0/1, one per row of X.

    Notes
    -----
    Introduced with the single neuron, which can compute AND (and OR) but not XOR.

    Examples
    --------
    >>> X, y = and_gate()
    >>> y
    array([0, 0, 0, 1])
    """
    return _gate([0, 0, 0, 1], seed)


def or_gate(seed: int = 0) -> Data:
    r"""The OR truth table: :math:`y = x_1 \vee x_2`; like :func:`and_gate`.

    Parameters
    ----------
    seed : int >= 0, default 0
        Ignored (but checked).

    Returns
    -------
    X : ndarray of float64, shape (4, 2)
    y : ndarray of int64, shape (4,)
        Labels 0/1, one per row of X.

    Notes
    -----
    Introduced with the single neuron (see :func:`and_gate`).

    Examples
    --------
    >>> X, y = or_gate()
    >>> y
    array([0, 1, 1, 1])
    """
    return _gate([0, 1, 1, 1], seed)


def xor_gate(seed: int = 0) -> Data:
    r"""The lecture's XOR table: :math:`y = (x_1 \wedge \neg x_2) \vee (\neg x_1 \wedge x_2)`.

    No line separates the two 1s from the two 0s, so one neuron cannot learn it.
    Like :func:`and_gate`, `seed` is ignored.

    Parameters
    ----------
    seed : int >= 0, default 0
        Ignored (but checked).

    Returns
    -------
    X : ndarray of float64, shape (4, 2)
    y : ndarray of int64, shape (4,)
        Labels 0/1, one per row of X.

    Notes
    -----
    Introduced with the lecture's "limited power of a single neuron".

    Examples
    --------
    >>> X, y = xor_gate()
    >>> X
    array([[0., 0.],
           [0., 1.],
           [1., 0.],
           [1., 1.]])
    >>> y
    array([0, 1, 1, 0])
    """
    return _gate([0, 1, 1, 0], seed)


def noisy_xor(n: int = 200, noise: float = 0.1, seed: int = 0) -> Data:
    r"""XOR with many points: Gaussian clouds around the four corners of the unit square.

    Point i sits at corner c + noise · N(0, I) and gets the label XOR(c); the corners
    take turns, so each gets n/4 points (n >= 4).

    Parameters
    ----------
    n : int, default 200
        Number of points, n >= 4.
    noise : float >= 0, default 0.1
        Standard deviation of the Gaussian noise.
    seed : int >= 0, default 0
        Seed of ``np.random.default_rng``: same seed, same arrays.

    Returns
    -------
    X : ndarray of float64, shape (n, 2)
    y : ndarray of int64, shape (n,)
        XOR of the corner, 0/1; rows shuffled.

    Notes
    -----
    Introduced with the multi-layer perceptron, which can learn XOR.

    Examples
    --------
    >>> X, y = noisy_xor(n=8, noise=0.0)
    >>> bool(np.all(y == (X[:, 0] != X[:, 1])))
    True
    """
    n, rng = check_int(n, "n", 4, "one point per corner"), _rng(seed)
    noise = check_real(noise, "noise", low=0.0)
    corner = _CORNERS[np.arange(n) % 4]
    y = (corner[:, 0] != corner[:, 1]).astype(np.int64)
    return _shuffled(corner + noise * rng.standard_normal((n, 2)), y, rng)


def blobs(n: int = 200, k: int = 3, spread: float = 0.6, seed: int = 0) -> Data:
    r"""k round Gaussian clusters: class j is :math:`\mu_j` + spread · N(0, I).

    The centers are evenly spaced on a circle, :math:`\mu_j = r(\cos 2\pi j/k, \sin 2\pi j/k)`,
    with r = max(2, 1/sin(π/k)) so neighbouring centers are at least 2 apart. n >= k.

    Parameters
    ----------
    n : int, default 200
        Number of points, n >= k.
    k : int >= 2, default 3
        Number of classes (clusters).
    spread : float >= 0, default 0.6
        Standard deviation of each cluster.
    seed : int >= 0, default 0
        Seed of ``np.random.default_rng``: same seed, same arrays.

    Returns
    -------
    X : ndarray of float64, shape (n, 2)
    y : ndarray of int64, shape (n,)
        Labels 0..k-1, classes balanced, rows shuffled.

    Notes
    -----
    Introduced with k-way classification and softmax.

    Examples
    --------
    >>> X, y = blobs(n=6, k=3)
    >>> X.shape, np.bincount(y).tolist()
    ((6, 2), [2, 2, 2])
    """
    k = check_int(k, "k", 2)
    n, rng = check_int(n, "n", k, "at least one point per class"), _rng(seed)
    spread = check_real(spread, "spread", low=0.0)
    angle = 2 * np.pi * np.arange(k) / k
    centers = max(2.0, 1.0 / np.sin(np.pi / k)) * np.column_stack([np.cos(angle), np.sin(angle)])
    y = np.arange(n) % k
    return _shuffled(centers[y] + spread * rng.standard_normal((n, 2)), y, rng)


def moons(n: int = 200, noise: float = 0.1, seed: int = 0) -> Data:
    r"""Two interleaving half circles, plus noise · N(0, I); not linearly separable.

    Class 0: (cos t, sin t); class 1: (1 − cos t, 1/2 − sin t); t evenly spaced in [0, π].

    Parameters
    ----------
    n : int, default 200
        Number of points, n >= 2.
    noise : float >= 0, default 0.1
        Standard deviation of the Gaussian noise.
    seed : int >= 0, default 0
        Seed of ``np.random.default_rng``: same seed, same arrays.

    Returns
    -------
    X : ndarray of float64, shape (n, 2)
    y : ndarray of int64, shape (n,)
        Labels 0/1, classes balanced, rows shuffled.

    Notes
    -----
    Introduced with the multi-layer perceptron (hidden layers bend the boundary).

    Examples
    --------
    >>> X, y = moons(n=4, noise=0.0)
    >>> np.bincount(y).tolist()
    [2, 2]
    """
    n, rng = check_int(n, "n", 2, "one point per class"), _rng(seed)
    noise = check_real(noise, "noise", low=0.0)
    n0, n1 = _class_sizes(n, 2)
    t0, t1 = np.linspace(0, np.pi, n0), np.linspace(0, np.pi, n1)
    X = np.concatenate([np.column_stack([np.cos(t0), np.sin(t0)]),
                        np.column_stack([1 - np.cos(t1), 0.5 - np.sin(t1)])])
    y = np.repeat([0, 1], [n0, n1])
    return _shuffled(X + noise * rng.standard_normal((n, 2)), y, rng)


def circles(n: int = 200, noise: float = 0.05, factor: float = 0.5, seed: int = 0) -> Data:
    r"""Two concentric circles, plus noise · N(0, I): class 0 radius 1, class 1 radius `factor`.

    `factor` must be in (0, 1). A line cannot separate them; a circle (or a hidden layer) can.

    Parameters
    ----------
    n : int, default 200
        Number of points, n >= 2.
    noise : float >= 0, default 0.05
        Standard deviation of the Gaussian noise.
    factor : float in (0, 1), default 0.5
        Radius of the inner circle (class 1).
    seed : int >= 0, default 0
        Seed of ``np.random.default_rng``: same seed, same arrays.

    Returns
    -------
    X : ndarray of float64, shape (n, 2)
    y : ndarray of int64, shape (n,)
        Labels 0/1, classes balanced, rows shuffled.

    Notes
    -----
    Introduced with the multi-layer perceptron.

    Examples
    --------
    >>> X, y = circles(n=4, noise=0.0, factor=0.5)
    >>> np.round(np.hypot(X[:, 0], X[:, 1]), 3)[np.argsort(y)]
    array([1. , 1. , 0.5, 0.5])
    """
    n, rng = check_int(n, "n", 2, "one point per class"), _rng(seed)
    noise = check_real(noise, "noise", low=0.0)
    factor = check_real(factor, "factor", low=0.0, high=1.0, low_open=True, high_open=True)
    sizes = _class_sizes(n, 2)
    X = np.concatenate([radius * np.column_stack([np.cos(t), np.sin(t)]) for radius, t in
                        zip([1.0, float(factor)],
                            [np.linspace(0, 2 * np.pi, m, endpoint=False) for m in sizes])])
    y = np.repeat([0, 1], sizes)
    return _shuffled(X + noise * rng.standard_normal((n, 2)), y, rng)


def spirals(n: int = 300, k: int = 2, noise: float = 0.2, turns: float = 1.5,
            seed: int = 0) -> Data:
    r"""k interleaved spiral arms; arm j is class j.

    Along an arm, t runs evenly over [0, 1]: radius r = 0.1 + 0.9 t and angle
    :math:`\theta = 2\pi(\text{turns}\cdot t + j/k) + \text{noise}\cdot N(0, 1)`, so the
    noise (in radians) jitters points around the center. n >= k, turns > 0.

    Parameters
    ----------
    n : int, default 300
        Number of points, n >= k.
    k : int >= 2, default 2
        Number of arms (classes).
    noise : float >= 0, default 0.2
        Standard deviation of the Gaussian noise of the angle, in radians.
    turns : float > 0, default 1.5
        How many times each arm winds around the center.
    seed : int >= 0, default 0
        Seed of ``np.random.default_rng``: same seed, same arrays.

    Returns
    -------
    X : ndarray of float64, shape (n, 2)
    y : ndarray of int64, shape (n,)
        Labels 0..k-1, classes balanced, rows shuffled.

    Notes
    -----
    Introduced with deeper networks and training: a hard set for small models.

    Examples
    --------
    >>> X, y = spirals(n=9, k=3)
    >>> np.bincount(y).tolist()
    [3, 3, 3]
    """
    k = check_int(k, "k", 2)
    n, rng = check_int(n, "n", k, "at least one point per class"), _rng(seed)
    noise = check_real(noise, "noise", low=0.0)
    turns = check_real(turns, "turns", low=0.0, low_open=True)
    sizes = _class_sizes(n, k)
    t = np.concatenate([np.linspace(0, 1, m) for m in sizes])
    y = np.repeat(np.arange(k), sizes)
    theta = 2 * np.pi * (turns * t + y / k) + noise * rng.standard_normal(n)
    X = (0.1 + 0.9 * t)[:, None] * np.column_stack([np.cos(theta), np.sin(theta)])
    return _shuffled(X, y, rng)


def linearly_separable(n: int = 100, margin: float = 0.5, seed: int = 0) -> Data:
    r"""Two classes on either side of the line :math:`x_1 + x_2 = 0`, all at least `margin` away.

    With :math:`\mathbf{w} = (1, 1)/\sqrt{2}`, class 1 has :math:`\mathbf{w}^T\mathbf{x} \ge`
    margin and class 0 has :math:`\mathbf{w}^T\mathbf{x} \le` −margin, so the empty strip
    around the line is 2·margin wide. The line passes through the origin: the lecture's
    :math:`p(y=1|\mathbf{x}) = \sigma(\mathbf{w}^T\mathbf{x})` separates the data without a bias.
    Distances from the line are margin + U(0, 2); positions along it are U(−2, 2). margin > 0.

    Parameters
    ----------
    n : int, default 100
        Number of points, n >= 2.
    margin : float > 0, default 0.5
        Smallest distance of a point from the line.
    seed : int >= 0, default 0
        Seed of ``np.random.default_rng``: same seed, same arrays.

    Returns
    -------
    X : ndarray of float64, shape (n, 2)
    y : ndarray of int64, shape (n,)
        Labels 0/1, classes balanced, rows shuffled.

    Notes
    -----
    Introduced with logistic regression (many solutions when separable).

    Examples
    --------
    >>> X, y = linearly_separable(n=50, margin=0.5)
    >>> s = (X[:, 0] + X[:, 1]) / np.sqrt(2)  # signed distance from the line
    >>> bool(np.all(s[y == 1] >= 0.5 - 1e-12) and np.all(s[y == 0] <= -0.5 + 1e-12))
    True
    """
    n, rng = check_int(n, "n", 2, "one point per class"), _rng(seed)
    margin = check_real(margin, "margin", low=0.0, low_open=True)
    y = np.repeat([0, 1], _class_sizes(n, 2))
    distance = (2 * y - 1) * (margin + rng.uniform(0.0, 2.0, n))
    X = rng.uniform(-2.0, 2.0, n)[:, None] * _ALONG + distance[:, None] * _W
    return _shuffled(X, y, rng)


def non_separable(n: int = 100, overlap: float = 1.0, seed: int = 0) -> Data:
    r"""Two overlapping Gaussian clouds: class 0 ~ N(−μ, overlap²I), class 1 ~ N(μ, overlap²I).

    :math:`\mu = (1, 1)/\sqrt{2}`, so the centers are 2 apart and the best line is again
    :math:`x_1 + x_2 = 0`; it still misclassifies a fraction Φ(−1/overlap) of the points
    on average (16% at overlap = 1). overlap > 0; the larger it is, the more the classes
    mix. With few points and a small overlap a sample can still happen to be separable.

    Parameters
    ----------
    n : int, default 100
        Number of points, n >= 2.
    overlap : float > 0, default 1.0
        Standard deviation of each cloud.
    seed : int >= 0, default 0
        Seed of ``np.random.default_rng``: same seed, same arrays.

    Returns
    -------
    X : ndarray of float64, shape (n, 2)
    y : ndarray of int64, shape (n,)
        Labels 0/1, classes balanced, rows shuffled.

    Notes
    -----
    Introduced with logistic regression and its L2 penalty.

    Examples
    --------
    >>> X, y = non_separable(n=10)
    >>> X.shape, np.bincount(y).tolist()
    ((10, 2), [5, 5])
    """
    n, rng = check_int(n, "n", 2, "one point per class"), _rng(seed)
    overlap = check_real(overlap, "overlap", low=0.0, low_open=True)
    y = np.repeat([0, 1], _class_sizes(n, 2))
    X = (2 * y - 1)[:, None] * _W + overlap * rng.standard_normal((n, 2))
    return _shuffled(X, y, rng)


#: Every data set by name (the function's name); feeds widget dropdowns.
DATASETS: dict[str, Callable[..., Data]] = {f.__name__: f for f in [
    and_gate, or_gate, xor_gate, noisy_xor, blobs, moons, circles, spirals,
    linearly_separable, non_separable]}


def get_dataset(name: str, **kwargs: float) -> Data:
    """Make the data set called `name` in ``DATASETS``, passing `kwargs` on: ``(X, y)``.

    Raises ``TypeError`` if `name` is not a str, ``ValueError`` (listing the valid names)
    if it is unknown.

    Parameters
    ----------
    name : str
        A key of ``DATASETS``, e.g. "moons".
    **kwargs
        Passed on to that function (n, noise, seed, ...).

    Returns
    -------
    X : ndarray of float64, shape (n, 2)
    y : ndarray of int64, shape (n,)

    Notes
    -----
    Used by the widgets' data-set dropdowns.

    Examples
    --------
    >>> X, y = get_dataset("moons", n=10, seed=1)
    >>> X.shape, y.shape
    ((10, 2), (10,))
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, got {type(name).__name__}")
    if name not in DATASETS:
        raise ValueError(f"unknown data set {name!r}; expected one of: {', '.join(DATASETS)}")
    return DATASETS[name](**kwargs)
