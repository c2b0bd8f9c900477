"""The library side of ``focuscount lexicon list/show/test/diff``: describe, trace and compare lexicons.

- :func:`listed_lexicons`: the shipped lexicons (the default first) and the configured one;
- :func:`describe_lexicon` and :func:`render_show_table`: a lexicon's categories, poles and terms;
- :func:`trace_sentences`: each token of a sentence, its lemma, and the term that matched it or
  the rule that removed it, through the same reading and counting code as every document;
- :func:`diff_lexicons` and :func:`compare_counts`: what changes from one lexicon to another,
  in its terms and, given documents, in their counts and ratio.

Every text from a lexicon or a sentence goes through :mod:`focuscount.escape` before it is shown:
a lexicon file may hold escape sequences.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tabulate import tabulate

from focuscount._version import __version__
from focuscount.analysis import Analysis
from focuscount.counting import IGNORE_TERM, count_document
from focuscount.errors import LexiconError
from focuscount.escape import display_path, dumps_json, for_ci_log, for_terminal
from focuscount.lexicon import IGNORE, Category, Lexicon, Term, load_lexicon, shipped_lexicons
from focuscount.matching import LexiconMatcher
from focuscount.model import Document, Hit, ratio_of
from focuscount.nlp import get_pipeline
from focuscount.readers._textblocks import normalise_newlines, paragraph_segments
from focuscount.reading import DEFAULT_RULES, ReadingRules, WordKnowledge, prepare
from focuscount.render.rows import format_ratio, plural

DEFAULT_LEXICON = "library"
LIST_SCHEMA = "focuscount/lexicon-list/v1"
SHOW_SCHEMA = "focuscount/lexicon-show/v1"
TEST_SCHEMA = "focuscount/lexicon-test/v1"
DIFF_SCHEMA = "focuscount/lexicon-diff/v1"

# How a category takes part in the ratio.
FOCUS, VERSUS, REPORT_ONLY = "focus", "versus", "report only - not in the ratio"
# The outcome of a token that a term matched and that counts.
COUNTED = "counted"
NO_TERM = "no term"
NOT_A_WORD = "not a word"
SPEAKER_LABEL = "speaker label"  # "Chair: …": the words that name who speaks are never matched
_WRAP = 100


# lexicon list
@dataclass(frozen=True)
class ListedLexicon:
    """One line of ``lexicon list``: a shipped or configured lexicon, or why the configured one does not load."""

    name: str
    language: str
    description: str
    path: Path | None
    default: bool = False
    configured: bool = False
    problem: str | None = None  # the configured lexicon does not load: the error's message

    @property
    def marks(self) -> tuple[str, ...]:
        """``default`` and/or ``configured``."""
        return tuple(mark for mark, on in (("default", self.default), ("configured", self.configured)) if on)


def listed_lexicons(configured: str | Path | None = None) -> list[ListedLexicon]:
    """The shipped lexicons, the default first then by name, and the ``configured`` one (a name or a path).

    A configured shipped name marks that lexicon; a configured path that is not a shipped file
    is listed last, with the error's message when it does not load.
    """
    shipped = shipped_lexicons()
    chosen = _same_file(configured, shipped) if configured is not None else None
    listed: list[ListedLexicon] = []
    for name, path in sorted(shipped.items(), key=lambda item: (item[0] != DEFAULT_LEXICON, item[0])):
        lexicon = load_lexicon(path)
        listed.append(
            ListedLexicon(name, lexicon.language, lexicon.description, path, name == DEFAULT_LEXICON, chosen == name)
        )
    if configured is not None and chosen is None:
        try:
            lexicon = load_lexicon(configured)
        except LexiconError as error:
            listed.append(ListedLexicon(Path(configured).stem, "", "", Path(configured), configured=True,
                                        problem=error.message))  # fmt: skip
        else:
            listed.append(
                ListedLexicon(lexicon.name, lexicon.language, lexicon.description, lexicon.path, configured=True)
            )
    return listed


def _same_file(configured: str | Path, shipped: dict[str, Path]) -> str | None:
    """The shipped name ``configured`` names (by name, or by a path to the shipped file), if any."""
    if str(configured) in shipped and not Path(configured).suffix:
        return str(configured)
    try:
        resolved = Path(configured).resolve()
    except OSError:
        return None
    return next((name for name, path in shipped.items() if path.resolve() == resolved), None)


def render_list_table(listed: Sequence[ListedLexicon]) -> str:
    """One line per lexicon: name and marks, language, description, file."""
    rows = []
    for item in listed:
        marks = f" ({', '.join(item.marks)})" if item.marks else ""
        description = item.description if item.problem is None else f"does not load: {item.problem}"
        rows.append(
            {
                "Lexicon": for_terminal(item.name + marks),
                "Language": for_terminal(item.language),
                "Description": for_terminal(description),
                "File": display_path(item.path) if item.path is not None else "",
            }
        )
    return for_ci_log(tabulate(rows, headers="keys", tablefmt="simple", disable_numparse=True) + "\n")


def list_record(listed: Sequence[ListedLexicon]) -> str:
    """``lexicon list -f json``."""
    data = {
        "schema": LIST_SCHEMA,
        "focuscount_version": __version__,
        "lexicons": [
            {
                "name": item.name,
                "language": item.language,
                "description": item.description,
                "path": str(item.path) if item.path is not None else None,
                "default": item.default,
                "configured": item.configured,
                "problem": item.problem,
            }
            for item in listed
        ],
    }
    return dumps_json(data) + "\n"


# lexicon show
def role(lexicon: Lexicon, category: str) -> str:
    """``focus``, ``versus`` or ``report only - not in the ratio``."""
    if category == lexicon.focus:
        return FOCUS
    if category == lexicon.versus:
        return VERSUS
    return REPORT_ONLY


def describe_lexicon(lexicon: Lexicon) -> dict[str, object]:
    """Everything ``lexicon show`` tells of a lexicon, as plain data (the ``-f json`` record)."""
    return {
        "schema": SHOW_SCHEMA,
        "focuscount_version": __version__,
        "name": lexicon.name,
        "description": lexicon.description,
        "language": lexicon.language,
        "path": str(lexicon.path) if lexicon.path is not None else None,
        "hash": lexicon.sha256,
        "names": lexicon.names,
        "ratio": {"focus": lexicon.focus, "versus": lexicon.versus},
        "categories": [
            {
                "name": category.name,
                "label": category.label,
                "description": category.description,
                "role": role(lexicon, category.name),
                "in_ratio": lexicon.in_ratio(category.name),
                "terms": [term.text for term in category.terms],
            }
            for category in lexicon.categories
        ],
        "ignore": {"terms": [term.text for term in lexicon.ignore], "names": [n.text for n in lexicon.ignore_names]},
        "warnings": list(lexicon.warnings),
    }


def render_show_table(lexicon: Lexicon) -> str:
    """A lexicon for reading: its file and poles, then each category with its terms, then what it ignores."""
    name, focus, versus = (for_terminal(text) for text in (lexicon.name, lexicon.focus, lexicon.versus))
    rule = (
        "ignore (terms inside multi-word proper names count nowhere)"
        if lexicon.names == "ignore"
        else "count (terms inside proper names count)"
    )
    lines = [
        f"name:        {name}",
        f"description: {for_terminal(lexicon.description) or '-'}",
        f"language:    {for_terminal(lexicon.language)}",
        f"file:        {display_path(lexicon.path) if lexicon.path is not None else '-'}",
        f"sha256:      {lexicon.short_hash}",
        f"names rule:  {rule}",
        f"ratio:       {focus} / ({focus} + {versus})",
    ]
    blocks = ["\n".join(lines)]
    for category in lexicon.categories:
        heading = (
            f"{for_terminal(category.name)}: {for_terminal(category.label)} - "
            f"{plural(len(category.terms), 'term')}, {role(lexicon, category.name)}"
        )
        body = [heading]
        if category.description:
            body.append(_wrapped(for_terminal(category.description)))
        body.append(_wrapped(_term_list(category.terms)))
        blocks.append("\n".join(body))
    ignore = [f"ignore terms: {plural(len(lexicon.ignore), 'term')}"]
    if lexicon.ignore:
        ignore.append(_wrapped(_term_list(lexicon.ignore)))
    ignore.append(f"[ignore] names: {plural(len(lexicon.ignore_names), 'name')}")
    if lexicon.ignore_names:
        ignore.append(_wrapped(_term_list(lexicon.ignore_names)))
    blocks.append("\n".join(ignore))
    if lexicon.warnings:
        blocks.append("\n".join(["import notes:", *(f"  {for_terminal(note)}" for note in lexicon.warnings)]))
    return for_ci_log("\n\n".join(blocks) + "\n")


def _term_list(terms: Iterable[Term]) -> str:
    return ", ".join(for_terminal(term.text) for term in terms)


def _wrapped(text: str) -> str:
    # Terms hold spaces ("library user"): break only after the commas between them when a line is full.
    return textwrap.fill(text, width=_WRAP, initial_indent="  ", subsequent_indent="  ", break_long_words=False,
                         break_on_hyphens=False)  # fmt: skip


# lexicon test
@dataclass(frozen=True)
class TokenTrace:
    """One token of a tested sentence: its lemma, and the term that matched it or why nothing counts."""

    text: str
    lemma: str
    category: str | None  # the category of the term that matched it ("ignore" for an ignore term)
    term: str | None  # the term as written in the lexicon
    outcome: str  # counted | ignore term | name: X | label | page furniture | speaker label | no term | not a word
    location: str  # "line 1"

    @property
    def counted(self) -> bool:
        """True when the token is part of a hit that counts."""
        return self.outcome == COUNTED


@dataclass(frozen=True)
class SentenceTrace:
    """A tested sentence: its tokens and the counts per category it adds up to."""

    text: str
    tokens: tuple[TokenTrace, ...]
    counts: dict[str, int]
    not_counted: dict[str, int]  # matches counted nowhere, by reason kind


def trace_sentences(
    lexicon: Lexicon, sentences: Iterable[str], model: str | None = None, rules: ReadingRules = DEFAULT_RULES
) -> tuple[SentenceTrace, ...]:
    """Each sentence read as a plain-text document and counted exactly as ``analyze`` counts one.

    The text goes through the reading stage (hygiene, labels, speaker turns; page furniture
    needs pages, so a sentence has none unless it holds form feeds) and the counting, so a
    token's outcome is the reason the counting gives: ``counted``, ``ignore term``,
    ``name: …``, ``label``, ``page furniture``; a token no term matched is ``no term``
    (``not a word`` for punctuation), and the words of a speaker label (``Chair:``) are
    ``speaker label``.
    """
    try:
        pipeline = get_pipeline(lexicon.language, model)
    except LexiconError as error:
        raise LexiconError(lexicon.path, error.message, error.line) from error
    matcher = LexiconMatcher(lexicon, pipeline)
    words = WordKnowledge(known=pipeline.is_known_word if pipeline.has_word_list else None, term=matcher.is_term_word)
    traces: list[SentenceTrace] = []
    for number, sentence in enumerate(sentences, start=1):
        text = normalise_newlines(sentence)
        raw = Document(Path(f"sentence-{number}.txt"), "txt", paragraph_segments(text))
        document = prepare(raw, rules, words)
        counts = count_document(document, matcher)
        hits: dict[int, list[Hit]] = {}
        for hit in counts.hits + counts.ignored:
            hits.setdefault(hit.segment, []).append(hit)
        tokens: list[TokenTrace] = []
        for index, segment in enumerate(document.segments):
            for_segment = sorted(hits.get(index, []), key=lambda hit: hit.start)
            for token in pipeline.tokens(segment.text):
                location = str(segment.location_at(token.start))
                covering = next((hit for hit in for_segment if hit.start <= token.start < hit.end), None)
                if covering is not None:
                    outcome = COUNTED if covering.reason is None else covering.reason
                    category = IGNORE if covering.reason == IGNORE_TERM else covering.category
                    tokens.append(TokenTrace(token.text, token.lemma, category, covering.term, outcome, location))
                    continue
                if token.start < segment.attribution:
                    outcome = SPEAKER_LABEL
                else:
                    outcome = NO_TERM if token.is_word else NOT_A_WORD
                tokens.append(TokenTrace(token.text, token.lemma, None, None, outcome, location))
        traces.append(SentenceTrace(sentence, tuple(tokens), dict(counts.counts), dict(counts.not_counted)))
    return tuple(traces)


def render_trace_table(lexicon: Lexicon, traces: Sequence[SentenceTrace]) -> str:
    """A table of tokens per sentence, then what the sentence counts."""
    blocks = []
    for number, trace in enumerate(traces, start=1):
        rows = [
            {
                "Token": for_terminal(token.text),
                "Lemma": for_terminal(token.lemma),
                "Category": for_terminal(_category_cell(lexicon, token.category)),
                "Term": for_terminal(token.term or ""),
                "Result": for_terminal(token.outcome),
            }
            for token in trace.tokens
        ]
        table = tabulate(rows, headers="keys", tablefmt="simple", disable_numparse=True) if rows else "No tokens."
        counted = ", ".join(f"{for_terminal(name)} {count}" for name, count in trace.counts.items())
        summary = f"counts: {counted}"
        if trace.not_counted:
            kinds = ", ".join(f"{for_terminal(kind)} {count}" for kind, count in sorted(trace.not_counted.items()))
            summary += f"; counted nowhere: {kinds}"
        blocks.append(f"Sentence {number}: {for_terminal(trace.text)}\n\n{table}\n\n{summary}")
    return for_ci_log("\n\n".join(blocks) + "\n")


def _category_cell(lexicon: Lexicon, category: str | None) -> str:
    if category is None:
        return ""
    if category != IGNORE and not lexicon.in_ratio(category):
        return f"{category} (not in the ratio)"
    return category


def trace_record(lexicon: Lexicon, traces: Sequence[SentenceTrace], model: str | None = None) -> str:
    """``lexicon test -f json``."""
    data = {
        "schema": TEST_SCHEMA,
        "focuscount_version": __version__,
        "lexicon": _lexicon_record(lexicon),
        "pipeline": get_pipeline(lexicon.language, model).name,
        "sentences": [
            {
                "text": trace.text,
                "counts": trace.counts,
                "not_counted": trace.not_counted,
                "tokens": [
                    {
                        "text": token.text,
                        "lemma": token.lemma,
                        "category": token.category,
                        "term": token.term,
                        "result": token.outcome,
                        "counted": token.counted,
                        "location": token.location,
                    }
                    for token in trace.tokens
                ],
            }
            for trace in traces
        ],
    }
    return dumps_json(data) + "\n"


def _lexicon_record(lexicon: Lexicon) -> dict[str, object]:
    return {
        "name": lexicon.name,
        "path": str(lexicon.path) if lexicon.path is not None else None,
        "hash": lexicon.sha256,
        "focus": lexicon.focus,
        "versus": lexicon.versus,
    }


# lexicon diff
@dataclass(frozen=True)
class CategoryDiff:
    """One category compared between two lexicons: terms added and removed, and its part in the ratio."""

    name: str
    role_before: str | None  # None: the category is new
    role_after: str | None  # None: the category was removed
    added: tuple[str, ...]
    removed: tuple[str, ...]
    label_before: str | None = None
    label_after: str | None = None

    @property
    def changed(self) -> bool:
        """True when anything about the category differs."""
        return bool(
            self.added or self.removed or self.role_before != self.role_after or self.label_before != self.label_after
        )


@dataclass(frozen=True)
class LexiconDiff:
    """What changes from lexicon ``before`` to lexicon ``after``."""

    before: Lexicon
    after: Lexicon
    categories: tuple[CategoryDiff, ...]
    ignore_added: tuple[str, ...]
    ignore_removed: tuple[str, ...]
    names_added: tuple[str, ...]
    names_removed: tuple[str, ...]

    @property
    def poles_changed(self) -> bool:
        """True when the ratio is made of other categories."""
        return (self.before.focus, self.before.versus) != (self.after.focus, self.after.versus)

    @property
    def same(self) -> bool:
        """True when the two lexicons count the same terms the same way."""
        return self.before.sha256 == self.after.sha256

    def moved(self) -> list[tuple[str, str, str]]:
        """``(term, from category, to category)`` for each term removed from one category and added to another."""
        removed = {_key_of(term): (term, c.name) for c in self.categories for term in c.removed}
        found = []
        for category in self.categories:
            for term in category.added:
                earlier = removed.get(_key_of(term))
                if earlier is not None and earlier[1] != category.name:
                    found.append((term, earlier[1], category.name))
        return found


def _key(term: Term) -> str:
    """What makes two terms one: the text, letter case aside unless the term is case-sensitive."""
    return term.text if term.case_sensitive else term.text.lower()


def _key_of(text: str) -> str:
    return _key(Term(text, ""))


def _changes(before: Iterable[Term], after: Iterable[Term]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Terms of ``after`` not in ``before`` (added), and of ``before`` not in ``after`` (removed), in file order."""
    old = {_key(term): term for term in before}
    new = {_key(term): term for term in after}
    added = tuple(term.text for key, term in new.items() if key not in old)
    removed = tuple(term.text for key, term in old.items() if key not in new)
    return added, removed


