"""Give each document a date, and say where the date came from.

Sources, strongest first: a ``--dates`` manifest (CSV of path,date); an ISO-like
date in the file or folder name; a date in the first lines of the text; the
file's own metadata (its creation date, the weakest source).  A numeric date
whose day/month order is ambiguous (03/04/2024) is never guessed: the document
gets a note, and ``date_order`` ("dmy" or "mdy") settles it when given.
A date outside 1900–2100, from any source (a typo in a manifest, a file whose
metadata says year 1 or 9999), is refused with a note: the document counts as
undated rather than stretching every chart and period over millennia.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from focuscount.errors import ConfigError
from focuscount.model import Document
from focuscount.safeio import read_input_text

MANIFEST, FILENAME, FOLDER, TEXT, METADATA = "manifest", "filename", "folder name", "text", "metadata"
DATE_ORDERS = ("dmy", "mdy")
UNDATED_HINT = (
    "to date a document, put the date in its file name (2024-03-12-minutes.docx), "
    "write it in its first lines, or list it in a --dates CSV of path,date"
)

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"

# File and folder names: ISO-like only (year first), so there is nothing to guess.
_NAME_DAY = (
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})[-_.](?P<month>\d{2})[-_.](?P<day>\d{2})(?!\d)"),
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})(?P<month>\d{2})(?P<day>\d{2})(?!\d)"),
)
_NAME_MONTH = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})[-_.](?P<month>\d{2})(?![-_.]?\d)")

# Dates written in text.
_TEXT_DAY_MONTH = re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE)
_TEXT_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE)
_TEXT_ISO = re.compile(r"(?<![\d/.-])(?P<year>(?:19|20)\d{2})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?![\d/.-])")
_TEXT_NUMERIC = re.compile(
    r"(?<![\d/.-])(?P<first>\d{1,2})([/.-])(?P<second>\d{1,2})\2(?P<year>(?:19|20)\d{2})(?![\d/.-])"
)
_TEXT_MONTH_YEAR = re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE)

FIRST_LINES = 15
FIRST_CHARS = 3000
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2100, 12, 31)  # dates outside are typos or placeholders


@dataclass(frozen=True)
class FoundDate:
    """A date, how precise it is (``day`` or ``month``) and where it came from."""

    date: dt.date
    precision: str
    source: str
    line: int | None = None  # the manifest row it came from


@dataclass(frozen=True)
class DatesManifest:
    """Dates given by the user in a CSV file of ``path,date`` rows."""

    path: Path
    dates: dict[Path, FoundDate]  # by path relative to the manifest's folder
    fallback: dict[Path, FoundDate]  # by path relative to the working folder
    rows: tuple[tuple[int, str], ...] = ()  # (line, path as written) of every dated row

    @classmethod
    def load(cls, path: Path | str) -> DatesManifest:
        """Read a manifest; paths in it are relative to its folder (or else to the working folder)."""
        path = Path(path)
        text = read_input_text(path, "dates manifest", "cannot read dates manifest", encoding="utf-8-sig")
        dates: dict[Path, FoundDate] = {}
        fallback: dict[Path, FoundDate] = {}
        rows: list[tuple[int, str]] = []
        # Lines as an editor numbers them (str.splitlines also breaks at form feeds and other separators).
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        first_row = True
        for number, line in enumerate(lines, start=1):
            row = _manifest_row(path, line, number)
            if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
                continue
            if len(row) < 2:
                raise ConfigError(path, f"expected 'path,date', found {','.join(row)!r}", number)
            file_text, date_text = row[0].strip(), row[1].strip()
            header = first_row and file_text.lower() in {"path", "file"} and date_text.lower() == "date"
            first_row = False
            if header:  # the first row, after any comments
                continue
            found = parse_manifest_date(date_text)
            if found is None:
                raise ConfigError(path, f"'{date_text}' is not a date; write YYYY-MM-DD (or YYYY-MM)", number)
            found = replace(found, line=number)
            dates[_key(path.parent / file_text)] = found
            # A path written relative to where focuscount runs also finds its file,
            # unless a path relative to the manifest already means another one.
            fallback.setdefault(_key(Path(file_text)), found)
            rows.append((number, file_text))
        return cls(path, dates, fallback, tuple(rows))

    def lookup(self, document_path: Path) -> FoundDate | None:
        """The date given for ``document_path``, if any."""
        key = _key(document_path)
        return self.dates.get(key) or self.fallback.get(key)

    def unmatched(self, document_paths: Iterable[Path]) -> list[tuple[int, str]]:
        """Rows (line, path) that dated none of ``document_paths``: a typo, or a file not read."""
        read = {_key(path) for path in document_paths}
        return [
            (line, text)
            for line, text in self.rows
            if _key(self.path.parent / text) not in read and _key(Path(text)) not in read
        ]


def _manifest_row(path: Path, line: str, number: int) -> list[str]:
    """The cells of one manifest line; a NUL byte (a binary file) or a malformed line is a ConfigError."""
    if "\0" in line:
        raise ConfigError(path, "line holds a NUL byte: a dates manifest is a plain-text CSV of path,date rows", number)
    try:
        return next(csv.reader([line]), [])
    except csv.Error as error:
        raise ConfigError(path, f"not a CSV row of path,date ({error})", number) from error


def _key(path: Path) -> Path:
    return path.resolve()


def parse_manifest_date(text: str) -> FoundDate | None:
    """``YYYY-MM-DD`` or ``YYYY-MM`` from a manifest cell."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if match:
        found = _make(int(match[1]), int(match[2]), int(match[3]))
        return FoundDate(found, "day", MANIFEST) if found else None
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
    if match:
        found = _make(int(match[1]), int(match[2]), 1)
        return FoundDate(found, "month", MANIFEST) if found else None
    return None


