r"""The lecture's computational graphs, built from scalar :class:`~nnlib.autodiff.value.Value`
nodes.

:func:`neuron_graph` builds the one-neuron graph of the slides, z = Σ_i w_i1 x_i + b,
ŷ = σ(z), ℓ(ŷ, y), and :func:`mlp_graph` the graph of one example through an MLP, unit by
unit, with the lecture's labels (w11, x1, z, y_hat, loss; w21^(1), z11, a11).
:func:`leaf_gradients` collects the grads of mlp_graph's leaves into arrays shaped like
the params, to compare with matrix backpropagation (``MLP.gradients``).

Notes
-----
Introduced in the chapter *Backpropagation*.
"""

from collections.abc import Mapping, Sequence
from numbers import Integral

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnlib.autodiff.losses import (
    binary_cross_entropy, binary_cross_entropy_with_logits, cross_entropy,
)
from nnlib.autodiff.value import Value, topological_order
from nnlib.mlp import OUTPUTS as MLP_OUTPUTS
from nnlib.validation import check_choice, real_array, real_number

__all__ = ["neuron_graph", "mlp_graph", "leaf_gradients", "HIDDEN_ACTIVATIONS",
           "NEURON_LOSSES", "OUTPUTS"]

HIDDEN_ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu")  # methods of Value
NEURON_LOSSES = ("bce", "bce_with_logits", "mse")
OUTPUTS = tuple(MLP_OUTPUTS)  # the MLP's: softmax, sigmoid, linear


def _vector(v: ArrayLike, name: str) -> list[float]:
    array = real_array(v, name)
    if array.ndim != 1 or array.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array of shape (d,), "
                         f"got shape {array.shape}")
    if not np.isfinite(array).all():
        raise ValueError(f"{name} must be finite, found NaN or inf")
    return [float(a) for a in array]


def _idx(*ints: int) -> str:
    """Lecture subscripts: "11" for (1, 1), "1,12" once an index has two digits."""
    return ("" if all(i < 10 for i in ints) else ",").join(map(str, ints))


