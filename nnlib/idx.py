r"""The IDX file format, in which the MNIST digits are stored: :func:`read_idx`.

An IDX file is a 4-byte magic number 0x0000TTDD (TT: a type code for the numbers, DD: the
number of dimensions), then DD big-endian uint32 sizes, then the numbers themselves,
row-major and big-endian. The MNIST files are gzipped; gzip is recognised by its first
two bytes, so a file reads the same whether or not it was decompressed.

Notes
-----
Introduced in the chapter on MNIST; :mod:`nnlib.mnist` loads the digits with it.
"""

import gzip
import os
import struct
import zlib

import numpy as np

from nnlib.validation import check_path

__all__ = ["read_idx", "parse_idx", "gunzipped"]

# IDX type codes (third byte of the magic number) and the big-endian dtypes they stand for.
_IDX_TYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}


def gunzipped(raw: bytes, source: object) -> bytes:
    """`raw` itself, or its gunzipped content if it starts with the gzip signature.

    ValueError naming `source` (a file name, for the message) if the gzip data are
    corrupted or truncated. :mod:`nnlib.mnist` hashes what it returns.

    Examples
    --------
    >>> import gzip
    >>> gunzipped(gzip.compress(b"digits"), "test"), gunzipped(b"digits", "test")
    (b'digits', b'digits')
    """
    if raw[:2] != b"\x1f\x8b":
        return raw
    try:
        return gzip.decompress(raw)
    except (OSError, EOFError, zlib.error) as error:  # bad header, truncated, bad CRC
        raise ValueError(f"{source}: corrupted gzip file ({error})") from None


def parse_idx(data: bytes, source: object) -> np.ndarray:
    """The array stored in the (uncompressed) IDX bytes `data`.

    ValueError naming `source` (a file name, for the message) and what is wrong if the
    bytes are not a valid IDX file. :func:`read_idx` is this on a file's content.

    Examples
    --------
    >>> parse_idx(bytes([0, 0, 0x08, 1, 0, 0, 0, 2, 7, 9]), "two labels")
    array([7, 9], dtype=uint8)
    """
    def bad(problem: str) -> ValueError:
        return ValueError(f"{source}: not a valid IDX file: {problem}")

    if len(data) < 4:
        raise bad(f"only {len(data)} bytes, but the magic number alone takes 4")
    if data[:2] != b"\0\0" or data[2] not in _IDX_TYPES or data[3] == 0:
        raise bad(f"bad magic number 0x{data[:4].hex()} (expected 0x0000TTDD: two zero "
                  f"bytes, a type code TT in {{{', '.join(f'{t:02x}' for t in _IDX_TYPES)}}} "
                  "and the number of dimensions DD >= 1)")
    dtype, ndim = np.dtype(_IDX_TYPES[data[2]]), data[3]
    start = 4 + 4 * ndim
    if len(data) < start:
        raise bad(f"truncated header: {ndim} dimensions need {start} bytes, got {len(data)}")
    shape = struct.unpack(f">{ndim}I", data[4:start])
    size = int(np.prod(shape, dtype=object)) * dtype.itemsize
    if len(data) - start != size:
        what = "truncated" if len(data) - start < size else "trailing bytes"
        raise bad(f"{what}: the header promises shape {shape} = {size:,} bytes of data, "
                  f"the file holds {len(data) - start:,}")
    array = np.frombuffer(data, dtype=dtype, offset=start).reshape(shape)
    return array.astype(dtype.newbyteorder("="))  # a writable copy in native byte order


def read_idx(path: str | os.PathLike) -> np.ndarray:
    r"""Read an IDX file (the format of the MNIST files), gzipped or not.

    The header is a magic number 0x0000TTDD (type code TT, number of dimensions DD),
    then DD big-endian uint32 sizes; the data follow, row-major and big-endian.

    Parameters
    ----------
    path : str or path-like
        An IDX file; gzip is recognised by its first two bytes, not by the name.

    Returns
    -------
    ndarray, shape given by the header, dtype given by the type code (native byte order)

    Raises ``ValueError`` naming the file and what is wrong for a corrupted, truncated
    or non-IDX file.

    Notes
    -----
    Introduced in the chapter on MNIST.

    Examples
    --------
    >>> from nnlib.mnist import DATA_DIR  # the folder of the shipped MNIST files
    >>> read_idx(DATA_DIR / "t10k-labels-idx1-ubyte.gz")[:5]  # the first test digits
    array([7, 2, 1, 0, 4], dtype=uint8)
    """
    path = check_path(path)
    return parse_idx(gunzipped(path.read_bytes(), path), path)

