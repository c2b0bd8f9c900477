"""Compile a lexicon against a pipeline and find its terms in token streams.

Terms go through the same tokenizer as the text, so both agree on what a word is.
A plain word of a term matches a text word whose lemma is that word, or that is
that word (ignoring case): ``building`` matches building and buildings (lemma
building), not build or built.  The term's own lemma is never used: the lookup
table's lemma of "building" is "build", and "meeting" has the lemma "meet".

Matching is leftmost-longest: at each position the longest term wins and consumes
its tokens, so no token is counted twice.  Ignore terms compete the same way and
count nowhere.

A case-sensitive term (written ``=ALA``) matches a text word only as written: no
lemma, no lower-casing.  A lexicon's own names (``[ignore] names``) are matched
the same way, apart from the terms, and handed to the names rule
(:func:`LexiconMatcher.names_in`).
"""

from __future__ import annotations

import fnmatch
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from focuscount.errors import LexiconError
from focuscount.lexicon import IGNORE, Lexicon, Term
from focuscount.names import NameSpan, find_names, merge_names
from focuscount.nlp import Pipeline, Token, gc_paused

# Wildcards are swapped for letters before tokenising, so "librar*" stays one token.
_STAR, _QUESTION = "qqxstarqq", "qqxqmarkqq"


@dataclass(frozen=True, slots=True)
class TokenTest:
    """How one token of a term matches a text token: by the term's word, by glob, or exactly.

    A plain ``word`` (the term's token, lower-cased) matches a text token whose
    lemma is ``word`` or whose lower-cased form is ``word``; an ``exact`` test
    (a token of a case-sensitive term or a name) matches a text token written
    exactly so.
    """

    word: str | None
    glob: re.Pattern[str] | None
    wildcard: str | None = None  # the glob as written, lower-cased (``librar*``)
    exact: str | None = None  # the token as written, for a case-sensitive test (``ALA``)

    def matches(self, token: Token) -> bool:
        """True when ``token`` satisfies this test."""
        if self.exact is not None:
            return token.text == self.exact
        if self.glob is not None:
            return self.glob.fullmatch(token.lower) is not None
        return token.lemma == self.word or token.lower == self.word

    @property
    def key(self) -> tuple[str, str]:
        """What the test compares, for telling when two terms match the same words."""
        if self.exact is not None:
            return ("exact", self.exact)
        if self.glob is not None:
            return ("glob", self.glob.pattern)
        return ("word", self.word or "")


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
    """Finds a lexicon's terms in token lists, leftmost-longest.

    The terms are compiled into a trie keyed token by token, so the cost per
    text token does not grow with the size of the lexicon: a token looks up
    its lemma and its lower-cased form in a dict of the terms' words, and its
    wildcard terms in an index by their letters before (or after) the wildcard.
    """

    def __init__(self, lexicon: Lexicon, pipeline: Pipeline) -> None:
        self.lexicon = lexicon
        self.pipeline = pipeline
        with gc_paused():
            self.patterns = compile_terms(lexicon, pipeline)
            _check_same_patterns(self.patterns, lexicon)
            _check_covered_patterns(self.patterns, lexicon, pipeline)
            self._root = _Edges()
            for pattern in self.patterns:
                self._root.add(pattern)
            counted = [pattern for pattern in self.patterns if pattern.category != IGNORE]
            self._term_words = frozenset(
                word for pattern in counted for test in pattern.tests if (word := test.word or _lower(test.exact))
            )
            self.name_patterns = compile_names(lexicon, pipeline)
            _check_same_patterns(self.name_patterns, lexicon, what="name")
            self._names_root: _Edges | None = None
            if self.name_patterns:
                self._names_root = _Edges()
                for pattern in self.name_patterns:
                    self._names_root.add(pattern)

    def is_term_word(self, lower: str) -> bool:
        """True when the lower-cased word ``lower`` (or its lemma) is a word of a counted term."""
        return lower in self._term_words or self.pipeline.lemma(lower) in self._term_words

    def find(self, tokens: Sequence[Token], start: int = 0) -> Iterator[Match]:
        """Leftmost-longest matches in ``tokens`` from index ``start``; every token is in at most one match.

        Among the terms matching at a position the best :attr:`Pattern.rank` wins:
        the longest, then an ignore term, then the one with fewest wildcards, then
        the first in the lexicon.
        """
        return self._find(self._root, tokens, start)

    def names_in(
        self, tokens: Sequence[Token], text: str, start: int = 0, heading: bool = False, wraps: bool = True
    ) -> list[NameSpan]:
        """The proper names among ``tokens[start:]`` of ``text``, in order, none overlapping.

        The lexicon's own names (``[ignore] names``) wherever they stand, and, when the
        names rule is on (``names = "ignore"``), the names the rule finds
        (:func:`focuscount.names.find_names`, where ``wraps`` is explained; in a heading,
        only the names of organisations); a listed name wins an overlap unless held whole.
        """
        listed = []
        if self._names_root is not None:
            listed = [
                NameSpan(match.first, match.last, match.pattern.term.text)
                for match in self._find(self._names_root, tokens, start)
            ]
        found = []
        if self.lexicon.names == "ignore":
            found = find_names(tokens, text, start, wraps, unknown=self._unknown_word, heading=heading)
        return merge_names(listed, found)

    def _unknown_word(self, lower: str) -> bool:
        """True for a word neither the language's word list nor the lexicon knows (a place, a family name)."""
        if not self.pipeline.has_word_list or lower in self.pipeline.stop_words:
            return False  # the lemma tables list no uninflected word ("between", "upon"): stop words are known
        return not self.pipeline.is_known_word(lower) and not self.is_term_word(lower)

    def _find(self, root: _Edges, tokens: Sequence[Token], start: int) -> Iterator[Match]:
        index, count = start, len(tokens)
        while index < count:
            pattern = self._best_at(root, tokens, index)
            if pattern is None:
                index += 1
                continue
            yield Match(pattern, index, index + len(pattern.tests))
            index += len(pattern.tests)

    def _best_at(self, root: _Edges, tokens: Sequence[Token], index: int) -> Pattern | None:
        """The best-ranked term matching the tokens from ``index``: the trie is walked down while any test holds."""
        frontier = root.step(tokens[index])
        best: _Node | None = None  # the node where the best term so far ends
        position = index
        while frontier:
            for node in frontier:
                if node.best is not None and (best is None or node.rank < best.rank):
                    best = node
            position += 1
            if position >= len(tokens):
                break
            token = tokens[position]
            touching = tokens[position - 1].end == token.start
            following: list[_Node] = []
            for node in frontier:
                edges = node.touching if touching else node.apart
                if edges is not None:
                    following.extend(edges.step(token))
            frontier = following
        return None if best is None else best.best


