r"""Bookkeeping of a fully connected network, layer by layer.

Three questions the chapter *Multilayer perceptrons* asks of a network
``sizes = [d, m_1, ..., m_{L-1}, k]`` (layer l maps :math:`\mathbb{R}^{m_{l-1}}` to
:math:`\mathbb{R}^{m_l}` with :math:`\mathbf{W}_l \in \mathbb{R}^{m_l \times m_{l-1}}`,
:math:`\mathbf{b}_l \in \mathbb{R}^{m_l}`):

* how many parameters each layer has (:func:`layer_table`): :math:`m_l (m_{l-1} + 1)`;
* which single affine map a stack of *linear* layers is (:func:`compose_affine`):
  :math:`\mathbf{W}_L \cdots \mathbf{W}_1 \mathbf{x} + \mathbf{b}'`, the lecture's collapse
  :math:`f = \mathbf{w}_2^T(\mathbf{W}\mathbf{x} + \mathbf{b}) + b_2 = \mathbf{w}_2^T\mathbf{W}\mathbf{x} + b'`;
* where a hidden ReLU unit of a one-input network bends (:func:`relu_kinks`): at
  :math:`x = -b_i / w_i`.

Weights are stored as :class:`nnlib.mlp.MLP` stores them, ``params["W1"]`` of shape
``(m_1, d)`` (row j: unit j's weights), so every function here reads an MLP's ``params``.

Notes
-----
Introduced in the chapter *Multilayer perceptrons*.
"""

from __future__ import annotations

from numbers import Integral
from typing import Mapping, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnlib.validation import real_array

__all__ = ["layer_table", "compose_affine", "relu_kinks"]


def _sizes(sizes: Sequence[int]) -> list[int]:
    if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__len__") or len(sizes) < 2:
        raise ValueError(f"sizes must be a list [d, m1, ..., k] of at least 2 layer sizes, "
                         f"got {sizes!r}")
    for s in sizes:
        if isinstance(s, bool) or not isinstance(s, Integral) or s < 1:
            raise ValueError(f"sizes must hold integers >= 1, got {s!r} in {list(sizes)!r}")
    return [int(s) for s in sizes]


def layer_table(sizes: Sequence[int]) -> list[dict]:
    r"""One row per layer of the network ``sizes``: shapes and parameter counts.

    Layer l has the weight matrix :math:`\mathbf{W}_l \in \mathbb{R}^{m_l \times m_{l-1}}`
    and the bias :math:`\mathbf{b}_l \in \mathbb{R}^{m_l}`, so
    :math:`m_l m_{l-1} + m_l = m_l (m_{l-1} + 1)` parameters; the total is
    ``MLP(sizes).n_params``.

    Parameters
    ----------
    sizes : list of int
        ``[d, m_1, ..., m_{L-1}, k]``, each >= 1.

    Returns
    -------
    list of dict
        For l = 1..L: ``layer`` (l), ``kind`` ("hidden" or "output"), ``W`` (the shape
        (m_l, m_{l-1})), ``b`` (the shape (m_l,)), ``weights``, ``biases``, ``params``.

    Examples
    --------
    >>> [(r["kind"], r["W"], r["params"]) for r in layer_table([2, 3, 1])]
    [('hidden', (3, 2), 9), ('output', (1, 3), 4)]
    """
    sizes = _sizes(sizes)
    rows = []
    for l, (m_prev, m) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        rows.append({"layer": l, "kind": "output" if l == len(sizes) - 1 else "hidden",
                     "W": (m, m_prev), "b": (m,), "weights": m * m_prev, "biases": m,
                     "params": m * (m_prev + 1)})
    return rows


