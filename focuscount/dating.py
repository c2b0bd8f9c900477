"""Give each document a date, and say where the date came from.

Sources, strongest first: a ``--dates`` manifest (CSV of path,date); an ISO-like
date in the file or folder name (or a year alone in the file name: ``2025-strategy.md``,
``FY2016-17 report.pdf`` — a fiscal year is dated by the year it starts); a date in
the heading of the text (its first lines, or the title); the file's own metadata,
the weakest source, labelled ``metadata (unreliable)``.  A numeric date whose
day/month order is ambiguous (03/04/2024) is never guessed: the document gets a
note, and ``date_order`` ("dmy" or "mdy") settles it when given.

The text is read for the meeting's date, not for any date: only the first
:data:`HEAD_LINES` non-empty lines count (and only the first :data:`HEAD_LINE_CHARS`
characters of each: a long line is a paragraph of the body); a date that starts or
ends a range ("between June 2016 and February 2018", "from March 3 to March 5,
2020"), that names the next meeting, or that stamps approved minutes ("Approved
April 7, 2020") is never taken.

Metadata dates are wrong more often than right (a template's creation date, the day
a file was re-exported or converted), so only the file's *modified* date is used,
never its creation date; and not when the file was written by a converter
(:data:`CONVERTERS`: LibreOffice, pandoc, Print to PDF …) with its modified time
equal to its creation time (to the minute, or the day when no time is given): that
is the moment of the conversion.  ``metadata_dates=False`` never uses metadata.
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
from typing import Literal

from focuscount.discovery import STDIN
from focuscount.errors import ConfigError
from focuscount.model import Document, Segment
from focuscount.safeio import read_input_text

MANIFEST, FILENAME, FOLDER, TEXT = "manifest", "filename", "folder name", "text"
METADATA = "metadata (unreliable)"
# Producers (PDF Producer/Creator, ODF meta:generator, Office Application) that write a file
# in one go from another one: their creation time is the conversion time.
CONVERTERS = (
    "libreoffice", "openoffice", "pandoc", "print to pdf", "skia/pdf", "quartz pdfcontext", "wkhtmltopdf",
    "ghostscript",
)  # fmt: skip
DateOrder = Literal["dmy", "mdy"]  # how to read 03/04/2024: day first or month first
DATE_ORDERS: tuple[DateOrder, ...] = ("dmy", "mdy")
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
# A year alone (2025-strategy), or a fiscal year (FY2016-17, 2016/2017): not inside a longer number or word.
_NAME_YEAR = re.compile(
    r"(?:(?<![A-Za-z\d])|(?<=FY)|(?<=fy))(?P<year>(?:19|20)\d{2})(?:[-_/–](?P<end>\d{4}|\d{2}))?(?![\d])"
)
_MANIFEST_YEAR = re.compile(r"(?:FY\s?)?(?P<year>\d{4})(?:[-/–](?P<end>\d{4}|\d{2}))?", re.IGNORECASE)

# Dates written in text.
_TEXT_DAY_MONTH = re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE)
_TEXT_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE)
_TEXT_ISO = re.compile(r"(?<![\d/.-])(?P<year>(?:19|20)\d{2})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?![\d/.-])")
_TEXT_NUMERIC = re.compile(
    r"(?<![\d/.-])(?P<first>\d{1,2})([/.-])(?P<second>\d{1,2})\2(?P<year>(?:19|20)\d{2})(?![\d/.-])"
)
_TEXT_MONTH_YEAR = re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE)

HEAD_LINES = 8  # non-empty lines: a letterhead, the title, the date line
HEAD_LINE_CHARS = 200  # past this a line is a paragraph of the body
FIRST_CHARS = 3000
# A date that starts or ends a range, or names another meeting, is not the meeting's date.
_MONTH_WORD = "|".join(sorted(_MONTHS, key=len, reverse=True))
_RANGE_BEFORE = re.compile(
    rf"(?:\bbetween(?:\s+the)?|\bsince|(?:\d|\b(?:{_MONTH_WORD}))\.?,?\s*(?:-|–|—|\bto|\buntil|\btill|\bthrough|\bthru|\band))"
    r"\s*$",
    re.IGNORECASE,
)
_RANGE_AFTER = re.compile(
    rf"^\s*(?:-|–|—|to\b|until\b|till\b|through\b|thru\b|and\b)\s*(?:\d|(?:{_MONTH_WORD})\b)", re.IGNORECASE
)
# "Next meeting: April 7, 2020"; the approval stamp on approved minutes ("Approved April 7, 2020").
_OTHER_MEETING = re.compile(
    r"\b(?:(?:next|following|future|previous|last)\s+meeting|approved)\b\W*(?:\w+\W+){0,3}$", re.IGNORECASE
)
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2100, 12, 31)  # dates outside are typos or placeholders


@dataclass(frozen=True)
class FoundDate:
    """A date, how precise it is (``day``, ``month`` or ``year``) and where it came from.

    A month or a year is dated by its first day (a fiscal year by the first day of the year it starts in).
    """

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
                raise ConfigError(path, f"'{date_text}' is not a date; {MANIFEST_FORMS}", number)
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


MANIFEST_FORMS = "write YYYY-MM-DD, YYYY-MM or YYYY (or FY2016-17 for a fiscal year)"


def parse_manifest_date(text: str) -> FoundDate | None:
    """``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or a fiscal year (``FY2016-17``, ``2016/2017``) from a manifest cell."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if match:
        found = _make(int(match[1]), int(match[2]), int(match[3]))
        return FoundDate(found, "day", MANIFEST) if found else None
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
    found = _make(int(match[1]), int(match[2]), 1) if match else None
    if found:  # else 2016-17 may be a fiscal year
        return FoundDate(found, "month", MANIFEST)
    match = _MANIFEST_YEAR.fullmatch(text)
    if match and (match["end"] is None or _next_year(int(match["year"]), match["end"])):
        found = _make(int(match["year"]), 1, 1)
        return FoundDate(found, "year", MANIFEST) if found else None
    return None


