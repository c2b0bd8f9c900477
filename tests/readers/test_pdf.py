"""The PDF reader: pages, hyphenation, metadata, and every way a PDF can fail to give text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from focuscount import ocr
from focuscount.errors import ReadError
from focuscount.model import Document, Location
from focuscount.readers import read_document as read  # the reader and the reading stage after it
from focuscount.readers.pdf import parse_pdf_date
from focuscount.reading import ReadingRules, WordKnowledge

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
REPAIR_HINT = "re-export it from its source program or try `qpdf in.pdf repaired.pdf`"


def test_same_text_gives_a_segment_per_paragraph_located_at_its_visual_line() -> None:
    document = read(FIXTURES / "same_text.pdf")
    assert document.format == "pdf"
    assert document.path == FIXTURES / "same_text.pdf"
    assert document.title == "Library board minutes"
    assert document.created == dt.datetime(2024, 3, 12, 9, 30)
    # Four lines 40 pt apart: four paragraphs, on lines 1 to 4 of the page (no blank lines counted).
    assert [(str(s.location), s.first_line, s.text) for s in document.segments] == [
        ("page 1", 1, "Minutes of the library board meeting."),
        ("page 1", 2, "Customers and patrons praised the new user interface."),
        ("page 1", 3, "Library users asked the administration for more resources."),
        ("page 1", 4, "Children will get a reading corner in the library."),
    ]
    segment = document.segments[1]
    assert segment.location == Location("page", number=1)
    assert str(segment.location_at(segment.text.index("patrons"))) == "page 1, line 2"


def test_blank_page_gives_no_segment_and_numbering_stays_true() -> None:
    document = read(FIXTURES / "multipage.pdf")
    assert [(str(segment.location), segment.text) for segment in document.segments] == [
        ("page 1", "Page one talks about customers."),
        ("page 3", "Page three mentions the library."),
    ]
    assert document.title == "Three pages"


# ----------------------------------------------------------------- hygiene, by the reading stage (issue 9)


def test_hyphenated_line_ends_are_joined_by_the_reading_stage_keeping_lines() -> None:
    document = read(FIXTURES / "hyphenated.pdf")
    # Without a word list: joined before a lower-case letter only; the line count stays four.
    assert document.segments[0].text == ("The new library\n opens soon for\nall Patrons and the Well-Known\n visitors.")


def test_hyphenated_line_ends_are_joined_only_into_known_words() -> None:
    known = {"library"}
    document = read(FIXTURES / "hyphenated.pdf", words=WordKnowledge(known=known.__contains__))
    assert document.segments[0].text.split("\n")[0] == "The new library"
    unknown = read(FIXTURES / "hyphenated.pdf", words=WordKnowledge(known=set().__contains__))
    assert unknown.segments[0].text.split("\n")[0] == "The new li-brary"


def _lines_pdf(path: Path, lines: list[bytes], leading: int = 14, encoding: bytes = b"WinAnsiEncoding") -> Path:
    """A one-page PDF drawing ``lines`` one under the other (Helvetica 11, ``leading`` pt apart)."""
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /%s >>" % encoding
    shown = b" ".join(b"(%s) Tj 0 -%d Td" % (line, leading) for line in lines)
    operators = b"BT /F1 11 Tf 72 720 Td " + shown + b" ET"
    stream = b"<< /Length %d >>\nstream\n" % len(operators) + operators + b"\nendstream"
    return _pdf(
        path,
        [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>", font, _page(5), stream],
    )


@pytest.mark.parametrize(
    ("lines", "text"),
    [
        ([b"the cus-", b"tomers came"], "the customers\n came"),
        ([b"the Well-", b"Known visitors"], "the Well-Known\n visitors"),
        ([b"in 2023-", b"24 the branch"], "in 2023-\n24 the branch"),
        ([b"a dash -", b"brary"], "a dash -\nbrary"),
        ([b"mid-line hyphen", b"next line"], "mid-line hyphen\nnext line"),
        ([b"the Friends of the Li-", b"brary shop"], "the Friends of the Library\n shop"),
    ],
)
def test_line_end_hyphens_and_soft_hyphens_through_read_document(tmp_path: Path, lines: list[bytes], text: str) -> None:
    assert [segment.text for segment in read(_lines_pdf(tmp_path / "hyphens.pdf", lines)).segments] == [text]


def test_ligatures_are_read_as_their_letters(tmp_path: Path) -> None:
    # \\256 is the "fi" ligature in the standard encoding: pdfminer gives U+FB01, the reading stage "fi".
    path = _lines_pdf(tmp_path / "ligature.pdf", [b"the \\256nal of\\256ce hours"], encoding=b"StandardEncoding")
    assert [segment.text for segment in read(path).segments] == ["the final office hours"]


def test_text_inside_form_xobjects_is_read() -> None:
    document = read(FIXTURES / "form_xobject.pdf")
    # The letterhead (drawn at the top, inside a form XObject) comes first: pages read top to bottom.
    assert [(s.first_line, s.text) for s in document.segments] == [
        (1, "Riverside Library letterhead"),
        (2, "Body text for patrons."),
    ]


def test_scanned_pdf_without_text_layer_and_without_tesseract(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "find_tesseract", lambda: None)
    path = FIXTURES / "scanned.pdf"  # grey bars, no text layer
    with pytest.raises(ReadError) as caught:
        read(path)
    assert str(caught.value) == (
        f"{path}: no extractable text (scanned? run OCR first, e.g. `ocrmypdf in.pdf out.pdf`) in 1 page; "
        "install tesseract-ocr to read scanned pages"
    )


@pytest.mark.skipif(ocr.find_tesseract() is None, reason="tesseract is not installed (Debian: tesseract-ocr)")
def test_scanned_pdf_whose_ocr_finds_no_words() -> None:
    path = FIXTURES / "scanned.pdf"
    with pytest.raises(ReadError) as caught:
        read(path)
    assert str(caught.value) == f"{path}: no extractable text in 1 page (no text layer, and OCR found no words)"


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
    assert document.created == dt.datetime(2024, 3, 12, 9, 30)


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
    assert caught.value.reason == "empty file (0 bytes)"


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


# ----------------------------------------------------------------- damaged structure (issue 8)


def damage_xref(intact: bytes) -> bytes:
    """Every offset of the cross-reference table made wrong (three times itself plus 11): how the fixture was made."""
    import re

    start = intact.rfind(b"\nxref")
    table = re.sub(rb"\d{10} 00000 n", lambda m: b"%010d 00000 n" % (int(m.group(0)[:10]) * 3 + 11), intact[start:])
    return intact[:start] + table


def test_damaged_xref_fixture_is_same_text_with_every_offset_wrong() -> None:
    intact = (FIXTURES / "same_text.pdf").read_bytes()
    damaged = (FIXTURES / "bad" / "pdf_damaged_xref.pdf").read_bytes()
    assert damaged == damage_xref(intact) != intact


def test_damaged_xref_is_rebuilt_and_counts_like_the_intact_file() -> None:
    from helpers import matcher_for

    from focuscount.counting import count_document

    damaged = read(FIXTURES / "bad" / "pdf_damaged_xref.pdf")
    intact = read(FIXTURES / "same_text.pdf")
    assert [(str(s.location), s.text) for s in damaged.segments] == [(str(s.location), s.text) for s in intact.segments]
    assert damaged.title == "Library board minutes"
    matcher = matcher_for()
    counts = count_document(damaged, matcher)
    assert (counts.words, dict(counts.counts), len(counts.hits)) == (31, {"customer": 3, "institution": 4}, 7)
    assert (counts.words, dict(counts.counts)) == (
        count_document(intact, matcher).words,
        dict(count_document(intact, matcher).counts),
    )


def test_garbage_xref_offsets_beyond_the_file_are_rebuilt(tmp_path: Path) -> None:
    import re

    intact = (FIXTURES / "multipage.pdf").read_bytes()
    start = intact.rfind(b"\nxref")
    path = tmp_path / "garbage.pdf"
    path.write_bytes(intact[:start] + re.sub(rb"\d{10} 00000 n", b"9999999999 00000 n", intact[start:]))
    assert [segment.text for segment in read(path).segments] == [
        "Page one talks about customers.",
        "Page three mentions the library.",
    ]


def test_truncated_pdf_gives_the_pages_before_the_cut(tmp_path: Path) -> None:
    intact = (FIXTURES / "multipage.pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(intact[: int(len(intact) * 0.7)])  # trailer, page tree and the last content streams lost
    document = read(path)
    assert [(str(s.location), s.text) for s in document.segments] == [("page 1", "Page one talks about customers.")]


def test_truncated_pdf_without_any_page_text_is_damaged_not_scanned(tmp_path: Path) -> None:
    intact = (FIXTURES / "multipage.pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(intact[: int(len(intact) * 0.5)])  # the pages survive, none of their content streams
    with pytest.raises(ReadError) as caught:
        read(path)
    assert caught.value.reason == f"damaged PDF (its pages were found but hold no readable text); {REPAIR_HINT}"


def _pdf(path: Path, objects: list[bytes]) -> Path:
    from bomb_files import write_pdf

    return write_pdf(path, objects)


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _content(text: bytes) -> bytes:
    operators = b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"
    return b"<< /Length %d >>\nstream\n" % len(operators) + operators + b"\nendstream"


def _page(content: int, parent: int = 2) -> bytes:
    return (
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> " % (parent)
        + b"/Contents %d 0 R >>" % content
    )


def test_page_tree_loop_reads_each_page_once(tmp_path: Path) -> None:
    # /Pages 2 holds page 4 and /Pages 6, which holds page 7 and /Pages 2 again: a /Kids loop.
    path = _pdf(
        tmp_path / "loop.pdf",
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R 6 0 R] /Count 2 >>",
            _FONT,
            _page(5),
            _content(b"The library opened."),
            b"<< /Type /Pages /Parent 2 0 R /Kids [7 0 R 2 0 R] /Count 1 >>",
            _page(8, parent=6),
            _content(b"Patrons came."),
        ],
    )
    assert [(str(s.location), s.text) for s in read(path).segments] == [
        ("page 1", "The library opened."),
        ("page 2", "Patrons came."),
    ]


def test_page_tree_that_is_only_a_loop_is_a_damaged_pdf_not_a_scan(tmp_path: Path) -> None:
    path = _pdf(
        tmp_path / "self_loop.pdf",
        [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>", _FONT],
    )
    with pytest.raises(ReadError) as caught:
        read(path)
    assert caught.value.reason == f"damaged PDF (its page list cannot be read); {REPAIR_HINT}"


def test_page_objects_outside_a_broken_tree_are_still_found(tmp_path: Path) -> None:
    # The catalog's /Pages points at the font: pdfminer then looks for /Type /Page objects itself.
    path = _pdf(
        tmp_path / "no_tree.pdf",
        [
            b"<< /Type /Catalog /Pages 3 0 R >>",
            b"<< /Type /Pages /Kids [] /Count 0 >>",
            _FONT,
            _page(5),
            _content(b"Hi"),
        ],
    )
    assert [segment.text for segment in read(path).segments] == ["Hi"]


def test_flate_stream_failing_its_checksum_keeps_its_text_in_linear_time(tmp_path: Path) -> None:
    import time
    import zlib

    operators = b"BT /F1 12 Tf 72 720 Td (Patrons first.) Tj ET\n" + b"".join(
        b"%% comment %d\n" % number for number in range(100_000)
    )
    raw = zlib.compress(operators)[:-4] + b"\x00\x00\x00\x00"  # a wrong Adler-32 checksum
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(raw) + raw + b"\nendstream"
    path = _pdf(
        tmp_path / "checksum.pdf",
        [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>", _FONT, _page(5), stream],
    )
    started = time.perf_counter()
    assert [segment.text for segment in read(path).segments] == ["Patrons first."]
    assert time.perf_counter() - started < 5  # pdfminer's byte-at-a-time fallback takes minutes here


# ----------------------------------------------------------------- layout: visible box, rotation, lines (issue 9)


def _hits(document: Document) -> list[tuple[str, str, str]]:
    """``(term, matched words, location)`` of every counted hit, in order."""
    from helpers import matcher_for

    from focuscount.counting import count_document

    return [(hit.term, hit.matched_text, str(hit.location)) for hit in count_document(document, matcher_for()).hits]


def test_text_outside_the_crop_box_is_not_read() -> None:
    document = read(FIXTURES / "pdf_outside_box.pdf")
    # Hidden at x=-500, above the page, in the margin the crop box cuts away: gone.  "residents"
    # starts inside the crop box and runs out of it: a viewer shows it, so it is read.
    assert [(str(s.location), s.first_line, s.text) for s in document.segments] == [
        ("page 1", 1, "Minutes of the Riverside Public Library board, 14 October 2025."),
        ("page 1", 2, "The board heard from patrons about opening hours."),
        ("page 1", 3, "residents"),
        ("page 2", 1, "Visitors asked for more seating."),  # /Rotate 90, crop box 50 pt in from the left
    ]
    assert _hits(document) == [("patron", "patrons", "page 1, line 2")]


def test_crop_box_is_turned_with_the_page(tmp_path: Path) -> None:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    from focuscount.readers.pdf import visible_box

    with (FIXTURES / "pdf_outside_box.pdf").open("rb") as handle:
        first, turned = PDFPage.create_pages(PDFDocument(PDFParser(handle)))
        assert visible_box(first) == pytest.approx((36, 36, 559.27, 805.89))
        # A landscape media box turned by /Rotate 90: the crop box [50 0 595.27 841.89] within the media box
        # [0 0 841.89 595.27] is x 50-595.27 and y 0-595.27 unturned; turned, x' = y and y' = 841.89 - x.
        assert visible_box(turned) == pytest.approx((0, 246.62, 595.27, 791.89))


def test_crop_box_outside_the_media_box_is_ignored(tmp_path: Path) -> None:
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /CropBox [700 800 900 1000] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>"
    )
    path = _pdf(
        tmp_path / "crop.pdf",
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            _FONT,
            page,
            _content(b"Patrons first."),
        ],
    )
    assert [segment.text for segment in read(path).segments] == ["Patrons first."]


def test_rotated_text_is_read_as_words() -> None:
    document = read(FIXTURES / "pdf_rotated.pdf")
    assert [(str(s.location), s.first_line, s.text) for s in document.segments] == [
        ("page 1", 1, "Annual report 2024-25"),
        ("page 1", 2, "Riverside Public Library"),  # 12 pt, 30 pt under a 24 pt title: a paragraph of its own
        ("page 1", 3, "Patrons"),  # 90°, up the left edge of the cover
        ("page 2", 1, "Library users"),  # 45°, ordered by its top
        ("page 2", 2, "Visits by group"),
        ("page 2", 3, "Visits per week"),  # 270°, read top to bottom
        ("page 2", 4, "Families"),  # -45° bar labels
        ("page 2", 5, "Job seekers"),
        ("page 2", 6, "Older adults"),
        ("page 2", 7, "Source: counts at the doors of every branch."),
    ]
    assert _hits(document) == [
        ("library", "Library", "page 1, line 2"),
        ("patron", "Patrons", "page 1, line 3"),
        ("library user", "Library users", "page 2, line 1"),
    ]


def test_a_page_turned_by_rotate_is_landscape_and_its_text_read_as_words(tmp_path: Path) -> None:
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Rotate 90 "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>"
    )
    path = _pdf(
        tmp_path / "turned.pdf",
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            _FONT,
            page,
            _content(b"Patrons first."),
        ],
    )
    document = read(path)
    assert ([segment.text for segment in document.segments], document.deck) == (["Patrons first."], True)


def test_a_page_counts_its_lines_as_a_reader_does() -> None:
    document = read(FIXTURES / "pdf_line_numbers.pdf")
    pages = {number: [s for s in document.segments if s.location.number == number] for number in (1, 2)}
    for segments in pages.values():
        lines = [line for s in segments for line in s.text.split("\n")]
        # Header, 40 body lines, footer: 42 lines, no blank ones, each segment at its first line.
        assert len(lines) == 42
        assert lines[0] == "Riverside Public Library · Board of Trustees · Minutes of 14 October 2025"
        assert [s.first_line for s in segments] == [
            1 + sum(s.text.count("\n") + 1 for s in segments[:index]) for index in range(len(segments))
        ]
    assert [line for s in pages[2] for line in s.text.split("\n")][22 - 1 : 24] == [
        "9. Patron Voice",
        "Three patrons spoke about the reading room and asked for quiet",  # words drawn one by one: spaces from gaps
        "hours in the mornings. The Board thanked them and asked staff",
    ]
    assert pages[1][-1].text == "Page 1 of 2" and pages[1][-1].furniture  # a page number at the page's foot
    assert _hits(document) == [
        ("library", "Library", "page 1, line 1"),  # "Riverside Public Library": the header, on two pages only
        ("volunteer*", "volunteers", "page 1, line 11"),
        ("library", "Library", "page 2, line 1"),
        ("patron", "Patron", "page 2, line 22"),
        ("patron", "patrons", "page 2, line 23"),  # the 23rd line a reader counts on page 2
    ]


def test_paragraphs_are_segments_so_agenda_items_and_turns_are_found() -> None:
    document = read(FIXTURES / "pdf_line_numbers.pdf")
    director = next(s for s in document.segments if s.location.speaker == "Director")
    assert (str(director.location_at(0)), director.location.section) == ("page 1, line 8", "2. Director's report")
    assert director.text.endswith("add a second session from November if volunteers can be found.")
    patrons = next(s for s in document.segments if "Three patrons" in s.text)
    assert (patrons.first_line, patrons.location.section) == (23, "9. Patron Voice")


def test_deck_with_notes_pages_gives_the_slide_text_once_and_the_notes_at_their_page() -> None:
    document = read(FIXTURES / "deck_notes_pages.pdf")
    assert document.deck  # three landscape slides, then their three portrait notes pages
    assert [(str(s.location), s.first_line, s.furniture, s.text) for s in document.segments] == [
        ("page 1", 1, False, "Putting patrons first"),
        ("page 1", 2, False, "• Why the Board changed its agenda\n• What residents told us"),
        ("page 1", 4, True, "Riverside Public Library · Regional Conference 2025"),
        ("page 2", 1, False, "What families asked for"),
        ("page 2", 2, False, "• Saturday mornings at every branch\n• No fines on children's books"),
        ("page 2", 4, True, "Riverside Public Library · Regional Conference 2025"),
        ("page 3", 1, False, "Next steps"),
        ("page 3", 2, False, "• Patron Voice at every meeting\n• Measures reported twice a year"),
        ("page 3", 4, True, "Riverside Public Library · Regional Conference 2025"),
        # Lines 1-4 of a notes page are its copy of the slide: left out.  The number at its foot is furniture.
        (
            "page 4 (notes)",
            5,
            False,
            "Welcome everyone. Thank the hosts, then\nexplain why the Board now starts every\nmeeting with Patron Voice.",
        ),
        ("page 4", 8, True, "1"),
        (
            "page 5 (notes)",
            5,
            False,
            "The survey reached 1,204 residents. Families\nasked for Saturday mornings; parents asked\nfor an end to fines.",
        ),
        ("page 5", 8, True, "2"),
        (
            "page 6 (notes)",
            5,
            False,
            "Close with the invitation to the open forum in\nNovember. Leave time for questions from the\naudience.",
        ),
        ("page 6", 8, True, "3"),
    ]
    # "patrons" of slide 1 is counted once, not again from its notes page.
    assert _hits(document) == [("patron", "patrons", "page 1, line 1"), ("patron", "Patron", "page 3, line 2")]
    without_notes = read(FIXTURES / "deck_notes_pages.pdf", rules=ReadingRules(notes="exclude"))
    assert [str(s.location) for s in without_notes.segments if "notes" in str(s.location)] == []
    assert len(without_notes.segments) == len(document.segments) - 3


def test_portrait_pages_after_slides_are_notes_pages_only_when_they_copy_their_slide(tmp_path: Path) -> None:
    slide = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 960 540] /Resources << /Font << /F1 3 0 R >> >> "
    portrait = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 540 720] /Resources << /Font << /F1 3 0 R >> >> "
    path = _pdf(
        tmp_path / "handout.pdf",
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R 6 0 R] /Count 2 >>",
            _FONT,
            slide + b"/Contents 5 0 R >>",
            _content(b"Putting patrons first").replace(b"72 720 Td", b"72 400 Td"),  # inside a 540 pt high page
            portrait + b"/Contents 7 0 R >>",
            _content(b"Handout: patrons asked for longer hours."),
        ],
    )
    document = read(path)
    assert [(str(s.location), s.text) for s in document.segments] == [
        ("page 1", "Putting patrons first"),
        ("page 2", "Handout: patrons asked for longer hours."),
    ]
    assert not document.deck