class _Node:
    """A place in the trie: the tokens of a term prefix matched so far."""

    __slots__ = ("apart", "best", "rank", "touching")

    def __init__(self) -> None:
        self.best: Pattern | None = None  # the best-ranked term that ends here
        self.rank: tuple[int, int, int, int] = (0, 0, 0, 0)
        self.apart: _Edges | None = None  # tests for a next token with space before it
        self.touching: _Edges | None = None  # tests for a next token that touches this one

    def end(self, pattern: Pattern) -> None:
        rank = pattern.rank
        if self.best is None or rank < self.rank:
            self.best, self.rank = pattern, rank

    def after(self, joined: bool) -> _Edges:
        if joined:
            self.touching = self.touching or _Edges()
            return self.touching
        self.apart = self.apart or _Edges()
        return self.apart


_NOTHING: list[_Node] = []


class _Edges:
    """The token tests leading on from one place in the trie, indexed for lookup by token."""

    __slots__ = ("by_text", "by_word", "children", "globs")

    def __init__(self) -> None:
        self.children: dict[TokenTest, _Node] = {}
        self.by_word: dict[str, list[_Node]] = {}  # a plain test's word → its node (a list: one per test)
        self.by_text: dict[str, list[_Node]] = {}  # an exact test's token as written → its node
        self.globs: _GlobIndex | None = None

    def add(self, pattern: Pattern) -> None:
        """Add a term's path below these edges (the trie's root)."""
        edges, node = self, None
        for offset, test in enumerate(pattern.tests):
            if node is not None:
                edges = node.after(pattern.joined[offset - 1])
            node = edges.child(test)
        if node is not None:
            node.end(pattern)

    def child(self, test: TokenTest) -> _Node:
        node = self.children.get(test)
        if node is None:
            node = self.children[test] = _Node()
            if test.exact is not None:
                self.by_text.setdefault(test.exact, []).append(node)
            elif test.glob is not None and test.wildcard is not None:
                self.globs = self.globs or _GlobIndex()
                self.globs.add(test.wildcard, test.glob, node)
            else:
                self.by_word.setdefault(test.word or "", []).append(node)
        return node

    def step(self, token: Token) -> list[_Node]:
        """The nodes whose test ``token`` satisfies (each once)."""
        found = self.by_word.get(token.lemma)
        if token.lower != token.lemma:
            # Each node is filed under one word, so the two lists never share a node.
            by_lower = self.by_word.get(token.lower)
            if by_lower:
                found = by_lower if found is None else found + by_lower
        if self.globs is not None:
            matching = self.globs.matching(token.lower)
            if matching:
                found = matching if found is None else found + matching
        if self.by_text:
            exact = self.by_text.get(token.text)
            if exact:
                found = exact if found is None else found + exact
        return found or _NOTHING


