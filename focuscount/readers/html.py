"""HTML reader (.html, .htm, standard library only): the text a visitor sees, not the markup.

The page is parsed with :mod:`html.parser` into a small tree (closing the
elements HTML lets authors leave open: ``<p>``, ``<li>``, ``<td>`` …).  Never
read: ``head`` (its ``<title>`` is the document's title), ``script``, ``style``,
``template``, ``noscript``, ``svg``, embedded content (``iframe``, ``object``,
``canvas``, ``audio``, ``video``: their text is a fallback), ruby annotations
(``rt``, ``rp``), and what the page marks as hidden (``hidden``,
``aria-hidden="true"``, an inline ``display: none``) or as navigation
boilerplate: ``nav``, ``aside``, elements with ``role`` ``navigation``,
``banner``, ``contentinfo`` or ``complementary``, and the page's own ``header``
and ``footer``.  A ``header``/``footer`` inside an ``article``, ``main`` or
``section`` is that part's heading or closing lines, not the site's banner (the
rule of the ARIA mapping of HTML), and is read.  When the page has a ``main``
(else an ``article``) only those are read.

Block elements (``p``, ``div``, ``li``, headings, table cells …) separate text
and inline ones do not, so ``li<b>brary</b>`` stays one word; ``<br>`` ends a
line.  White space collapses as in a browser except in ``pre``; a
non-breaking space is a space and a soft hyphen vanishes.  Headings ``h1``–``h6``
become ``heading N`` segments (numbered among headings); other blocks
``paragraph N`` (numbered among the non-empty blocks); a data table becomes one
``table N`` segment with one line per row and cells separated by tabs, while a
layout table (``role="presentation"``, or holding tables or headings) is read
as the blocks in its cells.  The title is the ``<title>``, else the first
``h1``; the creation date comes from a ``<meta name="dcterms.created">``,
``"DC.date"`` or ``"date"`` holding an ISO date.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from focuscount.errors import ReadError
from focuscount.limits import DEFAULT_LIMITS, ReadLimits
from focuscount.model import Document, Location, Segment
from focuscount.readers._structure import apply_structure
from focuscount.readers._textblocks import clean_title, decode_text, normalise_newlines, read_bytes

_VOID = frozenset(
    {"area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input", "keygen"}
    | {"link", "meta", "param", "source", "track", "wbr"}
)
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
    | {"audio", "video", "datalist", "rt", "rp"}
)
_BOILERPLATE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary"})
_SECTIONING = frozenset({"article", "main", "section"})
_DISPLAY_NONE = re.compile(r"(?:^|;)\s*display\s*:\s*none\b", re.IGNORECASE)

# Start tags that close an open <p> (HTML lets its end tag be left out).
_CLOSES_P = _HEADINGS | frozenset(
    {"address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt"}
    | {"fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup", "hr", "li", "listing", "main"}
    | {"menu", "nav", "ol", "p", "plaintext", "pre", "search", "section", "summary", "table", "ul", "xmp"}
)
_P_SCOPE = frozenset({"button", "table", "td", "th", "caption", "html", "template", "object", "marquee"})
_LIST_SCOPE = frozenset({"ul", "ol", "menu", "dir", "table", "td", "th", "html", "template"})
_MAX_DEPTH = 400

_WHITE_SPACE = re.compile(r"[ \t\n\r\f]+")
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
    tree = parse_html(_decode(read_bytes(path, limits), path))
    extractor = _Extractor()
    for root in _content_roots(tree):
        extractor.walk(root)
        extractor.flush()
    return Document(
        path=path,
        format="html",
        segments=apply_structure(extractor.segments),
        title=_title(tree) or extractor.h1,
        created=_meta_date(tree, _DATE_NAMES),
        modified=_meta_date(tree, _MODIFIED_NAMES),
        producer=_generator(tree),
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


# ----------------------------------------------------------------- tree


class Node:
    """An element of the parsed page: its tag, attributes, children (nodes and strings) and parent."""

    __slots__ = ("attrs", "children", "parent", "tag")

    def __init__(self, tag: str, attrs: dict[str, str], parent: Node | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[Node | str] = []
        self.parent = parent

    def iter(self, skip: frozenset[str] = frozenset()) -> Iterator[Node]:
        """This node and its descendant elements in document order, not entering tags in ``skip``."""
        stack: list[Node] = [self]
        while stack:
            node = stack.pop()
            yield node
            if node.tag not in skip:
                stack.extend(reversed([child for child in node.children if isinstance(child, Node)]))

    def text(self) -> str:
        """All text inside, white space collapsed."""
        parts = [child if isinstance(child, str) else child.text() for child in self.children]
        return " ".join(" ".join(parts).split())


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.stack: list[Node] = [self.root]
        # How many elements of each tag are open: an end tag or implied close of a tag that is not open
        # costs nothing, instead of a walk down a stack that can be _MAX_DEPTH deep for every tag.
        self.open: Counter[str] = Counter()
        # Text since the last tag, joined once: ``+=`` on a child string copies it every time
        # (quadratic on a page of 100,000 stray "<").
        self.text: list[str] = []

    def _push(self, node: Node) -> None:
        self.stack.append(node)
        self.open[node.tag] += 1

    def _pop_to(self, index: int) -> None:
        """Close the open elements from ``index`` up."""
        for node in self.stack[index:]:
            self.open[node.tag] -= 1
        del self.stack[index:]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = self._start(tag, attrs)  # <div/> as written in XHTML: an empty element
        if self.stack[-1] is node:
            self._pop_to(len(self.stack) - 1)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]]) -> Node:
        self.end_text()
        self._close_implied(tag)
        parent = self.stack[-1]
        node = Node(tag, {name: value or "" for name, value in attrs}, parent)
        parent.children.append(node)
        if tag not in _VOID and len(self.stack) < _MAX_DEPTH:
            self._push(node)
        return node

    def handle_endtag(self, tag: str) -> None:
        self.end_text()
        if tag == "br":  # </br> is read as <br> by browsers
            self._start("br", [])
            return
        if not self.open[tag]:
            return  # a stray end tag
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                self._pop_to(index)
                return

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def end_text(self) -> None:
        """Give the text read since the last tag to the open element."""
        if not self.text:
            return
        data = "".join(self.text)
        self.text = []
        children = self.stack[-1].children
        if children and isinstance(children[-1], str):
            children[-1] += data
        else:
            children.append(data)

    def _close_implied(self, tag: str) -> None:
        if tag in _CLOSES_P:
            self._close(("p",), _P_SCOPE)
        if tag == "li":
            self._close(("li",), _LIST_SCOPE)
        elif tag in ("dd", "dt"):
            self._close(("dd", "dt"), _LIST_SCOPE | {"dl"})
        elif tag in _HEADINGS and self.stack[-1].tag in _HEADINGS:
            self._pop_to(len(self.stack) - 1)
        elif tag == "tr":
            self._close(("tr",), frozenset({"table"}))
        elif tag in ("td", "th"):
            self._close(("td", "th"), frozenset({"tr", "table"}))
        elif tag in ("thead", "tbody", "tfoot"):
            self._close(("thead", "tbody", "tfoot"), frozenset({"table"}))
        elif tag in ("option", "optgroup"):
            self._close(("option",) if tag == "option" else ("option", "optgroup"), frozenset({"select"}))

    def _close(self, tags: tuple[str, ...], scope: frozenset[str]) -> None:
        """Close the innermost open element of ``tags`` unless an element of ``scope`` comes first."""
        if not any(self.open[tag] for tag in tags):
            return
        for index in range(len(self.stack) - 1, 0, -1):
            current = self.stack[index].tag
            if current in tags:
                self._pop_to(index)
                return
            if current in scope:
                return


def parse_html(text: str) -> Node:
    """The page as a tree of :class:`Node` under a ``#document`` root."""
    builder = _TreeBuilder()
    builder.feed(_without_unclosed_markup(text))
    builder.close()
    builder.end_text()
    return builder.root


