"""Markdown reader (.md, .markdown): the words a reader of the page sees, not the markup.

The source is parsed by markdown-it-py (CommonMark, with GitHub's tables and
strikethrough) and each block's text is put back on the source lines its token
map names, so segment locations keep the line numbers of the source file: a
removed line (markup only, a rule, a link definition, front matter) becomes an
empty line.  Inline markup joins rather than splits (``li**brar**y`` is
"library"); code (fenced, indented or inline) keeps its text; links and images
keep their text (an image its alt text) and lose their URL; an autolink, a bare
URL and a footnote reference are not words; a table row is its cells separated
by tabs; HTML keeps its inner text and loses its tags, comments, scripts and
styles; task-list boxes (``[x]``) are not words.  YAML (``---``) or TOML
(``+++``) front matter is not text; its ``title`` is a fallback title.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from focuscount.limits import DEFAULT_LIMITS, ReadLimits
from focuscount.model import Document, Segment
from focuscount.readers._textblocks import clean_title, decode_text, first_line_title, paragraph_segments, read_bytes

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

_FRONT_MATTER_CLOSERS: dict[str, tuple[str, ...]] = {"---": ("---", "..."), "+++": ("+++",)}
_FRONT_MATTER_KEY = re.compile(r"^[\w-]+\s*[:=]")
_FRONT_MATTER_TITLE = re.compile(r"^title\s*[:=]\s*(.*?)\s*$", re.IGNORECASE)

# Containers (block quotes, lists) nested deeper than this are not parsed by markdown-it: their
# lines are read by _overflow_line instead, so no text is lost and the parser's recursion stays shallow.
_MAX_NESTING = 20
# Looking for a link's closing bracket scans on to the end of the paragraph from every "[": a paragraph
# whose brackets would cost more than this many characters of scanning is read without links.
_MAX_BRACKET_SCAN = 200_000
_BRACKETS = re.compile(r"\\.|[\[\]]")
# The characters that start an inline rule: a paragraph without any is its lines, spaces trimmed.
_INLINE_MARKUP = re.compile(r"[\\`*_~\[!<&]")

_TASK_BOX = re.compile(r"^\[[ xX]\][ \t]+")
_FOOTNOTE_DEFINITION = re.compile(r"^\[\^[^\[\]]+\]:[ \t]?")
_FOOTNOTE_REFERENCE = re.compile(r"\[\^[^\[\]]+\]")
_BARE_URL = re.compile(r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>]*[^\s<>.,;:!?'\")\]]")
_CONTAINER_MARKERS = re.compile(r"^(?:[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))*[ \t]*")

# HTML: tags that sit inside words ("<b>li</b>brary") vanish; any other tag may separate words.
_INLINE_TAGS = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i"})
_INLINE_TAGS |= {"ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup"}
_INLINE_TAGS |= {"time", "u", "var", "wbr"}
_HIDDEN_TAGS = frozenset({"script", "style", "template", "noscript", "svg", "textarea", "title"})
_MARKUP = re.compile(r"<!--|<[!?]|<(/?)([A-Za-z][A-Za-z0-9-]*)")


def read(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> Document:
    """Read a Markdown file: its words in line-based segments located by source line.

    Headings are segments of their own, marked with their level.  The title is the
    first heading, else the front matter's ``title``, else the first line of text.
    """
    path = Path(path)
    page = _render(decode_text(read_bytes(path, limits), path))
    return Document(
        path=path,
        format="md",
        segments=tuple(_segments(page)),
        title=page.title or page.front_matter_title or first_line_title(page.text),
    )


def strip_markdown(source: str) -> tuple[str, str | None, str | None]:
    """``source`` without its markup, line for line; with its first heading and front-matter title.

    The result has exactly as many lines as ``source``.
    """
    page = _render(source)
    return page.text, page.title, page.front_matter_title


def strip_inline(text: str) -> str:
    """The words of one paragraph's inline Markdown (``**bold**`` → ``bold``, a link → its text)."""
    return "\n".join(_token_lines(_parser(True).parseInline(text)[0]))


# ----------------------------------------------------------------- parsing


@cache
def _parser(links: bool) -> MarkdownIt:
    """CommonMark with tables and strikethrough; ``links=False`` reads brackets as plain text."""
    from markdown_it import MarkdownIt  # imported when a file is read: `focuscount --help` stays quick

    parser = MarkdownIt("commonmark", {"maxNesting": _MAX_NESTING}).enable(["table", "strikethrough"])
    if not links:
        parser.disable(["link", "image"])
    parser.core.ruler.at("inline", _parse_inline)
    return parser


