"""The PowerPoint reader: slides, groups, tables, notes, titles and broken files."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.util import Inches

from focuscount.errors import ReadError
from focuscount.model import Location
from focuscount.readers import read_document as read  # the reader and the reading stage after it

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


def test_footer_date_and_slide_number_placeholders_are_furniture_of_their_own() -> None:
    """The deck LibreOffice and PowerPoint agree on: each footer placeholder is a furniture segment."""
    document = read(FIXTURES / "furniture" / "deck.pptx")
    slides = [(str(s.location), s.furniture, s.text) for s in document.segments]
    assert slides[:4] == [
        ("slide 1", False, "Putting patrons first\nLessons from a year of listening to library users"),
        ("slide 1", True, "9 October 2025"),  # date, footer and number sit on one line, left to right
        ("slide 1", True, "Riverside Public Library · Regional Conference 2025"),
        ("slide 1", True, "1"),
    ]
    assert len(slides) == 16
    assert [text for _, furniture, text in slides if furniture and text.isdigit()] == ["1", "2", "3", "4"]
    assert all(furniture for _, furniture, text in slides if "Regional Conference" in text)


def test_a_placeholder_footer_on_one_slide_is_still_furniture(tmp_path: Path) -> None:
    """Declared furniture needs no repetition: a one-slide deck's footer is furniture too."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    presentation = Presentation()
    layout = presentation.slide_layouts[1]
    slide = presentation.slides.add_slide(layout)
    slide.shapes.title.text = "Budget for patrons"
    footer = next(p for p in layout.placeholders if p.placeholder_format.type == PP_PLACEHOLDER.FOOTER)
    slide.shapes.clone_placeholder(footer)
    next(
        p for p in slide.placeholders if p.placeholder_format.type == PP_PLACEHOLDER.FOOTER
    ).text = "Riverside Public Library"
    path = tmp_path / "one.pptx"
    presentation.save(str(path))
    assert [(str(s.location), s.furniture, s.text) for s in read(path).segments] == [
        ("slide 1", False, "Budget for patrons"),
        ("slide 1", True, "Riverside Public Library"),
    ]


def test_shapes_are_read_top_to_bottom_then_left_to_right(tmp_path: Path) -> None:
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])

    def box(left: float, top: float, text: str) -> Any:
        shape = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(2), Inches(0.5))
        shape.text_frame.text = text
        return shape

    unplaced = box(1, 1, "No position")  # written first, read last
    unplaced._element.spPr.remove(unplaced._element.spPr.xfrm)
    box(1, 7, "Riverside Public Library · Regional Conference 2025")  # a plain text box at the bottom
    box(5, 2, "Right column: patrons")
    box(1, 2, "Left column: staff")
    box(1, 0.5, "Title at the top")
    group = slide.shapes.add_group_shape()
    for top, text in ((4.5, "Group, lower"), (4, "Group, upper")):
        group.shapes.add_textbox(Inches(1), Inches(top), Inches(2), Inches(0.5)).text_frame.text = text
    path = tmp_path / "order.pptx"
    presentation.save(str(path))
    assert read(path).segments[0].text.split("\n") == [
        "Title at the top",
        "Left column: staff",
        "Right column: patrons",
        "Group, upper",
        "Group, lower",
        "Riverside Public Library · Regional Conference 2025",
        "No position",
    ]


def test_a_bottom_text_box_on_every_slide_is_furniture_by_repetition(tmp_path: Path) -> None:
    """A footer typed into a text box (no placeholder) is the slides' last line, so the rule finds it."""
    presentation = Presentation()
    for number, text in enumerate(("Patrons first", "Staff at the desk", "A survey of teens"), start=1):
        slide = presentation.slides.add_slide(presentation.slide_layouts[6])
        footer = slide.shapes.add_textbox(Inches(1), Inches(7), Inches(6), Inches(0.4))
        footer.text_frame.text = f"Riverside Public Library · Slide {number}"
        slide.shapes.add_textbox(Inches(1), Inches(1), Inches(6), Inches(1)).text_frame.text = text
    path = tmp_path / "boxes.pptx"
    presentation.save(str(path))
    assert [(str(s.location), s.furniture, s.text) for s in read(path).segments] == [
        ("slide 1", False, "Patrons first"),
        ("slide 1", True, "Riverside Public Library · Slide 1"),
        ("slide 2", False, "Staff at the desk"),
        ("slide 2", True, "Riverside Public Library · Slide 2"),
        ("slide 3", False, "A survey of teens"),
        ("slide 3", True, "Riverside Public Library · Slide 3"),
    ]
