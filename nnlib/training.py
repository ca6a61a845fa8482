r"""The one training loop: minibatches, optimiser steps, a History per epoch, divergence checks.

Each epoch visits every training example once, in minibatches B of a shuffled order; each
step moves the parameters against the gradient of the loss on B. :func:`iterate_training`
yields as it goes (widgets animate from it); :func:`train` runs it to the end and returns
the :class:`History`.

The training protocol
---------------------
Any model with the training interface can be trained: ``params`` (dict of arrays, updated
in place), ``loss_and_gradients(X, y) -> (float, dict)``, ``loss(X, y) -> float`` and
``score(X, y) -> float`` (accuracy). Each step is then
``optimizer.step(model.params, grads)``. A model may also offer (``MLP`` and
``LogisticRegression`` offer all of them):

- ``check_data(X, y) -> (X, y)``: the loop checks and converts the data sets once, before
  the first step, with it (and only with it: the loop itself then checks only shapes), and
  passes ``check_input=False`` to ``loss_and_gradients`` for each minibatch of checked
  rows and, after each epoch, to ``evaluate(X, y) -> (loss, score)`` (one pass for both)
  if the model has it.
- ``n_train_``: the loop sets it to n, the number of training examples, before the first
  step; the model shares its penalty λ/2 ‖W‖² out over them (its loss is J / n).
- ``sgd_step(X, y, lr, check_input=False) -> float``, the **fused step** (``MLP`` only):
  for plain :class:`~nnlib.optimizers.GD` and :class:`~nnlib.optimizers.SGD` (not a
  subclass, not Momentum) the loop lets the model take the step w ← w − lr g inside its
  backward pass, without building the gradient dict. It is the same update as
  ``SGD.step`` up to rounding (tested), and it is taken at every step but the last of each
  epoch, which builds the gradients with ``loss_and_gradients`` and takes ``SGD.step``, so
  that every gradient can be checked element by element once per epoch.
"""

import functools
import math
from collections.abc import Callable, Iterator
from numbers import Integral
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from nnlib.history import History, TrainingDiverged
from nnlib.optimizers import GD, SGD, Optimizer, get_optimizer
from nnlib.progress import ProgressBar, Reporter
from nnlib.validation import check_int, check_matrix, check_real, same_length

__all__ = ["History", "TrainingDiverged", "minibatches", "train", "iterate_training"]


def minibatches(n: int, batch_size: int | None, rng: np.random.Generator | int) -> Iterator[
        np.ndarray]:
    r"""Index arrays of the minibatches of one epoch: every index 0..n-1 exactly once.

    The indices are shuffled with ``rng.permutation(n)`` and cut into batches of
    `batch_size`; the last batch is smaller when `batch_size` does not divide n, so there
    are :math:`\lceil n / \text{batch\_size} \rceil` batches. Calling it again with the same
    Generator gives the next epoch's (different) order. ``batch_size=None`` or ≥ n gives one
    batch of all indices in order (full-batch gradient descent; `rng` is not used).

    Parameters
    ----------
    n : int ≥ 1
        Number of training examples.
    batch_size : int ≥ 1 or None
    rng : numpy Generator or int seed

    Yields
    ------
    ndarray of int, shape (batch_size,) (or smaller, last)

    Notes
    -----
    Introduced in the chapter *Training: minibatch SGD*.

    Examples
    --------
    >>> [b.tolist() for b in minibatches(5, 2, rng=0)]
    [[2, 4], [3, 0], [1]]
    """
    n = check_int(n, "n", 1, "the number of examples")
    batch_size = check_int(batch_size, "batch_size", 1, or_none="full batch")
    if batch_size is None or batch_size >= n:
        yield np.arange(n)
        return
    if isinstance(rng, Integral) and not isinstance(rng, bool):
        rng = np.random.default_rng(int(rng))
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy Generator or an int seed, got {type(rng).__name__}")
    order = rng.permutation(n)
    for start in range(0, n, batch_size):
        yield order[start:start + batch_size]


def _check_data(X: ArrayLike, y: ArrayLike, xname: str, yname: str, d: int | None = None,
                finite: bool = True) -> tuple[np.ndarray, ...]:
    """X (n, d) and y with n rows; X's values are checked too unless `finite` is False
    (the model's ``check_data`` will do it: one pass over X, not two)."""
    X, y = check_matrix(X, xname, d, finite=finite), np.asarray(y)
    same_length(X, y, xname, yname)
    if y.dtype.kind == "f" and not np.isfinite(y).all():
        raise ValueError(f"{yname} must contain only finite numbers, got NaN or inf")
    return X, y


