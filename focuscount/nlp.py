"""The language pipeline: tokens with lemmas for texts and for lexicon terms alike.

The default is ``spacy.blank(lang)`` with the lookup lemmatizer from
``spacy-lookups-data``: fast, offline, and the same for every user.  A full model
(``en_core_web_sm`` …) is used only when asked for and installed.  spaCy is
imported on first use, so ``focuscount --help`` never pays for it.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import itertools
import re
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from focuscount.errors import ConfigError, LexiconError

# Endings the tokenizer splits off words ("customer's" → customer + 's); they are
# part of the word before them, not words of their own.
CLITICS = frozenset(
    {"'s", "’s", "'", "’", "n't", "n’t", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'m", "’m"}
)


# Texts longer than this go to spaCy in windows cut at whitespace: a spaCy Doc costs
# about 100 bytes a token, and a full model refuses texts over ``nlp.max_length``.
MAX_TOKENIZE_CHARS = 100_000
# No word is longer; a longer run without whitespace is cut before spaCy sees it (see ``_windows``).
MAX_RUN_CHARS = 256
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN_CHARS + 1},}}")
# The per-word caches are dropped when they grow past this many entries, so a file
# of millions of distinct "words" (random data) cannot grow them without bound.
_CACHE_LIMIT = 500_000


class Token(NamedTuple):
    """One token of a text: its words, lower-cased form, lemma and character span.

    A named tuple rather than a frozen dataclass: a run builds millions of them,
    and a tuple is built several times faster.
    """

    text: str
    lower: str
    lemma: str
    start: int
    end: int
    is_word: bool  # holds a letter or digit and is not a clitic: it counts as a word


def is_word(lower: str) -> bool:
    """True for tokens that count as words: they hold a letter or digit and are not a clitic."""
    return lower not in CLITICS and any(char.isalnum() for char in lower)


class Pipeline:
    """Tokenises and lemmatises texts the same way for documents and lexicon terms."""

    def __init__(self, language: str = "en", model: str | None = None) -> None:
        self.language = language
        self.model = model
        self._nlp = _load_spacy(language, model)
        self._lemma_table: Any = None
        self._lemma_cache: dict[str, str] = {}
        self._lemma_counts: Counter[str] | None = None  # lemma → how many table words have it, built on first need
        self._word_cache: dict[str, tuple[str, str, bool, bool]] = {}  # text → lower, lemma, is_word, is_space
        if model is None:
            self._lemma_table = _lookup_table(self._nlp)

    @property
    def name(self) -> str:
        """A short description for reports, e.g. ``spacy.blank('en') + lookup lemmas``."""
        if self.model:
            return self.model
        lemmas = "lookup lemmas" if self._lemma_table is not None else "no lemmas"
        return f"spacy.blank('{self.language}') + {lemmas}"

    @functools.cached_property
    def stop_words(self) -> frozenset[str]:
        """The language's stop words (lower-case), from spaCy's language data."""
        return frozenset(word.lower() for word in self._nlp.Defaults.stop_words)

    def lemma(self, lower: str) -> str:
        """The lookup lemma of a lower-cased word (the word itself when unknown)."""
        cached = self._lemma_cache.get(lower)
        if cached is None:
            cached = lower
            if self._lemma_table is not None:
                found = self._lemma_table.get(lower)
                if found is None and lower[:1].islower():
                    # German tables list nouns as written, capitalised ("Kunden" → "Kunde"): a lower-cased
                    # noun is found under its capitalised form, and its lemma lower-cased to match.
                    found = self._lemma_table.get(lower[:1].upper() + lower[1:])
                    found = None if found is None else (found if isinstance(found, str) else found[0]).lower()
                found = lower if found is None else found
                cached = found if isinstance(found, str) else found[0]
            if len(self._lemma_cache) >= _CACHE_LIMIT:
                self._lemma_cache.clear()
            self._lemma_cache[lower] = cached
        return cached

    def other_forms(self, lemma: str) -> int | None:
        """How many words besides ``lemma`` itself the lookup table lemmatises to ``lemma``.

        None when there is no table (a full model gives lemmas in context, so which
        words share a lemma cannot be known in advance).
        """
        if self._lemma_table is None:
            return None
        if self._lemma_counts is None:
            values = self._lemma_table.values()
            self._lemma_counts = Counter(value if isinstance(value, str) else value[0] for value in values)
        return self._lemma_counts.get(lemma, 0) - (self.lemma(lemma) == lemma and lemma in self._lemma_table)

    def is_known_word(self, lower: str) -> bool:
        """True when the lookup table knows ``lower`` as a word or a lemma (False without a table)."""
        if self._lemma_table is None:
            return False
        if lower in self._lemma_table:
            return True
        self.other_forms(lower)  # builds the lemma counts
        return bool(self._lemma_counts and lower in self._lemma_counts)

    @property
    def has_word_list(self) -> bool:
        """True when :meth:`is_known_word` can tell known words (a lookup table is loaded)."""
        return self._lemma_table is not None

    def tokens(self, text: str) -> list[Token]:
        """The non-space tokens of ``text``."""
        return next(self.tokens_many([text]))

    def tokens_many(self, texts: Iterable[str]) -> Iterator[list[Token]]:
        """The non-space tokens of each text, in order, streamed in batches (one list per text).

        This is the batch API for documents and lexicon terms alike.  A text over
        :data:`MAX_TOKENIZE_CHARS` is tokenised in windows cut at whitespace, and its
        tokens' offsets are given in the whole text.
        """
        windows: deque[tuple[int, int]] = deque()  # (text number, offset) of each window sent to spaCy

        def pieces() -> Iterator[str]:
            for number, text in enumerate(texts):
                for offset, piece in _windows(text, MAX_TOKENIZE_CHARS):
                    windows.append((number, offset))
                    yield piece

        current, started = 0, False
        tokens: list[Token] = []
        for doc in self._docs(pieces()):
            number, offset = windows.popleft()
            if number != current:  # every text has at least one window, so numbers come one by one
                yield tokens
                current, tokens = number, []
            started = True
            self._add_tokens(doc, offset, tokens)
        if started:
            yield tokens

    def _docs(self, texts: Iterator[str]) -> Iterator[Any]:
        if self.model is not None:
            return self._nlp.pipe(texts, batch_size=64)
        return self._nlp.tokenizer.pipe(texts, batch_size=256)

    def _add_tokens(self, doc: Any, offset: int, tokens: list[Token]) -> None:
        new, append = tuple.__new__, tokens.append  # the named tuple built without its Python-level __new__
        if self.model is not None:
            for t in doc:
                if not t.is_space:
                    text, lower, start = t.text, t.lower_, offset + t.idx
                    lemma = t.lemma_.lower() or lower
                    append(new(Token, (text, lower, lemma, start, start + len(text), is_word(lower))))
            return
        # spaCy's lower form, is_space and our lemma all follow from the token's text: cache them per text.
        cache = self._word_cache
        for t in doc:
            text = t.text
            known = cache.get(text)
            if known is None:
                if len(cache) >= _CACHE_LIMIT:
                    cache.clear()
                lower = t.lower_
                known = cache[text] = (lower, self.lemma(lower), is_word(lower), t.is_space)
            if known[3]:
                continue
            start = offset + t.idx
            append(new(Token, (text, known[0], known[1], start, start + len(text), known[2])))


def _windows(text: str, size: int) -> Iterator[tuple[int, str]]:
    """``(offset, piece)`` pieces of ``text`` for spaCy: at most ``size`` characters, cut after whitespace.

    spaCy splits tokens at whitespace first, so a cut there changes no token.  A
    run of more than :data:`MAX_RUN_CHARS` characters without whitespace (a line
    of punctuation, random data) is cut every ``MAX_RUN_CHARS``: spaCy's affix
    search is quadratic in a token's length (50,000 ``[`` took a minute), and no
    word is that long.  Always at least one piece, so an empty text still gets
    its (empty) token list.
    """
    if not text:
        yield 0, text
        return
    cuts = {0, len(text)}
    for run in _LONG_RUN.finditer(text):
        cuts.update(range(run.start(), run.end(), MAX_RUN_CHARS))
    for start, end in itertools.pairwise(sorted(cuts)):
        yield from _cut_at_whitespace(text, start, end, size)


def _cut_at_whitespace(text: str, start: int, end: int, size: int) -> Iterator[tuple[int, str]]:
    while end - start > size:
        cut = max(text.rfind(" ", start, start + size), text.rfind("\n", start, start + size)) + 1
        if cut <= start:
            cut = start + size
        yield start, text[start:cut]
        start = cut
    yield start, text if (start, end) == (0, len(text)) else text[start:end]


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a burst of allocations; reference counting still frees them.

    Tokenising allocates a few objects per token, millions for a long document
    or a big lexicon, and each burst sets off collector passes that scan every
    live object (the whole of spaCy, the hits and patterns so far): a third of
    the run's time, for no garbage, since tokens, patterns and hits form no
    reference cycles.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@functools.lru_cache(maxsize=8)
def get_pipeline(language: str = "en", model: str | None = None) -> Pipeline:
    """A cached :class:`Pipeline` for ``language`` (or the named spaCy model)."""
    return Pipeline(language, model)


# Punctuation glued to a word must not hide it: bullets, arrows, geometric shapes and
# dashes in front of a word ("•Client", "→users", "▪patrons", "–readers"; U+F0B7 and
# U+F0A7 are the Symbol/Wingdings bullets of Word exports), and a hyphen or dash after
# a word ("clients- and", "users—and").
_GLUED_PREFIX = (
    "[\u2022\u2023\u2043\u2219\u00b7\u2190-\u21ff\u25a0-\u25ff\u27a1-\u27bf\u2794\u2013\u2014\uf0a7\uf0b7\uf0d8\uf076]"
)
_GLUED_SUFFIX = "(?<=[^\\W\\d_])[-\u2010\u2013\u2014\u2190-\u21ff]"


def _split_glued_punctuation(nlp: Any) -> Any:
    """``nlp`` with a tokenizer that splits bullets, arrows and dashes off the words they touch."""
    from spacy.util import compile_prefix_regex, compile_suffix_regex

    prefixes = [*(nlp.Defaults.prefixes or ()), _GLUED_PREFIX]
    suffixes = [*(nlp.Defaults.suffixes or ()), _GLUED_SUFFIX]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    return nlp


def _load_spacy(language: str, model: str | None) -> Any:
    return _split_glued_punctuation(_load_spacy_pipeline(language, model))


def _load_spacy_pipeline(language: str, model: str | None) -> Any:
    import spacy

    if model is not None:
        try:
            return spacy.load(model, exclude=["ner", "parser"])
        except OSError as error:
            raise ConfigError(
                None,
                f"spaCy model '{model}' is not installed; install it with pip, "
                "or leave out --model to use the built-in pipeline",
            ) from error
    try:
        return spacy.blank(language)
    except ImportError as error:
        if "[E048]" not in str(error):  # a known language whose tokenizer needs a package (ja: SudachiPy)
            needed = " ".join(str(error).split())[:300]
            raise LexiconError(
                None, f"language '{language}' needs a package for spaCy's tokenizer: {needed}"
            ) from error
        raise LexiconError(None, f"unknown language '{language}': spaCy has no language with this code") from error
    except Exception as error:
        raise LexiconError(None, f"unknown language '{language}': spaCy has no language with this code") from error


def _lookup_table(nlp: Any) -> Any:
    """The ``lemma_lookup`` table for the pipeline's language, or None when there is none."""
    try:
        lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()
    except Exception:  # noqa: BLE001 - no lookup table for this language in spacy-lookups-data
        return None
    return lemmatizer.lookups.get_table("lemma_lookup")
