"""Plain-text reader (.txt, .text, and standard input): one segment per paragraph, located by line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

from focuscount.errors import ReadError
from focuscount.limits import DEFAULT_LIMITS, ReadLimits
from focuscount.model import Document
from focuscount.readers._textblocks import decode_text, first_line_title, paragraph_segments, read_bytes

EMPTY_INPUT = "standard input is empty"
_CHUNK_BYTES = 1 << 20


def read(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> Document:
    """Read a plain-text file in whatever encoding it most likely has.

    Paragraphs (blocks of lines between blank lines) become segments located at
    their first line, cut at speaker labels and numbered agenda items (see
    ``_structure``); the title is the first non-empty line.  A zero-byte file,
    a binary one (NUL bytes, or too many control characters to be text) or an
    undecodable one raises :class:`~focuscount.errors.ReadError`.
    """
    path = Path(path)
    return text_document(read_bytes(path, limits), path)


def text_document(data: bytes, path: Path) -> Document:
    """The document of a text's bytes, decoded and cut as :func:`read` does, under the name ``path``."""
    text = decode_text(data, path)
    return Document(
        path=path,
        format="txt",
        segments=paragraph_segments(text),
        title=first_line_title(text),
    )


def read_standard_input(path: Path, limits: ReadLimits = DEFAULT_LIMITS, stream: BinaryIO | None = None) -> bytes:
    """Standard input's bytes (or ``stream``'s), read to the end but never more than one byte past the limit.

    The extra byte lets :func:`standard_input_document` tell a text at ``limits.max_bytes``
    from a longer one.  A standard input that was closed before focuscount started gives
    no bytes; one that fails while it is read raises :class:`~focuscount.errors.ReadError`
    naming ``path`` (an error of the run: what was piped in cannot be read again).
    """
    if stream is None:
        if sys.stdin is None:
            return b""
        stream = sys.stdin.buffer
    wanted = limits.max_bytes + 1
    chunks: list[bytes] = []
    size = 0
    try:
        while size < wanted:
            chunk = stream.read(min(_CHUNK_BYTES, wanted - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except (OSError, ValueError) as error:  # ValueError: a stream closed meanwhile
        raise ReadError(path, f"cannot read standard input ({error})", error) from error
    return b"".join(chunks)


def standard_input_document(data: bytes, path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> Document:
    """The document of what :func:`read_standard_input` gave, named ``path`` (``<stdin>``), read as a .txt file is.

    Raises :class:`~focuscount.errors.ReadError` when nothing was piped in, when it is
    longer than ``limits.max_bytes``, and for what is not text (as :func:`read` does).
    """
    if not data:
        raise ReadError(path, EMPTY_INPUT)
    if len(data) > limits.max_bytes:
        raise ReadError(path, limits.too_big())
    return text_document(data, path)
