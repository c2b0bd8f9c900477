"""Turn the paths a user gives into the files to read, in a stable order."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from focuscount.readers import is_supported

UNREADABLE, UNSUPPORTED = "unreadable", "unsupported"


@dataclass(frozen=True)
class Skipped:
    """A file that was not counted, and why.

    ``kind`` is ``unreadable`` (an error, warned about) or ``unsupported`` (a file of
    another type met inside a folder, passed over quietly).
    """

    path: Path
    reason: str
    kind: str = UNREADABLE


@dataclass(frozen=True)
class Candidate:
    """A file to read; ``explicit`` when the user named it rather than its folder."""

    path: Path
    explicit: bool


def is_hidden_or_lock(name: str) -> bool:
    """Hidden files and office lock files (``~$minutes.docx``) are never documents."""
    return name.startswith((".", "~$")) or name.endswith("~")


def discover(paths: Iterable[Path | str]) -> Iterator[Candidate | Skipped]:
    """Files under ``paths``: folders are walked recursively in sorted order.

    Missing paths are reported as unreadable; files of other types inside a folder
    as unsupported; a file given twice is read once.
    """
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for file in _walk(path):
                key = file.resolve()
                if key in seen:
                    continue
                seen.add(key)
                if is_supported(file):
                    yield Candidate(file, explicit=False)
                else:
                    suffix = file.suffix.lower() or "(no extension)"
                    yield Skipped(file, f"unsupported format {suffix}", UNSUPPORTED)
        elif path.exists() or path.is_symlink():
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                yield Candidate(path, explicit=True)
        else:
            yield Skipped(path, "no such file or directory")


def _walk(folder: Path) -> list[Path]:
    files: list[Path] = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files.extend(Path(root) / name for name in names if not is_hidden_or_lock(name))
    return sorted(files, key=lambda p: p.relative_to(folder).parts)
