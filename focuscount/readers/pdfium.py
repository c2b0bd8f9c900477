"""PDF reader (pypdfium2): the same pages, lines and segments as :mod:`focuscount.readers.pdf`, read by PDFium.

PDFium (Chromium's PDF engine, through pypdfium2) extracts text about 20 times
faster than pdfminer.six.  Only the characters come from PDFium: each becomes the
glyph :mod:`focuscount.readers.pdf` measures (its text, the direction of its
baseline, where it starts, its advance, height and box), and from there the layout
is that module's own code (visual lines, spaces from gaps, paragraphs, clipping to
the visible page, rotated text, decks and notes pages), so the engines differ only
where the libraries see different characters:

- PDFium's own line breaks and the spaces it infers (``FPDFText_IsGenerated``)
  are dropped: spaces come from the PDF's space glyphs and from gaps, as with pdfminer;
- a hyphen PDFium marks at a line end (U+FFFE in its text) is given as drawn, "-";
- a ligature glyph comes out as its letters ("fi"), where pdfminer gives U+FB01 and
  the reading stage (:mod:`focuscount.hygiene`) makes it "fi": the same after reading;
- PDFium works in unturned page space: the page's ``/Rotate`` is applied with the
  matrix pdfminer draws a page with, so a turned page reads the same;
- a glyph's box is pdfminer's (origin, advance, the font's descent and size), not
  PDFium's loose box, so paragraph gaps and line order agree; the descent is
  PDFium's, which may differ from pdfminer's by a few hundredths of an em.

That per-character layout, in Python, is most of the time left: the reader is
about 2.5 times as fast as the pdfminer one, not 20.

A file PDFium cannot open (other than for a password), a page it cannot load,
or a document in which it finds no text at all goes to the pdfminer reader,
which rebuilds damaged cross-reference tables, reads a truncated file up to the
cut, and tells a damaged file from a scan: those files get pdfminer's result and
reasons (they are rare, so this costs little).

Limits: the file's size is checked before PDFium sees it; every Flate stream that
is not an image is measured first, without keeping its output, against the same
ratio and size bounds as pdfminer's streams (:class:`~focuscount.readers._pdfguard.PdfBudget`),
because PDFium would inflate a bomb in full; the characters of a page and of the
document are bounded as with pdfminer.
"""

from __future__ import annotations

import ctypes
import logging
import math
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from focuscount.errors import ReadError
from focuscount.limits import DEFAULT_LIMITS, ReadLimits
from focuscount.model import Document
from focuscount.ocr import NO_OCR, OcrSettings, no_text_reason
from focuscount.readers import pdf as layout
from focuscount.readers._inflate import MAX_DEFLATE_RATIO, inflated_size
from focuscount.readers._pdfguard import MAX_PAGE_CHARS, PdfBudget, PdfLimitExceeded, crowded_page
from focuscount.readers._textblocks import brief, clean_title, read_bytes

log = logging.getLogger(__name__)

_HEADER_WINDOW = 1024
_REPAIR_HINT = "re-export it from its source program or try `qpdf in.pdf repaired.pdf`"
_EPSILON = 1e-9
_HIGH_SURROGATES = range(0xD800, 0xDC00)
_LOW_SURROGATES = range(0xDC00, 0xE000)
# PDFium's codes for characters it could not map: no text (pdfminer would give "(cid:N)", counted as no word either).
_NO_TEXT = frozenset({0, 0xFFFE, 0xFFFF})
# The header of a stream: its dictionary, then "stream" and an end of line (PDF 1.7, 7.3.8.1).
_STREAM_START = re.compile(rb"\bstream(?:\r\n|\n|\r)")
_DICTIONARY_LOOKBACK = 2048