# Where comments and CDATA sections end (html.parser's own rules, a little wider than browsers').
_COMMENT_END = re.compile(r"--!?\s*>")
_MARKED_SECTION_END = re.compile(r"]\s*]\s*>")
_MARKUP_START = re.compile(r"<[A-Za-z!/?]")


def _without_unclosed_markup(text: str) -> str:
    """``text`` cut where a comment, CDATA section or tag opens that the page never closes.

    A browser drops what follows such an opening (it is all comment, or an unfinished tag),
    and cutting it spares html.parser, which rescans to the end of the page for every one of
    them: quadratic time on a page ending in many ``<!--`` or ``<meta x=`` without a ``>``.
    """
    for opening, ending in (("<!--", _COMMENT_END), ("<![", _MARKED_SECTION_END)):
        last_end = max((match.end() for match in ending.finditer(text)), default=0)
        unclosed = text.find(opening, last_end)
        if unclosed >= 0:
            text = text[:unclosed]
    last_tag_end = text.rfind(">") + 1
    unfinished = _MARKUP_START.search(text, last_tag_end)
    return text[: unfinished.start()] if unfinished is not None else text


# ----------------------------------------------------------------- what is read


def is_skipped(node: Node) -> bool:
    """True when ``node`` is not visible text: scripts, hidden parts, navigation boilerplate."""
    if node.tag in _SKIPPED_TAGS:
        return True
    attrs = node.attrs
    if "hidden" in attrs or attrs.get("aria-hidden", "").strip().lower() == "true":
        return True
    if _BOILERPLATE_ROLES.intersection(attrs.get("role", "").lower().split()):
        return True
    if _DISPLAY_NONE.search(attrs.get("style", "")):
        return True
    return node.tag in ("header", "footer") and not _inside(node, _SECTIONING)


