"""Text from file names and documents made safe for each output channel, one function per channel.

A file name or a document can hold anything: newlines that forge output lines,
escape sequences that clear a terminal or set its title, bidi overrides that
reverse what a line seems to say, bytes that are not UTF-8, and text that CI
systems, Markdown, spreadsheets or XML parsers read as commands.  Every renderer
passes each such text through the function for its channel:

- :func:`visible` — the base of all the others: control characters (C0, DEL,
  C1), the line and paragraph separators U+2028/U+2029 and the bidirectional
  controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) are spelled
  as Python writes them: ``\\t`` ``\\n`` ``\\r``, ``\\xNN`` below U+0100,
  ``\\uNNNN`` above.  A byte of a file name that is not valid UTF-8 (on POSIX a
  surrogate escape such as ``'\\udce9'``) is shown as ``\\xNN``, the byte itself;
  any other lone surrogate as ``\\udNNN``.  A backslash is left as it is: the
  escapes are for reading, not for parsing back, Windows paths stay readable,
  and escaping twice changes nothing (so layers can never double-escape).
- :func:`for_terminal` (terminal, stderr, tables, the ``text`` and ``line``
  formats) and :func:`display_path`: :func:`visible`, and GitHub workflow
  commands defused — a text starting with ``::`` shows its first colon as
  ``\\x3a``, and ``##[`` (the legacy command prefix, honoured anywhere in a
  line) is shown as ``##\\x5b``.  :func:`for_ci_log` does the same over whole
  lines of a finished output, for texts that only meet at the start of a line.
- :func:`for_github_message`, :func:`for_github_property`: the workflow-command
  encodings (``%`` ``\\r`` ``\\n``, and ``:`` ``,`` in properties) over :func:`for_terminal`.
- :func:`for_markdown`: :func:`for_terminal`, then ``\\ ` * [ ] | ~ $`` and a
  ``_`` that could start emphasis are backslash-escaped, ``& < >`` become
  entities, and a leading ``#``, ``-``, ``+`` or ``1.`` cannot start a block.
- :func:`for_csv_cell`: :func:`for_terminal`, then a text cell starting with
  ``= + - @``, a tab or a carriage return gets a leading ``'`` (OWASP CSV
  injection); a value that is not text (a number focuscount writes) passes unchanged, so it stays a number.
- :func:`for_xml` (JUnit) and :func:`for_chart` (SVG, PNG, PDF): :func:`visible`, and U+FFFE/U+FFFF
  (which XML 1.0 forbids) shown as ``\\ufffe``/``\\uffff``.
- :func:`for_html`: :func:`visible`, then HTML-escaped.
- :func:`dumps_json`: JSON escapes are lossless, so texts keep their characters;
  only undecodable bytes become ``\\xNN`` text, and characters a terminal would
  act on are written as ``\\uNNNN`` escapes (the parsed value is unchanged).
"""

from __future__ import annotations

import html
import json
import os
import re

_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
_SURROGATE = re.compile("[\ud800-\udfff]")
_NONCHARACTER = re.compile("[\ufffe\uffff]")
# What json.dumps(ensure_ascii=False) leaves raw that a terminal would act on (it escapes C0 itself).
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

# GitHub runs a line as a workflow command when it starts with "::" after white space,
# and (legacy syntax) when it holds "##[" anywhere.
_LEADING_COMMAND = re.compile(r"^([^\S\n]*):(?=:)", re.MULTILINE)
_LEGACY_COMMAND = "##["
_CI_SPELLINGS = {
    "text": ("\\x3a", "##\\x5b"),
    "markup": ("&#58;", "##&#91;"),  # HTML and XML character references
    "json": ("\\u003a", "##\\u005b"),  # JSON string escapes
}

