"""Write output where the user asked without destroying what is there, and never fail on a file name's bytes.

A regular file, or a path that does not exist yet, is written through a temporary
file in the same folder and a rename, so a failed or interrupted run never leaves
half a report behind.  A symbolic link is followed: its target is replaced and the
link kept (a dangling link's target is created).  A character device or a pipe
(``/dev/null``, ``/dev/tty``, a named pipe, ``>(jq .)``) is written to directly,
never replaced.  ``/dev/stdout``, ``/dev/stderr`` and ``/dev/fd/N`` write to the
process's own descriptor, so a shell's ``>>`` or ``{ …; } > file`` keeps working.
A directory, a socket or a block device is refused with a :class:`ConfigError`.

Text is encoded as UTF-8 with whatever UTF-8 cannot hold (the stand-ins Python uses
for the bytes of a file name that is not UTF-8, when a renderer has not already shown
them as ``\\xNN`` with :mod:`focuscount.escape`) written as a backslash escape, so no
name, however it is encoded, makes a write fail.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from focuscount.errors import ConfigError
from focuscount.escape import display_path

# Names of a descriptor this process already holds: written to as it is, never opened anew (which on
# Linux would start again at offset 0 and drop a shell's >> append mode).
_OWN_DESCRIPTOR = re.compile(r"/dev/std(?P<standard>out|err)|/(?:dev|proc/self)/fd/(?P<number>\d+)")
# A temporary file's name must stay under NAME_MAX (255 bytes) whatever the target's name.
_NAME_BYTES_KEPT = 64


def encode_text(text: str, encoding: str = "utf-8") -> bytes:
    """``text`` in ``encoding``, what it cannot hold as a backslash escape (``\\udce9``: still valid JSON)."""
    return text.encode(encoding, "backslashreplace")


def write_atomic(path: Path | str, text: str, what: str = "output") -> None:
    """Write ``text`` (UTF-8, see :func:`encode_text`) to ``path``; a regular file atomically (module docstring)."""
    data = encode_text(text)
    write_atomic_with(Path(path), lambda stream: stream.write(data), what)


def write_atomic_with(path: Path | str, write: Callable[[IO[bytes]], object], what: str = "output") -> None:
    """Call ``write`` on a binary stream whose bytes end up at ``path``, without destroying what ``path`` is.

    A regular or new file gets a temporary file next to it, renamed over it only once
    ``write`` has finished; a link is followed; a device or pipe is written directly,
    and only once ``write`` has produced everything.  On any failure no temporary
    file is left and a :class:`ConfigError` names the path and ``what`` it was for.
    """
    path = Path(path)
    descriptor = _own_descriptor(path)
    if descriptor is not None:
        _write_to_descriptor(path, descriptor, _produce(path, write, what), what)
        return
    try:
        info: os.stat_result | None = path.stat()
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise _failure(path, what, error) from error
    if info is None or stat.S_ISREG(info.st_mode):
        # realpath follows the whole chain, so a link (even a dangling one) stays a link to the new file.
        target = Path(os.path.realpath(path)) if path.is_symlink() else path
        _replace(path, target, info, write, what)
    elif stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode):
        _write_directly(path, _produce(path, write, what), what)
    else:
        from focuscount.safeio import file_kind

        advice = "name a file inside it" if stat.S_ISDIR(info.st_mode) else "name a regular file, a device or a pipe"
        raise ConfigError(path, f"cannot write {what}: {file_kind(info.st_mode)}, not a file; {advice}")


def append_text(path: Path | str, text: str, what: str = "output") -> None:
    """Append ``text`` (UTF-8, see :func:`encode_text`) to ``path``, creating it; never waits for a pipe's reader."""
    path = Path(path)
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags | getattr(os, "O_NOCTTY", 0), 0o666)
    except OSError as error:
        raise _failure(path, what, error) from error
    try:
        os.set_blocking(descriptor, True)
        _write_all(descriptor, encode_text(text))
    except OSError as error:
        raise _failure(path, what, error) from error
    finally:
        os.close(descriptor)


def _produce(path: Path, write: Callable[[IO[bytes]], object], what: str) -> bytes:
    # A device or pipe gets nothing until everything is made: a failed render sends no half output,
    # and writers that seek (matplotlib's PDF) work even though a pipe cannot seek.
    buffer = io.BytesIO()
    try:
        write(buffer)
    except OSError as error:
        raise _failure(path, what, error) from error
    return buffer.getvalue()


def _replace(
    path: Path, target: Path, info: os.stat_result | None, write: Callable[[IO[bytes]], object], what: str
) -> None:
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ConfigError(path, f"cannot write {what}: folder {display_path(folder)} does not exist; create it first")
    stem = os.fsdecode(os.fsencode(target.name)[:_NAME_BYTES_KEPT])
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{stem}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise _failure(path, what, error) from error
    done = False
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            # mkstemp makes the file private; give it the mode (and owner) the old file had, or a plain open()'s.
            os.chmod(stream.fileno(), _mode_for(info))
            if info is not None:
                _keep_owner(stream.fileno(), info)
        os.replace(temporary, target)
        done = True
    except OSError as error:
        raise _failure(path, what, error) from error
    finally:
        if not done:
            Path(temporary).unlink(missing_ok=True)


def _write_directly(path: Path, data: bytes, what: str) -> None:
    # No O_NONBLOCK: like a shell's "> fifo", a named pipe is opened once its reader is there (Ctrl-C stops the wait).
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        raise _failure(path, what, error) from error
    try:
        _write_all(descriptor, data)
    except OSError as error:
        raise _failure(path, what, error) from error
    finally:
        os.close(descriptor)


def _write_to_descriptor(path: Path, descriptor: int, data: bytes, what: str) -> None:
    for stream in (sys.stdout, sys.stderr):  # what was printed before comes before
        if stream is not None:
            stream.flush()
    try:
        _write_all(descriptor, data)
    except OSError as error:
        raise _failure(path, what, error) from error


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def _own_descriptor(path: Path) -> int | None:
    found = _OWN_DESCRIPTOR.fullmatch(os.fspath(path))
    if found is None:
        return None
    if found["standard"]:
        return 1 if found["standard"] == "out" else 2
    return int(found["number"])


def _mode_for(info: os.stat_result | None) -> int:
    if info is not None:
        return info.st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _keep_owner(descriptor: int, info: os.stat_result) -> None:
    if not hasattr(os, "fchown") or (info.st_uid, info.st_gid) == (os.geteuid(), os.getegid()):
        return
    # Only root (or the owner, for the group) may; otherwise the file becomes ours, as any rewrite would.
    with contextlib.suppress(OSError):
        os.fchown(descriptor, info.st_uid, info.st_gid)


def _failure(path: Path, what: str, error: OSError) -> ConfigError:
    if error.errno == errno.ELOOP:
        reason = "symbolic link loop; fix or remove the link"
    elif error.errno in (errno.EACCES, errno.EPERM):
        reason = "permission denied; check the permissions of the file and its folder"
    elif error.errno == errno.ENOTDIR:
        reason = "a part of the path is a file, not a folder"
    elif error.errno == errno.ENXIO:
        reason = "nothing is reading from it"
    else:
        reason = error.strerror or str(error)
    return ConfigError(path, f"cannot write {what}: {reason}")
