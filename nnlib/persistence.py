"""Save a trained model to one ``.npz`` file and load it back.

Two kinds of model are supported, each with a format of its own (see ``FORMATS``):

- :class:`~nnlib.mlp.MLP`, format ``"nnlib.mlp"``: the parameters (``param_W1``,
  ``param_b1``, ...) and the architecture ``sizes``, ``activations``, ``output``,
  ``init``, ``seed``, ``dtype``, ``lam``;
- :class:`~nnlib.logistic.LogisticRegression`, format ``"nnlib.logistic"``: the
  parameters ``param_w`` (d,) and ``param_b`` (0-d, absent when ``fit_intercept=False``),
  the number of features ``d``, ``lam``, ``fit_intercept`` and ``n_train`` (the ``n_train_``
  of the fit, which shares out the penalty in :meth:`~nnlib.logistic.LogisticRegression.loss`;
  0 when unknown). The training records (``history_``, ``objective_history_``,
  ``converged_``) are not saved.

Every file also holds its ``format`` mark and ``format_version``. It is a plain numpy
archive of arrays, read with ``allow_pickle=False``: loading one never runs code from the
file. A file from another program, of another version of the format, or whose entries do
not fit together (a parameter of the wrong shape or dtype, a float where an integer
belongs) is refused with a ``ValueError`` that says why.
"""

import os
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from nnlib.logistic import LogisticRegression
from nnlib.mlp import MLP
from nnlib.validation import check_path

__all__ = ["save_model", "load_model", "FORMATS", "FORMAT", "FORMAT_VERSION"]

#: Each model class save_model writes -> (its files' "format" mark, its format version).
#: Bump a version when that format's stored keys change; load_model reads that version only.
#: MLP version 2: lam is the lecture's λ of J = Σℓ + λ/2 ‖W‖² (version 1 added λ/2 ‖W‖² to
#: the mean loss), with the n_train it is shared over.
FORMATS: dict[type, tuple[str, int]] = {MLP: ("nnlib.mlp", 2),
                                        LogisticRegression: ("nnlib.logistic", 1)}
FORMAT, FORMAT_VERSION = FORMATS[MLP]  # the MLP format (its names from before FORMATS)

# The architecture entries of each format: key -> (kind of array, number of dimensions).
_ARCHITECTURE = {
    MLP: {"sizes": ("integer", 1), "activations": ("string", 1), "output": ("string", 0),
          "init": ("string", 0), "seed": ("integer", 0), "dtype": ("string", 0),
          "lam": ("real", 0), "n_train": ("integer", 0)},
    LogisticRegression: {"d": ("integer", 0), "lam": ("real", 0),
                         "fit_intercept": ("boolean", 0), "n_train": ("integer", 0)},
}
_KINDS = {"integer": "iu", "real": "iuf", "boolean": "b", "string": "U"}  # dtype.kind


def _class_name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _npz_path(path: str | os.PathLike) -> Path:
    path = check_path(path)
    return path if path.suffix == ".npz" else path.with_name(path.name + ".npz")


def _logistic_params(params: dict[str, Any], d: int | None,
                     fit_intercept: bool) -> dict[str, Any]:
    """`params` of a LogisticRegression with d features (None: any d), checked: float64
    ``w`` (d,) and ``b`` () (no ``b`` without intercept), finite; else ValueError saying why."""
    names = ["w", "b"] if fit_intercept else ["w"]
    missing = [k for k in names if k not in params]
    unexpected = [k for k in params if k not in names]
    if missing or unexpected:
        raise ValueError(f"params must have the keys {', '.join(names)}; "
                         f"missing {missing}, unexpected {unexpected}")
    for name, shape in zip(names, [(d,), ()]):
        value = params[name]
        if not isinstance(value, np.ndarray) or value.dtype != np.float64:
            raise ValueError(f"params[{name!r}] must be a float64 array, got "
                             f"{getattr(value, 'dtype', type(value).__name__)}")
        if value.ndim != 1 if name == "w" and d is None else value.shape != shape:
            raise ValueError(f"params[{name!r}] must have shape "
                             f"{'(d,)' if d is None else shape}, got {value.shape}")
        if not np.isfinite(value).all():
            raise ValueError(f"params[{name!r}] must be finite, found NaN or inf")
    return params


