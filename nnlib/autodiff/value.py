r"""Reverse-mode automatic differentiation on scalars: the :class:`Value` node.

A :class:`Value` holds one number, the nodes it was computed from (its *parents*) and the
local derivative ∂node/∂parent of each; every operation writes that derivative right beside
its forward formula. ``loss.backward()`` then runs one loop, the chain rule in reverse
topological order, so that each node's gradient is complete before it is passed on:

.. math:: \frac{\partial \ell}{\partial p} = \sum_{v \text{ computed from } p}
          \frac{\partial \ell}{\partial v}\,\frac{\partial v}{\partial p}

The loss nodes are in :mod:`nnlib.autodiff.losses`, the lecture's graphs in
:mod:`nnlib.autodiff.graphs`, and :mod:`nnlib.autodiff.trace` walks a graph node by node;
``from nnlib.autodiff import Value`` imports any of them.

Design decisions, each tested:

- A Value cannot change after it is made, except its ``grad`` and ``label``: its parents
  exist before it does and can never be reassigned, so a graph cannot contain a cycle.
- Every value and local derivative is a finite float, or the operation raises ValueError
  naming the node. In particular ``log`` of exactly 0 raises ("the probability hit 0")
  instead of returning -inf, which would silently turn every gradient into NaN.
- ``backward()`` recomputes the gradients from scratch; it does not accumulate, so calling
  it twice gives the same numbers (in micrograd the second call doubles them).

Notes
-----
Introduced in the chapter *Backpropagation*.
"""

import itertools
import math
from collections.abc import Iterable, Iterator
from numbers import Real

from nnlib.activations import sigmoid
from nnlib.validation import check_real, real_number

__all__ = ["Value", "topological_order", "backpropagate"]

_CREATED = itertools.count()  # creation order: parents are always made before their children