def _inside(node: Node, tags: frozenset[str]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag in tags:
            return True
        parent = parent.parent
    return False


def _content_roots(tree: Node) -> list[Node]:
    """The outermost visible ``main`` elements, else ``article`` elements, else the whole page."""
    for tag in ("main", "article"):
        found = _outermost(tree, tag)
        if found:
            return found
    return [tree]


def _outermost(node: Node, tag: str) -> list[Node]:
    found: list[Node] = []
    for child in node.children:
        if isinstance(child, str) or is_skipped(child):
            continue
        if child.tag == tag:
            found.append(child)
        else:
            found.extend(_outermost(child, tag))
    return found


def _title(tree: Node) -> str | None:
    for node in tree.iter(skip=frozenset({"svg"})):
        if node.tag == "title":
            return clean_title(node.text())
    return None


def _generator(tree: Node) -> str | None:
    """``<meta name="generator">``: what wrote the page (a converter such as pandoc or LibreOffice)."""
    for node in tree.iter(skip=frozenset({"svg"})):
        if node.tag == "meta" and node.attrs.get("name", "").strip().lower() == "generator":
            return " ".join(node.attrs.get("content", "").split()) or None
    return None


def _meta_date(tree: Node, names: tuple[str, ...]) -> dt.date | None:
    """The date of the first date meta tag among ``names``, by their priority."""
    dates: dict[str, dt.date] = {}
    for node in tree.iter(skip=frozenset({"svg"})):
        if node.tag != "meta":
            continue
        name = node.attrs.get("name", "").strip().lower()
        match = _DATE.match(node.attrs.get("content", ""))
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

    def walk(self, node: Node) -> None:
        for child in node.children:
            if isinstance(child, str):
                self.pieces.append((_PRE if self.preformatted else _TEXT, child))
            elif is_skipped(child):
                continue
            elif child.tag == "br":
                self.pieces.append((_BREAK, "\n"))
            elif child.tag in _HEADINGS:
                self.flush()
                text = inline_text(child)
                if text:
                    self.headings += 1
                    self.segments.append(Segment(text, Location("heading", self.headings), heading=True))
                    if child.tag == "h1" and self.h1 is None:
                        self.h1 = clean_title(text)
            elif child.tag == "table" and _is_data_table(child):
                self.flush()
                text = table_text(child)
                if text:
                    self.tables += 1
                    self.segments.append(Segment(text, Location("table", self.tables)))
            elif child.tag in _BLOCKS:
                self.flush()
                preformatted = child.tag in _PREFORMATTED
                self.preformatted += preformatted
                self.walk(child)
                self.flush()
                self.preformatted -= preformatted
            else:  # inline: its text runs on in the current block
                self.walk(child)

    def flush(self) -> None:
        """End the current block: its text, if any, becomes the next paragraph segment."""
        text = "\n".join(_render(self.pieces))
        self.pieces = []
        if text:
            self.paragraphs += 1
            self.segments.append(Segment(text, Location("paragraph", self.paragraphs)))


def _render(pieces: list[tuple[int, str]]) -> list[str]:
    """A block's lines: white space collapsed (kept in ``pre``), no blank lines at either end."""
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


def inline_text(node: Node) -> str:
    """The text of ``node`` with block boundaries inside it as line ends (for headings and cells)."""
    pieces: list[tuple[int, str]] = []
    _collect_inline(node, pieces)
    return "\n".join(line for line in _render(pieces) if line.strip())


def _collect_inline(node: Node, pieces: list[tuple[int, str]]) -> None:
    for child in node.children:
        if isinstance(child, str):
            pieces.append((_TEXT, child))
        elif is_skipped(child):
            continue
        elif child.tag == "br":
            pieces.append((_BREAK, "\n"))
        elif child.tag in _BLOCKS or child.tag in _HEADINGS:
            pieces.append((_BREAK, "\n"))
            _collect_inline(child, pieces)
            pieces.append((_BREAK, "\n"))
        else:
            _collect_inline(child, pieces)


def _is_data_table(table: Node) -> bool:
    """A table of data, not one that lays out the page (which holds tables or headings)."""
    if {"presentation", "none"}.intersection(table.attrs.get("role", "").lower().split()):
        return False
    return not any(node.tag == "table" or node.tag in _HEADINGS for node in table.iter() if node is not table)


def table_text(table: Node) -> str:
    """The caption, then one line per row with the cells separated by tabs; empty rows left out."""
    lines: list[str] = []
    for child in table.children:
        if isinstance(child, Node) and child.tag == "caption" and not is_skipped(child):
            lines.append(" ".join(inline_text(child).split()))
    for row in _rows(table):
        cells = [child for child in row.children if isinstance(child, Node) and child.tag in ("td", "th")]
        line = "\t".join("" if is_skipped(cell) else " ".join(inline_text(cell).split()) for cell in cells)
        if line.strip():
            lines.append(line)
    return "\n".join(line for line in lines if line)


def _rows(node: Node) -> Iterator[Node]:
    for child in node.children:
        if isinstance(child, str) or is_skipped(child):
            continue
        if child.tag == "tr":
            yield child
        elif child.tag in ("thead", "tbody", "tfoot"):
            yield from _rows(child)