def save_model(model: MLP | LogisticRegression, path: str | os.PathLike) -> Path:
    """Write `model` to `path` as an ``.npz`` archive and return the path written.

    Like ``np.savez``, ``.npz`` is appended when `path` does not end with it
    (``"model"`` -> ``model.npz``, ``"model.v1"`` -> ``model.v1.npz``); an existing
    file is overwritten.

    Parameters
    ----------
    model : MLP or LogisticRegression
        A LogisticRegression must be fitted (have ``params``).
    path : str or os.PathLike

    Returns
    -------
    pathlib.Path
        The file written (always ending in ``.npz``).

    Raises
    ------
    TypeError
        If `model` is not one of the classes in ``FORMATS``, or `path` is not a path.
    ValueError
        If `model` is a LogisticRegression that is not fitted, or whose ``params`` are not
        those of a fit (float64 ``w`` of shape (d,) and ``b`` of shape ()).

    Notes
    -----
    Introduced in the chapter *MNIST*.

    Examples
    --------
    >>> import tempfile
    >>> model = MLP([2, 3, 1], activation="tanh", output="sigmoid")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = save_model(model, os.path.join(folder, "xor"))
    ...     print(path.name, load_model(path))
    xor.npz MLP(2-3-1, activation=tanh, output=sigmoid, params=13)
    """
    kind = next((cls for cls in FORMATS if isinstance(model, cls)), None)
    if kind is None:
        raise TypeError(f"model must be one of: {', '.join(map(_class_name, FORMATS))}; "
                        f"got {type(model).__name__}")
    path = _npz_path(path)
    arrays = {"format": np.array(FORMATS[kind][0]), "format_version": np.array(FORMATS[kind][1])}
    if kind is MLP:
        arrays.update({
            "sizes": np.array(model.sizes, dtype=np.int64),
            "activations": np.array(model.activations, dtype=np.str_),
            "output": np.array(model.output), "init": np.array(model.init),
            "seed": np.array(model.seed, dtype=np.int64), "dtype": np.array(model.dtype.name),
            "lam": np.array(model.lam, dtype=np.float64),
            "n_train": np.array(model.n_train_ or 0, dtype=np.int64)})
    else:
        if not model.params:
            raise ValueError(f"cannot save {model!r}: it is not fitted yet (no params); "
                             f"call fit(X, y) first")
        try:
            _logistic_params(model.params, None, model.fit_intercept)
        except ValueError as error:
            raise ValueError(f"cannot save {model!r}: {error}") from None
        arrays.update({
            "d": np.array(model.params["w"].shape[0], dtype=np.int64),
            "lam": np.array(model.lam, dtype=np.float64),
            "fit_intercept": np.array(model.fit_intercept, dtype=np.bool_),
            "n_train": np.array(model.n_train_ or 0, dtype=np.int64)})
    arrays.update({f"param_{name}": value for name, value in model.params.items()})
    with open(path, "wb") as file:  # an open file: np.savez adds no suffix of its own
        np.savez(file, **arrays)
    return path


def _read(path: Path) -> dict[str, np.ndarray]:
    """Every array in the archive at `path`; ValueError if it is not an .npz of plain arrays."""
    if not path.is_file():
        raise FileNotFoundError(f"no model file at {path}")
    with open(path, "rb") as file:  # our own handle: closed even when np.load fails
        try:
            loaded = np.load(file, allow_pickle=False)
        except (OSError, EOFError, ValueError, zipfile.BadZipFile) as error:
            raise ValueError(f"{path} is not an .npz archive saved by nnlib.save_model "
                             f"({type(error).__name__}: {error})") from None
        if not isinstance(loaded, np.lib.npyio.NpzFile):
            raise ValueError(f"{path} is not an .npz archive saved by nnlib.save_model "
                             f"(it holds a single array)")
        try:
            return {key: loaded[key] for key in loaded.files}
        except (OSError, EOFError, ValueError, zipfile.BadZipFile) as error:
            raise ValueError(f"{path} is not a model saved by nnlib.save_model; reading "
                             f"it failed ({type(error).__name__}: {error})") from None
        finally:
            loaded.close()


def _architecture(data: dict[str, np.ndarray], path: Path, kind: type) -> dict[str, Any]:
    """The architecture entries of a `kind` file as Python values, each of the right dtype
    and number of dimensions (no float or bool where an integer belongs); else ValueError."""
    spec = _ARCHITECTURE[kind]
    missing = [key for key in spec if key not in data]
    if missing:
        raise ValueError(f"{path} is missing the entries {missing}")
    for key, (what, ndim) in spec.items():
        value = data[key]
        if value.dtype.kind not in _KINDS[what] or value.ndim != ndim:
            raise ValueError(
                f"{path} stores an invalid architecture: entry {key!r} must be a "
                f"{('0-d (single)', '1-D')[ndim]} {what} array, got a {value.dtype} array of "
                f"shape {value.shape}: {np.array2string(value, threshold=8)}")
    return {key: data[key].tolist() for key in spec}


