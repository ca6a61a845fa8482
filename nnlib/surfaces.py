r"""Losses of two parameters, to watch gradient descent and SGD walk on them.

Two kinds of surface :math:`L(\mathbf{w})`, :math:`\mathbf{w} \in \mathbb{R}^2`, each with its
exact gradient:

- :class:`Quadratic`, :math:`L(\mathbf{w}) = \frac12 \mathbf{w}^T \mathbf{A} \mathbf{w}`
  (a bowl, or a long narrow valley), whose curvatures are the eigenvalues of A: gradient
  descent converges exactly when :math:`\alpha < 2 / M`, M the largest of them;
- :class:`LogisticSurface`, logistic regression's average loss on a data set D
  (:math:`\mathbf{w} = (w_1, w_2)`, no bias), whose gradient can also be taken on a
  minibatch :math:`\hat D \subset D`.

:func:`descend` runs any :mod:`nnlib.optimizers` optimiser on a surface, full batch or in
minibatches, and records the path, the loss and the number of gradient evaluations (one
per example per step).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnlib.logistic import LogisticRegression
from nnlib.optimizers import Optimizer
from nnlib.training import minibatches
from nnlib.validation import check_int, check_matrix, check_real

__all__ = ["Quadratic", "LogisticSurface", "Path", "descend"]


def _point(w: ArrayLike) -> NDArray[np.float64]:
    w = np.asarray(w, dtype=float)
    if w.shape != (2,) or not np.isfinite(w).all():
        raise ValueError(f"w must be 2 finite numbers (w₁, w₂), got {w!r}")
    return w


class Quadratic:
    r"""The quadratic bowl :math:`L(\mathbf{w}) = \frac12 \mathbf{w}^T \mathbf{A}\mathbf{w}`,
    minimum 0 at :math:`\mathbf{w} = 0`, gradient :math:`\mathbf{A}\mathbf{w}`.

    Parameters
    ----------
    A : array_like, shape (2, 2)
        Symmetric, positive definite (its eigenvalues, the curvatures, all > 0).

    Attributes
    ----------
    curvatures : ndarray, shape (2,)
        The eigenvalues of A, smallest first; ``max_curvature`` is M, the largest.

    Notes
    -----
    Introduced in the chapter *Training: gradient descent and minibatch SGD*: one GD step
    multiplies the component of w along an eigenvector of curvature c by (1 − αc), so GD
    converges for every start exactly when :math:`|1 - \alpha c| < 1` for both, i.e.
    :math:`0 < \alpha < 2 / M`.

    Examples
    --------
    >>> bowl = Quadratic([[1.0, 0.0], [0.0, 4.0]])
    >>> bowl.loss([1.0, 1.0]), bowl.grad([1.0, 1.0]).tolist(), bowl.max_lr
    (2.5, [1.0, 4.0], 0.5)
    """

    def __init__(self, A: ArrayLike) -> None:
        A = check_matrix(A, "A", 2)
        if A.shape != (2, 2) or not np.allclose(A, A.T):
            raise ValueError(f"A must be a symmetric 2 x 2 matrix, got {A.tolist()}")
        self.A = A
        self.curvatures = np.linalg.eigvalsh(A)
        if self.curvatures[0] <= 0:
            raise ValueError(f"A must be positive definite (curvatures > 0), got "
                             f"eigenvalues {self.curvatures.round(6).tolist()}")

    @property
    def max_curvature(self) -> float:
        """M, the largest eigenvalue of A."""
        return float(self.curvatures[-1])

    @property
    def max_lr(self) -> float:
        """2 / M: gradient descent converges for 0 < α < 2 / M and diverges above it."""
        return 2.0 / self.max_curvature

    def loss(self, w: ArrayLike) -> float:
        w = _point(w)
        return float(0.5 * w @ self.A @ w)

    def grad(self, w: ArrayLike, idx: NDArray | None = None) -> NDArray[np.float64]:
        """A w (a quadratic has no examples: `idx` must be None)."""
        if idx is not None:
            raise ValueError("a Quadratic has no data: minibatches (idx) need a LogisticSurface")
        return self.A @ _point(w)

    def losses(self, W1: NDArray, W2: NDArray) -> NDArray[np.float64]:
        """L on a grid: `W1`, `W2` of equal shape (e.g. from ``np.meshgrid``)."""
        A = self.A
        return 0.5 * (A[0, 0] * W1 ** 2 + 2 * A[0, 1] * W1 * W2 + A[1, 1] * W2 ** 2)

    def __repr__(self) -> str:
        return f"Quadratic(A={self.A.tolist()})"


class LogisticSurface:
    r"""Logistic regression's training loss over :math:`\mathbf{w} = (w_1, w_2)` (no bias):

    .. math:: L(\mathbf{w}) = \frac{1}{|D|} \sum_{i \in D} \log(1 + e^{-\tilde y_i
              \mathbf{w}^T \mathbf{x}_i}) + \frac{\lambda}{2 |D|} \lVert \mathbf{w} \rVert^2

    computed by :class:`nnlib.logistic.LogisticRegression` (its ``loss`` and
    ``loss_and_gradients``), so the surface is exactly what that model trains on.

    Parameters
    ----------
    X : array_like, shape (n, 2)
    y : array_like, shape (n,), labels 0/1 or -1/+1
    lam : float >= 0, default 0.0

    Examples
    --------
    >>> surface = LogisticSurface([[1.0, 0.0], [0.0, 1.0]], [1, 0])
    >>> round(surface.loss([0.0, 0.0]), 4)  # log 2 at w = 0
    0.6931
    >>> surface.grad([0.0, 0.0]).tolist()  # (1/2)(-½ x₁ + ½ x₂)
    [-0.25, 0.25]
    """

    def __init__(self, X: ArrayLike, y: ArrayLike, lam: float = 0.0) -> None:
        self.model = LogisticRegression(lam=check_real(lam, "lam", low=0.0), fit_intercept=False)
        self.model.params = {"w": np.zeros(2)}
        self.X, self.y = self.model.check_data(check_matrix(X, "X", 2), y)
        self.model.n_train_ = self.n = len(self.X)

    def _at(self, w: ArrayLike) -> LogisticRegression:
        self.model.params["w"][:] = _point(w)
        return self.model

    def loss(self, w: ArrayLike) -> float:
        return float(self._at(w).evaluate(self.X, self.y, check_input=False)[0])

    def grad(self, w: ArrayLike, idx: NDArray | None = None) -> NDArray[np.float64]:
        """∂L/∂w on all of D, or on the minibatch of the rows `idx`."""
        X, y = (self.X, self.y) if idx is None else (self.X[idx], self.y[idx])
        return self._at(w).loss_and_gradients(X, y, check_input=False)[1]["w"].copy()

    def losses(self, W1: NDArray, W2: NDArray) -> NDArray[np.float64]:
        """L on a grid: `W1`, `W2` of equal shape (e.g. from ``np.meshgrid``)."""
        S = np.stack([W1.ravel(), W2.ravel()], axis=1) @ self.X.T  # scores, (points, n)
        data = np.logaddexp(0.0, -S * self.y).mean(axis=1)
        penalty = 0.5 * self.model.lam / self.n * (W1.ravel() ** 2 + W2.ravel() ** 2)
        return (data + penalty).reshape(W1.shape)

    def __repr__(self) -> str:
        return f"LogisticSurface(n={self.n}, lam={self.model.lam:g})"


@dataclass(frozen=True)
class Path:
    """What :func:`descend` records: ``w`` (T + 1, 2) the points w_0, ..., w_T;
    ``loss`` (T + 1,) the full loss L(w_t); ``evaluations`` (T + 1,) the gradient
    evaluations (one per example) spent to reach w_t; ``diverged``: None, or a message
    saying at which step the loss left every bound (the path stops there)."""

    w: NDArray[np.float64]
    loss: NDArray[np.float64]
    evaluations: NDArray[np.int64]
    diverged: str | None = None


def descend(surface, w0: ArrayLike, optimizer: Optimizer, steps: int, *,
            batch_size: int | None = None, seed: int = 0, blow_up: float = 1e6) -> Path:
    r"""Run `optimizer` on `surface` from `w0` for `steps` steps; return the :class:`Path`.

    Each step is ``optimizer.step({"w": w}, {"w": g})`` with g the gradient on all of D
    (``batch_size=None``: gradient descent) or on the next minibatch :math:`\hat D` of a
    shuffled epoch (:func:`nnlib.training.minibatches`, seeded): minibatch SGD.

    Parameters
    ----------
    surface : Quadratic or LogisticSurface
    w0 : array_like, shape (2,)
    optimizer : nnlib.optimizers.Optimizer
        Reset first (momentum starts from v = 0).
    steps : int >= 0
    batch_size : int >= 1 or None
        Examples per step (a LogisticSurface only); None or >= n is the full batch.
    seed : int
        Seeds the shuffling of the minibatches.
    blow_up : float, default 1e6
        The run counts as diverged, and stops, when L(w_t) > blow_up * (L(w_0) + 1) or is
        not finite; ``Path.diverged`` then says when.

    Returns
    -------
    Path

    Examples
    --------
    >>> from nnlib.optimizers import GD
    >>> path = descend(Quadratic([[1.0, 0.0], [0.0, 4.0]]), [1.0, 1.0], GD(lr=0.25), 2)
    >>> path.w.tolist()  # (1 - 0.25 c) per step: 0.75 along w₁, 0 along w₂
    [[1.0, 1.0], [0.75, 0.0], [0.5625, 0.0]]
    >>> descend(Quadratic([[4.0, 0.0], [0.0, 4.0]]), [1.0, 1.0], GD(lr=0.6), 50).diverged
    'diverged at step 21: the loss rose to 5.49e+06 (α = 0.6 ≥ 2/M = 0.5)'
    """
    steps = check_int(steps, "steps", 0)
    w = _point(w0).copy()
    n = getattr(surface, "n", None)
    if batch_size is not None and n is None:
        raise ValueError("batch_size needs a surface with data (a LogisticSurface)")
    per_step = n if (batch_size is None or batch_size >= (n or 0)) else int(batch_size)
    rng = np.random.default_rng(seed)
    batches: list = []
    optimizer.reset()
    points, losses = [w.copy()], [surface.loss(w)]
    ceiling, diverged = blow_up * (abs(losses[0]) + 1.0), None
    for t in range(1, steps + 1):
        idx = None
        if per_step is not None and per_step < n:
            if not batches:
                batches = list(minibatches(n, per_step, rng))
            idx = batches.pop(0)
        params = {"w": w}
        with np.errstate(over="ignore", invalid="ignore"):
            optimizer.step(params, {"w": surface.grad(w, idx)})
            loss = surface.loss(w) if np.isfinite(w).all() else np.inf
        if not loss <= ceiling:
            limit = getattr(surface, "max_lr", None)
            why = f" (α = {optimizer.lr:g} ≥ 2/M = {limit:g})" if limit and optimizer.lr >= limit \
                else ""
            diverged = f"diverged at step {t}: the loss rose to {loss:.3g}{why}"
            break
        points.append(w.copy())
        losses.append(loss)
    evaluations = np.arange(len(points)) * (per_step or 1)
    return Path(np.array(points), np.array(losses), evaluations, diverged)
