"""Tests for the nnlib.autodiff package (value, losses, graphs, trace), through its public
face: op gradients vs central differences, the lecture's hand-worked
backprop results, trace/backward_steps order, agreement with matrix backprop, bad inputs."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nnlib.gradcheck import numerical_gradient, relative_error
from nnlib.autodiff import (
    Node, Value, backward_steps, binary_cross_entropy, binary_cross_entropy_with_logits,
    cross_entropy, leaf_gradients, mlp_graph, neuron_graph, trace, trace_table,
)

pytestmark = pytest.mark.filterwarnings("error")
FAST = settings(max_examples=50, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(autouse=True)
def numpy_errors_raise():
    """Any numpy overflow/invalid/divide, or any warning at all, fails the test."""
    with np.errstate(all="raise"), warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def sigma(t):
    return 1.0 / (1.0 + math.exp(-t))


def graph_gradient(build, point):
    """Grads of the leaves of build(*leaves) at `point`, by backward()."""
    leaves = [Value(p, label=f"v{i}") for i, p in enumerate(point)]
    build(*leaves).backward()
    return np.array([v.grad for v in leaves])


def assert_matches_central_differences(build, point, rtol=1e-6):
    """Agree to rtol of the largest entry, or to the rounding error of the difference
    quotient (about 1e-16 |f| / eps = 1e-10 |f|) when every entry is tiny."""
    numeric = numerical_gradient(lambda p: build(*(Value(pi) for pi in p)).data, point)
    graph = graph_gradient(build, point)
    scale = abs(build(*(Value(pi) for pi in point)).data)
    worst = max(abs(float(g) - float(n)) for g, n in zip(graph, numeric))  # Python floats:
    assert worst <= rtol * max(abs(float(g)) for g in graph) + 1e-8 * (1 + scale)  # may underflow


# --- every op's local derivative against central differences ------------------------------

UNARY = {
    "exp": (lambda a: a.exp(), st.floats(-20, 20)),
    "log": (lambda a: a.log(), st.floats(0.05, 100)),
    "sigmoid": (lambda a: a.sigmoid(), st.floats(-30, 30)),
    "tanh": (lambda a: a.tanh(), st.floats(-10, 10)),
    "relu": (lambda a: a.relu(), st.floats(-10, 10).filter(lambda t: abs(t) > 1e-3)),
    "leaky_relu": (lambda a: a.leaky_relu(0.1), st.floats(-10, 10).filter(lambda t: abs(t) > 1e-3)),
    "neg": (lambda a: -a, st.floats(-10, 10)),
    "pow3": (lambda a: a ** 3, st.floats(-5, 5)),
    "pow-1.5": (lambda a: a ** -1.5, st.floats(0.1, 10)),
    "sqrt": (lambda a: a ** 0.5, st.floats(0.1, 100)),
    "pow0": (lambda a: a ** 0, st.floats(-5, 5)),
}
nonzero = st.floats(-10, 10).filter(lambda t: abs(t) > 0.1)
BINARY = {
    "+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b,
    "/": lambda a, b: a / b, "x+x": lambda a, b: a + a * b,  # a is used twice
    "const": lambda a, b: 2.5 + a - 1.5 * b + 3.0 / b + a * 2 - b / 4 - 1,  # r-ops
    "sum": lambda a, b: Value.sum([a, b, a * b, 2.0]),
}


@pytest.mark.parametrize("name", UNARY)
@FAST
@given(data=st.data())
def test_unary_op_gradients_match_central_differences(name, data):
    op, points = UNARY[name]
    assert_matches_central_differences(op, [data.draw(points)])


@pytest.mark.parametrize("name", BINARY)
@FAST
@given(a=st.floats(-10, 10), b=nonzero)
def test_binary_op_gradients_match_central_differences(name, a, b):
    assert_matches_central_differences(BINARY[name], [a, b])


def composite(a, b, c):
    """A graph where a, b and c each reach the output along several paths."""
    h = (a * b + c).tanh()
    return (h * a - b / (c * c + 1)).sigmoid() + (a ** 2 + 1).log() * b - (h - c).exp()


@FAST
@given(a=st.floats(-3, 3), b=st.floats(-3, 3), c=st.floats(-3, 3))
def test_composite_graph_gradient_sums_all_paths(a, b, c):
    assert_matches_central_differences(composite, [a, b, c])


@FAST
@given(z=st.floats(-30, 30), y=st.floats(0, 1))
def test_loss_nodes_gradients_match_central_differences(z, y):
    assert_matches_central_differences(lambda t: binary_cross_entropy(t.sigmoid(), y), [z])
    assert_matches_central_differences(lambda t: binary_cross_entropy_with_logits(t, y), [z])
    p = sigma(z / 10) * 0.98 + 0.01  # a plain probability node in [0.01, 0.99]
    assert_matches_central_differences(lambda t: binary_cross_entropy(t, y), [p])


@FAST
@given(f=st.lists(st.floats(-20, 20), min_size=2, max_size=5), data=st.data())
def test_cross_entropy_gradient_is_softmax_minus_one_hot(f, data):
    y = data.draw(st.integers(0, len(f) - 1))
    assert_matches_central_differences(lambda *logits: cross_entropy(list(logits), y), f)
    p = np.exp(np.array(f) - max(f))
    p /= p.sum()
    expected = p - np.eye(len(f))[y]
    assert np.allclose(graph_gradient(lambda *logits: cross_entropy(list(logits), y), f),
                       expected, rtol=1e-12, atol=1e-15)


# --- the lecture: "Calculate Gradient (on one data point)" -------------------------------

@pytest.mark.parametrize("y", [0, 1])
@pytest.mark.parametrize("b", [None, 0.3])
def test_one_neuron_slides(y, b):
    w11, w21, x1, x2 = 0.7, -1.2, 1.5, 0.4
    loss, nodes = neuron_graph([w11, w21], [x1, x2], b, y)
    loss.backward()
    z = w11 * x1 + w21 * x2 + (b or 0.0)
    y_hat = sigma(z)
    assert nodes["z"].data == pytest.approx(z, rel=1e-15)
    assert nodes["y_hat"].data == pytest.approx(y_hat, rel=1e-15)
    assert loss.data == pytest.approx(-(y * math.log(y_hat) + (1 - y) * math.log(1 - y_hat)))
    # the slides' two results
    assert nodes["w11"].grad == pytest.approx((y_hat - y) * x1, rel=1e-12)
    assert nodes["x1"].grad == pytest.approx((y_hat - y) * w11, rel=1e-12)
    assert nodes["w21"].grad == pytest.approx((y_hat - y) * x2, rel=1e-12)
    assert nodes["x2"].grad == pytest.approx((y_hat - y) * w21, rel=1e-12)
    # and every step of the chain rule in between, edge by edge
    node = {n.label: n for n in trace(loss)}
    dl_dyhat = node["loss"].local_derivatives["y_hat"]
    assert dl_dyhat == pytest.approx((1 - y) / (1 - y_hat) - y / y_hat, rel=1e-12)
    dyhat_dz = node["y_hat"].local_derivatives["z"]
    assert dyhat_dz == pytest.approx(y_hat * (1 - y_hat), rel=1e-12)  # σ'(z) = σ(z)(1 - σ(z))
    assert node["z"].local_derivatives["w11*x1"] == 1.0
    dz_dw11 = node["w11*x1"].local_derivatives["w11"]
    assert dz_dw11 == x1
    assert node["w11"].grad == pytest.approx(dl_dyhat * dyhat_dz * 1.0 * dz_dw11, rel=1e-15)
    assert node["z"].grad == pytest.approx(y_hat - y, rel=1e-12)
    assert list(node)[-3:] == ["z", "y_hat", "loss"]
    assert ("b" in node) == (b is not None)


def test_two_layer_slides():
    """The lecture's 2-2-1 network: sigmoid hidden units a11, a12 and a sigmoid output."""
    x1, x2, y = 0.8, -1.3, 1
    # the lecture's w_ij^(l) connects unit i of layer l-1 to unit j of layer l = W_l[j-1, i-1]
    w11_1, w21_1, w12_1, w22_1 = 0.4, -0.9, 1.1, 0.6
    w11_2, w21_2 = -1.5, 0.7
    params = {"W1": np.array([[w11_1, w21_1], [w12_1, w22_1]]), "b1": np.array([0.1, -0.2]),
              "W2": np.array([[w11_2, w21_2]]), "b2": np.array([0.05])}
    loss, leaves = mlp_graph(params, [x1, x2], y, activation="sigmoid", output="sigmoid")
    loss.backward()
    a11 = sigma(w11_1 * x1 + w21_1 * x2 + 0.1)
    a12 = sigma(w12_1 * x1 + w22_1 * x2 - 0.2)
    y_hat = sigma(w11_2 * a11 + w21_2 * a12 + 0.05)
    assert [leaves[k].label for k in ["W1[0,0]", "W1[0,1]", "W1[1,0]", "W2[0,1]", "x[0]"]] \
        == ["w11^(1)", "w21^(1)", "w12^(1)", "w21^(2)", "x1"]
    node = {n.label: n for n in trace(loss)}
    assert node["a11"].value == pytest.approx(a11, rel=1e-15)
    assert node["y_hat"].value == pytest.approx(y_hat, rel=1e-15)
    # ∂l/∂a11 = (ŷ - y) w11^(2), ∂l/∂a12 = (ŷ - y) w21^(2)
    assert node["a11"].grad == pytest.approx((y_hat - y) * w11_2, rel=1e-12)
    assert node["a12"].grad == pytest.approx((y_hat - y) * w21_2, rel=1e-12)
    # ∂l/∂w11^(1) = (ŷ - y) w11^(2) a11 (1 - a11) x1
    assert leaves["W1[0,0]"].grad == pytest.approx(
        (y_hat - y) * w11_2 * a11 * (1 - a11) * x1, rel=1e-12)
    # ∂l/∂x1 = ∂l/∂a11 ∂a11/∂x1 + ∂l/∂a12 ∂a12/∂x1: both paths, neither negligible
    path_1 = (y_hat - y) * w11_2 * a11 * (1 - a11) * w11_1
    path_2 = (y_hat - y) * w21_2 * a12 * (1 - a12) * w12_1
    assert min(abs(path_1), abs(path_2)) > 0.01 and abs(path_1 - path_2) > 0.01
    assert leaves["x[0]"].grad == pytest.approx(path_1 + path_2, rel=1e-12)
    assert abs(leaves["x[0]"].grad - path_1) > 0.01 and abs(leaves["x[0]"].grad - path_2) > 0.01
    labels = list(node)
    assert [labels.index(s) for s in ["z11", "a11", "z12", "a12", "z21", "y_hat", "loss"]] \
        == sorted(labels.index(s) for s in ["z11", "a11", "z12", "a12", "z21", "y_hat", "loss"])


