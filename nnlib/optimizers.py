r"""Optimisers: how one gradient step changes the parameters.

An optimiser's :meth:`~Optimizer.step` takes the model's ``params`` and the gradients
``grads`` of the loss (two dicts with the same keys and shapes, e.g. ``"W1"``, ``"b1"``)
and updates every parameter **in place**, so the model sees the new values at once:

.. math:: \mathbf{w}_t = \mathbf{w}_{t-1} - \alpha \frac{\partial L}{\partial \mathbf{w}_{t-1}}

The learning rate :math:`\alpha` is called ``lr``. Which examples the gradient is
averaged over (the whole training set D for gradient descent, a random minibatch B for
stochastic gradient descent) is the training loop's business: see
:func:`nnlib.training.train`.
"""

from typing import Any

import numpy as np
from numpy.typing import NDArray

from nnlib.validation import check_choice, check_real

__all__ = ["Optimizer", "GD", "SGD", "Momentum", "OPTIMIZERS", "get_optimizer"]

Params = dict[str, NDArray[np.floating]]


def _check_lr(lr: object) -> float:
    """``lr`` as a float; ValueError unless a finite number > 0."""
    return check_real(lr, "lr", low=0.0, low_open=True, why="the learning rate α")


class Optimizer:
    """Base class: checks ``params`` against ``grads`` and updates each parameter in place.

    Subclasses implement ``_update(name, w, g)``, the rule for one parameter array.

    Parameters
    ----------
    lr : float > 0, default 0.1
        Learning rate α.

    Notes
    -----
    Introduced in the chapter *Training: gradient descent*.

    Examples
    --------
    A new rule needs only ``_update``; here sign descent, w ← w − α sign(g):

    >>> class SignGD(Optimizer):
    ...     def _update(self, name, w, g):
    ...         w -= self.lr * np.sign(g)
    >>> params = {"w": np.array([1.0, 1.0])}
    >>> SignGD(lr=0.5).step(params, {"w": np.array([3.0, -0.1])})
    >>> params["w"]
    array([0.5, 1.5])
    """

    def __init__(self, lr: float = 0.1) -> None:
        self.lr = _check_lr(lr)

    def step(self, params: Params, grads: Params) -> None:
        """Update every array in `params` in place, using the matching array in `grads`.

        Parameters
        ----------
        params : dict of str to float ndarray
            The model's parameters, e.g. ``model.params``; changed in place.
        grads : dict of str to array_like
            Gradient of the loss for each parameter: same keys, same shapes.

        Returns
        -------
        None
            TypeError or ValueError if the dicts do not match; then nothing is changed.

        Examples
        --------
        >>> params = {"W1": np.array([[1.0, 2.0]]), "b1": np.array([0.5])}
        >>> GD(lr=0.5).step(params, {"W1": np.array([[2.0, 2.0]]), "b1": np.array([1.0])})
        >>> params  # W1 - 0.5 * [2, 2], b1 - 0.5 * 1
        {'W1': array([[0., 1.]]), 'b1': array([0.])}
        """
        if not isinstance(params, dict) or not isinstance(grads, dict):
            raise TypeError(f"params and grads must be dicts of arrays, got "
                            f"{type(params).__name__} and {type(grads).__name__}")
        if grads.keys() != params.keys():
            raise ValueError(f"grads must have the same keys as params {sorted(params)}, "
                             f"got {sorted(grads)}")
        pairs = [(name, w, np.asarray(grads[name])) for name, w in params.items()]
        for name, w, g in pairs:  # all checked first: a bad dict changes nothing
            if not isinstance(w, np.ndarray) or w.dtype.kind != "f":
                raise TypeError(f"params[{name!r}] must be a float ndarray (it is updated in "
                                f"place), got {type(w).__name__}")
            if g.shape != w.shape:
                raise ValueError(f"grads[{name!r}] must have the shape of params[{name!r}] "
                                 f"{w.shape}, got shape {g.shape}")
        for name, w, g in pairs:
            self._update(name, w, g)

    def _update(self, name: str, w: NDArray[np.floating], g: NDArray[np.floating]) -> None:
        raise NotImplementedError

    def reset(self) -> None:
        """Forget any state (such as momentum's velocity); plain GD has none.

        The training loop calls it at the start of every run.

        Examples
        --------
        >>> opt = GD(lr=0.1)
        >>> opt.reset(); opt  # nothing to forget
        GD(lr=0.1)
        """

    def __repr__(self) -> str:
        return f"{type(self).__name__}(lr={self.lr:g})"


