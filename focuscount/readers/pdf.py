"""PDF reader (pdfminer.six): one segment per page that has text.

Text boxes of a page come in pdfminer's layout order, separated by a blank
line; words hyphenated across a line end are joined again.  A page's segment
is located at ``page N`` and counts its lines from 1, so a hit can say which
line of the page it is on (lines as pdfminer lays them out, blank separators
included).
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from focuscount.errors import ReadError
from focuscount.limits import DEFAULT_LIMITS, ReadLimits
from focuscount.model import Document, Location, Segment
from focuscount.readers._structure import apply_structure
from focuscount.readers._textblocks import brief, clean_title, read_bytes

log = logging.getLogger(__name__)

_HEADER_WINDOW = 1024  # readers accept junk before %PDF-, up to about 1 KB
_DECRYPT_HINT = "decrypt it first, e.g. `qpdf --password=PASSWORD --decrypt in.pdf out.pdf`"
_REPAIR_HINT = "re-export it from its source program or try `qpdf in.pdf repaired.pdf`"

# "li-\nbrary": a hyphen (or soft hyphen) ending a line after a letter, before a lower-case letter.
_LINE_END_HYPHEN = re.compile(r"(?<=[^\W\d_])[-\u00ad\u2010][ \t]*\n(?=([^\W\d_]))")
_LIGATURES = re.compile("[\ufb00-\ufb06]")  # "ﬁ" etc.: pdfminer passes them through
_PDF_DATE = re.compile(r"^\s*(?:D\s*:)?\s*(\d{4})-?(\d{2})-?(\d{2})")


def read(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> Document:
    """Read a PDF's text layer page by page.

    Raises :class:`~focuscount.errors.ReadError` for a file that is not a PDF or
    is corrupt, for an encrypted PDF that needs a password, and for a PDF with
    no text at all (a scan without OCR).
    """
    path = Path(path)
    # pdfminer logs warnings (e.g. "copying not allowed") that would break the
    # one-line-per-file error contract on stderr; its real failures raise instead.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    data = read_bytes(path, limits)
    if b"%PDF-" not in data[:_HEADER_WINDOW]:
        raise ReadError(path, f"not a valid PDF (no %PDF- header); {_REPAIR_HINT}")
    info = _document_info(data, path)
    pages = list(_page_texts(data, path))
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
        pages = f"{len(page_texts)} page{'s' if len(page_texts) != 1 else ''}"
        raise ReadError(
            path, f"no extractable text (scanned? run OCR first, e.g. `ocrmypdf in.pdf out.pdf`) in {pages}"
        )
    return Document(
        path=path,
        format="pdf",
        segments=segments,
        title=clean_title(_info_text(info.get("Title"))),
        created=parse_pdf_date(_info_text(info.get("CreationDate"))),
        deck=deck,
    )


def _document_info(data: bytes, path: Path) -> dict[str, Any]:
    """The document information dictionary; raises the clear ReadErrors for encryption and corruption.

    Opening the document here (with the empty password every reader tries first)
    fails early and specifically, before layout analysis starts.
    """
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1
    from pdfminer.psexceptions import PSException

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)), password="")
    except PDFPasswordIncorrect as error:
        raise ReadError(path, f"encrypted PDF (a password is needed); {_DECRYPT_HINT}", error) from error
    except PDFEncryptionError as error:
        raise ReadError(
            path, f"encrypted PDF that cannot be decrypted here ({brief(error)}); {_DECRYPT_HINT}", error
        ) from error
    except (PSException, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        raise ReadError(path, f"not a valid PDF ({brief(error)}); {_REPAIR_HINT}", error) from error
    info: dict[str, Any] = {}
    try:
        for entry in document.info:  # one per trailer; later (incremental) updates win
            entry = resolve1(entry)
            if isinstance(entry, dict):
                info.update({key: resolve1(value) for key, value in entry.items()})
    except (PSException, ValueError, KeyError, TypeError) as error:  # broken metadata costs only metadata
        log.debug("%s: unreadable document information (%s)", path, error)
    return info


def _page_texts(data: bytes, path: Path) -> Iterator[tuple[str, bool]]:
    """The text of every page, in page order ("" for a page without text), and whether it is landscape."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams
    from pdfminer.psexceptions import PSException

    # all_texts: also lay out text inside figures (form XObjects), or it is lost.
    pages = extract_pages(io.BytesIO(data), laparams=LAParams(all_texts=True))
    number = 0
    try:
        for number, layout in enumerate(pages, start=1):  # noqa: B007 (number is reported on error)
            yield page_text(layout), layout.width > layout.height
    except (PSException, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        reason = f"not a valid PDF (page {number + 1}: {brief(error)}); {_REPAIR_HINT}"
        raise ReadError(path, reason, error) from error


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
