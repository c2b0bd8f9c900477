"""Turn a document's segments into hits and counts: ``Document → Hit → DocumentCounts``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from focuscount.lexicon import IGNORE
from focuscount.matching import LexiconMatcher
from focuscount.model import Document, DocumentCounts, Hit, ratio_of
from focuscount.nlp import Token

DEFAULT_CONTEXT_WORDS = 8


def count_document(
    document: Document, matcher: LexiconMatcher, context_words: int = DEFAULT_CONTEXT_WORDS
) -> DocumentCounts:
    """Count words and lexicon hits in ``document``, keeping every hit's location and context."""
    lexicon = matcher.lexicon
    counts: Counter[str] = Counter({name: 0 for name in lexicon.category_names})
    term_counts: dict[str, Counter[str]] = {name: Counter() for name in lexicon.category_names}
    hits: list[Hit] = []
    ignored: list[Hit] = []
    words = 0
    texts = (segment.text for segment in document.segments)
    for index, tokens in enumerate(matcher.pipeline.tokens_many(texts)):
        segment = document.segments[index]
        words += sum(1 for token in tokens if token.is_word)
        for match in matcher.find(tokens):
            first, last = tokens[match.first], tokens[match.last - 1]
            hit = Hit(
                category=match.pattern.category,
                term=match.pattern.term.text,
                matched_text=segment.text[first.start : last.end],
                location=segment.location_at(first.start),
                context=context_of(segment.text, tokens, match.first, match.last, context_words),
                segment=index,
                start=first.start,
                end=last.end,
            )
            if hit.category == IGNORE:
                ignored.append(hit)
                continue
            counts[hit.category] += 1
            term_counts[hit.category][hit.term] += 1
            hits.append(hit)
    return DocumentCounts(
        document=document,
        words=words,
        counts=dict(counts),
        term_counts={name: dict(terms.most_common()) for name, terms in term_counts.items()},
        ratio=ratio_of(counts[lexicon.focus], counts[lexicon.versus]),
        hits=tuple(hits),
        ignored=tuple(ignored),
        ignored_count=len(ignored),
    )


def context_of(text: str, tokens: Sequence[Token], first: int, last: int, words: int) -> str:
    """The matched tokens with up to ``words`` words either side, on one line.

    Punctuation between the words is kept but does not count toward ``words``.
    """
    if not tokens:
        return ""
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
    return " ".join(text[tokens[start_index].start : tokens[end_index].end].split())
