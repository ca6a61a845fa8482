r"""The data of the step-through widget: the lecture's graph walked one node at a time.

:func:`walk_data` builds the graph with nnlib's scalar autodiff (:func:`~nnlib.autodiff.neuron_graph`
for one neuron, :func:`~nnlib.autodiff.mlp_graph` for the 2-2-1 network, both with sigmoid units
and the binary cross-entropy), reads every value with :func:`~nnlib.autodiff.trace` and every
gradient, in the order backpropagation finishes them, with :func:`~nnlib.autodiff.backward_steps`.

The picture is the lecture's: a product node ``w11*x1`` is drawn as the edges w₁₁ → z and
x₁ → z of its sum, since ∂z/∂(w₁₁x₁) = 1 (so ∂z/∂w₁₁ = x₁ and ∂z/∂x₁ = w₁₁, the slide's local
derivatives), and the two-layer network's biases, 0 as on the slides, are not drawn.

Notes
-----
Introduced in the chapter *Backpropagation*.
"""

from __future__ import annotations

import numpy as np

from nnlib.autodiff import backward_steps, mlp_graph, neuron_graph, topological_order, trace
from nnlib.widgets.backprop.common import NETWORKS, PRESETS, network_values

__all__ = ["walk_data", "walk_graph", "n_steps", "tex"]


def tex(label: str) -> str:
    """The lecture's symbol of an nnlib node label, as matplotlib mathtext.

    Examples
    --------
    >>> tex("w21^(1)"), tex("y_hat"), tex("a12"), tex("loss")
    ('$w^{(1)}_{21}$', '$\\\\hat{y}$', '$a_{12}$', '$\\\\ell$')
    """
    if label == "loss":
        return r"$\ell$"
    if label == "y_hat":
        return r"$\hat{y}$"
    name, _, layer = label.partition("^")
    sub = f"_{{{name[1:]}}}" if len(name) > 1 else ""
    return f"${name[0]}{'^{' + layer + '}' if layer else ''}{sub}$"


def walk_graph(network: str, values: dict) -> tuple[object, dict]:
    """The lecture's graph for `network` ("neuron" or "two_layer") at `values` (x1, x2, y, w11,
    w21, w12, w22, v1, v2): (loss, {label: Value}) with every node of nnlib's graph."""
    x = [values["x1"], values["x2"]]
    if network == "neuron":
        return neuron_graph(w=[values["w11"], values["w21"]], x=x, b=None, y=values["y"])
    params = {"W1": np.array([[values["w11"], values["w21"]], [values["w12"], values["w22"]]]),
              "b1": np.zeros(2), "W2": np.array([[values["v1"], values["v2"]]]), "b2": np.zeros(1)}
    loss, _ = mlp_graph(params, x, int(values["y"]), activation="sigmoid", output="sigmoid")
    return loss, {v.label: v for v in topological_order(loss)}


def _contracted(nodes: dict) -> dict[str, list[tuple[str, float, str]]]:
    """Each drawn node's drawn parents: {child: [(parent, ∂child/∂parent, its symbol)]}.

    A product p = w·a feeding a sum z becomes two edges, w → z with ∂z/∂w = a and a → z with
    ∂z/∂a = w (∂z/∂p = 1); bias leaves (b…) are left out."""
    edges: dict[str, list[tuple[str, float, str]]] = {}
    for label, v in nodes.items():
        if not v.parents or v.op == "*":
            continue
        rows = []
        for parent, local in zip(v.parents, v.local_derivatives):
            if parent.op == "*":
                w, a = parent.parents
                rows += [(w.label, local * a.data, tex(a.label)), (a.label, local * w.data, tex(w.label))]
            elif parent.label.startswith("b"):
                continue
            elif v.op == "sigmoid":
                rows.append((parent.label, local, rf"$\sigma'({tex(parent.label)[1:-1]})$"))
            else:  # the loss node: ∂ℓ/∂ŷ
                rows.append((parent.label, local, r"$\partial\ell/\partial\hat{y}$"))
        edges[label] = rows
    return edges


def n_steps(network: str) -> int:
    """Steps of the walk: the start, one per computed node forward, one per drawn node back.

    Examples
    --------
    >>> n_steps("neuron"), n_steps("two_layer")
    (11, 23)
    """
    return walk_data(network, 0, **PRESETS["sliders"])["steps"]


def _number(v: float) -> str:
    return f"{v:.4g}".replace("-", "−")


def _forward_equation(label: str, nodes: dict, parents: list, y: float) -> tuple[str, str]:
    v = nodes[label]
    if label == "loss":
        yh = nodes["y_hat"].data
        return (r"$\ell = -y\,\log\hat{y} - (1-y)\,\log(1-\hat{y})$",
                f"$= -{y:g}\\cdot\\log {_number(yh)} - {1 - y:g}\\cdot\\log {_number(1 - yh)}"
                f" = {_number(v.data)}$")
    if v.op == "sigmoid":
        p = parents[0][0]
        return (f"{tex(label)[:-1]} = \\sigma({tex(p)[1:-1]})$",
                f"$= \\sigma({_number(nodes[p].data)}) = {_number(v.data)}$")
    pairs = [(parents[i], parents[i + 1]) for i in range(0, len(parents), 2)]
    sym = " + ".join(tex(w)[1:-1] + tex(a)[1:-1] for (w, _, _), (a, _, _) in pairs)
    num = " + ".join(f"({_number(nodes[w].data)})({_number(nodes[a].data)})"
                     for (w, _, _), (a, _, _) in pairs)
    return f"{tex(label)[:-1]} = {sym}$", f"$= {num} = {_number(v.data)}$"