def diff_lexicons(before: Lexicon, after: Lexicon) -> LexiconDiff:
    """Terms added and removed per category, ignore terms and names, and the poles, from ``before`` to ``after``."""
    names = list(dict.fromkeys([*before.category_names, *after.category_names]))
    categories = []
    for name in names:
        old = _category_or_none(before, name)
        new = _category_or_none(after, name)
        added, removed = _changes(old.terms if old else (), new.terms if new else ())
        categories.append(
            CategoryDiff(
                name,
                role(before, name) if old else None,
                role(after, name) if new else None,
                added,
                removed,
                old.label if old else None,
                new.label if new else None,
            )
        )
    ignore_added, ignore_removed = _changes(before.ignore, after.ignore)
    names_added, names_removed = _changes(before.ignore_names, after.ignore_names)
    return LexiconDiff(before, after, tuple(categories), ignore_added, ignore_removed, names_added, names_removed)


def _category_or_none(lexicon: Lexicon, name: str) -> Category | None:
    return next((category for category in lexicon.categories if category.name == name), None)


def render_diff_table(diff: LexiconDiff, comparison: CountComparison | None = None) -> str:
    """The changes of terms per category, then (given documents) the counts and ratio under each lexicon."""
    before, after = diff.before, diff.after
    head = [f"A: {for_terminal(before.name)} ({_where(before)}, sha256 {before.short_hash})",
            f"B: {for_terminal(after.name)} ({_where(after)}, sha256 {after.short_hash})"]  # fmt: skip
    ratio_a, ratio_b = _ratio_text(before), _ratio_text(after)
    head.append(f"ratio: {ratio_a}" + (f" -> {ratio_b}" if diff.poles_changed else " (unchanged)"))
    if before.names != after.names:
        head.append(f"names rule: {before.names} -> {after.names}")
    if before.language != after.language:
        head.append(f"language: {for_terminal(before.language)} -> {for_terminal(after.language)}")
    blocks = ["\n".join(head)]
    moved = {(term, to): source for term, source, to in diff.moved()}
    changes: list[str] = []
    for category in diff.categories:
        if not category.changed:
            continue
        lines = [f"{for_terminal(category.name)}: {_role_change(category)}"]
        if category.label_before and category.label_after and category.label_before != category.label_after:
            lines.append(f"  label: {for_terminal(category.label_before)} -> {for_terminal(category.label_after)}")
        for term in category.added:
            source = moved.get((term, category.name))
            lines.append(f"  + {for_terminal(term)}" + (f" (from {for_terminal(source)})" if source else ""))
        lines.extend(f"  - {for_terminal(term)}" for term in category.removed)
        changes.append("\n".join(lines))
    for title, added, removed in (
        ("ignore terms", diff.ignore_added, diff.ignore_removed),
        ("[ignore] names", diff.names_added, diff.names_removed),
    ):
        if added or removed:
            lines = [f"{title}: {len(added)} added, {len(removed)} removed"]
            lines.extend(f"  + {for_terminal(term)}" for term in added)
            lines.extend(f"  - {for_terminal(term)}" for term in removed)
            changes.append("\n".join(lines))
    if changes:
        blocks.extend(changes)
    else:
        blocks.append("No term changes." if not diff.same else "The two lexicons are the same (same sha256).")
    if comparison is not None:
        documents = plural(len(comparison.documents), "document")
        blocks.append(f"Counts under A -> B ({documents})\n\n{render_comparison_table(comparison)}")
    return for_ci_log("\n\n".join(blocks) + "\n")


