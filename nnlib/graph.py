r"""Backpropagation on a computational graph of scalars (reverse-mode automatic differentiation).

A :class:`Value` holds one number, the nodes it was computed from (its *parents*) and the
local derivative ∂node/∂parent of each; every operation writes that derivative right beside
its forward formula. ``loss.backward()`` then runs one loop, the chain rule in reverse
topological order, so that each node's gradient is complete before it is passed on:

.. math:: \frac{\partial \ell}{\partial p} = \sum_{v \text{ computed from } p}
          \frac{\partial \ell}{\partial v}\,\frac{\partial v}{\partial p}

:func:`trace` and :func:`backward_steps` walk the graph node by node; :func:`neuron_graph` and
:func:`mlp_graph` build the lecture's graphs with its names (w11, x1, z, y_hat, loss; z11, a11).

Design decisions, each tested:

- A Value cannot change after it is made, except its ``grad`` and ``label``: its parents
  exist before it does and can never be reassigned, so a graph cannot contain a cycle.
- Every value and local derivative is a finite float, or the operation raises ValueError
  naming the node. In particular ``log`` of exactly 0 raises ("the probability hit 0")
  instead of returning -inf, which would silently turn every gradient into NaN.
- ``backward()`` recomputes the gradients from scratch; it does not accumulate, so calling
  it twice gives the same numbers (in micrograd the second call doubles them).
"""

import itertools
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from numbers import Integral, Real

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnlib.activations import _check_alpha

__all__ = ["Value", "Node", "trace", "backward_steps", "trace_table", "binary_cross_entropy",
           "binary_cross_entropy_with_logits", "cross_entropy", "neuron_graph", "mlp_graph",
           "leaf_gradients", "HIDDEN_ACTIVATIONS", "NEURON_LOSSES", "OUTPUTS"]

HIDDEN_ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu")  # methods of Value
NEURON_LOSSES = ("bce", "bce_with_logits", "mse")
OUTPUTS = ("softmax", "sigmoid", "linear")  # as in nnlib.mlp


def _real(x: object, name: str) -> float:
    """`x` as a finite float; TypeError unless a real number, ValueError if NaN or inf."""
    if isinstance(x, bool) or not isinstance(x, Real):
        raise TypeError(f"{name} must be a real number (int or float), got {type(x).__name__}")
    if not math.isfinite(x):
        raise ValueError(f"{name} must be a finite number, got {x!r}")
    return float(x)


def _sigmoid(t: float) -> float:
    """σ(t) with two branches: exp only ever sees -|t|, so it cannot overflow."""
    e = math.exp(-abs(t))
    return 1.0 / (1.0 + e) if t >= 0 else e / (1.0 + e)


def _softplus(t: float) -> float:
    """log(1 + exp(t)) = max(t, 0) + log(1 + exp(-|t|)), finite for every finite t."""
    return max(t, 0.0) + math.log1p(math.exp(-abs(t)))


_CREATED = itertools.count()  # creation order: parents are always made before their children


def _name(v: "Value") -> str:
    return repr(v.label) if v.label else f"Value(data={v.data:.4g})"


