"""The language pipeline: tokens with lemmas for texts and for lexicon terms alike.

The default is ``spacy.blank(lang)`` with the lookup lemmatizer from
``spacy-lookups-data``: fast, offline, and the same for every user.  A full model
(``en_core_web_sm`` …) is used only when asked for and installed.  spaCy is
imported on first use, so ``focuscount --help`` never pays for it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from focuscount.errors import ConfigError, LexiconError

# Endings the tokenizer splits off words ("customer's" → customer + 's); they are
# part of the word before them, not words of their own.
CLITICS = frozenset(
    {"'s", "’s", "'", "’", "n't", "n’t", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'m", "’m"}
)


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a text: its words, lower-cased form, lemma and character span."""

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
        self._word_cache: dict[str, tuple[str, bool]] = {}
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
                found = self._lemma_table.get(lower, lower)
                cached = found if isinstance(found, str) else found[0]
            self._lemma_cache[lower] = cached
        return cached

    def tokens(self, text: str) -> list[Token]:
        """The non-space tokens of ``text``."""
        return next(self.tokens_many([text]))

    def tokens_many(self, texts: Iterable[str]) -> Iterator[list[Token]]:
        """The non-space tokens of each text, streamed in batches."""
        if self.model is not None:
            for doc in self._nlp.pipe(texts, batch_size=64):
                yield [
                    Token(t.text, t.lower_, t.lemma_.lower() or t.lower_, t.idx, t.idx + len(t.text), is_word(t.lower_))
                    for t in doc
                    if not t.is_space
                ]
            return
        cache = self._word_cache
        for doc in self._nlp.tokenizer.pipe(texts, batch_size=256):
            tokens: list[Token] = []
            for t in doc:
                if t.is_space:
                    continue
                text, lower = t.text, t.lower_
                known = cache.get(lower)
                if known is None:
                    known = cache[lower] = (self.lemma(lower), is_word(lower))
                tokens.append(Token(text, lower, known[0], t.idx, t.idx + len(text), known[1]))
            yield tokens


@functools.lru_cache(maxsize=8)
def get_pipeline(language: str = "en", model: str | None = None) -> Pipeline:
    """A cached :class:`Pipeline` for ``language`` (or the named spaCy model)."""
    return Pipeline(language, model)


def _load_spacy(language: str, model: str | None) -> Any:
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
