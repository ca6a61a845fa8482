"""Tests for nnlib.mnist and nnlib.idx: the shipped files, IDX parsing, the split, and the
(offline) download.

No test touches the network: an autouse fixture replaces ``mnist._fetch`` with a function
that fails the test, and the download tests replace it with a copy from a local folder.
"""

import gzip
import hashlib
import shutil
import struct
from pathlib import Path

import numpy as np
import pytest

from nnlib import mnist
from nnlib.mnist import DATA_DIR, load_full_mnist, load_mnist, read_idx, split_indices

pytestmark = pytest.mark.filterwarnings("error")

IMAGES, LABELS = DATA_DIR / "t10k-images-idx3-ubyte.gz", DATA_DIR / "t10k-labels-idx1-ubyte.gz"
NAMES = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte",
         "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    def forbidden(url, dest):
        pytest.fail(f"a test tried to download {url}")
    monkeypatch.setattr(mnist, "_fetch", forbidden)
    with np.errstate(all="raise"):
        yield


def idx_bytes(array: np.ndarray, code: int = 0x08) -> bytes:
    header = struct.pack(">BBBB", 0, 0, code, array.ndim) + struct.pack(f">{array.ndim}I",
                                                                         *array.shape)
    return header + array.astype(array.dtype.newbyteorder(">")).tobytes()


# --- the shipped files -------------------------------------------------------------------

def test_sha256sums_file_matches_the_shipped_files():
    lines = (DATA_DIR / "SHA256SUMS").read_text().splitlines()
    entries = dict(reversed(line.split("  ")) for line in lines)
    assert sorted(entries) == [IMAGES.name, LABELS.name]
    for name, digest in entries.items():
        assert len(digest) == 64 and digest == hashlib.sha256((DATA_DIR / name).read_bytes()
                                                              ).hexdigest()
    assert sorted(p.name for p in DATA_DIR.iterdir()) == ["SHA256SUMS", IMAGES.name, LABELS.name]


def test_shipped_files_are_the_official_test_set():
    """The decompressed content has the official SHA-256 of LeCun's t10k files."""
    for path in (IMAGES, LABELS):
        content = gzip.decompress(path.read_bytes())
        assert hashlib.sha256(content).hexdigest() == mnist._SHA256[path.name[:-3]]


def test_first_test_digit_is_a_seven():
    raw = gzip.decompress(LABELS.read_bytes())
    assert raw[:8] == bytes.fromhex("0000080100002710")  # magic 2049, 10,000 labels
    assert raw[8] == 7  # the famous first test digit, read by hand from the raw bytes
    assert read_idx(LABELS)[0] == 7
    assert load_mnist("all")[1][0] == 7


def test_read_idx_shipped():
    images, labels = read_idx(IMAGES), read_idx(LABELS)
    assert images.shape == (10000, 28, 28) and images.dtype == np.uint8
    assert labels.shape == (10000,) and labels.dtype == np.uint8
    assert np.bincount(labels).tolist() == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
    assert images.flags.writeable


# --- read_idx on good and corrupted files ------------------------------------------------

@pytest.mark.parametrize("dtype, code", [(">u1", 0x08), (">i1", 0x09), (">i2", 0x0B),
                                          (">i4", 0x0C), (">f4", 0x0D), (">f8", 0x0E)])
@pytest.mark.parametrize("zipped", [False, True])
def test_read_idx_round_trip(tmp_path, dtype, code, zipped):
    array = (np.arange(24).reshape(2, 3, 4) - 5).astype(dtype)
    data = idx_bytes(array, code)
    path = tmp_path / "a.idx"
    path.write_bytes(gzip.compress(data) if zipped else data)
    got = read_idx(path)
    assert np.array_equal(got, array) and got.dtype == np.dtype(dtype).newbyteorder("=")
    assert read_idx(str(path)).shape == (2, 3, 4)