def _where(lexicon: Lexicon) -> str:
    return display_path(lexicon.path) if lexicon.path is not None else "no file"


def _ratio_text(lexicon: Lexicon) -> str:
    focus, versus = for_terminal(lexicon.focus), for_terminal(lexicon.versus)
    return f"{focus} / ({focus} + {versus})"


def _role_change(category: CategoryDiff) -> str:
    counts = f"{len(category.added)} added, {len(category.removed)} removed"
    if category.role_before is None:
        return f"new in B ({category.role_after}); {counts}"
    if category.role_after is None:
        return f"only in A ({category.role_before}); {counts}"
    if category.role_before != category.role_after:
        return f"{category.role_before} -> {category.role_after}; {counts}"
    return f"{category.role_after}; {counts}"


def diff_record(diff: LexiconDiff, comparison: CountComparison | None = None) -> str:
    """``lexicon diff -f json``."""
    data: dict[str, object] = {
        "schema": DIFF_SCHEMA,
        "focuscount_version": __version__,
        "a": _lexicon_record(diff.before),
        "b": _lexicon_record(diff.after),
        "poles_changed": diff.poles_changed,
        "same": diff.same,
        "categories": [
            {
                "name": category.name,
                "role_a": category.role_before,
                "role_b": category.role_after,
                "label_a": category.label_before,
                "label_b": category.label_after,
                "added": list(category.added),
                "removed": list(category.removed),
            }
            for category in diff.categories
        ],
        "moved": [{"term": term, "from": source, "to": to} for term, source, to in diff.moved()],
        "ignore": {"added": list(diff.ignore_added), "removed": list(diff.ignore_removed)},
        "names": {"added": list(diff.names_added), "removed": list(diff.names_removed)},
    }
    if comparison is not None:
        data["documents"] = [_row_record(row) for row in comparison.documents]
        data["overall"] = _row_record(comparison.overall)
    return dumps_json(data) + "\n"


