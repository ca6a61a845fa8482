r"""The multi-layer perceptron: forward pass, loss, and backpropagation in matrix form.

Layer :math:`l` turns the previous representation into the next one, as in the lecture,

.. math:: \mathbf{h}_l = g(\mathbf{W}_l \mathbf{h}_{l-1} + \mathbf{b}_l), \qquad
          \mathbf{W}_l \in \mathbb{R}^{m_l \times m_{l-1}},\ \mathbf{h}_0 = \mathbf{x},

and the last layer is linear, :math:`\mathbf{f} = \mathbf{W}_L \mathbf{h}_{L-1} + \mathbf{b}_L`,
followed by softmax (k classes), sigmoid (k = 1, two classes) or nothing (regression).
A batch stacks examples as rows, ``A0 = X`` of shape (n, d), so each layer reads
``Z = A_prev @ W.T + b`` and ``A = g(Z)``.

Training minimises the lecture's objective, with the same λ as
:class:`nnlib.logistic.LogisticRegression` and scikit-learn,

.. math:: J = \sum_{i=1}^n \ell(\mathbf{x}_i, y_i) + \frac{\lambda}{2} \sum_l \|\mathbf{W}_l\|^2,

reported per example: the loss of a batch B is
:math:`L_B = \frac{1}{|B|} \sum_{i \in B} \ell_i + \frac{\lambda}{2n} \sum_l \|\mathbf{W}_l\|^2`,
with n the number of training examples, so on the whole training set L = J / n.
"""

from numbers import Integral

import numpy as np
from numpy.typing import ArrayLike, DTypeLike, NDArray

from nnlib.activations import get_activation, sigmoid
from nnlib.losses import (
    binary_cross_entropy_with_logits_with_grad, cross_entropy_with_grad, mse_with_grad, softmax,
)
from nnlib.validation import (
    check_choice, check_dtype, check_finite, check_int, check_matrix, check_real, real_array,
)

__all__ = ["MLP", "OUTPUTS", "INITS"]

#: Output layer -> the loss it is trained with (each from :mod:`nnlib.losses`, from logits f).
OUTPUTS = {"softmax": "cross_entropy", "sigmoid": "binary_cross_entropy_with_logits",
           "linear": "mse"}
#: Weight initialisations: "auto" picks He before relu/leaky_relu, Glorot elsewhere.
INITS = ("auto", "he", "glorot")


def _check_sizes(sizes: object) -> tuple[int, ...]:
    if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__len__") or len(sizes) < 2:
        raise ValueError(f"sizes must be a list [d, m1, ..., k] of at least 2 layer sizes "
                         f"(inputs and outputs), got {sizes!r}")
    for s in sizes:
        if isinstance(s, bool) or not isinstance(s, Integral) or s < 1:
            raise ValueError(f"sizes must hold integers >= 1, got {s!r} in {list(sizes)!r}")
    return tuple(int(s) for s in sizes)