def _backward_equation(label: str, children: list, grads: dict, y: float, nodes: dict
                       ) -> tuple[str, str]:
    g = grads[label]
    if label == "loss":
        return r"$\partial\ell/\partial\ell = 1$", "(backpropagation starts here)"
    if label == "y_hat":
        yh = nodes["y_hat"].data
        return (r"$\partial\ell/\partial\hat{y} = (1-y)/(1-\hat{y}) - y/\hat{y}$",
                f"$= {1 - y:g}/{_number(1 - yh)} - {y:g}/{_number(yh)} = {_number(g)}$")
    left = f"$\\partial\\ell/\\partial {tex(label)[1:-1]} = "
    sym = " + ".join(f"\\partial\\ell/\\partial {tex(c)[1:-1]}\\cdot {s[1:-1]}" for c, _, s in children)
    num = " + ".join(f"({_number(grads[c])})({_number(d)})" for c, d, _ in children)
    return left + sym + "$", f"$= {num} = {_number(g)}$"


def walk_data(network: str, step: int, **values: float) -> dict:
    r"""Backpropagation on the lecture's graph after `step` steps: values, grads, the equation.

    Step 0 shows the given leaves (x, the weights); steps 1 to F compute the F other nodes
    forward; the next steps reach the drawn nodes backward, from ℓ to the leaves, each with
    the chain rule written out: ∂ℓ/∂v = Σ over v's children c of ∂ℓ/∂c · ∂c/∂v. A step past
    the end shows the end.

    Parameters
    ----------
    network : {"neuron", "two_layer"}
    step : int, 0 ≤ step
    **values : float
        x1, x2, y (0 or 1), w11, w21 (and for the two-layer network w12, w22, v1, v2: v_i is
        the lecture's w_i1^(2)).

    Returns
    -------
    dict
        ``nodes`` {label: (value, grad)} for every drawn node; ``shown`` {label: "value"|"grad"|""}
        what the picture shows of it; ``current`` the label of this step's node (or None);
        ``phase`` "start", "forward", "backward"; ``equation`` (symbolic, with numbers);
        ``terms`` [(∂ℓ/∂child, ∂child/∂v)] of a backward step; ``forward``, ``backward`` the
        walk's orders; ``step``, ``steps``; ``past_end`` whether `step` asked for more steps
        than the walk has (it then shows the last).

    Examples
    --------
    >>> d = walk_data("neuron", 10, x1=1.5, x2=-0.5, y=1, w11=0.8, w21=-0.4)
    >>> d["current"], round(d["nodes"]["w11"][1], 4), d["equation"][1]
    ('w11', -0.2967, '$= (−0.1978)(1.5) = −0.2967$')
    """
    values = network_values(network, values)
    if isinstance(step, bool) or not isinstance(step, (int, float)) \
            or abs(step - round(step)) > 1e-6 or step < 0:  # a slider may send 1.0000000000000002
        raise ValueError(f"step must be a whole number >= 0, got {step!r}")
    step = int(round(step))
    layout = NETWORKS[network]["layout"]
    loss, nodes = walk_graph(network, values)
    parents = _contracted(nodes)
    children: dict[str, list] = {label: [] for label in layout}
    for child, rows in parents.items():
        for parent, d, symbol in rows:
            children[parent].append((child, d, symbol))
    records = {n.label: n for n in trace(loss)}
    grads, backward = {}, []
    for node in backward_steps(loss):  # each grad is final when its node is yielded
        grads[node.label] = node.grad
        if node.label in layout:
            backward.append(node.label)
    forward = [n.label for n in trace(loss) if n.label in layout and n.label in parents]
    total = 1 + len(forward) + len(backward)
    past_end = step > total - 1
    step = min(int(step), total - 1)
    done_forward = forward[:step]
    done_backward = backward[:max(0, step - len(forward))]
    shown = {}
    for label in layout:
        given = label not in parents
        shown[label] = ("grad" if label in done_backward else
                        "value" if given or label in done_forward else "")
    y = float(values["y"])
    terms: list = []
    if step == 0:
        phase, current = "start", None
        equation = ("x, y and the weights are given;",
                    "the next step starts the forward pass")
    elif step <= len(forward):
        phase, current = "forward", forward[step - 1]
        equation = _forward_equation(current, nodes, parents[current], y)
    else:
        phase, current = "backward", backward[step - len(forward) - 1]
        equation = _backward_equation(current, children[current], grads, y, nodes)
        terms = [(grads[c], d) for c, d, _ in children[current]]
    return {"network": network, "step": step, "steps": total, "past_end": past_end, "phase": phase,
            "current": current, "forward": forward, "backward": backward,
            "nodes": {label: (records[label].value, grads[label]) for label in layout},
            "shown": shown, "equation": equation, "terms": terms,
            "edges": [(p, c) for c, rows in parents.items() for p, _, _ in rows],
            "values": values}
