"""The cache's JSON codec: every Document and DocumentCounts focuscount makes comes back exactly (==, and types)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from pathlib import Path

import pytest
from cache_writer import make_counts, make_document
from helpers import EXAMPLES, FIXTURES

from focuscount import serial
from focuscount.counting import count_document
from focuscount.dating import assign_date
from focuscount.errors import ReadError, UnsupportedFormatError
from focuscount.lexicon import load_lexicon
from focuscount.matching import LexiconMatcher
from focuscount.model import Document, DocumentCounts, Hit, Location, Segment
from focuscount.nlp import get_pipeline
from focuscount.readers import is_supported, read_raw_document
from focuscount.reading import prepare
from focuscount.serial import SerialError, decode_counts, decode_document, encode_counts, encode_document
from focuscount.uncertainty import Interval

CORPUS = sorted(
    path for root in (FIXTURES, EXAMPLES) for path in root.rglob("*") if path.is_file() and is_supported(path)
)


@pytest.fixture(scope="module")
def matcher() -> LexiconMatcher:
    lexicon = load_lexicon("library")
    return LexiconMatcher(lexicon, get_pipeline(lexicon.language))


def assert_same(decoded: object, original: object) -> None:
    """== and the same types all the way down (== alone would take 1 for True, or 1.0 for 1)."""
    assert decoded == original
    assert _shape(decoded) == _shape(original)


def _shape(value: object) -> object:
    """The value with the type of every part spelled out, so that 1 == True or a date == its datetime cannot hide."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, [(f.name, _shape(getattr(value, f.name))) for f in dataclasses.fields(value)])
    if isinstance(value, tuple | list):
        return (type(value).__name__, [_shape(item) for item in value])
    if isinstance(value, dict):
        return ("dict", [(_shape(key), _shape(item)) for key, item in value.items()])  # order matters
    return (type(value).__name__, value)


def test_the_corpus_is_the_fixtures_and_the_examples() -> None:
    # Every supported file of tests/fixtures (all subfolders: bad, furniture, parity …) and examples/.
    assert len(CORPUS) > 100
    assert {path.suffix for path in CORPUS} >= {
        ".pdf",
        ".docx",
        ".pptx",
        ".txt",
        ".md",
        ".html",
        ".odt",
        ".rtf",
        ".vtt",
        ".srt",
    }


def test_every_fixture_and_example_round_trips_exactly(matcher: LexiconMatcher) -> None:
    read = 0
    kinds = set()  # the kinds of metadata dates met: the corpus must hold each
    for path in CORPUS:
        try:
            raw = read_raw_document(path)
        except (ReadError, UnsupportedFormatError):
            continue  # the broken files: nothing to cache
        read += 1
        kinds |= {_date_kind(raw.created), _date_kind(raw.modified)}
        assert_same(decode_document(encode_document(raw)), raw)
        document = assign_date(prepare(raw))
        counts = count_document(document, matcher, unmatched=True)
        for value in (counts, counts.without_evidence(), dataclasses.replace(counts, interval=None, ratio=None)):
            assert_same(decode_counts(encode_counts(value)), value)
        assert_same(decode_document(encode_document(document)), document)
    assert read >= 80  # 80 of the 141 when written: the rest are broken on purpose
    assert kinds == {"none", "date", "naive datetime", "aware datetime"}


def _date_kind(value: dt.date | None) -> str:
    if value is None:
        return "none"
    if not isinstance(value, dt.datetime):
        return "date"
    return "naive datetime" if value.tzinfo is None else "aware datetime"


def test_dates_datetimes_and_time_zones_keep_their_types() -> None:
    paris = dt.timezone(dt.timedelta(hours=1), "CET")
    document = dataclasses.replace(
        make_document(3),
        created=dt.datetime(2024, 3, 19, 18, 59, 58, 123456, tzinfo=paris),
        modified=dt.datetime(2024, 3, 20, 9, 0),  # naive
        date=dt.date(2024, 3, 19),
        date_source="filename",
        date_precision="day",
    )
    decoded = decode_document(encode_document(document))
    assert_same(decoded, document)
    assert type(decoded.created) is dt.datetime and decoded.created.utcoffset() == dt.timedelta(hours=1)
    assert type(decoded.modified) is dt.datetime and decoded.modified.tzinfo is None
    assert type(decoded.date) is dt.date