def corrupt(data: bytes) -> dict[str, tuple[bytes, str]]:
    """Broken copies of IDX `data` and the words their error must contain."""
    flipped = bytearray(data)
    flipped[500] ^= 0xFF
    return {
        "wrong magic": (b"\x08\x03" + data[2:], "bad magic number 0x0803"),
        "bad type code": (data[:2] + b"\x07" + data[3:], "bad magic number 0x00000701"),
        "zero dims": (data[:3] + b"\x00" + data[4:], "bad magic number"),
        "truncated": (data[:-100], "truncated: the header promises shape (10000,)"),
        "trailing": (data + b"\0", "trailing bytes"),
        "header cut": (data[:6], "truncated header"),
        "empty": (b"", "only 0 bytes"),
        "gzip cut": (gzip.compress(data)[:-50], "corrupted gzip file"),
        "gzip bit flip": (bytes(gzip.compress(data)[:-8]) + b"\0" * 8, "corrupted gzip file"),
    }


@pytest.mark.parametrize("case", list(corrupt(b"\0" * 600)))
def test_read_idx_corrupted(tmp_path, case):
    data, words = corrupt(gzip.decompress(LABELS.read_bytes()))[case]
    path = tmp_path / f"broken {case}.gz"
    path.write_bytes(data)
    with pytest.raises(ValueError, match="broken") as error:
        read_idx(path)
    assert str(path) in str(error.value) and words in str(error.value)


def test_shipped_checksum_mismatch(tmp_path, monkeypatch):
    for f in DATA_DIR.iterdir():
        shutil.copy(f, tmp_path / f.name)
    monkeypatch.setattr(mnist, "DATA_DIR", tmp_path)
    assert load_mnist("all", verify=True)[0].shape == (10000, 784)  # the copy is fine
    data = bytearray((tmp_path / IMAGES.name).read_bytes())
    data[100_000] ^= 0x01  # one flipped bit
    (tmp_path / IMAGES.name).write_bytes(bytes(data))
    with pytest.raises(ValueError, match="checksum mismatch.*the shipped file is corrupted"):
        load_mnist()
    with pytest.raises(ValueError, match="corrupted gzip file"):  # gzip's CRC still notices
        load_mnist(verify=False)
    (tmp_path / "SHA256SUMS").write_text("")
    with pytest.raises(ValueError, match="expected an entry for it"):
        load_mnist()


# --- load_mnist: the split and the conversions -------------------------------------------

def test_split_sizes_disjoint_deterministic_stratified():
    labels = read_idx(LABELS)
    train, test = split_indices(labels)
    assert len(train) == 8000 and len(test) == 2000
    assert np.intersect1d(train, test).size == 0
    assert np.array_equal(np.union1d(train, test), np.arange(10000))
    again = split_indices(labels)
    assert np.array_equal(train, again[0]) and np.array_equal(test, again[1])
    assert np.all(np.abs(np.bincount(labels[test]) - 0.2 * np.bincount(labels)) <= 1)
    assert not np.array_equal(test, split_indices(labels, seed=1)[1])


def test_split_is_pinned():
    """The held-out digits never change silently (e.g. if numpy changed its random streams)."""
    _, test = split_indices(read_idx(LABELS))
    assert test[:8].tolist() == [2, 13, 14, 16, 18, 24, 31, 33]
    assert hashlib.sha256(test.astype("<i8").tobytes()).hexdigest() == (
        "23689a5044cf5150bea40f457b4d14bcff1d12a1fe707db2448f7b785abbd0ff")


def test_load_mnist_parts():
    X_all, y_all = load_mnist("all")
    train, test = split_indices(y_all)
    for split, rows in [("train", train), ("test", test)]:
        X, y = load_mnist(split)
        assert X.shape == (len(rows), 784) and X.dtype == np.float32
        assert y.shape == (len(rows),) and y.dtype == np.int64
        assert set(np.unique(y).tolist()) == set(range(10))
        assert X.min() == 0.0 and X.max() == 1.0
        assert np.array_equal(X, X_all[rows]) and np.array_equal(y, y_all[rows])
        X2, y2 = load_mnist(split)
        assert np.array_equal(X, X2) and np.array_equal(y, y2)


