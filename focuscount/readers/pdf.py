"""PDF reader (pdfminer.six): the text of each page, one line per visual line, in reading order.

pdfminer gives the characters of a page with where they are drawn; this reader
lays them out itself (see :func:`page_lines`):

- characters drawn entirely outside the visible page (the CropBox, else the
  MediaBox), e.g. hidden text at x=-500, are not read;
- characters are grouped by their direction (rotated text, a vertical label,
  a chart axis at 45°) and their baseline into lines, so rotated text is read as
  words, not as one letter per line;
- the lines of a page are ordered top to bottom (then left to right), one line of
  text per visual line, with no blank lines: line 23 of a page is the 23rd line of
  text a reader counts from its top, running header and footer included;
- a vertical gap larger than half a line starts a new paragraph: each paragraph is
  a segment located at ``page N`` whose ``first_line`` is its first line on the page.

A deck exported with its notes pages (LibreOffice's ``ExportNotesPages``: the slides
as landscape pages, then one portrait notes page per slide holding a small copy of
the slide and its speaker notes) gives the slide text once: a notes page gives only
its notes, at ``page N (notes)`` (N the notes page's own page number).

Hygiene (ligatures, soft hyphens, words hyphenated at a line end) is left to the
reading stage (:mod:`focuscount.hygiene`), the same for every format.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
import logging
import math
import re
import struct
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from focuscount.errors import ReadError
from focuscount.limits import DEFAULT_LIMITS, ReadLimits
from focuscount.model import Document, Location, Segment
from focuscount.ocr import NO_OCR, OcrSettings, no_text_reason, pages_to_read, read_pages
from focuscount.ocr import segments as ocr_segments
from focuscount.readers._pdfguard import PdfBudget, PdfLimitExceeded, bounded_aggregator, install
from focuscount.readers._textblocks import brief, clean_title, read_bytes, with_time

log = logging.getLogger(__name__)

_HEADER_WINDOW = 1024  # readers accept junk before %PDF-, up to about 1 KB
_DECRYPT_HINT = "decrypt it first, e.g. `qpdf --password=PASSWORD --decrypt in.pdf out.pdf`"
_REPAIR_HINT = "re-export it from its source program or try `qpdf in.pdf repaired.pdf`"

_PDF_DATE = re.compile(r"^\s*(?:D\s*:)?\s*(\d{4})-?(\d{2})-?(\d{2})")
_PDF_TIME = re.compile(r"^\s*(?:D\s*:)?\s*\d{8}(\d{2})(\d{2})")

Rect = tuple[float, float, float, float]


def read(path: Path, limits: ReadLimits = DEFAULT_LIMITS, ocr: OcrSettings = NO_OCR) -> Document:
    """Read a PDF's text layer page by page, and its scanned pages by OCR as ``ocr`` says (:mod:`focuscount.ocr`).

    Raises :class:`~focuscount.errors.ReadError` for a file that is not a PDF or
    is corrupt, for an encrypted PDF that needs a password, for a PDF whose
    streams or text pass ``limits`` (a decompression bomb), and for a PDF with
    no text at all (a scan without OCR, or one OCR found no words on).
    """
    path = Path(path)
    # pdfminer logs warnings about damage it works around; where they go is the application's
    # choice (the CLI: focuscount.log.configure_cli_logging), not this reader's.
    data = read_bytes(path, limits)
    if b"%PDF-" not in data[:_HEADER_WINDOW]:
        raise ReadError(path, f"not a valid PDF (no %PDF- header); {_REPAIR_HINT}")
    install()
    try:
        with PdfBudget(limits).active() as budget:
            document, pages = _read_pages(data, path, budget)
            info = _document_info(document, path)
    except PdfLimitExceeded as error:
        raise ReadError(path, error.reason, error) from error
    notes_from = _notes_pages_start(pages)
    segments, ocr_pages = page_segments(data, path, pages, notes_from, limits, ocr)
    if not segments:
        raise ReadError(path, no_text_reason(len(pages), ocr, tried=ocr_pages is not None))
    # Landscape pages throughout, or slides followed by their notes pages: slides exported from a
    # presentation, read like a deck (no speaker labels: "Goal: …" on a slide is a bullet, not a speaker).
    deck = bool(pages) and (notes_from is not None or all(page.landscape for page in pages))
    shape = "slides" if deck else "pages"
    if notes_from is not None:
        shape = f"{notes_from} slides, then their notes pages"
    log.debug("%s: %d pages, %d with text; read as %s", path, len(pages), sum(bool(p.lines) for p in pages), shape)
    return Document(
        path=path,
        format="pdf",
        segments=segments,
        title=clean_title(_info_text(info.get("Title"))),
        created=parse_pdf_moment(_info_text(info.get("CreationDate"))),
        modified=parse_pdf_moment(_info_text(info.get("ModDate"))),
        producer=" / ".join(filter(None, (_info_text(info.get(key)) for key in ("Producer", "Creator")))) or None,
        deck=deck,
        ocr_pages=ocr_pages or 0,
    )


def page_segments(
    data: bytes, path: Path, pages: list[PageLayout], notes_from: int | None, limits: ReadLimits, ocr: OcrSettings
) -> tuple[tuple[Segment, ...], int | None]:
    """The segments of every page, in page order, and how many pages OCR gave text for (None: none was OCRed).

    A page read by OCR (one without text with ``ocr.mode`` auto, every page with
    always) gives the paragraphs Tesseract found on its image instead of its text
    layer's; the other pages are read as usual.
    """
    wanted = pages_to_read([bool(page.lines) for page in pages], ocr)
    if not wanted:
        return tuple(_segments(pages, notes_from)), None
    texts = read_pages(data, wanted, ocr, path, limits, page_count=len(pages))
    if not texts:  # no page could be rendered (a damaged file pdfminer.six read around): the text layer as it is
        return tuple(_segments(pages, notes_from)), None
    scanned = [segment for number in wanted for segment in ocr_segments(number, texts.get(number, ""))]
    # With "always" no text layer is read; with "auto" the OCRed pages have none (their notes-page logic is moot).
    layer = () if ocr.mode == "always" else tuple(_segments(pages, notes_from))
    ordered = sorted((*layer, *scanned), key=lambda segment: segment.location.number or 0)  # stable: lines stay
    log.debug("%s: %d of %d pages read by OCR", path, len(wanted), len(pages))
    return tuple(ordered), sum(1 for number in wanted if texts.get(number))


def _read_pages(data: bytes, path: Path, budget: PdfBudget) -> tuple[Any, list[PageLayout]]:
    """The document and the text of each of its pages, rebuilding a damaged cross-reference table if need be.

    When the file's own cross-reference table leads to no page, to an error, or
    to pages without any text, the objects are found again by scanning the whole
    file (what poppler and qpdf do with a damaged table); that reading wins when
    it gives text.  Pages found by the file's own table but without text are a
    scan; anything else is a damaged PDF, never "scanned".  Both readings count
    against the same ``budget``.
    """
    first = _attempt(data, path, budget, rebuild=False)
    if not isinstance(first, ReadError) and _has_text(first[1]):
        return first
    second = _attempt(data, path, budget, rebuild=True)
    if not isinstance(second, ReadError) and _has_text(second[1]):
        why = first.reason if isinstance(first, ReadError) else "no text"
        log.debug("%s: read with a rebuilt cross-reference table (the file's own gave: %s)", path, why)
        return second
    if not isinstance(first, ReadError):
        return first  # pages that hold no text: a scan
    if not isinstance(second, ReadError):  # pages found only by scanning the file, without text: cut off?
        raise ReadError(path, f"damaged PDF (its pages were found but hold no readable text); {_REPAIR_HINT}")
    raise first


def _has_text(pages: list[PageLayout]) -> bool:
    return any(page.lines for page in pages)


def _attempt(data: bytes, path: Path, budget: PdfBudget, *, rebuild: bool) -> tuple[Any, list[PageLayout]] | ReadError:
    """One reading of the document: its pages' texts, or the ReadError saying why it failed.

    Encryption errors and bombs are raised, not returned: reading again cannot help.
    """
    from pdfminer.pdfpage import PDFPage
    from pdfminer.psexceptions import PSException

    try:
        document = _open_document(data, path, rebuild=rebuild)
    except _Damaged as damaged:
        return damaged.error
    try:
        pages = list(PDFPage.create_pages(document))
    except (PSException, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as error:
        return ReadError(path, f"damaged PDF (its page list cannot be read: {brief(error)}); {_REPAIR_HINT}", error)
    if not pages:
        return ReadError(path, f"damaged PDF (its page list cannot be read); {_REPAIR_HINT}")
    try:
        return document, list(_page_layouts(pages, path, budget))
    except ReadError as error:
        return error


class _Damaged(Exception):
    """Opening the document failed in a way a rebuilt cross-reference table may cure."""

    def __init__(self, error: ReadError) -> None:
        super().__init__(error.reason)
        self.error = error


def _open_document(data: bytes, path: Path, *, rebuild: bool) -> Any:
    """The pdfminer document (opened with the empty password every reader tries first).

    Raises the clear ReadErrors for encryption; corruption raises :class:`_Damaged`.
    With ``rebuild``, the file's cross-reference table is ignored and every
    object is found by scanning the file.
    """
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFParser
    from pdfminer.psexceptions import PSException

    document_class = _rebuilding_document_class() if rebuild else PDFDocument
    try:
        return document_class(PDFParser(io.BytesIO(data)), password="")
    except PDFPasswordIncorrect as error:
        raise ReadError(path, f"encrypted PDF (a password is needed); {_DECRYPT_HINT}", error) from error
    except PDFEncryptionError as error:
        raise ReadError(
            path, f"encrypted PDF that cannot be decrypted here ({brief(error)}); {_DECRYPT_HINT}", error
        ) from error
    except (
        PSException,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        AssertionError,
        struct.error,
    ) as error:
        raise _Damaged(ReadError(path, f"not a valid PDF ({brief(error)}); {_REPAIR_HINT}", error)) from error


@functools.cache
def _rebuilding_document_class() -> type:
    """A ``PDFDocument`` that never trusts the file's cross-reference table and trailer.

    pdfminer only scans the file for objects when it finds no table at all; a
    table with wrong offsets sends it to the wrong bytes, and every page is lost.
    A truncated file has lost its trailer, and with it the pointer to the
    catalog: the catalog is then the object of type /Catalog.
    """
    from pdfminer.pdfdocument import PDFDocument, PDFXRefFallback
    from pdfminer.pdftypes import PDFObjRef
    from pdfminer.psexceptions import PSEOF, PSException
    from pdfminer.psparser import LIT

    catalog = LIT("Catalog")

    class ScanningXRef(PDFXRefFallback):
        def load(self, parser: Any) -> None:
            with contextlib.suppress(PSEOF):  # a truncated file: every object before the cut is still there
                super().load(parser)
            if "Root" in self.trailer:
                return
            for objid, (_, position, _generation) in list(self.offsets.items()):
                parser.seek(position)
                try:
                    for _token in range(3):  # "N G obj"
                        parser.nextobject()
                    _, value = parser.nextobject()
                except PSException:
                    continue
                if isinstance(value, dict) and value.get("Type") is catalog:
                    self.trailer["Root"] = PDFObjRef(parser.doc, objid)
                    return

    class RebuildingDocument(PDFDocument):
        def find_xref(self, parser: Any) -> int:
            return 0

        def read_xref_from(self, parser: Any, start: int, xrefs: list[Any]) -> None:
            parser.fallback = True  # streams end at "endstream", not at a /Length that may be wrong
            xref = ScanningXRef()
            xref.load(parser)
            xrefs.append(xref)

    return RebuildingDocument


def _document_info(document: Any, path: Path) -> dict[str, Any]:
    """The document information dictionary (empty when missing or broken: that costs only metadata)."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.psexceptions import PSException

    info: dict[str, Any] = {}
    try:
        for entry in document.info:  # one per trailer; later (incremental) updates win
            entry = resolve1(entry)
            if isinstance(entry, dict):
                info.update({key: resolve1(value) for key, value in entry.items()})
    except (PSException, ValueError, KeyError, TypeError) as error:
        log.debug("%s: unreadable document information (%s)", path, error)
    return info