def test_awkward_text_paths_and_numbers_come_back_exactly() -> None:
    text = 'Café \udce9 lone surrogate\x00NUL\r\n\u2028line sep\ttab "quoted" \\ back \U0001f4da 書'
    location = Location(
        "slide",
        4,
        2,
        part="notes",
        speaker="Ms Raman (Alderbrook Public Library)",
        section="4. Budget",
        timestamp="00:03:41.200",
    )
    document = Document(
        path=Path("minutes/caf\udce9-2024.txt"),  # a Latin-1 file name, decoded with surrogateescape
        format="txt",
        segments=(
            Segment(text, location, first_line=7, heading=True, attribution=5, level=2, furniture=True, label=True),
        ),
        deck=True,
        date_note="ambiguous day/month order: 03/04/2024",
    )
    hit = Hit(
        "customer",
        "patron",
        "patrons",
        location,
        text,
        0,
        3,
        10,
        before="\udce9",
        after="",
        reason="name: Alderbrook Public Library",
    )
    counts = DocumentCounts(
        document=document,
        words=2**53 + 1,  # beyond a float's exact integers: JSON keeps Python ints whole
        counts={"institution": 0, "customer": 1},  # not alphabetical: the order is kept
        term_counts={"institution": {}, "customer": {"patron": 1}},
        ratio=1 / 3,
        hits=(hit,),
        ignored=(dataclasses.replace(hit, reason="ignore term"),),
        ignored_count=1,
        furniture_words=6,
        not_counted={"ignore term": 1},
        interval=Interval(0.1 + 0.2, 5e-324),  # every bit of a float, the smallest subnormal included
        thin=True,
        segment_words=(12,),
        unmatched={"boiler": 2},
        language="en",
        lexicon_name="library",
        language_note="too short to tell: counted as en",
    )
    decoded = decode_counts(encode_counts(counts))
    assert_same(decoded, counts)
    assert decoded.ratio == 1 / 3 and decoded.interval == Interval(0.30000000000000004, 5e-324)
    assert list(decoded.counts) == ["institution", "customer"]
    assert decoded.document.path == Path("minutes/caf\udce9-2024.txt")


def test_an_empty_document_round_trips() -> None:
    document = Document(Path("empty.txt"), "txt", ())
    counts = DocumentCounts(document, 0, {"customer": 0, "institution": 0}, {"customer": {}, "institution": {}}, None)
    assert_same(decode_document(encode_document(document)), document)
    assert_same(decode_counts(encode_counts(counts)), counts)


def test_each_location_is_written_once_and_hits_share_it() -> None:
    counts = make_counts(1, hits=300)  # 300 hits on 3 × 40 lines at most
    payload = json.loads(encode_counts(counts))
    distinct = {hit.location for hit in counts.hits} | {segment.location for segment in counts.document.segments}
    assert len(payload[2]) == len(distinct) == 120 + 6
    decoded = decode_counts(encode_counts(counts))
    assert decoded.hits[0].location is decoded.hits[120].location  # page 1, line 1, decoded once


def _hint_is_json(hint: object) -> bool:
    """True for the types JSON gives back as they are: str, int, float, bool, None, and dicts of them by str."""
    if hint in (str, int, float, bool, type(None)):
        return True
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return all(_hint_is_json(arg) for arg in typing.get_args(hint))
    if origin is dict:
        key, value = typing.get_args(hint)
        return key is str and _hint_is_json(value)
    return False


# Each field that is not a plain JSON value and is converted by hand in focuscount/serial.py.
CONVERTED = {
    "Document": {"path", "segments", "created", "modified", "date"},
    "Segment": {"location"},
    "Hit": {"location"},
    "DocumentCounts": {"document", "hits", "ignored", "segment_words", "interval"},
    "Location": set(),
    "Interval": set(),
}


@pytest.mark.parametrize(
    "cls", [Document, Segment, Location, Hit, DocumentCounts, Interval], ids=lambda cls: cls.__name__
)
def test_every_field_is_a_json_value_or_converted(cls: type) -> None:
    # A field added to a model dataclass with a type JSON cannot give back (a date, a tuple, a Path) fails here
    # until serial.py converts it; one of a plain type needs nothing (and changes serial.SCHEMA).
    hints = typing.get_type_hints(cls)
    needing = {field.name for field in dataclasses.fields(cls) if not _hint_is_json(hints[field.name])}
    assert needing == CONVERTED[cls.__name__]