# lexicon diff A B PATHS
@dataclass(frozen=True)
class ComparedRow:
    """One document (or all of them) counted under lexicon A and lexicon B."""

    label: str  # the document's path, or "overall"
    counts_a: dict[str, int]
    counts_b: dict[str, int]
    ratio_a: float | None
    ratio_b: float | None

    @property
    def change(self) -> float | None:
        """``ratio_b - ratio_a``; None when either has no ratio."""
        if self.ratio_a is None or self.ratio_b is None:
            return None
        return self.ratio_b - self.ratio_a


@dataclass(frozen=True)
class CountComparison:
    """The same documents counted with two lexicons: per document and overall."""

    categories: tuple[str, ...]  # A's categories, then those only B has
    documents: tuple[ComparedRow, ...]
    overall: ComparedRow


def compare_counts(first: Analysis, second: Analysis) -> CountComparison:
    """Per document (matched by path) and overall: counts per category and the ratio under each analysis."""
    categories = tuple(dict.fromkeys([*first.lexicon.category_names, *second.lexicon.category_names]))
    by_path = {counts.document.path: counts for counts in second.documents}
    rows = []
    for counts in first.documents:
        other = by_path.get(counts.document.path)
        rows.append(
            ComparedRow(
                str(counts.document.path),
                dict(counts.counts),
                dict(other.counts) if other is not None else {},
                counts.ratio,
                other.ratio if other is not None else None,
            )
        )
    totals_a, totals_b = first.counts, second.counts
    overall = ComparedRow(
        "overall",
        totals_a,
        totals_b,
        ratio_of(totals_a.get(first.lexicon.focus, 0), totals_a.get(first.lexicon.versus, 0)),
        ratio_of(totals_b.get(second.lexicon.focus, 0), totals_b.get(second.lexicon.versus, 0)),
    )
    return CountComparison(categories, tuple(rows), overall)


