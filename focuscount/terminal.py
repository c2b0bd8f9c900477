"""What a terminal can show (its width, whether it takes colour) and text fitted to it.

The CLI decides one :class:`TerminalLook` from the stream it prints to; the table
renderers take it and never look at the environment themselves, so the same
analysis renders the same way in a test, a pipe or a file (the full table, no colour).

Widths are measured as tabulate measures cells: characters, not counting SGR
sequences (colour, bold).  Every text placed here is already escaped for the
terminal (:func:`focuscount.escape.for_terminal`), so the only escape sequences
in it are the ones focuscount adds.
"""

from __future__ import annotations

import os
import re
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TextIO

# Select Graphic Rendition: colour and bold, the only sequences focuscount writes into its tables.
_SGR = re.compile(r"\x1b\[[0-9;]*m")

BLUE = "34"  # a ratio above 0.50: blue and yellow stay apart for every common colour vision
YELLOW = "33"  # a ratio below 0.50, and the "focuscount: warning:" prefix
RED = "31"  # the "focuscount: error:" prefix
_DEFAULT_FOREGROUND = "39"  # ends a colour and nothing else (a bold around it stays)
# A space that wrapping never breaks at (the words of a highlighted match), put back as " " once laid
# out: escaped text can hold no NUL (escape.visible spells it \x00), so it can mean nothing else.
KEEP_TOGETHER = "\x00"


@dataclass(frozen=True)
class TerminalLook:
    """How text output is laid out: ``width`` columns to fit (None: the full table) and whether to colour it."""

    width: int | None = None
    colour: bool = False

    @classmethod
    def of(cls, stream: TextIO, *, wide: bool = False, environ: Mapping[str, str] | None = None) -> TerminalLook:
        """The look for output printed to ``stream``: its width when it is a terminal (unless ``wide``),
        and colour when it is a terminal that takes it (see :func:`colour_allowed`)."""
        environ = os.environ if environ is None else environ
        width = None if wide else terminal_width(stream, environ)
        return cls(width=width, colour=colour_allowed(stream, environ))


FULL_TABLE = TerminalLook()  # files, pipes, Markdown and --wide: every column, no colour


def is_terminal(stream: TextIO) -> bool:
    """True when ``stream`` is a terminal (a closed or replaced stream is not)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def terminal_width(stream: TextIO, environ: Mapping[str, str]) -> int | None:
    """The columns of the terminal ``stream`` is, or None when it is no terminal or does not say.

    ``COLUMNS`` (a positive number) wins, as with :func:`shutil.get_terminal_size`; unlike it, a
    terminal reporting no size (a bare pseudo-terminal) gets the full table, not a guessed 80.
    """
    if not is_terminal(stream):
        return None
    try:
        columns = int(environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    try:
        columns = os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, OSError, ValueError):
        return None
    return columns if columns > 0 else None


def colour_allowed(stream: TextIO, environ: Mapping[str, str]) -> bool:
    """True when ``stream`` is a terminal, ``NO_COLOR`` is unset or empty (https://no-color.org)
    and ``TERM`` is not ``dumb``."""
    return is_terminal(stream) and not environ.get("NO_COLOR") and environ.get("TERM") != "dumb"


def paint(text: str, colour: str) -> str:
    """``text`` in ``colour`` (one of :data:`BLUE`, :data:`YELLOW`, :data:`RED`), back to the default after it."""
    return f"\x1b[{colour}m{text}\x1b[{_DEFAULT_FOREGROUND}m"


def strip_sgr(text: str) -> str:
    """``text`` without colour and bold sequences."""
    return _SGR.sub("", text)


def visible_width(text: str) -> int:
    """The columns ``text`` takes: its longest line, colour and bold sequences not counted."""
    return max((len(strip_sgr(line)) for line in text.split("\n")), default=0)


def wrap_words(text: str, width: int) -> str:
    """``text`` on lines of at most ``width`` columns, broken at white space (never at :data:`KEEP_TOGETHER`).

    A word longer than ``width`` is cut into pieces, unless it holds a colour or bold sequence or
    :data:`KEEP_TOGETHER` (a highlighted match): that one stands alone on a longer line, whole.
    """
    lines: list[str] = []
    line, line_width = "", 0
    for word in text.split():
        pieces = [word]
        if len(word) > width and KEEP_TOGETHER not in word and not _SGR.search(word):
            pieces = [word[start : start + width] for start in range(0, len(word), width)]
        for piece in pieces:
            piece_width = visible_width(piece)
            if line and line_width + 1 + piece_width > width:
                lines.append(line)
                line, line_width = "", 0
            line, line_width = (f"{line} {piece}", line_width + 1 + piece_width) if line else (piece, piece_width)
    if line:
        lines.append(line)
    return "\n".join(lines)


def wrap_prose(text: str, width: int | None) -> str:
    """Each line of ``text`` that is wider than ``width`` wrapped at spaces, its continuation indented
    two more than it; no word is ever cut (a path stays whole).  None leaves ``text`` as it is."""
    if width is None:
        return text
    lines = []
    for line in text.split("\n"):
        if visible_width(line) > width:
            indent = line[: len(line) - len(line.lstrip())]
            line = textwrap.fill(
                line.lstrip(),
                width,
                initial_indent=indent,
                subsequent_indent=indent + "  ",
                break_long_words=False,
                break_on_hyphens=False,
            )
        lines.append(line)
    return "\n".join(lines)


def wrap_path(path: str, width: int) -> str:
    """``path`` on lines of at most ``width`` columns, broken only after a ``/``: a name is never cut."""
    parts = re.findall(r"[^/]*/|[^/]+$", path)
    lines: list[str] = []
    line = ""
    for part in parts:
        if line and len(line) + len(part) > width:
            lines.append(line)
            line = ""
        line += part
    if line:
        lines.append(line)
    return "\n".join(lines)


def longest_path_part(path: str) -> int:
    """The width of the longest folder (with its ``/``) or file name of ``path``."""
    return max((len(part) for part in re.findall(r"[^/]*/|[^/]+$", path)), default=0)


def common_folder(paths: Sequence[str]) -> str | None:
    """The deepest folder every one of ``paths`` is in, or None when they share none (or mix absolute
    and relative paths, or ``<stdin>``)."""
    try:
        folder = os.path.commonpath([os.path.dirname(path) for path in paths])
    except ValueError:
        return None
    if folder in ("", os.curdir) or folder == os.path.dirname(folder):  # nothing, "." or the root: nothing to save
        return None
    return folder


def relative_path(path: str, folder: str) -> str:
    """``path`` as seen from ``folder`` (one of its parents), with ``/`` between names."""
    return os.path.relpath(path, folder).replace(os.sep, "/")


def shrink_to_fit(widths: Mapping[str, int], minimums: Mapping[str, int], excess: int) -> dict[str, int]:
    """New widths for the columns of ``widths``, together ``excess`` columns narrower where they can be:
    the widest column gives a column first, and none goes below its minimum."""
    targets = dict(widths)
    while excess > 0:
        shrinkable = [name for name, width in targets.items() if width > minimums.get(name, width)]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda name: targets[name])
        targets[widest] -= 1
        excess -= 1
    return targets