class MLP:
    r"""A fully connected network ``sizes = [d, m1, ..., k]`` with its own backpropagation.

    Parameters
    ----------
    sizes : list of int
        ``[d, m_1, ..., m_{L-1}, k]``: d inputs, the hidden widths, k outputs; all >= 1.
        ``[d, k]`` has no hidden layer (logistic / softmax regression).
    activation : str or list of str, default "relu"
        Hidden activation g, a name from ``nnlib.activations.ACTIVATIONS``, or one per
        hidden layer.
    output : {"softmax", "sigmoid", "linear"}, default "softmax"
        softmax + cross-entropy for k >= 2 classes (labels 0..k-1); sigmoid + binary
        cross-entropy for k = 1 (labels 0/1); linear + mean squared error (real targets).
    init : {"auto", "he", "glorot"}, default "auto"
        W_l ~ N(0, s²), He: s² = 2 / m_{l-1}; Glorot: s² = 2 / (m_{l-1} + m_l). "auto" uses
        He for layers followed by relu/leaky_relu, Glorot for the others (and the output
        layer). Biases start at 0.
    seed : int, default 0
        Seed of the weight draws: same seed, same weights (in float32 and float64 alike).
    dtype : float32 or float64, default float64
        Of all parameters, activations and gradients; inputs are converted to it.
    lam : float >= 0, default 0.0
        λ of the L2 penalty λ/2 Σ_l ||W_l||² added to the summed loss J (biases are not
        penalised); per example, as :meth:`loss` reports it, that is λ/(2n) Σ_l ||W_l||²
        with n the number of training examples (as for ``LogisticRegression``).

    Attributes
    ----------
    params : dict of str -> ndarray
        ``W1`` (m_1, d), ``b1`` (m_1,), ..., ``WL`` (k, m_{L-1}), ``bL`` (k,). Optimizers
        update these arrays in place.
    n_train_ : int or None
        The number n of training examples the penalty is shared over; set by
        :func:`nnlib.training.train` before the first step. None before any training:
        then n is the number of rows of the batch evaluated.

    Notes
    -----
    Introduced in the chapter *Multi-layer perceptrons*; backpropagation in *Training*.

    Examples
    --------
    >>> model = MLP([2, 3, 1], activation="tanh", output="sigmoid", seed=0)
    >>> model
    MLP(2-3-1, activation=tanh, output=sigmoid, params=13)
    >>> {name: W.shape for name, W in model.params.items()}
    {'W1': (3, 2), 'b1': (3,), 'W2': (1, 3), 'b2': (1,)}
    >>> X, y = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]), np.array([0, 1, 1, 0])
    >>> loss, grads = model.loss_and_gradients(X, y)
    >>> grads["W1"].shape, model.predict(X).shape
    ((3, 2), (4,))
    """

    def __init__(self, sizes: list[int], activation: str | list[str] = "relu",
                 output: str = "softmax", init: str = "auto", seed: int = 0,
                 dtype: DTypeLike = np.float64, lam: float = 0.0) -> None:
        self.sizes = _check_sizes(sizes)
        n_hidden = len(self.sizes) - 2
        names = [activation] * n_hidden if isinstance(activation, str) else activation
        if not isinstance(names, (list, tuple)) or len(names) != n_hidden \
                or not all(isinstance(name, str) for name in names):
            raise ValueError(f"activation must be a name or a list of {n_hidden} names "
                             f"(one per hidden layer), got {activation!r}")
        self.activations = tuple(get_activation(name).name for name in names)
        self._g = [get_activation(name) for name in self.activations]
        self.output = check_choice(output, "output", tuple(OUTPUTS))
        k = self.sizes[-1]
        if self.output == "sigmoid" and k != 1:
            raise ValueError(f"output='sigmoid' needs k = 1 output (binary labels 0/1), got "
                             f"k = {k}; use output='softmax' for {k} classes")
        if self.output == "softmax" and k < 2:
            raise ValueError("output='softmax' needs k >= 2 classes, got k = 1; "
                             "use output='sigmoid' for two classes with one output")
        self.init = check_choice(init, "init", INITS)
        self.seed = check_int(seed, "seed", 0)
        self.dtype = check_dtype(dtype)
        self.lam = check_real(lam, "lam", low=0.0)
        self.n_train_: int | None = None
        self.params = self._initial_params(np.random.default_rng(self.seed))

    def _initial_params(self, rng: np.random.Generator) -> dict[str, NDArray[np.floating]]:
        params, L = {}, len(self.sizes) - 1
        for l in range(1, L + 1):
            m_prev, m = self.sizes[l - 1], self.sizes[l]
            he = self.init == "he" or (self.init == "auto" and l < L
                                       and self.activations[l - 1] in ("relu", "leaky_relu"))
            std = np.sqrt(2.0 / m_prev) if he else np.sqrt(2.0 / (m_prev + m))
            params[f"W{l}"] = (std * rng.standard_normal((m, m_prev))).astype(self.dtype)
            params[f"b{l}"] = np.zeros(m, dtype=self.dtype)
        return params

    @property
    def param_names(self) -> list[str]:
        """``["W1", "b1", ..., "WL", "bL"]``, in layer order.

        Examples
        --------
        >>> MLP([2, 3, 1], output="sigmoid").param_names
        ['W1', 'b1', 'W2', 'b2']
        """
        return [f"{p}{l}" for l in range(1, len(self.sizes)) for p in "Wb"]

    @property
    def n_params(self) -> int:
        """Number of weights and biases: Σ_l m_l (m_{l-1} + 1).

        Examples
        --------
        >>> MLP([2, 3, 1], output="sigmoid").n_params  # 3 * (2 + 1) + 1 * (3 + 1)
        13
        """
        return sum(m * (m_prev + 1) for m_prev, m in zip(self.sizes[:-1], self.sizes[1:]))

    def __repr__(self) -> str:
        act = self.activations[0] if len(set(self.activations)) == 1 else \
            "[" + ", ".join(self.activations) + "]"
        extra = "" if not self.activations else f"activation={act}, "
        extra += f"output={self.output}, params={self.n_params}"
        extra += f", dtype={self.dtype.name}" if self.dtype != np.float64 else ""
        extra += f", lam={self.lam:g}" if self.lam else ""
        return f"MLP({'-'.join(map(str, self.sizes))}, {extra})"

    # --- inputs --------------------------------------------------------------------------

    def _check_X(self, X: ArrayLike) -> NDArray[np.floating]:
        X = check_matrix(X, "X", self.sizes[0], finite=False).astype(self.dtype, copy=False)
        check_finite(X, "X", rows=True)  # after the cast: 1e39 is inf in float32
        return X

    def _check_y(self, y: ArrayLike, n: int) -> NDArray:
        """y checked: int labels (n,) (softmax), 0/1 int labels (n,) (sigmoid), real targets
        (n, k) in the model's dtype (linear). Checking a checked y again changes nothing."""
        # any dtype for labels (the message below says what they must be); ragged: refused
        y, k = real_array(y, "y", kinds="iuf" if self.output == "linear" else "biufcmMOSUV"), \
            self.sizes[-1]
        if self.output == "linear":
            if y.shape not in ((n, k),) + (((n,),) if k == 1 else ()):
                raise ValueError(f"y must have shape (n, k) = ({n}, {k})"
                                 f"{f' or ({n},)' if k == 1 else ''}, got {y.shape}")
            y = y.astype(self.dtype, copy=False).reshape(n, k)
            check_finite(y, "y", rows=True)
            return y
        if y.dtype.kind not in "biu" or (y.ndim == 2 and y.shape[0] == n):
            one_hot = y.ndim == 2 and y.shape == (n, max(k, 2))
            hint = (" (one-hot rows: convert with y.argmax(axis=1))" if one_hot else
                    " (convert with y.astype(int))" if y.dtype.kind == "f" else "")
            if y.dtype.kind not in "biu" or one_hot:
                raise (TypeError if y.dtype.kind not in "biu" else ValueError)(
                    f"y must be integer class labels of shape (n,) = ({n},), got dtype "
                    f"{y.dtype} and shape {y.shape}{hint}")
        if y.shape != (n,):
            raise ValueError(f"y must have shape (n,) = ({n},), one label per row of X, "
                             f"got shape {y.shape}")
        high = max(k, 2) - 1  # sigmoid: 0 or 1
        if y.min() < 0 or y.max() > high:
            raise ValueError(f"y must hold labels 0..{high} for output={self.output!r}, "
                             f"got values from {y.min()} to {y.max()}")
        return y.astype(np.intp, copy=False)

    def check_data(self, X: ArrayLike, y: ArrayLike) -> tuple[NDArray[np.floating], NDArray]:
        """X and y checked and converted as every method here does: X (n, d) in the model's
        dtype, y as labels or targets (see `output`). Rows of the results need no new check,
        so a training loop can check the whole data set once, then pass
        ``check_input=False`` to :meth:`loss_and_gradients` for each minibatch.

        Parameters
        ----------
        X : array_like, shape (n, d)
        y : array_like
            Labels (n,) for softmax (0..k-1) and sigmoid (0/1); targets (n, k), or (n,)
            when k = 1, for linear.

        Returns
        -------
        X : ndarray, shape (n, d), the model's dtype
        y : ndarray, int labels (n,) or targets (n, k) in the model's dtype

        Examples
        --------
        >>> X, y = MLP([2, 2]).check_data([[0, 1]], [1])
        >>> X, y
        (array([[0., 1.]]), array([1]))
        """
        X = self._check_X(X)
        return X, self._check_y(y, len(X))

    # --- forward -------------------------------------------------------------------------

    def _layers(self, A: NDArray[np.floating]) -> dict[str, NDArray[np.floating]]:
        """Forward up to the logits: A0 = X (checked), Z_l = A_{l-1} W_l^T + b_l, A_l = g(Z_l).

        Callers run it with ``np.errstate(under="ignore")``: a product that rounds to 0 is
        harmless."""
        cache, L = {"A0": A}, len(self.sizes) - 1
        for l in range(1, L + 1):
            W, b = self.params[f"W{l}"], self.params[f"b{l}"]
            Z = A @ W.T  # batch form of z = W h + b: row i is W_l h_{l-1}(x_i) + b_l
            Z += b
            cache[f"Z{l}"] = Z
            if l < L:
                A = cache[f"A{l}"] = self._g[l - 1].f(Z)  # h_l = g(z)
        return cache

    def forward(self, X: ArrayLike) -> dict[str, NDArray[np.floating]]:
        """Run the batch through the network, keeping every Z and A for backpropagation.

        Returns a dict with ``A0`` = X (n, d); ``Z1``, ``A1``, ..., ``A{L-1}``, each
        (n, m_l); ``Z{L}`` = the logits f (n, k); and ``P`` (n, k), the softmax or
        sigmoid probabilities (absent for output="linear").

        Parameters
        ----------
        X : array_like, shape (n, d)

        Returns
        -------
        cache : dict of str -> ndarray
            ``A0``, ``Z1``, ``A1``, ..., ``Z{L}`` (and ``P``), as above.

        Examples
        --------
        >>> model = MLP([1, 2, 1], output="linear")  # relu hidden layer
        >>> model.set_params({"W1": [[1.0], [-1.0]], "b1": [0.0, 0.0], "W2": [[1.0, 1.0]],
        ...                   "b2": [0.0]})  # f = relu(x) + relu(-x) = |x|
        >>> {name: A.tolist() for name, A in model.forward([[-2.0]]).items()}
        {'A0': [[-2.0]], 'Z1': [[-2.0, 2.0]], 'A1': [[0.0, 2.0]], 'Z2': [[2.0]]}
        """
        X = self._check_X(X)
        with np.errstate(under="ignore"):
            cache = self._layers(X)
        F = cache[f"Z{len(self.sizes) - 1}"]
        if self.output == "softmax":
            cache["P"] = softmax(F)
        elif self.output == "sigmoid":
            cache["P"] = sigmoid(F)
        return cache

    def logits(self, X: ArrayLike) -> NDArray[np.floating]:
        """The scores f = W_L h_{L-1} + b_L before softmax/sigmoid (row i: example i).

        Parameters
        ----------
        X : array_like, shape (n, d)

        Returns
        -------
        F : ndarray, shape (n, k)

        Examples
        --------
        >>> model = MLP([2, 1], output="sigmoid")
        >>> model.set_params({"W1": [[2.0, -1.0]], "b1": [0.0]})  # f = 2 x1 - x2
        >>> model.logits([[1.0, 1.0], [0.0, 1.0]])
        array([[ 1.],
               [-1.]])
        """
        X = self._check_X(X)
        with np.errstate(under="ignore"):
            return self._layers(X)[f"Z{len(self.sizes) - 1}"]

    def predict_proba(self, X: ArrayLike) -> NDArray[np.floating]:
        """Class probabilities: softmax(f) (output="softmax"), or p(y=1|x) = σ(f) ("sigmoid").

        Parameters
        ----------
        X : array_like, shape (n, d)

        Returns
        -------
        P : ndarray, shape (n, k) with rows that sum to 1 (softmax), or shape (n,) (sigmoid)

        Examples
        --------
        >>> model = MLP([2, 2])  # no hidden layer, softmax output
        >>> model.set_params({"W1": [[1.0, 0.0], [0.0, 1.0]], "b1": [0.0, 0.0]})  # f = x
        >>> model.predict_proba([[0.0, 0.0], [2.0, 0.0]]).round(4)  # e² / (e² + 1) = 0.8808
        array([[0.5   , 0.5   ],
               [0.8808, 0.1192]])
        """
        if self.output == "linear":
            raise ValueError("predict_proba needs output='softmax' or 'sigmoid'; this MLP "
                             "has output='linear' (use predict)")
        P = self.forward(X)["P"]
        return P[:, 0] if self.output == "sigmoid" else P

    def predict(self, X: ArrayLike) -> NDArray:
        """Labels (n,): argmax_j f_j (softmax), [f > 0] = [p > 0.5] (sigmoid); or f (linear),
        shape (n,) when k = 1 else (n, k).

        Parameters
        ----------
        X : array_like, shape (n, d)

        Returns
        -------
        ndarray
            Int labels, shape (n,); for output="linear" the predictions f, (n,) or (n, k).

        Examples
        --------
        >>> model = MLP([2, 1], output="sigmoid")
        >>> model.set_params({"W1": [[2.0, -1.0]], "b1": [0.0]})  # f = 2 x1 - x2
        >>> model.predict([[0.0, 1.0], [1.0, 0.0]])  # f = -1, 2
        array([0, 1])
        """
        return self._predict(self.logits(X))

    def _predict(self, F: NDArray[np.floating]) -> NDArray:
        """:meth:`predict` from the logits F (n, k)."""
        if self.output == "softmax":
            return F.argmax(axis=1)
        if self.output == "sigmoid":
            return (F[:, 0] > 0).astype(np.intp)
        return F[:, 0] if self.sizes[-1] == 1 else F

    def score(self, X: ArrayLike, y: ArrayLike) -> float:
        """Accuracy, the fraction of correct labels; for output="linear" the R² of f.

        R² = 1 - Σ (f - y)² / Σ (y - ȳ)², sums over examples and outputs, ȳ the mean target
        of each output.

        Parameters
        ----------
        X : array_like, shape (n, d)
        y : array_like, labels (n,) or targets (n, k), as for :meth:`check_data`

        Returns
        -------
        float
            Accuracy in [0, 1]; R² (at most 1) for output="linear".

        Examples
        --------
        >>> model = MLP([2, 1], output="sigmoid")
        >>> model.set_params({"W1": [[2.0, -1.0]], "b1": [0.0]})  # f = 2 x1 - x2
        >>> model.score([[0.0, 1.0], [1.0, 0.0]], [1, 1])  # predicts 0, 1
        0.5
        """
        prediction = self.predict(X)
        return self._score(prediction, self._check_y(y, len(prediction)))

    def _score(self, prediction: NDArray, y: NDArray) -> float:
        """:meth:`score` from the predictions and the checked y."""
        if self.output != "linear":
            return float(np.mean(prediction == y))
        residual = np.sum((prediction.reshape(y.shape) - y) ** 2, dtype=np.float64)
        total = np.sum((y - y.mean(axis=0)) ** 2, dtype=np.float64)
        return float(1.0 - residual / total) if total > 0 else float(residual == 0)

    def evaluate(self, X: ArrayLike, y: ArrayLike, *, check_input: bool = True
                 ) -> tuple[float, float]:
        """``(loss(X, y), score(X, y))`` from one forward pass instead of two.

        The same numbers as :meth:`loss` and :meth:`score`; the training loop records them
        after every epoch. `check_input` as for :meth:`loss_and_gradients`.

        Examples
        --------
        >>> model = MLP([2, 3, 2], seed=0)
        >>> X, y = np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([0, 1])
        >>> model.evaluate(X, y) == (model.loss(X, y), model.score(X, y))
        True
        """
        if check_input:
            X, y = self.check_data(X, y)
        with np.errstate(under="ignore"):
            F = self._layers(X)[f"Z{len(self.sizes) - 1}"]
            prediction = self._predict(F)  # before _data_loss overwrites F (softmax)
            loss = self._data_loss(F, y)[0] + self._penalty(len(X))
        return loss, self._score(prediction, y)

    # --- loss and backward ---------------------------------------------------------------

    def _data_loss(self, F: NDArray, y: NDArray, scale: float = 1.0) -> tuple[float, NDArray]:
        """Mean loss from the logits F (n, k) and scale * dL/dF, fused: e.g. (P - Y) / n.

        The public ``*_with_grad`` loss of the output, unchecked (the data were checked at
        the model's boundary). F may be overwritten (with softmax, it becomes the
        gradient): pass logits that are not needed afterwards."""
        if self.output == "softmax":  # one softmax for both, in the model's dtype
            return cross_entropy_with_grad(F, y, scale=scale, check_input=False,
                                           overwrite_F=True)
        if self.output == "sigmoid":
            loss, grad = binary_cross_entropy_with_logits_with_grad(
                F[:, 0], y, scale=scale, check_input=False)
            return loss, grad[:, None]
        return mse_with_grad(F, y, scale=scale, check_input=False)

    def _n(self, rows: int) -> int:
        """n, the number of examples the penalty is shared over: n_train_ once trained."""
        return self.n_train_ or rows

    def _penalty(self, rows: int) -> float:
        """λ/(2n) Σ_l ||W_l||², the per-example share of the L2 penalty
        (:func:`nnlib.losses.l2_penalty` of the weight matrices, not the biases, over n);
        0.0 without one."""
        if not self.lam:
            return 0.0
        return 0.5 * self.lam / self._n(rows) * sum(
            float(np.vdot(self.params[f"W{l}"], self.params[f"W{l}"]))
            for l in range(1, len(self.sizes)))

    def loss(self, X: ArrayLike, y: ArrayLike) -> float:
        """L = 1/|B| Σ_i ℓ(x_i, y_i) + λ/(2n) Σ_l ||W_l||², as a float: J / n on the
        training set.

        ℓ is the cross-entropy (softmax), the binary cross-entropy (sigmoid), both from the
        logits f, or ½ ||f - y||² (linear). n is ``n_train_`` (the number of training
        examples), or the number of rows of X before any training.

        Parameters
        ----------
        X : array_like, shape (n, d)
        y : array_like, labels (n,) or targets (n, k), as for :meth:`check_data`

        Returns
        -------
        float

        Examples
        --------
        >>> model = MLP([2, 1], output="sigmoid", lam=0.2)
        >>> model.set_params({"W1": [[2.0, -1.0]], "b1": [0.0]})
        >>> X, y = [[0.0, 0.0], [0.0, 0.0]], [1, 0]  # n = 2, f = 0
        >>> round(model.loss(X, y), 4)  # log 2 + 0.2 / (2 * 2) * (2² + 1²)
        0.9431
        """
        X, y = self.check_data(X, y)
        with np.errstate(under="ignore"):
            return self._data_loss(self._layers(X)[f"Z{len(self.sizes) - 1}"], y)[0] \
                + self._penalty(len(X))

    def loss_and_gradients(self, X: ArrayLike, y: ArrayLike, *, check_input: bool = True
                           ) -> tuple[float, dict[str, NDArray[np.floating]]]:
        """The loss and its gradient for every parameter, by backpropagation.

        Backward, from the output layer L down to layer 1, with dZ_L = dL/df (fused):
        ``dW_l = dZ_l.T @ A_{l-1}``, ``db_l = dZ_l.sum(0)``, ``dA_{l-1} = dZ_l @ W_l``,
        ``dZ_{l-1} = dA_{l-1} * g'(Z_{l-1})``. The L2 penalty adds λ/n W_l to dW_l.

        Parameters
        ----------
        X : array_like, shape (n, d)
        y : array_like, labels (n,) or targets (n, k), as for :meth:`loss`
        check_input : bool, default True
            False skips checking and converting X and y: only for arrays that come from
            :meth:`check_data` (or rows of them), as in the training loop.

        Returns
        -------
        loss : float
        grads : dict, same keys, shapes and dtype as `params`

        Examples
        --------
        >>> model = MLP([2, 1], output="sigmoid")
        >>> model.set_params({"W1": [[2.0, -1.0]], "b1": [0.0]})  # f = 2 x1 - x2
        >>> loss, grads = model.loss_and_gradients([[1.0, 1.0]], [1])  # f = 1
        >>> round(loss, 4), grads["W1"].round(4), grads["b1"].round(4)  # dL/df = σ(1) - 1
        (0.3133, array([[-0.2689, -0.2689]]), array([-0.2689]))
        """
        if check_input:
            X, y = self.check_data(X, y)
        grads = dict.fromkeys(self.params)  # keys in params' order
        decay = self.lam / self._n(len(X))  # λ/n: the penalty's share of each example
        with np.errstate(under="ignore"):  # tiny values may round to 0: harmless
            cache = self._layers(X)  # forward, without the probabilities: the loss needs f
            loss, dZ = self._data_loss(cache[f"Z{len(self.sizes) - 1}"], y)
            loss += self._penalty(len(X))  # before any change to W
            for l, dZ in self._backward(cache, dZ):
                grads[f"W{l}"] = dZ.T @ cache[f"A{l - 1}"]  # dL/dW_l, (m_l, m_{l-1})
                grads[f"b{l}"] = dZ.sum(axis=0)  # dL/db_l, (m_l,)
                if decay:  # + λ/n W_l, the gradient of λ/(2n) ||W_l||²
                    grads[f"W{l}"] += decay * self.params[f"W{l}"]
        return loss, grads

    def _backward(self, cache: dict[str, NDArray[np.floating]], dZ: NDArray[np.floating]):
        """The chain rule, layer by layer: yield ``(l, dZ_l)`` for l = L, ..., 1.

        From dZ_L = dL/df: ``dA_{l-1} = dZ_l @ W_l`` (each unit collects the gradient from
        every unit it feeds), then ``dZ_{l-1} = dA_{l-1} * g'(Z_{l-1})``. dA_{l-1} is
        computed with W_l before yielding, so the caller may update W_l at the yield.
        """
        for l in range(len(self.sizes) - 1, 0, -1):
            dA = dZ @ self.params[f"W{l}"] if l > 1 else None  # dL/dA_{l-1}
            yield l, dZ
            if l > 1:
                dA *= self._derivative(l - 1, cache[f"Z{l - 1}"])  # chain rule, in place
                dZ = dA

    def sgd_step(self, X: ArrayLike, y: ArrayLike, lr: float, *,
                 check_input: bool = True) -> float:
        """One plain gradient-descent step, ``w ← w - lr * dL/dw`` for every parameter,
        fused with backpropagation; returns the loss L before the step.

        The same update as ``loss, grads = loss_and_gradients(X, y)`` followed by
        ``SGD(lr).step(params, grads)`` (equal up to rounding), in one backward pass: every
        dZ_l is scaled by lr first (the output loss's ``scale``). The gradients are linear
        in dZ, so ``dZ_l.T @ A_{l-1}`` is then lr * dL/dW_l already and each update is one
        in-place subtraction of the product, with no gradient dict and no lr * dW
        temporary. The L2 penalty's part of the step, -lr λ/n W_l, shrinks W_l by
        (1 - lr λ/n) ("weight decay"). :func:`nnlib.training.train` takes this step for
        plain GD and SGD (the *fused step* of its training protocol).

        Parameters
        ----------
        X : array_like, shape (n, d)
        y : array_like, labels (n,) or targets (n, k), as for :meth:`check_data`
        lr : float > 0
            The learning rate α.
        check_input : bool, default True
            False skips checking X, y and lr: only for arrays that come from
            :meth:`check_data` (or rows of them), as in the training loop.

        Returns
        -------
        float
            The loss before the step, as :meth:`loss_and_gradients` returns it.

        Notes
        -----
        Introduced in the chapter *Training: minibatch SGD*.

        Examples
        --------
        >>> model = MLP([2, 1], output="sigmoid")
        >>> model.set_params({"W1": [[2.0, -1.0]], "b1": [0.0]})  # f = 2 x1 - x2
        >>> round(model.sgd_step([[1.0, 1.0]], [1], lr=1.0), 4)  # dL/df = σ(1) - 1
        0.3133
        >>> model.params["b1"].round(4)  # 0 - 1.0 * (σ(1) - 1)
        array([0.2689])
        """
        if check_input:
            X, y = self.check_data(X, y)
            lr = check_real(lr, "lr", low=0.0, low_open=True, why="the learning rate α")
        decay = lr * self.lam / self._n(len(X))  # lr λ/n
        with np.errstate(under="ignore"):
            cache = self._layers(X)
            # lr * dL/dZ_L, so that every product below is lr times the gradient
            loss, dZ = self._data_loss(cache[f"Z{len(self.sizes) - 1}"], y, scale=lr)
            loss += self._penalty(len(X))  # before the step, like the data loss
            for l, dZ in self._backward(cache, dZ):  # dA_{l-1} already uses W_l as it was
                W = self.params[f"W{l}"]
                if decay:
                    W *= 1.0 - decay  # W_l ← W_l - lr λ/n W_l
                W -= dZ.T @ cache[f"A{l - 1}"]  # W_l ← W_l - lr dL/dW_l
                self.params[f"b{l}"] -= dZ.sum(axis=0)  # b_l ← b_l - lr dL/db_l
        return loss

    def _derivative(self, l: int, Z: NDArray[np.floating]) -> NDArray:
        """g'(Z_l) of hidden layer l; for ReLU the mask Z > 0, the same 0/1 values as
        ``relu_grad(Z)`` for finite Z, without building a float array first."""
        if self.activations[l - 1] == "relu":
            return Z > 0
        return self._g[l - 1].df(Z)

    def gradients(self, X: ArrayLike, y: ArrayLike) -> dict[str, NDArray[np.floating]]:
        """Only the gradients of :meth:`loss_and_gradients`.

        Parameters
        ----------
        X : array_like, shape (n, d)
        y : array_like, labels (n,) or targets (n, k), as for :meth:`check_data`

        Returns
        -------
        grads : dict, same keys, shapes and dtype as `params`

        Examples
        --------
        >>> model = MLP([2, 1], output="sigmoid")
        >>> model.set_params({"W1": [[2.0, -1.0]], "b1": [0.0]})  # f = 2 x1 - x2
        >>> model.gradients([[1.0, 1.0]], [1])["b1"].round(4)  # σ(1) - 1
        array([-0.2689])
        """
        return self.loss_and_gradients(X, y)[1]

    def input_gradients(self, X: ArrayLike, y: ArrayLike) -> NDArray[np.floating]:
        r"""dL/dX, shape (n, d): how the loss changes with each input value.

        The backward pass of :meth:`loss_and_gradients` taken one layer further,
        ``dA_0 = dZ_1 @ W_1``: each input feeds every unit of layer 1, so its gradient
        sums over all of them (the lecture's :math:`\partial l / \partial x_1`, a sum
        over every path from :math:`x_1` to the loss). Row i is 1/n times the gradient
        of example i's own loss; the L2 penalty does not depend on X.

        Examples
        --------
        >>> model = MLP([2, 1], output="sigmoid")
        >>> model.set_params({"W1": [[2.0, -1.0]], "b1": [0.0]})
        >>> model.input_gradients([[0.0, 0.0]], [1])  # (y_hat - y) w = -0.5 * [2, -1]
        array([[-1. ,  0.5]])
        """
        X, y = self.check_data(X, y)
        with np.errstate(under="ignore"):
            cache = self._layers(X)
            dZ = self._data_loss(cache[f"Z{len(self.sizes) - 1}"], y)[1]
            for _, dZ in self._backward(cache, dZ):  # down to dZ_1
                pass
            return dZ @ self.params["W1"]  # dL/dA_0, and A_0 is X

    # --- parameters ----------------------------------------------------------------------

    def get_params(self) -> dict[str, NDArray[np.floating]]:
        """A copy of `params` (changing it does not change the model).

        Returns
        -------
        dict of str -> ndarray
            ``W1`` (m_1, d), ``b1`` (m_1,), ..., ``bL`` (k,), in layer order.

        Examples
        --------
        >>> model = MLP([2, 1], output="sigmoid")
        >>> saved = model.get_params()
        >>> saved["b1"] += 1.0
        >>> model.params["b1"], saved["b1"]
        (array([0.]), array([1.]))
        """
        return {name: value.copy() for name, value in self.params.items()}

    def set_params(self, params: dict[str, ArrayLike]) -> None:
        """Copy `params` into the model; needs exactly the keys of `param_names`, same shapes,
        finite real values (converted to the model's dtype).

        The model's arrays are overwritten in place; if any entry is invalid, nothing
        changes (TypeError or ValueError).

        Parameters
        ----------
        params : dict of str -> array_like
            ``W1`` (m_1, d), ``b1`` (m_1,), ..., ``WL`` (k, m_{L-1}), ``bL`` (k,).

        Examples
        --------
        >>> model = MLP([2, 1], output="sigmoid")
        >>> model.set_params({"W1": [[2.0, -1.0]], "b1": [0.5]})
        >>> model.params
        {'W1': array([[ 2., -1.]]), 'b1': array([0.5])}
        """
        if not isinstance(params, dict):
            raise TypeError(f"params must be a dict of arrays, got {type(params).__name__}")
        missing = [k for k in self.param_names if k not in params]
        unexpected = [k for k in params if k not in self.param_names]
        if missing or unexpected:
            raise ValueError(f"params must have the keys {', '.join(self.param_names)}; "
                             f"missing {missing}, unexpected {unexpected}")
        new = {}
        for name in self.param_names:
            value = np.asarray(params[name])
            if value.dtype.kind not in "iuf":
                raise TypeError(f"params[{name!r}] must be real numbers, got dtype {value.dtype}")
            if value.shape != self.params[name].shape:
                raise ValueError(f"params[{name!r}] must have shape {self.params[name].shape}, "
                                 f"got {value.shape}")
            if not np.isfinite(value).all():
                raise ValueError(f"params[{name!r}] must be finite, found NaN or inf")
            with np.errstate(over="ignore"):  # checked next: finite in the model's dtype
                value = value.astype(self.dtype)
            if not np.isfinite(value).all():
                raise ValueError(f"params[{name!r}] must fit in {self.dtype.name} (at most "
                                 f"{np.finfo(self.dtype).max:.3g} in size), found values "
                                 f"up to {np.abs(np.asarray(params[name])).max():.3g}")
            new[name] = value
        for name, value in new.items():  # all checked first: a bad dict changes nothing
            self.params[name][...] = value

    def astype(self, dtype: DTypeLike) -> "MLP":
        """A new MLP with the same architecture and the parameters converted to `dtype`.

        Parameters
        ----------
        dtype : float32 or float64

        Returns
        -------
        MLP
            A copy; the original model is unchanged.

        Examples
        --------
        >>> model = MLP([2, 1], output="sigmoid").astype(np.float32)
        >>> model, model.params["W1"].dtype
        (MLP(2-1, output=sigmoid, params=3, dtype=float32), dtype('float32'))
        """
        model = MLP(self.sizes, list(self.activations), self.output, self.init, self.seed,
                    dtype, self.lam)
        model.set_params(self.params)
        model.n_train_ = self.n_train_
        return model