def read(path: Path, limits: ReadLimits = DEFAULT_LIMITS, ocr: OcrSettings = NO_OCR) -> Document:
    """Read a PDF's text layer page by page with PDFium: what :func:`focuscount.readers.pdf.read` gives.

    Its scanned pages are read by OCR as ``ocr`` says (:mod:`focuscount.ocr`), as the pdfminer reader does; a
    PDF without any text layer goes to that reader, which tells a scan from a damaged file.

    Raises :class:`~focuscount.errors.ReadError` for a file that is not a PDF or
    is corrupt, for an encrypted PDF that needs a password, for a PDF whose
    streams or text pass ``limits`` (a decompression bomb), and for a PDF with
    no text at all (a scan without OCR), with the reasons the pdfminer reader gives.
    """
    path = Path(path)
    data = read_bytes(path, limits)
    if b"%PDF-" not in data[:_HEADER_WINDOW]:
        raise ReadError(path, f"not a valid PDF (no %PDF- header); {_REPAIR_HINT}")
    budget = PdfBudget(limits)
    try:
        check_streams(data, budget)
        pages, info = _read_pages(data, path, budget)
    except PdfLimitExceeded as error:
        raise ReadError(path, error.reason, error) from error
    except _PdfiumCannot as cannot:
        # pdfminer's reader rebuilds a damaged cross-reference table, reads a truncated file up to the cut,
        # finds pages outside a broken page tree, and tells a damaged file from a scan: let it (rare, so cheap).
        log.debug("%s: read with pdfminer (PDFium: %s)", path, cannot)
        return layout.read(path, limits, ocr)
    notes_from = layout._notes_pages_start(pages)
    segments, ocr_pages = layout.page_segments(data, path, pages, notes_from, limits, ocr)
    if not segments:
        raise ReadError(path, no_text_reason(len(pages), ocr, tried=ocr_pages is not None))
    deck = notes_from is not None or all(page.landscape for page in pages)
    log.debug("%s: %d pages, %d with text (pdfium)", path, len(pages), sum(bool(p.lines) for p in pages))
    return Document(
        path=path,
        format="pdf",
        segments=segments,
        title=clean_title(info.get("Title") or None),
        created=layout.parse_pdf_moment(info.get("CreationDate") or None),
        modified=layout.parse_pdf_moment(info.get("ModDate") or None),
        producer=" / ".join(filter(None, (info.get(key) for key in ("Producer", "Creator")))) or None,
        deck=deck,
        ocr_pages=ocr_pages or 0,
    )


# ----------------------------------------------------------------- limits before PDFium inflates anything


def check_streams(data: bytes, budget: PdfBudget) -> None:
    """Measure every Flate stream of ``data`` (images aside) against ``budget``; raise :class:`PdfLimitExceeded`.

    The same bounds and reasons as pdfminer's guarded inflation
    (:func:`focuscount.readers._pdfguard._inflate`), counted once per stream in
    the file rather than once per use.  Image streams are left out because the
    pdfminer reader never decodes them either.  A stream zlib cannot read is left
    to PDFium (it gives what it can, or nothing).
    """
    for match in _STREAM_START.finditer(data):
        start = match.end()
        dictionary = data[max(0, match.start() - _DICTIONARY_LOOKBACK) : match.start()]
        dictionary = dictionary[dictionary.rfind(b"obj") + 1 :]
        if b"/FlateDecode" not in dictionary and b"/Fl " not in dictionary and b"/Fl]" not in dictionary:
            continue
        if b"/Image" in dictionary:
            continue
        end = data.find(b"endstream", start)
        raw = memoryview(data)[start : end if end >= 0 else len(data)]
        cap, reason = budget.output_cap(len(raw))
        try:
            size = inflated_size(raw, cap) if len(raw) * MAX_DEFLATE_RATIO > cap else 0
            if size > cap:
                remaining = budget.remaining
                if remaining > cap and inflated_size(raw, remaining) > remaining:
                    raise PdfLimitExceeded(budget.limits.expands())
                raise PdfLimitExceeded(reason)
            budget.add_decoded(size or inflated_size(raw, cap))
        except zlib.error:
            continue


# ----------------------------------------------------------------- the document


class _PdfiumCannot(Exception):
    """PDFium could not open the file, load a page, or find any text: the pdfminer reader is asked instead."""


def _read_pages(data: bytes, path: Path, budget: PdfBudget) -> tuple[list[layout.PageLayout], dict[str, str]]:
    """The pages' lines and the document information, or :class:`_PdfiumCannot` when PDFium gives no text."""
    document = _open(data, path)
    try:
        pages = list(_page_layouts(document, path, budget))
        info = _metadata(document, path)
    finally:
        document.close()
    if not any(page.lines for page in pages):
        raise _PdfiumCannot("no page with text")
    return pages, info


def _open(data: bytes, path: Path) -> Any:
    """The PDFium document (opened with the empty password every reader tries first), or the ReadError why not."""
    import pypdfium2

    try:
        return pypdfium2.PdfDocument(data, password="")
    except pypdfium2.PdfiumError as error:
        # Every refusal, a password's too, goes to pdfminer.six: a damaged encryption dictionary reads there as
        # the damage it is, and each engine gives the same reason for the same file.
        raise _PdfiumCannot(brief(error)) from error


