"""The PDFium engine (focuscount.readers.pdfium): the pdfminer reader's results, its errors, and its limits."""

from __future__ import annotations

import datetime as dt
import zlib
from pathlib import Path

import bomb_files
import pytest
from helpers import EXAMPLES, FIXTURES, matcher_for, probe_read

from focuscount.counting import count_document
from focuscount.errors import ReadError
from focuscount.limits import ReadLimits
from focuscount.model import Document
from focuscount.readers import pdf, pdfium
from focuscount.readers import read_document as read

pytest.importorskip("pypdfium2")

REPAIR_HINT = "re-export it from its source program or try `qpdf in.pdf repaired.pdf`"
DECRYPT_HINT = "decrypt it first, e.g. `qpdf --password=PASSWORD --decrypt in.pdf out.pdf`"
ALL_PDFS = sorted([*FIXTURES.rglob("*.pdf"), *EXAMPLES.rglob("*.pdf")])


def _outcome(reader: object, path: Path) -> Document | str:
    try:
        return reader.read(path)  # type: ignore[attr-defined]
    except ReadError as error:
        return f"refused: {error.reason}"


# ----------------------------------------------------------------- parity with pdfminer


@pytest.mark.parametrize("path", ALL_PDFS, ids=lambda p: p.name)
def test_every_test_and_example_pdf_reads_exactly_as_with_pdfminer(path: Path) -> None:
    # The whole raw Document (every segment's text, location, first line; title, dates, producer, deck), or the
    # same reason for refusing it: a file PDFium refuses, a password's too, is read by pdfminer.six.
    assert _outcome(pdfium, path) == _outcome(pdf, path)


def test_a_damaged_encryption_dictionary_reads_as_damage_with_either_engine() -> None:
    path = next(p for p in ALL_PDFS if p.name == "fuzz_pdf_encryption_key_error.pdf")
    with pytest.raises(ReadError) as caught:
        pdfium.read(path)
    assert caught.value.reason.startswith("not a valid PDF ('L' format requires 0 <= number <= 4294967295); ")


def test_counts_and_hit_locations_are_the_same_through_the_reading_stage() -> None:
    path = FIXTURES / "pdf_line_numbers.pdf"
    matcher = matcher_for()
    a = count_document(read(path), matcher)
    b = count_document(read(path, pdf_engine="pdfium"), matcher)
    assert (b.words, dict(b.counts)) == (a.words, dict(a.counts)) == (694, {"customer": 3, "institution": 2})
    assert [(hit.term, hit.matched_text, str(hit.location)) for hit in b.hits] == [
        ("library", "Library", "page 1, line 1"),
        ("volunteer*", "volunteers", "page 1, line 11"),
        ("library", "Library", "page 2, line 1"),
        ("patron", "Patron", "page 2, line 22"),
        ("patron", "patrons", "page 2, line 23"),
    ]


def test_rotated_text_and_the_crop_box_behave_as_with_pdfminer() -> None:
    rotated = pdfium.read(FIXTURES / "pdf_rotated.pdf")
    assert [(str(s.location), s.first_line, s.text) for s in rotated.segments][2:6] == [
        ("page 1", 3, "Patrons"),  # 90°
        ("page 2", 1, "Library users"),  # 45°, ordered by its top
        ("page 2", 2, "Visits by group"),
        ("page 2", 3, "Visits per week"),  # 270°
    ]
    clipped = pdfium.read(FIXTURES / "pdf_outside_box.pdf")
    # Hidden at x=-500, above the page, cut off by the crop box of a page turned by /Rotate 90: not read.
    assert [s.text for s in clipped.segments] == [
        "Minutes of the Riverside Public Library board, 14 October 2025.",
        "The board heard from patrons about opening hours.",
        "residents",
        "Visitors asked for more seating.",
    ]


def test_deck_with_notes_pages_and_metadata() -> None:
    document = pdfium.read(FIXTURES / "deck_notes_pages.pdf")
    assert document.deck
    assert [str(s.location) for s in document.segments if s.location.part == "notes"] == [
        "page 4 (notes)",
        "page 5 (notes)",
        "page 6 (notes)",
    ]
    same = pdfium.read(FIXTURES / "same_text.pdf")
    assert (same.title, same.created) == ("Library board minutes", dt.datetime(2024, 3, 12, 9, 30))
    assert same.producer == "ReportLab PDF Library - (opensource) / anonymous"