def _check_model(model: object) -> None:
    missing = [a for a in ("params", "loss_and_gradients", "loss", "score")
               if not hasattr(model, a)]
    if missing:
        raise TypeError(f"model must implement the training interface (params, "
                        f"loss_and_gradients, loss, score); missing: {', '.join(missing)}")
    if not isinstance(model.params, dict) or not model.params:
        raise ValueError("model.params must be a non-empty dict of arrays: initialise the "
                         "model first (e.g. MLP(...), or LogisticRegression.fit)")


_GUARD = dict(over="raise", divide="raise", invalid="raise", under="ignore")


def _take_step(model: Any, optimizer: Optimizer, gradients: Callable,
               sgd_step: Callable | None, Xb: np.ndarray, yb: np.ndarray,
               scan: bool) -> tuple[float, str | None]:
    """One update; returns (minibatch loss, None) or (loss, what became non-finite).

    Every step checks the loss, and ``_GUARD`` turns any overflow, division by zero or
    invalid operation into an error. With `scan` (the last step of each epoch) every
    gradient and parameter is also checked element by element; that costs about as much
    as the update itself, so it is done once per epoch, not at every step.
    """
    loss = math.nan
    try:
        with np.errstate(**_GUARD):  # overflow etc. raise here, whatever the caller set
            if sgd_step is not None and not scan:
                # w ← w − lr g fused into the model's backward pass: the same update,
                # without building the gradients. A non-finite loss is caught after the
                # update; the caller then restores the epoch's start anyway.
                loss = float(sgd_step(Xb, yb, optimizer.lr, check_input=False))
                return loss, None if math.isfinite(loss) else f"the loss became {loss}"
            loss, grads = gradients(Xb, yb)
            loss = float(loss)
            if not math.isfinite(loss):
                return loss, f"the loss became {loss}"
            bad = _non_finite(grads) if scan else None
            if bad is not None:
                return loss, f"the gradient of {bad} became non-finite"
            optimizer.step(model.params, grads)
    except FloatingPointError as error:
        return loss, f"numpy reported {str(error)!r}"
    except ValueError as error:  # a loss refusing inf/NaN outputs (X and y were finite)
        if "finite" not in str(error):
            raise
        return loss, f"the model's outputs overflowed ({error})"
    bad = _non_finite(model.params) if scan else None
    return loss, None if bad is None else f"parameter {bad} became non-finite"


def _non_finite(arrays: dict[str, np.ndarray]) -> str | None:
    """The name of the first array that holds an inf or NaN, or None if all are finite."""
    return next((name for name, a in arrays.items() if not np.isfinite(a).all()), None)


def iterate_training(model: Any, X: ArrayLike, y: ArrayLike, *,
                     optimizer: str | Optimizer = "sgd", lr: float | None = None,
                     epochs: int = 10, batch_size: int | None | str = "auto", seed: int = 0,
                     X_test: ArrayLike | None = None, y_test: ArrayLike | None = None,
                     progress: bool | str | Reporter = "auto", every: str = "epoch",
                     diverge_factor: float | None = None) -> Iterator[History]:
    """Train like :func:`train`, yielding the History after every epoch or every step.

    It yields the same :class:`History` object each time, updated in place (copy it,
    e.g. with ``History(**h.as_dict())``, to keep a snapshot). ``every="epoch"`` yields
    `epochs` times; ``every="step"`` yields after each step (at the end of an epoch, after
    that epoch's entry is recorded). Arguments are checked when called, before the first
    step; :class:`TrainingDiverged` is raised from inside the iteration.

    Notes
    -----
    Introduced in the chapter *Training: minibatch SGD*.

    Examples
    --------
    >>> from nnlib.logistic import LogisticRegression
    >>> X, y = np.array([[-2.0], [-1.0], [1.0], [2.0]]), np.array([-1, -1, 1, 1])
    >>> model = LogisticRegression().fit(X, y, epochs=1)
    >>> [len(h.step_loss) for h in iterate_training(model, X, y, batch_size=2, epochs=3)]
    [2, 4, 6]
    """
    _check_model(model)
    checks_itself = hasattr(model, "check_data")  # then X's values are checked by it, once
    X, y = _check_data(X, y, "X", "y", finite=not checks_itself)
    if (X_test is None) != (y_test is None):
        raise ValueError("X_test and y_test must be given together (or neither)")
    test = None if X_test is None else _check_data(X_test, y_test, "X_test", "y_test",
                                                   X.shape[1], finite=not checks_itself)
    epochs = check_int(epochs, "epochs", 1)
    seed = check_int(seed, "seed", 0)
    if every not in ("epoch", "step"):
        raise ValueError(f"every must be 'epoch' or 'step', got {every!r}")
    check_real(diverge_factor, "diverge_factor", low=1.0, low_open=True, or_none=True)
    if isinstance(optimizer, Optimizer):
        if lr is not None and lr != optimizer.lr:
            raise ValueError(f"lr={lr!r} conflicts with the optimizer's lr={optimizer.lr:g}: "
                             f"set the learning rate on the optimizer object only")
    elif isinstance(optimizer, str):
        optimizer = get_optimizer(optimizer, lr=0.1 if lr is None else lr)
    else:
        raise TypeError(f"optimizer must be a name ('gd', 'sgd', 'momentum') or an "
                        f"Optimizer object, got {type(optimizer).__name__}")
    full_batch_only = type(optimizer) is GD
    if batch_size == "auto":
        batch_size = None if full_batch_only else 32
    batch_size = check_int(batch_size, "batch_size", 1, or_none="full batch")
    if full_batch_only and batch_size is not None and batch_size < len(X):
        raise ValueError(f"optimizer 'gd' is full-batch gradient descent, so batch_size must "
                         f"be None, got {batch_size}; use optimizer='sgd' for minibatches")
    gradients, sgd_step = model.loss_and_gradients, None
    if checks_itself:  # check and convert all of X and y once, so that
        X, y = model.check_data(X, y)  # no step has to check its minibatch again
        if test is not None:
            try:
                test = model.check_data(*test)
            except (TypeError, ValueError) as error:
                raise type(error)(f"X_test, y_test: {error}") from None
        gradients = functools.partial(model.loss_and_gradients, check_input=False)
        if type(optimizer) in (GD, SGD) and hasattr(model, "sgd_step"):
            sgd_step = model.sgd_step  # the fused step: w ← w − lr g inside backpropagation
    if hasattr(model, "n_train_"):
        model.n_train_ = len(X)  # the penalty is shared out over the training examples
    optimizer.reset()  # an Optimizer object starts each run afresh: no velocity carried over
    bar = ProgressBar(progress, int(epochs))
    return _run(model, gradients, sgd_step, X, y, test, optimizer, int(epochs), batch_size,
                seed, bar, every, diverge_factor)


