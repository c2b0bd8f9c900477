"""Text hygiene, the same for every format: run once on each segment after reading.

- NFKC, so ligatures (ﬀ ﬂ ﬁ), full-width letters and the like match in every format;
- zero-width spaces and joiners (U+200B, U+200C, U+200D, U+2060, U+FEFF) become
  word boundaries (a space), and soft hyphens vanish;
- a word hyphenated at a line end is joined again only when the joined word is a
  known word ("li-/brary" → library); otherwise the hyphen stays and the two lines
  become one hyphenated word ("Librarian-/created" → Librarian-created).  Either way
  the rest of the second line stays on its line, so line numbers do not move.

Punctuation glued to a word ("clients-", "•Client", "→users", "(patrons)") is split
off by the tokenizer (see :mod:`focuscount.nlp`), so it never hides a word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace

from focuscount.model import Segment

KnownWord = Callable[[str], bool]

# Zero-width characters that separate words in some PDFs; each becomes one space
# (same length: nothing after it moves).
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u180e]")
_SOFT_HYPHEN = "\u00ad"
_SOFT_HYPHEN_AT_LINE_END = re.compile("\u00ad(?=[ \t]*\n)")
# A word, a hyphen ending the line, then the first word of the next line.
_LINE_END_HYPHEN = re.compile(r"(?P<left>[^\W\d_]+)[-\u2010][ \t]*\n[ \t]*(?P<right>[^\W\d_][\w'’]*)")


def clean_text(text: str, known_word: KnownWord | None = None) -> str:
    """``text`` after hygiene (see the module's docstring); line breaks keep their count."""
    if not text.isascii():
        text = _ZERO_WIDTH.sub(" ", text)
        # A soft hyphen at a line end is a line-end hyphen; anywhere else it is invisible.
        text = _SOFT_HYPHEN_AT_LINE_END.sub("-", text).replace(_SOFT_HYPHEN, "")
        text = unicodedata.normalize("NFKC", text)
    if "\n" in text and ("-" in text or "\u2010" in text):
        text = join_hyphenated(text, known_word)
    return text


def join_hyphenated(text: str, known_word: KnownWord | None = None) -> str:
    """Join words hyphenated at a line end, keeping the number of lines.

    ``"the li-\\nbrary is open"`` → ``"the library\\nis open"`` when *library* is a
    known word; ``"Librarian-\\ncreated lists"`` → ``"Librarian-created\\nlists"``
    when *librariancreated* is not.  Without ``known_word`` (a language with no word
    list) a word is joined when its second part starts with a lower-case letter.
    """

    def join(match: re.Match[str]) -> str:
        left, right = match["left"], match["right"]
        known = known_word is None or known_word((left + right).lower())
        glue = "" if right[0].islower() and known else "-"
        return f"{left}{glue}{right}\n"

    return _LINE_END_HYPHEN.sub(join, text)


def clean_segment(segment: Segment, known_word: KnownWord | None = None) -> Segment:
    """``segment`` with its text cleaned; a speaker label keeps covering just the label."""
    if segment.attribution:
        label = clean_text(segment.text[: segment.attribution], known_word)
        text = label + clean_text(segment.text[segment.attribution :], known_word)
        if text == segment.text:
            return segment
        return replace(segment, text=text, attribution=len(label))
    text = clean_text(segment.text, known_word)
    return segment if text == segment.text else replace(segment, text=text)
