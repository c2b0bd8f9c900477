"""Plain-text reader (.txt, .text): one segment per paragraph, located by line."""

from __future__ import annotations

from pathlib import Path

from focuscount.limits import DEFAULT_LIMITS, ReadLimits
from focuscount.model import Document
from focuscount.readers._textblocks import decode_text, first_line_title, paragraph_segments, read_bytes


def read(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> Document:
    """Read a plain-text file in whatever encoding it most likely has.

    Paragraphs (blocks of lines between blank lines) become segments located at
    their first line, cut at speaker labels and numbered agenda items (see
    ``_structure``); the title is the first non-empty line.  A zero-byte file,
    a binary one (NUL bytes, or too many control characters to be text) or an
    undecodable one raises :class:`~focuscount.errors.ReadError`.
    """
    path = Path(path)
    text = decode_text(read_bytes(path, limits), path)
    return Document(
        path=path,
        format="txt",
        segments=paragraph_segments(text),
        title=first_line_title(text),
    )
