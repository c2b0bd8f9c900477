"""The SubRip reader: cues, tolerance of sloppy files, tags, and speakers by the caption convention."""

from __future__ import annotations

from pathlib import Path

import pytest

from focuscount.errors import ReadError
from focuscount.model import Location
from focuscount.readers import read_document as read  # the reader and the reading stage after it

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
NO_CUES = "not an SRT subtitle file (no cues found); an .srt file holds cues timed like 00:01:02,500 --> 00:01:04,000"


def srt(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "t.srt") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def cues(path: Path) -> list[tuple[str, str | None, str]]:
    return [(str(s.location), s.location.speaker, s.text) for s in read(path).segments]


def test_meeting_cues_and_speakers() -> None:
    assert cues(FIXTURES / "meeting.srt") == [
        ("00:00:01.000 (cue 1)", "Chair", "Chair: Welcome to the library\nboard meeting."),
        ("00:00:04.500 (cue 2)", "Chair", "We begin with customer feedback."),  # no label: the speaker goes on
        ("00:00:06.500 (cue 3)", "Director", "DIRECTOR: Patrons asked for\nlonger opening hours."),
        ("00:00:09.500 (cue 4)", "Director", "The resources are limited."),
        ("00:00:11.500 (cue 5)", None, "Can volunteers help?"),  # a dash: someone unnamed
        ("00:00:11.500 (cue 5)", "Chair", "Chair: Yes, they can."),
        ("00:00:13.500 (cue 6)", "Chair", "Thank you all."),
        ("00:00:15.500 (cue 7)", None, "Agreed."),
        ("00:00:17.500 (cue 8)", None, "Meeting closed."),  # no index, extra blank lines before it
    ]
    segments = read(FIXTURES / "meeting.srt").segments
    assert segments[0].location == Location("cue", 1, speaker="Chair", timestamp="00:00:01.000")


def test_meeting_file_is_crlf_and_metadata() -> None:
    assert b"\r\n" in (FIXTURES / "meeting.srt").read_bytes()
    document = read(FIXTURES / "meeting.srt")
    assert document.format == "srt"
    assert document.path == FIXTURES / "meeting.srt"
    assert document.title is None
    assert document.created is None
    assert "font" not in document.text
    assert "an8" not in document.text


def test_same_text() -> None:
    assert cues(FIXTURES / "same_text.srt") == [
        ("00:00:00.000 (cue 1)", None, "Minutes of the library board meeting."),
        ("00:00:03.000 (cue 2)", None, "Customers and patrons praised the new user interface."),
        ("00:00:06.000 (cue 3)", None, "Library users asked the administration for more resources."),
        ("00:00:09.000 (cue 4)", None, "Children will get a reading corner in the library."),
    ]


def test_empty_file() -> None:
    path = FIXTURES / "empty.srt"
    with pytest.raises(ReadError) as caught:
        read(path)
    assert str(caught.value) == f"{path}: empty file (0 bytes)"


def test_text_without_cues(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as caught:
        read(srt(tmp_path, "Minutes of the meeting.\n\n1\nNo timing line here.\n"))
    assert caught.value.reason == NO_CUES


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "movie.srt"
    path.write_bytes(bytes((i * 73 + 41) % 256 for i in range(512)))
    with pytest.raises(ReadError) as caught:
        read(path)
    assert caught.value.reason.startswith("binary file, not text")


def test_encodings_and_byte_order_marks(tmp_path: Path) -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\nCafé “patrons”\n"
    expected = [("00:00:01.000 (cue 1)", None, "Café “patrons”")]
    assert cues(srt(tmp_path, text, "cp1252", "a.srt")) == expected
    assert cues(srt(tmp_path, "\ufeff" + text, "utf-8", "b.srt")) == expected
    assert cues(srt(tmp_path, "\ufeff" + text, "utf-16-le", "c.srt")) == expected
    assert cues(srt(tmp_path, text.replace("\n", "\r"), "utf-8", "d.srt")) == expected


def test_sloppy_timings_and_a_numeric_last_line(tmp_path: Path) -> None:
    text = (
        "00:00:01.5 --> 00:00:02.000 X1:10 X2:20\nDots and short fractions\n\n"
        "2\n1:02:03,004-->1:02:04,000\nThe answer is\n42\n\n"
        "3\n00:10,000 --> 00:11,000\nNo hours\n\n\n\n"
        "4\n"
    )
    assert cues(srt(tmp_path, text)) == [
        ("00:00:01.500 (cue 1)", None, "Dots and short fractions"),
        ("01:02:03.004 (cue 2)", None, "The answer is\n42"),
        ("00:00:10.000 (cue 3)", None, "No hours"),  # "4": the index of a cue cut off
    ]


def test_tags_are_removed(tmp_path: Path) -> None:
    text = '1\n00:00:01,000 --> 00:00:02,000\n{\\an8}<i>li</i><b>brary</b> <font color="red">users</font> <3\n'
    assert cues(srt(tmp_path, text)) == [("00:00:01.000 (cue 1)", None, "library users <3")]


def test_empty_cues_keep_their_number_and_the_speaker(tmp_path: Path) -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\nTREASURER: Costs rose.\n\n"
        "2\n00:00:03,000 --> 00:00:04,000\n<i></i>\n\n"
        "3\n00:00:05,000 --> 00:00:06,000\n>> And fell again.\n\n"
        "4\n00:00:07,000 --> 00:00:08,000\n- Ms Okafor: Good.\nVery good.\n"
    )
    assert cues(srt(tmp_path, text)) == [
        ("00:00:01.000 (cue 1)", "Treasurer", "TREASURER: Costs rose."),
        ("00:00:05.000 (cue 3)", None, "And fell again."),
        ("00:00:07.000 (cue 4)", "Ms Okafor", "Ms Okafor: Good.\nVery good."),
    ]


def test_a_number_ending_the_last_cue_is_text(tmp_path: Path) -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\nThe answer is\n42\n"
    assert cues(srt(tmp_path, text)) == [("00:00:01.000 (cue 1)", None, "The answer is\n42")]


def test_field_labels_are_not_speakers(tmp_path: Path) -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\nChair: Next.\n\n2\n00:00:03,000 --> 00:00:04,000\nMotion: carried.\n"
    assert cues(srt(tmp_path, text)) == [
        ("00:00:01.000 (cue 1)", "Chair", "Chair: Next."),
        ("00:00:03.000 (cue 2)", "Chair", "Motion: carried."),
    ]