def _next_year(year: int, end: str) -> bool:
    """Whether ``end`` (``17`` or ``2017``) is the year after ``year``: a fiscal year, not a range of years."""
    return int(end) == year + 1 if len(end) == 4 else int(end) == (year + 1) % 100


def date_from_name(name: str, source: str = FILENAME) -> FoundDate | None:
    """An ISO-like date in a file or folder name: 2024-03-12, 20240312, 2024_03_12, 2024-03.

    A file name (not a folder's) holding only a year, or a fiscal year, dates to that year
    with ``year`` precision: ``2025-strategy``, ``FY2016-17 annual report`` (2016).  A range
    of years (``2016-2018``) dates nothing.
    """
    for pattern in _NAME_DAY:
        for match in pattern.finditer(name):
            found = _make(int(match["year"]), int(match["month"]), int(match["day"]))
            if found:
                return FoundDate(found, "day", source)
    for match in _NAME_MONTH.finditer(name):
        found = _make(int(match["year"]), int(match["month"]), 1)
        if found:
            return FoundDate(found, "month", source)
    if source != FILENAME:  # a folder named after a year holds files of any date in it
        return None
    years = {
        int(match["year"]) for match in _NAME_YEAR.finditer(name)
        if match["end"] is None or _next_year(int(match["year"]), match["end"])
    }  # fmt: skip
    ranges = any(m["end"] and not _next_year(int(m["year"]), m["end"]) for m in _NAME_YEAR.finditer(name))
    if len(years) == 1 and not ranges:  # two different years: nothing to choose between them by
        found = _make(years.pop(), 1, 1)
        if found:
            return FoundDate(found, "year", source)
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
    """The meeting's date from the heading of ``text``, and a note when a date there was ambiguous.

    The heading is the first :data:`HEAD_LINES` non-empty lines (each cut at
    :data:`HEAD_LINE_CHARS`); the first date there wins, unless it is part of a range
    or names another meeting.  Line numbers in the note count every line of ``text``.
    """
    head = _head(text)
    candidates: list[tuple[int, FoundDate]] = []
    note: str | None = None
    spans: list[tuple[int, int]] = []  # full dates seen: their "March 2020" is no month of its own
    for pattern in (_TEXT_DAY_MONTH, _TEXT_MONTH_DAY):
        for match in pattern.finditer(head):
            spans.append(match.span())
            found = _make(int(match["year"]), _MONTHS[match["month"].lower()], int(match["day"]))
            if found and _meeting_date(head, match):
                candidates.append((match.start(), FoundDate(found, "day", TEXT)))
    for match in _TEXT_ISO.finditer(head):
        found = _make(int(match["year"]), int(match["month"]), int(match["day"]))
        if found and _meeting_date(head, match):
            candidates.append((match.start(), FoundDate(found, "day", TEXT)))
    for match in _TEXT_NUMERIC.finditer(head):
        if not _meeting_date(head, match):
            continue
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
            inside = any(start <= match.start() and match.end() <= end for start, end in spans)
            found = _make(int(match["year"]), _MONTHS[match["month"].lower()], 1)
            if found and not inside and _meeting_date(head, match):
                return FoundDate(found, "month", TEXT), None
    return None, note