def _parse_inline(state: StateCore) -> None:
    """markdown-it's inline stage, with a paragraph of runaway brackets parsed without links."""
    for token in state.tokens:
        if token.type == "inline" and _INLINE_MARKUP.search(token.content) is None:
            token.children = []
            token.meta["plain"] = True  # no need to run the inline rules (most paragraphs of minutes)
        elif token.type == "inline":
            parser = _parser(_bracket_scan(token.content) <= _MAX_BRACKET_SCAN)
            token.children = []
            parser.inline.parse(token.content, parser, state.env, token.children)


def _bracket_scan(text: str) -> int:
    """About how many characters markdown-it scans looking for the ends of the link labels in ``text``."""
    if text.count("[") < 64:
        return 0
    opened: list[int] = []
    scan = 0
    for match in _BRACKETS.finditer(text):
        if match[0] == "[":
            opened.append(match.start())
        elif match[0] == "]" and opened:
            scan += match.start() - opened.pop()
    return scan + sum(len(text) - start for start in opened)


@dataclass
class _Page:
    """A Markdown source rendered line for line: the text of each line, and where its headings are."""

    lines: list[str]
    headings: dict[int, tuple[int, int]] = field(default_factory=dict)  # line (from 1) → (first line, level)
    title: str | None = None
    front_matter_title: str | None = None

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _render(source: str) -> _Page:
    """``source`` parsed, and each block's text put on the lines its token map names.

    A paragraph is given one line of text for each of its source lines; a code
    span or link title running over a line end is the one exception (its line end
    becomes a space, so the paragraph's later lines land one line early).
    """
    source_lines = source.split("\n")
    start, front_matter_title = _front_matter(source_lines)
    page = _Page([""] * len(source_lines), front_matter_title=front_matter_title)
    # Front matter becomes blank lines: the parser's line numbers stay those of the file.
    tokens = _parser(True).parse("\n" * start + "\n".join(source_lines[start:]))
    level = 0
    row: list[str] = []
    task_item = False
    for index, token in enumerate(tokens):
        kind, lines = token.type, token.map
        if token.nesting == 1 and lines is not None and _too_deep(token, tokens[index + 1]):
            for number in range(lines[0], lines[1]):
                page.lines[number] = _overflow_line(source_lines[number])
        elif kind == "heading_open":
            level = int(token.tag[1])
        elif kind == "list_item_open":
            task_item = True
        elif kind == "tr_open":
            row = []
        elif kind == "inline" and lines is not None:
            text = _token_lines(token, task_box=task_item)
            task_item = False
            if tokens[index - 1].type in ("th_open", "td_open"):
                row.append(" ".join(" ".join(text).split()))
                page.lines[lines[0]] = "\t".join(row).rstrip("\t")
            else:
                _place(page, lines[0], text)
                if level:
                    _mark_heading(page, lines[0], len(text), level)
        elif kind == "heading_close":
            level = 0
        elif kind in ("fence", "code_block") and lines is not None:
            first = lines[0] + (kind == "fence")  # a fence's own line holds no code
            _place(page, first, token.content.split("\n")[: lines[1] - first])
        elif kind == "html_block" and lines is not None:
            _place(page, lines[0], _html_text(token.content).split("\n")[: lines[1] - lines[0]])
    return page


def _too_deep(opening: Token, following: Token) -> bool:
    """True when markdown-it left the container ``opening`` empty because it is nested too deep."""
    return opening.level + 1 >= _MAX_NESTING and following.nesting == -1


def _place(page: _Page, first: int, lines: Sequence[str]) -> None:
    """Put a block's ``lines`` on the page from line index ``first`` on."""
    for number, line in enumerate(lines, start=first):
        if number < len(page.lines):
            page.lines[number] = line


def _mark_heading(page: _Page, first: int, count: int, level: int) -> None:
    for number in range(first + 1, first + count + 1):
        page.headings[number] = (first + 1, level)
    if page.title is None:
        page.title = clean_title(" ".join(page.lines[first : first + count]))


def _overflow_line(line: str) -> str:
    """A line markdown-it left unparsed (nested too deep): without its quote and list markers."""
    return strip_inline(_CONTAINER_MARKERS.sub("", line, count=1))


def _token_lines(token: Token, task_box: bool = False) -> list[str]:
    """The lines of an inline token (a paragraph, heading or cell): one for each of its source lines."""
    if token.meta.get("plain"):
        return [line.strip(" \t") for line in token.content.split("\n")]
    return _inline_lines(token.children or [], task_box)


