"""Database search strings quoted in minutes are not talk: ``("child*" OR "adolescen*") AND literacy``.

A liaison librarian's report may quote the search it ran; the words in it name
search terms, not people the library serves.  A search string, for this rule, is
a run of operands joined by Boolean operators written in capitals (AND, OR, NOT,
NEAR/3, W/5, ADJ2), where an operand is a word (possibly truncated with ``*``), a
quoted phrase or a bracketed group, and the run holds a quote, a truncation mark
or a bracketed group with an operator of its own; a quoted phrase with a truncation mark (``"child*"``) is one on
its own.  "Patrons AND staff" in capitals without any of those marks is prose.
"""

from __future__ import annotations

import re

_OPERATOR = r"(?:AND\s+NOT|AND|OR|NOT|NEAR/\d+|W/\d+|ADJ\d*)"
_OPERAND = r"(?:\"[^\"\n]{1,80}\"|“[^”\n]{1,80}”|\([^()\n]{1,200}\)|[^\W\d_][\w'’-]*\*?)"
_SEARCH = re.compile(rf"{_OPERAND}(?:\s+{_OPERATOR}\s+{_OPERAND})+|\"[^\"\n]*\w\*[^\"\n]*\"|“[^”\n]*\w\*[^”\n]*”")
_MARKS = frozenset('"“”*')
_GROUPED = re.compile(rf"\([^()]*\s{_OPERATOR}\s")  # a bracketed group that holds an operator itself
# Cheap test before the expression runs: almost no segment holds a search string.
_MAYBE = re.compile(r"\b(?:AND|OR|NOT|NEAR/\d+|W/\d+|ADJ\d*)\b|\w\*")


def search_string_spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` character spans of the search strings in ``text``, in order."""
    if not _MAYBE.search(text):
        return []
    return [
        match.span()
        for match in _SEARCH.finditer(text)
        if _MARKS.intersection(match.group(0)) or _GROUPED.search(match.group(0))
    ]


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when ``[start, end)`` overlaps one of ``spans``."""
    return any(first < end and start < last for first, last in spans)