def _run(model: Any, gradients: Callable, sgd_step: Callable | None, X: np.ndarray,
         y: np.ndarray, test: tuple | None, optimizer: Optimizer, epochs: int,
         batch_size: int | None, seed: int, bar: ProgressBar, every: str,
         diverge_factor: float | None) -> Iterator[History]:
    rng, history, n, step, style = np.random.default_rng(seed), History(), len(X), 0, "danger"
    ceiling = None  # the training loss above which training counts as diverged
    if diverge_factor is not None:
        with np.errstate(**_GUARD):
            ceiling = diverge_factor * float(_evaluator(model)(X, y)[0])
    try:
        for epoch in range(1, epochs + 1):
            batches = list(minibatches(n, batch_size, rng))
            start = {name: w.copy() for name, w in model.params.items()}  # checked: finite
            for i, idx in enumerate(batches):
                step, last = step + 1, i == len(batches) - 1
                # the minibatch's rows (take: the same as X[idx], a little faster)
                Xb, yb = (X, y) if len(batches) == 1 else (X.take(idx, 0), y.take(idx, 0))
                loss, failure = _take_step(model, optimizer, gradients, sgd_step, Xb, yb,
                                           scan=last)
                if failure is None:
                    history.step_loss.append(loss)
                    failure = _record_epoch(model, X, y, test, history, epoch, step) if last \
                        else None
                if failure is None and last and ceiling is not None \
                        and history.train_loss[-1] > ceiling:
                    failure = (f"the training loss rose to {history.train_loss[-1]:.3g}, over "
                               f"{diverge_factor:g} times its start "
                               f"{ceiling / diverge_factor:.3g}")
                if failure is not None:
                    for name, w in start.items():
                        model.params[name][...] = w  # back to the epoch's finite start
                    optimizer.reset()
                    hint = " or badly scaled inputs" if step == 1 else ""
                    raise TrainingDiverged(
                        f"training diverged at epoch {epoch}, step {step}: {failure} "
                        f"(learning rate {optimizer.lr:.3g} too large{hint}?)", epoch, step, history)
                if last:
                    bar.update(epoch)
                if every == "step" or last:
                    yield history
        style = "success"
    except GeneratorExit:  # the caller stopped early (e.g. converged): not an error
        style = "info"
        raise
    finally:
        bar.close(style)


def _evaluator(model: Any) -> Callable[[np.ndarray, np.ndarray], tuple[float, float]]:
    """(X, y) -> (loss, score) on data the loop has checked: one forward pass if the model
    has ``evaluate`` (and ``check_data``), else ``loss`` and ``score``."""
    if hasattr(model, "evaluate") and hasattr(model, "check_data"):  # X, y checked already
        return functools.partial(model.evaluate, check_input=False)
    return lambda X, y: (model.loss(X, y), model.score(X, y))


