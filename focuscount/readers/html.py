"""HTML reader (.html, .htm): the text a visitor sees, not the markup.

The page is parsed by lxml's HTML parser (libxml2), which closes the elements
HTML lets authors leave open (``<p>``, ``<li>``, ``<td>`` …) and decodes
entities.  It is used safely: no network access, comments and processing
instructions dropped, entity declarations never expanded (an HTML parser does
not read DTDs), and libxml2's own bounds left on (``huge_tree`` off: elements at
most 255 deep, text runs at most 10 MB).  A page past those bounds would lose
the text after the spot where libxml2 stops, so it is read as plain text instead
(:func:`flat_paragraphs`): tags removed, blocks as paragraphs, no headings.

Never read: ``head`` (its ``<title>`` is the document's title), ``script``,
``style``, ``template``, ``noscript``, ``svg``, embedded content (``iframe``,
``object``, ``canvas``, ``audio``, ``video``: their text is a fallback), ruby
annotations (``rt``, ``rp``), and what the page marks as hidden (``hidden``,
``aria-hidden="true"``, an inline ``display: none``) or as navigation
boilerplate: ``nav``, ``aside``, elements with ``role`` ``navigation``,
``banner``, ``contentinfo`` or ``complementary``, and the page's own ``header``
and ``footer``.  A ``header``/``footer`` inside an ``article``, ``main`` or
``section`` is that part's heading or closing lines, not the site's banner (the
rule of the ARIA mapping of HTML), and is read.  When the page has a ``main``
(else an ``article``) only those are read.

Block elements (``p``, ``div``, ``li``, headings, table cells …) separate text
and inline ones do not, so ``li<b>brary</b>`` stays one word; ``<br>`` (and
``</br>``, as browsers read it) ends a line.  White space collapses as in a
browser except in ``pre``; a non-breaking space is a space and a soft hyphen
vanishes.  Headings ``h1``–``h6`` become ``heading N`` segments (numbered among
headings, with their level); other blocks ``paragraph N`` (numbered among the
non-empty blocks); a data table becomes one ``table N`` segment with one line
per row and cells separated by tabs, while a layout table (``role="presentation"``,
or holding tables or headings) is read as the blocks in its cells.  What a data
table holds outside its cells (a ``<p>`` between rows) is shown by browsers
before the table, and is read there, as paragraphs.  The title is the
``<title>``, else the first ``h1``; the creation date comes from a
``<meta name="dcterms.created">``, ``"DC.date"`` or ``"date"`` holding an ISO date.
"""

from __future__ import annotations

import codecs
import datetime as dt
import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from focuscount.errors import ReadError
from focuscount.limits import DEFAULT_LIMITS, ReadLimits
from focuscount.model import Document, Location, Segment
from focuscount.readers._textblocks import clean_title, decode_text, normalise_newlines, read_bytes

if TYPE_CHECKING:
    from lxml import etree

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCKS = frozenset(
    {"address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir"}
    | {"div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "frameset", "header", "hgroup"}
    | {"hr", "html", "legend", "li", "listing", "main", "menu", "nav", "noframes", "ol", "optgroup", "option"}
    | {"p", "plaintext", "pre", "search", "section", "summary", "table", "tbody", "td", "textarea", "tfoot"}
    | {"th", "thead", "tr", "ul", "xmp"}
)
_PREFORMATTED = frozenset({"pre", "listing", "xmp", "plaintext", "textarea"})
_SKIPPED_TAGS = frozenset(
    {"head", "script", "style", "template", "noscript", "svg", "nav", "aside", "iframe", "object", "canvas"}
    | {"audio", "video", "datalist", "rt", "rp", "title"}
)
# LibreOffice and Word write a document's running header and footer as ``<div title="header">``.
_RUNNING_HEADS = frozenset({"header", "footer"})
_BOILERPLATE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary"})
_SECTIONING = frozenset({"article", "main", "section"})
_CELLS = frozenset({"td", "th"})
_ROW_GROUPS = frozenset({"thead", "tbody", "tfoot"})
_TABLE_PARTS = frozenset({"caption", "colgroup", "col"}) | _CELLS
_DISPLAY_NONE = re.compile(r"(?:^|;)\s*display\s*:\s*none\b", re.IGNORECASE)

_WHITE_SPACE = re.compile(r"[ \t\n\r\f]+")
_END_BR = re.compile(r"</br\s*>", re.IGNORECASE)
_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"^<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)", re.IGNORECASE)
_LATIN1_ALIASES = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii"})
_DATE_NAMES = ("dcterms.created", "dc.date.created", "dc.date", "dcterms.date", "date")
# The page's own date (name="date") counts as its last change: a CMS writes it when the page is saved.
_MODIFIED_NAMES = ("dcterms.modified", "dc.date.modified", "last-modified", "date", "dc.date", "dcterms.date")
_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])")
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")

