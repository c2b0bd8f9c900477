"""Turn a document's segments into hits and counts: ``Document → Hit → DocumentCounts``."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from focuscount.lexicon import IGNORE
from focuscount.matching import LexiconMatcher, Match
from focuscount.model import Document, DocumentCounts, Hit, Segment, ratio_of
from focuscount.names import NameSpan
from focuscount.nlp import Token, gc_paused
from focuscount.reading import DECK_FORMATS
from focuscount.searchstrings import inside, search_string_spans
from focuscount.uncertainty import wilson

# Why an ignored hit counts nowhere (``Hit.reason``).
IGNORE_TERM = "ignore term"
PAGE_FURNITURE = "page furniture"
LABEL = "label"
NAME = "name"
SEARCH_STRING = "search string"

DEFAULT_CONTEXT_WORDS = 8
# A run of two or more whitespace characters, or one that is not a plain space: the
# lone spaces between words, nearly all of them, need no replacing.
_WHITESPACE = re.compile(r"\s{2,}|[^\S ]")
_LINE_BREAK = re.compile("\n")


def count_document(
    document: Document,
    matcher: LexiconMatcher,
    context_words: int = DEFAULT_CONTEXT_WORDS,
    unmatched: bool = False,
) -> DocumentCounts:
    """Count words and lexicon hits in ``document``, keeping every hit's location and context.

    With ``unmatched``, also count the content words (lower-cased, stop words left
    out) that no term matched, to help lexicon authors see what they miss.
    """
    with gc_paused():
        return _count(document, matcher, context_words, unmatched)


def _count(document: Document, matcher: LexiconMatcher, context_words: int, unmatched: bool) -> DocumentCounts:
    lexicon = matcher.lexicon
    counts: Counter[str] = Counter({name: 0 for name in lexicon.category_names})
    term_counts: dict[str, Counter[str]] = {name: Counter() for name in lexicon.category_names}
    hits: list[Hit] = []
    ignored: list[Hit] = []
    segment_words: list[int] = []
    missed: Counter[str] = Counter()
    furniture_words = 0
    stop_words = matcher.pipeline.stop_words if unmatched else frozenset()
    # A name runs on over a line break in running text, never from one slide bullet into the next.
    wraps = not (document.deck or document.format in DECK_FORMATS)
    texts = (segment.text for segment in document.segments)
    for index, tokens in enumerate(matcher.pipeline.tokens_many(texts)):
        segment = document.segments[index]
        words = sum(1 for token in tokens if token.is_word)
        if segment.furniture:
            furniture_words += words  # a running head is not a word of the meeting
            segment_words.append(0)
        else:
            segment_words.append(words)
        # A speaker label ("Librarian: …") names who speaks; it is not talk about anyone.
        speech = _first_token_at(tokens, segment.attribution)
        covered: set[int] = set(range(speech))
        line_breaks = _LineBreaks(segment)
        names = _NameIndex(matcher.names_in(tokens, segment.text, speech, heading=segment.heading, wraps=wraps))
        searches = search_string_spans(segment.text)
        for match in matcher.find(tokens, speech):
            hit = _hit(segment, index, tokens, match, context_words, line_breaks)
            if unmatched:
                covered.update(range(match.first, match.last))
            reason = _reason_ignored(segment, match, names)
            if reason is None and searches and inside(searches, hit.start, hit.end):
                reason = SEARCH_STRING
            if reason is not None:
                ignored.append(replace(hit, reason=reason))
                continue
            counts[hit.category] += 1
            term_counts[hit.category][hit.term] += 1
            hits.append(hit)
        if unmatched:
            missed.update(
                token.lower
                for position, token in enumerate(tokens)
                if position not in covered and _is_content_word(token, stop_words)
            )
    return DocumentCounts(
        document=document,
        words=sum(segment_words),
        counts=dict(counts),
        term_counts={name: dict(terms.most_common()) for name, terms in term_counts.items()},
        ratio=ratio_of(counts[lexicon.focus], counts[lexicon.versus]),
        interval=wilson(counts[lexicon.focus], counts[lexicon.focus] + counts[lexicon.versus]),
        hits=tuple(hits),
        ignored=tuple(ignored),
        ignored_count=len(ignored),
        furniture_words=furniture_words,
        not_counted=dict(Counter(reason_kind(hit.reason) for hit in ignored if hit.reason)),
        segment_words=tuple(segment_words),
        unmatched=dict(missed),
    )


def reason_kind(reason: str) -> str:
    """The kind of a reason a hit counts nowhere: ``name: Riverside Public Library`` → ``name``."""
    return reason.split(":", 1)[0]


def _reason_ignored(segment: Segment, match: Match, names: _NameIndex) -> str | None:
    """Why a match counts nowhere (an ignore term, page furniture, a label, a name), or None when it counts.

    (A match inside a quoted database search string counts nowhere either: the caller checks that.)"""
    if match.pattern.category == IGNORE:
        return IGNORE_TERM
    if segment.furniture:
        return PAGE_FURNITURE
    if segment.label:
        return LABEL
    name = names.around(match.first, match.last)
    if name is not None:
        return f"{NAME}: {name.text}"
    return None


class _NameIndex:
    """The proper names of one segment, looked up by token position."""

    __slots__ = ("_firsts", "_names")

    def __init__(self, names: list[NameSpan]) -> None:
        self._names = names
        self._firsts = [name.first for name in names]

    def around(self, first: int, last: int) -> NameSpan | None:
        """The name that holds a token of ``[first, last)``, if any."""
        if not self._names:
            return None
        position = bisect.bisect_right(self._firsts, last - 1) - 1
        if position < 0:
            return None
        name = self._names[position]
        return name if name.last > first else None


def _first_token_at(tokens: Sequence[Token], offset: int) -> int:
    """The index of the first token that starts at or after character ``offset``."""
    if offset <= 0:
        return 0
    return next((index for index, token in enumerate(tokens) if token.start >= offset), len(tokens))


def _is_content_word(token: Token, stop_words: frozenset[str]) -> bool:
    return (
        token.is_word
        and token.lower.isalpha()
        and len(token.lower) > 2
        and token.lower not in stop_words
        and token.lemma not in stop_words
    )


class _LineBreaks:
    """Where a segment's line breaks are, found once (on the first hit) for all its hits."""

    __slots__ = ("_offsets", "_text")

    def __init__(self, segment: Segment) -> None:
        self._text = segment.text if segment.line_based else ""
        self._offsets: list[int] | None = None

    def before(self, offset: int) -> int:
        """How many line breaks come before character ``offset``."""
        if self._offsets is None:
            self._offsets = [found.start() for found in _LINE_BREAK.finditer(self._text)]
        return bisect.bisect_left(self._offsets, offset)