def _lines_pdf(path: Path, lines: list[bytes], encoding: bytes = b"WinAnsiEncoding", matrix: bytes = b"") -> Path:
    """A one-page PDF drawing ``lines`` one under the other (Helvetica 11, or 1 scaled by ``matrix``)."""
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /%s >>" % encoding
    shown = b" ".join(b"(%s) Tj 0 -%d Td" % (line, 14 if not matrix else 1.3) for line in lines)
    start = b"BT /F1 11 Tf 72 720 Td " if not matrix else b"BT /F1 1 Tf " + matrix + b" Tm "
    operators = start + shown + b" ET"
    stream = b"<< /Length %d >>\nstream\n" % len(operators) + operators + b"\nendstream"
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>"
    catalog, tree = b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>"
    return bomb_files.write_pdf(path, [catalog, tree, font, page, stream])


@pytest.mark.parametrize(
    ("lines", "encoding", "matrix"),
    [
        ([b"the cus-", b"tomers came"], b"WinAnsiEncoding", b""),  # PDFium marks a line-end hyphen: kept as drawn
        ([b"the Friends of the Li-", b"brary shop"], b"WinAnsiEncoding", b""),
        ([b"in 2023-", b"24 the branch"], b"WinAnsiEncoding", b""),
        ([b"the \\256nal of\\256ce hours"], b"StandardEncoding", b""),  # the "fi" ligature
        ([b"Alderbrook Public Library", b"Present: J. Okafor (Chair)"], b"WinAnsiEncoding", b"11 0 0 11 72 720"),
        ([b"Patrons  asked   for hours"], b"WinAnsiEncoding", b""),  # spaces the PDF draws itself
    ],
)
def test_generated_pages_read_as_with_pdfminer(
    tmp_path: Path, lines: list[bytes], encoding: bytes, matrix: bytes
) -> None:
    path = _lines_pdf(tmp_path / "lines.pdf", lines, encoding, matrix)
    if encoding != b"StandardEncoding":
        assert pdfium.read(path) == pdf.read(path)
    assert [s.text for s in read(path, pdf_engine="pdfium").segments] == [s.text for s in read(path).segments]


# ----------------------------------------------------------------- errors


def test_a_ligature_is_given_as_its_letters_by_pdfium_and_by_the_reading_stage_after_pdfminer(tmp_path: Path) -> None:
    path = _lines_pdf(tmp_path / "ligature.pdf", [b"the \\256nal of\\256ce hours"], b"StandardEncoding")
    assert [s.text for s in pdf.read(path).segments] == ["the \ufb01nal of\ufb01ce hours"]
    assert [s.text for s in pdfium.read(path).segments] == ["the final office hours"]
    assert [s.text for s in read(path, pdf_engine="pdfium").segments] == ["the final office hours"]


def test_scanned_pdf_without_text_layer() -> None:
    path = FIXTURES / "scanned.pdf"
    with pytest.raises(ReadError) as caught:
        pdfium.read(path)
    assert str(caught.value) == (
        f"{path}: no extractable text (scanned? run OCR first, e.g. `ocrmypdf in.pdf out.pdf`) in 1 page"
    )


def test_encrypted_pdf_needing_a_password() -> None:
    path = FIXTURES / "encrypted.pdf"
    with pytest.raises(ReadError) as caught:
        pdfium.read(path)
    assert str(caught.value) == f"{path}: encrypted PDF (a password is needed); {DECRYPT_HINT}"


def test_encrypted_pdf_with_an_empty_user_password_is_read() -> None:
    assert [s.text for s in pdfium.read(FIXTURES / "encrypted_no_user_password.pdf").segments] == [
        "Readable text about patrons."
    ]