class Value:
    """One scalar node of a computational graph: its value `data` and gradient `grad`.

    ``Value(2.0, label="x1")`` makes a leaf (an input or a weight). Arithmetic (+, -, *, /,
    ** constant, unary -) and the methods exp, log, sigmoid, tanh, relu, leaky_relu make new
    nodes; a Python number on either side becomes a constant leaf labelled by its value.
    After ``loss.backward()``, ``v.grad`` is ∂loss/∂v for every node v of loss's graph.

    Parameters
    ----------
    data : real number (finite)
    label : str, default ""
        Name shown by repr and :func:`trace`, e.g. "w11". Only label and grad can change.
    _children, _op, _local : used by the operations
        The parents, the operation's name and the local derivatives ∂node/∂parent.

    Notes
    -----
    Introduced in the chapter *Backpropagation*.

    Examples
    --------
    >>> z = Value(2.0, label="z")
    >>> y_hat = z.sigmoid(label="y_hat")
    >>> y_hat.backward()
    >>> y_hat, z
    (Value(data=0.8808, grad=1, label='y_hat'), Value(data=2, grad=0.105, label='z'))
    """

    __slots__ = ("data", "grad", "label", "_prev", "_op", "_local", "_id")
    __array_ufunc__ = None  # numpy scalars defer to Value's reflected operators

    def __init__(self, data: float, label: str = "", _children: Iterable["Value"] = (),
                 _op: str = "", _local: Iterable[float] = ()) -> None:
        children, local = tuple(_children), tuple(_local)
        if not all(isinstance(c, Value) for c in children):
            raise TypeError(f"_children must be Values, got {[type(c).__name__ for c in children]}")
        if len(local) != len(children):
            raise ValueError(f"_local must hold one local derivative per child: got "
                             f"{len(children)} children and {len(local)} derivatives")
        for attr, value in [("data", _real(data, "data")), ("_prev", children),
                            ("_op", str(_op)), ("_local", tuple(_real(d, "_local") for d in local)),
                            ("grad", 0.0), ("_id", next(_CREATED))]:
            object.__setattr__(self, attr, value)
        self.label = label  # validated by __setattr__

    def __setattr__(self, name: str, value: object) -> None:
        if name == "grad":
            value = _real(value, "grad")
        elif name == "label":
            if not isinstance(value, str):
                raise TypeError(f"label must be a str, got {type(value).__name__}")
        else:  # data and parents are fixed: this is what makes cycles impossible
            raise AttributeError(f"Value.{name} cannot be changed after the node is made; "
                                 "build a new Value instead (only grad and label can change)")
        object.__setattr__(self, name, value)

    def __repr__(self) -> str:
        label = f", label={self.label!r}" if self.label else ""
        return f"Value(data={self.data:.4g}, grad={self.grad:.4g}{label})"

    def __float__(self) -> float:
        return self.data

    @staticmethod
    def _result(op: str, parents: tuple["Value", ...], data: float,
                local: tuple[float, ...], label: str = "") -> "Value":
        """The node op(parents); ValueError naming the parents if anything is not finite."""
        for what, x in [("value", data)] + [("local derivative", d) for d in local]:
            if not math.isfinite(x):
                raise ValueError(f"{op} of {', '.join(map(_name, parents))}: its {what} is "
                                 f"{x} (overflow); the numbers are too large")
        return Value(data, label, parents, op, local)

    @staticmethod
    def _wrap(other: object, op: str) -> "Value":
        if isinstance(other, Value):
            return other
        if isinstance(other, bool) or not isinstance(other, Real):
            raise TypeError(f"{op} needs a Value or a real number on each side, got "
                            f"{type(other).__name__}")
        return Value(other, label=f"{float(other):g}")

    # --- operations: forward value, then ∂out/∂parent for each parent --------------------
    def __add__(self, other: "Value | float") -> "Value":
        o = self._wrap(other, "+")
        return self._result("+", (self, o), self.data + o.data, (1.0, 1.0))

    def __radd__(self, other: float) -> "Value":
        return self._wrap(other, "+") + self

    def __sub__(self, other: "Value | float") -> "Value":
        o = self._wrap(other, "-")
        return self._result("-", (self, o), self.data - o.data, (1.0, -1.0))

    def __rsub__(self, other: float) -> "Value":
        return self._wrap(other, "-") - self

    def __mul__(self, other: "Value | float") -> "Value":
        o = self._wrap(other, "*")  # ∂(ab)/∂a = b, ∂(ab)/∂b = a
        return self._result("*", (self, o), self.data * o.data, (o.data, self.data))

    def __rmul__(self, other: float) -> "Value":
        return self._wrap(other, "*") * self

    def __truediv__(self, other: "Value | float") -> "Value":
        o = self._wrap(other, "/")
        if o.data == 0:
            raise ValueError(f"division by {_name(o)}, whose value is 0")
        q = self.data / o.data  # ∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = -a/b² = -(a/b)/b
        return self._result("/", (self, o), q, (1.0 / o.data, -q / o.data))

    def __rtruediv__(self, other: float) -> "Value":
        return self._wrap(other, "/") / self

    def __neg__(self) -> "Value":
        return self._result("neg", (self,), -self.data, (-1.0,))

    def __pow__(self, p: float) -> "Value":
        if isinstance(p, Value) or isinstance(p, bool) or not isinstance(p, Real):
            raise TypeError(f"the exponent must be a constant real number (Value ** Value is "
                            f"not supported), got {type(p).__name__}")
        p, a = _real(p, "exponent"), self.data
        if a < 0 and not p.is_integer():
            raise ValueError(f"{_name(self)} ** {p:g}: a negative number to a non-integer "
                             "power is not real")
        if a == 0 and p < 1 and p != 0:
            raise ValueError(f"{_name(self)} ** {p:g} at 0: the derivative p·x^(p-1) is "
                             "infinite (or the value is)")
        try:  # d/dx x^p = p x^(p-1)
            data, slope = a ** p, (p * a ** (p - 1) if p != 0 else 0.0)
        except OverflowError:
            data = slope = math.inf  # reported by _result
        return self._result(f"**{p:g}", (self,), data, (slope,))

    def exp(self, label: str = "") -> "Value":
        """exp(x); ∂/∂x = exp(x). ValueError if it overflows (x > 709.78)."""
        e = math.exp(self.data) if self.data < 709.78 else math.inf
        return self._result("exp", (self,), e, (e,), label)

    def log(self, label: str = "") -> "Value":
        """Natural log(x); ∂/∂x = 1/x. ValueError for x ≤ 0 (log 0 would be -inf)."""
        if self.data == 0:
            raise ValueError(f"log of {_name(self)}, whose value is 0: the probability hit 0 "
                             "and log 0 = -inf; compute the loss from logits instead "
                             "(binary_cross_entropy_with_logits, cross_entropy)")
        if self.data < 0:
            raise ValueError(f"log needs a value > 0, {_name(self)} is {self.data:g}")
        return self._result("log", (self,), math.log(self.data), (1.0 / self.data,), label)

    def sigmoid(self, label: str = "") -> "Value":
        """σ(x) = 1/(1 + exp(-x)), two-branch stable; ∂/∂x = σ(x)(1 - σ(x)) = σ(x)σ(-x)."""
        s = _sigmoid(self.data)
        return self._result("sigmoid", (self,), s, (s * _sigmoid(-self.data),), label)

    def tanh(self, label: str = "") -> "Value":
        """tanh(x); ∂/∂x = 1 - tanh²(x) = (1 - tanh x)(1 + tanh x)."""
        t = math.tanh(self.data)
        return self._result("tanh", (self,), t, ((1.0 - t) * (1.0 + t),), label)

    def relu(self, label: str = "") -> "Value":
        """max(x, 0); ∂/∂x = 1 if x > 0 else 0 (0 at the kink, like relu_grad)."""
        up = self.data > 0
        return self._result("relu", (self,), self.data if up else 0.0, (float(up),), label)

    def leaky_relu(self, alpha: float = 0.01, label: str = "") -> "Value":
        """x if x > 0 else alpha·x; ∂/∂x = 1 if x > 0 else alpha."""
        alpha, up = _check_alpha(alpha), self.data > 0
        return self._result("leaky_relu", (self,), self.data if up else alpha * self.data,
                            (1.0 if up else alpha,), label)

    @staticmethod
    def sum(terms: Iterable["Value | float"], label: str = "") -> "Value":
        """One "+" node with every term as a parent (the lecture's Σ node); each ∂/∂term = 1."""
        terms = tuple(Value._wrap(t, "sum") for t in terms)
        if not terms:
            raise ValueError("terms must hold at least one Value, got none")
        return Value._result("+", terms, math.fsum(t.data for t in terms),
                             (1.0,) * len(terms), label)

    # --- the global loop -------------------------------------------------------------------
    def backward(self) -> None:
        """Set v.grad = ∂self/∂v for every node v of this graph (self.grad = 1), from scratch."""
        for _ in _backprop(_graph(self)):
            pass

    def zero_grad(self) -> None:
        """Set grad = 0 on this node and every node it was computed from."""
        for v in _graph(self):
            v.grad = 0.0


