"""The OpenDocument presentation reader: slides, groups, tables, notes, titles and broken files."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

import pytest

from focuscount.errors import ReadError
from focuscount.model import Location
from focuscount.readers import read_document as read  # the reader and the reading stage after it

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)


def odp(tmp_path: Path, pages: str, meta: str = "") -> Path:
    content = f"<office:document-content {NS}><office:body><office:presentation>{pages}"
    content += "</office:presentation></office:body></office:document-content>"
    path = tmp_path / "t.odp"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.presentation")
        archive.writestr("content.xml", content)
        archive.writestr(
            "meta.xml", f"<office:document-meta {NS}><office:meta>{meta}</office:meta></office:document-meta>"
        )
    return path


def frame(text: str, cls: str = "") -> str:
    attribute = f' presentation:class="{cls}"' if cls else ""
    return f"<draw:frame{attribute}><draw:text-box><text:p>{text}</text:p></draw:text-box></draw:frame>"


def test_deck_segments() -> None:
    document = read(FIXTURES / "deck.odp")
    assert [(str(segment.location), segment.text) for segment in document.segments] == [
        ("slide 1", "Library Services Review\nBoard meeting, spring"),
        ("slide 2", "Customer feedback\nPatrons like the app\nChildren need space"),
        ("slide 2 (notes)", "Mention the survey of library users."),
        ("slide 3", "Budget\nItem\tCost\nResources\t1200\nAdministration costs\nrose slightly"),
    ]
    assert document.segments[2].location == Location("slide", 2, part="notes")
    assert all(segment.location.speaker is None for segment in document.segments)


def test_deck_metadata_title_falls_back_to_the_first_slide_title() -> None:
    document = read(FIXTURES / "deck.odp")
    assert document.format == "odp"
    assert document.path == FIXTURES / "deck.odp"
    assert document.title == "Library Services Review"
    assert document.created == dt.datetime(2024, 3, 12, 9, 30)


def test_alternative_texts_and_comments_are_not_read() -> None:
    with zipfile.ZipFile(FIXTURES / "deck.odp") as archive:
        content = archive.read("content.xml").decode()
    assert "Logo of the library" in content
    assert "Reviewer: check the figures." in content
    text = read(FIXTURES / "deck.odp").text
    assert "Logo" not in text
    assert "A book for customers" not in text
    assert "Reviewer" not in text


def test_same_text_slide() -> None:
    document = read(FIXTURES / "same_text.odp")
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


def test_empty_slides_keep_their_number_and_labels_are_not_speakers(tmp_path: Path) -> None:
    pages = (
        f"<draw:page>{frame('First')}</draw:page><draw:page/>"
        f"<draw:page>{frame('Chair: Welcome patrons')}{frame('3. Budget')}"
        "<presentation:notes><draw:frame><draw:text-box><text:p>Director: say thanks</text:p>"
        "</draw:text-box></draw:frame></presentation:notes></draw:page>"
    )
    segments = read(odp(tmp_path, pages)).segments
    assert [(str(s.location), s.location.speaker, s.location.section, s.text) for s in segments] == [
        ("slide 1", None, None, "First"),
        ("slide 3", None, None, "Chair: Welcome patrons\n3. Budget"),
        ("slide 3 (notes)", None, None, "Director: say thanks"),
    ]


def test_agenda_slide_opens_a_section(tmp_path: Path) -> None:
    pages = f"<draw:page>{frame('4. Children and families')}</draw:page><draw:page>{frame('Story time')}</draw:page>"
    segments = read(odp(tmp_path, pages)).segments
    assert [(s.location.section, s.heading) for s in segments] == [
        ("4. Children and families", True),
        ("4. Children and families", False),
    ]


def test_title_from_meta_wins_and_no_title_frame_gives_none(tmp_path: Path) -> None:
    pages = f"<draw:page>{frame('Deck title', 'title')}</draw:page>"
    assert read(odp(tmp_path, pages, meta="<dc:title>Meta title</dc:title>")).title == "Meta title"
    assert read(odp(tmp_path, f"<draw:page>{frame('Just text')}</draw:page>")).title is None
    assert read(odp(tmp_path, "")).segments == ()


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "broken.odp"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ReadError) as caught:
        read(path)
    assert str(caught.value) == (
        f"{path}: not a valid .odp file (not a zip archive); open and re-save it in LibreOffice Impress"
    )


def test_text_document_renamed_to_odp(tmp_path: Path) -> None:
    path = tmp_path / "minutes.odp"
    shutil.copy(FIXTURES / "full.odt", path)
    with pytest.raises(ReadError) as caught:
        read(path)
    assert caught.value.reason == (
        "not a valid .odp file (it is a text document, not a presentation; rename it to .odt)"
    )


def test_no_presentation_inside(tmp_path: Path) -> None:
    path = tmp_path / "empty.odp"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("content.xml", f"<office:document-content {NS}/>")
    with pytest.raises(ReadError) as caught:
        read(path)
    assert caught.value.reason == (
        "not a valid .odp file (no presentation in content.xml; open and re-save it in LibreOffice Impress)"
    )


STYLE_NS = (
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
)


def odp_with_masters(tmp_path: Path, body: str, masters: str = "", page_styles: str = "") -> Path:
    """A presentation with footer declarations, drawing-page styles and master pages."""
    content = (
        f"<office:document-content {NS} {STYLE_NS}><office:automatic-styles>{page_styles}"
        f"</office:automatic-styles><office:body><office:presentation>{body}"
        "</office:presentation></office:body></office:document-content>"
    )
    styles = (
        f"<office:document-styles {NS} {STYLE_NS}><office:master-styles>{masters}"
        "</office:master-styles></office:document-styles>"
    )
    path = tmp_path / "masters.odp"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.presentation")
        archive.writestr("content.xml", content)
        archive.writestr("styles.xml", styles)
    return path


def placed(text: str, x: str, y: str, cls: str = "") -> str:
    attribute = f' presentation:class="{cls}"' if cls else ""
    return (
        f'<draw:frame svg:x="{x}" svg:y="{y}"{attribute}><draw:text-box><text:p>{text}</text:p>'
        "</draw:text-box></draw:frame>"
    )


MASTER = (
    '<style:master-page style:name="Default">'
    + placed("<text:page-number>&lt;number&gt;</text:page-number>", "18cm", "17cm", "page-number")
    + placed("<presentation:footer/>", "8cm", "17cm", "footer")
    + placed("<presentation:date-time/>", "1cm", "17cm", "date-time")
    + placed("Not furniture: the master's own title", "1cm", "1cm", "title")
    + "</style:master-page>"
)


def page_style(name: str, **shown: str) -> str:
    attributes = " ".join(f'presentation:display-{key.replace("_", "-")}="{value}"' for key, value in shown.items())
    return (
        f'<style:style style:name="{name}" style:family="drawing-page">'
        f"<style:drawing-page-properties {attributes}/></style:style>"
    )


def furniture_of(path: Path) -> list[tuple[str, bool, str]]:
    return [(str(s.location), s.furniture, s.text) for s in read(path).segments]


def test_libreoffice_footers_dates_and_numbers_are_furniture_of_their_own() -> None:
    """The deck LibreOffice converted from PPTX: footer declared once, number on the master, date on the slide."""
    path = FIXTURES / "furniture" / "deck.odp"
    with zipfile.ZipFile(path) as archive:
        content = archive.read("content.xml").decode()
    assert content.count("<presentation:footer-decl") == 1
    assert content.count('presentation:use-footer-name="') == 4
    assert "Riverside Public Library · Regional Conference 2025" in content
    slides = furniture_of(path)
    assert slides[:4] == [
        ("slide 1", False, "Putting patrons first\nLessons from a year of listening to library users"),
        ("slide 1", True, "9 October 2025"),
        ("slide 1", True, "Riverside Public Library · Regional Conference 2025"),
        ("slide 1", True, "1"),
    ]
    pptx = read(FIXTURES / "furniture" / "deck.pptx")
    assert slides == [(str(s.location), s.furniture, s.text) for s in pptx.segments]


def test_master_page_fields_are_filled_per_slide_and_hidden_ones_left_out(tmp_path: Path) -> None:
    body = (
        '<presentation:footer-decl presentation:name="ftr1">Riverside Public Library</presentation:footer-decl>'
        '<presentation:date-time-decl presentation:name="dtd1" presentation:source="fixed">'
        "14 March 2025</presentation:date-time-decl>"
        '<presentation:date-time-decl presentation:name="dtd2" presentation:source="current"'
        ' style:data-style-name="D1">01/01/2000</presentation:date-time-decl>'
        '<draw:page draw:master-page-name="Default" draw:style-name="dp1" presentation:use-footer-name="ftr1"'
        f' presentation:use-date-time-name="dtd1">{placed("Patrons first", "1cm", "4cm")}</draw:page>'
        '<draw:page draw:master-page-name="Default" draw:style-name="dp2" presentation:use-footer-name="ftr1"'
        f' presentation:use-date-time-name="dtd2">{placed("Staff", "1cm", "4cm")}</draw:page>'
        f'<draw:page draw:master-page-name="Default">{placed("No footer named", "1cm", "4cm")}</draw:page>'
    )
    styles = page_style("dp1", footer="true", page_number="true", date_time="true") + page_style(
        "dp2", footer="false", page_number="false", date_time="true"
    )
    assert furniture_of(odp_with_masters(tmp_path, body, MASTER, styles)) == [
        ("slide 1", False, "Patrons first"),
        ("slide 1", True, "14 March 2025"),  # the master's frames, left to right
        ("slide 1", True, "Riverside Public Library"),
        ("slide 1", True, "1"),
        ("slide 2", False, "Staff"),  # footer and number hidden; a "current" date is the day it is shown
        ("slide 3", False, "No footer named"),
        ("slide 3", True, "3"),  # no style: ODF shows the number
    ]


def test_a_frame_on_the_slide_wins_over_the_master_and_a_declared_footer_needs_no_master(tmp_path: Path) -> None:
    body = (
        '<presentation:footer-decl presentation:name="ftr1">Riverside Public Library</presentation:footer-decl>'
        '<draw:page draw:master-page-name="Default" presentation:use-footer-name="ftr1">'
        + placed("Footer typed on the slide", "8cm", "17cm", "footer")
        + placed("Customers", "1cm", "4cm")
        + "</draw:page>"
        '<draw:page draw:master-page-name="Other" presentation:use-footer-name="ftr1">'
        + placed("Library users", "1cm", "4cm")
        + "</draw:page>"
    )
    assert furniture_of(odp_with_masters(tmp_path, body, MASTER)) == [
        ("slide 1", False, "Customers"),
        ("slide 1", True, "Footer typed on the slide"),
        ("slide 1", True, "1"),
        ("slide 2", False, "Library users"),
        ("slide 2", True, "Riverside Public Library"),  # master "Other" does not exist: the declaration stands
    ]


def test_shapes_are_read_top_to_bottom_then_left_to_right_in_any_unit(tmp_path: Path) -> None:
    group = f"<draw:g>{placed('Group, lower', '1cm', '9cm')}{placed('Group, upper', '1cm', '8cm')}</draw:g>"
    page = (
        "<draw:page>"
        "<draw:frame><draw:text-box><text:p>No position</text:p></draw:text-box></draw:frame>"
        + placed("Bottom line", "1cm", "180mm")
        + placed("Right column: patrons", "4in", "2in")
        + placed("Left column: staff", "10mm", "144pt")  # 2 inches down, like the right column
        + placed("Title", "1cm", "0.5cm", "title")
        + group
        + "</draw:page>"
    )
    assert read(odp_with_masters(tmp_path, page)).segments[0].text.split("\n") == [
        "Title",
        "Left column: staff",
        "Right column: patrons",
        "Group, upper",
        "Group, lower",
        "Bottom line",
        "No position",
    ]