def _hit(
    segment: Segment, index: int, tokens: Sequence[Token], match: Match, words: int, line_breaks: _LineBreaks
) -> Hit:
    start, end = tokens[match.first].start, tokens[match.last - 1].end
    context_start, context_end = context_span(tokens, match.first, match.last, words)
    before = _one_line(segment.text[context_start:start]).lstrip()
    after = _one_line(segment.text[end:context_end]).rstrip()
    matched = segment.text[start:end]
    return Hit(
        category=match.pattern.category,
        term=match.pattern.term.text,
        matched_text=matched,
        location=segment.location_at(start, line_breaks.before(start)),
        context=before + _one_line(matched) + after,
        segment=index,
        start=start,
        end=end,
        before=before,
        after=after,
        ocr=segment.ocr,
    )


def _one_line(text: str) -> str:
    """Runs of whitespace (line breaks included) as one space, edges kept."""
    return _WHITESPACE.sub(" ", text)


def context_span(tokens: Sequence[Token], first: int, last: int, words: int) -> tuple[int, int]:
    """Character span of tokens ``[first, last)`` with up to ``words`` words either side.

    Punctuation between the words is kept but does not count toward ``words``.
    """
    start_index, seen = first, 0
    while start_index > 0 and seen < words:
        start_index -= 1
        seen += tokens[start_index].is_word
    end_index, seen = last - 1, 0
    while end_index < len(tokens) - 1 and seen < words:
        end_index += 1
        seen += tokens[end_index].is_word
    # Trailing punctuation right after the last word belongs to it ("year.").
    while (
        end_index < len(tokens) - 1
        and not tokens[end_index + 1].is_word
        and tokens[end_index + 1].start == tokens[end_index].end
    ):
        end_index += 1
    return tokens[start_index].start, tokens[end_index].end
