"""Evidence for every number: the hits behind the counts, as keyword-in-context rows."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from focuscount.analysis import counted_documents, iter_document_counts
from focuscount.counting import DEFAULT_CONTEXT_WORDS
from focuscount.discovery import Skipped
from focuscount.errors import ConfigError
from focuscount.lexicon import IGNORE, Lexicon, load_lexicon
from focuscount.model import DocumentCounts, Hit
from focuscount.options import DEFAULT_READ, SERIAL, Execution, ReadOptions


@dataclass(frozen=True)
class Evidence:
    """One hit and the document it is in."""

    path: Path
    format: str
    hit: Hit


def check_filters(lexicon: Lexicon, categories: Iterable[str], terms: Iterable[str]) -> None:
    """Refuse a category or term to filter by that the lexicon does not have (a typo would show nothing)."""
    known = {*lexicon.category_names, IGNORE}
    for category in categories:
        if category not in known:
            raise ConfigError(
                None,
                f"unknown category '{category}' in `categories`; lexicon '{lexicon.name}' has "
                f"{', '.join(sorted(known))}",
                parameters=("categories",),
            )
    texts = {term.text.lower() for term in lexicon.all_terms}
    for term in terms:
        if term.lower() not in texts:
            raise ConfigError(
                None,
                f"'{term}' in `terms` is not a term of lexicon '{lexicon.name}' (give it as written in the lexicon)",
                parameters=("terms",),
            )


def iter_evidence(
    paths: Iterable[Path | str],
    lexicon: Lexicon | str | Path = "library",
    *,
    categories: Iterable[str] = (),
    terms: Iterable[str] = (),
    include_ignored: bool = False,
    context_words: int = DEFAULT_CONTEXT_WORDS,
    options: ReadOptions = DEFAULT_READ,
    execution: Execution = SERIAL,
    on_skip: Callable[[Skipped], None] | None = None,
) -> Iterator[Evidence]:
    """Every hit under ``paths`` in document order, filtered by category and term.

    Each hit keeps ``context_words`` either side; ``options`` say how the files are
    read (:class:`~focuscount.options.ReadOptions`).  Hits of ignore terms are
    included with ``include_ignored`` (or when ``categories`` names ``ignore``).
    Raises :class:`NoDocumentsError` when no file could be read, and
    :class:`ConfigError` naming the parameter for an unknown category or term.
    """
    if not isinstance(lexicon, Lexicon):
        lexicon = load_lexicon(lexicon)
    categories, terms = tuple(categories), tuple(terms)
    check_filters(lexicon, categories, terms)
    if context_words < 0:
        raise ConfigError(
            None, f"`context_words` must be 0 or more words, not {context_words}", parameters=("context_words",)
        )
    wanted_categories = set(categories)
    wanted_terms = {term.lower() for term in terms}
    stream = iter_document_counts(paths, lexicon, options=options, context_words=context_words, execution=execution)
    for item in counted_documents(stream, [], on_skip):
        for hit in _hits(item, include_ignored or IGNORE in wanted_categories):
            if wanted_categories and hit.category not in wanted_categories:
                continue
            if wanted_terms and hit.term.lower() not in wanted_terms:
                continue
            yield Evidence(item.document.path, item.document.format, hit)


def _hits(counts: DocumentCounts, include_ignored: bool) -> list[Hit]:
    if not include_ignored:
        return list(counts.hits)
    return sorted(counts.hits + counts.ignored, key=lambda hit: (hit.segment, hit.start))