def test_load_mnist_options():
    raw = read_idx(IMAGES)
    X, _ = load_mnist("all", flatten=False, normalize=False, dtype=np.uint8)
    assert X.shape == (10000, 28, 28) and X.dtype == np.uint8 and np.array_equal(X, raw)
    X, _ = load_mnist("all", dtype=np.float64)
    assert X.dtype == np.float64 and np.array_equal(X, raw.reshape(10000, 784) / 255.0)
    X, _ = load_mnist("test", flatten=False)
    assert X.shape == (2000, 28, 28)


@pytest.mark.parametrize("kwargs, error, match", [
    ({"split": "val"}, ValueError, "split must be 'train', 'test' or 'all', got 'val'"),
    ({"dtype": np.uint8}, ValueError, "dtype must be a float dtype"),
    ({"dtype": bool, "normalize": False}, ValueError, "dtype must be a float dtype"),
    ({"dtype": np.int8, "normalize": False}, ValueError,
     "an int dtype that holds the raw values 0..255, such as uint8 or int16"),  # 255 wraps
    ({"dtype": "banana"}, ValueError, "dtype must be a float dtype .* got 'banana'"),
    ({"normalize": 1}, TypeError, "normalize must be True or False"),
    ({"flatten": None}, TypeError, "flatten must be True or False"),
])
def test_load_mnist_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        load_mnist(**kwargs)


def test_split_indices_bad_arguments():
    with pytest.raises(ValueError, match="y must be a 1-D array of int labels"):
        split_indices(np.array([0.5, 1.0]))
    with pytest.raises(ValueError, match=r"n_test must be an int in \[1, 3\], got 4"):
        split_indices(np.array([0, 1, 0, 1]), n_test=4)


# --- load_full_mnist, with a fake mirror instead of the network --------------------------

@pytest.fixture
def mirror(tmp_path, monkeypatch):
    """Tiny fake MNIST files served by a fake `_fetch`; their sums replace the official ones."""
    source = tmp_path / "mirror"
    source.mkdir()
    rng = np.random.default_rng(0)
    sums = {}
    for name, n in [("train", 6), ("t10k", 3)]:
        for kind, array in [("images-idx3-ubyte", rng.integers(0, 256, (n, 28, 28))),
                            ("labels-idx1-ubyte", rng.integers(0, 10, n))]:
            data = idx_bytes(array.astype(np.uint8))
            (source / f"{name}-{kind}.gz").write_bytes(gzip.compress(data))
            sums[f"{name}-{kind}"] = hashlib.sha256(data).hexdigest()
    monkeypatch.setattr(mnist, "_SHA256", sums)
    monkeypatch.setattr(mnist, "MIRRORS", ("https://one.invalid/", "https://two.invalid/"))
    calls = []

    def fetch(url, dest):
        calls.append(url)
        shutil.copy(source / url.rsplit("/", 1)[1], dest)
    monkeypatch.setattr(mnist, "_fetch", fetch)
    return source, calls


def test_missing_without_download(tmp_path, mirror):
    with pytest.raises(FileNotFoundError, match=r"download=True.*load_mnist\(\) works offline"):
        load_full_mnist(tmp_path / "cache")
    assert mirror[1] == [] and not (tmp_path / "cache").exists()


def test_download_then_cache_hit(tmp_path, mirror):
    source, calls = mirror
    cache = tmp_path / "cache"
    data = load_full_mnist(cache, download=True)
    assert len(calls) == 4 and all(url.startswith("https://one.invalid/") for url in calls)
    assert sorted(p.name for p in cache.iterdir()) == sorted(n + ".gz" for n in NAMES)
    assert data["X_train"].shape == (6, 784) and data["y_test"].shape == (3,)
    assert data["X_train"].dtype == np.float32 and data["y_train"].dtype == np.int64
    raw = read_idx(source / "train-images-idx3-ubyte.gz")
    assert np.array_equal(data["X_train"], raw.reshape(6, 784).astype(np.float32) / 255)
    again = load_full_mnist(cache, download=True)  # cache hit: nothing fetched
    assert len(calls) == 4 and np.array_equal(again["X_test"], data["X_test"])