def load_model(path: str | os.PathLike) -> MLP | LogisticRegression:
    """Read a model written by :func:`save_model`, as the class it was saved from.

    `path` may omit the ``.npz`` suffix, as in :func:`save_model`: when `path` itself does
    not exist, ``path + ".npz"`` is tried.

    Raises
    ------
    FileNotFoundError
        If neither file exists.
    ValueError
        If the file is not an nnlib model archive, has another format version, or its
        keys, shapes or dtypes do not fit the stored architecture; the message says which.

    Notes
    -----
    Introduced in the chapter *MNIST*.

    Examples
    --------
    A logistic regression comes back as one, with the same parameters (an MLP: see
    :func:`save_model`):

    >>> import tempfile
    >>> X, y = np.array([[-1.0], [0.0], [1.0], [2.0]]), np.array([-1, -1, 1, 1])
    >>> model = LogisticRegression(lam=1.0).fit(X, y, lr=0.5, epochs=200)
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     loaded = load_model(save_model(model, os.path.join(folder, "logreg")))
    >>> loaded
    LogisticRegression(lam=1, d=1, w=[0.958], b=-0.479)
    >>> np.array_equal(loaded.w, model.w), loaded.b == model.b
    (True, True)
    >>> loaded.predict(X)
    array([-1, -1,  1,  1])
    """
    path = check_path(path)
    if not path.exists() and _npz_path(path).exists():
        path = _npz_path(path)
    data = _read(path)
    kinds = {fmt: (cls, version) for cls, (fmt, version) in FORMATS.items()}
    mark = data.get("format")
    if mark is None or mark.shape != () or mark.dtype.kind != "U" or str(mark) not in kinds:
        raise ValueError(f"{path} is not a model saved by nnlib.save_model (no 'format' = "
                         f"{' or '.join(map(repr, kinds))} entry; keys: "
                         f"{', '.join(data) or 'none'})")
    kind, expected = kinds[str(mark)]
    version = data.get("format_version")
    if version is None or version.shape != () or version.dtype.kind not in "iu" \
            or int(version) != expected:
        found = "no version" if version is None else f"version {version.tolist()!r}"
        raise ValueError(f"{path} has format {found}; this nnlib reads {str(mark)!r} files "
                         f"of format version {expected} only")
    arch = _architecture(data, path, kind)
    params = {key[len("param_"):]: value for key, value in data.items()
              if key.startswith("param_")}
    return (_mlp if kind is MLP else _logistic)(arch, params, path)


def _mlp(arch: dict[str, Any], params: dict[str, np.ndarray], path: Path) -> MLP:
    try:
        model = MLP(arch["sizes"], arch["activations"], output=arch["output"],
                    init=arch["init"], seed=arch["seed"], dtype=arch["dtype"], lam=arch["lam"])
        if arch["n_train"] < 0:
            raise ValueError(f"n_train must be an integer >= 0, got {arch['n_train']}")
    except (TypeError, ValueError) as error:
        raise ValueError(f"{path} stores an invalid architecture: {error}") from None
    for name, value in params.items():
        if value.dtype != model.dtype:
            raise ValueError(f"{path}: parameter {name} has dtype {value.dtype}, but the "
                             f"model's dtype is {model.dtype}")
    try:
        model.set_params(params)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{path} does not fit its architecture {model!r}: {error}") from None
    model.n_train_ = arch["n_train"] or None  # 0: saved before any training set it
    return model


def _logistic(arch: dict[str, Any], params: dict[str, np.ndarray],
              path: Path) -> LogisticRegression:
    try:
        model = LogisticRegression(lam=arch["lam"], fit_intercept=arch["fit_intercept"])
        for key in ("d", "n_train"):
            if arch[key] < 0:
                raise ValueError(f"{key} must be an integer >= 0, got {arch[key]}")
    except (TypeError, ValueError) as error:
        raise ValueError(f"{path} stores an invalid architecture: {error}") from None
    try:
        model.params = _logistic_params(params, arch["d"], arch["fit_intercept"])
    except ValueError as error:
        raise ValueError(f"{path} does not fit its architecture {model!r}: {error}") from None
    model.n_train_ = arch["n_train"] or None  # 0: saved before any fit set it
    return model
