"""Several series side by side: documents split by folder, by file-name prefix or by a pattern.

A series is a named part of the corpus (two institutions, two committees, minutes
and talks) with its own periods, trend and interval, computed exactly as the whole
corpus's are.  :class:`SeriesRule` names each document's series from its path;
:func:`split_series` groups counted documents by the name they carry.

- ``folder``: the first folder under the folder all documents share
  (``archive/board/2024/…`` and ``archive/friends/…`` are ``board`` and ``friends``);
  a document directly in that shared folder takes the shared folder's own name.
- ``prefix``: the file name's first run of characters that are not digits, without the
  separators around it (``board-2024-03-12.docx`` and ``2024-03-12 board.md`` are both
  ``board``; ``friends_of_the_library-2024.pdf`` is ``friends_of_the_library``).
- anything else is a regular expression searched in the document's path with ``/``
  between folders: its group named ``series``, else its first group, else the whole
  match names the series; a path it does not match is in the series ``(other)``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePath

from focuscount.errors import ConfigError
from focuscount.model import DocumentCounts, Period, ratio_of
from focuscount.timeline import Grouping, Trend, group, no_trend_reason, trend
from focuscount.uncertainty import DEFAULT_MIN_HITS, Interval, is_thin, pooled_interval

FOLDER, PREFIX = "folder", "prefix"
OTHER = "(other)"  # the series of a document the pattern does not match
NO_PREFIX = "(no prefix)"  # the series of a file named by digits alone (2024-03-12.txt)
_SEPARATORS = " -_.,;+~()[]"
_NOT_DIGITS = re.compile(r"[^\d]+")


@dataclass(frozen=True)
class SeriesRule:
    """How a document's series is named from its path: ``folder``, ``prefix`` or a regular expression."""

    text: str  # as the user wrote it
    pattern: re.Pattern[str] | None = None  # the compiled expression (None for folder and prefix)

    @classmethod
    def parse(cls, text: str) -> SeriesRule:
        """The rule ``text`` names; a :class:`ConfigError` naming ``series`` for an empty or broken expression."""
        if text in (FOLDER, PREFIX):
            return cls(text)
        if not text.strip():
            raise ConfigError(
                None, "`series` must be folder, prefix or a regular expression, not ''", parameters=("series",)
            )
        try:
            pattern = re.compile(text)
        except re.error as error:
            raise ConfigError(
                None, f"`series` is not a valid regular expression ({error}): '{text}'", parameters=("series",)
            ) from None
        return cls(text, pattern)

    @property
    def kind(self) -> str:
        """``folder``, ``prefix`` or ``pattern``."""
        return self.text if self.pattern is None else "pattern"

    def names(self, paths: Sequence[Path]) -> list[str]:
        """The series name of each of ``paths``, in their order (folder names need all of them at once)."""
        if self.text == FOLDER:
            return folder_names(paths)
        if self.pattern is None:
            return [prefix_name(path) for path in paths]
        return [pattern_name(self.pattern, path) for path in paths]


def folder_names(paths: Sequence[Path]) -> list[str]:
    """The first folder of each path under the folder the paths share (see the module docstring)."""
    if not paths:
        return []
    parents = [os.path.abspath(path.parent) for path in paths]
    common = os.path.commonpath(parents)
    own = Path(common).name or common  # a document directly in the shared folder: that folder's name
    names = []
    for parent in parents:
        below = PurePath(os.path.relpath(parent, common)).parts
        names.append(below[0] if below and below[0] != "." else own)
    return names


def prefix_name(path: Path) -> str:
    """The file name's first run of non-digits, without separators around it (see the module docstring)."""
    stem = path.name.split(".", 1)[0] if not path.name.startswith(".") else path.name
    for run in _NOT_DIGITS.findall(stem):
        name = run.strip(_SEPARATORS)
        if name:
            return name
    return NO_PREFIX


def pattern_name(pattern: re.Pattern[str], path: Path) -> str:
    """The series ``pattern`` names in ``path`` (written with ``/``): its ``series`` group, first group or match."""
    match = pattern.search(path.as_posix())
    if match is None:
        return OTHER
    if "series" in pattern.groupindex:
        name = match.group("series")
    elif pattern.groups:
        name = match.group(1)
    else:
        name = match.group(0)
    return name or OTHER


@dataclass(frozen=True)
class Series:
    """One series: its documents (in the analysis's order), periods and trend, and their totals."""

    name: str
    documents: tuple[DocumentCounts, ...]
    periods: tuple[Period, ...]
    trend: Trend | None
    focus: str
    versus: str
    min_hits: int = DEFAULT_MIN_HITS
    include_thin: bool = False

    @property
    def words(self) -> int:
        return sum(c.words for c in self.documents)

    @property
    def counts(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for counts in self.documents:
            for name, count in counts.counts.items():
                totals[name] = totals.get(name, 0) + count
        return totals

    @property
    def ratio(self) -> float | None:
        counts = self.counts
        return ratio_of(counts.get(self.focus, 0), counts.get(self.versus, 0))

    @property
    def interval(self) -> Interval | None:
        """The 95% interval of the series' ratio, corrected for the clustering of hits in documents."""
        focus, versus = self.focus, self.versus
        return pooled_interval(
            (c.counts.get(focus, 0), c.counts.get(focus, 0) + c.counts.get(versus, 0)) for c in self.documents
        )

    @property
    def thin(self) -> bool:
        counts = self.counts
        return is_thin(counts.get(self.focus, 0) + counts.get(self.versus, 0), self.min_hits)

    @property
    def dated(self) -> int:
        """Documents of the series with a date (they make its periods)."""
        return sum(1 for c in self.documents if c.document.date is not None)

    @property
    def no_trend_reason(self) -> str:
        if not self.periods:
            return "No dated documents: no periods and no trend."
        return no_trend_reason(self.periods, self.include_thin)


def name_series(documents: Sequence[DocumentCounts], rule: SeriesRule) -> list[DocumentCounts]:
    """``documents`` with each one's series name set by ``rule``."""
    names = rule.names([c.document.path for c in documents])
    return [replace(counts, series=name) for counts, name in zip(documents, names, strict=True)]


def split_series(
    documents: Iterable[DocumentCounts],
    by: Grouping,
    focus: str,
    versus: str,
    min_hits: int = DEFAULT_MIN_HITS,
    include_thin: bool = False,
) -> tuple[Series, ...]:
    """The series of ``documents`` (by the name each carries), in name order with ``(other)`` last.

    Each series is grouped into periods and given a trend exactly as a whole analysis is.
    Documents without a series name are in none.
    """
    members: dict[str, list[DocumentCounts]] = {}
    for counts in documents:
        if counts.series is not None:
            members.setdefault(counts.series, []).append(counts)
    result = []
    for name in sorted(members, key=lambda name: (name in (OTHER, NO_PREFIX), name.casefold(), name)):
        chosen = members[name]
        periods = tuple(group(chosen, by, focus, versus, min_hits))
        result.append(
            Series(
                name=name,
                documents=tuple(chosen),
                periods=periods,
                trend=trend(periods, chosen, focus, versus, include_thin),
                focus=focus,
                versus=versus,
                min_hits=min_hits,
                include_thin=include_thin,
            )
        )
    return tuple(result)
