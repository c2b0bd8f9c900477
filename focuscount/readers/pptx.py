"""PowerPoint reader (.pptx, python-pptx): one segment per slide, one per slide's notes.

A slide's segment holds the text of every shape in reading order, one shape per
line: text boxes and placeholders, shapes inside groups (at any depth) and
every cell of tables.  Reading order is top to bottom, then left to right (by
the shapes' positions; a shape without one comes last, ties keep the file's
order), so text repeated at the bottom of every slide is each slide's last line.
A slide's footer, date and slide-number placeholders are what PowerPoint itself
calls furniture: each is a segment of its own, marked ``furniture``.  Speaker
notes get their own segment, ``slide N (notes)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from focuscount.errors import ReadError
from focuscount.limits import DEFAULT_LIMITS, ReadLimits
from focuscount.model import Document, Location, Segment
from focuscount.readers._office import POWERPOINT, application_of, open_package
from focuscount.readers._textblocks import brief, clean_title, read_bytes


def read(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> Document:
    """Read a PowerPoint presentation into slide and notes segments.

    Raises :class:`~focuscount.errors.ReadError` for a file that is not a
    .pptx (not a zip, no presentation inside) and for an encrypted one.
    """
    path = Path(path)
    presentation = _open(path, read_bytes(path, limits), limits)
    try:
        segments = _slide_segments(presentation)
    except (KeyError, ValueError, TypeError, AttributeError, IndexError) as error:
        # python-pptx resolves slide parts lazily: a package with a dangling relationship fails here
        raise ReadError(
            path, f"not a valid .pptx file ({brief(error)}); open and re-save it in PowerPoint", error
        ) from error
    core = presentation.core_properties
    return Document(
        path=path,
        format="pptx",
        segments=tuple(segments),
        title=clean_title(core.title) or _first_slide_title(presentation),
        created=core.created if isinstance(core.created, dt.datetime) else None,
        modified=core.modified if isinstance(core.modified, dt.datetime) else None,
        producer=application_of(presentation.part.package),
    )


def _slide_segments(presentation: Any) -> list[Segment]:
    segments: list[Segment] = []
    for number, slide in enumerate(presentation.slides, start=1):
        shapes = _in_reading_order(slide.shapes)
        furniture = [shape for shape in shapes if _is_furniture(shape)]
        text = "\n".join(_shape_texts(shape for shape in shapes if not _is_furniture(shape)))
        if text.strip():
            segments.append(Segment(text, Location("slide", number)))
        for text in _shape_texts(furniture):
            segments.append(Segment(text, Location("slide", number), furniture=True))
        notes = _notes_text(slide)
        if notes:
            segments.append(Segment(notes, Location("slide", number, part="notes")))
    return segments


def _open(path: Path, data: bytes, limits: ReadLimits) -> Any:
    """The python-pptx object, or a ReadError saying what the file really is."""
    import pptx

    return open_package(path, data, POWERPOINT, pptx.Presentation, limits)


def _is_furniture(shape: Any) -> bool:
    """True for a footer, date or slide-number placeholder."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    furniture = (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.SLIDE_NUMBER)
    return bool(shape.is_placeholder) and shape.placeholder_format.type in furniture


def _in_reading_order(shapes: Iterable[Any]) -> list[Any]:
    """``shapes`` top to bottom, then left to right; those without a position last, ties in file order."""
    return sorted(shapes, key=_position)


def _position(shape: Any) -> tuple[bool, int, bool, int]:
    top, left = shape.top, shape.left  # a placeholder inherits its layout's position
    return (top is None, top or 0, left is None, left or 0)


def _shape_texts(shapes: Iterable[Any]) -> Iterator[str]:
    """The non-empty texts of ``shapes`` in order, descending into groups (in reading order) and tables."""
    from pptx.shapes.group import GroupShape

    for shape in shapes:
        if isinstance(shape, GroupShape):
            yield from _shape_texts(_in_reading_order(shape.shapes))
        elif shape.has_text_frame:
            text = _frame_text(shape.text_frame)
            if text:
                yield text
        elif getattr(shape, "has_table", False):
            text = _table_text(shape.table)
            if text:
                yield text


def _frame_text(frame: Any) -> str:
    # python-pptx renders a soft line break as "\v"; for counting it is a line end.
    return frame.text.replace("\v", "\n").strip()


def _table_text(table: Any) -> str:
    """One line per row, cells separated by tabs; cells hidden under a merge are skipped."""
    rows = (_row_text(row) for row in table.rows)
    return "\n".join(row for row in rows if row.strip())


def _row_text(row: Any) -> str:
    return "\t".join(_frame_text(cell.text_frame) for cell in row.cells if not cell.is_spanned)


def _notes_text(slide: Any) -> str:
    if not slide.has_notes_slide:  # asking for notes_slide would create one
        return ""
    frame = slide.notes_slide.notes_text_frame
    return _frame_text(frame) if frame is not None else ""


def _first_slide_title(presentation: Any) -> str | None:
    for slide in presentation.slides:
        title = slide.shapes.title
        if title is None or not title.has_text_frame:
            return None
        return clean_title(_frame_text(title.text_frame))
    return None
