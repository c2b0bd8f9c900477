"""Helpers the readers share: read a file's bytes, decode text, cut it into located paragraphs.

Line numbers handed out here are 1-based and count every line of the decoded
text, blank ones included, so ``Location.at_offset`` lands on the line an
editor shows for the original file.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from focuscount.errors import ReadError
from focuscount.limits import DEFAULT_LIMITS, ReadLimits
from focuscount.model import Location, Segment
from focuscount.safeio import read_regular_file

MAX_SEGMENT_CHARS = 50_000
TITLE_MAX_CHARS = 120

# Titles that authoring tools write when the user never set one: not a title.
PLACEHOLDER_TITLES = frozenset({"untitled", "word document", "powerpoint presentation"})

# Checked longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_UTF16_SAMPLE_BYTES = 4096
_SPACES = re.compile(" *")

EMPTY_FILE = "empty file (0 bytes)"
# Control characters (C0 and C1, but tab, line feed, carriage return and form feed
# are layout) and U+FFFD: real minutes hold almost none, while random bytes decoded
# as Latin-1 are about a quarter control characters.
_UNREADABLE_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
MAX_UNREADABLE_SHARE = 0.10
_PLAUSIBLE_SAMPLE_CHARS = 64 * 1024
_COUNT_CHUNK_CHARS = 1 << 20  # counted a chunk at a time, so garbage never builds a huge match list


def read_bytes(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> bytes:
    """The whole content of the regular file ``path``, at most ``limits.max_bytes``, or a :class:`ReadError`.

    The file is opened without blocking (a named pipe never hangs the run) and
    checked on the open descriptor: anything but a regular file is refused with
    its kind named, and no more than the limit is ever read (``/dev/zero`` behind
    a link costs nothing).  A zero-byte file is refused the same way in every
    format (:data:`EMPTY_FILE`): there is nothing in it to count.
    """
    data = read_regular_file(path, limits.max_bytes, limits.too_big())
    if not data:
        raise ReadError(path, EMPTY_FILE)
    return data


def brief(error: BaseException, limit: int = 160) -> str:
    """A one-line, bounded description of a library's exception for a ReadError message."""
    text = str(error.args[0]) if isinstance(error, KeyError) and error.args else str(error)
    text = " ".join(text.split()) or type(error).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def decode_text(data: bytes, path: Path) -> str:
    """Decode a text file's bytes the way a user's editor most likely wrote them.

    A byte-order mark wins (UTF-8, UTF-16, UTF-32); NUL bytes mean UTF-16 without
    a mark when their pattern says so, else a binary file; otherwise UTF-8, then
    cp1252, then latin-1 (which accepts any byte).  Line endings come back as
    ``\\n`` only.  Because latin-1 decodes anything, the result must also look like
    text (see :func:`check_plausible_text`), or a binary file would count as words.
    """
    return check_plausible_text(normalise_newlines(_decode(data, path)), path)


def _decode(data: bytes, path: Path) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_strict(data[len(bom) :], encoding, path, with_bom=True)
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise ReadError(
                path,
                "binary file, not text (it contains NUL bytes); check that it really is a text file",
            )
        return _decode_strict(data, utf16, path, with_bom=False)
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def check_plausible_text(text: str, path: Path) -> str:
    """``text`` itself when it reads as text, else a :class:`ReadError` saying it is not text.

    Text is implausible when more than :data:`MAX_UNREADABLE_SHARE` of its characters
    are control characters or U+FFFD, in its first 64 K characters or over all of it
    (so text with binary data appended is caught too).
    """
    share = _unreadable_share(text[:_PLAUSIBLE_SAMPLE_CHARS])
    if share <= MAX_UNREADABLE_SHARE and len(text) > _PLAUSIBLE_SAMPLE_CHARS:
        share = _unreadable_share(text)
    if share > MAX_UNREADABLE_SHARE:
        raise ReadError(
            path, f"not text ({share:.0%} control or unreadable characters); check that it really is a text file"
        )
    return text


def _unreadable_share(text: str) -> float:
    if not text:
        return 0.0
    found = sum(
        len(_UNREADABLE_CHARS.findall(text, start, start + _COUNT_CHUNK_CHARS))
        for start in range(0, len(text), _COUNT_CHUNK_CHARS)
    )
    return found / len(text)


