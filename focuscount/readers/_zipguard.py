"""Checking a zip package (.docx, .pptx, .odt, .odp) against :class:`ReadLimits` before anything inflates it.

python-docx and python-pptx open the package themselves and inflate every part
they meet with ``ZipFile.read``, which trusts nothing but the archive's own
headers: it inflates a deflated member in one call, as far as the data goes,
and only then cuts the result to the size the central directory declares.  A
header that says 1 KB over data that inflates to 1 GB therefore costs 1 GB.

So before a library sees the bytes, :func:`check_archive` checks

* the number of members (a cheap count of central-directory signatures first,
  so a package of millions of empty members is refused before ``ZipFile``
  builds an object for each);
* the declared sizes, alone and in total, against ``limits.max_bytes``;
* each member's declared compression ratio, for members above
  :data:`~focuscount.limits.RATIO_FLOOR_BYTES`;
* the actual inflated size of every deflated member the reader will use, in
  total, counted by :func:`~focuscount.readers._inflate.inflated_size` without
  keeping the output, so the check itself costs no memory: a lying header is caught
  here, before the library trusts it.

Whatever the library later inflates is then bounded by ``limits.max_bytes``
(a member inflating to more than it declares, within that bound, is damaged:
zipfile reports its bad CRC and the reader says the package is broken).  Stored
members cannot inflate, and ``zipfile`` reads them no further than their size;
other methods (bzip2, lzma) do not occur in Office files and are bounded by the
declared-size check only.  Encrypted members are left to the library, which
refuses them.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Collection
from pathlib import Path

from focuscount.errors import ReadError
from focuscount.limits import RATIO_FLOOR_BYTES, ReadLimits
from focuscount.readers._inflate import inflated_size

# A real Office document has tens of parts, a large deck a few thousand (one per slide, layout, image).
MAX_MEMBERS = 10_000

# What a broken zip raises while it is opened or inflated (the callers phrase these as "broken zip archive").
ZIP_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
)

_CENTRAL_DIRECTORY_SIGNATURE = b"PK\x01\x02"
_LOCAL_HEADER_SIGNATURE = b"PK\x03\x04"
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature … file name length, extra field length
_ENCRYPTED_FLAG = 0x1


def too_many_members() -> str:
    """The reason given for a package with more members than any document has."""
    return f"more than {MAX_MEMBERS:,} parts inside (a decompression bomb?)"


def too_compressed(name: str, ratio: float, limit: float) -> str:
    """The reason given for a member that inflates far more than document parts do."""
    return (
        f"expands to more than {limit:g} times its compressed size "
        f"(part {name}: {ratio:.0f} times; a decompression bomb?)"
    )


def check_package(path: Path, data: bytes, limits: ReadLimits, inflated: Collection[str] | None = None) -> None:
    """Refuse the zip package in ``data`` if inflating it could pass ``limits``.

    ``inflated`` names the members the reader will inflate (None: all of them);
    only those are inflated here, and their actual sizes must stay within
    ``limits.max_bytes`` in total too.  Raises :class:`ReadError` with a
    one-line reason for a bomb, and any of :data:`ZIP_ERRORS` for a broken archive.
    """
    if count_members(data) > MAX_MEMBERS:
        raise ReadError(path, too_many_members())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        _check_members(path, data, archive.infolist(), limits, inflated)


def _check_members(
    path: Path,
    data: bytes,
    members: list[zipfile.ZipInfo],
    limits: ReadLimits,
    inflated: Collection[str] | None,
) -> None:
    if len(members) > MAX_MEMBERS:
        raise ReadError(path, too_many_members())
    if sum(member.file_size for member in members) > limits.max_bytes:
        raise ReadError(path, limits.expands())
    for member in members:
        if member.file_size > RATIO_FLOOR_BYTES:
            ratio = member.file_size / max(member.compress_size, 1)
            if ratio > limits.max_compression_ratio:
                raise ReadError(path, too_compressed(member.filename, ratio, limits.max_compression_ratio))
    budget = limits.max_bytes
    for member in members:
        if inflated is not None and member.filename not in inflated:
            continue
        if member.compress_type != zipfile.ZIP_DEFLATED or member.flag_bits & _ENCRYPTED_FLAG:
            continue
        size = inflated_size(_raw_data(data, member), budget, wbits=-zlib.MAX_WBITS)
        if size > budget:
            raise ReadError(path, limits.expands())
        # More than declared but within the budget: damaged data or a harmless lie; zipfile
        # stops at the declared size and reports a bad CRC, which the reader phrases.
        budget -= size


def count_members(data: bytes) -> int:
    """An upper bound of the number of members of the zip in ``data``, without parsing it.

    Each member has one central-directory entry, which starts with a fixed
    signature; compressed data may hold the same four bytes by chance, which
    only makes the bound a little larger.
    """
    return data.count(_CENTRAL_DIRECTORY_SIGNATURE)


def _raw_data(data: bytes, member: zipfile.ZipInfo) -> memoryview:
    """The compressed bytes of ``member``: after its local header, ``compress_size`` long."""
    start = member.header_offset
    header = data[start : start + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size:
        raise zipfile.BadZipFile(f"{member.filename}: truncated local header")
    signature, name_length, extra_length = _LOCAL_HEADER.unpack(header)
    if signature != _LOCAL_HEADER_SIGNATURE:
        raise zipfile.BadZipFile(f"{member.filename}: bad local header")
    begin = start + _LOCAL_HEADER.size + name_length + extra_length
    return memoryview(data)[begin : begin + member.compress_size]
