r"""Logistic regression: one sigmoid neuron, trained by maximum likelihood or MAP.

For x ∈ R^d and labels ỹ ∈ {-1, +1} (the lecture's labels ±1, which the book writes ỹ = 2y − 1;
the argument is still called ``y``), with a bias b,

.. math:: p(\tilde y = 1 \mid \mathbf{x}) = \sigma(\mathbf{w}^T \mathbf{x} + b), \qquad
          p(\tilde y = -1 \mid \mathbf{x}) = 1 - \sigma(\mathbf{w}^T \mathbf{x} + b)
          = \sigma(-(\mathbf{w}^T \mathbf{x} + b)),

so :math:`p(\tilde y \mid \mathbf{x}) = \sigma(\tilde y(\mathbf{w}^T \mathbf{x} + b))` for both
labels. Training minimises the negative log-likelihood plus an L2 penalty (MAP; λ = 0 is
maximum likelihood), a convex objective:

.. math:: J(\mathbf{w}, b) = \sum_{i=1}^n \log\bigl(1 + \exp(-\tilde y_i(\mathbf{w}^T \mathbf{x}_i
          + b))\bigr) + \frac{\lambda}{2} \|\mathbf{w}\|_2^2
"""

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnlib.activations import sigmoid
from nnlib.losses import l2_penalty, logistic_loss, logistic_loss_with_grad
from nnlib.training import History, TrainingDiverged, iterate_training
from nnlib.validation import check_bool, check_choice, check_matrix, check_real, real_array

__all__ = ["LogisticRegression", "METHODS"]

#: Fitting methods of :meth:`LogisticRegression.fit` -> the optimiser they use.
METHODS = {"gd": "gd", "sgd": "sgd"}


def _labels(y: ArrayLike, n: int) -> NDArray[np.float64]:
    """Labels as ±1 floats; accepts {-1, +1} or {0, 1} (0 becomes -1)."""
    try:
        y = real_array(y, "y", kinds="biuf")  # ValueError for ragged lists
    except TypeError:
        raise TypeError(f"y must hold binary labels -1/+1 (or 0/1), "
                        f"got dtype {np.asarray(y).dtype}") from None
    if y.shape != (n,):
        raise ValueError(f"y must have shape (n,) = ({n},), one label per row of X, "
                         f"got shape {y.shape}")
    values = set(np.unique(y).tolist())
    if not (values <= {-1, 1} or values <= {0, 1}):
        raise ValueError(f"y must hold binary labels, either -1/+1 or 0/1, "
                         f"got values {sorted(values)}")
    return np.where(y > 0, 1.0, -1.0)


