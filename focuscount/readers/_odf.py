"""OpenDocument packages (.odt, .odp): open the zip with errors that say what is wrong, read text.

An ODF file is a zip holding ``content.xml`` (the body), ``styles.xml`` (master
pages with their headers and footers), ``meta.xml`` (title, creation date) and
``META-INF/manifest.xml`` (which says when parts are encrypted).  Only the
standard library is used: :mod:`zipfile` and :mod:`xml.etree.ElementTree`.

Text follows the ODF rules for white space: runs of spaces, tabs and line ends
in a paragraph collapse to one space and leading white space is dropped; the
elements ``text:s``, ``text:tab`` and ``text:line-break`` give literal spaces,
tabs and line ends.  Reviewers' comments (``office:annotation``), tracked
deletions (``text:tracked-changes``), list labels (``text:number``), generated
indexes (a table of contents repeats the headings) and alternative texts of
pictures are never read.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from focuscount.errors import ReadError
from focuscount.limits import DEFAULT_LIMITS, ReadLimits
from focuscount.readers._office import OLE_SIGNATURE
from focuscount.readers._textblocks import brief, clean_title, with_time
from focuscount.readers._zipguard import ZIP_ERRORS, check_package

OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
SVG = "{urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0}"
PRESENTATION = "{urn:oasis:names:tc:opendocument:xmlns:presentation:1.0}"
META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
MANIFEST = "{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}"
DC = "{http://purl.org/dc/elements/1.1/}"

P, H = f"{TEXT}p", f"{TEXT}h"
LIST = f"{TEXT}list"
NOTE, NOTE_BODY = f"{TEXT}note", f"{TEXT}note-body"
TABLE_TABLE = f"{TABLE}table"
_ROW, _CELL = f"{TABLE}table-row", f"{TABLE}table-cell"
_ROW_GROUPS = frozenset({f"{TABLE}table-rows", f"{TABLE}table-header-rows", f"{TABLE}table-row-group"})
_SPACE, _TAB, _LINE_BREAK = f"{TEXT}s", f"{TEXT}tab", f"{TEXT}line-break"

# Never the document's text: comments, deleted revisions, declarations, list labels,
# generated indexes (they repeat the headings), alternative texts, forms, covered cells.
SKIPPED = frozenset(
    {
        f"{OFFICE}annotation",
        f"{OFFICE}annotation-end",
        f"{OFFICE}forms",
        f"{TEXT}tracked-changes",
        f"{TEXT}sequence-decls",
        f"{TEXT}variable-decls",
        f"{TEXT}user-field-decls",
        f"{TEXT}dde-connection-decls",
        f"{TEXT}number",
        f"{TEXT}note-citation",
        f"{TEXT}ruby-text",
        f"{TEXT}table-of-content",
        f"{TEXT}illustration-index",
        f"{TEXT}table-index",
        f"{TEXT}object-index",
        f"{TEXT}user-index",
        f"{TEXT}alphabetical-index",
        f"{TEXT}bibliography",
        f"{TABLE}covered-table-cell",
        f"{TABLE}table-columns",
        f"{TABLE}table-column",
        f"{TABLE}table-header-columns",
        f"{SVG}title",
        f"{SVG}desc",
        f"{PRESENTATION}notes",
    }
)

# Stand-ins for literal white space while ODF white space is collapsed (noncharacters never occur in text).
_LITERAL_SPACE, _LITERAL_TAB, _LITERAL_BREAK = "\ufdd0", "\ufdd1", "\ufdd2"
_LITERALS = str.maketrans({_LITERAL_SPACE: " ", _LITERAL_TAB: "\t", _LITERAL_BREAK: "\n"})
_XML_WHITE_SPACE = re.compile(r"[ \t\r\n]+")
_MAX_REPEAT = 100  # a table cell or row "repeated" more often than this is layout, not text

_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_TIME = re.compile(r"^\s*\d{4}-\d{2}-\d{2}[T ](\d{2}):(\d{2})")


@dataclass(frozen=True)
class OdfFormat:
    """What to call an OpenDocument type in messages and where its body lives in content.xml."""

    extension: str  # "odt"
    content: str  # "text document"
    application: str  # "LibreOffice Writer"
    body: str  # the child of office:body holding the content


WRITER = OdfFormat("odt", "text document", "LibreOffice Writer", f"{OFFICE}text")
IMPRESS = OdfFormat("odp", "presentation", "LibreOffice Impress", f"{OFFICE}presentation")
_BODIES = {
    f"{OFFICE}text": ("a text document", "odt"),
    f"{OFFICE}presentation": ("a presentation", "odp"),
    f"{OFFICE}spreadsheet": ("a spreadsheet", "ods"),
    f"{OFFICE}drawing": ("a drawing", "odg"),
}


@dataclass(frozen=True)
class OdfPackage:
    """The parsed parts of an OpenDocument file (``styles``/``meta`` are None when missing or broken)."""

    body: ElementTree.Element
    styles: ElementTree.Element | None
    meta: ElementTree.Element | None
    automatic_styles: ElementTree.Element | None


# The only parts ever inflated (a package's pictures and thumbnails are not read).
_READ_PARTS = frozenset({"content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml"})


def open_package(path: Path, data: bytes, kind: OdfFormat, limits: ReadLimits = DEFAULT_LIMITS) -> OdfPackage:
    """The parts of the package, or a :class:`ReadError` saying what the file really is.

    The zip is checked against ``limits`` (sizes, compression ratios, number of
    parts) before any part is inflated.
    """
    advice = f"open and re-save it in {kind.application}"
    invalid = f"not a valid .{kind.extension} file"
    if data.startswith(OLE_SIGNATURE):
        raise ReadError(
            path,
            f"{invalid} (it is an old binary Office file or a password-protected Microsoft Office file); "
            f"open it and save it as .{kind.extension} in {kind.application}",
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ReadError(path, f"{invalid} (not a zip archive); {advice}")
    try:
        check_package(path, data, limits, inflated=_READ_PARTS)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "META-INF/manifest.xml" in names and _is_encrypted(archive.read("META-INF/manifest.xml")):
                raise ReadError(
                    path,
                    f"encrypted (password-protected) .{kind.extension}; open it in {kind.application} and save "
                    'it again without a password (File > Save As, untick "Save with password")',
                )
            if "content.xml" not in names:
                raise ReadError(
                    path,
                    f"{invalid} (no content.xml inside the zip; is it another kind of zip renamed to "
                    f".{kind.extension}?); {advice}",
                )
            content = archive.read("content.xml")
            styles = archive.read("styles.xml") if "styles.xml" in names else None
            meta = archive.read("meta.xml") if "meta.xml" in names else None
    except ReadError:
        raise
    except ZIP_ERRORS as error:
        raise ReadError(path, f"{invalid} (broken zip archive: {brief(error)}); {advice}", error) from error
    try:
        root = ElementTree.fromstring(content)
    except ElementTree.ParseError as error:
        raise ReadError(
            path, f"{invalid} (content.xml is not well-formed XML: {brief(error)}); {advice}", error
        ) from error
    body = _body(path, root, kind)
    return OdfPackage(
        body=body,
        styles=_parse_quietly(styles),
        meta=_parse_quietly(meta),
        automatic_styles=root.find(f"{OFFICE}automatic-styles"),
    )


def _is_encrypted(manifest: bytes) -> bool:
    try:
        root = ElementTree.fromstring(manifest)
    except ElementTree.ParseError:
        return b"encryption-data" in manifest
    return root.find(f".//{MANIFEST}encryption-data") is not None


def _body(path: Path, root: ElementTree.Element, kind: OdfFormat) -> ElementTree.Element:
    office_body = root.find(f"{OFFICE}body")
    body = office_body.find(kind.body) if office_body is not None else None
    if body is not None:
        return body
    children = list(office_body) if office_body is not None else []
    other = next((_BODIES[child.tag] for child in children if child.tag in _BODIES), None)
    if other is not None:
        why = f"it is {other[0]}, not a {kind.content}; rename it to .{other[1]}"
    else:
        why = f"no {kind.content} in content.xml; open and re-save it in {kind.application}"
    raise ReadError(path, f"not a valid .{kind.extension} file ({why})")


def _parse_quietly(data: bytes | None) -> ElementTree.Element | None:
    """A secondary part (styles, meta): a broken one must not cost the body."""
    if data is None:
        return None
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return None


# ----------------------------------------------------------------- metadata


def title_of(meta: ElementTree.Element | None) -> str | None:
    """``dc:title`` of meta.xml as a title (None when missing or a placeholder)."""
    if meta is None:
        return None
    element = meta.find(f"{OFFICE}meta/{DC}title")
    return clean_title("".join(element.itertext())) if element is not None else None


def created_of(meta: ElementTree.Element | None) -> dt.date | None:
    """``meta:creation-date``: a datetime, or a date when no time is given (None when missing or not ISO)."""
    return iso_moment(_meta_text(meta, f"{META}creation-date"))


def modified_of(meta: ElementTree.Element | None) -> dt.date | None:
    """``dc:date``, when the document was last saved, like :func:`created_of`."""
    return iso_moment(_meta_text(meta, f"{DC}date"))


def generator_of(meta: ElementTree.Element | None) -> str | None:
    """``meta:generator``: the application that wrote the file, e.g. ``LibreOffice/7.6.4.1$Linux_X86_64``."""
    text = (_meta_text(meta, f"{META}generator") or "").strip()
    return text or None


def _meta_text(meta: ElementTree.Element | None, tag: str) -> str | None:
    element = meta.find(f"{OFFICE}meta/{tag}") if meta is not None else None
    return "".join(element.itertext()) if element is not None else None


def iso_moment(value: str | None) -> dt.date | None:
    """The date, with its hour and minute when given, at the start of an ISO date or date-time string."""
    return with_time(iso_date(value), _TIME.match(value or ""))


def iso_date(value: str | None) -> dt.date | None:
    """The date at the start of an ISO date or date-time string, else None."""
    match = _DATE.match(value or "")
    if match is None:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


# ----------------------------------------------------------------- text

NoteSink = Callable[[ElementTree.Element], None]


def paragraph_text(element: ElementTree.Element, notes: NoteSink | None = None) -> str:
    """The text of a ``text:p`` or ``text:h`` with ODF white-space rules applied (not stripped).

    A note (``text:note``) is not part of the paragraph's text: it is handed to
    ``notes`` (or dropped when there is none).  Text boxes and shapes anchored
    in the paragraph are read on lines of their own.
    """
    parts: list[str] = []
    _inline(element, parts, notes)
    text = _XML_WHITE_SPACE.sub(" ", "".join(parts)).lstrip(" ")
    return text.translate(_LITERALS)


def _inline(element: ElementTree.Element, parts: list[str], notes: NoteSink | None) -> None:
    if element.text:
        parts.append(element.text)
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in SKIPPED:
            pass
        elif tag == _SPACE:
            parts.append(_LITERAL_SPACE * _count(child.get(f"{TEXT}c")))
        elif tag == _TAB:
            parts.append(_LITERAL_TAB)
        elif tag == _LINE_BREAK:
            parts.append(_LITERAL_BREAK)
        elif tag == NOTE:
            if notes is not None:
                notes(child)
        elif tag in (P, H, LIST, TABLE_TABLE):  # inside a text box or shape anchored here
            text = block_text(child, notes)
            if text:
                parts.append(_LITERAL_BREAK + text.replace("\n", _LITERAL_BREAK) + _LITERAL_BREAK)
        else:  # spans, links, fields, frames, text boxes …
            _inline(child, parts, notes)
        if child.tail:
            parts.append(child.tail)


def _count(value: str | None) -> int:
    try:
        return max(1, min(int(value), 1000)) if value else 1
    except ValueError:
        return 1


def blocks_text(container: ElementTree.Element, notes: NoteSink | None = None) -> str:
    """The non-empty paragraphs, lists and tables inside ``container``, one per line."""
    return "\n".join(block_texts(container, notes))


def block_texts(container: ElementTree.Element, notes: NoteSink | None = None) -> Iterator[str]:
    """The stripped, non-empty texts of the blocks inside ``container``, in order."""
    for child in container:
        tag = child.tag
        if not isinstance(tag, str) or tag in SKIPPED:
            continue
        if tag in (P, H, TABLE_TABLE):
            text = block_text(child, notes)
            if text:
                yield text
        else:  # lists, sections, frames, text boxes, shapes, groups …
            yield from block_texts(child, notes)


def block_text(element: ElementTree.Element, notes: NoteSink | None = None) -> str:
    """The stripped text of one block: a paragraph or heading, a table, or a container of blocks."""
    if element.tag in (P, H):
        return paragraph_text(element, notes).strip()
    if element.tag == TABLE_TABLE:
        return table_text(element, notes)
    return blocks_text(element, notes)


def table_text(table: ElementTree.Element, notes: NoteSink | None = None) -> str:
    """A ``table:table``'s text: one line per row, cells separated by tabs; empty rows left out.

    Covered cells (hidden under a merge) are skipped; a repeated cell or row is
    repeated when it has text (an empty one stands once).
    """
    lines: list[str] = []
    for row in _rows(table):
        cells: list[str] = []
        for cell in row:
            if cell.tag != _CELL:
                continue
            text = blocks_text(cell, notes)
            cells.extend([text] * (_repeat(cell, "number-columns-repeated") if text else 1))
        line = "\t".join(cells)
        if line.strip():
            lines.extend([line] * _repeat(row, "number-rows-repeated"))
    return "\n".join(lines)


def _rows(element: ElementTree.Element) -> Iterator[ElementTree.Element]:
    for child in element:
        if child.tag == _ROW:
            yield child
        elif child.tag in _ROW_GROUPS:
            yield from _rows(child)


def _repeat(element: ElementTree.Element, attribute: str) -> int:
    value = element.get(f"{TABLE}{attribute}")
    try:
        return max(1, min(int(value), _MAX_REPEAT)) if value else 1
    except ValueError:
        return 1