def neuron_graph(w: ArrayLike, x: ArrayLike, b: float | None, y: float,
                 activation: str = "sigmoid", loss: str = "bce") -> tuple[Value, dict[str, Value]]:
    r"""The lecture's one-neuron graph: z = Σ_i w_i1 x_i + b, ŷ = σ(z), ℓ(x, y).

    Nodes, by label: leaves ``w11, w21, ..., x1, x2, ..., b``; products ``w11*x1, ...``; the
    sum ``z``; ``y_hat`` = activation(z); ``loss``. With loss="bce" (the lecture's
    ℓ = -y log ŷ - (1 - y) log(1 - ŷ), see :func:`binary_cross_entropy`) the backward pass
    reproduces the slides: ∂ℓ/∂ŷ = (1-y)/(1-ŷ) - y/ŷ, ∂ŷ/∂z = σ'(z), ∂ℓ/∂w11 = (ŷ - y) x1 and
    ∂ℓ/∂x1 = (ŷ - y) w11. loss="bce_with_logits" fuses the last two steps into one node on z
    (no y_hat node; stable for any z); loss="mse" is ½(ŷ - y)².

    Parameters
    ----------
    w, x : array_like, shape (d,)
        Weights and inputs; w[i - 1] is the lecture's w_i1 (input i to the neuron).
    b : float or None
        Bias; None leaves it out, as on the slides.
    y : float
        The label: in [0, 1] for the BCE losses, any real for mse.
    activation : {"sigmoid", "tanh", "relu", "leaky_relu"}, default "sigmoid"
        The BCE losses need "sigmoid".
    loss : {"bce", "bce_with_logits", "mse"}, default "bce"

    Returns
    -------
    loss : Value, the root; call ``loss.backward()``
    nodes : dict, label -> Value, every node of the graph

    Notes
    -----
    Introduced in the chapter *Backpropagation*.

    Examples
    --------
    >>> loss, nodes = neuron_graph(w=[1.0, 1.0], x=[1.5, 0.5], b=None, y=1)
    >>> loss.backward()
    >>> nodes["z"], nodes["w11"]  # ∂ℓ/∂z = ŷ - y and ∂ℓ/∂w11 = (ŷ - y) x1
    (Value(data=2, grad=-0.1192, label='z'), Value(data=1, grad=-0.1788, label='w11'))
    """
    w, x = _vector(w, "w"), _vector(x, "x")
    if len(w) != len(x):
        raise ValueError(f"w and x must have the same length d, got {len(w)} and {len(x)}")
    activation = check_choice(activation, "activation", HIDDEN_ACTIVATIONS)
    loss = check_choice(loss, "loss", NEURON_LOSSES)
    if loss != "mse" and activation != "sigmoid":
        raise ValueError(f"loss={loss!r} needs y_hat in (0, 1), i.e. activation='sigmoid', "
                         f"got activation={activation!r}; use loss='mse'")
    y = real_number(y, "y")  # the BCE nodes check that it is a label in [0, 1]
    terms = []
    for i, (wi, xi) in enumerate(zip(w, x), start=1):
        w_i, x_i = Value(wi, label=f"w{_idx(i, 1)}"), Value(xi, label=f"x{i}")
        terms.append(w_i * x_i)
        terms[-1].label = f"{w_i.label}*{x_i.label}"
    if b is not None:
        terms.append(Value(real_number(b, "b"), label="b"))
    z = Value.sum(terms, label="z")
    if loss == "bce_with_logits":
        root = binary_cross_entropy_with_logits(z, y)
    else:
        y_hat = getattr(z, activation)(label="y_hat")
        if loss == "bce":
            root = binary_cross_entropy(y_hat, y)
        else:
            diff = y_hat - Value(y, label="y")
            diff.label = "y_hat-y"
            square = diff ** 2
            square.label = "(y_hat-y)**2"
            root = 0.5 * square
            root.label = "loss"
    return root, {v.label: v for v in topological_order(root)}


def _check_params(params: object) -> list[tuple[NDArray, NDArray]]:
    """[(W1, b1), ..., (WL, bL)] as float64 arrays, after checking names and shapes."""
    if not isinstance(params, Mapping):
        raise TypeError(f"params must be a dict of arrays W1, b1, W2, b2, ..., "
                        f"got {type(params).__name__}")
    L = sum(1 for name in params if isinstance(name, str) and name.startswith("W"))
    expected = [f"{c}{l}" for l in range(1, L + 1) for c in "Wb"]
    if L == 0 or set(params) != set(expected):
        raise ValueError(f"params must have the keys {expected or ['W1', 'b1']} (W_l, b_l for "
                         f"each layer l), got {sorted(map(str, params))}")
    layers, rows = [], None
    for l in range(1, L + 1):
        W, b = np.asarray(params[f"W{l}"]), np.asarray(params[f"b{l}"])
        for name, a in [(f"W{l}", W), (f"b{l}", b)]:
            if a.dtype.kind not in "iuf":
                raise TypeError(f"{name} must be real numbers, got dtype {a.dtype}")
            if not np.isfinite(a).all():
                raise ValueError(f"{name} must be finite, found NaN or inf")
        if W.ndim != 2 or 0 in W.shape:
            raise ValueError(f"W{l} must be a 2-D array of shape (m_{l}, m_{l - 1}), "
                             f"got shape {W.shape}")
        if rows is not None and W.shape[1] != rows:
            raise ValueError(f"W{l} must have {rows} columns, one per unit of layer {l - 1} "
                             f"(W{l - 1} has {rows} rows), got shape {W.shape}")
        if b.shape != (W.shape[0],):
            raise ValueError(f"b{l} must have shape ({W.shape[0]},), one bias per row of "
                             f"W{l}, got shape {b.shape}")
        layers.append((W.astype(np.float64), b.astype(np.float64)))
        rows = W.shape[0]
    return layers


