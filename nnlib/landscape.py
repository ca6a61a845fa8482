r"""A network's loss landscape seen in two dimensions (Li et al., 2018).

A network has thousands of parameters θ; its loss :math:`L(\boldsymbol\theta)` cannot be
drawn. Li, Xu, Taylor, Studer and Goldstein ("Visualizing the Loss Landscape of Neural
Nets", NeurIPS 2018) draw a 2-D slice of it through trained parameters θ*,

.. math:: f(\xi_1, \xi_2) = L(\boldsymbol\theta^* + \xi_1 \boldsymbol\delta + \xi_2 \boldsymbol\eta),

along two random Gaussian directions δ and η that are **filter-normalised**: in every
layer, the piece of the direction that feeds one neuron (a row of W_l) is rescaled to the
norm of that neuron's weights in θ*. A network's function does not change when one
neuron's incoming weights are scaled up and the next layer's scaled down (exactly so for
ReLU); normalising per neuron makes a step of ξ = 1 mean "as large as the weights
themselves" in every neuron, so that slices of different networks can be compared.
Biases are not moved (their directions are 0), as with Li et al.'s ``biasbn`` option.

:func:`filter_normalized_direction` draws one direction, :func:`loss_slice` evaluates the
slice on a grid, :func:`slice_gradient` gives :math:`(\partial f/\partial\xi_1,
\partial f/\partial\xi_2)` by the chain rule, for walking downhill inside the slice.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnlib.validation import check_int

__all__ = ["filter_normalized_direction", "plane_params", "loss_slice", "slice_gradient"]

Params = dict[str, NDArray[np.floating]]


def _generator(rng: np.random.Generator | int) -> np.random.Generator:
    if isinstance(rng, np.random.Generator):
        return rng
    return np.random.default_rng(check_int(rng, "rng", 0, "a seed"))


def filter_normalized_direction(params: Params, rng: np.random.Generator | int = 0) -> Params:
    r"""A random direction in parameter space, normalised neuron by neuron (Li et al. 2018).

    For each weight matrix W_l, shape (m_l, m_{l-1}), draw D ~ N(0, 1) of the same shape
    and rescale each row i (the weights into neuron i of layer l):

    .. math:: \mathbf{d}_i \leftarrow \frac{\mathbf{d}_i}{\lVert\mathbf{d}_i\rVert}
              \lVert\mathbf{w}_i\rVert

    Biases (keys starting with ``b``) get direction 0.

    Parameters
    ----------
    params : dict of str -> ndarray
        θ*, e.g. ``model.params`` of an :class:`~nnlib.mlp.MLP`: ``W1`` (m_1, d), ``b1``, ...
    rng : numpy Generator or int seed, default 0

    Returns
    -------
    dict of str -> ndarray
        Same keys and shapes as `params`.

    Notes
    -----
    Introduced in the chapter *Training: gradient descent and minibatch SGD*.

    Examples
    --------
    >>> W = np.array([[3.0, 4.0], [0.0, 1.0]])
    >>> d = filter_normalized_direction({"W1": W, "b1": np.ones(2)}, rng=0)
    >>> np.linalg.norm(d["W1"], axis=1).round(6).tolist(), d["b1"].tolist()
    ([5.0, 1.0], [0.0, 0.0])
    """
    if not isinstance(params, dict) or not params:
        raise TypeError(f"params must be a non-empty dict of arrays, got {type(params).__name__}")
    rng = _generator(rng)
    direction = {}
    for name, w in params.items():
        w = np.asarray(w, dtype=float)
        if name.startswith("b") or w.ndim < 2:
            direction[name] = np.zeros_like(w)
            continue
        d = rng.standard_normal(w.shape)
        scale = np.linalg.norm(w, axis=1, keepdims=True) / np.linalg.norm(d, axis=1, keepdims=True)
        direction[name] = d * scale
    return direction


def plane_params(center: Params, delta: Params, eta: Params, xi1: float, xi2: float) -> Params:
    r"""θ* + ξ₁ δ + ξ₂ η, key by key.

    Examples
    --------
    >>> plane_params({"w": np.zeros(2)}, {"w": np.ones(2)}, {"w": np.array([1.0, -1.0])}, 2, 1)
    {'w': array([3., 1.])}
    """
    return {k: center[k] + xi1 * delta[k] + xi2 * eta[k] for k in center}


def loss_slice(model, X: ArrayLike, y: ArrayLike, delta: Params, eta: Params,
               xi1: ArrayLike, xi2: ArrayLike) -> NDArray[np.float64]:
    r"""The slice :math:`f(\xi_1, \xi_2) = L(\boldsymbol\theta^* + \xi_1\boldsymbol\delta +
    \xi_2\boldsymbol\eta)` on the grid ``xi1 × xi2``, around the model's current parameters.

    Parameters
    ----------
    model : object with ``params``, ``set_params`` and ``loss(X, y)`` (e.g. an MLP)
        θ* is ``model.params``; they are restored before returning.
    X, y : the data set the loss L is averaged over
    delta, eta : dict of str -> ndarray
        The two directions (same keys and shapes as ``model.params``).
    xi1, xi2 : array_like, 1-D
        The coordinates along δ and η.

    Returns
    -------
    ndarray, shape (len(xi2), len(xi1))
        Row j, column i: the loss at ξ₁ = xi1[i], ξ₂ = xi2[j] (as ``np.meshgrid`` lays out).

    Examples
    --------
    >>> from nnlib.mlp import MLP
    >>> model = MLP([1, 1], output="linear")
    >>> model.set_params({"W1": [[1.0]], "b1": [0.0]})  # L = ½ mean((w x - y)²), minimum at w = 1
    >>> X, y = [[1.0], [2.0]], [1.0, 2.0]
    >>> d = {"W1": np.array([[1.0]]), "b1": np.array([0.0])}
    >>> loss_slice(model, X, y, d, d, [-1.0, 0.0, 1.0], [0.0]).round(3).tolist()
    [[1.25, 0.0, 1.25]]
    """
    xi1, xi2 = np.asarray(xi1, dtype=float), np.asarray(xi2, dtype=float)
    if xi1.ndim != 1 or xi2.ndim != 1:
        raise ValueError(f"xi1 and xi2 must be 1-D arrays, got shapes {xi1.shape} and {xi2.shape}")
    for name, d in (("delta", delta), ("eta", eta)):
        if set(d) != set(model.params):
            raise ValueError(f"{name} must have the keys of model.params {sorted(model.params)}, "
                             f"got {sorted(d)}")
    center = {k: v.copy() for k, v in model.params.items()}
    out = np.empty((len(xi2), len(xi1)))
    try:
        for j, b in enumerate(xi2):
            for i, a in enumerate(xi1):
                model.set_params(plane_params(center, delta, eta, a, b))
                out[j, i] = model.loss(X, y)
    finally:
        model.set_params(center)
    return out


def slice_gradient(model, X: ArrayLike, y: ArrayLike, center: Params, delta: Params,
                   eta: Params, xi1: float, xi2: float) -> tuple[float, NDArray[np.float64]]:
    r"""The slice's value and gradient at (ξ₁, ξ₂), by the chain rule:

    .. math:: \frac{\partial f}{\partial \xi_1} = \nabla L(\boldsymbol\theta)^T \boldsymbol\delta,
              \qquad \frac{\partial f}{\partial \xi_2} = \nabla L(\boldsymbol\theta)^T
              \boldsymbol\eta, \qquad \boldsymbol\theta = \boldsymbol\theta^* + \xi_1
              \boldsymbol\delta + \xi_2 \boldsymbol\eta

    The model is left at θ (its parameters are set to the point asked for).

    Returns
    -------
    (float, ndarray of shape (2,))

    Examples
    --------
    >>> from nnlib.mlp import MLP
    >>> model = MLP([1, 1], output="linear")
    >>> center = {"W1": np.array([[1.0]]), "b1": np.array([0.0])}
    >>> d = {"W1": np.array([[1.0]]), "b1": np.array([0.0])}
    >>> f, g = slice_gradient(model, [[1.0], [2.0]], [1.0, 2.0], center, d, d, 1.0, 0.0)
    >>> round(f, 3), g.round(3).tolist()  # f = ½ mean(((1 + ξ₁) x - x)²) = 1.25 ξ₁²
    (1.25, [2.5, 2.5])
    """
    model.set_params(plane_params(center, delta, eta, xi1, xi2))
    loss, grads = model.loss_and_gradients(X, y)
    return float(loss), np.array([sum(float(np.vdot(grads[k], d[k])) for k in grads)
                                  for d in (delta, eta)])
