"""The PDF reader: pages, hyphenation, metadata, and every way a PDF can fail to give text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from focuscount.errors import ReadError
from focuscount.model import Location
from focuscount.readers.pdf import join_hyphenated, parse_pdf_date, read

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
REPAIR_HINT = "re-export it from its source program or try `qpdf in.pdf repaired.pdf`"


def test_same_text_is_one_page_segment_with_boxes_separated_by_blank_lines() -> None:
    document = read(FIXTURES / "same_text.pdf")
    assert document.format == "pdf"
    assert document.path == FIXTURES / "same_text.pdf"
    assert document.title == "Library board minutes"
    assert document.created == dt.date(2024, 3, 12)
    # Text boxes are paragraphs of the page: one segment each, all located at "page 1".
    assert [(str(s.location), s.first_line, s.text) for s in document.segments] == [
        ("page 1", 1, "Minutes of the library board meeting."),
        ("page 1", 3, "Customers and patrons praised the new user interface."),
        ("page 1", 5, "Library users asked the administration for more resources."),
        ("page 1", 7, "Children will get a reading corner in the library."),
    ]
    segment = document.segments[1]
    assert segment.location == Location("page", number=1)
    assert str(segment.location_at(segment.text.index("patrons"))) == "page 1, line 3"


def test_blank_page_gives_no_segment_and_numbering_stays_true() -> None:
    document = read(FIXTURES / "multipage.pdf")
    assert [(str(segment.location), segment.text) for segment in document.segments] == [
        ("page 1", "Page one talks about customers."),
        ("page 3", "Page three mentions the library."),
    ]
    assert document.title == "Three pages"


def test_hyphenated_words_are_joined_only_before_lower_case() -> None:
    document = read(FIXTURES / "hyphenated.pdf")
    assert document.segments[0].text == (
        "The new library opens soon for\nall Patrons and the Well-\nKnown visitors."
    )


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("li-\nbrary", "library"),
        ("the li-\nbrary and the cus-\ntomers", "the library and the customers"),
        ("Well-\nKnown", "Well-\nKnown"),
        ("2023-\n24", "2023-\n24"),
        ("x -\nbrary", "x -\nbrary"),
        ("li-  \nbrary", "library"),
        ("li\u00ad\nbrary", "library"),
        ("café-\nété", "caféété"),
        ("end-\n\nnext", "end-\n\nnext"),
        ("mid-line hyphen", "mid-line hyphen"),
    ],
)
def test_join_hyphenated(text: str, joined: str) -> None:
    assert join_hyphenated(text) == joined


def test_text_inside_form_xobjects_is_read() -> None:
    document = read(FIXTURES / "form_xobject.pdf")
    assert [segment.text for segment in document.segments] == ["Body text for patrons.", "Riverside Library letterhead"]


def test_scanned_pdf_without_text_layer() -> None:
    path = FIXTURES / "scanned.pdf"
    with pytest.raises(ReadError) as caught:
        read(path)
    assert str(caught.value) == (
        f"{path}: no extractable text (scanned? run OCR first, e.g. `ocrmypdf in.pdf out.pdf`) in 1 page"
    )


def test_encrypted_pdf_needing_a_password() -> None:
    path = FIXTURES / "encrypted.pdf"
    with pytest.raises(ReadError) as caught:
        read(path)
    assert str(caught.value) == (
        f"{path}: encrypted PDF (a password is needed); "
        "decrypt it first, e.g. `qpdf --password=PASSWORD --decrypt in.pdf out.pdf`"
    )


def test_encrypted_pdf_with_empty_user_password_is_read() -> None:
    document = read(FIXTURES / "encrypted_no_user_password.pdf")
    assert [segment.text for segment in document.segments] == ["Readable text about patrons."]
    assert document.title == "Owner only"
    assert document.created == dt.date(2024, 3, 12)


def test_corrupt_pdf() -> None:
    path = FIXTURES / "corrupt.pdf"
    with pytest.raises(ReadError) as caught:
        read(path)
    assert caught.value.reason.startswith("not a valid PDF (")
    assert caught.value.reason.endswith(f"); {REPAIR_HINT}")
    assert "\n" not in str(caught.value)
    assert caught.value.cause is not None


def test_not_a_pdf_at_all(tmp_path: Path) -> None:
    path = tmp_path / "notes.pdf"
    path.write_text("These are plain notes, saved with the wrong extension.\n", encoding="utf-8")
    with pytest.raises(ReadError) as caught:
        read(path)
    assert str(caught.value) == f"{path}: not a valid PDF (no %PDF- header); {REPAIR_HINT}"


def test_empty_pdf_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(ReadError) as caught:
        read(path)
    assert caught.value.reason == f"not a valid PDF (no %PDF- header); {REPAIR_HINT}"


@pytest.mark.parametrize(
    ("value", "date"),
    [
        ("D:20240312093000+01'00'", dt.date(2024, 3, 12)),
        ("D:20240312093000Z", dt.date(2024, 3, 12)),
        ("D:20240312093000-05'00", dt.date(2024, 3, 12)),
        ("D:20240312", dt.date(2024, 3, 12)),
        ("20240312093000", dt.date(2024, 3, 12)),
        (" D: 2024-03-12T09:30:00", dt.date(2024, 3, 12)),
        ("D:2024", None),
        ("D:202403", None),
        ("D:20241340", None),
        ("D:00000101", None),
        ("Tuesday, March 12", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_pdf_date(value: str | None, date: dt.date | None) -> None:
    assert parse_pdf_date(value) == date