def date_from_name(name: str, source: str = FILENAME) -> FoundDate | None:
    """An ISO-like date in a file or folder name: 2024-03-12, 20240312, 2024_03_12, 2024-03."""
    for pattern in _NAME_DAY:
        for match in pattern.finditer(name):
            found = _make(int(match["year"]), int(match["month"]), int(match["day"]))
            if found:
                return FoundDate(found, "day", source)
    for match in _NAME_MONTH.finditer(name):
        found = _make(int(match["year"]), int(match["month"]), 1)
        if found:
            return FoundDate(found, "month", source)
    return None


def date_from_path(path: Path) -> FoundDate | None:
    """A date in the file's name, else in the nearest folder name that has one."""
    found = date_from_name(path.stem)
    if found:
        return found
    for folder in path.resolve().parents:
        found = date_from_name(folder.name, FOLDER)
        if found:
            return found
    return None


def date_from_text(text: str, date_order: str | None = None) -> tuple[FoundDate | None, str | None]:
    """The first date written in the first lines of ``text``, and a note when one was ambiguous."""
    head = "\n".join(text[:FIRST_CHARS].splitlines()[:FIRST_LINES])
    candidates: list[tuple[int, FoundDate]] = []
    note: str | None = None
    for pattern in (_TEXT_DAY_MONTH, _TEXT_MONTH_DAY):
        for match in pattern.finditer(head):
            found = _make(int(match["year"]), _MONTHS[match["month"].lower()], int(match["day"]))
            if found:
                candidates.append((match.start(), FoundDate(found, "day", TEXT)))
    for match in _TEXT_ISO.finditer(head):
        found = _make(int(match["year"]), int(match["month"]), int(match["day"]))
        if found:
            candidates.append((match.start(), FoundDate(found, "day", TEXT)))
    for match in _TEXT_NUMERIC.finditer(head):
        first, second, year = int(match["first"]), int(match["second"]), int(match["year"])
        options = {order: _numeric(order, first, second, year) for order in DATE_ORDERS}
        valid = {order: value for order, value in options.items() if value is not None}
        if date_order in valid:
            chosen = valid[date_order]
        elif len(valid) == 1 or (len(valid) == 2 and first == second):
            chosen = next(iter(valid.values()))
        elif valid:
            if note is None:
                line = head.count("\n", 0, match.start()) + 1
                note = (
                    f"ambiguous date '{match.group(0)}' on line {line}: day/month order unknown "
                    "(use --date-order dmy|mdy or a --dates manifest)"
                )
            continue
        else:
            continue
        candidates.append((match.start(), FoundDate(chosen, "day", TEXT)))
    if candidates:
        return min(candidates, key=lambda item: item[0])[1], None
    if note is None:
        for match in _TEXT_MONTH_YEAR.finditer(head):
            found = _make(int(match["year"]), _MONTHS[match["month"].lower()], 1)
            if found:
                return FoundDate(found, "month", TEXT), None
    return None, note


def assign_date(document: Document, manifest: DatesManifest | None = None, date_order: str | None = None) -> Document:
    """``document`` with its date, precision and source filled in (or a note on why there is none)."""
    note: str | None = None
    found = manifest.lookup(document.path) if manifest else None
    if found is None:
        found = date_from_path(document.path)
    if found is None:
        found, note = date_from_text(_leading_text(document), date_order)
    if found is None and document.created is not None:
        created = document.created
        if isinstance(created, dt.datetime):  # a datetime does not compare with a date
            created = created.date()
        found = FoundDate(created, "day", METADATA)
    if found is not None and not EARLIEST <= found.date <= LATEST:
        note = "; ".join(filter(None, (_out_of_range(found, manifest), note)))
        found = None
    if found is None:
        return replace(document, date=None, date_source=None, date_precision=None, date_note=note)
    return replace(document, date=found.date, date_source=found.source, date_precision=found.precision, date_note=note)


def _out_of_range(found: FoundDate, manifest: DatesManifest | None) -> str:
    """The note for a refused date: where it came from, and what to do."""
    if found.source == MANIFEST and manifest is not None:
        origin, fix = f"{manifest.path}:{found.line}", "correct that row"
    elif found.source == METADATA:
        origin, fix = "the file's metadata", "put the date in its file name or in a --dates CSV"
    else:
        origin, fix = f"its {found.source}", "list the right date in a --dates CSV"
    return (
        f"date {found.date.isoformat()} from {origin} is outside {EARLIEST.year}–{LATEST.year}; "
        f"the document counts as undated ({fix})"
    )


def _leading_text(document: Document) -> str:
    parts: list[str] = []
    size = 0
    for segment in document.segments:
        parts.append(segment.text)
        size += len(segment.text)
        if size >= FIRST_CHARS:
            break
    return "\n".join(parts)


def _numeric(order: str, first: int, second: int, year: int) -> dt.date | None:
    day, month = (first, second) if order == "dmy" else (second, first)
    return _make(year, month, day)


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def dated_first(documents: Iterable[Document]) -> list[Document]:
    """Documents in date order, undated ones last (stable within equal dates)."""
    return sorted(documents, key=lambda d: (d.date is None, d.date or dt.date.min))