class _GlobIndex:
    """Wildcard tests indexed by their letters before the first wildcard (or, failing that, after the last).

    ``librar*`` is tried only on tokens starting with ``librar``, ``*ship`` only on
    tokens ending in ``ship``: each token tries the few globs that could match it,
    not all of them.
    """

    __slots__ = ("by_prefix", "by_suffix", "others", "prefix_sizes", "suffix_sizes")

    def __init__(self) -> None:
        self.by_prefix: dict[str, list[tuple[re.Pattern[str], _Node]]] = {}
        self.by_suffix: dict[str, list[tuple[re.Pattern[str], _Node]]] = {}
        self.others: list[tuple[re.Pattern[str], _Node]] = []
        self.prefix_sizes: list[int] = []
        self.suffix_sizes: list[int] = []

    def add(self, wildcard: str, glob: re.Pattern[str], node: _Node) -> None:
        entry = (glob, node)
        prefix, suffix = _literal_ends(wildcard)
        if prefix:
            self.by_prefix.setdefault(prefix, []).append(entry)
            self.prefix_sizes = sorted({*self.prefix_sizes, len(prefix)})
        elif suffix:
            self.by_suffix.setdefault(suffix, []).append(entry)
            self.suffix_sizes = sorted({*self.suffix_sizes, len(suffix)})
        else:
            self.others.append(entry)

    def matching(self, text: str) -> list[_Node]:
        """The nodes whose glob matches all of ``text``."""
        found: list[_Node] = []
        size_limit = len(text)
        for size in self.prefix_sizes:
            if size > size_limit:
                break
            entries = self.by_prefix.get(text[:size])
            if entries:
                found.extend(node for glob, node in entries if glob.fullmatch(text))
        for size in self.suffix_sizes:
            if size > size_limit:
                break
            entries = self.by_suffix.get(text[-size:])
            if entries:
                found.extend(node for glob, node in entries if glob.fullmatch(text))
        found.extend(node for glob, node in self.others if glob.fullmatch(text))
        return found


def _literal_ends(wildcard: str) -> tuple[str, str]:
    """The letters every match of the glob starts with, and (without ``[…]`` classes) ends with."""
    first = min((wildcard.find(char) for char in "*?[" if char in wildcard), default=len(wildcard))
    if "[" in wildcard:
        return wildcard[:first], ""
    last = max(wildcard.rfind("*"), wildcard.rfind("?"))
    return wildcard[:first], wildcard[last + 1 :]


def compile_terms(lexicon: Lexicon, pipeline: Pipeline) -> tuple[Pattern, ...]:
    """Every term of ``lexicon``, tokenised in batches and compiled; errors name the lexicon and the term's line."""
    return _compile(lexicon, lexicon.all_terms, pipeline, exact=False)


def compile_names(lexicon: Lexicon, pipeline: Pipeline) -> tuple[Pattern, ...]:
    """The lexicon's own names (``[ignore] names``), compiled to match case-sensitively."""
    return _compile(lexicon, lexicon.ignore_names, pipeline, exact=True)


def _compile(lexicon: Lexicon, terms: Sequence[Term], pipeline: Pipeline, exact: bool) -> tuple[Pattern, ...]:
    masked = (_source(term, exact) for term in terms)
    patterns: list[Pattern] = []
    for order, (term, tokens) in enumerate(zip(terms, pipeline.tokens_many(masked), strict=True)):
        try:
            patterns.append(_pattern(term, tokens, order, exact or term.case_sensitive))
        except LexiconError as error:
            raise LexiconError(lexicon.path, error.message, term.line) from error
    return tuple(patterns)


def compile_term(term: Term, pipeline: Pipeline, order: int = 0) -> Pattern:
    """Tokenise ``term`` with the pipeline and build its per-token tests."""
    return _pattern(term, pipeline.tokens(_source(term, False)), order, term.case_sensitive)


def _source(term: Term, exact: bool) -> str:
    """The text to tokenise for a term: its words, wildcards masked unless it matches literally."""
    if exact or term.case_sensitive:
        return term.words
    return term.text.replace("*", _STAR).replace("?", _QUESTION)


def _lower(text: str | None) -> str | None:
    return None if text is None else text.lower()


