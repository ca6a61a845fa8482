r"""MNIST handwritten digits: the official 10,000-digit test set ships with nnlib.

:func:`load_mnist` works offline: it checks the shipped files against ``SHA256SUMS``
and splits the 10,000 digits into 8,000 for training and 2,000 for testing.
:func:`load_full_mnist` loads the official 60,000 + 10,000 set from a cache folder and
can download it once. Both read the IDX format with :func:`~nnlib.idx.read_idx`
(from :mod:`nnlib.idx`, re-exported here).
"""

import functools
import hashlib
import os
import tempfile
from numbers import Integral
from pathlib import Path

import numpy as np
from numpy.typing import DTypeLike, NDArray

from nnlib.idx import gunzipped, parse_idx, read_idx
from nnlib.validation import check_bool, check_path

__all__ = ["read_idx", "split_indices", "load_mnist", "load_full_mnist", "DATA_DIR",
           "SPLIT_SEED", "MIRRORS"]

#: Folder of the shipped files: the official test set and its SHA256SUMS.
DATA_DIR = Path(__file__).resolve().parent / "data" / "mnist"
_IMAGES, _LABELS = "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"
#: Seed of the fixed, stratified 8,000 / 2,000 split of the shipped digits.
SPLIT_SEED = 0
#: Download sites tried in order: torchvision's mirror, Google's CVDF mirror, the original.
MIRRORS = ("https://ossci-datasets.s3.amazonaws.com/mnist/",
           "https://storage.googleapis.com/cvdf-datasets/mnist/",
           "http://yann.lecun.com/exdb/mnist/")
# SHA-256 of the *decompressed* official files. Checking the content rather than the .gz
# accepts any faithful copy, gzipped or not (nnlib's own .gz files differ byte for byte
# from LeCun's archives, yet hold the same digits).
_SHA256 = {
    "train-images-idx3-ubyte": "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    "train-labels-idx1-ubyte": "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    "t10k-images-idx3-ubyte": "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    "t10k-labels-idx1-ubyte": "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
}


def _digits(images: np.ndarray, labels: np.ndarray, source: object) -> None:
    """ValueError unless `images` (n, 28, 28) and `labels` (n,) look like MNIST."""
    if images.dtype != np.uint8 or images.ndim != 3 or images.shape[1:] != (28, 28):
        raise ValueError(f"{source}: expected uint8 images of shape (n, 28, 28), "
                         f"got {images.dtype} {images.shape}")
    if labels.dtype != np.uint8 or labels.shape != images.shape[:1] or np.any(labels > 9):
        raise ValueError(f"{source}: expected {len(images)} uint8 labels 0..9, "
                         f"got {labels.dtype} {labels.shape}, max {labels.max(initial=0)}")


def _prepare(images: np.ndarray, labels: np.ndarray, normalize: bool, flatten: bool,
             dtype: np.dtype) -> tuple[np.ndarray, NDArray[np.int64]]:
    X = images.reshape(len(images), -1) if flatten else images
    X = X.astype(dtype) / dtype.type(255) if normalize else X.astype(dtype)
    return X, labels.astype(np.int64)


def _check_options(normalize: bool, flatten: bool, dtype: DTypeLike) -> np.dtype:
    check_bool(normalize, "normalize")
    check_bool(flatten, "flatten")
    try:
        dt = np.dtype(dtype) if dtype is not None else None
    except TypeError:
        dt = None
    # a float dtype, or with normalize=False any dtype that holds 0..255 (not int8)
    if dt is None or dt.kind not in "iuf" or (normalize and dt.kind != "f") \
            or not np.can_cast(np.uint8, dt):
        raise ValueError(f"dtype must be a float dtype (or, with normalize=False, an int "
                         f"dtype that holds the raw values 0..255, such as uint8 or int16), "
                         f"got {dtype!r}")
    return dt


def _shipped(verify: bool) -> tuple[np.ndarray, np.ndarray]:
    """The shipped images (10000, 28, 28) and labels (10000,), checked against SHA256SUMS.

    Read, hashed and decompressed once per process (about 20 ms), then served from a
    cache of read-only arrays; a file that changes on disk (its size or time) is read again.
    """
    names = ("SHA256SUMS", _IMAGES, _LABELS)
    stamp = tuple((s.st_size, s.st_mtime_ns) for s in
                  (p.stat() for p in (DATA_DIR / n for n in names) if p.exists()))
    return _read_shipped(DATA_DIR, verify, stamp)