@FAST
@given(w=st.lists(st.floats(-3, 3), min_size=1, max_size=4), data=st.data())
def test_neuron_bce_gradient_is_y_hat_minus_y(w, data):
    d = len(w)
    x = data.draw(st.lists(st.floats(-3, 3), min_size=d, max_size=d))
    b, y = data.draw(st.floats(-3, 3)), data.draw(st.sampled_from([0, 1]))
    for loss_name in ["bce", "bce_with_logits"]:
        loss, nodes = neuron_graph(w, x, b, y, loss=loss_name)
        loss.backward()
        y_hat = sigma(nodes["z"].data)
        assert nodes["z"].grad == pytest.approx(y_hat - y, rel=1e-9, abs=1e-14)
        for i in range(d):
            assert nodes[f"w{i + 1}1"].grad == pytest.approx((y_hat - y) * x[i], rel=1e-9,
                                                               abs=1e-14)


def test_neuron_mse_and_other_activations():
    loss, nodes = neuron_graph([0.5, -0.5], [2.0, 1.0], 0.1, 3.0, activation="tanh", loss="mse")
    loss.backward()
    t = math.tanh(0.6)
    assert loss.data == pytest.approx(0.5 * (t - 3.0) ** 2, rel=1e-14)
    assert nodes["w11"].grad == pytest.approx((t - 3.0) * (1 - t * t) * 2.0, rel=1e-12)
    loss, nodes = neuron_graph([0.5], [-2.0], 0.0, 1.0, activation="relu", loss="mse")
    loss.backward()
    assert nodes["w11"].grad == 0.0 and nodes["y_hat"].data == 0.0  # a dead ReLU