@dataclass(frozen=True)
class Node:
    """A record of one graph node for :func:`trace`: label, op ("" for a leaf), value,
    local derivatives {parent label: ∂node/∂parent} and grad = ∂root/∂node."""

    label: str
    op: str
    value: float
    local_derivatives: dict[str, float]
    grad: float

    def __repr__(self) -> str:
        local = ", ".join(f"{k!r}: {d:.4g}" for k, d in self.local_derivatives.items())
        return (f"Node({self.label!r}, op={self.op or 'leaf'!r}, value={self.value:.4g}, "
                f"grad={self.grad:.4g}, local={{{local}}})")


def _graph(root: object) -> list[Value]:
    """The nodes root depends on, in the order they were made: a topological order
    (parents first, root last) that reads like the forward pass as the code wrote it."""
    if not isinstance(root, Value):
        hint = ("; mlp_graph and neuron_graph return (loss, nodes): pass the loss"
                if isinstance(root, tuple) else "")
        raise TypeError(f"root must be a single Value, the scalar loss, got "
                        f"{type(root).__name__}{hint}; to differentiate several outputs "
                        "add them into one Value first, e.g. Value.sum(outputs)")
    seen, stack = {root}, [root]
    while stack:  # depth-first, without recursion (deep graphs would hit the limit)
        for parent in stack.pop()._prev:
            if parent not in seen:
                seen.add(parent)
                stack.append(parent)
    return sorted(seen, key=lambda v: v._id)


