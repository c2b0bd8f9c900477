"""The OpenDocument text reader: reading order and numbering, white space, notes, headers; broken files."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from focuscount.errors import ReadError
from focuscount.model import Location
from focuscount.readers import odt as odt_reader
from focuscount.readers import read_document as read  # the reader and the reading stage after it
from focuscount.readers._odf import paragraph_text, table_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SAVE_HINT = "open and re-save it in LibreOffice Writer"
NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"'
)


def segments_of(path: Path) -> list[tuple[str, str | None, str | None, str]]:
    return [(str(s.location), s.location.speaker, s.location.section, s.text) for s in read(path).segments]


def odt(tmp_path: Path, body: str, *, styles: str | None = None, meta: str | None = None, name: str = "t.odt") -> Path:
    """A minimal .odt with ``body`` inside office:text."""
    content = f"<office:document-content {NS}><office:body><office:text>{body}</office:text></office:body>"
    content += "</office:document-content>"
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
        if styles is not None:
            archive.writestr("styles.xml", f"<office:document-styles {NS}>{styles}</office:document-styles>")
        if meta is not None:
            archive.writestr(
                "meta.xml", f"<office:document-meta {NS}><office:meta>{meta}</office:meta></office:document-meta>"
            )
    return path


def element(xml: str) -> ElementTree.Element:
    return ElementTree.fromstring(
        xml.replace("<text:p", f"<text:p {NS}", 1).replace("<table:table>", f"<table:table {NS}>", 1)
    )


def test_full_document_segments_in_reading_order() -> None:
    body_section = "Customer services"
    assert segments_of(FIXTURES / "full.odt") == [
        ("header", None, None, "Riverside Library \u2013 board minutes"),
        ("paragraph 1", None, "Riverside Library Board", "Riverside Library Board"),
        ("paragraph 2", None, "Riverside Library Board", "Spring session"),
        ("paragraph 3", None, "Opening", "Opening"),
        ("paragraph 4", None, "Opening", "The chair welcomed patrons and staff."),
        ("paragraph 6", None, body_section, body_section),
        ("paragraph 7", None, body_section, "Customers asked for more books for children."),
        ("paragraph 8", "Chair", body_section, "Chair: We thank the volunteers."),
        ("paragraph 9", None, body_section, "New catalogue for patrons"),
        ("paragraph 10", None, body_section, "Longer opening hours"),
        ("paragraph 11", None, body_section, "Including Sundays"),
        ("table 1", None, body_section, "Item\tOwner\tDue\nNew catalogue\tAdministration\tApril"),
        ("paragraph 12", None, body_section, "Open  Monday\tto Friday\nfor all library users."),
        ("paragraph 13", None, body_section, "The meeting closed at nine sharp."),
        ("footnote 1", None, None, "Patrons here means card holders."),
        ("footer", None, None, "Confidential draft"),
    ]


def test_headings_are_text_h_and_title_or_heading_styles() -> None:
    segments = read(FIXTURES / "full.odt").segments
    headings = [segment.text for segment in segments if segment.heading]
    assert headings == ["Riverside Library Board", "Opening", "Customer services"]  # "Subtitle" is no heading
    assert segments[3].location == Location("paragraph", 3, section="Opening")


def test_metadata() -> None:
    document = read(FIXTURES / "full.odt")
    assert document.format == "odt"
    assert document.path == FIXTURES / "full.odt"
    assert document.title == "Library board minutes, March"
    assert document.created == dt.datetime(2024, 3, 12, 9, 30)  # meta:creation-date, not dc:date (2024-03-14)
    assert document.date is None


def test_same_text() -> None:
    document = read(FIXTURES / "same_text.odt")
    assert [(str(segment.location), segment.text) for segment in document.segments] == [
        ("paragraph 1", "Minutes of the library board meeting."),
        ("paragraph 2", "Customers and patrons praised the new user interface."),
        ("paragraph 3", "Library users asked the administration for more resources."),
        ("paragraph 4", "Children will get a reading corner in the library."),
    ]
    assert document.title == "Library board minutes"


def test_comments_and_tracked_deletions_are_not_read() -> None:
    with zipfile.ZipFile(FIXTURES / "full.odt") as archive:  # they are really there …
        content = archive.read("content.xml").decode()
    assert "Reviewer remark: check this number." in content
    assert "<text:p> early</text:p>" in content
    text = read(FIXTURES / "full.odt").text  # … and not in what we read
    assert "Reviewer" not in text
    assert "early" not in text
    assert "1.Opening" not in text  # the list label of a numbered heading is no word either


def test_hidden_and_duplicate_headers_are_skipped() -> None:
    text = read(FIXTURES / "full.odt").text
    assert "Hidden left header" not in text
    kinds = [segment.location.kind for segment in read(FIXTURES / "full.odt").segments]
    assert kinds.count("header") == 1
    assert kinds.count("footer") == 1


def test_paragraph_text_white_space_rules() -> None:
    paragraph = element(
        "<text:p>\n   Dear <text:span>  patrons</text:span><text:s text:c='3'/>and<text:tab/>staff"
        "<text:line-break/>of the\n\tli<text:span>brary</text:span><text:s/></text:p>"
    )
    assert paragraph_text(paragraph) == "Dear patrons   and\tstaff\nof the library "


def test_paragraph_text_reads_links_fields_and_text_boxes_but_not_notes_or_alt_text() -> None:
    paragraph = element(
        "<text:p>See <text:a>the report</text:a> on page <text:page-number>3</text:page-number>"
        "<draw:frame><svg:title xmlns:svg='urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0'>Logo</svg:title>"
        "<draw:text-box><text:p>Boxed patrons</text:p></draw:text-box></draw:frame>"
        "<text:note text:note-class='footnote'><text:note-citation>1</text:note-citation>"
        "<text:note-body><text:p>A note.</text:p></text:note-body></text:note> end"
        "<text:ruby><text:ruby-base>base</text:ruby-base><text:ruby-text>reading</text:ruby-text></text:ruby></text:p>"
    )
    assert paragraph_text(paragraph) == "See the report on page 3\nBoxed patrons\n endbase"


def test_table_text_repeats_covered_and_empty_cells() -> None:
    table = element(
        "<table:table><table:table-row><table:table-cell table:number-columns-repeated='2'><text:p>x</text:p>"
        "</table:table-cell><table:covered-table-cell/><table:table-cell table:number-columns-repeated='500'/>"
        "</table:table-row><table:table-row table:number-rows-repeated='2'><table:table-cell><text:p>y</text:p>"
        "</table:table-cell></table:table-row><table:table-row-group><table:table-row><table:table-cell>"
        "<text:p>z</text:p><text:p>z2</text:p></table:table-cell></table:table-row></table:table-row-group>"
        "</table:table>"
    )
    assert table_text(table) == "x\tx\t\ny\ny\nz\nz2"


def test_endnotes_and_footnotes_are_numbered_apart(tmp_path: Path) -> None:
    note = (
        "<text:note text:note-class='{}'><text:note-citation>i</text:note-citation>"
        "<text:note-body><text:p>{}</text:p></text:note-body></text:note>"
    )
    body = (
        f"<text:p>One{note.format('endnote', 'End one.')} two{note.format('footnote', 'Foot one.')}</text:p>"
        f"<text:p>Three{note.format('footnote', '')}{note.format('footnote', 'Foot three.')}</text:p>"
    )
    assert segments_of(odt(tmp_path, body)) == [
        ("paragraph 1", None, None, "One two"),
        ("paragraph 2", None, None, "Three"),
        ("endnote 1", None, None, "End one."),
        ("footnote 1", None, None, "Foot one."),
        ("footnote 3", None, None, "Foot three."),
    ]


def test_title_falls_back_to_first_heading_then_first_paragraph(tmp_path: Path) -> None:
    body = "<text:p>Preamble about patrons.</text:p><text:h text:outline-level='2'>Customer Focus</text:h>"
    assert read(odt(tmp_path, body, meta="<dc:title>Untitled</dc:title>")).title == "Customer Focus"
    document = read(odt(tmp_path, "<text:p/><text:p>First words.</text:p>", name="p.odt"))
    assert document.title == "First words."
    assert document.created is None


def test_heading_style_on_a_paragraph_without_styles_xml(tmp_path: Path) -> None:
    content_styles = "<text:p text:style-name='Heading_20_2'>Styled heading</text:p><text:p>Body text.</text:p>"
    segments = read(odt(tmp_path, content_styles)).segments
    assert [(segment.heading, segment.location.section) for segment in segments] == [
        (False, None),
        (False, None),
    ]  # without styles.xml the style is unknown: no guessing from its name


def test_sections_lists_and_page_anchored_frames_are_read(tmp_path: Path) -> None:
    body = (
        "<text:section text:name='S1'><text:p>In a section.</text:p></text:section>"
        "<draw:frame><draw:text-box><text:p>Page-anchored box.</text:p></draw:text-box></draw:frame>"
        "<text:table-of-content><text:index-body><text:p>Opening 1</text:p></text:index-body></text:table-of-content>"
        "<text:list><text:list-header><text:p>List header</text:p></text:list-header></text:list>"
    )
    assert segments_of(odt(tmp_path, body)) == [
        ("paragraph 1", None, None, "In a section."),
        ("paragraph 2", None, None, "Page-anchored box."),
        ("paragraph 3", None, None, "List header"),
    ]


def test_not_a_zip() -> None:
    path = FIXTURES / "corrupt.odt"
    with pytest.raises(ReadError) as caught:
        read(path)
    assert str(caught.value) == f"{path}: not a valid .odt file (not a zip archive); {SAVE_HINT}"


def test_encrypted() -> None:
    with pytest.raises(ReadError) as caught:
        read(FIXTURES / "encrypted.odt")
    assert caught.value.reason == (
        "encrypted (password-protected) .odt; open it in LibreOffice Writer and save it again without a "
        'password (File > Save As, untick "Save with password")'
    )


def test_old_binary_office_file(tmp_path: Path) -> None:
    path = tmp_path / "old.odt"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(100))
    with pytest.raises(ReadError) as caught:
        read(path)
    assert caught.value.reason == (
        "not a valid .odt file (it is an old binary Office file or a password-protected Microsoft Office file); "
        "open it and save it as .odt in LibreOffice Writer"
    )


def test_zip_without_content(tmp_path: Path) -> None:
    path = tmp_path / "fake.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "no document here")
    with pytest.raises(ReadError) as caught:
        read(path)
    assert caught.value.reason == (
        f"not a valid .odt file (no content.xml inside the zip; is it another kind of zip renamed to .odt?); {SAVE_HINT}"
    )


def test_content_is_not_xml(tmp_path: Path) -> None:
    path = tmp_path / "bad.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("content.xml", "<office:document-content>unclosed")
    with pytest.raises(ReadError) as caught:
        read(path)
    assert caught.value.reason.startswith("not a valid .odt file (content.xml is not well-formed XML: ")
    assert caught.value.reason.endswith(f"); {SAVE_HINT}")


def test_broken_zip_member(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("content.xml", "<x>" + " ".join(f"word{i * 7919 % 1000}" for i in range(2000)) + "</x>")
    data = bytearray(buffer.getvalue())
    data[1000:1020] = b"\xff" * 20  # damage the compressed data, keep the directory
    path = tmp_path / "damaged.odt"
    path.write_bytes(bytes(data))
    with pytest.raises(ReadError) as caught:
        read(path)
    assert caught.value.reason == (
        f"not a valid .odt file (broken zip archive: Bad CRC-32 for file 'content.xml'); {SAVE_HINT}"
    )


def test_broken_zip_directory(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", "<x>patrons</x>")
    data = bytearray(buffer.getvalue())
    data[30:40] = bytes(10)  # the member's name in its local header no longer matches the directory
    path = tmp_path / "damaged.odt"
    path.write_bytes(bytes(data))
    with pytest.raises(ReadError) as caught:
        read(path)
    assert caught.value.reason.startswith("not a valid .odt file (broken zip archive: File name in directory ")
    assert "\n" not in str(caught.value)


def test_presentation_renamed_to_odt() -> None:
    path = FIXTURES / "deck.odp"
    with pytest.raises(ReadError) as caught:
        odt_reader.read(path)  # the odt reader itself: by its extension the file would go to the odp reader
    assert caught.value.reason == (
        "not a valid .odt file (it is a presentation, not a text document; rename it to .odp)"
    )


def test_styles_and_meta_may_be_broken(tmp_path: Path) -> None:
    path = tmp_path / "partial.odt"
    content = f"<office:document-content {NS}><office:body><office:text><text:p>Body.</text:p>"
    content += "</office:text></office:body></office:document-content>"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("content.xml", content)
        archive.writestr("styles.xml", "not xml")
        archive.writestr("meta.xml", "<broken")
    document = read(path)
    assert [segment.text for segment in document.segments] == ["Body."]
    assert document.title == "Body."
    assert document.created is None