# --- trace, backward_steps, backward, zero_grad ---------------------------------------------

def two_layer_graph():
    params = {"W1": np.array([[0.4, -0.9], [1.1, 0.6]]), "b1": np.array([0.1, -0.2]),
              "W2": np.array([[-1.5, 0.7]]), "b2": np.array([0.05])}
    return mlp_graph(params, [0.8, -1.3], 1, activation="tanh", output="sigmoid")


def test_trace_is_topological():
    for loss in [two_layer_graph()[0], composite(Value(0.3), Value(-1.2), Value(0.5))]:
        records = trace(loss)
        position = {n.label: i for i, n in enumerate(records)}
        assert len(position) == len(records)  # every node has its own name
        for i, record in enumerate(records):  # every parent comes before its node
            assert all(position[parent] < i for parent in record.local_derivatives)
        assert records[-1].value == loss.data and records[-1].grad == loss.grad  # root last
        assert sum(1 for r in records if r.op == "") == sum(1 for r in records
                                                            if not r.local_derivatives)


def test_trace_names_and_local_derivatives():
    x = Value(3.0, label="x")
    c1, c2 = Value(1.0, label="c"), Value(2.0, label="c")
    records = trace(x * x + c1 * c2)
    assert [r.label for r in records] == ["x", "c#1", "c#2", "#3", "#4", "#5"]
    assert records[3].local_derivatives == {"x": 6.0}  # ∂(x·x)/∂x = x + x
    assert records[4].local_derivatives == {"c#1": 2.0, "c#2": 1.0}
    assert records[0].op == "" and records[3].op == "*"


