"""The RTF reader: groups, control words, code pages, Unicode, destinations, tables, notes, headings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from focuscount.errors import ReadError
from focuscount.model import Location
from focuscount.readers import read_document as read  # the reader and the reading stage after it

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def rtf(tmp_path: Path, body: str, header: str = r"{\rtf1\ansi\deff0 ", name: str = "t.rtf") -> Path:
    path = tmp_path / name
    path.write_bytes((header + body + "}").encode("latin-1"))
    return path


def texts(path: Path) -> list[tuple[str, str]]:
    return [(str(segment.location), segment.text) for segment in read(path).segments]


def test_full_document_segments_in_reading_order() -> None:
    segments = read(FIXTURES / "full.rtf").segments
    first, children = "Board meeting, 12 March", "Children’s services"
    assert [(str(s.location), s.location.speaker, s.location.section, s.text) for s in segments] == [
        ("header", None, None, "Riverside Library – board minutes"),
        ("paragraph 1", None, first, first),
        ("paragraph 2", None, first, "The café welcomed patrons and “customers” alike."),
        ("paragraph 3", "Director", first, "Director: We thank the library users."),
        ("paragraph 4", None, children, children),
        ("paragraph 5", None, children, "Customers asked for more books."),
        ("table 1", None, children, "Item\tOwner\nStory time\tChildren’s team"),
        ("paragraph 7", None, children, "Closing words\nfor everyone: see the report."),
        ("paragraph 8", None, children, "Music by Dvořák, a cooperation with the café volunteers."),
        ("footnote 1", None, None, "Patrons here means card holders."),
        ("footer", None, None, "Confidential draft"),
    ]
    assert [segment.heading for segment in segments if segment.heading] == [True, True]
    assert segments[3].location == Location("paragraph", 3, speaker="Director", section=first)


def test_metadata() -> None:
    document = read(FIXTURES / "full.rtf")
    assert document.format == "rtf"
    assert document.path == FIXTURES / "full.rtf"
    assert document.title == "Library board minutes, March"
    assert document.created == dt.datetime(2024, 3, 12, 9, 30)
    assert document.date is None


def test_comments_hidden_and_deleted_text_fields_and_pictures_are_not_read() -> None:
    raw = (FIXTURES / "full.rtf").read_text(encoding="ascii")
    text = read(FIXTURES / "full.rtf").text
    for hidden in ("Reviewer remark", "hidden aside", " not", "HYPERLINK", "example.org", "0100090000", "Arial"):
        assert hidden in raw
        assert hidden not in text
    assert "Board secretary" not in text  # the author in \info


def test_same_text() -> None:
    document = read(FIXTURES / "same_text.rtf")
    assert texts(FIXTURES / "same_text.rtf") == [
        ("paragraph 1", "Minutes of the library board meeting."),
        ("paragraph 2", "Customers and patrons praised the new user interface."),
        ("paragraph 3", "Library users asked the administration for more resources."),
        ("paragraph 4", "Children will get a reading corner in the library."),
    ]
    assert document.title == "Library board minutes"


def test_not_rtf() -> None:
    path = FIXTURES / "not_rtf.rtf"
    with pytest.raises(ReadError) as caught:
        read(path)
    assert str(caught.value) == (
        f"{path}: not an RTF file (it does not start with {{\\rtf); check that it really is a Rich Text document"
    )


def test_byte_order_mark_and_leading_white_space_are_allowed(tmp_path: Path) -> None:
    path = tmp_path / "bom.rtf"
    path.write_bytes(b"\xef\xbb\xbf\r\n{\\rtf1 Patrons\\par}")
    assert texts(path) == [("paragraph 1", "Patrons")]


def test_source_line_ends_are_not_text_but_escaped_ones_end_paragraphs(tmp_path: Path) -> None:
    path = rtf(tmp_path, "li\r\nbrary users\\\nnext\\\r\nthird")
    assert texts(path) == [("paragraph 1", "library users"), ("paragraph 2", "next"), ("paragraph 3", "third")]


def test_control_symbols_and_special_characters(tmp_path: Path) -> None:
    body = r"a\~b co\-op non\_breaking \\ \{x\} \emdash\endash\bullet \lquote q\rquote  \ldblquote dq\rdblquote\tab t"
    assert texts(rtf(tmp_path, body)) == [("paragraph 1", "a b coop non-breaking \\ {x} —–•‘q’ “dq”\tt")]


def test_unicode_skip_counts(tmp_path: Path) -> None:
    body = r"\uc2 A\u8364\'80\'80 B{\uc0 \u8364 C}\u8364\'80\'80 D\uc1 \u-10179?\u-8704? E\u233 xF"
    assert texts(rtf(tmp_path, body)) == [("paragraph 1", "A€ B€C€ D😀 EéF")]


def test_code_page_of_the_document_and_of_fonts(tmp_path: Path) -> None:
    header = r"{\rtf1\ansi\ansicpg1251\deff0{\fonttbl{\f0\fcharset204 Arial;}{\f1\fcharset0 Times;}{\f2\cpg1253 G;}}"
    body = r"\'cf\'f0\'e8 {\f1 caf\'e9} {\f2 \'e1} \plain\'e4"
    assert texts(rtf(tmp_path, body, header=header)) == [("paragraph 1", "При café α д")]


def test_mac_code_page_and_raw_eight_bit_bytes(tmp_path: Path) -> None:
    path = tmp_path / "mac.rtf"
    path.write_bytes(b"{\\rtf1\\mac caf\\'8e and raw caf\x8e}")
    assert texts(path) == [("paragraph 1", "café and raw café")]


def test_unknown_ignorable_destinations_and_binary_data_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "bin.rtf"
    path.write_bytes(
        b"{\\rtf1 Before {\\*\\unknowndest secret {nested} text}{\\pict\\bin6 }{x\\}y} after"
        b"{\\*\\generator Writer;}{\\listtext 1.\\tab} item\\par}"
    )
    assert texts(path) == [("paragraph 1", "Before  after item")]


def test_upr_reads_only_the_unicode_copy(tmp_path: Path) -> None:
    body = r"{\upr{\f0 Caf\'e9 ANSI}{\*\ud{\f0 Caf\u233? Unicode}}}"
    assert texts(rtf(tmp_path, body)) == [("paragraph 1", "Café Unicode")]


def test_headings_from_styles_and_outline_levels(tmp_path: Path) -> None:
    header = (
        r"{\rtf1\ansi{\stylesheet{\s0 Normal;}{\s1\sbasedon0 heading 1;}{\s5\outlinelevel1 Custom Outline;}"
        r"{\s6 Title;}{\s7 Heading notes;}{\*\cs10 heading 9;}}"
    )
    body = (
        r"\pard\s1 First\par\pard\s5 Second\par\pard\s6 Third\par\pard\s7 Not a heading\par"
        r"\pard\outlinelevel2 Fourth\par\pard\outlinelevel9 Body level\par{\pard\outlinelevel0 Fifth}\par"
    )
    segments = read(rtf(tmp_path, body, header=header)).segments
    assert [(s.text, s.heading, s.location.section) for s in segments] == [
        ("First", True, "First"),
        ("Second", True, "Second"),
        ("Third", True, "Third"),
        ("Not a heading", False, "Third"),
        ("Fourth", True, "Fourth"),
        ("Body level", False, "Fourth"),
        ("Fifth", True, "Fifth"),
    ]


def test_tables_cells_with_paragraphs_and_nested_rows(tmp_path: Path) -> None:
    body = (
        r"Before\par\trowd\pard\intbl A\par A2\cell B\cell\row"
        r"\trowd\pard\intbl\cell\cell\row"
        r"\pard\intbl C\cell{\pard\intbl\itap2 n1\nestcell n2\nestcell{\*\nesttableprops\trowd\nestrow}"
        r"n3\nestcell{\*\nesttableprops\nestrow}\pard\intbl\cell}\row"
        r"\pard After\par\pard\intbl Last\cell"
    )
    assert texts(rtf(tmp_path, body)) == [
        ("paragraph 1", "Before"),
        ("table 1", "A\nA2\tB\nC\tn1\tn2\nn3"),
        ("paragraph 2", "After"),
        ("table 2", "Last"),
    ]


def test_headers_footers_footnotes_and_endnotes(tmp_path: Path) -> None:
    body = (
        r"{\headerl \pard Left header\par}{\headerr \pard Right header\par}{\headerf\pard Right header\par}"
        r"{\footerf \pard {\field{\*\fldinst PAGE}{\fldrslt 1}} of the minutes\par}"
        r"Text{\footnote\ftnalt\pard {\super\chftn} An endnote.}{\footnote \pard First note.}"
        r"{\footnote\pard\par}{\footnote \pard Third note.}\par"
    )
    assert texts(rtf(tmp_path, body)) == [
        ("header", "Left header"),
        ("header", "Right header"),
        ("paragraph 1", "Text"),
        ("endnote 1", "An endnote."),
        ("footnote 1", "First note."),
        ("footnote 3", "Third note."),
        ("footer", "1 of the minutes"),
    ]


def test_text_boxes_of_shapes_are_read_once(tmp_path: Path) -> None:
    body = (
        r"Outside {\shp{\*\shpinst{\sp{\sn shapeType}{\sv 202}}{\shptxt \pard Boxed patrons\par}}"
        r"{\shprslt{\*\do\dobxcolumn{\*\dptxbxtext \pard Boxed patrons\par}}}} after\par"
    )
    assert texts(rtf(tmp_path, body)) == [("paragraph 1", "Outside \nBoxed patrons\n after")]


def test_empty_paragraphs_count_and_sect_does_not_add_one(tmp_path: Path) -> None:
    body = r"One\par\par Three\sect\sectd\par Five\sect Six"
    assert texts(rtf(tmp_path, body)) == [
        ("paragraph 1", "One"),
        ("paragraph 3", "Three"),
        ("paragraph 5", "Five"),
        ("paragraph 6", "Six"),
    ]


def test_title_falls_back_to_first_heading_then_first_paragraph(tmp_path: Path) -> None:
    assert read(rtf(tmp_path, r"Intro\par{\pard\outlinelevel0 Customer Focus\par}")).title == "Customer Focus"
    document = read(rtf(tmp_path, r"{\info{\title Untitled}{\creatim\yr2024\mo2\dy30}}\par First words\par"))
    assert document.title == "First words"
    assert document.created is None  # 30 February is no date


def test_unicode_title(tmp_path: Path) -> None:
    path = rtf(tmp_path, r"{\info{\title Caf\'e9 \u8220?minutes\u8221?}{\creatim\yr2023\mo11\dy5}}Body")
    document = read(path)
    assert document.title == "Café “minutes”"
    assert document.created == dt.date(2023, 11, 5)


def test_truncated_and_unbalanced_files_are_read_as_far_as_they_go(tmp_path: Path) -> None:
    path = tmp_path / "cut.rtf"
    path.write_bytes(b"{\\rtf1 First\\par}} Second {\\b bold {\\footnote Cut note")
    assert texts(path) == [("paragraph 1", "First"), ("paragraph 2", "Second bold"), ("footnote 1", "Cut note")]
    path.write_bytes(b"{\\rtf1 End with a backslash\\")
    assert texts(path) == [("paragraph 1", "End with a backslash")]