# ----------------------------------------------------------------- page layout

_SAME_BASELINE = 0.5  # baselines closer than half a character are one line (a superscript stays on it)
_SPACE_GAP = 0.1  # a gap wider than this share of a character is a space (pdfminer's word_margin)
# A vertical gap wider than about half a line starts a paragraph (pdfminer's line_margin is 0.5). Not 0.5 itself:
# text set with a line height of 1.5 (browsers' print of HTML) has its gaps exactly there, where rounding decided.
_PARAGRAPH_GAP = 0.52
_COPY_SLACK = 2  # lines of a notes page's copy of its slide that may differ from the slide's own
_EPSILON = 1e-9


@dataclass(frozen=True)
class TextLine:
    """One visual line of a page: its text and where it is drawn (page coordinates, y upwards)."""

    text: str
    bbox: Rect
    height: float  # of its tallest character, measured along the line's own "up"
    upright: bool  # drawn left to right, not rotated
    y: float  # the height it is ordered by: its baseline when upright, else its top


@dataclass(frozen=True)
class PageLayout:
    """The visual lines of one page, top to bottom, and whether the page is landscape."""

    lines: tuple[TextLine, ...]
    landscape: bool


@dataclass(frozen=True, slots=True)
class _Glyph:
    """One drawn character, measured in the frame of its own baseline direction."""

    text: str
    angle: int  # direction of its baseline in whole degrees, counter-clockwise (0: left to right)
    along: float  # where it starts along that direction
    across: float  # where its baseline is, perpendicular to that direction ("up" positive)
    advance: float
    height: float
    bbox: Rect