def test_what_pdfium_cannot_open_is_read_by_pdfminer_with_its_repairs(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as caught:
        pdfium.read(FIXTURES / "corrupt.pdf")
    assert caught.value.reason == f"not a valid PDF (Unexpected EOF); {REPAIR_HINT}"  # pdfminer's words
    intact = (FIXTURES / "multipage.pdf").read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(intact[: int(len(intact) * 0.7)])  # PDFium opens nothing; pdfminer reads up to the cut
    assert [(str(s.location), s.text) for s in pdfium.read(cut).segments] == [
        ("page 1", "Page one talks about customers.")
    ]
    cut.write_bytes(intact[: int(len(intact) * 0.5)])
    with pytest.raises(ReadError) as caught:
        pdfium.read(cut)
    assert caught.value.reason == f"damaged PDF (its pages were found but hold no readable text); {REPAIR_HINT}"


def test_not_a_pdf_and_an_empty_file(tmp_path: Path) -> None:
    notes = tmp_path / "notes.pdf"
    notes.write_text("Minutes of the Alderbrook Public Library board, saved with the wrong extension.\n")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    reasons = []
    for path in (notes, empty):
        with pytest.raises(ReadError) as caught:
            pdfium.read(path)
        reasons.append(caught.value.reason)
    assert reasons == [f"not a valid PDF (no %PDF- header); {REPAIR_HINT}", "empty file (0 bytes)"]


def test_a_page_tree_that_is_only_a_loop(tmp_path: Path) -> None:
    path = bomb_files.write_pdf(
        tmp_path / "self_loop.pdf",
        [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"],
    )
    with pytest.raises(ReadError) as caught:
        pdfium.read(path)
    assert caught.value.reason == f"damaged PDF (its page list cannot be read); {REPAIR_HINT}"


def test_damaged_xref_is_repaired_and_counts_like_the_intact_file() -> None:
    damaged = pdfium.read(FIXTURES / "bad" / "pdf_damaged_xref.pdf")
    intact = pdfium.read(FIXTURES / "same_text.pdf")
    assert damaged.segments == intact.segments


# ----------------------------------------------------------------- limits


def _probe(path: Path, max_file_mb: float = 200.0) -> tuple[str, float, float]:
    """Read ``path`` with PDFium in a fresh child (see helpers.probe_read)."""
    return probe_read(path, max_file_mb, "pdfium")


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = _lines_pdf(tmp_path / "big.pdf", [b"Patrons first."])
    with pytest.raises(ReadError) as caught:
        pdfium.read(path, ReadLimits(max_file_mb=0.0001))
    assert caught.value.reason == "larger than 0.0001 MB (raise --max-file-mb to read it)"


@pytest.mark.parametrize(
    ("inflated_mb", "reason"),
    [
        (1024, "expands to more than 200 MB (a decompression bomb?)"),
        (100, "expands to more than 200 times its compressed size (a stream; a decompression bomb?)"),
    ],
)
def test_flate_bombs_are_refused_before_pdfium_inflates_them(tmp_path: Path, inflated_mb: int, reason: str) -> None:
    outcome, seconds, peak_mb = _probe(bomb_files.pdf_flate_bomb(tmp_path, inflated_mb=inflated_mb))
    assert outcome == reason
    assert seconds < 10
    assert peak_mb < 300


def test_crowded_page_is_refused(tmp_path: Path) -> None:
    outcome, seconds, _peak_mb = _probe(bomb_files.pdf_crowded_page(tmp_path, words=400_000))
    assert outcome == "page 1 holds more than 100,000 characters (a decompression bomb?)"
    assert seconds < 10


def test_small_stream_drawn_by_many_pages_is_bounded_in_total(tmp_path: Path) -> None:
    path = bomb_files.pdf_many_references(tmp_path, pages=300, words=500)
    with pytest.raises(ReadError) as caught:
        pdfium.read(path, ReadLimits(max_file_mb=0.05))
    assert caught.value.reason == "expands to more than 0.05 MB (a decompression bomb?)"
    within = pdfium.read(bomb_files.pdf_many_references(tmp_path, pages=3, words=20))
    assert [str(s.location) for s in within.segments] == ["page 1", "page 2", "page 3"]


def test_stream_checks_skip_images_and_damaged_data(tmp_path: Path) -> None:
    from focuscount.readers._pdfguard import PdfBudget

    image = zlib.compress(b"\x00" * 5_000_000)  # 5 MB of one colour: a 1,000-fold ratio, but an image
    body = b"<< /Type /XObject /Subtype /Image /Width 1000 /Height 5000 /Filter /FlateDecode /Length %d >>" % len(image)
    data = b"%PDF-1.4\n1 0 obj\n" + body + b"\nstream\n" + image + b"\nendstream\nendobj\n"
    data += b"2 0 obj\n<< /Filter /FlateDecode /Length 9 >>\nstream\nnot zlib!\nendstream\nendobj\n"
    budget = PdfBudget(ReadLimits())
    pdfium.check_streams(data, budget)
    assert budget.decoded == 0
