"""OpenDocument presentation reader (.odp, standard library only): one segment per slide and per notes.

The same shape as the PowerPoint reader: a slide's (``draw:page``'s) segment
holds the text of its shapes in document order, one paragraph per line: text
frames and placeholders, shapes inside groups (``draw:g``, at any depth), and
tables (one line per row, cells separated by tabs).  Speaker notes
(``presentation:notes``) get their own segment, ``slide N (notes)``.  Slides
are numbered by position, empty ones included.  Comments are never read.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

from focuscount.limits import DEFAULT_LIMITS, ReadLimits
from focuscount.model import Document, Location, Segment
from focuscount.readers._odf import (
    DRAW,
    IMPRESS,
    PRESENTATION,
    blocks_text,
    created_of,
    generator_of,
    modified_of,
    open_package,
    title_of,
)
from focuscount.readers._structure import apply_structure
from focuscount.readers._textblocks import clean_title, read_bytes

_PAGE = f"{DRAW}page"
_NOTES = f"{PRESENTATION}notes"


def read(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> Document:
    """Read an OpenDocument presentation into slide and notes segments.

    Raises :class:`~focuscount.errors.ReadError` for a file that is not a .odp
    (not a zip, no presentation inside, broken XML) and for an encrypted one.
    """
    path = Path(path)
    package = open_package(path, read_bytes(path, limits), IMPRESS, limits)
    segments: list[Segment] = []
    pages = package.body.findall(_PAGE)
    for number, page in enumerate(pages, start=1):
        text = blocks_text(page)  # presentation:notes is never part of a slide's own text
        if text:
            segments.append(Segment(text, Location("slide", number)))
        notes = "\n".join(blocks_text(notes) for notes in page.iterfind(_NOTES)).strip()
        if notes:
            segments.append(Segment(notes, Location("slide", number, part="notes")))
    return Document(
        path=path,
        format="odp",
        segments=apply_structure(segments, speakers=False),
        title=title_of(package.meta) or _first_slide_title(pages),
        created=created_of(package.meta),
        modified=modified_of(package.meta),
        producer=generator_of(package.meta),
    )


def _first_slide_title(pages: list[ElementTree.Element]) -> str | None:
    """The text of the first slide's title frame (``presentation:class="title"``), as a title."""
    if not pages:
        return None
    for frame in pages[0].iter(f"{DRAW}frame"):
        if frame.get(f"{PRESENTATION}class") == "title":
            return clean_title(blocks_text(frame))
    return None
