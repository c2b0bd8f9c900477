"""An exact JSON codec for the frozen dataclasses of :mod:`focuscount.model`, for the result cache.

``decode_document(encode_document(d)) == d`` and ``decode_counts(encode_counts(c)) == c``
for every value focuscount makes: dates stay dates and datetimes datetimes, tuples stay
tuples, dict order is kept (outputs iterate over it), floats keep every bit (JSON
writes their shortest exact repr), text keeps lone surrogates.

JSON rather than pickle because a cache file must never be able to run code when
read.  The layout is positional and compact, since a long document holds hundreds of
thousands of hits:

- every object is a list of its fields in the dataclass's own order (so a field
  added to a dataclass is encoded without a change here, and changes :data:`SCHEMA`);
- each distinct :class:`Location` is written once, in a table at the front, and
  segments and hits name it by index (decoded hits share one Location object, too).

Every payload starts with :data:`SCHEMA`, a digest of the field names and types of
the dataclasses and of this codec's version: a payload written by another version of
focuscount does not decode (:class:`SerialError`), so a cached value is never read
into the wrong fields.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import fields
from operator import attrgetter
from pathlib import Path
from typing import Any

from focuscount.model import Document, DocumentCounts, Hit, Location, Segment
from focuscount.uncertainty import Interval

# Raised by hand to 2, 3 … when the layout below changes in a way the field digest does not see.
CODEC_VERSION = 1

# The fields that are not JSON values of their own and how each is written (tests check that no other field
# needs one).  Dates are ISO strings: a datetime's always holds a "T", a date's never does.
_DATE_FIELDS = ("created", "modified", "date")


def _names(cls: type) -> tuple[str, ...]:
    return tuple(field.name for field in fields(cls))


LOCATION_FIELDS = _names(Location)
SEGMENT_FIELDS = _names(Segment)
DOCUMENT_FIELDS = _names(Document)
HIT_FIELDS = _names(Hit)
COUNTS_FIELDS = _names(DocumentCounts)
INTERVAL_FIELDS = _names(Interval)


def _schema() -> str:
    digest = hashlib.sha256(f"focuscount.serial {CODEC_VERSION}".encode())
    for cls in (Location, Segment, Document, Hit, DocumentCounts, Interval):
        for field in fields(cls):
            digest.update(f"{cls.__name__}.{field.name}: {field.type}\n".encode())
    return digest.hexdigest()[:16]


SCHEMA = _schema()

_DOCUMENT_KIND = "document"
_COUNTS_KIND = "counts"
_location_row = attrgetter(*LOCATION_FIELDS)
_segment_row = attrgetter(*SEGMENT_FIELDS)
_hit_row = attrgetter(*HIT_FIELDS)
_SEGMENT_LOCATION = SEGMENT_FIELDS.index("location")
_HIT_LOCATION = HIT_FIELDS.index("location")
_DOCUMENT_AT = {name: index for index, name in enumerate(DOCUMENT_FIELDS)}
_COUNTS_AT = {name: index for index, name in enumerate(COUNTS_FIELDS)}
_encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)


class SerialError(ValueError):
    """A payload that is not one this version of focuscount wrote: truncated, damaged, or of another schema."""


def encode_document(document: Document) -> bytes:
    """``document`` as compact JSON bytes (UTF-8, lone surrogates kept)."""
    table = _LocationTable()
    body = _document_row(document, table)
    return _dump([SCHEMA, _DOCUMENT_KIND, table.rows, body])


def decode_document(data: bytes) -> Document:
    """The :class:`Document` that :func:`encode_document` wrote as ``data``; :class:`SerialError` otherwise."""
    locations, body = _load(data, _DOCUMENT_KIND)
    try:
        return _document(body, locations)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError) as error:
        raise SerialError(f"not a document payload ({type(error).__name__}: {error})") from error


def encode_counts(counts: DocumentCounts) -> bytes:
    """``counts`` (its document, hits and all) as compact JSON bytes."""
    table = _LocationTable()
    row: list[Any] = list(attrgetter(*COUNTS_FIELDS)(counts))
    row[_COUNTS_AT["document"]] = _document_row(counts.document, table)
    for name in ("hits", "ignored"):
        row[_COUNTS_AT[name]] = _hit_rows(row[_COUNTS_AT[name]], table)
    interval = counts.interval
    row[_COUNTS_AT["interval"]] = None if interval is None else [interval.low, interval.high]
    return _dump([SCHEMA, _COUNTS_KIND, table.rows, row])


def decode_counts(data: bytes) -> DocumentCounts:
    """The :class:`DocumentCounts` that :func:`encode_counts` wrote as ``data``; :class:`SerialError` otherwise."""
    locations, row = _load(data, _COUNTS_KIND)
    try:
        if not isinstance(row, list) or len(row) != len(COUNTS_FIELDS):
            raise ValueError(f"{len(row)} fields, not {len(COUNTS_FIELDS)}")
        row = list(row)
        row[_COUNTS_AT["document"]] = _document(row[_COUNTS_AT["document"]], locations)
        for name in ("hits", "ignored"):
            row[_COUNTS_AT[name]] = _hits(row[_COUNTS_AT[name]], locations)
        row[_COUNTS_AT["segment_words"]] = tuple(row[_COUNTS_AT["segment_words"]])
        interval = row[_COUNTS_AT["interval"]]
        row[_COUNTS_AT["interval"]] = None if interval is None else Interval(*interval)
        counts = DocumentCounts(*row)
        _check_numbers(counts)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError) as error:
        raise SerialError(f"not a counts payload ({type(error).__name__}: {error})") from error
    return counts


class _LocationTable:
    """Each distinct location once, numbered in the order first met."""

    def __init__(self) -> None:
        self.rows: list[tuple[Any, ...]] = []
        self._index: dict[Location, int] = {}
        # By identity first: most hits share their segment's Location object, and a dataclass hash is slow.
        # The objects stay alive (the value being encoded holds them), so an id is not reused meanwhile.
        self._by_id: dict[int, int] = {}

    def index(self, location: Location) -> int:
        found = self._by_id.get(id(location))
        if found is None:
            found = self._index.get(location)
            if found is None:
                found = self._index[location] = len(self.rows)
                self.rows.append(_location_row(location))
            self._by_id[id(location)] = found
        return found


def _document_row(document: Document, table: _LocationTable) -> list[Any]:
    row: list[Any] = list(attrgetter(*DOCUMENT_FIELDS)(document))
    row[_DOCUMENT_AT["path"]] = str(document.path)
    segments = []
    for segment in document.segments:
        fields_ = list(_segment_row(segment))
        fields_[_SEGMENT_LOCATION] = table.index(segment.location)
        segments.append(fields_)
    row[_DOCUMENT_AT["segments"]] = segments
    for name in _DATE_FIELDS:
        value = row[_DOCUMENT_AT[name]]
        row[_DOCUMENT_AT[name]] = None if value is None else value.isoformat()
    return row


def _document(row: Any, locations: list[Location]) -> Document:
    if not isinstance(row, list) or len(row) != len(DOCUMENT_FIELDS):
        raise ValueError("a document of another shape")
    row = list(row)
    path = row[_DOCUMENT_AT["path"]]
    if not isinstance(path, str):
        raise TypeError("a path that is not a string")
    row[_DOCUMENT_AT["path"]] = Path(path)
    segments = []
    for fields_ in row[_DOCUMENT_AT["segments"]]:
        fields_[_SEGMENT_LOCATION] = locations[fields_[_SEGMENT_LOCATION]]
        segments.append(Segment(*fields_))
    row[_DOCUMENT_AT["segments"]] = tuple(segments)
    for name in _DATE_FIELDS:
        row[_DOCUMENT_AT[name]] = _date(row[_DOCUMENT_AT[name]])
    return Document(*row)


def _date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    return dt.datetime.fromisoformat(text) if "T" in text else dt.date.fromisoformat(text)


def _hit_rows(hits: tuple[Hit, ...], table: _LocationTable) -> list[list[Any]]:
    rows = []
    for hit in hits:
        row = list(_hit_row(hit))
        row[_HIT_LOCATION] = table.index(hit.location)
        rows.append(row)
    return rows


def _hits(rows: Any, locations: list[Location]) -> tuple[Hit, ...]:
    hits = []
    for row in rows:
        row[_HIT_LOCATION] = locations[row[_HIT_LOCATION]]
        hits.append(Hit(*row))
    return tuple(hits)


def _check_numbers(counts: DocumentCounts) -> None:
    """The totals are whole numbers: a damaged payload must never give a wrong count (nor a crash later)."""
    numbers = [counts.words, counts.ignored_count, counts.furniture_words]
    numbers += counts.counts.values()
    numbers += counts.not_counted.values()
    numbers += counts.unmatched.values()
    for terms in counts.term_counts.values():
        numbers += terms.values()
    if not all(type(number) is int for number in numbers):
        raise TypeError("a count that is not a whole number")
    if counts.ratio is not None and type(counts.ratio) is not float:
        raise TypeError("a ratio that is not a number")


def _dump(payload: list[Any]) -> bytes:
    # surrogatepass: text decoded with errors="surrogateescape" may hold lone surrogates, kept as they are.
    return _encoder.encode(payload).encode("utf-8", "surrogatepass")


def _load(data: bytes, kind: str) -> tuple[list[Location], Any]:
    try:
        payload = json.loads(data.decode("utf-8", "surrogatepass"))
    except ValueError as error:  # UnicodeDecodeError and JSONDecodeError are both ValueErrors
        raise SerialError(f"not JSON ({error})") from error
    if not isinstance(payload, list) or len(payload) != 4:
        raise SerialError("not a focuscount payload")
    schema, found_kind, location_rows, body = payload
    if schema != SCHEMA:
        raise SerialError(f"written by another version of focuscount (schema {schema!r}, not {SCHEMA!r})")
    if found_kind != kind:
        raise SerialError(f"a {found_kind!r} payload, not a {kind!r} one")
    try:
        locations = [Location(*row) for row in location_rows]
    except TypeError as error:
        raise SerialError(f"a damaged location table ({error})") from error
    return locations, body
