"""OpenDocument presentation reader (.odp, standard library only): one segment per slide and per notes.

The same shape as the PowerPoint reader: a slide's (``draw:page``'s) segment
holds the text of its shapes in reading order, one paragraph per line: text
frames and placeholders, shapes inside groups (``draw:g``, at any depth), and
tables (one line per row, cells separated by tabs).  Reading order is top to
bottom, then left to right (``svg:y``, ``svg:x``; a shape without a position
comes last, ties keep the file's order).  Speaker notes (``presentation:notes``)
get their own segment, ``slide N (notes)``.  Slides are numbered by position,
empty ones included.  Comments are never read.

A slide's footer, date and slide number are furniture, each a segment of its
own marked ``furniture``.  LibreOffice writes them in two ways: as frames on the
slide (``presentation:class="footer"``, ``"date-time"``, ``"page-number"``), or
on the slide's master page, whose frames hold fields (``presentation:footer``,
``presentation:date-time``, ``text:page-number``) filled per slide: the footer
text from the ``presentation:footer-decl`` the slide names
(``presentation:use-footer-name``), a fixed date from its
``presentation:date-time-decl``, and the slide's number, each shown when the
slide's style does not hide it (``presentation:display-footer="false"`` …).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from focuscount.limits import DEFAULT_LIMITS, ReadLimits
from focuscount.model import Document, Location, Segment
from focuscount.readers._odf import (
    DRAW,
    IMPRESS,
    OFFICE,
    PRESENTATION,
    SKIPPED,
    STYLE,
    SVG,
    TEXT,
    OdfPackage,
    block_text,
    blocks_text,
    created_of,
    generator_of,
    modified_of,
    open_package,
    paragraph_text,
    title_of,
)
from focuscount.readers._textblocks import clean_title, read_bytes

_PAGE = f"{DRAW}page"
_NOTES = f"{PRESENTATION}notes"
_GROUP = f"{DRAW}g"
_CLASS = f"{PRESENTATION}class"
# A furniture class, the field that stands for its text on a master page, and the
# drawing-page property that shows or hides it.
_FURNITURE = {
    "footer": (f"{PRESENTATION}footer", f"{PRESENTATION}display-footer"),
    "date-time": (f"{PRESENTATION}date-time", f"{PRESENTATION}display-date-time"),
    "page-number": (f"{TEXT}page-number", f"{PRESENTATION}display-page-number"),
}
# A notes page carries furniture of its own (LibreOffice copies "<number>" into its page-number frame): not notes.
_NOTES_FURNITURE = frozenset({*_FURNITURE, "header"})
_MM_PER_UNIT = {"mm": 1.0, "cm": 10.0, "in": 25.4, "pt": 25.4 / 72, "pc": 25.4 / 6, "px": 25.4 / 96, "": 1.0}
_LENGTH = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+))\s*(mm|cm|in|pt|pc|px|)\s*$")


def read(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> Document:
    """Read an OpenDocument presentation into slide, furniture and notes segments.

    Raises :class:`~focuscount.errors.ReadError` for a file that is not a .odp
    (not a zip, no presentation inside, broken XML) and for an encrypted one.
    """
    path = Path(path)
    package = open_package(path, read_bytes(path, limits), IMPRESS, limits)
    masters = _Masters.of(package)
    segments: list[Segment] = []
    pages = package.body.findall(_PAGE)
    for number, page in enumerate(pages, start=1):
        fields = masters.fields(page, number)
        furniture: list[tuple[str, str]] = []  # (class, text) of the furniture frames on the slide itself
        text = "\n".join(_shape_texts(page, fields, furniture))  # notes are never part of a slide's text
        if text:
            segments.append(Segment(text, Location("slide", number)))
        on_slide = {kind for kind, _ in furniture}
        texts = [text for _, text in furniture] + list(masters.furniture(page, fields, skip=on_slide))
        segments.extend(Segment(text, Location("slide", number), furniture=True) for text in texts)
        notes = "\n".join(blocks_text(_without_furniture(notes)) for notes in page.iterfind(_NOTES)).strip()
        if notes:
            segments.append(Segment(notes, Location("slide", number, part="notes")))
    return Document(
        path=path,
        format="odp",
        segments=tuple(segments),
        title=title_of(package.meta) or _first_slide_title(pages),
        created=created_of(package.meta),
        modified=modified_of(package.meta),
        producer=generator_of(package.meta),
    )


def _shape_texts(
    container: ElementTree.Element, fields: dict[str, str], furniture: list[tuple[str, str]]
) -> Iterator[str]:
    """The texts of the shapes in ``container`` in reading order; furniture frames go to ``furniture``."""
    for child in _in_reading_order(container):
        if not isinstance(child.tag, str) or child.tag in SKIPPED:
            continue
        kind = child.get(_CLASS)
        if kind in _FURNITURE:
            text = _filled(child, fields)
            if text:
                furniture.append((kind, text))
        elif child.tag == _GROUP:
            yield from _shape_texts(child, fields, furniture)
        else:
            text = block_text(child)
            if text:
                yield text


def _in_reading_order(container: ElementTree.Element) -> list[ElementTree.Element]:
    """The children of ``container`` top to bottom, then left to right; unplaced ones last, ties in order."""
    return sorted(container, key=_sort_key)


def _sort_key(element: ElementTree.Element) -> tuple[bool, float, bool, float]:
    top, left = _position(element)
    return (top is None, top or 0.0, left is None, left or 0.0)


def _position(element: ElementTree.Element) -> tuple[float | None, float | None]:
    """``(svg:y, svg:x)`` in millimetres; a group's is its highest, leftmost child's."""
    if element.tag == _GROUP:
        places = [_position(child) for child in element if isinstance(child.tag, str)]
        tops = [top for top, _ in places if top is not None]
        lefts = [left for _, left in places if left is not None]
        return (min(tops) if tops else None, min(lefts) if lefts else None)
    return _length(element.get(f"{SVG}y")), _length(element.get(f"{SVG}x"))


def _length(value: str | None) -> float | None:
    match = _LENGTH.match(value) if value else None
    return float(match[1]) * _MM_PER_UNIT[match[2]] if match else None


def _without_furniture(notes: ElementTree.Element) -> ElementTree.Element:
    """``notes`` with only the frames that hold what the speaker wrote (not the page number, date or footer)."""
    kept = ElementTree.Element(notes.tag)
    kept.extend(child for child in notes if child.get(_CLASS) not in _NOTES_FURNITURE)
    return kept


@dataclass(frozen=True)
class _Masters:
    """What a slide's furniture comes from: declarations, master pages, drawing-page styles."""

    footers: dict[str, str]  # presentation:footer-decl name → text
    dates: dict[str, str]  # presentation:date-time-decl name → fixed text
    master_frames: dict[str, list[ElementTree.Element]]  # master page name → its furniture frames
    page_styles: dict[str, ElementTree.Element]  # drawing-page style name → its drawing-page-properties

    @classmethod
    def of(cls, package: OdfPackage) -> _Masters:
        footers = {
            name: paragraph_text(decl).strip()
            for decl in package.body.iterfind(f"{PRESENTATION}footer-decl")
            if (name := decl.get(f"{PRESENTATION}name"))
        }
        dates = {
            name: paragraph_text(decl).strip()
            for decl in package.body.iterfind(f"{PRESENTATION}date-time-decl")
            if (name := decl.get(f"{PRESENTATION}name")) and decl.get(f"{PRESENTATION}source") != "current"
        }
        frames: dict[str, list[ElementTree.Element]] = {}
        if package.styles is not None:
            for master in package.styles.iterfind(f"{OFFICE}master-styles/{STYLE}master-page"):
                name = master.get(f"{STYLE}name")
                if name:
                    kept = [frame for frame in _in_reading_order(master) if frame.get(_CLASS) in _FURNITURE]
                    frames[name] = kept
        styles: dict[str, ElementTree.Element] = {}
        if package.automatic_styles is not None:
            for style in package.automatic_styles.iterfind(f"{STYLE}style"):
                properties = style.find(f"{STYLE}drawing-page-properties")
                name = style.get(f"{STYLE}name")
                if name and properties is not None and style.get(f"{STYLE}family") == "drawing-page":
                    styles[name] = properties
        return cls(footers, dates, frames, styles)

    def fields(self, page: ElementTree.Element, number: int) -> dict[str, str]:
        """What each furniture field shows on slide ``number`` (``page``): field tag → text."""
        footer = self.footers.get(page.get(f"{PRESENTATION}use-footer-name") or "", "")
        date = self.dates.get(page.get(f"{PRESENTATION}use-date-time-name") or "", "")
        return {
            _FURNITURE["footer"][0]: footer,
            _FURNITURE["date-time"][0]: date,
            _FURNITURE["page-number"][0]: str(number),
        }

    def furniture(self, page: ElementTree.Element, fields: dict[str, str], skip: set[str]) -> Iterator[str]:
        """The texts of the master page's footer, date and number frames as ``page`` shows them.

        A class in ``skip`` is on the slide itself.  A footer the slide names
        but its master page has no frame for is still the slide's footer.
        """
        properties = self.page_styles.get(page.get(f"{DRAW}style-name") or "")
        frames = self.master_frames.get(page.get(f"{DRAW}master-page-name") or "", [])
        framed: set[str] = set()
        for frame in frames:
            kind = frame.get(_CLASS) or ""
            field, display = _FURNITURE[kind]
            framed.add(kind)
            if kind in skip or not fields[field] or not _shown(properties, display):
                continue
            text = _filled(frame, fields)
            if text:
                yield text
        footer_field, display_footer = _FURNITURE["footer"]
        footer = fields[footer_field]
        if footer and not framed & {"footer"} and "footer" not in skip and _shown(properties, display_footer):
            yield footer


def _shown(properties: ElementTree.Element | None, display: str) -> bool:
    """False only when the slide's style hides the furniture (ODF's default is to show it)."""
    return properties is None or properties.get(display) != "false"


def _filled(frame: ElementTree.Element, fields: dict[str, str]) -> str:
    """The text of a furniture ``frame`` with its footer, date and page-number fields filled in."""
    if all(next(frame.iter(field), None) is None for field in fields):
        return blocks_text(frame)
    frame = copy.deepcopy(frame)  # small: a frame with a field or two
    for field, value in fields.items():
        for element in frame.iter(field):
            tail = element.tail
            element.clear()
            element.text, element.tail = value, tail
    return blocks_text(frame)


def _first_slide_title(pages: list[ElementTree.Element]) -> str | None:
    """The text of the first slide's title frame (``presentation:class="title"``), as a title."""
    if not pages:
        return None
    for frame in pages[0].iter(f"{DRAW}frame"):
        if frame.get(_CLASS) == "title":
            return clean_title(blocks_text(frame))
    return None