def _backprop(order: list[Value]) -> Iterator[Value]:
    """The chain rule, one node at a time: push v.grad to v's parents, then yield v."""
    for v in order:
        v.grad = 0.0
    order[-1].grad = 1.0  # ∂root/∂root
    for v in reversed(order):  # every consumer of v comes later in order: v.grad is final
        for parent, local in zip(v._prev, v._local):
            grad = parent.grad + local * v.grad
            if not math.isfinite(grad):
                raise ValueError(f"the gradient of {_name(parent)} overflowed to {grad} "
                                 f"during backward (the local derivatives are too large)")
            parent.grad = grad
        yield v


def _names(order: list[Value]) -> dict[Value, str]:
    """Each node's label; "label#i" (i = position in order) if empty or shared."""
    counts = Counter(v.label for v in order)
    return {v: v.label if v.label and counts[v.label] == 1 else f"{v.label}#{i}"
            for i, v in enumerate(order)}


def _record(v: Value, names: dict[Value, str]) -> Node:
    local: dict[str, float] = {}
    for parent, d in zip(v._prev, v._local):  # x * x: the two paths add up to 2x
        local[names[parent]] = local.get(names[parent], 0.0) + d
    return Node(names[v], v._op, v.data, local, v.grad)


def trace(root: Value) -> list[Node]:
    """Every node of `root`'s graph as a :class:`Node`, in forward (topological) order.

    Each node comes after all its parents, and `root` comes last. Labels shared by several
    nodes, or empty, become "label#i" with i the node's position in the list.

    Notes
    -----
    Introduced in the chapter *Backpropagation*.

    Examples
    --------
    >>> w11, x1 = Value(-2.0, label="w11"), Value(3.0, label="x1")
    >>> z = (w11 * x1).relu(label="z")
    >>> [node.label for node in trace(z)]
    ['w11', 'x1', '#2', 'z']
    """
    order = _graph(root)
    names = _names(order)
    return [_record(v, names) for v in order]


def backward_steps(root: Value) -> Iterator[Node]:
    """Run backpropagation from `root` one node at a time, yielding a :class:`Node` per step.

    Nodes come in reverse topological order (root first). When a node is yielded its grad
    is final and has just been passed on to its parents, whose grads may still be partial;
    the grads of every node (the ``Value`` objects) are filled in as the steps go on.
    Starting the iteration resets every grad of the graph to 0 and sets root.grad = 1.

    Notes
    -----
    Introduced in the chapter *Backpropagation*.

    Examples
    --------
    >>> w11, x1 = Value(0.5, label="w11"), Value(1.0, label="x1")
    >>> for node in backward_steps((w11 * x1).tanh(label="a")):
    ...     print(node.label, round(node.grad, 4))
    a 1.0
    #2 0.7864
    x1 0.3932
    w11 0.7864
    """
    order = _graph(root)  # TypeError now, not at the first next()
    names = _names(order)
    return (_record(v, names) for v in _backprop(order))


def trace_table(root: Value) -> str:
    """:func:`trace` as a text table: node, op, value, grad, local derivatives."""
    rows = [(n.label, n.op or "leaf", f"{n.value:.4g}", f"{n.grad:.4g}",
             ", ".join(f"∂/∂{k} = {d:.4g}" for k, d in n.local_derivatives.items()))
            for n in trace(root)]
    header = ("node", "op", "value", "grad", "local derivatives")
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(4)]
    return "\n".join(("  ".join(c.ljust(w) for c, w in zip(r, widths)) + "  " + r[4]).rstrip()
                     for r in [header] + rows)


# --- losses as single nodes (stable; the lecture's local derivatives) ------------------------
def _label_in_01(y: object, name: str = "y") -> float:
    y = _real(y, name)
    if not 0.0 <= y <= 1.0:
        raise ValueError(f"{name} must be a label in [0, 1] (0 or 1 for hard labels), got {y:g}")
    return y