def test_failing_fetch_leaves_no_partial_file(tmp_path, mirror, monkeypatch):
    def half_then_fail(url, dest):
        Path(dest).write_bytes(b"\x1f\x8b partial")
        raise OSError("Network is unreachable")
    monkeypatch.setattr(mnist, "_fetch", half_then_fail)
    cache = tmp_path / "cache"
    with pytest.raises(ConnectionError) as error:
        load_full_mnist(cache, download=True)
    message = str(error.value)
    assert "are you offline?" in message and "Network is unreachable" in message
    assert "put them in" in message and str(cache) in message and "two.invalid" in message
    assert list(cache.iterdir()) == []  # no partial file, no temporary file


def test_checksum_mismatch_discards_download(tmp_path, mirror, monkeypatch):
    calls = []

    def wrong(url, dest):
        calls.append(url)
        Path(dest).write_bytes(gzip.compress(b"<html>not MNIST</html>"))
    monkeypatch.setattr(mnist, "_fetch", wrong)
    cache = tmp_path / "cache"
    with pytest.raises(ValueError, match="checksum mismatch") as error:
        load_full_mnist(cache, download=True)
    assert len(calls) == 2 and "not the official file" in str(error.value)
    assert list(cache.iterdir()) == []


def test_falls_back_to_the_next_mirror(tmp_path, mirror, monkeypatch):
    source, calls = mirror
    good = mnist._fetch

    def first_mirror_down(url, dest):
        if "one.invalid" in url:
            raise OSError("HTTP Error 403: Forbidden")
        good(url, dest)
    monkeypatch.setattr(mnist, "_fetch", first_mirror_down)
    data = load_full_mnist(tmp_path / "cache", download=True)
    assert data["X_test"].shape == (3, 784)
    assert len(calls) == 4 and all("two.invalid" in url for url in calls)


def test_corrupted_cache_file(tmp_path, mirror):
    cache = tmp_path / "cache"
    load_full_mnist(cache, download=True)
    (cache / "t10k-labels-idx1-ubyte.gz").write_bytes(
        gzip.compress(idx_bytes(np.array([1, 2, 3], dtype=np.uint8))))
    with pytest.raises(ValueError, match="t10k-labels.*checksum mismatch.*download=True"):
        load_full_mnist(cache)
    assert load_full_mnist(cache, verify=False)["y_test"].tolist() == [1, 2, 3]


def test_uncompressed_files_by_hand(tmp_path, mirror):
    source, calls = mirror
    for name in NAMES:
        (tmp_path / name).write_bytes(gzip.decompress((source / (name + ".gz")).read_bytes()))
    assert load_full_mnist(tmp_path)["X_train"].shape == (6, 784) and calls == []


def test_default_cache_folders(tmp_path, mirror, monkeypatch):
    monkeypatch.delenv("NNLIB_DATA", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    with pytest.raises(FileNotFoundError, match=str(tmp_path / "home" / ".cache/nnlib/mnist")):
        load_full_mnist()
    monkeypatch.setenv("NNLIB_DATA", str(tmp_path / "data"))
    load_full_mnist(download=True)
    assert (tmp_path / "data" / "mnist" / "t10k-images-idx3-ubyte.gz").is_file()


def test_real_fetch_on_local_urls(tmp_path, monkeypatch):
    """The real `_fetch`, on file:// URLs (local, no network): copies, or raises OSError."""
    monkeypatch.undo()  # restore the real _fetch
    source = tmp_path / "source.bin"
    source.write_bytes(b"digits")
    mnist._fetch(source.as_uri(), tmp_path / "copy.bin")
    assert (tmp_path / "copy.bin").read_bytes() == b"digits"
    with pytest.raises(OSError):
        mnist._fetch((tmp_path / "missing").as_uri(), tmp_path / "other.bin")


def test_load_full_mnist_bad_arguments(tmp_path):
    with pytest.raises(TypeError, match="download must be True or False"):
        load_full_mnist(tmp_path, download="yes")
    with pytest.raises(ValueError, match="dtype must be a float dtype"):
        load_full_mnist(tmp_path, dtype=np.int32)
