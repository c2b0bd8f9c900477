"""Rich Text reader (.rtf): a small RTF-to-text converter of its own, no dependency.

What is read: the body's paragraphs (``\\par``), line breaks (``\\line``), tabs,
tables (``\\cell``/``\\row``: one line per row, cells separated by tabs),
headers and footers (each distinct text once), footnotes (``\\footnote``; an
endnote, ``\\ftnalt``, as ``endnote N``), field results (the text of a link, not
its address) and text boxes of shapes.  ``\\'hh`` bytes are decoded in the code
page of their font (``\\fcharset``/``\\cpg`` in the font table) or of the
document (``\\ansicpgN``, cp1252 by default); ``\\uN`` gives a Unicode character
and skips the next ``\\ucN`` fallback characters.

Never read: the font, colour and style tables, document information (except
``\\title`` and the ``\\creatim`` date), pictures, embedded objects, comments
(``\\annotation``, ``\\atnid`` …), bookmarks, field instructions, list labels
(``\\listtext``: like Word's numbering, not words of the text), hidden text
(``\\v``), tracked deletions (``\\deleted``) and any ``{\\*\\…}`` destination this
reader does not know.

Segments come in reading order, like the Word reader's: headers, the body's
paragraphs (``paragraph N``; empty paragraphs count but give no segment) and
tables (``table N``), footnotes (``footnote N``, in order of appearance), then
footers.  A paragraph with an outline level (``\\outlinelevel0``–``8``) or in a
style named "heading N" or "Title" (or whose style has an outline level) is a
heading.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from focuscount.errors import ReadError
from focuscount.limits import DEFAULT_LIMITS, ReadLimits
from focuscount.model import Document, Location, Segment
from focuscount.readers._textblocks import clean_title, read_bytes

_TOKEN = re.compile(
    r"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?"  # control word, its parameter and its delimiting space
    r"|\\'([0-9a-fA-F]{2})"  # a byte in the code page
    r"|\\([^a-zA-Z'])"  # control symbol
    r"|([{}])"
    r"|[\r\n]+"  # line ends in the source are not text
    r"|([^\\{}\r\n]+)"
)
_HEADER = re.compile(rb"^(?:\xef\xbb\xbf)?\s*\{\\rtf", re.ASCII)

_HEADERS = frozenset({"header", "headerl", "headerr", "headerf"})
_FOOTERS = frozenset({"footer", "footerl", "footerr", "footerf"})
# Destinations whose text is never the document's.
_SKIPPED_DESTINATIONS = frozenset(
    {"aftncn", "aftnsep", "aftnsepc", "annotation", "atnauthor", "atndate", "atnicn", "atnid", "atnparent"}
    | {"atnref", "atntime", "atrfend", "atrfstart", "author", "background", "bkmkend", "bkmkstart", "blipuid"}
    | {"buptim", "category", "colorschememapping", "colortbl", "comment", "company", "datafield", "datastore"}
    | {"do", "doccomm", "docvar", "falt", "ffname", "filetbl", "fldinst", "fname", "fontemb", "fontfile"}
    | {"formfield", "ftncn", "ftnsep", "ftnsepc", "generator", "hlinkbase", "keywords", "latentstyles"}
    | {"levelnumbers", "leveltext", "lfolevel", "listname", "listoverridetable", "liststylename", "listtable"}
    | {"listtext", "manager", "mmathPr", "nonesttables", "nonshppict", "objclass", "objdata", "object", "objname"}
    | {"operator", "panose", "password", "passwordhash", "pgdsctbl", "pict", "picprop", "pn", "pntext", "pntxta"}
    | {"pntxtb", "printim", "private", "protusertbl", "revtbl", "rsidtbl", "rxe", "shprslt", "sn", "sp"}
    | {"subject", "sv", "tc", "tcn", "template", "themedata", "txe", "userprops", "wgrffmtfilter", "xe", "xform"}
    | {"xmlnstbl", "htmltag", "mhtmltag"}
)
_SPECIAL_CHARACTERS = {
    "emdash": "\u2014",
    "endash": "\u2013",
    "bullet": "\u2022",
    "lquote": "\u2018",
    "rquote": "\u2019",
    "ldblquote": "\u201c",
    "rdblquote": "\u201d",
    "emspace": " ",
    "enspace": " ",
    "qmspace": " ",
    "tab": "\t",
    "line": "\n",
    "page": "\n",
    "column": "\n",
    "nestcell": "\t",
    "nestrow": "\n",
}
_CONTROL_SYMBOLS = {"~": " ", "_": "-", "-": "", "\\": "\\", "{": "{", "}": "}", "\t": "\t"}
# \fcharsetN → code page.
_CHARSET_CODE_PAGES = {
    0: "cp1252",
    77: "mac_roman",
    128: "cp932",
    129: "cp949",
    130: "johab",
    134: "cp936",
    136: "cp950",
    161: "cp1253",
    162: "cp1254",
    163: "cp1258",
    177: "cp1255",
    178: "cp1256",
    186: "cp1257",
    204: "cp1251",
    222: "cp874",
    238: "cp1250",
    254: "cp437",
}
_CODE_PAGE_NAMES = {10000: "mac_roman", 65001: "utf-8", 1361: "johab", 20127: "ascii"}
_HEADING_STYLE = re.compile(r"^(?:heading\s*\d|title)$", re.IGNORECASE)
# Groups nested deeper than this share their parent's state: real documents nest a few dozen deep, and
# a saved state per "{" would let a file of braces take hundreds of times its size in memory.
_MAX_DEPTH = 1000

# Modes of a group: what its text and control words are.
_TEXT, _SKIP, _FONTS, _STYLES, _INFO, _TITLE, _CREATED, _UPR, _SHAPE, _NEST, _REVISED = range(11)


def read(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> Document:
    """Read an RTF document into located segments.

    Raises :class:`~focuscount.errors.ReadError` for a file that does not start
    with ``{\\rtf``.
    """
    path = Path(path)
    data = read_bytes(path, limits)
    if not _HEADER.match(data):
        raise ReadError(
            path, "not an RTF file (it does not start with {\\rtf); check that it really is a Rich Text document"
        )
    parser = _Parser()
    parser.feed(data)
    body = _body_segments(parser.body.finish())
    segments = (*parser.headers, *body, *parser.notes, *parser.footers)
    heading_title = next((clean_title(s.text) for s in body if s.heading), None)
    first_text = next((clean_title(s.text) for s in body if s.location.kind == "paragraph"), None)
    return Document(
        path=path,
        format="rtf",
        segments=tuple(segments),
        title=clean_title("".join(parser.title)) or heading_title or first_text,
        created=parser.created(),
        modified=parser.modified(),
    )


@dataclass
class _Block:
    kind: str  # paragraph | table
    text: str
    heading: bool = False


@dataclass
class _Sink:
    """Where text goes: the body, a header or footer, a footnote, a text box; cut into blocks."""

    kind: str
    blocks: list[_Block] = field(default_factory=list)
    line: list[str] = field(default_factory=list)
    heading: bool = False
    cell_lines: list[str] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)
    rows: list[str] = field(default_factory=list)
    endnote: bool = False

    def add(self, text: str, heading: bool) -> None:
        self.line.append(text)
        if heading and text.strip():
            self.heading = True

    def paragraph(self, in_table: bool, heading: bool, only_if_text: bool = False) -> None:
        text = "".join(self.line)
        if only_if_text and not text.strip():
            return
        if in_table:
            self.cell_lines.append(text)
        else:
            self._close_table()
            self.blocks.append(_Block("paragraph", text, (self.heading or heading) and bool(text.strip())))
        self.line = []
        self.heading = False

    def cell(self) -> None:
        lines = "\n".join([*self.cell_lines, "".join(self.line)]).split("\n")
        self.cells.append("\n".join(line.strip() for line in lines if line.strip()))
        self.cell_lines, self.line, self.heading = [], [], False

    def row(self) -> None:
        if self.cell_lines or "".join(self.line).strip():
            self.cell()
        self.rows.append("\t".join(self.cells))
        self.cells = []

    def _close_table(self) -> None:
        if self.cells:
            self.row()
        rows = [row for row in self.rows if row.strip()]
        if rows:
            self.blocks.append(_Block("table", "\n".join(rows)))
        self.rows = []

    def finish(self) -> list[_Block]:
        """The blocks, with a last paragraph that has no ``\\par`` and an open table closed."""
        if "".join(self.line).strip() or self.cell_lines:
            self.paragraph(in_table=bool(self.cell_lines), heading=False)
            if self.cell_lines:
                self.cell()
        self._close_table()
        return self.blocks

    def text(self) -> str:
        return "\n".join(block.text.strip() for block in self.finish() if block.text.strip())


@dataclass
class _State:
    """The state a group saves and restores: destination, code page, formatting that hides text."""

    mode: int
    sink: _Sink
    uc: int = 1
    font: int | None = None
    hidden: bool = False
    deleted: bool = False
    outline: int | None = None
    style: int = 0
    in_table: bool = False
    opened: object = None  # the sink or style entry this group opened, finished when it closes


@dataclass
class _StyleEntry:
    number: int = 0
    name: list[str] = field(default_factory=list)
    outline: int | None = None
    paragraph: bool = True


class _Parser:
    def __init__(self) -> None:
        self.body = _Sink("body")
        self.state = _State(_TEXT, self.body)
        self.stack: list[_State] = []
        self.too_deep = 0  # groups opened past _MAX_DEPTH and not closed yet
        self.pending = bytearray()
        self.skip = 0  # fallback characters still to skip after \uN
        self.ignorable = False  # the last token was \*
        self.high_surrogate: int | None = None
        self.code_page = "cp1252"
        self.fonts: dict[int, str] = {}
        self.defining_font: int | None = None
        self.default_font: int | None = None
        self.styles: dict[int, _StyleEntry] = {}
        self.title: list[str] = []
        self.creation: dict[str, int] = {}
        self.revision: dict[str, int] = {}  # \revtim: when it was last saved
        self.headers: list[Segment] = []
        self.footers: list[Segment] = []
        self.notes: list[Segment] = []
        self.footnote_count = self.endnote_count = 0

    # ------------------------------------------------------------- tokens

    def feed(self, data: bytes) -> None:
        source = data.decode("latin-1")  # one character per byte; bytes ≥ 0x80 are decoded later
        position = source.find("{")
        while position < len(source):
            match = _TOKEN.match(source, position)
            if match is None:  # a lone backslash at the very end
                break
            position = match.end()
            word, parameter, hex_byte, symbol, brace, text = match.groups()
            if text is not None:
                self._text_bytes(text.encode("latin-1"))
            elif hex_byte is not None:
                self._text_bytes(bytes([int(hex_byte, 16)]))
            else:
                self._flush()
                if word is not None:
                    value = int(parameter) if parameter is not None else None
                    if word == "bin":  # raw binary data follows: never text
                        position += max(value or 0, 0)
                        self.skip = 0
                    else:
                        self._control_word(word, value)
                elif symbol is not None:
                    self._control_symbol(symbol)
                elif brace == "{":
                    self._open_group()
                elif brace == "}":
                    self._close_group()
        self._flush()
        while self.stack:
            self._close_group()

    def _text_bytes(self, data: bytes) -> None:
        if self.skip:
            dropped = min(self.skip, len(data))
            self.skip -= dropped
            data = data[dropped:]
        self.ignorable = False
        self.pending += data

    def _flush(self) -> None:
        if self.pending:
            text = bytes(self.pending).decode(self._current_code_page(), errors="replace")
            self.pending.clear()
            self._text(text)

    def _current_code_page(self) -> str:
        font = self.state.font if self.state.font is not None else self.default_font
        return self.fonts.get(font, self.code_page) if font is not None else self.code_page

    # ------------------------------------------------------------- groups

    def _open_group(self) -> None:
        self.skip = 0
        self.ignorable = False
        if len(self.stack) >= _MAX_DEPTH:
            self.too_deep += 1
            return
        self.stack.append(self.state)
        self.state = replace(self.state, opened=None)
        if self.state.mode == _STYLES:
            self.state.opened = _StyleEntry()

    def _close_group(self) -> None:
        self.skip = 0
        self.ignorable = False
        if self.too_deep:
            self.too_deep -= 1
            return
        if not self.stack:
            return  # an unbalanced closing brace
        closing = self.state
        self.state = self.stack.pop()
        opened = closing.opened
        if isinstance(opened, _StyleEntry):
            self._register_style(opened)
        elif isinstance(opened, _Sink):
            self._finish_sink(opened)

    def _finish_sink(self, sink: _Sink) -> None:
        text = sink.text()
        if sink.kind == "footnote":  # numbered even when empty, so the numbers match the document's
            if sink.endnote:
                self.endnote_count += 1
                location = Location("endnote", self.endnote_count)
            else:
                self.footnote_count += 1
                location = Location("footnote", self.footnote_count)
            if text:
                self.notes.append(Segment(text, location))
        elif not text:
            return
        elif sink.kind == "textbox":  # read where the shape is anchored, on lines of its own
            self.state.sink.add("\n" + text + "\n", heading=False)
        else:
            segments = self.headers if sink.kind == "header" else self.footers
            if all(segment.text != text for segment in segments):
                segments.append(Segment(text, Location(sink.kind)))

    def _register_style(self, entry: _StyleEntry) -> None:
        name = "".join(entry.name).strip().rstrip(";").strip()
        if entry.paragraph and (name or entry.outline is not None):
            entry.name = [name]
            self.styles[entry.number] = entry

    def _open_sink(self, kind: str) -> None:
        sink = _Sink(kind)
        self.state.mode = _TEXT
        self.state.sink = sink
        self.state.opened = sink
        self.state.in_table = False
        self.state.outline = None
        self.state.style = 0

    # ------------------------------------------------------------- control words

    def _control_symbol(self, symbol: str) -> None:
        if self.skip:
            self.skip -= 1
            return
        if symbol == "*":
            self.ignorable = True
            return
        self.ignorable = False
        if symbol in "\r\n":
            self._control_word("par", None)
        elif symbol in _CONTROL_SYMBOLS:
            self._text(_CONTROL_SYMBOLS[symbol])

    def _control_word(self, word: str, value: int | None) -> None:
        ignorable, self.ignorable = self.ignorable, False
        if self.skip:
            self.skip -= 1
            return
        state = self.state
        if self._destination(word, ignorable):
            return
        if ignorable:  # {\*\unknown …}: a destination this reader does not know
            state.mode = _SKIP
            return
        mode = state.mode
        if mode == _SKIP:
            return
        if word == "nestrow" and mode == _NEST:
            state.sink.add("\n", heading=False)  # the end of a row of a table nested in a cell
        elif word == "u" and value is not None:  # in the body, a header, the title …
            self._unicode(value + 65536 if value < 0 else value)
            self.skip = state.uc
        elif word in _SPECIAL_CHARACTERS:
            self._text(_SPECIAL_CHARACTERS[word])
        elif mode == _FONTS:
            self._font_word(word, value)
        elif mode == _STYLES:
            self._style_word(word, value)
        elif mode in (_CREATED, _REVISED):
            if word in ("yr", "mo", "dy", "hr", "min") and value is not None:
                (self.creation if mode == _CREATED else self.revision)[word] = value
        else:
            self._formatting_word(word, value)
            if mode == _TEXT:
                self._text_word(word, value)

    def _destination(self, word: str, ignorable: bool) -> bool:
        """Handle a destination control word; False when ``word`` is none this reader knows."""
        state = self.state
        if state.mode == _SKIP:
            return word in _SKIPPED_DESTINATIONS or ignorable
        if word in _SKIPPED_DESTINATIONS:
            state.mode = _SKIP
        elif word == "fonttbl":
            state.mode = _FONTS
        elif word == "stylesheet":
            state.mode = _STYLES
        elif word == "info":
            state.mode = _INFO
        elif word == "title" and state.mode == _INFO:
            state.mode = _TITLE
        elif word == "creatim" and state.mode == _INFO:
            state.mode = _CREATED
        elif word == "revtim" and state.mode == _INFO:
            state.mode = _REVISED
        elif word == "revtim":  # a \revtim outside \info is no date of the document
            state.mode = _SKIP
        elif state.mode in (_INFO, _TITLE, _CREATED, _REVISED):
            if ignorable:
                state.mode = _SKIP
            return ignorable
        elif word in _HEADERS or word in _FOOTERS:
            self._open_sink("header" if word in _HEADERS else "footer")
        elif word == "footnote":
            self._open_sink("footnote")
        elif word == "ftnalt" and state.opened is not None and isinstance(state.opened, _Sink):
            state.opened.endnote = True
        elif word == "shptxt":
            self._open_sink("textbox")
        elif word == "shpinst":
            state.mode = _SHAPE  # only its text box (\shptxt) is text
        elif word == "upr":
            state.mode = _UPR  # the ANSI copy of a Unicode text: only its \ud part is read
        elif word == "ud" and state.mode == _UPR:
            state.mode = _TEXT
        elif word == "nesttableprops":
            state.mode = _NEST
        elif word in ("field", "fldrslt", "shp"):
            pass  # containers: a field's result and a shape's text box are read
        else:
            return False
        return True

    def _font_word(self, word: str, value: int | None) -> None:
        if word == "f":
            self.defining_font = value
        elif word == "fcharset" and self.defining_font is not None and value in _CHARSET_CODE_PAGES:
            self.fonts[self.defining_font] = _CHARSET_CODE_PAGES[value]
        elif word == "cpg" and self.defining_font is not None and value is not None:
            code_page = _code_page(value)
            if code_page is not None:
                self.fonts[self.defining_font] = code_page

    def _style_word(self, word: str, value: int | None) -> None:
        entry = self.state.opened
        if not isinstance(entry, _StyleEntry):
            return
        if word == "s":
            entry.number = value or 0
        elif word in ("cs", "ds", "ts", "tsrowd"):
            entry.paragraph = False
        elif word == "outlinelevel":
            entry.outline = value

    def _formatting_word(self, word: str, value: int | None) -> None:
        state = self.state
        if word == "pard":
            state.outline, state.style, state.in_table = None, 0, False
        elif word == "plain":
            state.hidden = state.deleted = False
            state.font = self.default_font
        elif word == "intbl":
            state.in_table = value != 0
        elif word == "outlinelevel":
            state.outline = value
        elif word == "s":
            state.style = value or 0
        elif word == "v":
            state.hidden = value != 0
        elif word == "deleted":
            state.deleted = value != 0
        elif word == "f":
            state.font = value
        elif word == "uc" and value is not None:
            state.uc = max(value, 0)
        elif word == "ansicpg" and value is not None:
            self.code_page = _code_page(value) or self.code_page
        elif word in ("mac", "pc", "pca"):
            self.code_page = {"mac": "mac_roman", "pc": "cp437", "pca": "cp850"}[word]
        elif word == "deff":
            self.default_font = value

    def _text_word(self, word: str, value: int | None) -> None:
        state = self.state
        sink = state.sink
        if word == "par":
            sink.paragraph(state.in_table, self._is_heading())
        elif word == "sect":
            sink.paragraph(state.in_table, self._is_heading(), only_if_text=True)
        elif word == "cell":
            sink.cell()
        elif word == "row":
            sink.row()

    def _unicode(self, code: int) -> None:
        if not 0 <= code <= 0x10FFFF:  # \uN is a signed 16-bit number: anything past Unicode is no character
            self.high_surrogate = None
            return
        if 0xD800 <= code < 0xDC00:
            self.high_surrogate = code
            return
        if 0xDC00 <= code < 0xE000 and self.high_surrogate is not None:
            code = 0x10000 + ((self.high_surrogate - 0xD800) << 10) + (code - 0xDC00)
        self.high_surrogate = None
        if 0xD800 <= code < 0xE000:
            return  # an unpaired surrogate is no character
        self._text(chr(code))

    # ------------------------------------------------------------- text

    def _text(self, text: str) -> None:
        state = self.state
        if state.mode == _TEXT:
            if not (state.hidden or state.deleted):
                state.sink.add(text, self._is_heading())
        elif state.mode == _TITLE:
            self.title.append(text)
        elif state.mode == _STYLES and isinstance(state.opened, _StyleEntry):
            state.opened.name.append(text)

    def _is_heading(self) -> bool:
        state = self.state
        if state.outline is not None and 0 <= state.outline <= 8:
            return True
        style = self.styles.get(state.style)
        if style is None:
            return False
        if style.outline is not None and 0 <= style.outline <= 8:
            return True
        return bool(_HEADING_STYLE.match("".join(style.name)))

    def created(self) -> dt.date | None:
        """``\\creatim``: a datetime with its hour and minute when given, else a date (None when invalid)."""
        return _rtf_moment(self.creation)

    def modified(self) -> dt.date | None:
        """``\\revtim``, like :meth:`created`."""
        return _rtf_moment(self.revision)


def _rtf_moment(parts: dict[str, int]) -> dt.date | None:
    try:
        day = dt.date(parts["yr"], parts["mo"], parts["dy"])
    except (KeyError, ValueError):
        return None
    if "hr" not in parts:
        return day
    try:
        return dt.datetime.combine(day, dt.time(parts["hr"], parts.get("min", 0)))
    except ValueError:
        return day


def _code_page(number: int) -> str | None:
    name = _CODE_PAGE_NAMES.get(number, f"cp{number}")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _body_segments(blocks: list[_Block]) -> list[Segment]:
    """Numbered paragraph (empty ones count) and table segments of the body."""
    segments: list[Segment] = []
    paragraphs = tables = 0
    for block in blocks:
        if block.kind == "table":
            tables += 1
            segments.append(Segment(block.text, Location("table", tables)))
            continue
        paragraphs += 1
        text = block.text.strip()
        if text:
            segments.append(Segment(text, Location("paragraph", paragraphs), heading=block.heading))
    return segments
