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


@dataclass(frozen=True)
class ReadLimits:
    """How much one file may hold: its size on disk, each part's inflated size, and its compression ratio."""

    max_file_mb: float = DEFAULT_MAX_FILE_MB
    max_compression_ratio: float = DEFAULT_MAX_COMPRESSION_RATIO

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