def _name(v: "Value") -> str:
    return v.name


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
        Name shown by repr and :func:`nnlib.autodiff.trace`, e.g. "w11". Only label and grad
        can change.
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
        for attr, value in [("data", real_number(data, "data")), ("_prev", children),
                            ("_op", str(_op)),
                            ("_local", tuple(real_number(d, "_local") for d in local)),
                            ("grad", 0.0), ("_id", next(_CREATED))]:
            object.__setattr__(self, attr, value)
        self.label = label  # validated by __setattr__

    def __setattr__(self, name: str, value: object) -> None:
        if name == "grad":
            value = real_number(value, "grad")
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

    @property
    def parents(self) -> tuple["Value", ...]:
        """The nodes this one was computed from (empty for a leaf)."""
        return self._prev

    @property
    def op(self) -> str:
        """The operation that made this node, e.g. "*" or "relu"; "" for a leaf."""
        return self._op

    @property
    def local_derivatives(self) -> tuple[float, ...]:
        """∂self/∂parent for each of :attr:`parents`, in the same order."""
        return self._local

    @property
    def name(self) -> str:
        """How messages name this node: its label in quotes, or its value.

        Examples
        --------
        >>> Value(2.0, label="x").name, Value(2.0).name
        ("'x'", 'Value(data=2)')
        """
        return repr(self.label) if self.label else f"Value(data={self.data:.4g})"

    @staticmethod
    def from_op(op: str, parents: tuple["Value", ...], data: float,
                local: tuple[float, ...], label: str = "") -> "Value":
        """The node op(parents) with value `data` and local derivatives ∂node/∂parent.

        What every operation (and every loss node of :mod:`nnlib.autodiff.losses`) calls:
        ValueError naming the parents if the value or a derivative is not finite.

        Examples
        --------
        >>> x = Value(3.0, label="x")
        >>> square = Value.from_op("square", (x,), x.data ** 2, (2 * x.data,), "x²")
        >>> square.backward(); x
        Value(data=3, grad=6, label='x')
        """
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
        return self.from_op("+", (self, o), self.data + o.data, (1.0, 1.0))

    def __radd__(self, other: float) -> "Value":
        return self._wrap(other, "+") + self

    def __sub__(self, other: "Value | float") -> "Value":
        o = self._wrap(other, "-")
        return self.from_op("-", (self, o), self.data - o.data, (1.0, -1.0))

    def __rsub__(self, other: float) -> "Value":
        return self._wrap(other, "-") - self

    def __mul__(self, other: "Value | float") -> "Value":
        o = self._wrap(other, "*")  # ∂(ab)/∂a = b, ∂(ab)/∂b = a
        return self.from_op("*", (self, o), self.data * o.data, (o.data, self.data))

    def __rmul__(self, other: float) -> "Value":
        return self._wrap(other, "*") * self

    def __truediv__(self, other: "Value | float") -> "Value":
        o = self._wrap(other, "/")
        if o.data == 0:
            raise ValueError(f"division by {_name(o)}, whose value is 0")
        q = self.data / o.data  # ∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = -a/b² = -(a/b)/b
        return self.from_op("/", (self, o), q, (1.0 / o.data, -q / o.data))

    def __rtruediv__(self, other: float) -> "Value":
        return self._wrap(other, "/") / self

    def __neg__(self) -> "Value":
        return self.from_op("neg", (self,), -self.data, (-1.0,))

    def __pow__(self, p: float) -> "Value":
        if isinstance(p, Value) or isinstance(p, bool) or not isinstance(p, Real):
            raise TypeError(f"the exponent must be a constant real number (Value ** Value is "
                            f"not supported), got {type(p).__name__}")
        p, a = real_number(p, "exponent"), self.data
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
        return self.from_op(f"**{p:g}", (self,), data, (slope,))

    def exp(self, label: str = "") -> "Value":
        """exp(x); ∂/∂x = exp(x). ValueError if it overflows (x > 709.78).

        Parameters
        ----------
        label : str, default ""
            Label of the new node.

        Returns
        -------
        Value
            A new node whose one parent is self.

        Examples
        --------
        >>> x = Value(1.0, label="x")
        >>> x.exp().backward(); x  # ∂/∂x = e ≈ 2.718
        Value(data=1, grad=2.718, label='x')
        """
        try:
            e = math.exp(self.data)
        except OverflowError:  # x > log(max float) ≈ 709.78
            e = math.inf  # reported by _result
        return self.from_op("exp", (self,), e, (e,), label)

    def log(self, label: str = "") -> "Value":
        """Natural log(x); ∂/∂x = 1/x. ValueError for x ≤ 0 (log 0 would be -inf).

        Parameters
        ----------
        label : str, default ""
            Label of the new node.

        Returns
        -------
        Value
            A new node whose one parent is self.

        Examples
        --------
        >>> x = Value(2.0, label="x")
        >>> x.log().backward(); x  # ∂/∂x = 1/2
        Value(data=2, grad=0.5, label='x')
        """
        if self.data == 0:
            raise ValueError(f"log of {_name(self)}, whose value is 0: the probability hit 0 "
                             "and log 0 = -inf; compute the loss from logits instead "
                             "(binary_cross_entropy_with_logits, cross_entropy)")
        if self.data < 0:
            raise ValueError(f"log needs a value > 0, {_name(self)} is {self.data:g}")
        return self.from_op("log", (self,), math.log(self.data), (1.0 / self.data,), label)

    def sigmoid(self, label: str = "") -> "Value":
        """σ(x) = 1/(1 + exp(-x)), two-branch stable; ∂/∂x = σ(x)(1 - σ(x)) = σ(x)σ(-x).

        Parameters
        ----------
        label : str, default ""
            Label of the new node.

        Returns
        -------
        Value
            A new node whose one parent is self.

        Examples
        --------
        >>> x = Value(0.0, label="x")
        >>> x.sigmoid().backward(); x  # σ(0)(1 - σ(0)) = 0.5 * 0.5
        Value(data=0, grad=0.25, label='x')
        """
        s, s_minus = float(sigmoid(self.data)), float(sigmoid(-self.data))  # nnlib's σ
        return self.from_op("sigmoid", (self,), s, (s * s_minus,), label)

    def tanh(self, label: str = "") -> "Value":
        """tanh(x); ∂/∂x = 1 - tanh²(x) = (1 - tanh x)(1 + tanh x).

        Parameters
        ----------
        label : str, default ""
            Label of the new node.

        Returns
        -------
        Value
            A new node whose one parent is self.

        Examples
        --------
        >>> x = Value(0.0, label="x")
        >>> x.tanh().backward(); x  # 1 - tanh²(0) = 1
        Value(data=0, grad=1, label='x')
        """
        t = math.tanh(self.data)
        return self.from_op("tanh", (self,), t, ((1.0 - t) * (1.0 + t),), label)

    def relu(self, label: str = "") -> "Value":
        """max(x, 0); ∂/∂x = 1 if x > 0 else 0 (0 at the kink, like relu_grad).

        Parameters
        ----------
        label : str, default ""
            Label of the new node.

        Returns
        -------
        Value
            A new node whose one parent is self.

        Examples
        --------
        >>> x = Value(-3.0, label="x")
        >>> x.relu().backward(); x  # x < 0: no gradient flows back
        Value(data=-3, grad=0, label='x')
        """
        up = self.data > 0
        return self.from_op("relu", (self,), self.data if up else 0.0, (float(up),), label)

    def leaky_relu(self, alpha: float = 0.01, label: str = "") -> "Value":
        """x if x > 0 else alpha·x; ∂/∂x = 1 if x > 0 else alpha.

        Parameters
        ----------
        alpha : float, default 0.01
            Slope for x ≤ 0, in [0, 1).
        label : str, default ""
            Label of the new node.

        Returns
        -------
        Value
            A new node whose one parent is self.

        Examples
        --------
        >>> x = Value(-3.0, label="x")
        >>> y = x.leaky_relu(alpha=0.1); y.backward(); y, x
        (Value(data=-0.3, grad=1), Value(data=-3, grad=0.1, label='x'))
        """
        alpha = check_real(alpha, "alpha", low=0.0, high=1.0, high_open=True)
        up = self.data > 0
        return self.from_op("leaky_relu", (self,), self.data if up else alpha * self.data,
                            (1.0 if up else alpha,), label)

    @staticmethod
    def sum(terms: Iterable["Value | float"], label: str = "") -> "Value":
        """One "+" node with every term as a parent (the lecture's Σ node); each ∂/∂term = 1."""
        terms = tuple(Value._wrap(t, "sum") for t in terms)
        if not terms:
            raise ValueError("terms must hold at least one Value, got none")
        return Value.from_op("+", terms, math.fsum(t.data for t in terms),
                             (1.0,) * len(terms), label)

    # --- the global loop -------------------------------------------------------------------
    def backward(self) -> None:
        """Set v.grad = ∂self/∂v for every node v of this graph (self.grad = 1), from scratch.

        One loop over the nodes in reverse topological order adds each node's
        ``grad * local derivative`` to its parents' grads. Every grad is reset first, so a
        second call gives the same numbers. ValueError if a gradient overflows.

        Examples
        --------
        >>> x = Value(3.0, label="x")
        >>> y = x * x
        >>> y.backward(); y.backward(); x  # ∂(x²)/∂x = 2x = 6, not doubled by the 2nd call
        Value(data=3, grad=6, label='x')
        """
        for _ in backpropagate(topological_order(self)):
            pass

    def zero_grad(self) -> None:
        """Set grad = 0 on this node and every node it was computed from.

        Examples
        --------
        >>> x = Value(3.0, label="x")
        >>> y = x * x
        >>> y.backward(); y.zero_grad(); x, y
        (Value(data=3, grad=0, label='x'), Value(data=9, grad=0))
        """
        for v in topological_order(self):
            v.grad = 0.0


def topological_order(root: object) -> list[Value]:
    """The nodes `root` depends on, in the order they were made: a topological order
    (parents first, root last) that reads like the forward pass as the code wrote it.

    Examples
    --------
    >>> x = Value(2.0, label="x")
    >>> [v.name for v in topological_order((x * x).relu(label="y"))]
    ["'x'", 'Value(data=4)', "'y'"]
    """
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


def backpropagate(order: list[Value]) -> Iterator[Value]:
    """The chain rule, one node at a time: push v.grad to v's parents, then yield v.

    `order` is :func:`topological_order` of the root (its last node); every grad is reset
    to 0 first and the root's set to 1. :meth:`Value.backward` runs it to the end;
    :func:`nnlib.autodiff.backward_steps` shows it step by step.

    Examples
    --------
    >>> x = Value(3.0, label="x")
    >>> [v.name for v in backpropagate(topological_order((2.0 * x).tanh()))][0]
    'Value(data=1)'
    """
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