_MARKDOWN_PUNCTUATION = re.compile(r"[\\`*\[\]|~$]")
_EMPHASIS_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")  # intraword underscores never start emphasis
_LEADING_BLOCK = re.compile(r"^(\s*)([#+-])|^(\s*\d{1,9})([.)])(?=\s|$)")

_CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _spell(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for the undecodable byte code - 0xDC00
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with control, separator and bidi characters and undecodable bytes spelled as escapes."""
    return _INVISIBLE.sub(_spell, text)


def for_terminal(text: str) -> str:
    """``text`` fit for a terminal or a line-based output: :func:`visible`, and no workflow command."""
    text = _LEADING_COMMAND.sub(r"\1\\x3a", visible(text), count=1)
    return text.replace(_LEGACY_COMMAND, _CI_SPELLINGS["text"][1])


def display_path(path: str | bytes | os.PathLike[str] | os.PathLike[bytes]) -> str:
    """A file name as every text output shows it, e.g. ``minutes-caf\\xe9.txt`` for a Latin-1 name."""
    return for_terminal(os.fsdecode(path))


def for_ci_log(output: str, syntax: str = "text") -> str:
    """A finished output with no line a CI system would run as a workflow command.

    ``syntax`` says how to spell the defused characters: ``text`` (``\\x3a``,
    ``\\x5b``), ``markup`` (HTML/XML character references) or ``json`` (string escapes).
    """
    colon, legacy = _CI_SPELLINGS[syntax]
    output = _LEADING_COMMAND.sub(lambda match: match.group(1) + colon, output)
    return output.replace(_LEGACY_COMMAND, legacy)


def for_github_message(text: str) -> str:
    """The message part of a GitHub workflow command (after the second ``::``)."""
    return for_terminal(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def for_github_property(text: str) -> str:
    """A property value of a GitHub workflow command (``file=…``, ``title=…``)."""
    return for_github_message(text).replace(":", "%3A").replace(",", "%2C")


def for_markdown(text: str) -> str:
    """``text`` as literal inline Markdown: a table cell, a list item or part of a heading."""
    text = _MARKDOWN_PUNCTUATION.sub(r"\\\g<0>", for_terminal(text))
    text = _EMPHASIS_UNDERSCORE.sub(r"\\_", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _LEADING_BLOCK.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(2) else f"{m[3]}\\{m[4]}", text)


def for_csv_cell(value: object) -> object:
    """A CSV cell: text is made one line and cannot start a spreadsheet formula; other values pass as they are."""
    if not isinstance(value, str):
        return value
    text = for_terminal(value)
    return "'" + text if text.startswith(_CSV_FORMULA_START) else text


def for_xml(text: str) -> str:
    """``text`` holding only characters XML 1.0 allows (JUnit reports, SVG charts)."""
    return _NONCHARACTER.sub(_spell, visible(text))


def for_chart(text: str) -> str:
    """Text drawn on a chart: one line, and only characters an SVG file may hold.

    ``$`` needs nothing here: charts are drawn with ``text.parse_math`` off, so no text is read as TeX.
    """
    return for_xml(text)


def for_html(text: str) -> str:
    """``text`` as HTML text or attribute value."""
    return html.escape(visible(text), quote=True)


def dumps_json(data: object, indent: int | None = 2) -> str:
    """``data`` as JSON text that any encoder can write and any terminal can show.

    Strings keep their characters (JSON's own escapes are lossless); a lone
    surrogate, which no JSON text may hold, is spelled as by :func:`visible`.
    """
    text = json.dumps(data, indent=indent, ensure_ascii=False)
    if _SURROGATE.search(text):  # rare: only then is every string walked and spelled
        text = json.dumps(_decodable(data), indent=indent, ensure_ascii=False)
    text = _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
    return for_ci_log(text, "json")


def _decodable(value: object) -> object:
    if isinstance(value, str):
        return _SURROGATE.sub(_spell, value)
    if isinstance(value, dict):
        return {_decodable(key): _decodable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_decodable(item) for item in value]
    return value
