"""PDF reader (pdfminer.six): one segment per page that has text.

Text boxes of a page come in pdfminer's layout order, separated by a blank
line; words hyphenated across a line end are joined again.  A page's segment
is located at ``page N`` and counts its lines from 1, so a hit can say which
line of the page it is on (lines as pdfminer lays them out, blank separators
included).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
import logging
import re
import struct
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from focuscount.errors import ReadError
from focuscount.limits import DEFAULT_LIMITS, ReadLimits
from focuscount.model import Document, Location, Segment
from focuscount.readers._pdfguard import PdfBudget, PdfLimitExceeded, bounded_aggregator, install
from focuscount.readers._structure import apply_structure
from focuscount.readers._textblocks import brief, clean_title, read_bytes, with_time

log = logging.getLogger(__name__)

_HEADER_WINDOW = 1024  # readers accept junk before %PDF-, up to about 1 KB
_DECRYPT_HINT = "decrypt it first, e.g. `qpdf --password=PASSWORD --decrypt in.pdf out.pdf`"
_REPAIR_HINT = "re-export it from its source program or try `qpdf in.pdf repaired.pdf`"

# "li-\nbrary": a hyphen (or soft hyphen) ending a line after a letter, before a lower-case letter.
_LINE_END_HYPHEN = re.compile(r"(?<=[^\W\d_])[-\u00ad\u2010][ \t]*\n(?=([^\W\d_]))")
_LIGATURES = re.compile("[\ufb00-\ufb06]")  # "ﬁ" etc.: pdfminer passes them through
_PDF_DATE = re.compile(r"^\s*(?:D\s*:)?\s*(\d{4})-?(\d{2})-?(\d{2})")
_PDF_TIME = re.compile(r"^\s*(?:D\s*:)?\s*\d{8}(\d{2})(\d{2})")


def read(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> Document:
    """Read a PDF's text layer page by page.

    Raises :class:`~focuscount.errors.ReadError` for a file that is not a PDF or
    is corrupt, for an encrypted PDF that needs a password, for a PDF whose
    streams or text pass ``limits`` (a decompression bomb), and for a PDF with
    no text at all (a scan without OCR).
    """
    path = Path(path)
    # pdfminer logs warnings (e.g. "copying not allowed") that would break the
    # one-line-per-file error contract on stderr; its real failures raise instead.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
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
    page_texts = [text for text, _ in pages]
    # Landscape pages throughout: slides exported from a presentation, read like a deck
    # (no speaker labels: "Goal: …" on a slide is a bullet, not a speaker).
    deck = bool(pages) and all(landscape for _, landscape in pages)
    segments = apply_structure(
        (
            Segment(text, Location("page", number=number), first_line=1)
            for number, text in enumerate(page_texts, start=1)
            if text.strip()
        ),
        speakers=not deck,
    )
    if not segments:
        count = f"{len(page_texts)} page{'s' if len(page_texts) != 1 else ''}"
        raise ReadError(
            path, f"no extractable text (scanned? run OCR first, e.g. `ocrmypdf in.pdf out.pdf`) in {count}"
        )
    return Document(
        path=path,
        format="pdf",
        segments=segments,
        title=clean_title(_info_text(info.get("Title"))),
        created=parse_pdf_moment(_info_text(info.get("CreationDate"))),
        modified=parse_pdf_moment(_info_text(info.get("ModDate"))),
        producer=" / ".join(filter(None, (_info_text(info.get(key)) for key in ("Producer", "Creator")))) or None,
        deck=deck,
    )


PageTexts = list[tuple[str, bool]]


def _read_pages(data: bytes, path: Path, budget: PdfBudget) -> tuple[Any, PageTexts]:
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
        return second
    if not isinstance(first, ReadError):
        return first  # pages that hold no text: a scan
    if not isinstance(second, ReadError):  # pages found only by scanning the file, without text: cut off?
        raise ReadError(path, f"damaged PDF (its pages were found but hold no readable text); {_REPAIR_HINT}")
    raise first


def _has_text(pages: PageTexts) -> bool:
    return any(text.strip() for text, _ in pages)


def _attempt(data: bytes, path: Path, budget: PdfBudget, *, rebuild: bool) -> tuple[Any, PageTexts] | ReadError:
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
        return document, list(_page_texts(pages, path, budget))
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


def _page_texts(pages: list[Any], path: Path, budget: PdfBudget) -> Iterator[tuple[str, bool]]:
    """The text of every page, in page order ("" for a page without text), and whether it is landscape."""
    from pdfminer.layout import LAParams
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.psexceptions import PSException

    resources = PDFResourceManager(caching=True)
    # all_texts: also lay out text inside figures (form XObjects), or it is lost.
    device = bounded_aggregator(resources, LAParams(all_texts=True), budget)
    interpreter = PDFPageInterpreter(resources, device)
    for number, page in enumerate(pages, start=1):
        try:
            interpreter.process_page(page)
            layout = device.get_result()
        except (PSException, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
            reason = f"not a valid PDF (page {number}: {brief(error)}); {_REPAIR_HINT}"
            raise ReadError(path, reason, error) from error
        yield page_text(layout), layout.width > layout.height


def page_text(layout: Any) -> str:
    """The text of one pdfminer page layout: its text boxes, separated by blank lines."""
    boxes = (_clean_box(container.get_text()) for container in _text_containers(layout))
    return "\n\n".join(box for box in boxes if box)


def _text_containers(item: Any) -> Iterator[Any]:
    from pdfminer.layout import LTContainer, LTTextContainer

    for child in item:
        if isinstance(child, LTTextContainer):
            yield child
        elif isinstance(child, LTContainer):  # figures hold their own text boxes
            yield from _text_containers(child)


def _clean_box(text: str) -> str:
    text = text.replace("\f", "").replace("\r\n", "\n").replace("\r", "\n")
    text = _LIGATURES.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)
    text = join_hyphenated(text)
    return text.replace("\u00ad", "").strip()


def join_hyphenated(text: str) -> str:
    """Join words hyphenated at a line end: ``"li-\\nbrary"`` → ``"library"``.

    Only when the hyphen follows a letter and the next line starts with a
    lower-case letter, so "Well-\\nKnown" and "2023-\\n24" stay as they are.
    """
    return _LINE_END_HYPHEN.sub(lambda m: "" if m.group(1).islower() else m.group(0), text)


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
