"""Word reader (.docx, python-docx): body paragraphs and tables, headers, footers, footnotes.

Segments come in reading order: headers, then the body (paragraphs and tables
as they appear), then footnotes, then footers.  Body paragraphs are numbered
like python-docx's ``document.paragraphs`` (empty ones count but give no
segment) and tables among the body's tables.  Comments are reviewers'
remarks, not the document's text, and are never read; tracked deletions are
skipped and tracked insertions read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from focuscount.limits import DEFAULT_LIMITS, ReadLimits
from focuscount.model import Document, Location, Segment
from focuscount.readers._office import WORD, application_of, open_package
from focuscount.readers._textblocks import clean_title, read_bytes

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_P, _TBL, _TR, _TC, _SDT = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}sdt"
_TEXT = f"{_W}t"
_TABS = frozenset({f"{_W}tab", f"{_W}ptab"})
_BREAKS = frozenset({f"{_W}br", f"{_W}cr"})
_NO_BREAK_HYPHEN = f"{_W}noBreakHyphen"
# Wrappers whose children are read as if they were the wrapper's siblings.
_TRANSPARENT = frozenset({_SDT, f"{_W}sdtContent", f"{_W}customXml", f"{_W}smartTag"})
# Never text: deleted or moved-away revisions, and the fallback copy of drawings (text boxes
# appear twice, once in mc:Choice and once in mc:Fallback).
_SKIPPED = frozenset({f"{_W}del", f"{_W}moveFrom", _MC_FALLBACK, f"{_W}pPr", f"{_W}rPr"})
_SEPARATOR_FOOTNOTES = frozenset({"separator", "continuationSeparator", "continuationNotice"})
_FOOTNOTES_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_HEADING_STYLE_PREFIXES = ("Heading", "Title")


def read(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> Document:
    """Read a Word document into located segments.

    Raises :class:`~focuscount.errors.ReadError` for a file that is not a
    .docx (not a zip, no Word document inside) and for an encrypted one.
    """
    path = Path(path)
    document = _open(path, read_bytes(path, limits), limits)
    body, heading_title, first_text = _body_segments(document)
    segments = (
        *_header_footer_segments(document, "header"),
        *body,
        *_footnote_segments(document),
        *_header_footer_segments(document, "footer"),
    )
    core = document.core_properties
    return Document(
        path=path,
        format="docx",
        segments=tuple(segments),
        title=clean_title(core.title) or heading_title or first_text,
        created=_date_of(core.created),
        modified=_date_of(core.modified),
        producer=application_of(document.part.package),
    )


def _open(path: Path, data: bytes, limits: ReadLimits) -> Any:
    """The python-docx object, or a ReadError saying what the file really is."""
    import docx

    return open_package(path, data, WORD, docx.Document, limits)


# ----------------------------------------------------------------- body


def _body_segments(document: Any) -> tuple[list[Segment], str | None, str | None]:
    """Body segments (headings marked); the first heading's and the first paragraph's text (title candidates).

    Sections and speaker turns are found afterwards by ``apply_structure``.
    """
    styles = _style_names(document)
    segments: list[Segment] = []
    heading_title: str | None = None
    first_text: str | None = None
    paragraphs = tables = 0
    for element in document.element.body.iterchildren():
        if element.tag == _P:
            paragraphs += 1
            text = paragraph_text(element).strip()
            if not text:
                continue
            is_heading = styles.get(element.style or "", "").startswith(_HEADING_STYLE_PREFIXES)
            if is_heading:
                heading_title = heading_title or clean_title(text)
            first_text = first_text or clean_title(text)
            segments.append(Segment(text, Location("paragraph", paragraphs), heading=is_heading))
        elif element.tag == _TBL:
            tables += 1
            text = table_text(element)
            if text.strip():
                segments.append(Segment(text, Location("table", tables)))
        elif element.tag == _SDT:
            # A content control around whole paragraphs: not in python-docx's numbering, still text.
            text = blocks_text(element)
            if text.strip():
                segments.append(Segment(text, Location("paragraph")))
    return segments, heading_title, first_text


def _style_names(document: Any) -> dict[str, str]:
    """Style id → style name (names are the English built-in ones even in localised Word)."""
    return {style.style_id: style.name or "" for style in document.styles}


def paragraph_text(paragraph: Any) -> str:
    """The visible text of a ``w:p`` element: runs, hyperlinks, fields, insertions, text boxes."""
    parts: list[str] = []
    _collect_text(paragraph, parts)
    return "".join(parts)


def _collect_text(element: Any, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue  # XML comments, deleted text, duplicate fallbacks, properties
        if tag == _TEXT:
            parts.append(child.text or "")
        elif tag in _TABS:
            parts.append("\t")
        elif tag in _BREAKS:
            parts.append("\n")  # page and column breaks too: they separate words
        elif tag == _NO_BREAK_HYPHEN:
            parts.append("-")
        elif tag == _P:  # a paragraph of a text box inside this paragraph
            parts.append("\n")
            _collect_text(child, parts)
            parts.append("\n")
        else:
            _collect_text(child, parts)


def table_text(table: Any) -> str:
    """A ``w:tbl``'s text: one line per row, cells separated by tabs, nested tables included.

    Cells are read from the XML rather than python-docx's ``row.cells``, which
    repeats a merged cell once per grid column it spans.
    """
    rows = ("\t".join(blocks_text(cell) for cell in _children(row, _TC)) for row in _children(table, _TR))
    return "\n".join(row for row in rows if row.strip())


def blocks_text(container: Any) -> str:
    """The text of the paragraphs and tables inside ``container`` (a cell, header, footnote …)."""
    texts: list[str] = []
    for element in _children(container, _P, _TBL):
        text = paragraph_text(element) if element.tag == _P else table_text(element)
        if text.strip():
            texts.append(text.strip())
    return "\n".join(texts)


def _children(element: Any, *tags: str) -> Iterator[Any]:
    """Children of ``element`` with one of ``tags``, looking through content-control wrappers."""
    for child in element.iterchildren():
        if child.tag in tags:
            yield child
        elif child.tag in _TRANSPARENT:
            yield from _children(child, *tags)


# ----------------------------------------------------------------- around the body


def _header_footer_segments(document: Any, kind: str) -> Iterator[Segment]:
    """Each distinct header (or footer) text once, skipping those linked to the previous section."""
    seen: set[str] = set()
    for section in document.sections:
        for part in _headers_or_footers(section, kind):
            if part.is_linked_to_previous:
                continue  # no definition of its own (and reading it would create one)
            text = blocks_text(part.part.element)
            if text and text not in seen:
                seen.add(text)
                yield Segment(text, Location(kind))


def _headers_or_footers(section: Any, kind: str) -> Iterable[Any]:
    if kind == "header":
        return (section.header, section.first_page_header, section.even_page_header)
    return (section.footer, section.first_page_footer, section.even_page_footer)


def _footnote_segments(document: Any) -> Iterator[Segment]:
    """Footnotes from the footnotes part (python-docx does not model them); separators skipped."""
    from docx.oxml import parse_xml
    from lxml import etree

    for relationship in document.part.rels.values():
        if relationship.reltype != _FOOTNOTES_RELATIONSHIP or relationship.is_external:
            continue
        try:
            root = parse_xml(relationship.target_part.blob)
        except (etree.XMLSyntaxError, ValueError):  # a broken footnotes part must not cost the body
            return
        for footnote in root.iterchildren(f"{_W}footnote"):
            number = _int_or_none(footnote.get(f"{_W}id"))
            if number is None or number <= 0 or footnote.get(f"{_W}type") in _SEPARATOR_FOOTNOTES:
                continue
            text = blocks_text(footnote)
            if text:
                yield Segment(text, Location("footnote", number))


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _date_of(value: object) -> dt.datetime | None:
    """A core-properties datetime as written (None when missing)."""
    return value if isinstance(value, dt.datetime) else None