def test_backward_steps_reverse_order_and_progressive_grads():
    loss, leaves = two_layer_graph()
    forward_labels = [n.label for n in trace(loss)]
    x1 = leaves["x[0]"]
    x1_grads, labels = [], []
    for record in backward_steps(loss):
        labels.append(record.label)
        x1_grads.append(x1.grad)
    final = {n.label: n.grad for n in trace(loss)}
    assert labels == forward_labels[::-1]
    assert labels[0] == "loss" and final["loss"] == 1.0
    # x1 feeds two products (w11^(1)*x1 and w12^(1)*x1): its grad arrives in two parts
    assert x1_grads[0] == 0.0 and x1_grads[-1] == final["x1"]
    assert len(set(x1_grads)) == 3
    # every record carries the node's final grad, and the Value already holds it then
    steps = backward_steps(loss)
    nodes = {v.label: v for v in leaves.values()}
    for record in steps:
        assert record.grad == final[record.label]
        if record.label in nodes:
            assert nodes[record.label].grad == record.grad


def test_backward_recomputes_and_zero_grad_resets():
    loss, leaves = two_layer_graph()
    loss.backward()
    first = {k: v.grad for k, v in leaves.items()}
    loss.backward()  # micrograd would double the grads here
    assert {k: v.grad for k, v in leaves.items()} == first
    loss.zero_grad()
    assert all(n.grad == 0.0 for n in trace(loss))