# Piece kinds of a block's text before it is rendered.
_TEXT, _PRE, _BREAK = 0, 1, 2


def read(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> Document:
    """Read a web page: its visible text in heading, paragraph and table segments.

    Raises :class:`~focuscount.errors.ReadError` for a binary file.
    """
    path = Path(path)
    text = _decode(read_bytes(path, limits), path)
    root = parse_html(text)
    if root is None:  # past libxml2's bounds: every word, without the structure
        segments = tuple(Segment(block, Location("paragraph", number)) for number, block in flat_paragraphs(text))
        return Document(path=path, format="html", segments=segments)
    extractor = _Extractor()
    for content in _content_roots(root):
        extractor.walk(content)
        extractor.flush()
    return Document(
        path=path,
        format="html",
        segments=tuple(extractor.segments),
        title=_title(root) or extractor.h1,
        created=_meta_date(root, _DATE_NAMES),
        modified=_meta_date(root, _MODIFIED_NAMES),
        producer=_generator(root),
    )


# ----------------------------------------------------------------- decoding


def _decode(data: bytes, path: Path) -> str:
    """The page's text: a byte-order mark wins, then the declared charset, then the usual guesses."""
    if not data.startswith(_BOMS) and b"\x00" not in data:
        charset = _declared_charset(data[:4096])
        if charset is not None:
            try:
                text = normalise_newlines(data.decode(charset))
            except UnicodeDecodeError:
                pass  # the declaration is wrong: guess as for any text file
            else:
                return _check_not_binary(text, path)
    return _check_not_binary(decode_text(data, path), path)


def _declared_charset(head: bytes) -> str | None:
    """The codec of ``<meta charset>`` (or an XML declaration), as browsers interpret it."""
    match = _CHARSET.search(head) or _XML_ENCODING.match(head)
    if match is None:
        return None
    name = match[1].decode("ascii").lower()
    if name in _LATIN1_ALIASES:
        return "cp1252"  # what browsers really use for these labels
    if name.startswith(("utf-16", "utf16", "utf-32")):
        return "utf-8"  # no byte-order mark and no NUL bytes: the declaration cannot be true
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _check_not_binary(text: str, path: Path) -> str:
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\f")
    if controls > max(8, len(sample) // 100):
        raise ReadError(path, "binary data, not an HTML page; check that it really is a web page saved as .html")
    return text


# ----------------------------------------------------------------- parsing


def parse_html(text: str) -> etree._Element | None:
    """The page as an lxml tree (its ``html`` element), or None when libxml2 could not read all of it.

    The text is handed over as UTF-8 with that encoding forced, so a ``<meta charset>``
    the page's decoding already honoured (or found wrong) is not applied twice.
    """
    from lxml import etree  # imported when a page is read: `focuscount --help` stays quick

    # etree's HTML parser is lxml.html's without its Python element classes (a lookup per element).
    parser = etree.HTMLParser(
        encoding="utf-8",
        no_network=True,
        remove_comments=True,
        remove_pis=True,
        huge_tree=False,
        recover=True,
        default_doctype=False,
    )
    data = _END_BR.sub("<br>", text).encode("utf-8", "replace")
    try:
        root = etree.fromstring(data, parser)
    except etree.LxmlError:
        return None
    if any(error.type_name == "ERR_RESOURCE_LIMIT" or error.level_name == "FATAL" for error in parser.error_log):
        return None  # libxml2 stopped part-way (too deep, a text run over 10 MB): the tree misses words
    if root is None:  # only white space or comments
        return etree.Element("html")
    _close_nested_headings(root)
    return root


def _close_nested_headings(root: etree._Element) -> None:
    """A heading opened right inside a heading closes it, as in browsers (libxml2 nests the two)."""
    for heading in list(root.iter(*_HEADINGS)):
        inner = next((child for child in heading if child.tag in _HEADINGS), None)
        if inner is None:
            continue
        moved = [inner, *inner.itersiblings()]
        tail, heading.tail = heading.tail, None
        for element in reversed(moved):
            heading.addnext(element)
        moved[-1].tail = (moved[-1].tail or "") + (tail or "")


def _tag(element: etree._Element) -> str:
    """The element's tag, or "" for what is not an element (an entity reference)."""
    tag = element.tag
    return tag if isinstance(tag, str) else ""


# ----------------------------------------------------------------- what is read


def is_skipped(element: etree._Element) -> bool:
    """True when ``element`` is not visible text: scripts, hidden parts, navigation boilerplate."""
    tag = element.tag
    if not isinstance(tag, str) or tag in _SKIPPED_TAGS:
        return True
    if tag in ("header", "footer") and not any(_tag(up) in _SECTIONING for up in element.iterancestors()):
        return True
    attrs = element.attrib
    if not attrs:  # most elements: nothing to look at
        return False
    if "hidden" in attrs or attrs.get("aria-hidden", "").strip().lower() == "true":
        return True
    if _BOILERPLATE_ROLES.intersection(attrs.get("role", "").lower().split()):
        return True
    return bool(_DISPLAY_NONE.search(attrs.get("style", "")))


def _content_roots(root: etree._Element) -> list[etree._Element]:
    """The outermost visible ``main`` elements, else ``article`` elements, else the whole page."""
    for tag in ("main", "article"):
        found = _outermost(root, tag)
        if found:
            return found
    return [root]


def _outermost(element: etree._Element, tag: str) -> list[etree._Element]:
    found: list[etree._Element] = []
    for child in element:
        if is_skipped(child):
            continue
        if child.tag == tag:
            found.append(child)
        else:
            found.extend(_outermost(child, tag))
    return found


def _outside_svg(elements: Iterator[etree._Element]) -> Iterator[etree._Element]:
    return (element for element in elements if not any(up.tag == "svg" for up in element.iterancestors()))


def _title(root: etree._Element) -> str | None:
    for element in _outside_svg(root.iter("title")):
        return clean_title("".join(element.itertext()))
    return None


def _generator(root: etree._Element) -> str | None:
    """``<meta name="generator">``: what wrote the page (a converter such as pandoc or LibreOffice)."""
    for element in _outside_svg(root.iter("meta")):
        if element.get("name", "").strip().lower() == "generator":
            return " ".join(element.get("content", "").split()) or None
    return None


def _meta_date(root: etree._Element, names: tuple[str, ...]) -> dt.date | None:
    """The date of the first date meta tag among ``names``, by their priority."""
    dates: dict[str, dt.date] = {}
    for element in _outside_svg(root.iter("meta")):
        name = element.get("name", "").strip().lower()
        match = _DATE.match(element.get("content", ""))
        if name in names and name not in dates and match is not None:
            try:
                dates[name] = dt.date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                continue
    return next((dates[name] for name in names if name in dates), None)


# ----------------------------------------------------------------- text


class _Extractor:
    """Walks the content, cutting it into heading, paragraph and table segments."""

    def __init__(self) -> None:
        self.segments: list[Segment] = []
        self.pieces: list[tuple[int, str]] = []
        self.preformatted = 0
        self.headings = self.paragraphs = self.tables = 0
        self.h1: str | None = None

    def walk(self, element: etree._Element) -> None:
        """The text of ``element`` and of what it holds (not its tail)."""
        self.text(element.text)
        for child in element:
            self.element(child)
            self.text(child.tail)

    def text(self, text: str | None) -> None:
        if text:
            self.pieces.append((_PRE if self.preformatted else _TEXT, text))

    def element(self, element: etree._Element) -> None:
        tag = _tag(element)
        if is_skipped(element):
            return
        if tag == "br":
            self.pieces.append((_BREAK, "\n"))
        elif tag == "div" and element.get("title") in _RUNNING_HEADS:
            self.running_head(element, element.get("title") or "")
        elif tag in _HEADINGS:
            self.flush()
            text = inline_text(element)
            if text:
                self.headings += 1
                location = Location("heading", self.headings)
                self.segments.append(Segment(text, location, heading=True, level=int(tag[1])))
                if tag == "h1" and self.h1 is None:
                    self.h1 = clean_title(text)
        elif tag == "table" and _is_data_table(element):
            self.flush()
            self.foster(element)
            self.flush()
            text = table_text(element)
            if text:
                self.tables += 1
                self.segments.append(Segment(text, Location("table", self.tables)))
        elif tag in _BLOCKS:
            self.flush()
            preformatted = tag in _PREFORMATTED
            self.preformatted += preformatted
            self.walk(element)
            self.flush()
            self.preformatted -= preformatted
        else:  # inline: its text runs on in the current block
            self.walk(element)

    def running_head(self, element: etree._Element, kind: str) -> None:
        """A page header or footer as a word processor exports it (``<div title="footer">``): furniture."""
        self.flush()
        inner = _Extractor()
        inner.walk(element)
        inner.flush()
        text = "\n".join(segment.text for segment in inner.segments)
        if text.strip():
            self.segments.append(Segment(text, Location(kind), furniture=True))

    def foster(self, part: etree._Element) -> None:
        """What a data table (or its row group, or row) holds outside its cells and caption."""
        self.text(part.text)
        for child in part:
            tag = _tag(child)
            if tag in _ROW_GROUPS or tag == "tr":
                if not is_skipped(child):
                    self.foster(child)
            elif tag not in _TABLE_PARTS:
                self.element(child)
            self.text(child.tail)

    def flush(self) -> None:
        """End the current block: its text, if any, becomes the next paragraph segment."""
        if not self.pieces:
            return
        text = "\n".join(_render(self.pieces))
        self.pieces = []
        if text:
            self.paragraphs += 1
            self.segments.append(Segment(text, Location("paragraph", self.paragraphs)))


def _render(pieces: list[tuple[int, str]]) -> list[str]:
    """A block's lines: white space collapsed (kept in ``pre``), no blank lines at either end."""
    if all(kind == _TEXT for kind, _ in pieces):  # most blocks: one line of running text
        line = _WHITE_SPACE.sub(" ", "".join(piece for _, piece in pieces))
        line = line.replace("\xad", "").replace("\xa0", " ").strip()
        return [line] if line else []
    preformatted = any(kind == _PRE for kind, _ in pieces)
    text = "".join(_WHITE_SPACE.sub(" ", piece) if kind == _TEXT else piece for kind, piece in pieces)
    text = text.replace("\xad", "").replace("\xa0", " ")
    lines = [line.rstrip() if preformatted else line.strip() for line in text.split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    # At most one blank line in a row: a blank line still separates paragraphs.
    return [line for index, line in enumerate(lines) if line.strip() or lines[index - 1].strip()]


def inline_text(element: etree._Element) -> str:
    """The text of ``element`` with block boundaries inside it as line ends (for headings and cells)."""
    pieces: list[tuple[int, str]] = []
    _collect_inline(element, pieces)
    return "\n".join(line for line in _render(pieces) if line.strip())


def _collect_inline(element: etree._Element, pieces: list[tuple[int, str]]) -> None:
    if element.text:
        pieces.append((_TEXT, element.text))
    for child in element:
        tag = _tag(child)
        if is_skipped(child):
            pass
        elif tag == "br":
            pieces.append((_BREAK, "\n"))
        elif tag in _BLOCKS or tag in _HEADINGS:
            pieces.append((_BREAK, "\n"))
            _collect_inline(child, pieces)
            pieces.append((_BREAK, "\n"))
        else:
            _collect_inline(child, pieces)
        if child.tail:
            pieces.append((_TEXT, child.tail))


def _is_data_table(table: etree._Element) -> bool:
    """A table of data, not one that lays out the page (which holds tables or headings)."""
    if {"presentation", "none"}.intersection(table.get("role", "").lower().split()):
        return False
    return not any(_tag(element) == "table" or _tag(element) in _HEADINGS for element in table.iterdescendants())


def table_text(table: etree._Element) -> str:
    """The caption, then one line per row with the cells separated by tabs; empty rows left out."""
    lines: list[str] = []
    for child in table:
        if child.tag == "caption" and not is_skipped(child):
            lines.append(" ".join(inline_text(child).split()))
    for cells in _rows(table):
        line = "\t".join("" if is_skipped(cell) else " ".join(inline_text(cell).split()) for cell in cells)
        if line.strip():
            lines.append(line)
    return "\n".join(line for line in lines if line)


def _rows(part: etree._Element) -> Iterator[list[etree._Element]]:
    """The cells of each row; cells standing in the table without a ``<tr>`` make a row of their own."""
    loose: list[etree._Element] = []
    for child in part:
        tag = _tag(child)
        if tag in _CELLS:
            loose.append(child)
            continue
        if loose:
            yield loose
            loose = []
        if is_skipped(child):
            continue
        if tag == "tr":
            yield [cell for cell in child if _tag(cell) in _CELLS]
        elif tag in _ROW_GROUPS:
            yield from _rows(child)
    if loose:
        yield loose


# ----------------------------------------------------------------- past libxml2's bounds

_MARKUP = re.compile(r"<!--|<[!?]|<(/?)([A-Za-z][A-Za-z0-9:-]*)")
_RAW_TEXT = frozenset({"script", "style", "template", "noscript", "svg", "title", "textarea", "iframe"})
_INLINE_TAGS = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i"})
_INLINE_TAGS |= {"ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u"}
_INLINE_TAGS |= {"var", "wbr"}
_LINE_END, _BLOCK_END = "\x01", "\x02"  # what <br> and a block tag leave behind in the plain text


def without_tags(markup: str) -> str:
    """``markup`` with its tags, comments and script-like elements removed, entities decoded.

    An inline tag (``<b>``, ``<span>`` …) vanishes, ``<br>`` leaves ``\\x01`` (a line end)
    and any other tag ``\\x02`` (a block boundary).  One pass: each piece of markup is
    looked at once, so no page costs more than linear time.
    """
    parts: list[str] = []
    position = 0
    while (match := _MARKUP.search(markup, position)) is not None:
        parts.append(markup[position : match.start()])
        if match[0] == "<!--":
            end = markup.find("-->", match.end())
            position = len(markup) if end < 0 else end + 3
            continue
        end = markup.find(">", match.end())
        position = len(markup) if end < 0 else end + 1  # an unfinished tag: what follows is inside it
        if match[2] is None:  # a doctype, CDATA section or processing instruction
            continue
        name = match[2].lower()
        if not match[1] and name in _RAW_TEXT:
            close = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(markup, position)
            position = len(markup) if close is None else close.end()
        parts.append("" if name in _INLINE_TAGS else _LINE_END if name == "br" else _BLOCK_END)
    parts.append(markup[position:])
    return html.unescape("".join(parts))


def flat_paragraphs(markup: str) -> Iterator[tuple[int, str]]:
    """The numbered paragraphs of the page read as plain text (see :func:`without_tags`)."""
    number = 0
    for block in without_tags(markup).split(_BLOCK_END):
        lines = [" ".join(line.replace("\xad", "").split()) for line in block.split(_LINE_END)]
        text = "\n".join(line for line in lines if line)
        if text:
            number += 1
            yield number, text
