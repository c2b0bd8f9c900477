"""Bounds on what pdfminer may inflate and lay out from one PDF: its streams, and the text of its pages.

pdfminer.six (read against version 20260107) decodes a stream in
``PDFStream.decode`` through names of :mod:`pdfminer.pdftypes`:
``zlib.decompress``, ``decompress_corrupted`` (for a stream failing its
checksum), ``lzwdecode`` and ``rldecode``.  Each builds its whole output in
memory with no bound, and ``decompress_corrupted`` feeds zlib one byte at a
time, growing its result by copying (quadratic time).  :func:`install` rebinds
those names once, for the whole process, to versions that stop as soon as the
output passes the :class:`PdfBudget` active in the current context (see
:meth:`PdfBudget.active`); with no budget active they do what pdfminer's own do.
``PDFStream.decode`` itself is wrapped to count every decoded stream (whatever
its filters) against the same budget.

Inflated bytes are only half of it: laid out, every character of a page is a
Python object of about a kilobyte, so a few megabytes of text-showing
operators cost gigabytes.  :func:`bounded_aggregator` builds pdfminer's page
aggregator with a bound on the characters of one page and of the whole
document, and without shapes (lines, rectangles, curves), which are never
text and would cost the same.
"""

from __future__ import annotations

import io
import types
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from focuscount.limits import RATIO_FLOOR_BYTES, ReadLimits
from focuscount.readers._inflate import MAX_DEFLATE_RATIO, inflated_size

# Ten times the densest real page (small print on A4 holds about 10,000 characters); at about
# 1.1 KB per laid-out character this keeps one page's layout near 100 MB.
MAX_PAGE_CHARS = 100_000

_ACTIVE: ContextVar[PdfBudget | None] = ContextVar("focuscount_pdf_budget", default=None)
_ZLIB_CHECKSUM_BYTES = 4


class PdfLimitExceeded(Exception):
    """A PDF passed one of the bounds of its :class:`PdfBudget`; ``reason`` says which, in one line."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class PdfBudget:
    """What one PDF has used so far: bytes decoded from its streams, characters laid out from its pages."""

    limits: ReadLimits
    decoded: int = 0
    characters: int = 0

    @contextmanager
    def active(self) -> Iterator[PdfBudget]:
        """Within the block, pdfminer's stream decoding (in this context) counts against this budget."""
        token = _ACTIVE.set(self)
        try:
            yield self
        finally:
            _ACTIVE.reset(token)

    @property
    def remaining(self) -> int:
        """How many more decoded bytes the document may hold."""
        return max(self.limits.max_bytes - self.decoded, 0)

    def output_cap(self, compressed: int) -> tuple[int, str]:
        """The most bytes one filter may produce from ``compressed`` bytes, and the reason given past it."""
        remaining = self.remaining
        by_ratio = max(RATIO_FLOOR_BYTES, int(compressed * self.limits.max_compression_ratio))
        if remaining <= by_ratio:
            return remaining, self.limits.expands()
        return by_ratio, too_compressed(self.limits)

    def add_decoded(self, size: int) -> None:
        """Count a decoded stream; raise once all streams together pass ``limits.max_bytes``."""
        self.decoded += size
        if self.decoded > self.limits.max_bytes:
            raise PdfLimitExceeded(self.limits.expands())

    def add_characters(self, count: int) -> None:
        """Count laid-out characters; raise once the document's text passes ``limits.max_bytes``."""
        self.characters += count
        if self.characters > self.limits.max_bytes:
            raise PdfLimitExceeded(self.limits.expands())


def too_compressed(limits: ReadLimits) -> str:
    """The reason given for a stream inflating far more than document content does."""
    ratio = f"{limits.max_compression_ratio:g}"
    return f"expands to more than {ratio} times its compressed size (a stream; a decompression bomb?)"


def crowded_page(number: int) -> str:
    """The reason given for a page with more characters than any page of text."""
    return f"page {number} holds more than {MAX_PAGE_CHARS:,} characters (a decompression bomb?)"


# ----------------------------------------------------------------- stream decoding


_installed = False


def install() -> None:
    """Rebind pdfminer's decoding functions to the budgeted ones (once per process; idempotent)."""
    global _installed
    if _installed:
        return
    from pdfminer import pdftypes

    originals = types.SimpleNamespace(
        decompress_corrupted=pdftypes.decompress_corrupted,
        lzwdecode=pdftypes.lzwdecode,
        rldecode=pdftypes.rldecode,
        decode=pdftypes.PDFStream.decode,
    )
    pdftypes.zlib = types.SimpleNamespace(  # type: ignore[assignment]
        decompress=_when_active(_inflate, zlib.decompress),
        decompressobj=zlib.decompressobj,
        error=zlib.error,
    )
    # pdfminer's own functions replaced by guarded ones of the same signature (mypy sees two function types).
    pdftypes.decompress_corrupted = _when_active(_inflate_damaged, originals.decompress_corrupted)  # type: ignore[assignment]
    pdftypes.lzwdecode = _when_active(_lzw_decode, originals.lzwdecode)  # type: ignore[assignment]
    pdftypes.rldecode = _when_active(_run_length_decode, originals.rldecode)  # type: ignore[assignment]

    def decode(stream: Any) -> None:
        originals.decode(stream)
        budget = _ACTIVE.get()
        if budget is not None:
            budget.add_decoded(len(stream.data or b""))

    pdftypes.PDFStream.decode = decode  # type: ignore[method-assign, assignment]
    _installed = True