def test_backward_misuse_and_cycles_impossible():
    loss, leaves = two_layer_graph()
    for root in [(loss, leaves), [loss], np.array([1.0]), 1.0]:
        for run in [trace, backward_steps]:
            with pytest.raises(TypeError, match="single Value"):
                run(root)
    with pytest.raises(TypeError, match="pass the loss"):
        backward_steps((loss, leaves))
    v = Value(1.0, label="v")
    w = v * 2
    for attr, value in [("data", 5.0), ("_prev", (w,)), ("_local", (1.0,)), ("_op", "+"),
                        ("_id", -1), ("new", 1)]:
        with pytest.raises(AttributeError, match="cannot be changed"):
            setattr(v, attr, value)
    assert v._prev == () and w._prev[0] is v
    with pytest.raises(ValueError, match="one local derivative per child"):
        Value(1.0, _children=(v,), _op="f")
    with pytest.raises(TypeError, match="_children"):
        Value(1.0, _children=(1.0,), _local=(1.0,))
    made = Value(3.0, _children=(v, w), _op="f", _local=(1.0, 1.0))
    made.backward()
    assert v.grad == 3.0  # directly 1, and through w = 2v another 2


def test_reprs_teach():
    z = Value(2.0, label="z")
    y_hat = z.sigmoid(label="y_hat")
    loss = binary_cross_entropy(y_hat, 0)
    loss.backward()
    assert repr(y_hat) == "Value(data=0.8808, grad=8.389, label='y_hat')"
    assert repr(z) == "Value(data=2, grad=0.8808, label='z')"  # ∂ℓ/∂z = ŷ - y
    assert repr(Value(-1.5)) == "Value(data=-1.5, grad=0)"
    assert repr(trace(loss)[1]) == \
        "Node('y_hat', op='sigmoid', value=0.8808, grad=8.389, local={'z': 0.105})"
    assert repr(trace(loss)[0]).startswith("Node('z', op='leaf'")
    table = trace_table(loss).splitlines()
    assert table[0].split() == ["node", "op", "value", "grad", "local", "derivatives"]
    assert table[-1].split()[:4] == ["loss", "bce(y=0)", "2.127", "1"]
    assert isinstance(trace(loss)[0], Node) and float(z) == 2.0


# --- agreement with matrix backpropagation ----------------------------------------------------

ACT = {
    "tanh": (np.tanh, lambda z: 1 - np.tanh(z) ** 2),
    "relu": (lambda z: np.maximum(z, 0), lambda z: (z > 0).astype(float)),
    "sigmoid": (lambda z: 1 / (1 + np.exp(-z)), lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2),
}


def numpy_two_layer_backprop(W1, b1, W2, b2, x, y, activation, output):
    """The matrix form, for one example: h = g(W1 x + b1), f = W2 h + b2, then backward."""
    g, g_grad = ACT[activation]
    z1 = W1 @ x + b1
    h = g(z1)
    f = W2 @ h + b2
    if output == "softmax":
        p = np.exp(f - f.max()) / np.exp(f - f.max()).sum()
        loss, df = -np.log(p[y]), p - np.eye(len(f))[y]
    else:
        y_hat = 1 / (1 + np.exp(-f[0]))
        loss, df = -(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat)), np.array([y_hat - y])
    dh = W2.T @ df
    dz1 = dh * g_grad(z1)
    return loss, {"W1": np.outer(dz1, x), "b1": dz1, "W2": np.outer(df, h), "b2": df,
                  "x": W1.T @ dz1}


@pytest.mark.parametrize("activation", list(ACT))
@pytest.mark.parametrize("output,k", [("softmax", 3), ("sigmoid", 1)])
@pytest.mark.parametrize("seed", range(3))
def test_mlp_graph_equals_numpy_matrix_backprop(activation, output, k, seed):
    rng = np.random.default_rng(seed)
    d, m = 3, 4
    params = {"W1": rng.normal(size=(m, d)), "b1": rng.normal(size=m),
              "W2": rng.normal(size=(k, m)), "b2": rng.normal(size=k)}
    x, y = rng.normal(size=d), int(rng.integers(max(k, 2)))
    loss, leaves = mlp_graph(params, x, y, activation=activation, output=output)
    loss.backward()
    expected_loss, expected = numpy_two_layer_backprop(*params.values(), x, y, activation, output)
    assert loss.data == pytest.approx(expected_loss, rel=1e-12)
    got = leaf_gradients(leaves)
    assert set(got) == set(expected)
    for name in expected:
        assert got[name].shape == expected[name].shape
        assert relative_error(got[name], expected[name]) <= 1e-10, name


