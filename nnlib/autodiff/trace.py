r"""Backpropagation on a computational graph of scalars, one node at a time.

:func:`trace` lists every node of a graph as a :class:`Node` record (label, op, value,
local derivatives, grad) in forward order, :func:`trace_table` prints that list, and
:func:`backward_steps` runs the chain rule from the loss one node per step, so a chapter
can show each gradient as it is passed on.

Notes
-----
Introduced in the chapter *Backpropagation*.
"""

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from nnlib.autodiff.value import Value, backpropagate, topological_order

__all__ = ["Node", "trace", "backward_steps", "trace_table"]


@dataclass(frozen=True)
class Node:
    """A record of one graph node for :func:`trace`: label, op ("" for a leaf), value,
    local derivatives {parent label: ∂node/∂parent} and grad = ∂root/∂node.

    Parameters
    ----------
    label : str
        The node's label ("label#i" if empty or shared, see :func:`trace`).
    op : str
        The operation that made it, e.g. "*" or "relu"; "" for a leaf.
    value : float
    local_derivatives : dict of str -> float
        ∂node/∂parent for each parent label (a parent used twice: the sum).
    grad : float
        ∂root/∂node when recorded (0 before any backward).

    Notes
    -----
    Introduced in the chapter *Backpropagation*.

    Examples
    --------
    >>> w, x = Value(2.0, label="w"), Value(3.0, label="x")
    >>> y = (w * x).relu(label="y"); y.backward()
    >>> trace(y)[2]  # the product node: ∂(wx)/∂w = x, ∂(wx)/∂x = w
    Node('#2', op='*', value=6, grad=1, local={'w': 3, 'x': 2})
    """

    label: str
    op: str
    value: float
    local_derivatives: dict[str, float]
    grad: float

    def __repr__(self) -> str:
        local = ", ".join(f"{k!r}: {d:.4g}" for k, d in self.local_derivatives.items())
        return (f"Node({self.label!r}, op={self.op or 'leaf'!r}, value={self.value:.4g}, "
                f"grad={self.grad:.4g}, local={{{local}}})")


def _names(order: list[Value]) -> dict[Value, str]:
    """Each node's label; "label#i" (i = position in order) if empty or shared."""
    counts = Counter(v.label for v in order)
    return {v: v.label if v.label and counts[v.label] == 1 else f"{v.label}#{i}"
            for i, v in enumerate(order)}


def _record(v: Value, names: dict[Value, str]) -> Node:
    local: dict[str, float] = {}
    for parent, d in zip(v.parents, v.local_derivatives):  # x * x: the paths add up to 2x
        local[names[parent]] = local.get(names[parent], 0.0) + d
    return Node(names[v], v.op, v.data, local, v.grad)


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
    order = topological_order(root)
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
    order = topological_order(root)  # TypeError now, not at the first next()
    names = _names(order)
    return (_record(v, names) for v in backpropagate(order))


def trace_table(root: Value) -> str:
    """:func:`trace` as a text table: node, op, value, grad, local derivatives.

    Parameters
    ----------
    root : Value
        The output (usually the loss) whose graph is listed, in forward order.

    Returns
    -------
    str
        One line per node after a header; numbers with 4 significant digits.

    Notes
    -----
    Introduced in the chapter *Backpropagation*.

    Examples
    --------
    >>> w, x = Value(2.0, label="w"), Value(3.0, label="x")
    >>> y = (w * x).relu(label="y"); y.backward()
    >>> print(trace_table(y))
    node  op    value  grad  local derivatives
    w     leaf  2      3
    x     leaf  3      2
    #2    *     6      1     ∂/∂w = 3, ∂/∂x = 2
    y     relu  6      1     ∂/∂#2 = 1
    """
    rows = [(n.label, n.op or "leaf", f"{n.value:.4g}", f"{n.grad:.4g}",
             ", ".join(f"∂/∂{k} = {d:.4g}" for k, d in n.local_derivatives.items()))
            for n in trace(root)]
    header = ("node", "op", "value", "grad", "local derivatives")
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(4)]
    return "\n".join(("  ".join(c.ljust(w) for c, w in zip(r, widths)) + "  " + r[4]).rstrip()
                     for r in [header] + rows)
