"""The OpenDocument presentation reader: slides, groups, tables, notes, titles and broken files."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from focuscount.errors import ReadError
from focuscount.model import Location
from focuscount.readers.odp import read

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


def test_text_document_renamed_to_odp() -> None:
    with pytest.raises(ReadError) as caught:
        read(FIXTURES / "full.odt")
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
