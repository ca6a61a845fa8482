"""Save a trained :class:`~nnlib.mlp.MLP` to one ``.npz`` file and load it back.

The file is a plain numpy archive of arrays, read with ``allow_pickle=False``: loading
one never runs code from the file. Besides the parameters (``param_W1``, ``param_b1``,
...) it stores the architecture (``sizes``, ``activations``, ``output``, ``init``,
``seed``, ``dtype``, ``lam``) and a format mark and version, so a file from another
program or another version of the format is refused with a ``ValueError`` that says why.
"""

import os
import zipfile
from pathlib import Path

import numpy as np

from nnlib.mlp import MLP

__all__ = ["save_model", "load_model", "FORMAT", "FORMAT_VERSION"]

FORMAT = "nnlib.mlp"  # stored as "format": marks the file as an nnlib MLP
FORMAT_VERSION = 1  # bump when the stored keys change; load_model reads this version only
_META = ("format", "format_version", "sizes", "activations", "output", "init", "seed",
         "dtype", "lam")


def _npz_path(path: str | os.PathLike) -> Path:
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or os.PathLike, got {type(path).__name__}")
    path = Path(path)
    return path if path.suffix == ".npz" else path.with_name(path.name + ".npz")


def save_model(model: MLP, path: str | os.PathLike) -> Path:
    """Write `model` to `path` as an ``.npz`` archive and return the path written.

    Like ``np.savez``, ``.npz`` is appended when `path` does not end with it
    (``"model"`` -> ``model.npz``, ``"model.v1"`` -> ``model.v1.npz``); an existing
    file is overwritten.

    Parameters
    ----------
    model : MLP
    path : str or os.PathLike

    Returns
    -------
    pathlib.Path
        The file written (always ending in ``.npz``).

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
    if not isinstance(model, MLP):
        raise TypeError(f"model must be an nnlib.mlp.MLP, got {type(model).__name__}")
    path = _npz_path(path)
    arrays = {
        "format": np.array(FORMAT), "format_version": np.array(FORMAT_VERSION),
        "sizes": np.array(model.sizes, dtype=np.int64),
        "activations": np.array(model.activations, dtype=np.str_),
        "output": np.array(model.output), "init": np.array(model.init),
        "seed": np.array(model.seed, dtype=np.int64), "dtype": np.array(model.dtype.name),
        "lam": np.array(model.lam, dtype=np.float64),
    }
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


def load_model(path: str | os.PathLike) -> MLP:
    """Read an :class:`~nnlib.mlp.MLP` written by :func:`save_model`.

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
    See :func:`save_model`.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or os.PathLike, got {type(path).__name__}")
    path = Path(path)
    if not path.exists() and _npz_path(path).exists():
        path = _npz_path(path)
    data = _read(path)
    if "format" not in data or data["format"].shape != () or str(data["format"]) != FORMAT:
        raise ValueError(f"{path} is not a model saved by nnlib.save_model "
                         f"(no 'format' = {FORMAT!r} entry; keys: {', '.join(data) or 'none'})")
    version = data.get("format_version")
    if version is None or version.shape != () or version.dtype.kind not in "iu" \
            or int(version) != FORMAT_VERSION:
        found = "no version" if version is None else f"version {version.tolist()!r}"
        raise ValueError(f"{path} has format {found}; this nnlib reads format version "
                         f"{FORMAT_VERSION} only")
    missing = [key for key in _META if key not in data]
    if missing:
        raise ValueError(f"{path} is missing the entries {missing}")
    try:
        model = MLP([int(s) for s in data["sizes"]], [str(a) for a in data["activations"]],
                    output=str(data["output"]), init=str(data["init"]),
                    seed=int(data["seed"]), dtype=str(data["dtype"]), lam=float(data["lam"]))
    except (TypeError, ValueError) as error:
        raise ValueError(f"{path} stores an invalid architecture: {error}") from None
    params = {key[len("param_"):]: value for key, value in data.items()
              if key.startswith("param_")}
    for name, value in params.items():
        if value.dtype != model.dtype:
            raise ValueError(f"{path}: parameter {name} has dtype {value.dtype}, but the "
                             f"model's dtype is {model.dtype}")
    try:
        model.set_params(params)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{path} does not fit its architecture {model!r}: {error}") from None
    return model