def _decode_strict(data: bytes, encoding: str, path: Path, with_bom: bool) -> str:
    name = encoding.upper().replace("-LE", " LE").replace("-BE", " BE")
    try:
        return data.decode(encoding).removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        why = f"starts with a {name} byte-order mark" if with_bom else f"looks like {name}"
        reason = f"not valid {name} text although it {why} (bad bytes at offset {error.start})"
        raise ReadError(path, f"{reason}; re-save it as UTF-8", error) from error


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when NULs sit in every other byte like UTF-16 text, else None.

    Mostly-ASCII text in UTF-16 has a NUL as the high byte of nearly every
    character; random binary data has NULs scattered on both sides.
    """
    if len(data) % 2:
        return None
    sample = data[:_UTF16_SAMPLE_BYTES]
    half = len(sample) // 2
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    if odd_nuls >= 0.3 * half and even_nuls <= 0.02 * half:
        return "utf-16-le"
    if even_nuls >= 0.3 * half and odd_nuls <= 0.02 * half:
        return "utf-16-be"
    return None


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n`` (each counts as one line end)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def paragraph_segments(text: str, headings: frozenset[int] = frozenset()) -> tuple[Segment, ...]:
    """One segment per block of non-blank lines, located at the block's first line.

    Lines numbered in ``headings`` stand as segments of their own, marked as
    headings.  Blocks over :data:`MAX_SEGMENT_CHARS` are cut at line boundaries
    (a single longer line at whitespace), so no segment is unboundedly large.
    """
    segments: list[Segment] = []
    for first_line, lines in _blocks(text.split("\n"), headings):
        is_heading = first_line in headings
        for start, chunk in _chunks(first_line, lines):
            segments.append(Segment(chunk, Location("line", number=start, line=start), heading=is_heading))
    return tuple(segments)


def _blocks(lines: list[str], headings: frozenset[int]) -> Iterator[tuple[int, list[str]]]:
    block: list[str] = []
    start = 0
    for number, line in enumerate(lines, start=1):
        if number in headings and line.strip():
            if block:
                yield start, block
            yield number, [line]
            block = []
        elif not line.strip() and "\f" in line:
            # A form feed alone on a line breaks the pages (pdftotext): a block of its own between paragraphs,
            # kept until page furniture is found, then dropped as blank.
            if block:
                yield start, block
            yield number, [line]
            block = []
        elif line.strip():
            if not block:
                start = number
            block.append(line)
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


def _chunks(first_line: int, lines: list[str]) -> Iterator[tuple[int, str]]:
    chunk: list[str] = []
    size = 0
    start = first_line
    for number, line in enumerate(lines, start=first_line):
        if chunk and size + len(line) + 1 > MAX_SEGMENT_CHARS:
            yield start, "\n".join(chunk)
            chunk, size = [], 0
        if not chunk:
            start = number
        if len(line) > MAX_SEGMENT_CHARS:
            # One huge line: its pieces all start on that line, so locations stay exact.
            for piece in _split_long_line(line):
                yield number, piece
            continue
        chunk.append(line)
        size += len(line) + 1
    if chunk:
        yield start, "\n".join(chunk)


def _split_long_line(line: str) -> Iterator[str]:
    """Pieces of at most :data:`MAX_SEGMENT_CHARS`, cut at the last space before the limit.

    A cursor walks the line: slicing off the remainder at each cut would copy the
    rest of a 50 MB line a thousand times over.
    """
    start, end = 0, len(line)
    while end - start > MAX_SEGMENT_CHARS:
        cut = line.rfind(" ", start, start + MAX_SEGMENT_CHARS)
        if cut <= start:
            cut = start + MAX_SEGMENT_CHARS
        yield line[start:cut]
        spaces = _SPACES.match(line, cut)  # " *" matches at every position, if only the empty string
        start = spaces.end() if spaces else cut  # the spaces at a cut belong to neither piece
    if line[start:].strip():
        yield line[start:]


def clean_title(value: object) -> str | None:
    """A document title as one trimmed line of at most ~120 characters, or None.

    Empty values and placeholders that tools write by default ("Untitled",
    "PowerPoint Presentation") are not titles.  Long titles are cut at a word
    boundary and end with "…".
    """
    if not isinstance(value, str):
        return None
    # Cleaning a prefix of the value gives a prefix of the cleaned value, so a long
    # value (a 50 MB line) is cleaned a growing piece at a time until it is past the limit.
    size = 4 * TITLE_MAX_CHARS
    text = _title_text(value[:size])
    while len(text) <= TITLE_MAX_CHARS and size < len(value):
        size *= 4
        text = _title_text(value[:size])
    if not text or text.lower() in PLACEHOLDER_TITLES:
        return None
    if len(text) <= TITLE_MAX_CHARS:
        return text
    cut = text[:TITLE_MAX_CHARS]
    space = cut.rfind(" ")
    if space > TITLE_MAX_CHARS // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + "…"


def _title_text(value: str) -> str:
    # Control characters (a stray latin-1 0x81, a form feed) have no place in a title.
    return " ".join("".join(ch for ch in value if unicodedata.category(ch) != "Cc" or ch.isspace()).split())


def first_line_title(text: str) -> str | None:
    """The first non-empty line of ``text``, as a title."""
    for line in text.split("\n"):
        if line.strip():
            return clean_title(line)
    return None


def with_time(day: dt.date | None, time: re.Match[str] | None) -> dt.date | None:
    """``day`` at the hour and minute of ``time`` (groups 1 and 2) when both are there and valid, else ``day``."""
    if day is None or time is None:
        return day
    try:
        return dt.datetime.combine(day, dt.time(int(time[1]), int(time[2])))
    except ValueError:
        return day