class LogisticRegression:
    r"""Binary logistic regression, :math:`p(\tilde y = 1 \mid \mathbf{x}) = \sigma(\mathbf{w}^T
    \mathbf{x} + b)`, fitted by (minibatch) gradient descent on the MAP objective.

    Labels are ỹ = -1/+1 as in the lecture; 0/1 labels y are accepted everywhere and read as
    ỹ = 2y − 1, 0 → -1 (both give the same fit). :meth:`predict` returns -1/+1.

    Parameters
    ----------
    lam : float ≥ 0, default 0.0
        λ of the penalty :math:`\frac{\lambda}{2}\|\mathbf{w}\|^2` (b is not penalised).
        λ = 0 is maximum likelihood: on separable data ‖w‖ then grows without bound.
    fit_intercept : bool, default True
        Learn the bias b; if False, b = 0 and ``params`` holds only ``"w"``.

    Attributes
    ----------
    params : dict
        ``"w"`` (d,) and ``"b"`` (a 0-d array), created by :meth:`fit` (zeros).
    objective_history_ : list of float
        J after each step of the last fit; entry 0 is J at the start (w = 0: n log 2).
    history_ : History
        Per-epoch losses and accuracies of the last fit (see :func:`nnlib.training.train`).
    n_train_ : int
        Number of training examples n of the last fit.
    converged_ : bool or None
        Whether the `tol` criterion was met (None when fitted without `tol`).

    Notes
    -----
    Introduced in the chapter *Logistic regression*.

    Examples
    --------
    >>> X, y = np.array([[-2.0], [-1.0], [1.0], [2.0]]), np.array([-1, -1, 1, 1])
    >>> model = LogisticRegression(lam=1.0).fit(X, y, lr=0.5, epochs=200)
    >>> model.predict(X)
    array([-1, -1,  1,  1])
    >>> round(model.objective_history_[0], 4)  # w = 0: 4 log 2
    2.7726
    """

    def __init__(self, lam: float = 0.0, fit_intercept: bool = True) -> None:
        self.lam = check_real(lam, "lam", low=0.0)
        self.fit_intercept = check_bool(fit_intercept, "fit_intercept")
        self.params: dict[str, NDArray[np.float64]] = {}
        self.n_train_: int | None = None
        self.objective_history_: list[float] = []
        self.history_: History | None = None
        self.converged_: bool | None = None

    @property
    def w(self) -> NDArray[np.float64]:
        """Weights w, shape (d,): the array in ``params["w"]`` (ValueError before :meth:`fit`).

        Examples
        --------
        >>> model = LogisticRegression().fit([[-1.0], [1.0]], [-1, 1], epochs=1)
        >>> model.w  # one GD step from w = 0: 0 - 0.1 * (-0.5)
        array([0.05])
        """
        self._check_fitted()
        return self.params["w"]

    @property
    def b(self) -> float:
        """Bias b as a float (0.0 when ``fit_intercept=False``; ValueError before :meth:`fit`).

        Examples
        --------
        >>> LogisticRegression(fit_intercept=False).fit([[-1.0], [1.0]], [-1, 1], epochs=1).b
        0.0
        """
        self._check_fitted()
        return float(self.params["b"]) if self.fit_intercept else 0.0

    def __repr__(self) -> str:
        text = f"LogisticRegression(lam={self.lam:g}"
        if not self.params:
            return text + ("" if self.fit_intercept else ", fit_intercept=False") + ")"
        w = np.array2string(self.w, precision=3, threshold=6, separator=", ")
        return text + f", d={self.w.size}, w={w}, b={self.b:.3g})"

    def _check_fitted(self) -> None:
        if not self.params:
            raise ValueError("this LogisticRegression is not fitted yet: call fit(X, y) first")

    def _check_X(self, X: ArrayLike, fitting: bool = False) -> NDArray[np.float64]:
        if not fitting:
            self._check_fitted()
        X = check_matrix(X, "X", None if fitting else self.params["w"].size)
        return X.astype(np.float64, copy=False)

    # --- the model --------------------------------------------------------------------

    def decision_function(self, X: ArrayLike) -> NDArray[np.float64]:
        """Scores s = X w + b: positive means class +1.

        Parameters
        ----------
        X : array_like, shape (n, d)

        Returns
        -------
        s : ndarray, shape (n,)

        Examples
        --------
        >>> model = LogisticRegression()
        >>> model.params = {"w": np.array([2.0]), "b": np.array(-1.0)}  # by hand, no fit
        >>> model.decision_function([[0.0], [1.0]])  # 2x - 1
        array([-1.,  1.])
        """
        X = self._check_X(X)
        return X @ self.params["w"] + self.b

    def predict_proba(self, X: ArrayLike) -> NDArray[np.float64]:
        """p(y = 1 | x) = σ(wᵀx + b) for each row x of X.

        Parameters
        ----------
        X : array_like, shape (n, d)

        Returns
        -------
        p : ndarray, shape (n,), values in [0, 1]

        Examples
        --------
        >>> model = LogisticRegression()
        >>> model.params = {"w": np.array([2.0]), "b": np.array(-1.0)}  # by hand, no fit
        >>> model.predict_proba([[0.0], [1.0]]).round(4)  # σ(-1), σ(1)
        array([0.2689, 0.7311])
        """
        return sigmoid(self.decision_function(X))

    def predict(self, X: ArrayLike) -> NDArray[np.int_]:
        """Labels -1/+1: +1 where wᵀx + b > 0, that is p(y = 1 | x) > 1/2.

        Parameters
        ----------
        X : array_like, shape (n, d)

        Returns
        -------
        y_hat : ndarray of int, shape (n,), values -1/+1

        Examples
        --------
        >>> model = LogisticRegression()
        >>> model.params = {"w": np.array([2.0]), "b": np.array(-1.0)}  # by hand, no fit
        >>> model.predict([[0.0], [1.0]])  # signs of 2x - 1
        array([-1,  1])
        """
        return np.where(self.decision_function(X) > 0, 1, -1)

    def score(self, X: ArrayLike, y: ArrayLike) -> float:
        """Accuracy: the fraction of rows where :meth:`predict` equals y.

        Parameters
        ----------
        X : array_like, shape (n, d)
        y : array_like, shape (n,), labels -1/+1 (or 0/1)

        Returns
        -------
        float in [0, 1]

        Examples
        --------
        >>> model = LogisticRegression()
        >>> model.params = {"w": np.array([2.0]), "b": np.array(-1.0)}  # by hand, no fit
        >>> model.score([[0.0], [1.0]], [-1, -1])  # predictions -1, +1: one of two right
        0.5
        """
        prediction = self.predict(X)
        return float(np.mean(prediction == _labels(y, len(prediction))))

    # --- the objective and its gradient --------------------------------------------------

    def objective(self, X: ArrayLike, y: ArrayLike) -> float:
        r"""The lecture's MAP objective J(w, b) on (X, y): summed loss + λ/2 ‖w‖².

        .. math:: J(\mathbf{w}, b) = \sum_{i=1}^n \log(1 + e^{-y_i s_i})
                  + \frac{\lambda}{2} \|\mathbf{w}\|^2, \qquad s_i = \mathbf{w}^T \mathbf{x}_i + b

        Parameters
        ----------
        X : array_like, shape (n, d)
        y : array_like, shape (n,), labels -1/+1 (or 0/1)

        Returns
        -------
        float

        Examples
        --------
        >>> model = LogisticRegression(lam=1.0)
        >>> model.params = {"w": np.array([2.0]), "b": np.array(0.0)}  # by hand, no fit
        >>> round(model.objective([[0.0], [0.0]], [1, -1]), 4)  # s = 0: 2 log 2 + 1/2 * 2²
        3.3863
        """
        return self._objective(*self.check_data(X, y))

    def _objective(self, X: NDArray[np.float64], y: NDArray[np.float64]) -> float:
        """:meth:`objective` on data from :meth:`check_data` (not checked again)."""
        return logistic_loss(X @ self.params["w"] + self.b, y) \
            + l2_penalty(self.params["w"], self.lam)

    def loss(self, X: ArrayLike, y: ArrayLike) -> float:
        r"""The per-example objective that training minimises: J / n on the training set.

        .. math:: L_B = \frac{1}{|B|} \sum_{i \in B} \log(1 + e^{-y_i s_i})
                        + \frac{\lambda}{2 n} \|\mathbf{w}\|^2

        The penalty is shared out over the n = ``n_train_`` training examples, so on the
        whole training set L = J / n exactly, and on a minibatch B it is an unbiased
        estimate of J / n: GD and SGD minimise the same J. Before any fit, n = len(X).

        Parameters
        ----------
        X : array_like, shape (|B|, d)
        y : array_like, shape (|B|,), labels -1/+1 (or 0/1)

        Returns
        -------
        float

        Examples
        --------
        >>> model = LogisticRegression(lam=1.0)
        >>> model.params = {"w": np.array([2.0]), "b": np.array(0.0)}  # by hand, no fit
        >>> round(model.loss([[0.0], [0.0]], [1, -1]), 4)  # J / 2 = log 2 + 2 / 2
        1.6931
        """
        return self._loss_and_ds(*self.check_data(X, y))[0]

    def check_data(self, X: ArrayLike, y: ArrayLike) -> tuple[NDArray[np.float64],
                                                               NDArray[np.float64]]:
        """X checked and converted to float64 (n, d), y to ±1 floats (n,), as every method
        here does; rows of the results need no new check (``check_input=False``), which is
        how the training loop checks the data set once.

        Examples
        --------
        >>> model = LogisticRegression()
        >>> model.params = {"w": np.array([0.0]), "b": np.array(0.0)}  # by hand, no fit
        >>> model.check_data([[1], [2]], [0, 1])
        (array([[1.],
               [2.]]), array([-1.,  1.]))
        """
        X = self._check_X(X)
        return X, _labels(y, len(X))

    def _loss_and_ds(self, X: NDArray[np.float64], y: NDArray[np.float64]
                     ) -> tuple[float, NDArray[np.float64], NDArray[np.float64]]:
        """On checked data: (L_B, dL_B/ds, s), with the arithmetic of :func:`logistic_loss`,
        :func:`logistic_loss_grad` (reduction "mean", from :func:`logistic_loss_with_grad`)
        and :func:`l2_penalty`, unchecked."""
        w, n = self.params["w"], self.n_train_ or len(X)
        s = X @ w + self.b
        loss, ds = logistic_loss_with_grad(s, y, "mean", check_input=False)
        with np.errstate(under="ignore"):  # squares of tiny weights are 0: harmless
            penalty = 0.5 * self.lam * float((w ** 2).sum())  # l2_penalty(w, lam), unchecked
        return loss + penalty / n, ds, s

    def evaluate(self, X: ArrayLike, y: ArrayLike, *, check_input: bool = True
                 ) -> tuple[float, float]:
        """``(loss(X, y), score(X, y))`` from one pass over X; the training loop records
        them after every epoch. `check_input` as for :meth:`loss_and_gradients`.

        Examples
        --------
        >>> model = LogisticRegression()
        >>> model.params = {"w": np.array([2.0]), "b": np.array(-1.0)}  # by hand, no fit
        >>> X, y = [[0.0], [1.0]], [-1, -1]
        >>> model.evaluate(X, y) == (model.loss(X, y), model.score(X, y))
        True
        """
        if check_input:
            X, y = self.check_data(X, y)
        loss, _, s = self._loss_and_ds(X, y)
        return loss, float(np.mean(np.where(s > 0, 1.0, -1.0) == y))

    def loss_and_gradients(self, X: ArrayLike, y: ArrayLike, *, check_input: bool = True
                           ) -> tuple[float, dict[str, NDArray[np.float64]]]:
        r""":meth:`loss` and its gradient: the training interface of :mod:`nnlib.training`.

        .. math:: \frac{\partial L_B}{\partial \mathbf{w}} = \frac{1}{|B|} \sum_{i \in B}
                  -y_i\, \sigma(-y_i s_i)\, \mathbf{x}_i + \frac{\lambda}{n} \mathbf{w},
                  \qquad \frac{\partial L_B}{\partial b} = \frac{1}{|B|} \sum_{i \in B}
                  -y_i\, \sigma(-y_i s_i)

        Parameters
        ----------
        X : array_like, shape (|B|, d)
        y : array_like, shape (|B|,), labels -1/+1 (or 0/1)
        check_input : bool, default True
            False skips checking and converting X and y: only for arrays that come from
            :meth:`check_data` (or rows of them), as in the training loop.

        Returns
        -------
        loss : float
        grads : dict
            ``"w"`` shape (d,) and, with ``fit_intercept``, ``"b"`` (a 0-d array).

        Examples
        --------
        >>> model = LogisticRegression()
        >>> model.params = {"w": np.array([0.0]), "b": np.array(0.0)}  # by hand, no fit
        >>> loss, grads = model.loss_and_gradients([[-1.0], [1.0]], [-1, 1])
        >>> round(loss, 4), grads  # log 2; w: (1/2)(-0.5 - 0.5), b: (1/2)(0.5 - 0.5)
        (0.6931, {'w': array([-0.5]), 'b': array(0.)})
        """
        if check_input:
            X, y = self.check_data(X, y)
        loss, ds, _ = self._loss_and_ds(X, y)  # ds = dL/ds_i, shape (|B|,)
        grads = {"w": X.T @ ds + self.lam * self.params["w"] / (self.n_train_ or len(X))}
        if self.fit_intercept:
            grads["b"] = np.asarray(ds.sum())
        return loss, grads

    def _safe_objective(self, X: NDArray[np.float64], y: NDArray[np.float64]) -> float:
        """J, or inf when huge (finite) weights make it overflow during a diverging fit."""
        try:
            with np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
                return self._objective(X, y)
        except (FloatingPointError, ValueError):  # ValueError: logistic_loss got inf scores
            return math.inf

    # --- fitting ----------------------------------------------------------------------

    def fit(self, X: ArrayLike, y: ArrayLike, *, method: str = "gd", lr: float = 0.1,
            epochs: int = 100, batch_size: int | None = None, seed: int = 0,
            tol: float | None = None, progress: bool | str = "auto") -> "LogisticRegression":
        r"""Minimise J from w = 0, b = 0 by gradient descent or minibatch SGD.

        Steps follow the gradient of J / n (see :meth:`loss`) rather than J: the same
        minimiser, but a learning rate that does not depend on the size of the data set.

        Parameters
        ----------
        X : array_like, shape (n, d)
        y : array_like, shape (n,), labels -1/+1 (or 0/1)
        method : {"gd", "sgd"}, default "gd"
            Full-batch gradient descent, or minibatch SGD (reshuffled every epoch).
        lr : float > 0, default 0.1
            Learning rate α.
        epochs : int ≥ 1, default 100
        batch_size : int ≥ 1 or None, default None
            For "sgd" (None means 32); "gd" always uses the full batch.
        seed : int, default 0
            Seeds the SGD shuffling.
        tol : float > 0 or None, default None
            Stop after the first epoch that ends with every entry of the gradient of J / n
            at most `tol` in absolute value; ``converged_`` says whether that happened.
        progress : "auto", True or False
            Progress bar in a notebook, as in :func:`nnlib.training.train`.

        Returns
        -------
        self

        Examples
        --------
        >>> model = LogisticRegression().fit([[-1.0], [1.0]], [0, 1], lr=0.1, epochs=1)
        >>> model.w, model.b  # one step from 0: the gradient of J / n is (-0.5, 0)
        (array([0.05]), 0.0)
        """
        check_choice(method, "method", tuple(METHODS))
        check_real(tol, "tol", low=0.0, low_open=True, or_none=True)
        if method == "gd" and batch_size is not None:
            raise ValueError(f"batch_size must be None for method='gd' (full batch), "
                             f"got {batch_size!r}; use method='sgd' for minibatches")
        X = self._check_X(X, fitting=True)
        y = _labels(y, len(X))
        before = dict(self.__dict__)  # restored if iterate_training rejects an argument
        params = {"w": np.zeros(X.shape[1]), "b": np.zeros(())}
        self.params = params if self.fit_intercept else {"w": params["w"]}
        self.n_train_, self.converged_ = len(X), None
        self.objective_history_, self.history_ = [self._objective(X, y)], History()
        try:
            steps = iterate_training(
                self, X, y, optimizer=METHODS[method], lr=lr, epochs=epochs, seed=seed,
                batch_size=32 if batch_size is None and method == "sgd" else batch_size,
                progress=progress, every="step")
        except (TypeError, ValueError):
            self.__dict__.update(before)
            raise
        try:
            for history in steps:
                self.history_ = history
                epoch_ended = bool(history.step) and history.step[-1] == len(history.step_loss)
                # at the end of an epoch the loop has just measured J / n on all of X
                self.objective_history_.append(
                    self.n_train_ * history.train_loss[-1] if epoch_ended
                    else self._safe_objective(X, y))
                if tol is not None and epoch_ended:
                    gradient = self.loss_and_gradients(X, y)[1]
                    self.converged_ = max(float(np.abs(g).max()) for g in gradient.values()) <= tol
                    if self.converged_:
                        break
        except TrainingDiverged as error:
            self.history_ = error.history
            raise
        finally:
            steps.close()
        return self
