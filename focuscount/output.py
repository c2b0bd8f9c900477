"""Write output files atomically, so a failed run never leaves half a report behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from focuscount.errors import ConfigError


def write_atomic(path: Path | str, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and a rename."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ConfigError(path, f"cannot write output: folder {folder} does not exist")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise ConfigError(path, f"cannot write output ({error.strerror or error})") from error
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise ConfigError(path, f"cannot write output ({error.strerror or error})") from error