def test_the_schema_names_the_fields_and_the_codec_version() -> None:
    assert len(serial.SCHEMA) == 16 and int(serial.SCHEMA, 16) >= 0
    assert json.loads(encode_document(make_document(0)))[:2] == [serial.SCHEMA, "document"]


def _payload(counts: DocumentCounts) -> list[typing.Any]:
    return json.loads(encode_counts(counts))


def _bytes(payload: list[typing.Any]) -> bytes:
    return json.dumps(payload).encode()


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda data: data[: len(data) // 2], "not JSON (Unterminated string starting at: line 1 column "),
        (
            lambda data: b"\xff\xfe" + data,
            "not JSON ('utf-8' codec can't decode byte 0xff in position 0: invalid start byte)",
        ),
        (lambda data: b"{}", "not a focuscount payload"),
        (lambda data: b"[1, 2, 3, 4, 5]", "not a focuscount payload"),
        (
            lambda data: data.replace(serial.SCHEMA.encode(), b"0123456789abcdef", 1),
            "written by another version of focuscount (schema '0123456789abcdef', not ",
        ),
        (lambda data: encode_document(make_document(2)), "a 'document' payload, not a 'counts' one"),
    ],
    ids=["truncated", "not-utf8", "object", "wrong-length", "other-schema", "wrong-kind"],
)
def test_a_damaged_payload_is_a_serial_error(damage: typing.Callable[[bytes], bytes], message: str) -> None:
    with pytest.raises(SerialError) as raised:
        decode_counts(damage(encode_counts(make_counts(2))))
    assert str(raised.value).startswith(message)


def test_a_payload_of_the_right_schema_but_wrong_shape_or_types_is_a_serial_error() -> None:
    good = _payload(make_counts(5))
    words_as_text = [*good[:3], [good[3][0], "512", *good[3][2:]]]
    count_as_float = [*good[:3], [*good[3][:2], {"customer": 26.0, "institution": 14}, *good[3][3:]]]
    fields_missing = [*good[:3], good[3][:-1]]
    bad_location = [good[0], good[1], [["page"] * 9], good[3]]
    location_index_past_the_table = _payload(make_counts(5))
    location_index_past_the_table[3][5][0][3] = 10_000
    hit_too_short = _payload(make_counts(5))
    hit_too_short[3][5][0] = hit_too_short[3][5][0][:4]
    expected = {
        "words as text": "not a counts payload (TypeError: a count that is not a whole number)",
        "a count as a float": "not a counts payload (TypeError: a count that is not a whole number)",
        "a field missing": f"not a counts payload (ValueError: {len(serial.COUNTS_FIELDS) - 1} fields, not {len(serial.COUNTS_FIELDS)})",
        "a location of 9 fields": "a damaged location table (Location.__init__() takes from 2 to 8 positional arguments but 10 were given)",
        "a location past the table": "not a counts payload (IndexError: list index out of range)",
        "a hit of 4 fields": "not a counts payload (TypeError: Hit.__init__() missing 4 required positional arguments: 'context', 'segment', 'start', and 'end')",
    }
    payloads = [
        words_as_text,
        count_as_float,
        fields_missing,
        bad_location,
        location_index_past_the_table,
        hit_too_short,
    ]
    for (name, message), payload in zip(expected.items(), payloads, strict=True):
        with pytest.raises(SerialError) as raised:
            decode_counts(_bytes(payload))
        assert str(raised.value) == message, name


def test_a_damaged_document_payload_is_a_serial_error() -> None:
    good = json.loads(encode_document(make_document(1)))
    good[3][0] = 17  # the path
    with pytest.raises(SerialError, match=r"^not a document payload \(TypeError: a path that is not a string\)$"):
        decode_document(_bytes(good))
    good = json.loads(encode_document(make_document(1)))
    good[3][5] = "19 March 2024"  # created, not an ISO date
    with pytest.raises(
        SerialError, match=r"^not a document payload \(ValueError: Invalid isoformat string: '19 March 2024'\)$"
    ):
        decode_document(_bytes(good))
