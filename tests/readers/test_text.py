"""The plain-text reader: encodings, binary files, paragraphs and exact line numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from focuscount.errors import ReadError
from focuscount.model import Location
from focuscount.readers import _textblocks
from focuscount.readers import read_document as read  # the reader and the reading stage after it

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SAMPLE = "Café “customers” pay 5 € — naïve patrons.\nSecond line for library users."


def test_same_text_reads_one_segment_per_paragraph() -> None:
    document = read(FIXTURES / "same_text.txt")
    assert document.format == "txt"
    assert document.path == FIXTURES / "same_text.txt"
    assert document.title == "Minutes of the library board meeting."
    assert document.created is None
    assert document.date is None
    assert [(segment.text, str(segment.location)) for segment in document.segments] == [
        ("Minutes of the library board meeting.", "line 1"),
        ("Customers and patrons praised the new user interface.", "line 3"),
        ("Library users asked the administration for more resources.", "line 5"),
        ("Children will get a reading corner in the library.", "line 7"),
    ]
    assert document.segments[1].location == Location("line", number=3, line=3)


UNICODE_FIXTURES = ["utf8_bom.txt", "utf16_le_bom.txt", "utf16_be_bom.txt", "utf16_le_nobom.txt"]


@pytest.mark.parametrize("name", UNICODE_FIXTURES)
def test_unicode_encodings_decode_to_the_same_text(name: str) -> None:
    document = read(FIXTURES / name)
    assert [segment.text for segment in document.segments] == [SAMPLE]
    assert document.title == "Café “customers” pay 5 € — naïve patrons."


def test_utf16_big_endian_without_bom(tmp_path: Path) -> None:
    path = tmp_path / "be.txt"
    path.write_bytes("Patrons and the library.\n".encode("utf-16-be"))
    assert read(path).segments[0].text == "Patrons and the library."


def test_utf32_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Customers\n".encode("utf-32"))  # Python writes the BOM
    assert read(path).segments[0].text == "Customers"


def test_cp1252_curly_quotes_accents_and_euro() -> None:
    document = read(FIXTURES / "cp1252.txt")
    assert document.segments[0].text == "The “library” café charges 2 € for patrons."


def test_latin1_fallback_for_bytes_cp1252_does_not_define() -> None:
    document = read(FIXTURES / "latin1.txt")
    assert document.segments[0].text == "Café patrons \x81 and library users."
    assert document.title == "Café patrons and library users."  # control characters dropped


def test_binary_file_is_refused() -> None:
    path = FIXTURES / "binary.txt"
    with pytest.raises(ReadError) as caught:
        read(path)
    assert str(caught.value) == (
        f"{path}: binary file, not text (it contains NUL bytes); check that it really is a text file"
    )
    assert caught.value.path == path


def test_truncated_utf16_with_bom_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_bytes(b"\xff\xfe" + "Patrons".encode("utf-16-le") + b"\x00\xd8")  # a lone surrogate
    with pytest.raises(ReadError) as caught:
        read(path)
    assert caught.value.reason == (
        "not valid UTF-16 LE text although it starts with a UTF-16 LE byte-order mark "
        "(bad bytes at offset 14); re-save it as UTF-8"
    )


def test_a_zero_byte_file_is_refused_as_empty() -> None:
    path = FIXTURES / "empty.txt"
    with pytest.raises(ReadError) as caught:
        read(path)
    assert str(caught.value) == f"{path}: empty file (0 bytes)"


def test_a_blank_file_has_no_segments_and_no_title(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(b"\n \n\t\r\n")
    document = read(path)
    assert document.segments == ()
    assert document.title is None


def test_crlf_and_lone_cr_line_endings() -> None:
    document = read(FIXTURES / "crlf.txt")
    assert [(segment.text, str(segment.location)) for segment in document.segments] == [
        ("First paragraph line one.\nLine two.", "line 1"),
        ("Second paragraph.\nOld Mac line.", "line 4"),
    ]
    segment = document.segments[1]
    assert str(segment.location.at_offset(segment.text, segment.text.index("Old"))) == "line 5"


def test_every_word_gets_its_exact_source_line(tmp_path: Path) -> None:
    lines = ["", "alpha beta", "gamma", "", "", "   ", "delta", "\t", "epsilon zeta", "", "eta"]
    path = tmp_path / "lines.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found: dict[str, int] = {}
    for segment in read(path).segments:
        for word in segment.text.split():
            location = segment.location.at_offset(segment.text, segment.text.index(word))
            found[word] = location.line
    expected = {word: number for number, line in enumerate(lines, 1) for word in line.split()}
    assert found == expected
    locations = [str(segment.location) for segment in read(path).segments]
    assert locations == ["line 2", "line 7", "line 9", "line 11"]


def test_long_blocks_are_split_at_line_boundaries(tmp_path: Path) -> None:
    lines = [f"line {number:05d} of a very long paragraph about patrons" for number in range(1, 3001)]
    path = tmp_path / "long.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    segments = read(path).segments
    assert len(segments) == 3
    assert all(len(segment.text) <= _textblocks.MAX_SEGMENT_CHARS for segment in segments)
    assert "\n".join(segment.text for segment in segments) == "\n".join(lines)
    for segment in segments:  # each chunk is located at its own first line
        first = int(segment.text.split()[1])
        assert segment.location.line == first


def test_a_single_huge_line_is_split_at_spaces_on_the_same_line(tmp_path: Path) -> None:
    words = ["patrons"] * 20_000  # 160,000 characters on line 2
    path = tmp_path / "huge.txt"
    path.write_text("\n" + " ".join(words) + "\n", encoding="utf-8")
    segments = read(path).segments
    assert len(segments) == 4
    assert all(str(segment.location) == "line 2" for segment in segments)
    assert all(len(segment.text) <= _textblocks.MAX_SEGMENT_CHARS for segment in segments)
    assert sum(len(segment.text.split()) for segment in segments) == 20_000


def test_long_title_is_cut_at_a_word_boundary(tmp_path: Path) -> None:
    path = tmp_path / "title.txt"
    path.write_text("   " + "patrons and customers " * 10 + "\nbody\n", encoding="utf-8")
    title = read(path).title
    assert title is not None
    assert title == "patrons and customers " * 5 + "patrons…"
    assert len(title) <= _textblocks.TITLE_MAX_CHARS + 1


def test_reading_a_missing_file_directly_raises_read_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as caught:
        read(tmp_path / "gone.txt")
    assert caught.value.reason == "no such file"


def test_string_paths_are_accepted() -> None:
    assert read(str(FIXTURES / "same_text.txt")).path == FIXTURES / "same_text.txt"  # type: ignore[arg-type]


# ----------------------------------------------------------------- plausible text

NOT_TEXT = "not text ({}% control or unreadable characters); check that it really is a text file"


def test_random_bytes_without_nuls_are_not_text() -> None:
    path = FIXTURES / "bad" / "input_random_bytes.txt"
    assert b"\x00" not in path.read_bytes()
    with pytest.raises(ReadError) as caught:
        read(path)
    assert str(caught.value) == f"{path}: {NOT_TEXT.format(23)}"


@pytest.mark.parametrize(("controls", "refused"), [(10, False), (11, True)])
def test_more_than_a_tenth_of_control_characters_is_not_text(tmp_path: Path, controls: int, refused: bool) -> None:
    path = tmp_path / "edge.txt"
    path.write_bytes(b"p" * (100 - controls) + b"\x1b" * controls)
    if refused:
        with pytest.raises(ReadError) as caught:
            read(path)
        assert caught.value.reason == NOT_TEXT.format(11)
    else:
        assert read(path).segments[0].text.startswith("ppp")


def test_replacement_characters_count_as_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "mangled.txt"
    path.write_text("Patrons \ufffd\ufffd\ufffd\ufffd\ufffd\ufffd came.\n", encoding="utf-8")  # 6 of 21 characters
    with pytest.raises(ReadError) as caught:
        read(path)
    assert caught.value.reason == NOT_TEXT.format(29)


def test_binary_data_after_a_long_text_head_is_caught(tmp_path: Path) -> None:
    import random

    head = ("Patrons asked the library for longer hours.\n" * 1600).encode("ascii")  # 70,400 bytes of text
    tail = random.Random(3).randbytes(300_000).replace(b"\x00", b"")
    path = tmp_path / "appended.txt"
    path.write_bytes(head + tail)
    with pytest.raises(ReadError) as caught:
        read(path)
    assert caught.value.reason == NOT_TEXT.format(19)


def test_minutes_with_stray_control_characters_still_read(tmp_path: Path) -> None:
    # Word's manual line breaks (\x0b), a pasted bell and page breaks: messy, but text.
    path = tmp_path / "exported.txt"
    path.write_bytes(
        b"Minutes\x0bBoard of trustees\n\nPatrons asked\x07 for longer hours.\n\x0c\nThe library agreed.\n"
    )
    assert [segment.text for segment in read(path).segments] == [
        "Minutes\x0bBoard of trustees",
        # A line holding only a page break is a block of its own: it breaks the pages that furniture is
        # found on, keeps the paragraphs either side apart, and is dropped once furniture is found.
        "Patrons asked\x07 for longer hours.",
        "The library agreed.",
    ]