def _head(text: str) -> str:
    """The first :data:`HEAD_LINES` non-empty lines of ``text``, each cut at :data:`HEAD_LINE_CHARS`.

    Lines keep their places (later lines become empty), so line numbers still count from the top.
    """
    lines: list[str] = []
    kept = 0
    for line in text[:FIRST_CHARS].splitlines():
        if kept == HEAD_LINES:
            break
        if line.strip():
            kept += 1
        lines.append(line[:HEAD_LINE_CHARS])
    return "\n".join(lines)


def _meeting_date(head: str, match: re.Match[str]) -> bool:
    """False for a date that starts or ends a range, or that names another meeting."""
    line_start = head.rfind("\n", 0, match.start()) + 1
    line_end = head.find("\n", match.end())
    before = head[line_start : match.start()]
    after = head[match.end() : line_end if line_end >= 0 else len(head)]
    return not (_RANGE_BEFORE.search(before) or _RANGE_AFTER.match(after) or _OTHER_MEETING.search(before))


def metadata_date(document: Document) -> tuple[FoundDate | None, str | None]:
    """The file's own *modified* date, labelled unreliable, and a note when it was refused as a conversion date.

    The creation date is never used (it is often a template's).  A file written by a
    converter (see :data:`CONVERTERS`) whose modified time is its creation time, or
    that gives no creation time, was last touched by the conversion: no date.
    """
    modified = document.modified
    if modified is None:
        return None, None
    converter = _converter(document.producer)
    if converter is not None and (document.created is None or _same_moment(document.created, modified)):
        note = (
            f"its metadata date {_day(modified).isoformat()} is when {converter} converted the file, not when it "
            "was written; the document counts as undated (put the date in its file name or in a --dates CSV)"
        )
        return None, note
    return FoundDate(_day(modified), "day", METADATA), None


def _converter(producer: str | None) -> str | None:
    """The producer as written, when it names a converter."""
    if producer and any(name in producer.lower() for name in CONVERTERS):
        return " ".join(producer.split())[:80]
    return None


def _same_moment(first: dt.date, second: dt.date) -> bool:
    """The same minute when both give a time, else the same day."""
    if isinstance(first, dt.datetime) and isinstance(second, dt.datetime):
        if (first.tzinfo is None) != (second.tzinfo is None):  # compare as written
            first, second = first.replace(tzinfo=None), second.replace(tzinfo=None)
        return abs(first - second) < dt.timedelta(minutes=1)
    return _day(first) == _day(second)


def _day(value: dt.date) -> dt.date:
    """The date of a date or a datetime (a datetime does not compare with a date)."""
    return value.date() if isinstance(value, dt.datetime) else value


def assign_date(
    document: Document,
    manifest: DatesManifest | None = None,
    date_order: str | None = None,
    *,
    metadata_dates: bool = True,
) -> Document:
    """``document`` with its date, precision and source filled in (or a note on why there is none).

    With ``metadata_dates=False`` a document dated by nothing but its file metadata stays undated.
    """
    note: str | None = None
    found = manifest.lookup(document.path) if manifest else None
    if found is None and document.path != STDIN:  # standard input has no name, and the working folder is not its folder
        found = date_from_path(document.path)
    if found is None:
        found, note = date_from_text(_leading_text(document), date_order)
    if found is None and document.title:
        found = date_from_text(document.title, date_order)[0]
    if found is None and metadata_dates:
        found, refused = metadata_date(document)
        note = "; ".join(filter(None, (refused, note))) or None
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
    """The text of the first segments (headers and letterhead first, as the readers give them)."""
    return "\n".join(segment.text for segment in leading_segments(document))


def leading_segments(document: Document) -> tuple[Segment, ...]:
    """The first segments, as many as dating reads (a date in the text is looked for in them only)."""
    size = 0
    for count, segment in enumerate(document.segments, start=1):
        size += len(segment.text)
        if size >= FIRST_CHARS:
            return document.segments[:count]
    return document.segments


def _numeric(order: str, first: int, second: int, year: int) -> dt.date | None:
    day, month = (first, second) if order == "dmy" else (second, first)
    return _make(year, month, day)


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