@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid", "leaky_relu"])
@pytest.mark.parametrize("output,k", [("softmax", 3), ("sigmoid", 1), ("linear", 2)])
def test_mlp_graph_equals_nnlib_mlp(activation, output, k):
    from nnlib.mlp import MLP  # imported here: the other tests do not need it

    rng = np.random.default_rng(7)
    for sizes, act in [([3, 4, k], activation), ([2, 3, 3, k], [activation, "tanh"])]:
        model = MLP(sizes, activation=act, output=output, seed=1)
        x = rng.normal(size=sizes[0])
        y = rng.normal(size=k) if output == "linear" else int(rng.integers(max(k, 2)))
        y_batch = y[None, :] if output == "linear" else np.array([y])
        expected = model.gradients(x[None, :], y_batch)
        loss, leaves = mlp_graph(model.params, x, y, activation=act, output=output)
        loss.backward()
        assert loss.data == pytest.approx(model.loss(x[None, :], y_batch), rel=1e-12)
        got = leaf_gradients(leaves)
        for name in model.params:
            assert relative_error(got[name], expected[name]) <= 1e-10, (sizes, name)


# --- extreme inputs stay finite --------------------------------------------------------------

def test_extremes_are_finite_or_raise_clearly():
    for z in [1e4, -1e4]:
        s = Value(z).sigmoid()
        assert s.data == (1.0 if z > 0 else 0.0) and s._local == (0.0,)
        assert abs(Value(z).tanh().data) == 1.0
        loss = binary_cross_entropy_with_logits(zv := Value(z), 0)
        loss.backward()
        assert loss.data == pytest.approx(max(z, 0.0)) and zv.grad == (1.0 if z > 0 else 0.0)
    # ŷ rounds to exactly 1.0 at z = 40, yet the lecture's chain ŷ -> loss stays exact
    for z, y in [(40.0, 0), (-40.0, 1), (700.0, 0)]:
        loss, nodes = neuron_graph([z], [1.0], None, y)
        loss.backward()
        assert loss.data == pytest.approx(abs(z), rel=1e-12)
        assert nodes["z"].grad == pytest.approx(sigma(z) - y if abs(z) < 700 else 1.0, rel=1e-9)
    loss, nodes = neuron_graph([1e4], [1.0], None, 1)  # right and sure: loss 0, grads 0
    loss.backward()
    assert loss.data == 0.0 and nodes["w11"].grad == 0.0
    with pytest.raises(ValueError, match="saturated at z = 1e\\+04.*with_logits"):
        neuron_graph([1e4], [1.0], None, 0)
    loss = cross_entropy([Value(1e4), Value(-1e4), Value(0.0)], 1)
    assert loss.data == pytest.approx(2e4)


# --- bad inputs --------------------------------------------------------------------------------

def test_value_rejects_bad_data():
    with pytest.raises(TypeError, match="data must be a real number"):
        Value("1.0")
    with pytest.raises(TypeError, match="data must be a real number"):
        Value(True)
    with pytest.raises(ValueError, match="data must be a finite number"):
        Value(float("nan"))
    with pytest.raises(TypeError, match="label must be a str"):
        Value(1.0, label=3)
    v = Value(1.0, label="v")
    with pytest.raises(TypeError, match="needs a Value or a real number"):
        v + "a"
    with pytest.raises(TypeError, match="needs a Value or a real number"):
        [1] * v
    with pytest.raises(TypeError, match="exponent must be a constant"):
        v ** v
    with pytest.raises(TypeError, match="grad must be a real number"):
        v.grad = "big"
    with pytest.raises(ValueError, match="alpha"):
        v.leaky_relu(alpha=2.0)
    with pytest.raises(ValueError, match="at least one"):
        Value.sum([])
    assert (np.float64(2.0) * v).data == 2.0 and (v + np.int64(1)).data == 2.0


