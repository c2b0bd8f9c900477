"""Counting what deflate data inflates to without keeping it: the size check before trusting a header."""

from __future__ import annotations

import zlib

# Deflate cannot do better than about 1032 to 1 (a 258-byte match per two bits, at best).
MAX_DEFLATE_RATIO = 1032
_STEP = 64 * 1024


def inflated_size(data: bytes | memoryview, stop: int, wbits: int = zlib.MAX_WBITS) -> int:
    """How many bytes ``data`` inflates to, counting no further than just past ``stop``.

    ``wbits`` is zlib's: ``zlib.MAX_WBITS`` for a zlib stream (a PDF's
    FlateDecode), ``-zlib.MAX_WBITS`` for raw deflate (a zip member).  Input goes
    in 64 KB steps and each call returns at most 64 KB, so neither the output nor
    zlib's unconsumed input (copied on every call) grows: memory stays at one
    step whatever the data says.  Damaged data raises ``zlib.error``; truncated
    data counts what it holds.
    """
    inflater = zlib.decompressobj(wbits)
    size = 0
    for offset in range(0, len(data), _STEP):
        pending: bytes | memoryview = data[offset : offset + _STEP]
        while True:
            produced = len(inflater.decompress(pending, _STEP))
            size += produced
            if size > stop or inflater.eof:
                return size
            pending = inflater.unconsumed_tail
            if not pending and produced < _STEP:
                break
    return size
