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
    assert document.created == dt.datetime(2024, 3, 12, 9, 30)
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
    assert document.segments[0].text == ("The new library opens soon for\nall Patrons and the Well-\nKnown visitors.")


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