def binary_cross_entropy(y_hat: Value, y: float, label: str = "loss") -> Value:
    r"""The lecture's loss node ℓ = -y log ŷ - (1 - y) log(1 - ŷ), with one parent ŷ.

    .. math:: \frac{\partial \ell}{\partial \hat y} = \frac{1 - y}{1 - \hat y} - \frac{y}{\hat y}

    If `y_hat` is a sigmoid node, ŷ = σ(z), the logit z is read from it and
    log ŷ = -softplus(-z), log(1 - ŷ) = -softplus(z), 1 - ŷ = σ(-z) are computed without
    rounding ŷ first: the loss is finite for every z, and the derivative for |z| < ~709
    (beyond that 1/(1 - ŷ) overflows: ValueError, use
    :func:`binary_cross_entropy_with_logits`). Otherwise ŷ must be in [0, 1], and a
    probability of exactly 0 for the label (ŷ = 0 with y > 0, or ŷ = 1 with y < 1) raises
    ValueError naming the node. Terms with weight 0 (y = 0 or y = 1) are skipped.

    Parameters
    ----------
    y_hat : Value, the predicted probability of y = 1
    y : float in [0, 1], the label (a constant, not a node)
    label : str, default "loss"

    Notes
    -----
    Introduced in the chapter *Backpropagation*.

    Examples
    --------
    >>> y_hat = Value(2.0, label="z").sigmoid(label="y_hat")
    >>> loss = binary_cross_entropy(y_hat, 1)
    >>> loss.backward(); loss, y_hat  # ∂ℓ/∂ŷ = -1/ŷ
    (Value(data=0.1269, grad=1, label='loss'), Value(data=0.8808, grad=-1.135, label='y_hat'))
    """
    if not isinstance(y_hat, Value):
        raise TypeError(f"y_hat must be a Value, got {type(y_hat).__name__}")
    y = _label_in_01(y)
    parents = y_hat._prev
    if y_hat._op == "sigmoid" and len(parents) == 1 and _sigmoid(parents[0].data) == y_hat.data:
        z = parents[0].data  # ŷ = σ(z): work with z itself
        p, q, log_p, log_q = _sigmoid(z), _sigmoid(-z), -_softplus(-z), -_softplus(z)
        problem = f"ŷ = σ(z) saturated at z = {z:.4g}, so ∂ℓ/∂ŷ overflows; differentiate " \
                  "with respect to z instead: binary_cross_entropy_with_logits(z, y)"
    else:
        p = y_hat.data
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"y_hat must be a probability in [0, 1], {_name(y_hat)} is {p:g}")
        q = 1.0 - p
        log_p, log_q = (math.log(p) if p > 0 else -math.inf), (math.log(q) if q > 0 else -math.inf)
        problem = f"the probability of the label hit 0 ({_name(y_hat)} is {p:g}, y = {y:g}), " \
                  "so the loss is infinite; compute it from logits instead"
    loss = slope = 0.0
    if y > 0:
        loss, slope = loss - y * log_p, slope - (y / p if p > 0 else math.inf)
    if y < 1:
        loss, slope = loss - (1 - y) * log_q, slope + ((1 - y) / q if q > 0 else math.inf)
    if not (math.isfinite(loss) and math.isfinite(slope)):
        raise ValueError(f"binary_cross_entropy: {problem}")
    return Value._result(f"bce(y={y:g})", (y_hat,), loss, (slope,), label)


def binary_cross_entropy_with_logits(z: Value, y: float, label: str = "loss") -> Value:
    r"""BCE of ŷ = σ(z) as one node on the logit z: stable for every z.

    .. math:: \ell = \text{softplus}(z) - y z, \qquad
              \frac{\partial \ell}{\partial z} = \sigma(z) - y = \hat y - y

    the lecture's simplification of (∂ℓ/∂ŷ)(∂ŷ/∂z). `y` is a label in [0, 1].

    Notes
    -----
    Introduced in the chapter *Backpropagation*.

    Examples
    --------
    >>> z = Value(1e4, label="z")
    >>> loss = binary_cross_entropy_with_logits(z, 0)
    >>> loss.backward(); loss, z
    (Value(data=1e+04, grad=1, label='loss'), Value(data=1e+04, grad=1, label='z'))
    """
    if not isinstance(z, Value):
        raise TypeError(f"z must be a Value, got {type(z).__name__}")
    y = _label_in_01(y)  # y softplus(-z) + (1-y) softplus(z) = softplus(z) - y z, both finite
    loss = y * _softplus(-z.data) + (1 - y) * _softplus(z.data)
    return Value._result(f"bce_with_logits(y={y:g})", (z,), loss, (_sigmoid(z.data) - y,), label)