class GD(Optimizer):
    r"""Gradient descent: step against the gradient, scaled by the learning rate.

    .. math:: \mathbf{w} \leftarrow \mathbf{w} - \alpha\, \mathbf{g}

    With ``batch_size=None`` the training loop passes the gradient of the loss over the
    whole training set D: full-batch gradient descent, as in the lecture.

    Parameters
    ----------
    lr : float > 0, default 0.1
        Learning rate α.

    Notes
    -----
    Introduced in the chapter *Training: gradient descent*.

    Examples
    --------
    >>> params = {"w": np.array([1.0])}
    >>> GD(lr=0.1).step(params, {"w": np.array([2.0])})  # 1 - 0.1 * 2
    >>> params["w"]
    array([0.8])
    """

    def _update(self, name: str, w: NDArray[np.floating], g: NDArray[np.floating]) -> None:
        w -= self.lr * g  # in place: the model's own array changes


class SGD(GD):
    r"""Minibatch stochastic gradient descent: the same update rule as :class:`GD`.

    .. math:: \mathbf{w} \leftarrow \mathbf{w} - \alpha \frac{1}{|B|}
              \sum_{\mathbf{x} \in B} \frac{\partial \ell(\mathbf{x}, y)}{\partial \mathbf{w}}

    Only the gradient differs: the training loop averages it over a random minibatch B
    (reshuffled every epoch) instead of all of D, which makes each step cheap and noisy.

    Notes
    -----
    Introduced in the chapter *Training: minibatch SGD*.

    Examples
    --------
    >>> SGD(lr=0.05)
    SGD(lr=0.05)
    """


def _check_beta(beta: object) -> float:
    return check_real(beta, "beta", low=0.0, high=1.0, high_open=True,
                      why="the momentum coefficient β")


class Momentum(Optimizer):
    r"""Gradient descent with momentum: steps follow a running sum of past gradients.

    .. math:: \mathbf{v} \leftarrow \beta \mathbf{v} + \mathbf{g}, \qquad
              \mathbf{w} \leftarrow \mathbf{w} - \alpha\, \mathbf{v}

    The velocity v starts at 0, so the first step equals plain GD. Where the gradient keeps
    its direction, steps grow up to 1 / (1 - β) times longer; where it flips sign, the
    oscillations cancel. ``beta=0`` is plain GD.

    Parameters
    ----------
    lr : float > 0, default 0.1
        Learning rate α.
    beta : float in [0, 1), default 0.9
        Momentum coefficient β: how much of the previous velocity is kept.

    Attributes
    ----------
    velocity : dict of str to ndarray
        v for each parameter, created on the first :meth:`step`; :meth:`reset` clears it.

    Notes
    -----
    Introduced in the chapter *Training: minibatch SGD*.

    Examples
    --------
    >>> params, opt = {"w": np.array([1.0])}, Momentum(lr=0.1, beta=0.9)
    >>> opt.step(params, {"w": np.array([2.0])})  # v = 2,   w = 1 - 0.1 * 2 = 0.8
    >>> opt.step(params, {"w": np.array([2.0])})  # v = 3.8, w = 0.8 - 0.38 = 0.42
    >>> np.round(params["w"], 10)
    array([0.42])
    """

    def __init__(self, lr: float = 0.1, beta: float = 0.9) -> None:
        super().__init__(lr)
        self.beta = _check_beta(beta)
        self.velocity: Params = {}

    def _update(self, name: str, w: NDArray[np.floating], g: NDArray[np.floating]) -> None:
        v = self.velocity.get(name)
        if v is None or v.shape != w.shape:  # first step (or a new model): v = 0
            v = self.velocity[name] = np.zeros_like(w)
        v *= self.beta
        v += g  # v ← βv + g
        w -= self.lr * v  # w ← w − αv, in place

    def reset(self) -> None:
        """Set the velocity back to zero (forget all past gradients).

        Examples
        --------
        >>> opt = Momentum(lr=0.1)
        >>> opt.step({"w": np.array([1.0])}, {"w": np.array([2.0])}); opt.velocity
        {'w': array([2.])}
        >>> opt.reset(); opt.velocity
        {}
        """
        self.velocity = {}

    def __repr__(self) -> str:
        return f"Momentum(lr={self.lr:g}, beta={self.beta:g})"


#: Optimiser classes by name, for widget dropdowns and :func:`get_optimizer`.
OPTIMIZERS: dict[str, type[Optimizer]] = {"gd": GD, "sgd": SGD, "momentum": Momentum}


def get_optimizer(name: str, **kwargs: Any) -> Optimizer:
    """A new optimiser called `name` in ``OPTIMIZERS``, built with `kwargs` (lr, beta).

    Raises ``TypeError`` if `name` is not a str, ``ValueError`` (listing the valid names)
    if it is unknown.

    Notes
    -----
    Introduced in the chapter *Training: minibatch SGD*.

    Examples
    --------
    >>> get_optimizer("momentum", lr=0.01)
    Momentum(lr=0.01, beta=0.9)
    """
    if not isinstance(name, str):
        raise TypeError(f"optimizer name must be a str, got {type(name).__name__}")
    return OPTIMIZERS[check_choice(name, "optimizer", tuple(OPTIMIZERS))](**kwargs)