def _param_order(key: str) -> tuple[int, int]:
    """Sort key for leaf names: W1[...], b1[...], W2[...], ..., then x[...]."""
    name = key.partition("[")[0]
    return (int(name[1:]), name[0] == "b") if name != "x" else (10**9, 0)


def mlp_graph(params: Mapping[str, ArrayLike], x: ArrayLike, y: int | float | ArrayLike,
              activation: str | Sequence[str] = "relu",
              output: str = "softmax") -> tuple[Value, dict[str, Value]]:
    r"""The scalar graph of one example x through an MLP, with the conventions of nnlib.mlp.

    Layer l computes, unit by unit, :math:`z_{lj} = \sum_i w^{(l)}_{ij} a_{l-1,i} + b^{(l)}_j`
    and, for hidden layers, :math:`a_{lj} = g(z_{lj})`, with :math:`a_{0i} = x_i`. The last
    layer's z's are the logits f; then ``softmax`` gives the node ``loss`` = cross-entropy
    (:func:`cross_entropy`, k >= 2), ``sigmoid`` gives ``y_hat`` = σ(z_L1) and ``loss`` = BCE
    (:func:`binary_cross_entropy`, k = 1), ``linear`` gives ``loss`` = ½ Σ_j (f_j - y_j)².

    Labels follow the lecture, 1-based: ``x1``, ``w21^(1)`` (from input 2 to unit 1 of layer
    1), ``b1^(1)``, products ``w21^(1)*x2``, ``z11``, ``a11``, ``y_hat``, ``loss``. So the
    lecture's :math:`w^{(l)}_{ij}` is the matrix entry ``W{l}[j-1, i-1]`` (W_l has shape
    (m_l, m_{l-1}): row j holds unit j's weights).

    Parameters
    ----------
    params : dict of arrays W1, b1, ..., WL, bL
        W_l of shape (m_l, m_{l-1}), b_l of shape (m_l,), as ``MLP.params``.
    x : array_like, shape (d,) with d = m_0
    y : int label 0..k-1 (softmax), 0 or 1 (sigmoid), or real targets, shape (k,) (linear)
    activation : str or list of str (one per hidden layer), default "relu"
        From ``HIDDEN_ACTIVATIONS`` (leaky_relu uses alpha = 0.01, like nnlib.activations).
    output : {"softmax", "sigmoid", "linear"}, default "softmax"

    Returns
    -------
    loss : Value, the root
    leaves : dict, "W1[0,1]" / "b1[0]" / "x[0]" (0-based numpy indices) -> Value leaf

    Notes
    -----
    Introduced in the chapter *Backpropagation*.

    Examples
    --------
    >>> params = {"W1": np.array([[0.5, -1.0]]), "b1": np.array([0.0]),
    ...           "W2": np.array([[2.0]]), "b2": np.array([0.0])}
    >>> loss, leaves = mlp_graph(params, x=[1.0, 2.0], y=1, activation="tanh", output="sigmoid")
    >>> loss.backward()
    >>> leaves["W1[0,1]"]  # the lecture's w21^(1): from x2 to unit 1
    Value(data=-1, grad=-0.6212, label='w21^(1)')
    >>> np.round(leaf_gradients(leaves)["W2"], 4)
    array([[0.7779]])
    """
    layers = _check_params(params)
    x_values = _vector(x, "x")
    d, L, k = layers[0][0].shape[1], len(layers), layers[-1][0].shape[0]
    if len(x_values) != d:
        raise ValueError(f"x must have shape ({d},) to match W1 of shape "
                         f"{layers[0][0].shape}, got shape ({len(x_values)},)")
    names = [activation] * (L - 1) if isinstance(activation, str) else activation
    if not isinstance(names, Sequence) or len(names) != L - 1:
        raise ValueError(f"activation must be a name or a list of {L - 1} names (one per "
                         f"hidden layer), got {activation!r}")
    names = [check_choice(a, "activation", HIDDEN_ACTIVATIONS) for a in names]
    output = check_choice(output, "output", OUTPUTS)
    if output == "sigmoid" and k != 1:
        raise ValueError(f"output='sigmoid' needs k = 1 output unit, got k = {k}")
    if output == "softmax" and k < 2:
        raise ValueError("output='softmax' needs k >= 2 output units, got k = 1")
    if output == "linear":
        targets = [real_number(y, "y")] if k == 1 and np.ndim(y) == 0 else _vector(y, "y")
        if len(targets) != k:
            raise ValueError(f"y must have shape ({k},), one target per output, "
                             f"got shape ({len(targets)},)")
    elif isinstance(y, bool) or not isinstance(y, Integral) \
            or not 0 <= y < (k if output == "softmax" else 2):
        raise ValueError(f"y must be an int class label in 0..{max(k, 2) - 1} for "
                         f"output={output!r}, got {y!r}")
    a = [Value(xi, label=f"x{i}") for i, xi in enumerate(x_values, start=1)]
    made = {f"x[{i}]": ai for i, ai in enumerate(a)}  # leaves, made in forward order
    for l, (W, b) in enumerate(layers, start=1):
        outputs = []  # this layer's a_lj (hidden) or z_Lj (last layer: the logits f)
        for j in range(W.shape[0]):
            terms = []
            for i in range(W.shape[1]):
                w = made[f"W{l}[{j},{i}]"] = Value(W[j, i], label=f"w{_idx(i + 1, j + 1)}^({l})")
                terms.append(w * a[i])
                terms[-1].label = f"{w.label}*{a[i].label}"
            made[f"b{l}[{j}]"] = Value(b[j], label=f"b{j + 1}^({l})")
            z_lj = Value.sum(terms + [made[f"b{l}[{j}]"]], label=f"z{_idx(l, j + 1)}")
            outputs.append(z_lj if l == L else  # a_lj = g(z_lj), right after z_lj
                           getattr(z_lj, names[l - 1])(label=f"a{_idx(l, j + 1)}"))
        a = outputs
    z = a
    leaves = {key: made[key] for key in sorted(made, key=_param_order)}  # W1, b1, ..., x
    if output == "softmax":
        return cross_entropy(z, int(y)), leaves
    if output == "sigmoid":
        return binary_cross_entropy(z[0].sigmoid(label="y_hat"), float(y)), leaves
    squares = []
    for j, (zj, yj) in enumerate(zip(z, targets), start=1):
        squares.append((zj - Value(yj, label=f"y{j}")) ** 2)
        squares[-1].label = f"({zj.label}-y{j})**2"
    root = 0.5 * Value.sum(squares)
    root.label = "loss"
    return root, leaves