def _page_layouts(pages: list[Any], path: Path, budget: PdfBudget) -> Iterator[PageLayout]:
    """The lines of every page, in page order (no lines for a page without text)."""
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.psexceptions import PSException

    resources = PDFResourceManager(caching=True)
    # No layout analysis (laparams None): page_lines lays the characters out, text in figures included.
    device = bounded_aggregator(resources, None, budget)
    interpreter = PDFPageInterpreter(resources, device)
    for number, page in enumerate(pages, start=1):
        try:
            interpreter.process_page(page)
            layout = device.get_result()
            visible = visible_box(page)
        except (PSException, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
            reason = f"not a valid PDF (page {number}: {brief(error)}); {_REPAIR_HINT}"
            raise ReadError(path, reason, error) from error
        x0, y0, x1, y1 = visible
        yield PageLayout(tuple(page_lines(layout, visible)), landscape=x1 - x0 > y1 - y0)


def visible_box(page: Any) -> Rect:
    """The part of ``page`` a viewer shows (its CropBox within its MediaBox), in laid-out coordinates."""
    from pdfminer.utils import apply_matrix_rect

    media, crop = _normal(page.mediabox), _normal(page.cropbox)
    box = (max(media[0], crop[0]), max(media[1], crop[1]), min(media[2], crop[2]), min(media[3], crop[3]))
    if box[0] >= box[2] or box[1] >= box[3]:
        box = media  # a crop box beside the media box would show nothing: it is broken, not meant
    return _normal(apply_matrix_rect(_page_matrix(page), box))


def _page_matrix(page: Any) -> tuple[float, float, float, float, float, float]:
    """The matrix pdfminer draws ``page`` with (``PDFPageInterpreter.process_page``): origin and /Rotate."""
    x0, y0, x1, y1 = page.mediabox
    if page.rotate == 90:
        return (0, -1, 1, 0, -y0, x1)
    if page.rotate == 180:
        return (-1, 0, 0, -1, x1, y1)
    if page.rotate == 270:
        return (0, 1, -1, 0, y1, -x0)
    return (1, 0, 0, 1, -x0, -y0)


def _normal(rect: Sequence[float]) -> Rect:
    x0, y0, x1, y1 = rect
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def page_lines(layout: Any, visible: Rect) -> list[TextLine]:
    """The visual lines of a pdfminer page (laid out without analysis), top to bottom, then left to right.

    Characters wholly outside ``visible`` are dropped.  The rest are grouped by the
    direction of their baseline, then by the baseline itself, so text rotated by 90°
    or 45° gives lines of words too; a line that is not upright is ordered by its top.
    """
    by_angle: dict[int, list[_Glyph]] = {}
    for char in _chars(layout):
        if _overlaps(char.bbox, visible):
            glyph = _glyph(char)
            by_angle.setdefault(glyph.angle, []).append(glyph)
    lines = [line for angle, glyphs in by_angle.items() for line in _lines(glyphs, angle)]
    lines.sort(key=lambda line: (-line.y, line.bbox[0]))
    return lines


def _chars(layout: Any) -> Iterator[Any]:
    """Every character of a page, those inside figures (form XObjects) too."""
    from pdfminer.layout import LTChar, LTContainer

    stack = [iter(layout)]
    while stack:
        for item in stack[-1]:
            if isinstance(item, LTChar):
                yield item
            elif isinstance(item, LTContainer):
                stack.append(iter(item))
                break
        else:
            stack.pop()


def _overlaps(bbox: Rect, box: Rect) -> bool:
    x0, y0, x1, y1 = bbox
    return x1 >= box[0] and x0 <= box[2] and y1 >= box[1] and y0 <= box[3]


def _glyph(char: Any) -> _Glyph:
    a, b, _, _, e, f = char.matrix
    scale = math.hypot(a, b)
    angle = round(math.degrees(math.atan2(b, a))) % 360 if scale > _EPSILON else 0
    # Every glyph of a direction is measured on the same axes, so their baselines compare.
    cos, sin = (1.0, 0.0) if angle == 0 else (math.cos(math.radians(angle)), math.sin(math.radians(angle)))
    return _Glyph(
        text=char.get_text(),
        angle=angle,
        along=e * cos + f * sin,
        across=f * cos - e * sin,
        advance=abs(char.adv) * scale,
        height=_glyph_height(char),
        bbox=char.bbox,
    )


def _glyph_height(char: Any) -> float:
    """The drawn height of a character's em along its own "up", from its bounding box and matrix.

    pdfminer keeps no font size; a box of width ``adv·|a| + size·|c|`` and height
    ``adv·|b| + size·|d|`` gives it back, whatever the rotation.
    """
    a, b, c, d, _, _ = char.matrix
    x0, y0, x1, y1 = char.bbox
    advance = abs(char.adv)
    if abs(d) >= abs(c) and abs(d) > _EPSILON:
        size = (y1 - y0 - advance * abs(b)) / abs(d)
    elif abs(c) > _EPSILON:
        size = (x1 - x0 - advance * abs(a)) / abs(c)
    else:
        size = 0.0
    height = size * math.hypot(c, d)
    return height if math.isfinite(height) and height > _EPSILON else max(y1 - y0, x1 - x0, 1.0)


def _lines(glyphs: list[_Glyph], angle: int) -> Iterator[TextLine]:
    """The lines of glyphs sharing one direction: glyphs whose baselines are close, in order along it."""
    glyphs.sort(key=lambda glyph: -glyph.across)
    row: list[_Glyph] = []
    anchor = 0.0
    for glyph in glyphs:
        if row and anchor - glyph.across <= _SAME_BASELINE * max(row[0].height, glyph.height):
            row.append(glyph)
            continue
        if row and (line := _line(row, angle)) is not None:
            yield line
        row, anchor = [glyph], glyph.across
    if row and (line := _line(row, angle)) is not None:
        yield line


def _line(row: list[_Glyph], angle: int) -> TextLine | None:
    """One line of text from its glyphs: a space wherever the PDF draws one or leaves a gap."""
    row.sort(key=lambda glyph: glyph.along)
    parts: list[str] = []
    end: float | None = None
    for glyph in row:
        # A glyph mapped to a line break or form feed must not add a line: the page text is one line per line.
        text = glyph.text.replace("\f", "").replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
        if text.isspace():
            if parts and parts[-1] != " ":
                parts.append(" ")
        elif text:
            gap = glyph.along - end if end is not None else 0.0
            if parts and parts[-1] != " " and gap > _SPACE_GAP * max(glyph.advance, glyph.height):
                parts.append(" ")
            parts.append(text)
        end = glyph.along + glyph.advance
    text = "".join(parts).strip()
    if not text:
        return None
    bbox = (
        min(glyph.bbox[0] for glyph in row),
        min(glyph.bbox[1] for glyph in row),
        max(glyph.bbox[2] for glyph in row),
        max(glyph.bbox[3] for glyph in row),
    )
    upright = angle == 0
    height = max(glyph.height for glyph in row)
    return TextLine(text, bbox, height, upright, y=row[0].across if upright else bbox[3])


def paragraphs(lines: Sequence[TextLine]) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each paragraph of ``lines``: a new one after a vertical gap or at rotated text."""
    start = 0
    for index in range(1, len(lines)):
        above, line = lines[index - 1], lines[index]
        gap = above.bbox[1] - line.bbox[3]
        if not (above.upright and line.upright) or gap > _PARAGRAPH_GAP * min(above.height, line.height):
            yield start, index
            start = index
    if lines:
        yield start, len(lines)


# ----------------------------------------------------------------- segments and notes pages


def _segments(pages: list[PageLayout], notes_from: int | None) -> Iterator[Segment]:
    """Each page's paragraphs as segments; a notes page's only when they are its notes (not its slide again)."""
    for number, page in enumerate(pages, start=1):
        if notes_from is not None and number > notes_from:
            yield from _notes_segments(page, number, pages[number - notes_from - 1])
        else:
            yield from _paragraph_segments(page.lines, 0, Location("page", number=number))


def _paragraph_segments(lines: Sequence[TextLine], first: int, location: Location) -> Iterator[Segment]:
    """The paragraphs of ``lines`` (``first`` lines down their page) as segments at ``location``."""
    for start, end in paragraphs(lines):
        text = "\n".join(line.text for line in lines[start:end])
        yield Segment(text, location, first_line=first + start + 1)


def _notes_segments(page: PageLayout, number: int, slide: PageLayout) -> Iterator[Segment]:
    """A notes page's notes, at ``page N (notes)``: its copy of the slide left out, its page number not notes."""
    copied = _slide_copy(slide, page) or 0
    notes = page.lines[copied:]
    pieces = list(paragraphs(notes))
    for index, (start, end) in enumerate(pieces):
        text = "\n".join(line.text for line in notes[start:end])
        last_number = index == len(pieces) - 1 and text.isdigit()  # the notes page's own page number
        location = Location("page", number=number, part=None if last_number else "notes")
        yield Segment(text, location, first_line=copied + start + 1)


def _notes_pages_start(pages: list[PageLayout]) -> int | None:
    """How many slides there are when ``pages`` are slides, then one notes page per slide; else None.

    The slides are landscape, the notes pages portrait, and each notes page starts
    with the text of its slide (LibreOffice draws a small copy of the slide above the notes).
    """
    slides, odd = divmod(len(pages), 2)
    if odd or not slides:
        return None
    if not all(page.landscape for page in pages[:slides]) or any(page.landscape for page in pages[slides:]):
        return None
    copies = [_slide_copy(slide, notes) for slide, notes in zip(pages[:slides], pages[slides:], strict=True)]
    if any(copy is None for copy in copies) or not any(copies):
        return None
    return slides


def _slide_copy(slide: PageLayout, notes: PageLayout) -> int | None:
    """How many lines at the top of ``notes`` are the text of ``slide`` (None when they are not)."""
    wanted = [_squashed(line.text) for line in slide.lines]
    if not wanted:
        return 0
    found = skipped = 0
    for index, line in enumerate(notes.lines):
        if _squashed(line.text) == wanted[found]:
            found += 1
            if found == len(wanted):
                return index + 1
        else:
            skipped += 1
            if skipped > _COPY_SLACK:
                return None
    return None


def _squashed(text: str) -> str:
    return "".join(text.split())


def _info_text(value: Any) -> str | None:
    from pdfminer.utils import decode_text

    if isinstance(value, bytes):
        return decode_text(value)
    if isinstance(value, str):
        return value
    return None


def parse_pdf_moment(value: str | None) -> dt.date | None:
    """A PDF date with its hour and minute as written (a datetime), or just its date when it gives no time."""
    return with_time(parse_pdf_date(value), _PDF_TIME.match(value or ""))


def parse_pdf_date(value: str | None) -> dt.date | None:
    """The date part of a PDF date (``D:20240312093000+01'00'`` and variants), or None.

    The date is taken as written (the author's local date), without converting
    the time zone.  Anything without a full year, month and day gives None.
    """
    if not value:
        return None
    match = _PDF_DATE.match(value)
    if not match:
        return None
    year, month, day = (int(group) for group in match.groups())
    if year < 1900:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
