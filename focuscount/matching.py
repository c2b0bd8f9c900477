"""Compile a lexicon against a pipeline and find its terms in token streams.

Terms go through the same tokenizer and lemmatizer as the text, so both agree on
what a word is.  Matching is leftmost-longest: at each position the longest term
wins and consumes its tokens, so no token is counted twice.  Ignore terms compete
the same way and count nowhere.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from focuscount.errors import LexiconError
from focuscount.lexicon import IGNORE, Lexicon, Term
from focuscount.nlp import Pipeline, Token

# Wildcards are swapped for letters before tokenising, so "librar*" stays one token.
_STAR, _QUESTION = "qqxstarqq", "qqxqmarkqq"


@dataclass(frozen=True, slots=True)
class TokenTest:
    """How one token of a term matches a text token: by lemma (and surface form) or by glob."""

    lemma: str | None
    lower: str | None
    glob: re.Pattern[str] | None

    def matches(self, token: Token) -> bool:
        """True when ``token`` satisfies this test."""
        if self.glob is not None:
            return self.glob.fullmatch(token.lower) is not None
        return token.lemma == self.lemma or token.lower == self.lower


@dataclass(frozen=True, slots=True)
class Pattern:
    """A compiled term: one test per token, and where the term's tokens touch (no space)."""

    term: Term
    tests: tuple[TokenTest, ...]
    joined: tuple[bool, ...]  # joined[i]: no space between token i and i+1 in the term
    order: int  # position in the lexicon, the last tie-breaker

    @property
    def category(self) -> str:
        """The category the term counts for (``ignore`` for ignore terms)."""
        return self.term.category

    @property
    def rank(self) -> tuple[int, int, int, int]:
        """Sort key among patterns matching at one position: longest, ignore, literal, first."""
        wildcards = sum(test.glob is not None for test in self.tests)
        return (-len(self.tests), 0 if self.category == IGNORE else 1, wildcards, self.order)

    def matches_at(self, tokens: Sequence[Token], index: int) -> bool:
        """True when the term matches the tokens starting at ``index``."""
        if index + len(self.tests) > len(tokens):
            return False
        for offset, test in enumerate(self.tests):
            token = tokens[index + offset]
            if not test.matches(token):
                return False
            if offset:
                touching = tokens[index + offset - 1].end == token.start
                if touching != self.joined[offset - 1]:
                    return False
        return True


@dataclass(frozen=True, slots=True)
class Match:
    """A pattern found at tokens ``[first, last)``."""

    pattern: Pattern
    first: int
    last: int


class LexiconMatcher:
    """Finds a lexicon's terms in token lists, leftmost-longest."""

    def __init__(self, lexicon: Lexicon, pipeline: Pipeline) -> None:
        self.lexicon = lexicon
        self.pipeline = pipeline
        patterns: list[Pattern] = []
        for order, term in enumerate(lexicon.all_terms):
            try:
                patterns.append(compile_term(term, pipeline, order))
            except LexiconError as error:
                raise LexiconError(lexicon.path, error.message, term.line) from error
        self.patterns = tuple(patterns)
        _check_same_patterns(self.patterns, lexicon)
        self._by_lemma: dict[str, list[Pattern]] = {}
        self._by_lower: dict[str, list[Pattern]] = {}
        self._by_glob: list[Pattern] = []
        for pattern in self.patterns:
            first = pattern.tests[0]
            if first.glob is not None:
                self._by_glob.append(pattern)
            else:
                self._by_lemma.setdefault(first.lemma or "", []).append(pattern)
                if first.lower != first.lemma:
                    self._by_lower.setdefault(first.lower or "", []).append(pattern)

    def candidates(self, token: Token) -> list[Pattern]:
        """Patterns whose first token test could match ``token``."""
        found = self._by_lemma.get(token.lemma, [])
        by_lower = self._by_lower.get(token.lower)
        if by_lower:
            found = found + [p for p in by_lower if p not in found]
        if self._by_glob:
            found = found + [p for p in self._by_glob if p.tests[0].matches(token)]
        return found

    def find(self, tokens: Sequence[Token], start: int = 0) -> Iterator[Match]:
        """Leftmost-longest matches in ``tokens`` from index ``start``; every token is in at most one match."""
        index, count = start, len(tokens)
        while index < count:
            best: Pattern | None = None
            for pattern in self.candidates(tokens[index]):
                if (best is None or pattern.rank < best.rank) and pattern.matches_at(tokens, index):
                    best = pattern
            if best is None:
                index += 1
                continue
            yield Match(best, index, index + len(best.tests))
            index += len(best.tests)


def compile_term(term: Term, pipeline: Pipeline, order: int = 0) -> Pattern:
    """Tokenise ``term`` with the pipeline and build its per-token tests."""
    masked = term.text.replace("*", _STAR).replace("?", _QUESTION)
    tokens = pipeline.tokens(masked)
    if not tokens:
        raise LexiconError(None, f"term '{term.text}' has no words")
    tests: list[TokenTest] = []
    for token in tokens:
        raw = token.text.replace(_STAR, "*").replace(_QUESTION, "?")
        if "*" in raw or "?" in raw:
            if not any(char.isalnum() for char in raw):
                raise LexiconError(None, f"wildcard term '{term.text}' needs letters around its wildcard")
            tests.append(TokenTest(None, None, re.compile(fnmatch.translate(raw.lower()))))
        else:
            tests.append(TokenTest(token.lemma, token.lower, None))
    joined = tuple(tokens[i].end == tokens[i + 1].start for i in range(len(tokens) - 1))
    return Pattern(term, tuple(tests), joined, order)


def _check_same_patterns(patterns: Sequence[Pattern], lexicon: Lexicon) -> None:
    """Two terms that compile to the same words (``customer``/``customers``) are one term twice."""
    seen: dict[tuple, Pattern] = {}
    for pattern in patterns:
        key = (
            tuple((t.lemma, t.glob.pattern if t.glob else None) for t in pattern.tests),
            pattern.joined,
        )
        earlier = seen.get(key)
        if earlier is not None:
            where = "[ignore]" if pattern.category == IGNORE else f"category '{pattern.category}'"
            first = "[ignore]" if earlier.category == IGNORE else f"category '{earlier.category}'"
            raise LexiconError(
                lexicon.path,
                f"term '{pattern.term.text}' in {where} matches the same words as "
                f"'{earlier.term.text}' in {first}; keep one of them",
                pattern.term.line,
            )
        seen[key] = pattern