def test_ops_raise_naming_the_node():
    with pytest.raises(ValueError, match="log of '1-y_hat', whose value is 0: the probability hit"):
        Value(0.0, label="1-y_hat").log()
    with pytest.raises(ValueError, match="log needs a value > 0, 'p' is -1"):
        Value(-1.0, label="p").log()
    with pytest.raises(ValueError, match="division by 'd', whose value is 0"):
        Value(1.0) / Value(0.0, label="d")
    with pytest.raises(ValueError, match="exp of 'z'.*overflow"):
        Value(800.0, label="z").exp()
    assert Value(709.78).exp().data == pytest.approx(math.exp(709.78))  # finite, the last
    with pytest.raises(ValueError, match="overflow"):  # ... and just past log(max float)
        Value(709.783).exp()
    with pytest.raises(ValueError, match=r"\* of 'a', 'b'.*overflow"):
        Value(1e200, label="a") * Value(1e200, label="b")
    with pytest.raises(ValueError, match="infinite"):
        Value(0.0) ** 0.5
    with pytest.raises(ValueError, match="infinite"):
        Value(0.0) ** -1
    with pytest.raises(ValueError, match="not real"):
        Value(-2.0) ** 0.5
    with pytest.raises(ValueError, match=r"\*\*2 of .*overflow"):
        Value(1e200) ** 2
    tiny = Value(1e-200, label="tiny")
    with pytest.raises(ValueError, match="gradient of 'tiny' overflowed"):
        ((tiny * 1e200) * 1e200).backward()  # the value 1e200 is fine, ∂/∂tiny = 1e400 is not


def test_loss_nodes_reject_bad_inputs():
    with pytest.raises(ValueError, match="probability of the label hit 0.*'p' is 0"):
        binary_cross_entropy(Value(0.0, label="p"), 1)
    with pytest.raises(ValueError, match="probability of the label hit 0.*'p' is 1"):
        binary_cross_entropy(Value(1.0, label="p"), 0)
    assert binary_cross_entropy(Value(1.0), 1).data == 0.0  # the certain, right answer
    fake = Value(0.5, _children=(Value(3.0),), _op="sigmoid", _local=(0.25,))  # not σ(3)
    assert binary_cross_entropy(fake, 1).data == pytest.approx(math.log(2))  # uses ŷ = 0.5
    with pytest.raises(ValueError, match="y_hat must be a probability in \\[0, 1\\]"):
        binary_cross_entropy(Value(1.5), 1)
    with pytest.raises(ValueError, match="y must be a label in \\[0, 1\\]"):
        binary_cross_entropy(Value(0.5), 2)
    with pytest.raises(TypeError, match="y must be a real number"):
        binary_cross_entropy_with_logits(Value(0.5), True)
    with pytest.raises(TypeError, match="y_hat must be a Value"):
        binary_cross_entropy(0.5, 1)
    with pytest.raises(TypeError, match="z must be a Value"):
        binary_cross_entropy_with_logits(0.5, 1)
    f = [Value(0.0), Value(1.0), Value(2.0)]
    for y in [3, -1, 1.0, True]:
        with pytest.raises(ValueError, match="y must be an int class label in 0..2"):
            cross_entropy(f, y)
    with pytest.raises(ValueError, match="k >= 2"):
        cross_entropy(f[:1], 0)
    with pytest.raises(TypeError, match="logits must be a list of Values"):
        cross_entropy(f[0], 0)


