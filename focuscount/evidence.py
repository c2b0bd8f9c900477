"""Evidence for every number: the hits behind the counts, as keyword-in-context rows."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from focuscount.analysis import counted_documents, iter_document_counts
from focuscount.counting import DEFAULT_CONTEXT_WORDS
from focuscount.dating import DatesManifest
from focuscount.discovery import Skipped
from focuscount.errors import ConfigError
from focuscount.lexicon import IGNORE, Lexicon, load_lexicon
from focuscount.limits import DEFAULT_LIMITS, ReadLimits
from focuscount.model import DocumentCounts, Hit
from focuscount.reading import DEFAULT_RULES, ReadingRules


@dataclass(frozen=True)
class Evidence:
    """One hit and the document it is in."""

    path: Path
    format: str
    hit: Hit


def check_filters(lexicon: Lexicon, categories: Iterable[str], terms: Iterable[str]) -> None:
    """Refuse a ``--category`` or ``--term`` the lexicon does not have (a typo would show nothing)."""
    known = {*lexicon.category_names, IGNORE}
    for category in categories:
        if category not in known:
            raise ConfigError(
                None, f"unknown category '{category}'; lexicon '{lexicon.name}' has {', '.join(sorted(known))}"
            )
    texts = {term.text.lower() for term in lexicon.all_terms}
    for term in terms:
        if term.lower() not in texts:
            raise ConfigError(
                None, f"'{term}' is not a term of lexicon '{lexicon.name}' (give it as written in the lexicon)"
            )


def iter_evidence(
    paths: Iterable[Path | str],
    lexicon: Lexicon | str | Path = "library",
    *,
    categories: Iterable[str] = (),
    terms: Iterable[str] = (),
    include_ignored: bool = False,
    context_words: int = DEFAULT_CONTEXT_WORDS,
    dates: DatesManifest | None = None,
    date_order: str | None = None,
    model: str | None = None,
    exclude: Iterable[str] = (),
    limits: ReadLimits = DEFAULT_LIMITS,
    follow_links: bool = False,
    metadata_dates: bool = True,
    rules: ReadingRules = DEFAULT_RULES,
    language: str | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
) -> Iterator[Evidence]:
    """Every hit under ``paths`` in document order, filtered by category and term.

    Hits of ignore terms are included with ``include_ignored`` (or when
    ``categories`` names ``ignore``).  Raises :class:`NoDocumentsError` when no file
    could be read.
    """
    if not isinstance(lexicon, Lexicon):
        lexicon = load_lexicon(lexicon)
    categories, terms = tuple(categories), tuple(terms)
    check_filters(lexicon, categories, terms)
    if context_words < 0:
        raise ConfigError(None, f"--context must be 0 or more words, not {context_words}")
    wanted_categories = set(categories)
    wanted_terms = {term.lower() for term in terms}
    stream = iter_document_counts(
        paths,
        lexicon,
        dates=dates,
        date_order=date_order,
        model=model,
        context_words=context_words,
        exclude=exclude,
        limits=limits,
        follow_links=follow_links,
        metadata_dates=metadata_dates,
        rules=rules,
        language=language,
    )
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
