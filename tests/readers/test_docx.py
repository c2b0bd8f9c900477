"""The Word reader: body order and numbering, tables, headers, footers, footnotes; no comments."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from focuscount.errors import ReadError
from focuscount.model import Location
from focuscount.readers import read_document as read  # the reader and the reading stage after it
from focuscount.readers.docx import paragraph_text, table_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MC_NS = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
SAVE_HINT = "open and re-save it in Word"


def segments_of(path: Path) -> list[tuple[str, str | None, str]]:
    return [(str(s.location), s.location.section, s.text) for s in read(path).segments]


def test_full_document_segments_in_reading_order() -> None:
    assert segments_of(FIXTURES / "full.docx") == [
        ("header", None, "Riverside Library \u2013 board minutes"),
        ("paragraph 1", "Riverside Library Board", "Riverside Library Board"),
        ("paragraph 2", "Opening", "Opening"),
        ("paragraph 3", "Opening", "The chair welcomed patrons and staff."),
        ("paragraph 5", "Customer services", "Customer services"),
        ("paragraph 6", "Customer services", "Customers asked for more books for children."),
        (
            "table 1",
            "Customer services",
            "Item\tOwner\tDue\nNew catalogue\tAdministration\tApril\nNested\tresources",
        ),
        ("paragraph 7", "Customer services", "The meeting closed at nine sharp."),
        ("footnote 1", None, "Patrons here means card holders."),
        ("footer", None, "Confidential draft"),
    ]


def test_metadata() -> None:
    document = read(FIXTURES / "full.docx")
    assert document.format == "docx"
    assert document.path == FIXTURES / "full.docx"
    assert document.title == "Library board minutes, March"
    assert document.created == dt.datetime(2024, 3, 12, 9, 30, tzinfo=dt.UTC)
    assert document.date is None


def test_paragraph_numbers_match_python_docx() -> None:
    paragraphs = docx.Document(str(FIXTURES / "full.docx")).paragraphs
    assert paragraphs[3].text == ""  # the empty paragraph 4 counts but gives no segment
    for segment in read(FIXTURES / "full.docx").segments:
        if segment.location.kind == "paragraph" and segment.location.number != 7:
            assert segment.location.number is not None
            assert paragraphs[segment.location.number - 1].text == segment.text


def test_comments_are_not_read() -> None:
    with zipfile.ZipFile(FIXTURES / "full.docx") as archive:  # the comment is really there …
        assert "Reviewer remark: check this number." in archive.read("word/comments.xml").decode()
    text = read(FIXTURES / "full.docx").text  # … and not in what we read
    assert "Reviewer" not in text
    assert "check this number" not in text


def test_tracked_deletions_are_skipped_and_insertions_read() -> None:
    text = read(FIXTURES / "full.docx").text
    assert "nine sharp." in text
    assert "early" not in text


def test_duplicate_header_text_is_read_once_and_separators_skipped() -> None:
    kinds = [segment.location.kind for segment in read(FIXTURES / "full.docx").segments]
    assert kinds.count("header") == 1
    assert kinds.count("footer") == 1
    assert kinds.count("footnote") == 1


def test_same_text() -> None:
    document = read(FIXTURES / "same_text.docx")
    assert [(str(segment.location), segment.text) for segment in document.segments] == [
        ("paragraph 1", "Minutes of the library board meeting."),
        ("paragraph 2", "Customers and patrons praised the new user interface."),
        ("paragraph 3", "Library users asked the administration for more resources."),
        ("paragraph 4", "Children will get a reading corner in the library."),
    ]
    assert document.title == "Library board minutes"


def save(document: docx.document.Document, path: Path, title: str = "") -> Path:
    document.core_properties.title = title
    document.save(str(path))
    return path


def test_title_falls_back_to_first_heading(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Preamble about patrons.")
    document.add_heading("Customer Focus", level=2)
    assert read(save(document, tmp_path / "h.docx")).title == "Customer Focus"


def test_title_falls_back_to_first_paragraph(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("")
    document.add_paragraph("First words of the minutes.")
    assert read(save(document, tmp_path / "p.docx")).title == "First words of the minutes."


def test_placeholder_core_title_is_ignored(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Real first line.")
    assert read(save(document, tmp_path / "w.docx", title="Word Document")).title == "Real first line."


def test_merged_cells_are_read_once(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 2))
    merged.text = "Patrons"
    table.cell(1, 0).text = "a"
    table.cell(1, 2).text = "c"
    assert [cell.text for cell in table.rows[0].cells] == ["Patrons"] * 3  # python-docx repeats it
    segments = read(save(document, tmp_path / "m.docx")).segments
    assert [(str(segment.location), segment.text) for segment in segments] == [("table 1", "Patrons\na\t\tc")]


def test_body_content_control_is_read_without_a_number(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Before.")
    sdt = parse_xml(
        f"<w:sdt {W_NS}><w:sdtPr/><w:sdtContent>"
        "<w:p><w:r><w:t>Inside a content control.</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"
    )
    document.element.body.insert(1, sdt)
    document.add_paragraph("After.")
    segments = read(save(document, tmp_path / "sdt.docx")).segments
    assert [(segment.location, segment.text) for segment in segments] == [
        (Location("paragraph", 1), "Before."),
        (Location("paragraph"), "Inside a content control."),
        (Location("paragraph", 2), "After."),
    ]


def test_paragraph_text_reads_runs_hyperlinks_fields_tabs_and_breaks() -> None:
    paragraph = parse_xml(
        f'<w:p {W_NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        "<w:pPr><w:pStyle w:val='Normal'/></w:pPr>"
        "<w:r><w:t>Dear</w:t><w:tab/><w:t>patrons</w:t><w:br/></w:r>"
        '<w:hyperlink r:id="rId9"><w:r><w:t>library site</w:t></w:r></w:hyperlink>'
        '<w:fldSimple w:instr="PAGE"><w:r><w:t xml:space="preserve"> 3</w:t></w:r></w:fldSimple>'
        "<w:r><w:instrText>HYPERLINK x</w:instrText><w:t>e</w:t><w:noBreakHyphen/><w:t>mail</w:t></w:r>"
        "</w:p>"
    )
    assert paragraph_text(paragraph) == "Dear\tpatrons\nlibrary site 3e-mail"


def test_text_box_text_is_read_once_not_from_the_fallback() -> None:
    paragraph = parse_xml(
        f"<w:p {W_NS} {MC_NS}><w:r><w:t>Outside</w:t></w:r><w:r><mc:AlternateContent>"
        "<mc:Choice Requires='wps'><w:drawing><w:txbxContent>"
        "<w:p><w:r><w:t>Boxed patrons</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><w:txbxContent>"
        "<w:p><w:r><w:t>Boxed patrons</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
    )
    assert paragraph_text(paragraph) == "Outside\nBoxed patrons\n"


def test_table_text_skips_empty_rows() -> None:
    table = parse_xml(
        f"<w:tbl {W_NS}><w:tr><w:tc><w:p/></w:tc></w:tr>"
        "<w:tr><w:tc><w:p><w:r><w:t>One</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>Two</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    )
    assert table_text(table) == "One\tTwo"


def test_not_a_zip() -> None:
    path = FIXTURES / "corrupt.docx"
    with pytest.raises(ReadError) as caught:
        read(path)
    assert str(caught.value) == f"{path}: not a valid .docx file (not a zip archive); {SAVE_HINT}"


def test_zip_without_a_word_document() -> None:
    with pytest.raises(ReadError) as caught:
        read(FIXTURES / "fake.docx")
    assert caught.value.reason == (
        "not a valid .docx file (no Word document inside the zip: "
        f"There is no item named '[Content_Types].xml' in the archive); {SAVE_HINT}"
    )


def test_presentation_renamed_to_docx(tmp_path: Path) -> None:
    path = tmp_path / "slides.docx"
    shutil.copy(FIXTURES / "deck.pptx", path)
    with pytest.raises(ReadError) as caught:
        read(path)
    assert caught.value.reason == (
        "not a valid .docx file (it is not a Word document; is it another Office file renamed to .docx?); "
        f"{SAVE_HINT}"
    )


def test_encrypted_or_legacy_ole_file() -> None:
    path = FIXTURES / "encrypted.docx"
    with pytest.raises(ReadError) as caught:
        read(path)
    assert str(caught.value) == (
        f"{path}: encrypted (password-protected) .docx, or an old .doc saved with a .docx name; "
        "remove the password in Word, or convert it: `soffice --headless --convert-to docx FILE`"
    )
