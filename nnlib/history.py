"""What a training run leaves behind: its :class:`History`, or, when the loss or the
parameters stop being finite, a :class:`TrainingDiverged` error that carries it.

Both are re-exported by :mod:`nnlib.training`, which fills them.
"""

from dataclasses import dataclass, field, fields

__all__ = ["History", "TrainingDiverged"]


class TrainingDiverged(ValueError):
    """Training stopped because the loss, a gradient or a parameter became inf or NaN, or
    (with ``diverge_factor``) the training loss rose over that many times its start.

    The model gets back the parameters it had at the start of that epoch, the last ones
    known to be finite. ``epoch`` and ``step`` say where it happened; ``history`` holds
    the :class:`History` recorded until then.

    Parameters
    ----------
    message : str
        What went wrong, and a hint (usually: the learning rate is too large).
    epoch, step : int
        The epoch (from 1) and the step (counted over the whole run) that failed.
    history : History
        Stored as the attribute ``history``, like ``epoch`` and ``step``.

    Examples
    --------
    >>> from nnlib.mlp import MLP
    >>> from nnlib.training import train
    >>> try:  # lr = 10 is far too large: the first step multiplies the loss by about 1000
    ...     train(MLP([1, 1], output="linear"), [[1.0], [2.0]], [1.0, 2.0], lr=10.0,
    ...           diverge_factor=100)
    ... except TrainingDiverged as error:
    ...     print(error.epoch, error.step)
    1 1
    """

    def __init__(self, message: str, epoch: int, step: int, history: "History") -> None:
        super().__init__(message)
        self.epoch, self.step, self.history = epoch, step, history


@dataclass
class History:
    """What happened during training: one entry per epoch, and ``step_loss`` per step.

    ``epoch`` counts epochs from 1; ``step`` is the number of steps taken by the end of
    each epoch; ``train_loss``/``train_acc`` are ``model.loss``/``model.score`` on the whole
    training set after each epoch; ``test_loss``/``test_acc`` the same on the test set
    (empty lists when no test set is given); ``step_loss`` is the minibatch loss of each
    step, before that step's update.

    Examples
    --------
    >>> History(epoch=[1, 2], step=[4, 8], train_loss=[0.69, 0.41], train_acc=[0.5, 0.9])
    History(epochs=2, steps=8, train_loss 0.69 → 0.41, train_acc 0.5 → 0.9)
    """

    epoch: list[int] = field(default_factory=list)
    step: list[int] = field(default_factory=list)
    train_loss: list[float] = field(default_factory=list)
    train_acc: list[float] = field(default_factory=list)
    test_loss: list[float] = field(default_factory=list)
    test_acc: list[float] = field(default_factory=list)
    step_loss: list[float] = field(default_factory=list)

    def as_dict(self) -> dict[str, list]:
        """A dict of copies of the lists, e.g. for ``pandas.DataFrame`` or ``np.savez``.

        Returns
        -------
        dict of str -> list
            One key per field, in the order ``epoch``, ``step``, ``train_loss``,
            ``train_acc``, ``test_loss``, ``test_acc``, ``step_loss``.

        Examples
        --------
        >>> h = History(epoch=[1, 2], train_loss=[0.69, 0.41])
        >>> d = h.as_dict(); d["train_loss"].append(0.3)
        >>> d["epoch"], h.train_loss  # h keeps its own lists
        ([1, 2], [0.69, 0.41])
        """
        return {f.name: list(getattr(self, f.name)) for f in fields(self)}

    def __repr__(self) -> str:
        steps = self.step[-1] if self.step else len(self.step_loss)
        parts = [f"epochs={len(self.epoch)}", f"steps={steps}"]
        for name in ("train_loss", "train_acc", "test_loss", "test_acc"):
            values = getattr(self, name)
            if values:
                parts.append(f"{name} {values[0]:.3g} → {values[-1]:.3g}")
        return f"History({', '.join(parts)})"