def render_comparison_table(comparison: CountComparison) -> str:
    """A row per document and one overall: each category's count A -> B, the ratio A -> B and the change."""
    rows = []
    for row in (*comparison.documents, comparison.overall):
        cells: dict[str, object] = {"Document": display_path(row.label) if row.label != "overall" else "overall"}
        for name in comparison.categories:
            cells[for_terminal(name)] = f"{_count(row.counts_a, name)} -> {_count(row.counts_b, name)}"
        cells["Ratio A -> B"] = f"{format_ratio(row.ratio_a)} -> {format_ratio(row.ratio_b)}"
        cells["Change"] = "—" if row.change is None else f"{row.change:+.2f}"
        rows.append(cells)
    colalign = ("left", *("right" for _ in comparison.categories), "right", "right")
    return tabulate(rows, headers="keys", tablefmt="simple", colalign=colalign, disable_numparse=True)


def _count(counts: dict[str, int], name: str) -> str:
    return str(counts[name]) if name in counts else "-"


def _row_record(row: ComparedRow) -> dict[str, object]:
    return {
        "document": row.label,
        "counts_a": row.counts_a,
        "counts_b": row.counts_b,
        "ratio_a": _rounded(row.ratio_a),
        "ratio_b": _rounded(row.ratio_b),
        "change": _rounded(row.change),
    }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def term_total(lexicon: Lexicon) -> int:
    """Terms in all categories (not ignore terms)."""
    return sum(len(category.terms) for category in lexicon.categories)


def category_summary(lexicon: Lexicon) -> str:
    """``customer 12, institution 30, community 4``: each category with its number of terms."""
    return ", ".join(f"{category.name} {len(category.terms)}" for category in lexicon.categories)