def _metadata(document: Any, path: Path) -> dict[str, str]:
    """The document information dictionary as text (empty when unreadable: that costs only metadata)."""
    import pypdfium2

    try:
        return {key: value for key, value in document.get_metadata_dict(skip_empty=True).items() if value}
    except (pypdfium2.PdfiumError, UnicodeDecodeError, ValueError) as error:
        log.debug("%s: unreadable document information (%s)", path, error)
        return {}


def _page_layouts(document: Any, path: Path, budget: PdfBudget) -> Iterator[layout.PageLayout]:
    """The lines of every page, in page order (no lines for a page without text)."""
    import pypdfium2

    for index in range(len(document)):
        number = index + 1
        try:
            page = document[index]
        except pypdfium2.PdfiumError as error:
            raise _PdfiumCannot(f"page {number}: {brief(error)}") from error
        try:
            boxes = SimpleNamespace(
                mediabox=page.get_mediabox(), cropbox=page.get_cropbox(), rotate=page.get_rotation() % 360
            )
            visible = layout.visible_box(boxes)
            matrix = layout._page_matrix(boxes)
            textpage = page.get_textpage()
            try:
                glyphs = list(_glyphs(textpage.raw, matrix, number, budget))
            finally:
                textpage.close()
        except pypdfium2.PdfiumError as error:
            raise _PdfiumCannot(f"page {number}: {brief(error)}") from error
        finally:
            page.close()
        x0, y0, x1, y1 = visible
        yield layout.PageLayout(tuple(_page_lines(glyphs, visible)), landscape=x1 - x0 > y1 - y0)


def _page_lines(glyphs: list[layout._Glyph], visible: layout.Rect) -> list[layout.TextLine]:
    """The lines of a page's glyphs (those overlapping ``visible``), as :func:`layout.page_lines` orders them."""
    by_angle: dict[int, list[layout._Glyph]] = {}
    for glyph in glyphs:
        if layout._overlaps(glyph.bbox, visible):
            by_angle.setdefault(glyph.angle, []).append(glyph)
    lines = [line for angle, group in by_angle.items() for line in layout._lines(group, angle)]
    lines.sort(key=lambda line: (-line.y, line.bbox[0]))
    return lines


Matrix = tuple[float, float, float, float, float, float]


class _Font:
    """What every glyph of one text object shares, worked out once: direction, size, and the box's offsets.

    ``a, b, c, d`` is the text object's matrix turned with the page (pdfminer's
    character matrix without its translation).  pdfminer boxes a character as
    (0, descent) to (advance, descent + size) in text space, four corners turned;
    the offsets of those corners from the origin that do not depend on the advance
    are kept here, so a glyph's box costs a few additions.
    """

    __slots__ = (
        "angle",
        "cos",
        "drawn",
        "height",
        "pdf_font",
        "scale",
        "sin",
        "size",
        "unit_x",
        "unit_y",
        "x_high",
        "x_low",
        "y_high",
        "y_low",
    )

    def __init__(self, matrix: tuple[float, float, float, float], size: float, descent: float, drawn: int) -> None:
        a, b, c, d = matrix
        self.size = size
        self.drawn = drawn  # the baseline's direction on the unturned page, where PDFium's boxes are
        self.pdf_font: Any = None  # PDFium's handle (valid while its page is open), for odd angles only
        self.scale = math.hypot(a, b)
        self.angle = round(math.degrees(math.atan2(b, a))) % 360 if self.scale > _EPSILON else 0
        radians = math.radians(self.angle)
        self.cos, self.sin = (1.0, 0.0) if self.angle == 0 else (math.cos(radians), math.sin(radians))
        low, high = descent * size, descent * size + size
        self.x_low, self.x_high = min(c * low, c * high), max(c * low, c * high)
        self.y_low, self.y_high = min(d * low, d * high), max(d * low, d * high)
        # Page units along x and y per page unit of advance: (a, b) / |(a, b)|.
        self.unit_x, self.unit_y = (a / self.scale, b / self.scale) if self.scale > _EPSILON else (0.0, 0.0)
        height = size * math.hypot(c, d)
        self.height = height if math.isfinite(height) and height > _EPSILON else 1.0