def cross_entropy(logits: Sequence[Value], y: int, label: str = "loss") -> Value:
    r"""Softmax cross-entropy as one node with the k logits f as parents.

    .. math:: \ell = -\log \text{softmax}(\mathbf f)_y = \log \sum_j e^{f_j} - f_y, \qquad
              \frac{\partial \ell}{\partial f_j} = p_j - [j = y]

    with p = softmax(f) shifted by max f, so nothing overflows. `y` is an int in 0..k-1.

    Notes
    -----
    Introduced in the chapter *Backpropagation*.

    Examples
    --------
    >>> f = [Value(2.0, label="f1"), Value(0.0, label="f2")]
    >>> loss = cross_entropy(f, 0)
    >>> loss.backward(); [round(v.grad, 4) for v in f]  # p - one_hot(y)
    [-0.1192, 0.1192]
    """
    if isinstance(logits, Value) or not isinstance(logits, Sequence) \
            or not all(isinstance(f, Value) for f in logits):
        raise TypeError("logits must be a list of Values, one per class")
    k = len(logits)
    if k < 2:
        raise ValueError(f"logits must hold k >= 2 classes, got {k}")
    if isinstance(y, bool) or not isinstance(y, Integral) or not 0 <= y < k:
        raise ValueError(f"y must be an int class label in 0..{k - 1}, got {y!r}")
    top = max(range(k), key=lambda j: logits[j].data)
    e = [math.exp(f.data - logits[top].data) for f in logits]  # in (0, 1], e[top] = 1
    rest = math.fsum(e) - 1.0  # Σ_{j≠top} e_j, exactly as fsum rounds it
    p = [ej / (1.0 + rest) for ej in e]
    loss = (logits[top].data - logits[y].data) + math.log1p(rest)  # no cancellation
    return Value._result(f"cross_entropy(y={int(y)})", tuple(logits), loss,
                         tuple(pj - (j == y) for j, pj in enumerate(p)), label)


# --- the lecture's graphs ---------------------------------------------------------------------
def _vector(v: ArrayLike, name: str) -> list[float]:
    array = np.asarray(v)
    if array.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be real numbers (int or float array_like), "
                        f"got dtype {array.dtype}")
    if array.ndim != 1 or array.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array of shape (d,), "
                         f"got shape {array.shape}")
    if not np.isfinite(array).all():
        raise ValueError(f"{name} must be finite, found NaN or inf")
    return [float(a) for a in array]


def _choice(value: object, name: str, valid: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in valid:
        raise ValueError(f"unknown {name} {value!r}; expected one of: {', '.join(valid)}")
    return value


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
    activation = _choice(activation, "activation", HIDDEN_ACTIVATIONS)
    loss = _choice(loss, "loss", NEURON_LOSSES)
    if loss != "mse" and activation != "sigmoid":
        raise ValueError(f"loss={loss!r} needs y_hat in (0, 1), i.e. activation='sigmoid', "
                         f"got activation={activation!r}; use loss='mse'")
    y = _label_in_01(y) if loss != "mse" else _real(y, "y")
    terms = []
    for i, (wi, xi) in enumerate(zip(w, x), start=1):
        w_i, x_i = Value(wi, label=f"w{_idx(i, 1)}"), Value(xi, label=f"x{i}")
        terms.append(w_i * x_i)
        terms[-1].label = f"{w_i.label}*{x_i.label}"
    if b is not None:
        terms.append(Value(_real(b, "b"), label="b"))
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
    return root, {v.label: v for v in _graph(root)}


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
    names = [_choice(a, "activation", HIDDEN_ACTIVATIONS) for a in names]
    output = _choice(output, "output", OUTPUTS)
    if output == "sigmoid" and k != 1:
        raise ValueError(f"output='sigmoid' needs k = 1 output unit, got k = {k}")
    if output == "softmax" and k < 2:
        raise ValueError("output='softmax' needs k >= 2 output units, got k = 1")
    if output == "linear":
        targets = [_real(y, "y")] if k == 1 and np.ndim(y) == 0 else _vector(y, "y")
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
