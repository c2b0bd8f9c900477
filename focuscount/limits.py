"""Bounds on what one input file may cost: bytes read from disk, bytes inflated from inside it.

Every reader gets a :class:`ReadLimits`; a file that would pass a bound is skipped
with a one-line reason instead of exhausting memory or time.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MAX_FILE_MB = 200.0
# A zip member (or PDF stream) that inflates more than this many times its compressed
# size is a bomb, not a document: real Office XML compresses 5-20x, rarely past 100x.
DEFAULT_MAX_COMPRESSION_RATIO = 200.0
# Below this many inflated bytes a part is never judged by its ratio (tiny parts compress well).
RATIO_FLOOR_BYTES = 1024 * 1024
# OCR (focuscount.ocr): a file with more scanned pages than this is skipped, not read for an hour.
DEFAULT_MAX_OCR_PAGES = 200
DEFAULT_OCR_SECONDS_PER_PAGE = 60.0  # Tesseract takes 1-5 s for a typed page at 300 dpi
# A page is rendered for OCR at no more pixels than this (an A3 page at 300 dpi is 17.4 million);
# a larger page is rendered at a lower resolution to fit.
DEFAULT_MAX_OCR_PIXELS = 25_000_000


@dataclass(frozen=True)
class ReadLimits:
    """How much one file may hold: its size on disk, each part's inflated size, its compression ratio, and how
    much OCR it may cost (pages, seconds per page, pixels per page image)."""

    max_file_mb: float = DEFAULT_MAX_FILE_MB
    max_compression_ratio: float = DEFAULT_MAX_COMPRESSION_RATIO
    max_ocr_pages: int = DEFAULT_MAX_OCR_PAGES  # pages of one file read by OCR, at most
    ocr_seconds_per_page: float = DEFAULT_OCR_SECONDS_PER_PAGE  # Tesseract's time limit for one page
    max_ocr_pixels: int = DEFAULT_MAX_OCR_PIXELS  # the largest page image given to Tesseract

    @property
    def max_bytes(self) -> int:
        """``max_file_mb`` in bytes: the most read from disk, or inflated from one file."""
        return int(self.max_file_mb * 1024 * 1024)

    def too_big(self) -> str:
        """The reason given for a file over the size bound."""
        return f"larger than {_mb(self.max_file_mb)} MB (raise --max-file-mb to read it)"

    def expands(self) -> str:
        """The reason given for a file whose content inflates past a bound."""
        return f"expands to more than {_mb(self.max_file_mb)} MB (a decompression bomb?)"


def _mb(value: float) -> str:
    return f"{value:g}"


DEFAULT_LIMITS = ReadLimits()
