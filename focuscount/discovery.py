"""Turn the paths a user gives into the files to read, in a stable order, without opening any of them.

Discovery only looks at directory entries and ``stat`` results, so a named pipe,
a device or a symbolic-link loop can never hang or crash it (the progress bar's
pre-count walks the same way).  What it lets through is still read through
:mod:`focuscount.safeio`, which checks the open descriptor again.

``-`` given as a path means standard input: it is yielded as the path :data:`STDIN`
(``<stdin>``), and read as text by :mod:`focuscount.readers.text` when its turn comes.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from focuscount.readers import is_supported
from focuscount.safeio import not_a_file

SkipKind = Literal["missing", "unreadable", "unsupported"]
MISSING: SkipKind = "missing"
UNREADABLE: SkipKind = "unreadable"
UNSUPPORTED: SkipKind = "unsupported"

# "-" given as a path: standard input, named <stdin> in every output.  A file really named "<stdin>", given
# by that name as a string, is met as its absolute path, so the two never meet.
STANDARD_INPUT = "-"
STDIN = Path("<stdin>")

NO_SUCH_PATH = "no such file or directory"
LINK_LOOP = "symbolic link loop"
BROKEN_LINK = "broken link (its target does not exist)"
OUTSIDE_LINK = "a link leading outside the folders given; use --follow-links to read it"
# What a path given by name that leads nowhere is: missing (an error of the run), not a file that failed to read.
_MISSING_REASONS = frozenset({NO_SUCH_PATH, BROKEN_LINK})
# A link's target is shown only when printing it cannot garble a terminal or a report.
_MAX_SHOWN_TARGET = 200


@dataclass(frozen=True)
class Skipped:
    """A file that was not counted, and why.

    ``kind`` is ``missing`` (a path given by name that does not exist, or a broken link
    given by name: an error of the run), ``unreadable`` (a file that could not be read,
    warned about) or ``unsupported`` (a file of another type met inside a folder, passed
    over quietly).
    """

    path: Path
    reason: str
    kind: SkipKind = UNREADABLE
    cause: BaseException | None = field(default=None, compare=False, repr=False)  # what the reader raised


@dataclass(frozen=True)
class Candidate:
    """A file to read."""

    path: Path


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


def outside_link_reason(target: str) -> str:
    """Why a link found in a folder is not read: it leads outside every path the user gave."""
    if target.isprintable() and len(target) <= _MAX_SHOWN_TARGET:
        return f"link to a file outside the folders given ({target}); use --follow-links to read it"
    return OUTSIDE_LINK


def discover(
    paths: Iterable[Path | str], exclude: Iterable[str] = (), *, follow_links: bool = False
) -> Iterator[Candidate | Skipped]:
    """Files under ``paths``: folders are walked recursively in sorted order.

    A path given that does not exist (or a broken link given by name) is reported
    as missing; link loops, broken links in folders and anything that is not a
    regular file (a named pipe, a device, a socket) as unreadable with their kind
    named; files of other types inside a folder as unsupported; a file given
    twice is read once.  The string ``"-"`` (not ``Path("-")``, a file named "-")
    and :data:`STDIN` itself stand for standard input, yielded once as :data:`STDIN`.
    Files inside folders that match an ``exclude`` glob are left out silently.
    A path named directly is read even when it is a link; a link found inside a
    folder is read only when it leads to one of the paths given, unless
    ``follow_links`` (which also walks into linked folders, each folder once, so
    a loop of folder links ends).
    """
    given = [_given(path) for path in paths]
    walk = _Walk(tuple(exclude), follow_links, _Scope.of(path for path in given if path != STDIN))
    standard_input_met = False
    for path in given:
        if path == STDIN:
            if not standard_input_met:
                standard_input_met = True
                yield Candidate(STDIN)
            continue
        info = _stat(path)
        if isinstance(info, str):
            yield Skipped(path, info, MISSING if info in _MISSING_REASONS else UNREADABLE)
        elif stat.S_ISDIR(info.st_mode):
            yield from walk.folder(path, info)
        elif not walk.first_time(info):
            continue
        elif stat.S_ISREG(info.st_mode):
            yield Candidate(path)
        else:
            yield Skipped(path, not_a_file(info.st_mode))


def is_standard_input(path: Path | str) -> bool:
    """True for the path that stands for standard input: ``"-"`` as a string, or :data:`STDIN`."""
    return path == STANDARD_INPUT or (isinstance(path, Path) and path == STDIN)


def _given(path: Path | str) -> Path:
    """A path as given: :data:`STDIN` for standard input, and a file named "<stdin>" by its absolute path."""
    if is_standard_input(path):
        return STDIN
    given = Path(path)
    return Path(os.path.abspath(given)) if given == STDIN else given


def _stat(path: Path | str) -> os.stat_result | str:
    """What ``path`` leads to (links followed), or the reason it leads nowhere."""
    try:
        return os.stat(path)
    except OSError as error:
        return _stat_failure(path, error)


def _stat_failure(path: Path | str, error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return LINK_LOOP
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return BROKEN_LINK if os.path.islink(path) else NO_SUCH_PATH
    if isinstance(error, PermissionError):
        return "permission denied; check the permissions of the folders above it"
    return f"cannot look at it ({error.strerror or error})"


def _identity(info: os.stat_result) -> tuple[int, int]:
    return info.st_dev, info.st_ino


@dataclass(frozen=True)
class _Scope:
    """The real locations of the folders and files given: where a link in a folder may lead."""

    folders: tuple[str, ...]
    files: frozenset[str]

    @classmethod
    def of(cls, given: Iterable[Path]) -> _Scope:
        folders: list[str] = []
        files: set[str] = set()
        for path in given:
            info = _stat(path)
            if isinstance(info, str):
                continue
            real = os.path.realpath(path)
            if stat.S_ISDIR(info.st_mode):
                folders.append(real if real.endswith(os.sep) else real + os.sep)
            else:
                files.add(real)
        return cls(tuple(folders), frozenset(files))

    def holds(self, real: str) -> bool:
        return real in self.files or real.startswith(self.folders)


class _Walk:
    """Walks given folders depth first in name order, with one memory of the files and folders met."""

    def __init__(self, exclude: tuple[str, ...], follow_links: bool, scope: _Scope) -> None:
        self.exclude = exclude
        self.follow_links = follow_links
        self.scope = scope
        self.seen: set[tuple[int, int]] = set()

    def first_time(self, info: os.stat_result) -> bool:
        """True the first time a file (by device and inode) is met: a file given twice is read once."""
        key = _identity(info)
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def folder(self, root: Path, info: os.stat_result) -> Iterator[Candidate | Skipped]:
        # An explicit stack, not recursion: a folder nested thousands deep cannot overflow it.
        entered = {_identity(info)}
        listing = _list(root)
        if isinstance(listing, str):
            yield Skipped(root, listing)
            return
        stack = [iter(listing)]
        while stack:
            entry = next(stack[-1], None)
            if entry is None:
                stack.pop()
                continue
            path = Path(entry.path)
            found = self._entry(root, path, entry)
            if isinstance(found, (Candidate, Skipped)):
                yield found
            elif found is not None and _identity(found) not in entered:
                entered.add(_identity(found))
                listing = _list(path)
                if isinstance(listing, str):
                    yield Skipped(path, listing)
                else:
                    stack.append(iter(listing))

    def _entry(self, root: Path, path: Path, entry: os.DirEntry[str]) -> Candidate | Skipped | os.stat_result | None:
        """What one folder entry gives: a file or a skip, a folder to enter (its stat), or nothing."""
        own: os.stat_result | None
        try:
            is_link = entry.is_symlink()
            own = entry.stat(follow_symlinks=False)
        except OSError as error:  # gone since the folder was listed
            own, is_link = None, False
            target: os.stat_result | str = _stat_failure(path, error)
        else:
            target = _stat(path) if is_link or own is None else own
        if not isinstance(target, str) and stat.S_ISDIR(target.st_mode):
            if entry.name.startswith(".") or (is_link and not self.follow_links):
                return None  # hidden folders, and linked ones unless asked, are not walked
            return target
        if is_hidden_or_lock(entry.name):
            return None
        if self.exclude and is_excluded(path.relative_to(root).as_posix(), self.exclude):
            return None
        if isinstance(target, str):
            if own is not None and not self.first_time(own):
                return None
            return Skipped(path, target) if is_supported(path) else _unsupported(path)
        if not self.first_time(target):
            return None
        if not is_supported(path):
            return _unsupported(path)
        if not stat.S_ISREG(target.st_mode):
            return Skipped(path, not_a_file(target.st_mode))
        if is_link and not self.follow_links:
            real = os.path.realpath(path)
            if not self.scope.holds(real):
                return Skipped(path, outside_link_reason(real))
        return Candidate(path)


def _unsupported(path: Path) -> Skipped:
    return Skipped(path, f"unsupported format {path.suffix.lower() or '(no extension)'}", UNSUPPORTED)


def _list(folder: Path) -> list[os.DirEntry[str]] | str:
    """The entries of ``folder`` sorted by name, or the reason it cannot be listed."""
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda entry: entry.name)
    except PermissionError:
        return "cannot open folder (permission denied); check its permissions"
    except OSError as error:
        return f"cannot open folder ({error.strerror or error})"
