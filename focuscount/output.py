"""Write output files atomically, so a failed run never leaves half a report or chart behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from focuscount.errors import ConfigError


def write_atomic(path: Path | str, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file in the same folder and a rename."""
    write_atomic_with(Path(path), lambda stream: stream.write(text.encode("utf-8")))


def write_atomic_with(path: Path, write: Callable[[IO[bytes]], object], what: str = "output") -> None:
    """Call ``write`` on a temporary file next to ``path``, then rename it over ``path``.

    On any failure no file is left behind and a :class:`ConfigError` names the path.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ConfigError(path, f"cannot write {what}: folder {folder} does not exist")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise ConfigError(path, f"cannot write {what} ({error.strerror or error})") from error
    done = False
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
        # mkstemp makes the file private; give it the mode a plain open() would (or the old file's).
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
        done = True
    except OSError as error:
        raise ConfigError(path, f"cannot write {what} ({error.strerror or error})") from error
    finally:
        if not done:
            Path(temporary).unlink(missing_ok=True)


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