class _Calls:
    """The PDFium calls made once per character, typed with plain pointers (ints).

    pypdfium2's bindings type every handle as a ctypes pointer class; converting
    to and from it costs more than the call itself, and a text layer is made of
    tens of thousands of characters.  The same C functions, re-typed with
    ``c_void_p``, return a handle as an int that keys a dictionary directly.
    """

    def __init__(self) -> None:
        import pypdfium2.raw as pdfium_c

        def typed(function: Any, restype: Any, *argtypes: Any) -> Any:
            address = ctypes.cast(function, ctypes.c_void_p).value
            if not address:  # never with a working pypdfium2, but a null function pointer would crash the process
                raise RuntimeError(f"PDFium has no {function.__name__}")
            return ctypes.CFUNCTYPE(restype, *argtypes)(address)

        pointer, index, double = ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_double)
        self.text_object = typed(pdfium_c.FPDFText_GetTextObject, pointer, pointer, index)
        self.is_generated = typed(pdfium_c.FPDFText_IsGenerated, ctypes.c_int, pointer, index)
        self.is_hyphen = typed(pdfium_c.FPDFText_IsHyphen, ctypes.c_int, pointer, index)
        self.origin = typed(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int, pointer, index, double, double)
        self.loose_box = typed(
            pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int, pointer, index, ctypes.POINTER(pdfium_c.FS_RECTF)
        )


_CALLS: list[_Calls] = []
_LIGATURE_SLACK = 0.25  # of an em: less than any word space, more than PDFium's shortfall on a ligature's advance
_SPACES_PDFIUM_MAY_ADD = frozenset({0x20, 0x0D, 0x0A})
_HYPHEN_MARKS = frozenset({0x02, 0xFFFE})  # how PDFium's text shows a hyphen it found at a line end


def _glyphs(textpage: Any, page: Matrix, number: int, budget: PdfBudget) -> list[layout._Glyph]:
    """Every character PDFium found on a page (its own inferred spaces and breaks left out), as pdf.py's glyphs.

    Each is measured as :func:`focuscount.readers.pdf._glyph` measures a pdfminer
    character; the loop is written out (no call per character but PDFium's),
    because it runs once for every character of every page.
    """
    import pypdfium2.raw as pdfium_c

    if not _CALLS:
        _CALLS.append(_Calls())
    calls = _CALLS[0]
    count = pdfium_c.FPDFText_CountChars(textpage)
    if count > MAX_PAGE_CHARS:
        raise PdfLimitExceeded(crowded_page(number))
    if count <= 0:
        return []
    budget.add_characters(count)
    # One call for the text of the page (UTF-16 code units, one per character index) instead of one per character.
    units = (ctypes.c_ushort * (count + 1))()
    pdfium_c.FPDFText_GetText(textpage, 0, count, ctypes.cast(units, ctypes.POINTER(ctypes.c_ushort)))
    handle = ctypes.cast(textpage, ctypes.c_void_p).value
    fonts: dict[int, _Font | None] = {}
    x, y = ctypes.c_double(), ctypes.c_double()
    x_ref, y_ref = ctypes.byref(x), ctypes.byref(y)
    box = pdfium_c.FS_RECTF()
    box_ref = ctypes.byref(box)
    origin, loose_box, text_object = calls.origin, calls.loose_box, calls.text_object
    pa, pb, pc, pd, pe, pf = page
    glyphs: list[layout._Glyph] = []
    # Where the last glyph was drawn (text object, origin), for ligatures PDFium splits into letters.
    ligature_at: tuple[int, float, float] | None = None
    ligature_open = False
    previous_e = previous_f = 0.0
    ligature_font: _Font | None = None
    index = 0
    while index < count:
        code = units[index]
        here = index
        index += 1
        if code in _LOW_SURROGATES:
            continue
        if code in _HYPHEN_MARKS and calls.is_hyphen(handle, here) == 1:
            code = 0x2D  # a hyphen at a line end, drawn: pdfminer gives it as drawn, and so does this reader
        elif code in _NO_TEXT:
            continue
        elif code in _SPACES_PDFIUM_MAY_ADD and calls.is_generated(handle, here) == 1:
            continue  # a space or line break PDFium inferred: spaces come from gaps here, as with pdfminer
        if code in _HIGH_SURROGATES and index < count and units[index] in _LOW_SURROGATES:
            text = chr(0x10000 + ((code - 0xD800) << 10) + (units[index] - 0xDC00))
            index += 1
        else:
            text = chr(code)
        key = text_object(handle, here)
        if not key:
            continue
        font = fonts.get(key, ...)
        if font is ...:
            font = fonts[key] = _font(textpage, here, ctypes.cast(key, pdfium_c.FPDF_PAGEOBJECT), page)
        if font is None:
            continue
        origin(handle, here, x_ref, y_ref)
        loose_box(handle, here, box_ref)
        # PDFium's loose box (on the unturned page) is the advance by the font's height, turned, then boxed:
        # along an axis its extent along the baseline is the advance; at other angles the font is asked.
        if font.drawn == 0 or font.drawn == 180:
            advance = abs(box.right - box.left)
        elif font.drawn == 90 or font.drawn == 270:
            advance = abs(box.top - box.bottom)
        else:
            advance = _glyph_width(text, font)
        drawn_at = (key, x.value, y.value)
        if drawn_at == ligature_at:
            # PDFium gives a ligature glyph ("fi") as its letters, each at the glyph's origin: one glyph again,
            # as pdfminer has it, its advance settled by where the next glyph starts (see below).
            previous = glyphs[-1]
            glyphs[-1] = _measured(previous.text + text, previous_e, previous_f, previous.advance + advance, font)
            ligature_open = True
            continue
        e, f = x.value * pa + y.value * pc + pe, x.value * pb + y.value * pd + pf  # the origin on the turned page
        glyph = _measured(text, e, f, advance, font)
        if ligature_open:
            ligature_open = False
            glyphs[-1] = _closed_ligature(glyphs[-1], glyph, previous_e, previous_f, ligature_font)
        glyphs.append(glyph)
        ligature_at, previous_e, previous_f, ligature_font = drawn_at, e, f, font
    return glyphs


