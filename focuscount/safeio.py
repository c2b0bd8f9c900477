"""Reading input files safely: regular files only, never blocking, never more than a bound.

Used for documents and for every file a user points focuscount at (dates manifest,
lexicon, baseline report, settings), so a FIFO, a device or a link to ``/dev/zero``
is refused with its kind named instead of hanging or filling memory.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

from focuscount.errors import ConfigError, ReadError

# Small inputs (settings, lexicons, manifests, baselines) are never near this.
MAX_SMALL_INPUT_BYTES = 64 * 1024 * 1024

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def file_kind(mode: int) -> str:
    """What a ``st_mode`` says the path is: "a regular file", "a named pipe", "a directory" …"""
    if stat.S_ISREG(mode):
        return "a regular file"
    for test, name in _KINDS:
        if test(mode):
            return name
    return "a special file"


def not_a_file(mode: int) -> str:
    """The reason given for a path that is not a regular file: "a named pipe, not a file"."""
    return f"{file_kind(mode)}, not a file"


def read_regular_file(path: Path, max_bytes: int, too_big: str | None = None) -> bytes:
    """The bytes of ``path`` when it is a regular file of at most ``max_bytes``; else a :class:`ReadError`.

    ``too_big`` is the reason given for a larger file (default: "larger than N bytes").
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError as error:
        reason = "broken link (its target does not exist)" if os.path.islink(path) else "no such file"
        raise ReadError(path, reason, error) from error
    except IsADirectoryError as error:
        raise ReadError(path, "a directory, not a file", error) from error
    except PermissionError as error:
        raise ReadError(path, "permission denied; check the file's permissions", error) from error
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise ReadError(path, "symbolic link loop", error) from error
        raise ReadError(path, _special_kind(path) or f"cannot read file ({error.strerror or error})", error) from error
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise ReadError(path, not_a_file(info.st_mode))
        if info.st_size > max_bytes:
            raise ReadError(path, too_big or f"larger than {max_bytes} bytes")
        os.set_blocking(descriptor, True)
        chunks: list[bytes] = []
        size = 0
        while True:  # a file growing while it is read is still cut at the bound
            chunk = os.read(descriptor, min(1 << 20, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > max_bytes:
                raise ReadError(path, too_big or f"larger than {max_bytes} bytes")
        return b"".join(chunks)
    except OSError as error:
        raise ReadError(path, f"cannot read file ({error.strerror or error})", error) from error
    finally:
        os.close(descriptor)


def _special_kind(path: Path) -> str | None:
    """Why a path that cannot even be opened (ENXIO: a socket) is not a file, if that is why."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    return None if stat.S_ISREG(mode) else not_a_file(mode)


def read_small_text(path: Path, what: str, encoding: str = "utf-8") -> str:
    """The text of a small input file (settings, lexicon, manifest, baseline), bounded and regular-only.

    Raises :class:`ReadError` (naming ``what`` the file is for) or ``UnicodeDecodeError``.
    """
    data = read_regular_file(path, MAX_SMALL_INPUT_BYTES, f"{what} larger than {MAX_SMALL_INPUT_BYTES >> 20} MB")
    return data.decode(encoding)


def read_input_text(path: Path, what: str, undecodable: str, encoding: str = "utf-8") -> str:
    """The text of a file an option names (settings, dates manifest, baseline report), or a :class:`ConfigError`.

    A missing file is "WHAT not found"; a pipe or device is named and never read;
    text that does not decode is "UNDECODABLE (the decoder's reason)".
    """
    try:
        return read_small_text(path, what, encoding=encoding)
    except ReadError as error:
        if isinstance(error.cause, FileNotFoundError) and not path.is_symlink():
            raise ConfigError(path, f"{what} not found") from error
        raise ConfigError(path, error.reason) from error
    except UnicodeDecodeError as error:
        raise ConfigError(path, f"{undecodable} ({error})") from error


def read_input_json(path: Path, what: str, unreadable: str) -> object:
    """The JSON value of a file an option names (a saved report), or a :class:`ConfigError`.

    As :func:`read_input_text`; text that is not JSON, or nested past Python's stack, is
    "UNREADABLE (why)".
    """
    text = read_input_text(path, what, unreadable)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ConfigError(path, f"{unreadable} ({error})") from error
    except RecursionError as error:  # [[[[… nested past Python's stack
        raise ConfigError(path, f"{unreadable} (nested too deeply)") from error