def _when_active(
    budgeted: Callable[[PdfBudget, bytes], bytes], original: Callable[[bytes], bytes]
) -> Callable[[bytes], bytes]:
    def decode(data: bytes) -> bytes:
        budget = _ACTIVE.get()
        return original(data) if budget is None else budgeted(budget, data)

    return decode


def _inflate(budget: PdfBudget, data: bytes) -> bytes:
    """``zlib.decompress(data)`` within the budget's cap.

    When the data could inflate past the cap at all, its size is counted first
    without keeping the output, so a bomb costs no memory and a stream within
    the cap is held once.  Unlike ``zlib.decompress`` a truncated stream gives
    what it holds instead of an error; pdfminer's fallback for that error gives
    the same.
    """
    cap, reason = budget.output_cap(len(data))
    if len(data) * MAX_DEFLATE_RATIO > cap and inflated_size(data, cap) > cap:
        # Past the ratio cap: say "more than N MB" when that is true too, the plainer reason.
        remaining = budget.remaining
        if remaining > cap and inflated_size(data, remaining) > remaining:
            raise PdfLimitExceeded(budget.limits.expands())
        raise PdfLimitExceeded(reason)
    return zlib.decompressobj().decompress(data)


def _inflate_damaged(budget: PdfBudget, data: bytes) -> bytes:
    """What pdfminer's ``decompress_corrupted`` gives (a stream whose checksum fails), in linear time.

    pdfminer keeps the output when zlib fails only in the last bytes (the
    checksum): that is the output of everything before the checksum.  Damage
    earlier still raises ``zlib.error``, which pdfminer turns into an empty stream.
    """
    return _inflate(budget, data[:-_ZLIB_CHECKSUM_BYTES])


def _lzw_decode(budget: PdfBudget, data: bytes) -> bytes:
    from pdfminer.lzw import LZWDecoder

    cap, reason = budget.output_cap(len(data))
    pieces: list[bytes] = []
    size = 0
    for piece in LZWDecoder(io.BytesIO(data)).run():
        size += len(piece)
        if size > cap:
            raise PdfLimitExceeded(reason)
        pieces.append(piece)
    return b"".join(pieces)


def _run_length_decode(budget: PdfBudget, data: bytes) -> bytes:
    """The RunLengthDecode filter (PDF 1.7, 7.4.5) into a bytearray; a truncated run gives what it holds.

    pdfminer's own builds a list of ints (eight bytes of memory per byte) and
    raises RuntimeError on a truncated run.
    """
    cap, reason = budget.output_cap(len(data))
    output = bytearray()
    position = 0
    while position < len(data):
        length = data[position]
        position += 1
        if length == 128:  # end of data
            break
        if length < 128:  # the next length + 1 bytes, literally
            output += data[position : position + length + 1]
            position += length + 1
        else:  # the next byte, 257 - length times
            output += data[position : position + 1] * (257 - length)
            position += 1
        if len(output) > cap:
            raise PdfLimitExceeded(reason)
    return bytes(output)


# ----------------------------------------------------------------- layout


def bounded_aggregator(resource_manager: Any, laparams: Any, budget: PdfBudget) -> Any:
    """A ``PDFPageAggregator`` counting characters against ``budget`` and :data:`MAX_PAGE_CHARS`, without shapes."""
    from pdfminer.converter import PDFPageAggregator

    class BoundedPageAggregator(PDFPageAggregator):
        page_characters = 0

        def begin_page(self, page: Any, ctm: Any) -> None:
            self.page_characters = 0
            super().begin_page(page, ctm)

        def render_char(self, *args: Any, **kwargs: Any) -> float:
            self.page_characters += 1
            if self.page_characters > MAX_PAGE_CHARS:
                raise PdfLimitExceeded(crowded_page(self.pageno))
            budget.add_characters(1)
            return super().render_char(*args, **kwargs)

        def paint_path(self, *args: Any, **kwargs: Any) -> None:
            """Shapes are not text: they are never laid out (a page of a million lines must cost nothing)."""

    return BoundedPageAggregator(resource_manager, laparams=laparams)
