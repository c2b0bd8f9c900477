"""Turn the paths a user gives into the files to read, in a stable order."""

from __future__ import annotations

import fnmatch
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


def is_excluded(relative: str, patterns: Iterable[str]) -> bool:
    """True when a POSIX path relative to a searched folder matches one of the globs.

    ``*`` matches across folders; a pattern without ``/`` also matches the file name
    alone; ``**/`` at the start also matches at the top (``**/drafts/*`` excludes
    ``drafts/plan.md``).
    """
    name = relative.rsplit("/", 1)[-1]
    for pattern in patterns:
        if fnmatch.fnmatchcase(relative, pattern):
            return True
        if pattern.startswith("**/") and fnmatch.fnmatchcase(relative, pattern[3:]):
            return True
        if "/" not in pattern and fnmatch.fnmatchcase(name, pattern):
            return True
    return False


def discover(
    paths: Iterable[Path | str], exclude: Iterable[str] = (), *, follow_links: bool = False
) -> Iterator[Candidate | Skipped]:
    """Files under ``paths``: folders are walked recursively in sorted order.

    Missing paths are reported as unreadable; files of other types inside a folder
    as unsupported; a file given twice is read once.  Files inside folders that
    match an ``exclude`` glob are left out silently.
    """
    exclude = tuple(exclude)
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for file in _walk(path):
                if exclude and is_excluded(file.relative_to(path).as_posix(), exclude):
                    continue
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