def _record_epoch(model: Any, X: np.ndarray, y: np.ndarray, test: tuple | None,
                  history: History, epoch: int, step: int) -> str | None:
    """Append the epoch's losses and accuracies; a message if a loss is not finite."""
    evaluate = _evaluator(model)
    try:
        with np.errstate(**_GUARD):
            values = [float(v) for v in evaluate(X, y)]
            if test is not None:
                values += [float(v) for v in evaluate(*test)]
    except FloatingPointError as error:
        return f"evaluating the loss, numpy reported {str(error)!r}"
    if not all(math.isfinite(v) for v in values):
        return f"the training or test loss became {values}"
    history.epoch.append(epoch)
    history.step.append(step)
    names = ["train_loss", "train_acc", "test_loss", "test_acc"]
    for name, value in zip(names, values):
        getattr(history, name).append(value)
    return None


def train(model: Any, X: ArrayLike, y: ArrayLike, *, optimizer: str | Optimizer = "sgd",
          lr: float | None = None, epochs: int = 10, batch_size: int | None | str = "auto",
          seed: int = 0, X_test: ArrayLike | None = None, y_test: ArrayLike | None = None,
          progress: bool | str | Reporter = "auto", diverge_factor: float | None = None) -> History:
    r"""Train `model` on (X, y) with gradient descent or minibatch SGD; return the History.

    Each epoch shuffles the n examples (seeded: same `seed`, same run) and takes one step
    per minibatch B, :math:`\mathbf{w} \leftarrow \mathbf{w} - \alpha\, \partial L_B /
    \partial \mathbf{w}`, then records loss and accuracy on the training (and test) set.

    Parameters
    ----------
    model : object with the training interface
        ``params``, ``loss_and_gradients``, ``loss``, ``score`` (e.g. ``MLP``,
        ``LogisticRegression``); its ``params`` are updated in place.
    X : array_like, shape (n, d)
    y : array_like, shape (n,) (or (n, k)): labels as the model expects them
    optimizer : {"sgd", "gd", "momentum"} or an Optimizer, default "sgd"
    lr : float > 0, optional
        Learning rate α for a named optimizer (default 0.1). An Optimizer object carries
        its own lr; giving a different one here is an error. An Optimizer object is reset
        at the start of each run (Momentum forgets its velocity), so that the same call
        gives the same run.
    epochs : int ≥ 1, default 10
    batch_size : int ≥ 1, None or "auto", default "auto"
        Examples per step; None (or ≥ n) means the full batch, in order. "auto" is None
        for "gd" and 32 otherwise. The last minibatch of an epoch may be smaller.
    seed : int, default 0
        Seeds the shuffling.
    X_test, y_test : array_like, optional
        A test set, evaluated after every epoch; give both or neither.
    progress : "auto", True, False or a reporter, default "auto"
        In a Jupyter kernel with ipywidgets, show a progress bar over epochs: "auto" when
        epochs ≥ 20 or the run is expected to take over 2 s, True always, False never.
        A callable ``report(done, total)`` (:mod:`nnlib.progress`) is called after every
        epoch instead, wherever the code runs. Nothing is ever printed.
    diverge_factor : float > 1, optional
        Also count training as diverged when the training loss after an epoch is more than
        `diverge_factor` times the loss before the first step (measured once, before
        training). Losses computed from logits stay finite long after a too-large learning
        rate has thrown the model off, so without it such runs never stop; e.g. 10.

    Returns
    -------
    History

    Raises
    ------
    TrainingDiverged
        If the loss, a gradient or a parameter becomes inf or NaN (or numpy reports an
        overflow), or the training loss rises above `diverge_factor` times its start: the
        message says where, and suggests the learning rate is too large. The loss is
        checked at every step, gradients and parameters at the end of each epoch. The
        model gets back the parameters it had at the start of the epoch (the last ones
        known to be finite); the exception's ``history`` holds the record (with the epoch
        whose loss rose above the factor, if that was the reason).

    Notes
    -----
    Introduced in the chapter *Training: minibatch SGD*.

    Examples
    --------
    >>> from nnlib.logistic import LogisticRegression
    >>> X, y = np.array([[-2.0], [-1.0], [1.0], [2.0]]), np.array([-1, -1, 1, 1])
    >>> model = LogisticRegression().fit(X, y, epochs=1)
    >>> history = train(model, X, y, optimizer="gd", lr=0.5, epochs=5)
    >>> len(history.epoch), history.train_acc[-1]
    (5, 1.0)
    """
    history = History()
    for history in iterate_training(model, X, y, optimizer=optimizer, lr=lr, epochs=epochs,
                                    batch_size=batch_size, seed=seed, X_test=X_test,
                                    y_test=y_test, progress=progress,
                                    diverge_factor=diverge_factor):
        pass
    return history