def test_neuron_graph_rejects_bad_inputs():
    with pytest.raises(ValueError, match="same length d, got 2 and 3"):
        neuron_graph([1.0, 2.0], [1.0, 2.0, 3.0], 0.0, 1)
    with pytest.raises(ValueError, match="w must be a non-empty 1-D array of shape \\(d,\\)"):
        neuron_graph([[1.0, 2.0]], [1.0, 2.0], 0.0, 1)
    with pytest.raises(TypeError, match="x must be real numbers"):
        neuron_graph([1.0], ["a"], 0.0, 1)
    with pytest.raises(ValueError, match="x must be finite"):
        neuron_graph([1.0], [np.inf], 0.0, 1)
    with pytest.raises(ValueError, match="unknown activation 'softplus'; expected one of: sigmoid"):
        neuron_graph([1.0], [1.0], 0.0, 1, activation="softplus")
    with pytest.raises(ValueError, match="unknown loss 'hinge'; expected one of: bce"):
        neuron_graph([1.0], [1.0], 0.0, 1, loss="hinge")
    with pytest.raises(ValueError, match="activation='sigmoid'"):
        neuron_graph([1.0], [1.0], 0.0, 1, activation="tanh")
    with pytest.raises(ValueError, match="y must be a label in \\[0, 1\\]"):
        neuron_graph([1.0], [1.0], 0.0, 2)
    with pytest.raises(TypeError, match="b must be a real number"):
        neuron_graph([1.0], [1.0], "0", 1)


def test_mlp_graph_rejects_bad_inputs():
    good = {"W1": np.ones((4, 3)), "b1": np.zeros(4), "W2": np.ones((3, 4)), "b2": np.zeros(3)}
    x = np.ones(3)

    def bad(match, error=ValueError, x=x, y=0, **change):
        params = {**good, **change}
        params = {k: v for k, v in params.items() if v is not None}
        kwargs = {k: params.pop(k) for k in ["activation", "output"] if k in params}
        with pytest.raises(error, match=match):
            mlp_graph(params, x, y, **kwargs)

    with pytest.raises(TypeError, match="params must be a dict"):
        mlp_graph([good["W1"]], x, 0)
    bad(r"params must have the keys \['W1', 'b1', 'W2', 'b2'\]", b2=None)
    bad("params must have the keys", W3=np.ones((2, 3)))
    bad(r"W2 must have 4 columns, one per unit of layer 1 \(W1 has 4 rows\), got shape \(3, 5\)",
        W2=np.ones((3, 5)))
    bad(r"W1 must be a 2-D array of shape \(m_1, m_0\), got shape \(3,\)", W1=np.ones(3))
    bad(r"b1 must have shape \(4,\), one bias per row of W1, got shape \(3,\)", b1=np.zeros(3))
    bad("W1 must be real numbers", TypeError, W1=np.full((4, 3), "a"))
    bad("b2 must be finite", b2=np.array([0.0, np.nan, 0.0]))
    bad(r"x must have shape \(3,\) to match W1 of shape \(4, 3\), got shape \(2,\)", x=np.ones(2))
    bad(r"x must be a non-empty 1-D array", x=np.ones((1, 3)))
    bad("unknown activation 'step'; expected one of", activation="step")
    bad("activation must be a name or a list of 1 names", activation=["tanh", "relu"])
    bad("unknown output 'softplus'; expected one of: softmax, sigmoid, linear", output="softplus")
    bad("output='sigmoid' needs k = 1 output unit, got k = 3", output="sigmoid")
    for y in [3, -1, 1.0, True, "0"]:
        bad(r"y must be an int class label in 0..2 for output='softmax'", y=y)
    one = {"W2": np.ones((1, 4)), "b2": np.zeros(1)}
    bad("output='softmax' needs k >= 2", **one)
    bad(r"y must be an int class label in 0..1 for output='sigmoid'", y=2, output="sigmoid", **one)
    bad(r"y must have shape \(3,\), one target per output", y=[1.0, 2.0], output="linear")
    bad(r"y must be real numbers", TypeError, y=["a", "b", "c"], output="linear")


def test_leaf_gradients_rejects_bad_keys():
    with pytest.raises(ValueError, match="names like 'W1\\[0,1\\]'"):
        leaf_gradients({"W1": Value(1.0)})
    with pytest.raises(ValueError, match="names like"):
        leaf_gradients({"W1[0,0]": 1.0})
