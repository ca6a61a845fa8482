"""Chapter 8's stated training settings, in one place: :data:`RECIPE` and :func:`train_recipe_model`.

PROVISIONAL copy written by the digit-pad helper (issue 22) with the interface of the shared
contract; the chapter-8 version of this file replaces it at merge. The digit pad depends only
on ``RECIPE`` and ``train_recipe_model``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

__all__ = ["Recipe", "RECIPE", "train_recipe_model"]


@dataclass(frozen=True)
class Recipe:
    """The settings chapter 8 trains its MNIST network with."""

    sizes: tuple[int, ...] = (784, 128, 10)
    activation: str = "relu"
    output: str = "softmax"
    dtype: str = "float32"
    lr: float = 0.1
    epochs: int = 10
    batch_size: int = 64
    seed: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


#: The chapter's recipe (about 0.93 test accuracy on the shipped split).
RECIPE = Recipe()


def train_recipe_model(progress: bool = False):
    """Train :data:`RECIPE` on ``load_mnist("train")`` with nnlib's ``train``; return the MLP.

    Deterministic: the same seed gives the same weights.

    Parameters
    ----------
    progress : bool, default False
        Show a progress bar in a notebook.

    Returns
    -------
    nnlib.mlp.MLP
        sizes (784, 128, 10), trained.
    """
    from nnlib.mlp import MLP
    from nnlib.mnist import load_mnist
    from nnlib.training import train

    r = RECIPE
    X, y = load_mnist("train", dtype=np.dtype(r.dtype))
    model = MLP(list(r.sizes), activation=r.activation, output=r.output, seed=r.seed,
                dtype=r.dtype)
    train(model, X, y, lr=r.lr, epochs=r.epochs, batch_size=r.batch_size, seed=r.seed,
          progress=progress)
    return model
