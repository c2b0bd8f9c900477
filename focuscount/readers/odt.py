"""OpenDocument text reader (.odt, standard library only): paragraphs, headings, lists, tables, notes.

Segments come in reading order, like the Word reader's: headers, then the body
(paragraphs, headings and tables as they appear, list items as paragraphs),
then footnotes and endnotes, then footers.  Headings (``text:h``, or a
paragraph in a "Heading …" or "Title" style) and paragraphs share one numbering,
``paragraph N``, in which empty paragraphs count but give no segment; tables
are numbered among tables, ``table N``.  A footnote's text is taken out of its
paragraph and becomes ``footnote N`` (an endnote ``endnote N``), numbered in
order of appearance.  Headers and footers come from the master pages in
styles.xml, each distinct text once.  Comments and tracked deletions are never
read.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

from focuscount.limits import DEFAULT_LIMITS, ReadLimits
from focuscount.model import Document, Location, Segment
from focuscount.readers._odf import (
    NOTE_BODY,
    OFFICE,
    SKIPPED,
    STYLE,
    TABLE_TABLE,
    TEXT,
    WRITER,
    H,
    P,
    blocks_text,
    created_of,
    generator_of,
    modified_of,
    open_package,
    paragraph_text,
    table_text,
    title_of,
)
from focuscount.readers._textblocks import clean_title, read_bytes

_HEADING_STYLE_PREFIXES = ("Heading", "Title")
_MASTER_PARTS = {
    "header": ("header", "header-left", "header-first"),
    "footer": ("footer", "footer-left", "footer-first"),
}


def read(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> Document:
    """Read an OpenDocument text into located segments.

    Raises :class:`~focuscount.errors.ReadError` for a file that is not a .odt
    (not a zip, no text document inside, broken XML) and for an encrypted one.
    """
    path = Path(path)
    package = open_package(path, read_bytes(path, limits), WRITER, limits)
    body = _Body(_heading_styles(package.automatic_styles, package.styles))
    body.walk(package.body)
    segments = (
        *_master_page_segments(package.styles, "header"),
        *body.segments,
        *body.notes,
        *_master_page_segments(package.styles, "footer"),
    )
    return Document(
        path=path,
        format="odt",
        segments=tuple(segments),
        title=title_of(package.meta) or body.heading_title or body.first_text,
        created=created_of(package.meta),
        modified=modified_of(package.meta),
        producer=generator_of(package.meta),
    )


class _Body:
    """Walks ``office:text`` collecting numbered paragraph and table segments and the notes."""

    def __init__(self, heading_styles: frozenset[str]) -> None:
        self.heading_styles = heading_styles
        self.segments: list[Segment] = []
        self.notes: list[Segment] = []
        self.heading_title: str | None = None
        self.first_text: str | None = None
        self.paragraphs = self.tables = self.footnotes = self.endnotes = 0

    def walk(self, container: ElementTree.Element) -> None:
        for child in container:
            tag = child.tag
            if not isinstance(tag, str) or tag in SKIPPED:
                continue
            if tag in (P, H):
                self.paragraphs += 1
                text = paragraph_text(child, self.note).strip()
                if not text:
                    continue
                heading = tag == H or child.get(f"{TEXT}style-name") in self.heading_styles
                if heading:
                    self.heading_title = self.heading_title or clean_title(text)
                self.first_text = self.first_text or clean_title(text)
                self.segments.append(Segment(text, Location("paragraph", self.paragraphs), heading=heading))
            elif tag == TABLE_TABLE:
                self.tables += 1
                text = table_text(child, self.note)
                if text:
                    self.segments.append(Segment(text, Location("table", self.tables)))
            else:  # lists and list items, sections, frames anchored to the page …
                self.walk(child)

    def note(self, note: ElementTree.Element) -> None:
        """Keep a footnote's (or endnote's) text as a segment of its own."""
        body = note.find(NOTE_BODY)
        text = blocks_text(body) if body is not None else ""
        if note.get(f"{TEXT}note-class") == "endnote":
            self.endnotes += 1
            kind, number = "endnote", self.endnotes
        else:
            self.footnotes += 1
            kind, number = "footnote", self.footnotes
        if text:
            self.notes.append(Segment(text, Location(kind, number)))


def _heading_styles(automatic: ElementTree.Element | None, styles: ElementTree.Element | None) -> frozenset[str]:
    """Names of paragraph styles that make a ``text:p`` a heading ("Heading 1", "Title" …).

    A common style counts by its own (display) name, as Word's heading styles
    do; an automatic style (``P1``) by the common style it is based on.
    """
    common: set[str] = set()
    if styles is not None:
        for style in styles.iterfind(f"{OFFICE}styles/{STYLE}style"):
            name = style.get(f"{STYLE}name") or ""
            display = style.get(f"{STYLE}display-name") or name.replace("_20_", " ")
            if display.startswith(_HEADING_STYLE_PREFIXES):
                common.add(name)
    headings = set(common)
    if automatic is not None:
        for style in automatic.iterfind(f"{STYLE}style"):
            parent = style.get(f"{STYLE}parent-style-name") or ""
            if parent in common or parent.replace("_20_", " ").startswith(_HEADING_STYLE_PREFIXES):
                headings.add(style.get(f"{STYLE}name") or "")
    return frozenset(headings)


def _master_page_segments(styles: ElementTree.Element | None, kind: str) -> list[Segment]:
    """Each distinct header (or footer) text of the master pages once; hidden ones skipped."""
    if styles is None:
        return []
    segments: list[Segment] = []
    seen: set[str] = set()
    for page in styles.iterfind(f"{OFFICE}master-styles/{STYLE}master-page"):
        for part in _MASTER_PARTS[kind]:
            for element in page.iterfind(f"{STYLE}{part}"):
                if element.get(f"{STYLE}display") == "false":
                    continue
                text = blocks_text(element)
                if text and text not in seen:
                    seen.add(text)
                    segments.append(Segment(text, Location(kind)))
    return segments
