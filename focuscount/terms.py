"""Which lexicon terms drive the counts, which frequent words no term matches, and which names removed hits."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from focuscount.analysis import Analysis, counted_documents, iter_document_counts
from focuscount.discovery import Skipped
from focuscount.errors import ConfigError
from focuscount.lexicon import Lexicon, load_lexicon
from focuscount.model import DocumentCounts
from focuscount.nlp import get_pipeline
from focuscount.options import DEFAULT_READ, SERIAL, Execution, ReadOptions

DEFAULT_TOP = 15
NAME_REASON = "name: "  # how an ignored hit's reason starts when the hit was inside a proper name


@dataclass(frozen=True)
class TermCount:
    """A term (or an unmatched word) and how often it was found."""

    category: str  # the lexicon category, or "unmatched"
    term: str
    count: int
    share: float | None  # of all hits in the category (None for unmatched words)


@dataclass(frozen=True)
class NameCount:
    """A proper name that took term hits out of the counts: how often it did, and how many hits it took."""

    name: str
    count: int  # occurrences of the name that held at least one term hit
    hits: int  # the term hits inside those occurrences, which counted nowhere
    listed: bool  # True for a name the lexicon lists ([ignore] names), False for one the names rule found


@dataclass(frozen=True)
class TermReport:
    """Top terms per category over a set of documents, and optionally unmatched words."""

    lexicon: Lexicon
    documents: int
    words: int
    totals: dict[str, int]  # hits per category
    top: dict[str, tuple[TermCount, ...]]  # category → most frequent terms
    unmatched: tuple[TermCount, ...] | None  # most frequent content words no term matched
    skipped: tuple[Skipped, ...]
    names: tuple[NameCount, ...] | None = None  # the names that removed most hits, when asked for


def term_report(
    paths: Iterable[Path | str],
    lexicon: Lexicon | str | Path = "library",
    *,
    top: int = DEFAULT_TOP,
    unmatched: bool = False,
    names: bool = False,
    options: ReadOptions = DEFAULT_READ,
    execution: Execution = SERIAL,
    on_skip: Callable[[Skipped], None] | None = None,
) -> TermReport:
    """Count matched terms per category (and, with ``unmatched``, the words no term matched), ``top`` of each.

    With ``names``, also list the proper names that took term hits out of the counts
    (the names rule's and the lexicon's own), most frequent first.  ``options`` say
    how the files are read (:class:`~focuscount.options.ReadOptions`).
    """
    if top < 1:
        raise ConfigError(None, f"`top` must be 1 or more, not {top}", parameters=("top",))
    if not isinstance(lexicon, Lexicon):
        lexicon = load_lexicon(lexicon)
    per_category: dict[str, Counter[str]] = {name: Counter() for name in lexicon.category_names}
    missed: Counter[str] = Counter()
    found_names = _NameTally()
    documents = words = 0
    skipped: list[Skipped] = []
    stream = iter_document_counts(paths, lexicon, options=options, unmatched=unmatched, execution=execution)
    for item in counted_documents(stream, skipped, on_skip):
        documents += 1
        words += item.words
        for category, counts in item.term_counts.items():
            per_category[category].update(counts)
        missed.update(item.unmatched)
        if names:
            found_names.add(item)
    words_by_lemma = _by_lemma(missed, get_pipeline(lexicon.language, options.model).lemma)
    return _report(
        lexicon,
        per_category,
        documents,
        words,
        top,
        tuple(TermCount("unmatched", word, n, None) for word, n in _most_common(words_by_lemma, top))
        if unmatched
        else None,
        tuple(skipped),
        found_names.top(top, {name.text for name in lexicon.ignore_names}) if names else None,
    )


def term_report_from(analysis: Analysis, top: int = DEFAULT_TOP) -> TermReport:
    """The top terms of an analysis already made (no second reading; no unmatched words)."""
    per_category: dict[str, Counter[str]] = {name: Counter() for name in analysis.lexicon.category_names}
    for counts in analysis.documents:
        for category, terms in counts.term_counts.items():
            per_category[category].update(terms)
    return _report(analysis.lexicon, per_category, len(analysis.documents), analysis.words, top, None, analysis.skipped)


def _report(
    lexicon: Lexicon,
    per_category: dict[str, Counter[str]],
    documents: int,
    words: int,
    top: int,
    unmatched: tuple[TermCount, ...] | None,
    skipped: tuple[Skipped, ...],
    names: tuple[NameCount, ...] | None = None,
) -> TermReport:
    totals = {name: sum(counter.values()) for name, counter in per_category.items()}
    tops = {
        name: tuple(TermCount(name, term, count, count / totals[name]) for term, count in _most_common(counter, top))
        for name, counter in per_category.items()
    }
    return TermReport(lexicon, documents, words, totals, tops, unmatched, skipped, names)


class _NameTally:
    """Occurrences of each name, and the hits inside them, from the ignored hits of many documents.

    A hit's reason names the name it was in ("name: Riverside Public Library"); two
    hits inside one occurrence ("Friends of the Library Family Day") count it once,
    so each hit is placed in the occurrence of its name that it overlaps.
    """

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.occurrences: dict[str, set[tuple[int, int, int]]] = {}
        self._documents = 0

    def add(self, counts: DocumentCounts) -> None:
        self._documents += 1
        spans: dict[tuple[int, str], list[tuple[int, int]]] = {}
        for hit in counts.ignored:
            if hit.reason is None or not hit.reason.startswith(NAME_REASON):
                continue
            name = hit.reason[len(NAME_REASON) :]
            self.hits[name] += 1
            key = (hit.segment, name)
            if key not in spans:
                spans[key] = _occurrences(name, _segment_text(counts, hit.segment))
            start = next((s for s, e in spans[key] if s < hit.end and hit.start < e), hit.start)
            self.occurrences.setdefault(name, set()).add((self._documents, hit.segment, start))

    def top(self, top: int, listed: set[str]) -> tuple[NameCount, ...]:
        """The ``top`` names, most occurrences first, then most hits, then alphabetical."""
        rows = [NameCount(name, len(self.occurrences[name]), hits, name in listed) for name, hits in self.hits.items()]
        rows.sort(key=lambda row: (-row.count, -row.hits, row.name))
        return tuple(rows[:top])


def _segment_text(counts: DocumentCounts, index: int) -> str:
    segments = counts.document.segments
    return segments[index].text if 0 <= index < len(segments) else ""


def _occurrences(name: str, text: str) -> list[tuple[int, int]]:
    """Where ``name`` is written in ``text``, any whitespace (a line break) between its words."""
    pattern = r"\s+".join(re.escape(word) for word in name.split())
    return [(found.start(), found.end()) for found in re.finditer(pattern, text)]


def _by_lemma(words: Counter[str], lemma: Callable[[str], str]) -> Counter[str]:
    """Counts of a word's inflections summed under its most frequent form ("meetings" and
    "meeting" count together as "meeting"); a lexicon term written as that form matches them all."""
    groups: dict[str, Counter[str]] = {}
    for word, count in words.items():
        groups.setdefault(lemma(word), Counter())[word] += count
    return Counter({_most_common(forms, 1)[0][0]: sum(forms.values()) for forms in groups.values()})


def _most_common(counter: Counter[str], top: int) -> list[tuple[str, int]]:
    """The ``top`` most frequent items; ties in alphabetical order, so output is stable."""
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:top]
