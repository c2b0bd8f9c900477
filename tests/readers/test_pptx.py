"""The PowerPoint reader: slides, groups, tables, notes, titles and broken files."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Inches

from focuscount.errors import ReadError
from focuscount.model import Location
from focuscount.readers.pptx import read

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SAVE_HINT = "open and re-save it in PowerPoint"


def test_deck_segments() -> None:
    document = read(FIXTURES / "deck.pptx")
    assert [(str(segment.location), segment.text) for segment in document.segments] == [
        ("slide 1", "Library Services Review\nBoard meeting, spring"),
        ("slide 2", "Customer feedback\nPatrons like the app\nChildren need space"),
        ("slide 2 (notes)", "Mention the survey of library users."),
        ("slide 3", "Budget\nItem\tCost\nResources\t1200\nAdministration costs\nrose slightly"),
    ]
    assert document.segments[2].location == Location("slide", 2, part="notes")


def test_deck_metadata_title_falls_back_to_the_first_slide_title() -> None:
    document = read(FIXTURES / "deck.pptx")
    assert document.format == "pptx"
    assert document.path == FIXTURES / "deck.pptx"
    assert document.title == "Library Services Review"
    assert document.created == dt.datetime(2024, 3, 12, 9, 30)


def test_same_text_slide() -> None:
    document = read(FIXTURES / "same_text.pptx")
    assert [(str(segment.location), segment.text) for segment in document.segments] == [
        (
            "slide 1",
            "Minutes of the library board meeting.\n"
            "Customers and patrons praised the new user interface.\n"
            "Library users asked the administration for more resources.\n"
            "Children will get a reading corner in the library.",
        )
    ]
    assert document.title == "Library board minutes"


def test_placeholder_core_title_and_empty_slides(tmp_path: Path) -> None:
    presentation = Presentation()
    presentation.core_properties.title = "PowerPoint Presentation"
    slide = presentation.slides.add_slide(presentation.slide_layouts[0])
    slide.shapes.title.text = "Real title"
    presentation.slides.add_slide(presentation.slide_layouts[6])  # blank: no segment
    third = presentation.slides.add_slide(presentation.slide_layouts[6])
    third.shapes.add_textbox(Inches(1), Inches(1), Inches(3), Inches(1)).text_frame.text = "Third"
    path = tmp_path / "placeholder.pptx"
    presentation.save(str(path))
    document = read(path)
    assert document.title == "Real title"
    assert [str(segment.location) for segment in document.segments] == ["slide 1", "slide 3"]


def test_no_title_anywhere(tmp_path: Path) -> None:
    presentation = Presentation()
    presentation.core_properties.title = ""
    presentation.slides.add_slide(presentation.slide_layouts[6])
    path = tmp_path / "untitled.pptx"
    presentation.save(str(path))
    document = read(path)
    assert document.title is None
    assert document.segments == ()


def test_merged_table_cells_are_read_once(tmp_path: Path) -> None:
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])
    table = slide.shapes.add_table(2, 2, Inches(1), Inches(1), Inches(4), Inches(2)).table
    table.cell(0, 0).merge(table.cell(0, 1))
    table.cell(0, 0).text = "Patrons"
    table.cell(1, 0).text = "a"
    table.cell(1, 1).text = "b"
    path = tmp_path / "merged.pptx"
    presentation.save(str(path))
    assert read(path).segments[0].text == "Patrons\na\tb"


def test_not_a_zip() -> None:
    path = FIXTURES / "corrupt.pptx"
    with pytest.raises(ReadError) as caught:
        read(path)
    assert str(caught.value) == f"{path}: not a valid .pptx file (not a zip archive); {SAVE_HINT}"


def test_zip_without_a_presentation() -> None:
    with pytest.raises(ReadError) as caught:
        read(FIXTURES / "fake.pptx")
    assert caught.value.reason == (
        "not a valid .pptx file (no PowerPoint presentation inside the zip: "
        f"no member '/[Content_Types].xml' in package); {SAVE_HINT}"
    )


def test_word_document_renamed_to_pptx(tmp_path: Path) -> None:
    path = tmp_path / "words.pptx"
    shutil.copy(FIXTURES / "same_text.docx", path)
    with pytest.raises(ReadError) as caught:
        read(path)
    assert caught.value.reason == (
        "not a valid .pptx file (it is not a PowerPoint presentation; "
        f"is it another Office file renamed to .pptx?); {SAVE_HINT}"
    )


def test_encrypted_or_legacy_ole_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.pptx"
    shutil.copy(FIXTURES / "encrypted.docx", path)  # the same OLE compound-file bytes
    with pytest.raises(ReadError) as caught:
        read(path)
    assert caught.value.reason == (
        "encrypted (password-protected) .pptx, or an old .ppt saved with a .pptx name; "
        "remove the password in PowerPoint, or convert it: `soffice --headless --convert-to pptx FILE`"
    )