def _layers_of(params: Mapping[str, ArrayLike]) -> list[tuple[NDArray, NDArray]]:
    if not isinstance(params, Mapping):
        raise TypeError(f"params must be a dict W1, b1, ..., WL, bL (as MLP.params), "
                        f"got {type(params).__name__}")
    L = 0
    while f"W{L + 1}" in params:
        L += 1
    expected = [f"{p}{l}" for l in range(1, L + 1) for p in "Wb"]
    if L == 0 or sorted(params) != sorted(expected):
        raise ValueError(f"params must have the keys W1, b1, ..., WL, bL, got {sorted(params)}")
    layers, m_prev = [], None
    for l in range(1, L + 1):
        W, b = real_array(params[f"W{l}"], f"W{l}"), real_array(params[f"b{l}"], f"b{l}")
        if W.ndim != 2 or (m_prev is not None and W.shape[1] != m_prev):
            want = "(m_l, m_{l-1})" if m_prev is None else f"({W.shape[0] if W.ndim else 'm'}, {m_prev})"
            raise ValueError(f"W{l} must be a 2-D array of shape {want}, got shape {W.shape}")
        if b.shape != (W.shape[0],):
            raise ValueError(f"b{l} must have shape ({W.shape[0]},), one bias per row of W{l}, "
                             f"got shape {b.shape}")
        layers.append((W.astype(float), b.astype(float)))
        m_prev = W.shape[0]
    return layers


def compose_affine(params: Mapping[str, ArrayLike]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    r"""The single affine map :math:`\mathbf{x} \mapsto \mathbf{W}'\mathbf{x} + \mathbf{b}'`
    that a stack of *linear* layers (no activation) computes.

    With :math:`\mathbf{h}_l = \mathbf{W}_l \mathbf{h}_{l-1} + \mathbf{b}_l`, substituting
    one layer into the next gives

    .. math:: \mathbf{W}' = \mathbf{W}_L \cdots \mathbf{W}_2 \mathbf{W}_1, \qquad
              \mathbf{b}' = \mathbf{W}_L(\cdots(\mathbf{W}_2 \mathbf{b}_1 + \mathbf{b}_2)\cdots) + \mathbf{b}_L,

    for one hidden layer and one output the lecture's
    :math:`\mathbf{w}' = \mathbf{W}^T\mathbf{w}_2`, :math:`b' = \mathbf{w}_2^T\mathbf{b} + b_2`.
    Its derivative :math:`\partial \mathbf{f} / \partial \mathbf{x} = \mathbf{W}'` is the
    same at every input.

    Parameters
    ----------
    params : dict
        ``W1`` (m_1, d), ``b1`` (m_1,), ..., ``WL`` (k, m_{L-1}), ``bL`` (k,), as
        ``MLP.params`` holds them.

    Returns
    -------
    W : ndarray, shape (k, d)
    b : ndarray, shape (k,)

    Examples
    --------
    >>> W, b = compose_affine({"W1": [[1.0, -2.0], [3.0, 0.5]], "b1": [0.5, -1.0],
    ...                        "W2": [[2.0, -1.0]], "b2": [0.25]})
    >>> W, b  # w' = W1^T w2 = (-1, -4.5), b' = w2 . b1 + b2 = 2.25
    (array([[-1. , -4.5]]), array([2.25]))
    """
    layers = _layers_of(params)
    W, b = layers[0]
    for W_l, b_l in layers[1:]:
        W, b = W_l @ W, W_l @ b + b_l  # substitute h_{l-1} = W x + b into W_l h_{l-1} + b_l
    return W, b


def relu_kinks(w: ArrayLike, b: ArrayLike) -> NDArray[np.float64]:
    r"""Where each hidden ReLU unit :math:`\max(w_i x + b_i, 0)` of a one-input network bends.

    Unit i switches on or off where :math:`w_i x + b_i = 0`, at :math:`x = -b_i / w_i`; a
    sum of such units (the output :math:`f = \sum_i v_i \max(w_i x + b_i, 0) + c`) is
    therefore linear between consecutive kinks, with at most m + 1 pieces.

    Parameters
    ----------
    w, b : array_like, shape (m,)
        The first layer of a 1-m-k network: ``W1[:, 0]`` and ``b1``.

    Returns
    -------
    ndarray, shape (m,)
        :math:`-b_i / w_i`, or NaN where :math:`w_i = 0` (that unit is constant: no kink).

    Examples
    --------
    >>> relu_kinks([1.0, -2.0, 0.0], [0.5, 1.0, 3.0])
    array([-0.5,  0.5,  nan])
    """
    w, b = real_array(w, "w").astype(float), real_array(b, "b").astype(float)
    if w.ndim != 1 or b.shape != w.shape:
        raise ValueError(f"w and b must be 1-D arrays of the same length m (W1[:, 0] and b1), "
                         f"got shapes {w.shape} and {b.shape}")
    out = np.full(w.shape, np.nan)
    on = w != 0
    out[on] = -b[on] / w[on]
    return out + 0.0  # -0.0 -> 0.0
