"""Markdown reader (.md, .markdown): the words a reader of the page sees, not the markup.

The source is transformed line by line and a removed line becomes an empty
line, so segment locations keep the line numbers of the source file.  Code
(fenced or inline) keeps its text, links keep their text and lose their URL,
HTML keeps its inner text and loses its tags.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from focuscount.limits import DEFAULT_LIMITS, ReadLimits
from focuscount.model import Document
from focuscount.readers._structure import apply_structure
from focuscount.readers._textblocks import (
    clean_title,
    decode_text,
    first_line_title,
    paragraph_segments,
    read_bytes,
)

# ---- block level (whole lines)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_FRONT_MATTER_CLOSERS: dict[str, tuple[str, ...]] = {"---": ("---", "..."), "+++": ("+++",)}
_FRONT_MATTER_KEY = re.compile(r"^[\w-]+\s*[:=]")
_FRONT_MATTER_TITLE = re.compile(r"^title\s*[:=]\s*(.*?)\s*$", re.IGNORECASE)
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_HORIZONTAL_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
# Each cell is matched atomically ((?>…), [ \t]*+): without that, "|------------------------ x" backtracks
# through every way of cutting the dashes into cells, exponentially.
_TABLE_SEPARATOR = re.compile(r"^[ \t]*+\|?(?>[ \t]*:?-+:?[ \t]*\|?)+[ \t]*$")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:[ \t]*\S")
_FOOTNOTE_DEFINITION = re.compile(r"^ {0,3}\[\^[^\]]+\]:[ \t]?")
_BLOCKQUOTE = re.compile(r"^ {0,3}>[ \t]?(?:[ \t]*>[ \t]?)*")
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")  # its closing #s are cut in code: see _atx_heading
_LIST_MARKER = re.compile(r"^([ \t]*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)(?:\[[ xX]\][ \t]+)?")

# ---- inline (inside a line)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_ESCAPED = re.compile("[\ue000-\ue07f]")
# A link destination: no spaces, one level of balanced parentheses, an optional title.
_DESTINATION = r"(?:[^()\s]|\([^()\s]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*"
# Bracketed text holds no "[" (the innermost brackets win, as in CommonMark): a line of many "[" is
# searched in linear time, not scanned to its end from every bracket.
_IMAGE = re.compile(r"!\[([^\[\]]*)\]\(" + _DESTINATION + r"\)")
_LINK = re.compile(r"\[([^\[\]]*)\]\(" + _DESTINATION + r"\)")
_REFERENCE_LINK = re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]")
_FOOTNOTE_REFERENCE = re.compile(r"\[\^[^\[\]]+\]")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s]+)>")
_HTML_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>")
_BARE_URL = re.compile(r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>]*[^\s<>.,;:!?'\")\]]")
_EMPHASIS = re.compile(r"[*_]+")
_STRIKETHROUGH = re.compile(r"~~")
_PIPE = re.compile(r"\|")

# Tags that sit inside words ("<b>li</b>brary") vanish; any other tag may separate words.
_INLINE_TAGS = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i"})
_INLINE_TAGS |= {"ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup"}
_INLINE_TAGS |= {"time", "u", "var"}


def read(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> Document:
    """Read a Markdown file: its words in paragraph segments located by source line.

    The title is the first heading, else the front matter's ``title``, else the
    first line of text.
    """
    path = Path(path)
    source = decode_text(read_bytes(path, limits), path)
    text, heading, front_matter_title, heading_lines = _strip(source)
    return Document(
        path=path,
        format="md",
        segments=apply_structure(paragraph_segments(text, heading_lines)),
        title=heading or front_matter_title or first_line_title(text),
    )


def strip_markdown(source: str) -> tuple[str, str | None, str | None]:
    """``source`` without its markup, line for line; with its first heading and front-matter title.

    The result has exactly as many lines as ``source``.
    """
    text, heading, front_matter_title, _ = _strip(source)
    return text, heading, front_matter_title


def _strip(source: str) -> tuple[str, str | None, str | None, frozenset[int]]:
    """:func:`strip_markdown`, and the (1-based) numbers of the lines that are headings."""
    headings: set[int] = set()
    lines = source.split("\n")
    out = [""] * len(lines)
    start, front_matter_title = _front_matter(lines)
    heading: str | None = None
    fence: str | None = None
    in_comment = False
    for index in range(start, len(lines)):
        line = lines[index]
        if fence is not None:
            if _closes_fence(line, fence):
                fence = None
            else:
                out[index] = line  # code is kept as it is: its words are on the page
            continue
        opening = _FENCE.match(line)
        if opening and not (opening.group(1)[0] == "`" and "`" in opening.group(2)):
            fence = opening.group(1)
            continue
        line, in_comment = _strip_comments(line, in_comment)
        if not line.strip():
            continue
        if _SETEXT_UNDERLINE.match(line):
            # The line above is a heading ("Title" / "=====") or this is a rule: no words either way.
            if index > start and out[index - 1].strip():
                headings.add(index)  # line index - 1, counted from 1
                if heading is None:
                    heading = clean_title(out[index - 1])
            continue
        out[index], is_heading = _strip_line(line)
        if is_heading:
            headings.add(index + 1)
            if heading is None:
                heading = clean_title(out[index])
    return "\n".join(out), heading, front_matter_title, frozenset(headings)


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


def _closes_fence(line: str, fence: str) -> bool:
    stripped = line.strip()
    indent = len(line) - len(line.lstrip(" "))
    return indent <= 3 and len(stripped) >= len(fence) and set(stripped) == {fence[0]}


def _strip_comments(line: str, in_comment: bool) -> tuple[str, bool]:
    """``line`` without HTML comments, which may span lines; and whether one is still open."""
    kept: list[str] = []
    position = 0
    while True:
        if in_comment:
            end = line.find("-->", position)
            if end < 0:
                return "".join(kept), True
            position, in_comment = end + 3, False
        else:
            start = line.find("<!--", position)
            if start < 0:
                kept.append(line[position:])
                return "".join(kept), False
            kept.append(line[position:start])
            position, in_comment = start + 4, True


def _strip_line(line: str) -> tuple[str, bool]:
    """One non-fence line without its block and inline markup; and whether it is a heading."""
    if _REFERENCE_DEFINITION.match(line) or _HORIZONTAL_RULE.match(line):
        return "", False
    if "|" in line and "-" in line and _TABLE_SEPARATOR.match(line):
        return "", False
    line = _FOOTNOTE_DEFINITION.sub("", line, count=1)
    line = _BLOCKQUOTE.sub("", line, count=1)
    heading = _atx_heading(line)
    if heading is not None:
        return strip_inline(heading), True
    line = _LIST_MARKER.sub(r"\1", line, count=1)
    return strip_inline(line), False


def _atx_heading(line: str) -> str | None:
    """The text of an ATX heading line (``## Budget ##`` → ``Budget``), or None for another line."""
    opening = _ATX_HEADING.match(line)
    if opening is None:
        return None
    text = line[opening.end() :].strip(" \t")
    unclosed = text.rstrip("#")
    if unclosed != text and (not unclosed or unclosed[-1] in " \t"):  # a closing sequence of #s
        text = unclosed.rstrip(" \t")
    return text


def strip_inline(text: str) -> str:
    """``text`` without inline markup; code spans keep their content untouched."""
    parts: list[str] = []
    position = 0
    for code in _CODE_SPAN.finditer(text):
        parts.append(_strip_inline_markup(text[position : code.start()]))
        parts.append(code.group(2))
        position = code.end()
    parts.append(_strip_inline_markup(text[position:]))
    return "".join(parts)


def _strip_inline_markup(text: str) -> str:
    # Escaped punctuation ("\*") is literal text: hide it from the rules below.
    text = _ESCAPE.sub(lambda m: chr(0xE000 + ord(m.group(1))), text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _REFERENCE_LINK.sub(r"\1", text)
    text = _FOOTNOTE_REFERENCE.sub("", text)
    text = _AUTOLINK.sub("", text)
    text = _HTML_TAG.sub(_replace_tag, text)
    text = _BARE_URL.sub("", text)  # before emphasis: URLs are full of underscores
    text = _EMPHASIS.sub(_drop_emphasis, text)
    text = _STRIKETHROUGH.sub("", text)
    text = _PIPE.sub(" ", text)
    text = _ESCAPED.sub(lambda m: chr(ord(m.group(0)) - 0xE000), text)
    return html.unescape(text)


def _replace_tag(match: re.Match[str]) -> str:
    return "" if match.group(1).lower() in _INLINE_TAGS else " "


def _drop_emphasis(match: re.Match[str]) -> str:
    """Remove a run of ``*``/``_`` unless it sits inside a word (``snake_case``, ``2*3``)."""
    text, start, end = match.string, match.start(), match.end()
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return match.group(0) if before.isalnum() and after.isalnum() else ""
