"""The names rule: a term inside a multi-word proper name is not talk.

"Riverside Public Library", "Friends of the Library", "Family Medical Leave Act":
a library's name is not the library talking about itself, and a law's name is not
talk about families.  A proper name, for this rule, is a run of two or more
capitalised words inside running text, possibly joined by "of", "the", "for",
"and" or "&" (at most two in a row: "Friends of the Library").  A hyphenated
compound is one word ("Customer-Focused"); a possessive belongs to the name
("Riverside Public Library's"); a name may wrap onto the next line of a paragraph.

It is not a name when

- its first word starts a sentence, a list item, a quotation or a line that does
  not continue the line before, and only one other capitalised word follows:
  a sentence-initial capital is not evidence of a name ("Library staff met",
  "Library Carpentry lessons began" alike: list such a name in the lexicon);
- its line, or the rest of its line after a label's colon, is a heading in Title
  Case: every word capitalised or a small word ("Library Services Review",
  "• Customer Service", "CUSTOMER SERVICE REPORT", "4.2 Update on the Library
  Budget", "Item 4: Library Services Review"), and the line does not continue a
  sentence from the line before (a line continues the one before when that one
  ends in a comma, or in a word that is neither a sentence end nor a heading:
  "Sincerely,⏎Riverside Public Library" is a name, a sign-off);
- the segment is a heading the format marks;

except that a heading or a letterhead still names an organisation: a run whose
last word is one organisations end in (Library, Trust, University, Consortium …)
and which holds a word of three or more letters that no word list knows, a place
or a family name ("CALLOWAY UNIVERSITY LIBRARY", "Friends of Pellow Green
Library"); "Library Services Review" and "Main Public Library" stay talk.

A table cell (text after a tab) starts afresh like a line, and no name runs on
from one cell into the next.

"I" is not a capitalised word for the rule ("the Library and I").  A lexicon can
also list its own names, matched case-sensitively (``[ignore] names``): those are
names wherever they stand, headings included, and win over a name the rule finds
where the two overlap.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from focuscount.nlp import CLITICS, Token

CONNECTORS = frozenset({"of", "the", "for", "and", "&"})
# The words organisations' names end in: with a word no word list knows before it, a name even in a heading.
ORGANISATION_WORDS = frozenset(
    {"library", "libraries", "association", "trust", "university", "college", "school", "schools", "council",
     "foundation", "society", "consortium", "institute", "museum", "hospital", "academy", "authority",
     "cooperative", "co-operative", "federation", "alliance", "union"}
)  # fmt: skip
MAX_CONNECTORS = 2  # "Friends of the Library": two connectors in a row
# Punctuation after which a word starts a sentence (or a list item, a quotation).
_SENTENCE_ENDS = frozenset({".", "!", "?", ":", ";", "…", "•", "-", "–", "—", "(", '"', "“", "‘", "*", "·", "▪", "◦"})
_HYPHENS = frozenset({"-", "‐", "‑"})
_NEWLINE = re.compile("\n")
# Characters that end a line as a sentence (or a label) ends, once closing quotes and brackets are set aside.
_LINE_ENDS = ".!?:;…"
_CLOSERS = "\"'”’)]"
# Marks that open a list item at the start of a line: an item never continues the line before.
_ITEM_MARKS = frozenset({"•", "-", "–", "—", "*", "·", "▪", "◦", "‣", ">"})
# Lower-case words a Title Case heading may hold besides the connectors ("Update on the Library Budget").
_SMALL_WORDS = frozenset(
    {"a", "an", "as", "at", "by", "from", "in", "into", "on", "onto", "or", "nor", "per", "to", "up", "via", "vs",
     "with"}
)  # fmt: skip
# Words that start a sentence without being part of the name after them ("At Riverside Public Library, …"):
# they stay in the name's span but not in the name reported.
_LEADING_WORDS = frozenset(
    {
        "the", "a", "an", "this", "that", "these", "those", "our", "my", "your", "their", "his", "her", "its",
        "at", "in", "on", "for", "from", "to", "with", "by", "of", "as", "after", "before", "during", "since",
        "when", "while", "if", "and", "but", "so", "then", "also", "both", "all", "each", "every", "many",
        "some", "new", "thanks", "thank", "dear", "via", "under", "per", "through", "about",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class NameSpan:
    """A proper name found in a token list: tokens ``[first, last)`` and the name as written."""

    first: int
    last: int
    text: str


def is_capitalised(token: Token) -> bool:
    """True for a word that starts with a capital letter (``Library``, ``ALA``, ``McNeil``), ``I`` aside."""
    return token.is_word and token.text[:1].isupper() and token.text != "I"


def find_names(
    tokens: Sequence[Token],
    text: str,
    start: int = 0,
    wraps: bool = True,
    unknown: Callable[[str], bool] | None = None,
    heading: bool = False,
) -> list[NameSpan]:
    """The proper names among ``tokens[start:]`` of ``text`` (see the module's docstring), in order.

    ``wraps`` says that a line of ``text`` may carry on the sentence of the line before
    (a paragraph of a text file or a PDF page); without it every line stands alone
    (the bullets of a slide), so no name wraps and every line starts afresh.
    ``unknown`` tells a word no word list knows (a place: "Calloway", "Alderbrook"):
    with it, a heading still names an organisation (see :func:`is_organisation`).
    ``heading`` says the whole text is a heading the format marks.
    """
    names: list[NameSpan] = []
    layout: _Layout | None = None  # built on the first capitalised word: most segments need little of it
    index = start
    count = len(tokens)
    while index < count:
        if not is_capitalised(tokens[index]):
            index += 1
            continue
        layout = layout or _Layout(tokens, text, wraps)
        last, capitals = _run(tokens, layout, index)
        initial = _sentence_initial(tokens, layout, index, start)
        if capitals >= 2:
            # A sentence-initial capital is no evidence of a name, nor is a heading's; an organisation's is.
            in_text = capitals - initial >= 2 and not heading and not _heading(tokens, layout, index, last)
            end = last if in_text else _organisation_end(tokens, index, last, unknown)
            if end is not None:
                names.append(NameSpan(index, end, _name_text(tokens, text, index, end, initial)))
        index = max(last, index + 1)
    return names


def is_organisation(tokens: Sequence[Token], first: int, last: int, unknown: Callable[[str], bool] | None) -> bool:
    """True when ``tokens[first:last]`` names an organisation even in a heading or a letterhead.

    Its last word is one organisations end in (Library, Trust, University …) and another of
    its words is one no word list knows, a place or a family name: "CALLOWAY UNIVERSITY
    LIBRARY", "Friends of Pellow Green Library"; not "Library Services Review" (no such last
    word) nor "Main Public Library" (every word known: talk, unless the lexicon lists it).
    """
    if unknown is None:
        return False
    words = [token for token in (tokens[index] for index in range(first, last)) if token.is_word]
    words = [token for token in words if not _is_connector(token)]
    while words and words[-1].lower in CLITICS:
        words.pop()
    if len(words) < 2 or words[-1].lower not in ORGANISATION_WORDS:
        return False
    # A place or a family name is letters only, three or more: "Q3 Library Budget" names nothing.
    return any(
        unknown(word.lower)
        for word in words[:-1]
        if word.lower not in ORGANISATION_WORDS and word.text.isalpha() and len(word.text) >= 3
    )


def _organisation_end(
    tokens: Sequence[Token], first: int, last: int, unknown: Callable[[str], bool] | None
) -> int | None:
    """Where the longest organisation's name from ``first`` ends inside the run ``[first, last)``, if any:
    "Calloway University Library" in the heading "Calloway University Library's Licensing Group"."""
    if unknown is None:
        return None
    for end in range(last, first + 1, -1):
        word = tokens[end - 1]
        if word.lower in CLITICS and end - 1 > first:
            word = tokens[end - 2]
        if word.is_word and word.lower in ORGANISATION_WORDS and is_organisation(tokens, first, end, unknown):
            return end
    return None


def merge_names(listed: Sequence[NameSpan], found: Sequence[NameSpan]) -> list[NameSpan]:
    """A lexicon's ``listed`` names and the names the rule ``found``, in order, none overlapping.

    A listed name wins an overlap, unless a name the rule found holds it whole: then the
    longer name stands ("Riverside Public Library", not the listed "Public Library").
    """
    if not listed:
        return list(found)
    dropped: set[int] = set()
    kept: list[NameSpan] = []
    for name in found:
        overlapping = [i for i, other in enumerate(listed) if other.first < name.last and name.first < other.last]
        if not overlapping:
            kept.append(name)
        elif all(name.first <= listed[i].first and listed[i].last <= name.last for i in overlapping):
            kept.append(name)
            dropped.update(overlapping)
    return sorted([*(n for i, n in enumerate(listed) if i not in dropped), *kept], key=lambda name: name.first)


def _name_text(tokens: Sequence[Token], text: str, first: int, last: int, initial: bool) -> str:
    """The name as reported: one space between words, without a leading "The" or possessive ending."""
    while last - 1 > first and tokens[last - 1].lower in CLITICS:
        last -= 1
    if initial and tokens[first].lower in _LEADING_WORDS:
        first += 1
    return " ".join(text[tokens[first].start : tokens[last - 1].end].split())


def _run(tokens: Sequence[Token], layout: _Layout, first: int) -> tuple[int, int]:
    """Where the run of capitalised words starting at ``first`` ends, and how many capitalised words it holds."""
    index, capitals, end = first, 0, first
    count = len(tokens)
    while index < count:
        token = tokens[index]
        if index > first and not layout.joinable(index):
            break
        if is_capitalised(token):
            capitals += 1
            index += 1
            # "Customer-Focused" is one word; "Library's": the clitic belongs to the name.
            while index + 1 < count and _hyphen_between(tokens, index) and is_capitalised(tokens[index + 1]):
                index += 2
            while index < count and _clitic_of_previous(tokens, index):
                index += 1
            end = index
            continue
        connectors = 0
        probe = index
        while probe < count and _is_connector(tokens[probe]) and (probe == index or layout.joinable(probe)):
            connectors += 1
            probe += 1
        if 0 < connectors <= MAX_CONNECTORS and probe < count and is_capitalised(tokens[probe]):
            if not layout.joinable(probe):
                break
            index = probe
            continue
        break
    return end, capitals


def _hyphen_between(tokens: Sequence[Token], index: int) -> bool:
    """True when ``tokens[index]`` is a hyphen touching the words either side ("Hartwell-Lee")."""
    token = tokens[index]
    return (
        token.text in _HYPHENS
        and tokens[index - 1].end == token.start
        and index + 1 < len(tokens)
        and tokens[index + 1].start == token.end
    )


def _clitic_of_previous(tokens: Sequence[Token], index: int) -> bool:
    return tokens[index].lower in CLITICS and tokens[index].start == tokens[index - 1].end


def _is_connector(token: Token) -> bool:
    """``of``, ``the``, ``for``, ``and`` in lower case, or ``&``: they may join the words of a name."""
    return token.text == "&" or (token.lower in CONNECTORS and token.text.islower())


def _sentence_initial(tokens: Sequence[Token], layout: _Layout, index: int, start: int) -> bool:
    """True when the word at ``index`` starts the text, a sentence, a list item, or a line that continues none."""
    if index <= start:
        return True
    if layout.line_of(index - 1) != layout.line_of(index):
        return not layout.continues(layout.line_of(index))
    previous = tokens[index - 1]
    if previous.text in _HYPHENS and _hyphen_between(tokens, index - 1):
        return False  # "Library-Community": a compound, not a list item
    if layout.cell_starts(index):
        return True
    return previous.text in _SENTENCE_ENDS or previous.text[-1:] in ".!?:;"


def _heading(tokens: Sequence[Token], layout: _Layout, first: int, last: int) -> bool:
    """True when the run ``[first, last)`` stands in a Title Case heading: its line, or the line after a colon."""
    line = layout.line_of(first)
    if layout.line_of(last - 1) != line:
        return False  # a name wrapped onto the next line sits in running text
    colon = layout.colon_before(first, line)
    if colon is not None:
        return layout.title_case_from(line, colon)  # "Item 4: Library Services Review"
    return layout.title_case_from(line, None) and not layout.continues(line)


def _title_case(tokens: Sequence[Token], first: int, last: int) -> bool:
    """True when the words of ``tokens[first:last]`` are capitalised, small words or numbers, one capitalised."""
    capitalised = False
    for index in range(first, last):  # not a slice: a one-line text of a million tokens would be copied per run
        token = tokens[index]
        if not token.is_word:
            continue
        if token.text[:1].isupper():
            capitalised = True
        elif not (_is_connector(token) or token.lower in _SMALL_WORDS or any(char.isdigit() for char in token.text)):
            return False
    return capitalised


class _Layout:
    """The lines of a text as token ranges, and which lines carry on the sentence of the line before."""

    __slots__ = ("_colons", "_continues", "_line_firsts", "_starts", "_text", "_title_case", "_tokens", "_wraps")

    def __init__(self, tokens: Sequence[Token], text: str, wraps: bool = True) -> None:
        self._tokens = tokens
        self._text = text
        self._wraps = wraps
        self._starts = [0] + [found.end() for found in _NEWLINE.finditer(text)]
        self._colons: dict[int, list[int]] = {}  # line → its colon tokens, found on first need
        self._title_case: dict[tuple[int, int | None], bool] = {}
        # The first token of each line (the token count when the line holds none).
        self._line_firsts: list[int] = []
        position = 0
        for line_start in self._starts:
            while position < len(tokens) and tokens[position].start < line_start:
                position += 1
            self._line_firsts.append(position)
        self._continues: list[bool] = []  # for lines 0, 1, …, worked out in order as far as asked

    def line_of(self, index: int) -> int:
        """The 0-based line of the token at ``index``."""
        return bisect.bisect_right(self._starts, self._tokens[index].start) - 1

    def tokens_of(self, line: int) -> tuple[int, int]:
        """The tokens ``[first, last)`` of ``line``."""
        last = self._line_firsts[line + 1] if line + 1 < len(self._line_firsts) else len(self._tokens)
        return self._line_firsts[line], last

    def colon_before(self, index: int, line: int) -> int | None:
        """The last ``:`` token of ``line`` before the token at ``index``, if any."""
        colons = self._colons.get(line)
        if colons is None:
            first, last = self.tokens_of(line)
            colons = self._colons[line] = [i for i in range(first, last) if self._tokens[i].text == ":"]
        position = bisect.bisect_left(colons, index)
        return colons[position - 1] if position else None

    def title_case_from(self, line: int, colon: int | None) -> bool:
        """True when ``line`` (or its part after the token ``colon``) is in Title Case (see :func:`_title_case`)."""
        key = (line, colon)
        known = self._title_case.get(key)
        if known is None:
            first, last = self.tokens_of(line)
            known = self._title_case[key] = _title_case(self._tokens, first if colon is None else colon + 1, last)
        return known

    def joinable(self, index: int) -> bool:
        """True when the token at ``index`` may carry on a name from the token before it (not across a cell)."""
        if self.cell_starts(index):
            return False
        line = self.line_of(index)
        return line == self.line_of(index - 1) or (self.line_of(index - 1) == line - 1 and self.continues(line))

    def cell_starts(self, index: int) -> bool:
        """True when a tab comes before the token at ``index``: it starts a table cell."""
        return "\t" in self._text[self._tokens[index - 1].end : self._tokens[index].start]

    def continues(self, line: int) -> bool:
        """True when ``line`` carries on the sentence of the line before (a wrapped paragraph, a sign-off)."""
        while len(self._continues) <= line:  # in order, never recursively: a text may hold a million lines
            self._continues.append(self._find_continues(len(self._continues)))
        return self._continues[line]

    def _find_continues(self, line: int) -> bool:
        """Whether ``line`` continues the line before; the lines before it are already worked out."""
        if line == 0 or not self._wraps:
            return False
        first, last = self.tokens_of(line)
        if first < last and self._tokens[first].text in _ITEM_MARKS:
            return False  # a list item starts afresh
        if first < last and _numbered(self._tokens[first]):
            return False
        before_first, before_last = self.tokens_of(line - 1)
        if before_first == before_last:
            return False  # a blank line: a new paragraph
        ending = self._text[self._tokens[before_first].start : self._tokens[before_last - 1].end].rstrip(_CLOSERS)
        if ending.endswith(","):
            return True  # "Sincerely," or a clause that wraps
        if ending[-1:] in _LINE_ENDS:
            return False
        # A Title Case line is a heading, unless it carries on a sentence itself ("…for the⏎Metropolitan Area⏎…").
        return self._continues[line - 1] or not self.title_case_from(line - 1, None)


def _numbered(token: Token) -> bool:
    """True for an item number at a line start: ``4.2``, ``3.``, ``12)``."""
    stripped = token.text.rstrip(".)")
    return bool(stripped) and all(char.isdigit() or char == "." for char in stripped)