def _font(textpage: Any, index: int, handle: Any, page: Matrix) -> _Font | None:
    """What the glyphs of one text object share (see :class:`_Font`); None when PDFium cannot say."""
    import pypdfium2.raw as pdfium_c

    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFText_GetMatrix(textpage, index, matrix):
        return None
    pa, pb, pc, pd, _, _ = page
    # Row vectors, as pdfminer composes them: the character's matrix, then the page's.
    turned = (
        matrix.a * pa + matrix.b * pc,
        matrix.a * pb + matrix.b * pd,
        matrix.c * pa + matrix.d * pc,
        matrix.c * pb + matrix.d * pd,
    )
    size = ctypes.c_float()
    if not pdfium_c.FPDFTextObj_GetFontSize(handle, size) or not math.isfinite(size.value):
        return None
    descent = ctypes.c_float()
    pdf_font = pdfium_c.FPDFTextObj_GetFont(handle)
    if not pdf_font or not pdfium_c.FPDFFont_GetDescent(pdf_font, ctypes.c_float(1.0), descent):
        descent.value = 0.0
    drawn = round(math.degrees(math.atan2(matrix.b, matrix.a))) % 360 if math.hypot(matrix.a, matrix.b) else 0
    font = _Font(turned, abs(size.value), min(descent.value, 0.0), drawn)
    font.pdf_font = pdf_font
    return font


def _measured(text: str, e: float, f: float, advance: float, font: _Font) -> layout._Glyph:
    """A glyph as :func:`focuscount.readers.pdf._glyph` measures a pdfminer character, its origin at (e, f).

    The box is pdfminer's: the text object's fixed corner offsets, plus the advance along the baseline.
    """
    along_x, along_y = font.unit_x * advance, font.unit_y * advance
    return layout._Glyph(
        text,
        font.angle,
        e * font.cos + f * font.sin,
        f * font.cos - e * font.sin,
        advance,
        font.height,
        (
            e + font.x_low + (along_x if along_x < 0.0 else 0.0),
            f + font.y_low + (along_y if along_y < 0.0 else 0.0),
            e + font.x_high + (along_x if along_x > 0.0 else 0.0),
            f + font.y_high + (along_y if along_y > 0.0 else 0.0),
        ),
    )


def _closed_ligature(
    ligature: layout._Glyph, following: layout._Glyph, e: float, f: float, font: _Font | None
) -> layout._Glyph:
    """A ligature glyph with its advance taken to the next glyph when that one follows it closely.

    PDFium's boxes for a ligature's letters share out less than the glyph's own
    advance, so the gap to the next letter looks like a space ("fi les").  When
    the next glyph starts on the same baseline less than a space's width (a
    quarter of an em) past the ligature's letters, the ligature reached it.
    """
    if font is None or following.angle != ligature.angle or abs(following.across - ligature.across) > _EPSILON:
        return ligature
    gap = following.along - (ligature.along + ligature.advance)
    if 0.0 < gap < _LIGATURE_SLACK * ligature.height:
        return _measured(ligature.text, e, f, following.along - ligature.along, font)
    return ligature


def _glyph_width(text: str, font: _Font) -> float:
    """The advance of a character drawn at an angle off the axes, from the font's own width for it."""
    import pypdfium2.raw as pdfium_c

    width = ctypes.c_float()
    if font.pdf_font and pdfium_c.FPDFFont_GetGlyphWidth(font.pdf_font, ord(text[0]), ctypes.c_float(font.size), width):
        return abs(width.value) * font.scale
    return 0.0