@functools.lru_cache(maxsize=4)
def _read_shipped(folder: Path, verify: bool, stamp: tuple) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_shipped` for the files in `folder` as they were when `stamp` was taken."""
    sums_file = folder / "SHA256SUMS"  # lines "<64 hex digits>  <name>", as sha256sum writes
    lines = sums_file.read_text().splitlines() if verify else []
    sums = {words[1].lstrip("*"): words[0].lower() for words in map(str.split, lines)
            if len(words) == 2}
    arrays = []
    for name in (_IMAGES, _LABELS):
        path = folder / name
        raw = path.read_bytes()
        if verify and hashlib.sha256(raw).hexdigest() != sums.get(name):
            raise ValueError(f"{path}: SHA-256 checksum mismatch with {sums_file} (expected "
                             f"{sums.get(name, 'an entry for it')}): the shipped file is "
                             "corrupted; reinstall nnlib, or restore the file from git")
        arrays.append(parse_idx(gunzipped(raw, path), path))
    _digits(*arrays, folder)
    for array in arrays:
        array.flags.writeable = False  # shared by every caller: callers get copies
    return arrays[0], arrays[1]


def split_indices(y: NDArray[np.integer], n_test: int = 2000,
                  seed: int = SPLIT_SEED) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    r"""A stratified train/test split: indices ``(train, test)``, each sorted.

    Every class gives the same share n_test/n of its examples to the test set (rounded
    by largest remainder so the total is exactly `n_test`), picked by a seeded shuffle.

    Examples
    --------
    >>> train, test = split_indices(np.array([0, 0, 0, 0, 1, 1, 1, 1]), n_test=4)
    >>> np.bincount(np.array([0, 0, 0, 0, 1, 1, 1, 1])[test]).tolist()
    [2, 2]
    """
    y = np.asarray(y)
    if y.ndim != 1 or y.dtype.kind not in "iu" or np.any(y < 0):
        raise ValueError(f"y must be a 1-D array of int labels >= 0, got {y.dtype} {y.shape}")
    if isinstance(n_test, bool) or not isinstance(n_test, Integral) or not 0 < n_test < len(y):
        raise ValueError(f"n_test must be an int in [1, {len(y) - 1}], got {n_test!r}")
    counts = np.bincount(y)
    share = counts * n_test / len(y)
    quota = np.floor(share).astype(int)
    quota[np.argsort(quota - share, kind="stable")[: n_test - quota.sum()]] += 1
    rng = np.random.default_rng(seed)
    test = np.concatenate([rng.permutation(np.flatnonzero(y == c))[:q]
                           for c, q in enumerate(quota)])
    return np.setdiff1d(np.arange(len(y)), test), np.sort(test)


def load_mnist(split: str = "train", *, normalize: bool = True, flatten: bool = True,
               dtype: DTypeLike = np.float32,
               verify: bool = True) -> tuple[np.ndarray, NDArray[np.int64]]:
    r"""The shipped MNIST digits (the official test set), split 8,000 / 2,000: ``(X, y)``.

    The split is :func:`split_indices` with ``SPLIT_SEED = 0``: stratified, so every
    digit keeps the same share in both parts, and the same on every call.
    Within each part the digits keep their order in the official file.

    Parameters
    ----------
    split : {"train", "test", "all"}
        8,000 training digits, the 2,000 held out, or all 10,000 in file order.
    normalize : bool, default True
        Scale pixels from 0..255 to [0, 1] (x / 255); False keeps 0..255.
    flatten : bool, default True
        Rows of 784 = 28·28 pixels, shape (n, 784); False gives images (n, 28, 28).
    dtype : numpy dtype, default float32
    verify : bool, default True
        Check the shipped files against their SHA256SUMS first (ValueError if corrupted).

    Returns
    -------
    X : ndarray, shape (n, 784) or (n, 28, 28)
    y : ndarray of int64, shape (n,), the digits 0..9

    Notes
    -----
    Introduced in the chapter on MNIST.

    Examples
    --------
    >>> X, y = load_mnist("test")
    >>> X.shape, X.dtype, float(X.min()), float(X.max()), np.bincount(y).sum()
    ((2000, 784), dtype('float32'), 0.0, 1.0, np.int64(2000))
    """
    if split not in ("train", "test", "all"):
        raise ValueError(f"split must be 'train', 'test' or 'all', got {split!r}")
    dtype = _check_options(normalize, flatten, dtype)
    images, labels = _shipped(bool(verify))
    if split != "all":
        train, test = split_indices(labels)
        rows = train if split == "train" else test
        images, labels = images[rows], labels[rows]
    return _prepare(images, labels, normalize, flatten, dtype)


def _fetch(url: str, dest: Path) -> None:
    """Copy `url` into the file `dest` with urllib; OSError on any network failure.

    The only function that touches the network; tests replace it.
    """
    import http.client  # imported here: only a download needs the network modules
    import shutil
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": "nnlib"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response, open(dest, "wb") as out:
            shutil.copyfileobj(response, out)
    except http.client.HTTPException as error:  # e.g. the connection dropped mid-file
        raise OSError(f"{type(error).__name__}: {error}") from error


def _download(name: str, folder: Path) -> Path:
    """Fetch ``name + ".gz"`` from the first mirror that gives the right content.

    Each attempt writes to a temporary file in `folder`, checks it, and only then renames
    it into place (``os.replace`` is atomic), so a failed or partial download never leaves
    a file that looks complete.
    """
    failures, offline = [], True
    for mirror in MIRRORS:
        handle, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".part")
        os.close(handle)
        tmp = Path(tmp)
        try:
            try:
                _fetch(mirror + name + ".gz", tmp)
            except OSError as error:  # includes urllib's URLError and HTTPError
                failures.append(f"{mirror}: {error}")
                continue
            offline = False
            try:
                digest = hashlib.sha256(gunzipped(tmp.read_bytes(), tmp)).hexdigest()
            except ValueError as error:  # not even a readable gzip file
                digest = str(error)
            if digest == _SHA256[name]:
                final = folder / (name + ".gz")
                os.replace(tmp, final)
                return final
            failures.append(f"{mirror}: checksum mismatch (got {digest})")
        finally:
            tmp.unlink(missing_ok=True)
    tried = "; ".join(failures)
    if offline:
        raise ConnectionError(f"could not download {name}.gz: no mirror could be reached; are "
                              f"you offline? ({tried}). To install MNIST by hand, download "
                              f"{', '.join(n + '.gz' for n in _SHA256)} from any MNIST mirror "
                              f"and put them in {folder}")
    raise ValueError(f"{name}.gz failed its SHA-256 check (checksum mismatch): what the "
                     f"mirrors sent is not the official file and was discarded ({tried})")


def _cache_folder(cache_dir: str | os.PathLike | None) -> Path:
    if cache_dir is not None:
        return check_path(cache_dir, "cache_dir").expanduser()
    if os.environ.get("NNLIB_DATA"):
        return Path(os.environ["NNLIB_DATA"]).expanduser() / "mnist"
    return Path.home() / ".cache" / "nnlib" / "mnist"


def load_full_mnist(cache_dir: str | os.PathLike | None = None, *, download: bool = False,
                    normalize: bool = True, flatten: bool = True,
                    dtype: DTypeLike = np.float32, verify: bool = True) -> dict[str, np.ndarray]:
    r"""The official MNIST: 60,000 training and 10,000 test digits, from a cache folder.

    The folder holds the four official files (``train-images-idx3-ubyte.gz`` and so on,
    gzipped or not). Each file's decompressed content is checked against its known
    SHA-256. With ``download=True`` missing files are fetched once (about 11 MB) from
    ``MIRRORS`` over the network; nothing else ever touches the network.

    Parameters
    ----------
    cache_dir : str or path-like, optional
        Default ``$NNLIB_DATA/mnist`` if that variable is set, else ``~/.cache/nnlib/mnist``.
    download : bool, default False
        Fetch missing files. Otherwise a missing file raises ``FileNotFoundError``.
    normalize, flatten, dtype, verify
        As in :func:`load_mnist`.

    Returns
    -------
    dict with "X_train" (60000, 784), "y_train" (60000,), "X_test" (10000, 784), "y_test"

    Raises ``ConnectionError`` when offline (saying how to place the files by hand) and
    ``ValueError`` on a checksum mismatch (a bad download is discarded, never cached).

    Notes
    -----
    Introduced in the chapter on MNIST, for readers who want the whole data set.
    """
    dtype = _check_options(normalize, flatten, dtype)
    check_bool(download, "download")
    folder = _cache_folder(cache_dir)
    paths = {}
    for name in _SHA256:
        found = [folder / f for f in (name + ".gz", name) if (folder / f).is_file()]
        if found:
            paths[name] = found[0]
        elif download:
            folder.mkdir(parents=True, exist_ok=True)
            paths[name] = _download(name, folder)
        else:
            raise FileNotFoundError(f"{name}.gz is not in {folder}: call "
                                    "load_full_mnist(download=True) to fetch the full MNIST "
                                    "once (about 11 MB), or put the four official files there "
                                    "by hand. load_mnist() works offline with the 10,000 "
                                    "digits shipped with nnlib.")
    data = {}
    for part, prefix in [("train", "train"), ("test", "t10k")]:
        arrays = []
        for kind in ("images-idx3-ubyte", "labels-idx1-ubyte"):
            name = f"{prefix}-{kind}"
            raw = gunzipped(paths[name].read_bytes(), paths[name])
            if verify and hashlib.sha256(raw).hexdigest() != _SHA256[name]:
                raise ValueError(f"{paths[name]}: SHA-256 checksum mismatch: this is not the "
                                 "official MNIST file (corrupted?); delete it and call "
                                 "load_full_mnist(download=True)")
            arrays.append(parse_idx(raw, paths[name]))
        _digits(*arrays, folder)
        data[f"X_{part}"], data[f"y_{part}"] = _prepare(*arrays, normalize, flatten, dtype)
    return data