def _inline_lines(children: list[Token], task_box: bool = False) -> list[str]:
    """The lines of a paragraph's inline tokens: one for each of its source lines."""
    lines: list[str] = []
    current: list[str] = []
    hidden: str | None = None  # the tag of an inline <script>, <style> … whose content is not text
    in_autolink = False
    for index, token in enumerate(children):
        kind = token.type
        if kind in ("softbreak", "hardbreak"):
            lines.append("".join(current))
            current = []
        elif kind == "html_inline":
            name, closing = _tag_name(token.content)
            if hidden is not None:
                hidden = None if closing and name == hidden else hidden
            elif not closing and name in _HIDDEN_TAGS:
                hidden = name
            pieces = _html_text(token.content).split("\n")
            current.append(pieces[0])
            for piece in pieces[1:]:
                lines.append("".join(current))
                current = [piece]
        elif hidden is not None:
            continue
        elif kind in ("link_open", "link_close") and token.markup == "autolink":
            in_autolink = kind == "link_open"  # an autolink's text is its URL: not words
        elif in_autolink:
            continue
        elif kind == "text":
            text = token.content
            if index == 0 and task_box:
                text = _TASK_BOX.sub("", text, count=1)
            if index == 0 and not lines:
                text = _FOOTNOTE_DEFINITION.sub("", text, count=1)
            text = _BARE_URL.sub("", _FOOTNOTE_REFERENCE.sub("", text))
            current.append(text)
        elif kind == "code_inline":
            current.append(token.content)
        elif kind == "image":
            current.append(" ".join(_inline_lines(token.children or [])))
    lines.append("".join(current))
    return lines


# ----------------------------------------------------------------- HTML inside Markdown


def _tag_name(markup: str) -> tuple[str, bool]:
    """The lower-case name of the tag ``markup`` starts with ("" for a comment) and whether it closes."""
    match = _MARKUP.match(markup)
    if match is None or match[2] is None:
        return "", False
    return match[2].lower(), bool(match[1])


def _html_text(markup: str) -> str:
    """The text of HTML in Markdown, line for line: tags, comments and scripts removed, entities decoded.

    An inline tag vanishes and any other leaves a space.  One pass, each piece of
    markup looked at once (an unclosed comment or tag runs to the end of the block).
    """
    parts: list[str] = []
    position = 0
    while (match := _MARKUP.search(markup, position)) is not None:
        parts.append(markup[position : match.start()])
        end = markup.find("-->" if match[0] == "<!--" else ">", match.end())
        stop = len(markup) if end < 0 else end + (3 if match[0] == "<!--" else 1)
        name = (match[2] or "").lower()
        if name in _HIDDEN_TAGS and not match[1]:
            close = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(markup, stop)
            stop = len(markup) if close is None else close.end()
        parts.append("" if match[2] is None or name in _INLINE_TAGS else " ")
        parts.append("\n" * markup.count("\n", match.start(), stop))  # lines inside markup stay lines
        position = stop
    parts.append(markup[position:])
    return html.unescape("".join(parts))


# ----------------------------------------------------------------- segments


def _segments(page: _Page) -> Iterator[Segment]:
    """Blocks of non-blank lines located at their first line; each heading a segment with its level."""
    previous: Segment | None = None
    previous_heading = 0
    for segment in paragraph_segments(page.text, frozenset(page.headings)):
        first, level = page.headings.get(segment.location.line or 0, (0, 0))
        if not segment.heading:
            first = 0
        if previous is not None and first and first == previous_heading and _next_line(previous, segment):
            previous = replace(previous, text=previous.text + "\n" + segment.text)  # one heading, many lines
            continue
        if previous is not None:
            yield previous
        previous, previous_heading = (replace(segment, level=level) if first else segment), first
    if previous is not None:
        yield previous


def _next_line(segment: Segment, following: Segment) -> bool:
    line, next_line = segment.location.line, following.location.line
    return line is not None and next_line == line + segment.text.count("\n") + 1


# ----------------------------------------------------------------- front matter


def _front_matter(lines: list[str]) -> tuple[int, str | None]:
    """(index of the first line after the front matter, its title); (0, None) when there is none."""
    closers = _FRONT_MATTER_CLOSERS.get(lines[0].rstrip()) if lines else None
    if closers is None:
        return 0, None
    first_entry = next((line for line in lines[1:] if line.strip()), "")
    if not _FRONT_MATTER_KEY.match(first_entry) and first_entry.rstrip() not in closers:
        return 0, None  # a horizontal rule at the top, not front matter
    for index in range(1, len(lines)):
        if lines[index].rstrip() in closers:
            return index + 1, _front_matter_title(lines[1:index])
    return 0, None


def _front_matter_title(entries: list[str]) -> str | None:
    for entry in entries:
        match = _FRONT_MATTER_TITLE.match(entry)
        if match:
            value = match.group(1)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            if value in ("|", ">", "|-", ">-"):
                return None  # a multi-line YAML scalar: rare in a title, not worth a YAML parser
            return clean_title(value)
    return None
