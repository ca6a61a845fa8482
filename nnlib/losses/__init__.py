r"""Loss functions, each with its gradient right beside it, in course order.

Every loss takes the model's output on a batch of n examples (logits ``F`` or ``z``,
probabilities ``y_hat`` or scores), the labels ``y`` and ``reduction``. As in the lecture
it returns the mean :math:`L = \frac{1}{|D|} \sum_i \ell(\mathbf{x}_i, y_i)` over the
examples (``reduction="mean"``) or their sum (``"sum"``) as a Python float; each
``*_grad`` returns the gradient of exactly that number, shaped like the output (float32
stays float32, anything else gives float64), and each ``*_with_grad`` returns both from one
pass, optionally scaled (``scale``, a training step's learning rate) and unchecked
(``check_input=False``, for data checked once at the model's boundary): these are what
``MLP`` and ``LogisticRegression`` call. Outputs of shape (n,), (n, k) or a scalar
(one example) are accepted; with k columns an example's k losses are summed.

Bad inputs raise ``TypeError`` (not real numbers) or ``ValueError`` (NaN or inf, wrong
shape, labels out of range, ...) naming the argument. Logits up to ±1e4 and probabilities
of exactly 0 or 1 give finite values and no numpy warnings, even under
``np.errstate(all="raise")``.

The losses live in one module per family, re-exported here (``from nnlib.losses import
cross_entropy`` is the way to import them):

- :mod:`nnlib.losses.binary`: binary cross-entropy from probabilities and from logits, and
  the logistic loss with labels ±1 (logistic regression)
- :mod:`nnlib.losses.multiclass`: softmax, log-softmax, log-sum-exp (each with its gradient) and
  cross-entropy for k classes
- :mod:`nnlib.losses.regression`: mean squared error
- :mod:`nnlib.losses.penalties`: the L2 penalty λ/2 ‖w‖²

``LOSSES`` maps names to :class:`Loss` objects (loss, gradient, formula) for widgets.
"""

from collections.abc import Callable
from dataclasses import dataclass

from numpy.typing import ArrayLike

from nnlib.losses._common import Array
from nnlib.losses.binary import (
    EPS, binary_cross_entropy, binary_cross_entropy_grad, binary_cross_entropy_with_logits,
    binary_cross_entropy_with_logits_grad, binary_cross_entropy_with_logits_with_grad,
    logistic_loss, logistic_loss_grad, logistic_loss_with_grad,
)
from nnlib.losses.multiclass import (
    cross_entropy, cross_entropy_grad, cross_entropy_with_grad, log_softmax, log_softmax_grad,
    logsumexp, logsumexp_grad, softmax, softmax_grad,
)
from nnlib.losses.penalties import l2_penalty, l2_penalty_grad
from nnlib.losses.regression import mse, mse_grad, mse_with_grad

__all__ = ["EPS", "softmax", "softmax_grad", "log_softmax", "log_softmax_grad",
           "logsumexp", "logsumexp_grad",
           "cross_entropy", "cross_entropy_grad", "cross_entropy_with_grad",
           "binary_cross_entropy", "binary_cross_entropy_grad",
           "binary_cross_entropy_with_logits", "binary_cross_entropy_with_logits_grad",
           "binary_cross_entropy_with_logits_with_grad", "logistic_loss", "logistic_loss_grad",
           "logistic_loss_with_grad", "mse", "mse_grad", "mse_with_grad", "l2_penalty",
           "l2_penalty_grad", "Loss", "LOSSES", "get_loss"]


@dataclass(frozen=True)
class Loss:
    """A loss `f`, its gradient `grad` (same arguments) and its LaTeX formula.

    Calling a Loss calls `f`. ``LOSSES`` feeds widget dropdowns.

    Examples
    --------
    >>> LOSSES["mse"]
    Loss('mse')
    >>> LOSSES["mse"]([1.0], [0.0])
    0.5
    """

    name: str
    f: Callable[..., float]
    grad: Callable[..., Array]
    formula: str  # LaTeX for the per-example loss, as the lecture writes it

    def __call__(self, output: ArrayLike, y: ArrayLike, **kwargs: str) -> float:
        return self.f(output, y, **kwargs)

    def __repr__(self) -> str:
        return f"Loss({self.name!r})"


LOSSES: dict[str, Loss] = {loss.name: loss for loss in [
    Loss("cross_entropy", cross_entropy, cross_entropy_grad,
         r"\ell(\mathbf{x}, y) = \sum_{j=1}^K -y_j \log p_j"),
    Loss("binary_cross_entropy", binary_cross_entropy, binary_cross_entropy_grad,
         r"\ell(\mathbf{x}, y) = -y \log(\hat{y}) - (1 - y) \log(1 - \hat{y})"),
    Loss("binary_cross_entropy_with_logits", binary_cross_entropy_with_logits,
         binary_cross_entropy_with_logits_grad, r"\ell(\mathbf{x}, y) = \log(1 + e^{z}) - y z"),
    Loss("logistic", logistic_loss, logistic_loss_grad,
         r"\ell(\mathbf{x}_i, y_i) = -\log \frac{1}{1 + \exp(-y_i \mathbf{w}^T \mathbf{x}_i)}"),
    Loss("mse", mse, mse_grad,
         r"\ell(\mathbf{x}, \mathbf{y}) = \tfrac{1}{2} \|\hat{\mathbf{y}} - \mathbf{y}\|^2"),
]}


def get_loss(name: str) -> Loss:
    """The :class:`Loss` called `name` in ``LOSSES``.

    Raises ``TypeError`` if `name` is not a str, ``ValueError`` (listing the valid
    names) if it is unknown.

    Notes
    -----
    Introduced in the chapter *Training a neuron: loss and gradient descent*.

    Examples
    --------
    >>> get_loss("logistic")
    Loss('logistic')
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, got {type(name).__name__}")
    if name not in LOSSES:
        raise ValueError(f"unknown loss {name!r}; expected one of: {', '.join(LOSSES)}")
    return LOSSES[name]