def _pattern(term: Term, tokens: Sequence[Token], order: int, exact: bool = False) -> Pattern:
    if not tokens:
        raise LexiconError(None, f"term '{term.text}' has no words")
    if exact:
        # Every token as written, punctuation too: "=Friends of the Library" needs those four words so written.
        literal = tuple(TokenTest(None, None, exact=token.text) for token in tokens)
        touching = tuple(tokens[i].end == tokens[i + 1].start for i in range(len(tokens) - 1))
        return Pattern(term, literal, touching, order)
    tests: list[TokenTest] = []
    for token in tokens:
        raw = token.text.replace(_STAR, "*").replace(_QUESTION, "?")
        if "*" in raw or "?" in raw:
            if not any(char.isalnum() for char in raw):
                raise LexiconError(None, f"wildcard term '{term.text}' needs letters around its wildcard")
            wildcard = raw.lower()
            tests.append(TokenTest(None, re.compile(fnmatch.translate(wildcard)), wildcard))
        else:
            # The term's word itself, never its lemma: "building" must not match build and built.
            tests.append(TokenTest(token.lower, None))
    joined = tuple(tokens[i].end == tokens[i + 1].start for i in range(len(tokens) - 1))
    return Pattern(term, tuple(tests), joined, order)


def _pattern_key(tests: Sequence[tuple[str, str]], joined: tuple[bool, ...]) -> tuple:
    return (tuple(tests), joined)


def _check_same_patterns(patterns: Sequence[Pattern], lexicon: Lexicon, what: str = "term") -> None:
    """Two terms that compile to the same tests (``librar*``/``librar**``) are one term twice, in any category.

    A case-sensitive term and its case-insensitive twin (``=ALA``, ``ala``) compile to
    different tests: they are two terms.  ``what`` is "name" for ``[ignore] names``.
    """
    seen: dict[tuple, Pattern] = {}
    for pattern in patterns:
        key = _pattern_key([test.key for test in pattern.tests], pattern.joined)
        earlier = seen.get(key)
        if earlier is not None:
            raise LexiconError(
                lexicon.path,
                f"{what} '{pattern.term.text}' in {_place(pattern, what)} matches the same words as "
                f"'{earlier.term.text}' in {_place(earlier, what)}; keep one of them",
                pattern.term.line,
            )
        seen[key] = pattern


def _place(pattern: Pattern, what: str = "term") -> str:
    """Where a term stands in its lexicon, for messages: ``[ignore]`` or ``category 'customer'``."""
    if what == "name":
        return "[ignore] names"
    return "[ignore]" if pattern.category == IGNORE else f"category '{pattern.category}'"


def _check_covered_patterns(patterns: Sequence[Pattern], lexicon: Lexicon, pipeline: Pipeline) -> None:
    """A term that matches only words another term of its category matches (``customers`` next to ``customer``).

    ``customer`` matches every word whose lemma is customer, so ``customers`` (whose
    only match, "customers", has that lemma) adds nothing.  ``meeting`` next to
    ``meet`` is not covered: "meetings" has the lemma meeting, not meet.  Only the
    lookup table says which words share a lemma, so with a full model only terms
    with the same tests are refused (:func:`_check_same_patterns`).
    """
    by_key = {_pattern_key([test.key for test in p.tests], p.joined): p for p in patterns}
    for pattern in patterns:
        choices = [_covering_keys(test, pipeline) for test in pattern.tests]
        if all(len(keys) == 1 for keys in choices):
            continue
        for keys in itertools.product(*choices):
            wider = by_key.get(_pattern_key(keys, pattern.joined))
            if wider is not None and wider is not pattern and wider.category == pattern.category:
                raise LexiconError(
                    lexicon.path,
                    f"term '{pattern.term.text}' in {_place(pattern)} matches only words that "
                    f"'{wider.term.text}' matches too; keep one of them",
                    pattern.term.line,
                )


def _covering_keys(test: TokenTest, pipeline: Pipeline) -> list[tuple[str, str]]:
    """The test's own key, and the key of a plain word that matches everything this test matches, if any.

    A plain word w matches "w" and the words whose lemma is w; the word lemma(w)
    matches "w" too, so it covers w when no other word has the lemma w.  An exact
    test ``Customers`` matches only "Customers", which the plain words customers and
    customer (its lemma) match too.
    """
    if test.exact is not None:
        lower = test.exact.lower()
        return list(dict.fromkeys([test.key, ("word", lower), ("word", pipeline.lemma(lower))]))
    if test.word is None:
        return [test.key]
    lemma = pipeline.lemma(test.word)
    if lemma == test.word or pipeline.other_forms(test.word) != 0:
        return [test.key]
    return [test.key, ("word", lemma)]
