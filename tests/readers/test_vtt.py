"""The WebVTT reader: blocks, timings, tags, voices and labels, titles and files that are not WebVTT."""

from __future__ import annotations

from pathlib import Path

import pytest

from focuscount.errors import ReadError
from focuscount.model import Location
from focuscount.readers import read_document as read  # the reader and the reading stage after it
from focuscount.structure import split_turns

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def vtt(tmp_path: Path, text: str, name: str = "t.vtt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def cues(path: Path) -> list[tuple[str, str | None, str]]:
    return [(str(s.location), s.location.speaker, s.text) for s in read(path).segments]


def test_meeting_cues() -> None:
    assert cues(FIXTURES / "meeting.vtt") == [
        ("00:00:01.000 (cue 1)", "Chair", "Welcome, patrons and staff."),
        ("00:00:04.500 (cue 2)", "Ms Okafor", "The library needs more resources."),
        ("00:00:07.500 (cue 3)", "Director", "Director: Our customers come first."),
        ("00:00:10.500 (cue 4)", None, "Thanks to all the volunteers & users."),
        ("00:00:14.500 (cue 5)", "Chair", "Next item."),
        ("00:00:14.500 (cue 5)", None, "Agreed."),
    ]
    segments = read(FIXTURES / "meeting.vtt").segments
    assert segments[0].location == Location("cue", 1, speaker="Chair", timestamp="00:00:01.000")
    assert all(segment.location.section is None and not segment.heading for segment in segments)


def test_meeting_metadata_and_skipped_blocks() -> None:
    document = read(FIXTURES / "meeting.vtt")
    assert document.format == "vtt"
    assert document.path == FIXTURES / "meeting.vtt"
    assert document.title == "Library board meeting"
    assert document.created is None
    for skipped in ("captioned by hand", "color: yellow", "width:40%", "Kind", "comment between cues", "intro-3"):
        assert skipped not in document.text


def test_same_text() -> None:
    document = read(FIXTURES / "same_text.vtt")
    assert cues(FIXTURES / "same_text.vtt") == [
        ("00:00:00.000 (cue 1)", None, "Minutes of the library board meeting."),
        ("00:00:03.000 (cue 2)", None, "Customers and patrons praised the new user interface."),
        ("00:00:06.000 (cue 3)", None, "Library users asked the administration for more resources."),
        ("00:00:09.000 (cue 4)", None, "Children will get a reading corner in the library."),
    ]
    assert document.title is None


def test_not_a_webvtt_file() -> None:
    path = FIXTURES / "not_vtt.vtt"
    with pytest.raises(ReadError) as caught:
        read(path)
    assert str(caught.value) == (
        f'{path}: not a WebVTT file (it does not start with "WEBVTT"); check that it really is a .vtt subtitle file'
    )


def test_srt_content_with_a_vtt_name_gets_a_hint(tmp_path: Path) -> None:
    path = vtt(tmp_path, "1\n00:00:01,000 --> 00:00:02,000\nPatrons.\n")
    with pytest.raises(ReadError) as caught:
        read(path)
    assert caught.value.reason == (
        'not a WebVTT file (it does not start with "WEBVTT"; it looks like SRT subtitles: rename it to .srt); '
        "check that it really is a .vtt subtitle file"
    )


@pytest.mark.parametrize("first_line", ["WEBVTTX", "webvtt", " WEBVTT", "WEBVTT-", ""])
def test_signature_must_be_exact(tmp_path: Path, first_line: str) -> None:
    with pytest.raises(ReadError):
        read(vtt(tmp_path, f"{first_line}\n\n00:01.000 --> 00:02.000\nText\n"))


def test_byte_order_mark_crlf_and_a_bare_header(tmp_path: Path) -> None:
    path = tmp_path / "bom.vtt"
    path.write_bytes(b"\xef\xbb\xbfWEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nPatrons\r\n")
    assert cues(path) == [("00:00:01.000 (cue 1)", None, "Patrons")]
    assert read(vtt(tmp_path, "WEBVTT\n")).segments == ()


def test_timings_are_normalised_and_bad_ones_skip_the_cue(tmp_path: Path) -> None:
    text = (
        "WEBVTT FILE\n\n"
        "01:02.5 --> 01:03.000\nShort hours\n\n"
        "123:04:05.678 --> 123:04:06.000\nLong hours\n\n"
        "bad --> 00:00:01.000\nSkipped cue\n\n"
        "id only\nno timing here\n\n"
        "00:00:07,250 --> 00:00:08,000\nComma tolerated\n"
    )
    document = read(vtt(tmp_path, text))
    assert cues(vtt(tmp_path, text)) == [
        ("00:01:02.500 (cue 1)", None, "Short hours"),
        ("123:04:05.678 (cue 2)", None, "Long hours"),
        ("00:00:07.250 (cue 3)", None, "Comma tolerated"),
    ]
    assert document.title is None  # "WEBVTT FILE" names no title


def test_a_timing_line_inside_cue_text_starts_a_new_cue(tmp_path: Path) -> None:
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\nFirst\n00:03.000 --> 00:04.000\nSecond\n"
    assert cues(vtt(tmp_path, text)) == [
        ("00:00:01.000 (cue 1)", None, "First"),
        ("00:00:03.000 (cue 2)", None, "Second"),
    ]


def test_a_cue_right_after_the_header_lines(tmp_path: Path) -> None:
    text = "WEBVTT\nKind: captions\n00:01.000 --> 00:02.000\nNo blank line before me\n"
    assert cues(vtt(tmp_path, text)) == [("00:00:01.000 (cue 1)", None, "No blank line before me")]


def test_tags_entities_and_ruby(tmp_path: Path) -> None:
    text = (
        "WEBVTT\n\n00:01.000 --> 00:02.000\n"
        "<c.yellow.bg>li</c><b>brary</b> <u>us</u>ers <lang en-GB>colour</lang> &lt;3&nbsp;&gt;\n"
        "<ruby>漢<rt>kan</rt>字<rt>ji</rt></ruby> and a < b\n"
    )
    assert cues(vtt(tmp_path, text)) == [("00:00:01.000 (cue 1)", None, "library users colour <3 >\n漢字 and a < b")]


def test_voices(tmp_path: Path) -> None:
    text = (
        "WEBVTT\n\n"
        "00:01.000 --> 00:02.000\n<v Chair>Hello.</v> <v  Ms   Okafor >Hi there.</v>\n\n"
        "00:03.000 --> 00:04.000\n<v.first.loud Director>Thanks to <i>all</i>\ncustomers.\n\n"
        "00:05.000 --> 00:06.000\n<v>No name given.\n\n"
        "00:07.000 --> 00:08.000\n<v Chair>Chair: the voice wins over a label.</v>\n"
    )
    assert cues(vtt(tmp_path, text)) == [
        ("00:00:01.000 (cue 1)", "Chair", "Hello."),
        ("00:00:01.000 (cue 1)", "Ms Okafor", "Hi there."),
        ("00:00:03.000 (cue 2)", "Director", "Thanks to all\ncustomers."),
        ("00:00:05.000 (cue 3)", None, "No name given."),
        ("00:00:07.000 (cue 4)", "Chair", "Chair: the voice wins over a label."),
    ]


def test_labels_and_dashes_without_voices_and_no_guessing(tmp_path: Path) -> None:
    text = (
        "WEBVTT\n\n"
        "00:01.000 --> 00:02.000\nCHAIR: Welcome.\nTreasurer: Thanks.\n\n"
        "00:03.000 --> 00:04.000\nThis cue names nobody.\n\n"
        "00:05.000 --> 00:06.000\nPresent: all members\n- Any questions?\n- Director: None.\n"
    )
    assert cues(vtt(tmp_path, text)) == [
        ("00:00:01.000 (cue 1)", "Chair", "CHAIR: Welcome."),
        ("00:00:01.000 (cue 1)", "Treasurer", "Treasurer: Thanks."),
        ("00:00:03.000 (cue 2)", None, "This cue names nobody."),
        ("00:00:05.000 (cue 3)", None, "Present: all members"),
        ("00:00:05.000 (cue 3)", None, "Any questions?"),
        ("00:00:05.000 (cue 3)", "Director", "Director: None."),
    ]


def test_split_turns() -> None:
    assert split_turns("go on\nChair: next\n>> yes\n-no dash", "Ann") == (
        [("Ann", "go on"), ("Chair", "Chair: next"), (None, "yes\n-no dash")],
        None,
    )
    assert split_turns("", "Ann") == ([], "Ann")


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "video.vtt"
    path.write_bytes(bytes((i * 73 + 41) % 256 for i in range(512)))
    with pytest.raises(ReadError) as caught:
        read(path)
    assert caught.value.reason.startswith("binary file, not text")