def leaf_gradients(leaves: Mapping[str, Value]) -> dict[str, NDArray[np.float64]]:
    """The grads of :func:`mlp_graph`'s leaves as arrays shaped like the params (and x).

    {"W1[0,1]": Value, ...} becomes {"W1": array (m1, d), "b1": ..., "x": array (d,)}, to
    compare with matrix backpropagation (e.g. ``MLP.gradients``).

    Notes
    -----
    Introduced in the chapter *Backpropagation*.

    Examples
    --------
    >>> w = Value(2.0)
    >>> (w * 3.0).backward()
    >>> leaf_gradients({"W1[0,0]": w})
    {'W1': array([[3.]])}
    """
    entries: dict[str, dict[tuple[int, ...], float]] = {}
    for key, v in leaves.items():
        name, _, index = str(key).partition("[")
        if not isinstance(v, Value) or not index.endswith("]"):
            raise ValueError(f"leaves must map names like 'W1[0,1]' to Values, got {key!r}")
        entries.setdefault(name, {})[tuple(int(i) for i in index[:-1].split(","))] = v.grad
    arrays = {}
    for name, grads in entries.items():
        array = np.zeros(tuple(max(i) + 1 for i in zip(*grads)))
        for index, g in grads.items():
            array[index] = g
        arrays[name] = array
    return arrays
