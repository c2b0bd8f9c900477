"""A precision audit of a lexicon on the user's own documents: draw a sample of hits, judge it, score it.

The loop is: :func:`draw_sample` takes the counted hits of a corpus and draws a
stratified random sample; :func:`sample_sheet` and :func:`render_sheet` turn it into
an audit CSV with an empty ``correct`` column; a person fills it in (a spreadsheet,
or ``focuscount audit --interactive``); :func:`read_sheet` and :func:`score_sheet`
report precision from the CSV alone.

**The sample.**  Every category gets the same share of the sample (report-only
categories too); a category with fewer hits than its share gives all of them and
the rest goes to the others.  Inside a category the terms are the strata: each term
with hits gets one hit when the share allows (most frequent terms first when it does
not), and the rest is allocated in proportion to the square root of the term's hits
(power allocation): frequent terms get more, as the category's precision rests on
them, and rare terms still get enough for a precision of their own.  Inside a term
the hits are taken by systematic sampling with a random start over the term's hits
in document order, so every hit of the term has the same chance (``judged / term_hits``)
and the sample is spread over the documents in proportion to their hits.

**The score.**  Terms are sampled at different rates, so a category's precision
weights each judged row by ``term_hits / judged rows of its term`` (the inverse of
its inclusion probability); its Wilson interval is taken on Kish's effective sample
size ``(sum w)² / sum w²``.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import math
import os
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from statistics import NormalDist
from typing import TYPE_CHECKING

from focuscount.errors import ConfigError, ReadError
from focuscount.escape import dumps_json, for_ci_log, for_csv_cell, for_terminal
from focuscount.output import write_atomic
from focuscount.safeio import MAX_SMALL_INPUT_BYTES, read_regular_file
from focuscount.uncertainty import Interval, format_interval, wilson

if TYPE_CHECKING:  # annotations only: `focuscount audit --help` need not load the analysis
    from focuscount.evidence import Evidence
    from focuscount.lexicon import Lexicon

DEFAULT_SAMPLE = 200
DEFAULT_SEED = 1
DEFAULT_AUDIT_CONTEXT_WORDS = 12  # more than explain's 8: a judge needs the sentence, not a glimpse
SCORE_FORMATS = ("table", "json", "csv")
SCORE_SCHEMA = "focuscount/audit-score/v1"
# Excel reads a UTF-8 CSV without a byte order mark in the ANSI code page ("Ã©" for "é"); with it, as UTF-8.
BOM = "\ufeff"

COLUMNS = (
    "id", "category", "in_ratio", "pole", "term", "matched", "document", "location", "context",
    "term_hits", "category_hits", "lexicon", "lexicon_sha", "correct", "note",
)  # fmt: skip
# What scoring reads; lexicon, lexicon_sha and note are for people, and may be dropped.
REQUIRED_COLUMNS = (
    "id", "category", "in_ratio", "pole", "term", "matched", "context", "term_hits", "category_hits", "correct",
)  # fmt: skip
YES, NO = frozenset({"y", "yes"}), frozenset({"n", "no"})
FOCUS, VERSUS = "focus", "versus"
MAX_PHRASES = 10
SHIPPED_LANGUAGES = ("en", "de", "fr", "es", "nl")
# Both precisions' intervals at 97.5% hold together at least 95% of the time (Bonferroni).
Z_JOINT = NormalDist().inv_cdf(1 - 0.05 / 4)
_WORD = re.compile(r"\w+(?:['’-]\w+)*|[^\w\s]")
_FORMULA_GUARD = re.compile(r"^'(?=[=+\-@\t\r])")


@dataclass(frozen=True)
class AuditSample:
    """The drawn sample: one CSV row (column → value) per sampled hit, and what could not be sampled."""

    rows: tuple[dict[str, object], ...]
    hits: int  # counted hits in the corpus
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class AuditSheet:
    """An audit CSV as read or about to be written: its columns in order and its rows as text."""

    columns: tuple[str, ...]
    rows: tuple[dict[str, str], ...]
    path: Path | None = None
    delimiter: str = ","

    def judgement(self, index: int) -> bool | None:
        """The ``correct`` cell of row ``index`` (0-based): True, False, or None when blank."""
        return parse_judgement(self.rows[index].get("correct", ""), self, index)

    @property
    def judged(self) -> int:
        """How many rows have a judgement."""
        return sum(1 for index in range(len(self.rows)) if self.judgement(index) is not None)

    def next_unjudged(self, start: int = 0) -> int | None:
        """The index of the first row at or after ``start`` left blank, or None."""
        for index in range(start, len(self.rows)):
            if self.judgement(index) is None:
                return index
        return None

    def with_judgement(self, index: int, correct: bool | None, note: str | None = None) -> AuditSheet:
        """A copy with row ``index`` judged (``y``/``n``) or made blank again (None); ``note`` replaces the note."""
        row = dict(self.rows[index])
        row["correct"] = "" if correct is None else ("y" if correct else "n")
        if note is not None:
            row["note"] = note
        columns = self.columns if "note" in self.columns or note is None else (*self.columns, "note")
        return replace(self, rows=(*self.rows[:index], row, *self.rows[index + 1 :]), columns=columns)


# --- drawing the sample -----------------------------------------------------------------------------------


def allocate(total: int, sizes: Sequence[int], weights: Sequence[float] | None = None) -> list[int]:
    """Split ``total`` draws over strata of ``sizes``: one each first (largest first), the rest by ``weights``.

    No stratum gets more than its size; what a full stratum cannot take goes to the
    others.  Shares are floored, and the last draws go by the largest remainders
    (ties: the larger stratum, then the earlier).  ``weights`` default to equal.
    """
    weights = list(weights) if weights is not None else [1.0] * len(sizes)
    wanted = min(total, sum(sizes))
    counts = [0] * len(sizes)
    order = sorted(range(len(sizes)), key=lambda index: (-sizes[index], index))
    for index in [index for index in order if sizes[index] > 0][:wanted]:
        counts[index] = 1
    while (remaining := wanted - sum(counts)) > 0:
        open_strata = [index for index in order if counts[index] < sizes[index]]
        weight = sum(weights[index] for index in open_strata) or float(len(open_strata))
        quotas = {index: remaining * (weights[index] or 0.0) / weight for index in open_strata}
        given = 0
        for index in open_strata:
            share = min(math.floor(quotas[index]), sizes[index] - counts[index])
            counts[index] += share
            given += share
        if given == 0:  # every quota is below one: the largest remainders take one draw each
            by_remainder = sorted(open_strata, key=lambda index: -quotas[index])
            for index in by_remainder[:remaining]:
                counts[index] += 1
    return counts


def draw_sample(
    evidence: Iterable[Evidence], lexicon: Lexicon, size: int = DEFAULT_SAMPLE, seed: int = DEFAULT_SEED
) -> AuditSample:
    """A stratified random sample of ``size`` counted hits (see the module docstring), the same for a ``seed``.

    Ignored hits (``hit.reason`` set) are never sampled.  Rows come in lexicon
    category order, then document order, numbered from 1.
    """
    if size < 1:
        raise ConfigError(None, f"--sample must be 1 or more hits, not {size}")
    by_term: dict[str, dict[str, list[Evidence]]] = {name: defaultdict(list) for name in lexicon.category_names}
    hits = 0
    for item in evidence:
        if item.hit.reason is None and item.hit.category in by_term:
            by_term[item.hit.category][item.hit.term].append(item)
            hits += 1
    rng = random.Random(seed)
    warnings = [
        f"category '{name}' has no hits in these documents: nothing of it to judge"
        for name, terms in by_term.items()
        if not terms
    ]
    categories = [name for name in lexicon.category_names if by_term[name]]
    category_sizes = [sum(len(items) for items in by_term[name].values()) for name in categories]
    chosen: list[tuple[str, Evidence]] = []
    for name, share in zip(categories, allocate(size, category_sizes), strict=True):
        terms = sorted(by_term[name])  # a fixed order, whatever order the documents came in
        term_sizes = [len(by_term[name][term]) for term in terms]
        draws = allocate(share, term_sizes, [math.sqrt(count) for count in term_sizes])
        for term, draw in zip(terms, draws, strict=True):
            items = sorted(by_term[name][term], key=_document_order)
            chosen.extend((name, item) for item in _systematic(items, draw, rng))
    term_hits = {(name, term): len(items) for name, terms in by_term.items() for term, items in terms.items()}
    category_hits = dict(zip(categories, category_sizes, strict=True))
    rank = {name: position for position, name in enumerate(lexicon.category_names)}
    chosen.sort(key=lambda pair: (rank[pair[0]], *_document_order(pair[1])))
    rows = tuple(
        _row(number, item, lexicon, term_hits[(name, item.hit.term)], category_hits[name])
        for number, (name, item) in enumerate(chosen, start=1)
    )
    return AuditSample(rows, hits, tuple(warnings))


def _document_order(item: Evidence) -> tuple[str, int, int]:
    return (os.fsdecode(item.path), item.hit.segment, item.hit.start)


def _systematic(items: list[Evidence], draw: int, rng: random.Random) -> list[Evidence]:
    """``draw`` of ``items`` at a fixed interval from a random start: each has the chance ``draw / len(items)``."""
    if draw >= len(items):
        return list(items)
    if draw == 0:
        return []
    step = len(items) / draw
    start = rng.random() * step
    return [items[math.floor(start + step * k)] for k in range(draw)]


def _pole(lexicon: Lexicon, category: str) -> str:
    if category == lexicon.focus:
        return FOCUS
    return VERSUS if category == lexicon.versus else ""


def _row(number: int, item: Evidence, lexicon: Lexicon, term_hits: int, category_hits: int) -> dict[str, object]:
    hit = item.hit
    location = str(hit.location)
    if hit.location.speaker:
        location += f", {hit.location.speaker}"
    matched = " ".join(hit.matched_text.split())
    return {
        "id": number,
        "category": hit.category,
        "in_ratio": "yes" if lexicon.in_ratio(hit.category) else "no",
        "pole": _pole(lexicon, hit.category),
        "term": hit.term,
        "matched": matched,
        "document": os.fsdecode(item.path),
        "location": location,
        "context": f"{hit.before}[[{matched}]]{hit.after}",
        "term_hits": term_hits,
        "category_hits": category_hits,
        "lexicon": lexicon.name,
        "lexicon_sha": lexicon.short_hash,
        "correct": "",
        "note": "",
    }


def sample_sheet(sample: AuditSample) -> AuditSheet:
    """The audit CSV of a drawn sample, every cell escaped (:func:`focuscount.escape.for_csv_cell`) as text."""
    rows = tuple({column: str(for_csv_cell(row[column])) for column in COLUMNS} for row in sample.rows)
    return AuditSheet(COLUMNS, rows)


# --- writing and reading the CSV ----------------------------------------------------------------------------


def render_sheet(sheet: AuditSheet) -> str:
    """The CSV text of ``sheet`` (no byte order mark: :func:`write_sheet` adds one to files).

    Every cell goes through :func:`for_csv_cell` again: escaping twice changes
    nothing, and a note typed into a spreadsheet is made safe too.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sheet.delimiter, lineterminator="\n")
    writer.writerow(sheet.columns)
    for row in sheet.rows:
        writer.writerow([for_csv_cell(row.get(column, "")) for column in sheet.columns])
    return for_ci_log(buffer.getvalue())


def write_sheet(sheet: AuditSheet, path: Path) -> None:
    """Write ``sheet`` to ``path`` atomically, UTF-8 with a byte order mark (see :data:`BOM`)."""
    write_atomic(path, BOM + render_sheet(sheet), "the audit file")


def read_sheet(path: Path) -> AuditSheet:
    """Read an audit CSV (UTF-8 with or without BOM, or Windows-1252; comma, semicolon or tab separated).

    Raises :class:`ConfigError` naming the file: not found, not a file, or missing
    the columns scoring needs.  Judgement values are checked by :func:`score_sheet`.
    """
    text = _read_text(path)
    lines = text.splitlines()
    header = lines[0] if lines else ""
    delimiter = max((",", ";", "\t"), key=lambda mark: (len(next(csv.reader([header], delimiter=mark))), mark == ","))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        table = list(reader)
    except csv.Error as error:
        raise ConfigError(path, f"not a readable CSV file ({error}); save it as CSV UTF-8") from error
    columns = tuple(cell.strip().lower() for cell in table[0]) if table else ()
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        raise ConfigError(
            path,
            f"not an audit file: missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
            "(write one with `focuscount audit PATHS -o FILE.csv`)",
        )
    rows = []
    for cells in table[1:]:
        if not any(cell.strip() for cell in cells):
            continue  # a blank line a spreadsheet left at the end
        rows.append({column: (cells[i] if i < len(cells) else "") for i, column in enumerate(columns)})
    return AuditSheet(columns, tuple(rows), path, delimiter)


def _read_text(path: Path) -> str:
    try:
        raw = read_regular_file(path, MAX_SMALL_INPUT_BYTES, "audit file larger than 64 MB")
    except ReadError as error:
        if isinstance(error.cause, FileNotFoundError) and not path.is_symlink():
            advice = "audit file not found; draw one with `focuscount audit PATHS -o FILE.csv`"
            raise ConfigError(path, advice) from error
        raise ConfigError(path, error.reason) from error
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:  # Excel's plain "CSV (Comma delimited)" on Windows
        return raw.decode("cp1252")
    except UnicodeDecodeError as error:
        raise ConfigError(path, f"neither UTF-8 nor Windows-1252 text ({error}); save it as CSV UTF-8") from error


def parse_judgement(value: str, sheet: AuditSheet, index: int) -> bool | None:
    """``y``/``yes`` → True, ``n``/``no`` → False (any case, spaces), blank → None; else a :class:`ConfigError`."""
    text = value.strip().lower()
    if not text:
        return None
    if text in YES:
        return True
    if text in NO:
        return False
    raise ConfigError(
        sheet.path, f"{_row_name(sheet, index)}: correct is {for_terminal(value)!r}; write y or n, or leave it blank"
    )


def _row_name(sheet: AuditSheet, index: int) -> str:
    # Row 1 is the header, as a spreadsheet numbers them.
    identifier = sheet.rows[index].get("id", "").strip()
    return f"row {index + 2}" + (f" (id {for_terminal(identifier)})" if identifier else "")


def judgements_in(path: Path) -> int:
    """How many rows of an existing file at ``path`` are judged, when it is a readable audit file; else 0.

    Only a regular file is opened (a pipe or device is never read).  A file that is
    not an audit CSV holds no judgements to lose.
    """
    try:
        if not path.is_file():
            return 0
        sheet = read_sheet(path)
    except (ConfigError, OSError):
        return 0
    return sum(1 for row in sheet.rows if row.get("correct", "").strip())


def check_overwrite(path: Path, force: bool) -> None:
    """Refuse to replace an audit file that holds judgements, unless ``force``."""
    judged = judgements_in(path)
    if judged and not force:
        raise ConfigError(
            path,
            f"holds {judged} judgement{'s' if judged != 1 else ''}; a new sample would replace "
            f"{'them' if judged != 1 else 'it'}: score it "
            "with --score, continue it with --resume, write the new sample elsewhere, or pass --force",
        )


# --- scoring ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Precision:
    """The precision of a term or a category: judged rows, correct ones, the estimate and its 95% interval."""

    category: str
    term: str | None  # None for a whole category
    hits: int  # hits in the corpus (term_hits or category_hits)
    rows: int  # rows in the sample
    judged: int
    correct: int
    precision: float | None
    interval: Interval | None
    effective_n: float | None = None  # Kish's effective sample size (categories)
    coverage: float | None = None  # share of the category's hits whose terms were judged
    in_ratio: bool = False
    pole: str = ""


@dataclass(frozen=True)
class IgnorePhrase:
    """A phrase to add to ``[ignore] terms``: the false hits it removes, and the correct ones."""

    phrase: str
    terms: tuple[str, ...]
    false_removed: int
    correct_removed: int


@dataclass(frozen=True)
class AuditScore:
    """Everything ``focuscount audit --score`` reports."""

    path: Path | None
    lexicon: str
    lexicon_sha: str
    rows: int
    judged: int
    categories: tuple[Precision, ...]
    terms: tuple[Precision, ...]
    raw_ratio: float | None
    corrected_ratio: float | None
    corrected_interval: Interval | None
    ratio_note: str
    phrases: tuple[IgnorePhrase, ...]
    false_hits: int  # rows marked n


def score_sheet(sheet: AuditSheet, max_phrases: int = MAX_PHRASES) -> AuditScore:
    """Precision per category and term, the precision-corrected ratio and ignore phrases, from the sheet alone."""
    judged_rows: list[tuple[int, bool]] = []
    term_hits: dict[tuple[str, str], int] = {}
    category_hits: dict[str, int] = {}
    pole_of: dict[str, str] = {}
    in_ratio: dict[str, bool] = {}
    term_rows: Counter[tuple[str, str]] = Counter()
    for index, row in enumerate(sheet.rows):
        verdict = sheet.judgement(index)
        category, term = _text(row["category"]), _text(row["term"])
        _agree(term_hits, (category, term), _count(sheet, index, "term_hits"), sheet, index, "term_hits")
        _agree(category_hits, category, _count(sheet, index, "category_hits"), sheet, index, "category_hits")
        pole_of.setdefault(category, row["pole"].strip().lower())
        in_ratio.setdefault(category, row["in_ratio"].strip().lower() in YES)
        term_rows[(category, term)] += 1
        if verdict is not None:
            judged_rows.append((index, verdict))
    terms = _term_precisions(sheet, judged_rows, term_hits, term_rows, pole_of, in_ratio)
    categories = tuple(
        _category_precision(name, terms, category_hits[name], term_rows, pole_of[name], in_ratio[name])
        for name in category_hits
    )
    raw, corrected, interval, note = _ratios(categories)
    first = sheet.rows[0] if sheet.rows else {}
    return AuditScore(
        sheet.path,
        _text(first.get("lexicon", "")),
        _text(first.get("lexicon_sha", "")),
        len(sheet.rows),
        len(judged_rows),
        categories,
        terms,
        raw,
        corrected,
        interval,
        note,
        suggest_phrases(sheet, judged_rows, max_phrases),
        sum(1 for _, verdict in judged_rows if not verdict),
    )


def _text(cell: str) -> str:
    """A cell as it was before :func:`for_csv_cell` guarded it (a term written ``=ALA`` is shown so)."""
    return _FORMULA_GUARD.sub("", cell.strip())


def _count(sheet: AuditSheet, index: int, column: str) -> int:
    value = sheet.rows[index][column].strip().replace(",", "")
    if value.isdigit() and int(value) > 0:
        return int(value)
    raise ConfigError(
        sheet.path,
        f"{_row_name(sheet, index)}: {column} is {for_terminal(value)!r}, not a count of hits; "
        "restore it from the file focuscount wrote",
    )


def _agree(seen: dict, key: object, value: int, sheet: AuditSheet, index: int, column: str) -> None:
    known = seen.setdefault(key, value)
    if known != value:
        raise ConfigError(
            sheet.path,
            f"{_row_name(sheet, index)}: {column} is {value}, but an earlier row of the same "
            f"{'term' if column == 'term_hits' else 'category'} says {known}; "
            "restore it from the file focuscount wrote",
        )


def _term_precisions(
    sheet: AuditSheet,
    judged_rows: list[tuple[int, bool]],
    term_hits: dict[tuple[str, str], int],
    term_rows: Counter[tuple[str, str]],
    pole_of: dict[str, str],
    in_ratio: dict[str, bool],
) -> tuple[Precision, ...]:
    judged: Counter[tuple[str, str]] = Counter()
    correct: Counter[tuple[str, str]] = Counter()
    for index, verdict in judged_rows:
        key = (_text(sheet.rows[index]["category"]), _text(sheet.rows[index]["term"]))
        judged[key] += 1
        correct[key] += verdict
    results = []
    for key in term_rows:
        category, term = key
        n, y = judged[key], correct[key]
        precision = y / n if n else None
        item = Precision(category, term, term_hits[key], term_rows[key], n, y, precision, wilson(y, n))
        results.append(replace(item, in_ratio=in_ratio[category], pole=pole_of[category]))
    return tuple(results)


def _category_precision(
    name: str,
    terms: tuple[Precision, ...],
    hits: int,
    term_rows: Counter[tuple[str, str]],
    pole: str,
    in_ratio: bool,
) -> Precision:
    """Weighted precision: each judged row of a term weighs term_hits / judged rows of that term."""
    mine = [term for term in terms if term.category == name]
    judged = [term for term in mine if term.judged]
    weight = sum(term.hits for term in judged)  # the sum of the rows' weights
    squares = sum(term.hits**2 / term.judged for term in judged)  # each row's weight (hits/judged), squared
    rows = sum(term_rows[(name, term.term)] for term in mine if term.term is not None)
    n = sum(term.judged for term in judged)
    y = sum(term.correct for term in judged)
    if not judged:
        return Precision(name, None, hits, rows, 0, 0, None, None, None, 0.0, in_ratio, pole)
    precision = sum(term.hits * term.correct / term.judged for term in judged) / weight
    effective = weight**2 / squares
    interval = wilson(precision * effective, effective)
    return Precision(name, None, hits, rows, n, y, precision, interval, effective, weight / hits, in_ratio, pole)


def corrected_ratio(focus_precision: float, focus_hits: int, versus_precision: float, versus_hits: int) -> float | None:
    """``(P_focus N_focus) / (P_focus N_focus + P_versus N_versus)``: the ratio of the correct hits."""
    focus, versus = focus_precision * focus_hits, versus_precision * versus_hits
    return focus / (focus + versus) if focus + versus > 0 else None


def _ratios(categories: tuple[Precision, ...]) -> tuple[float | None, float | None, Interval | None, str]:
    by_pole = {category.pole: category for category in categories if category.pole in (FOCUS, VERSUS)}
    focus, versus = by_pole.get(FOCUS), by_pole.get(VERSUS)
    if focus is None or versus is None:
        missing = FOCUS if focus is None else VERSUS
        return None, None, None, f"no row of the {missing} category: no ratio"
    raw = focus.hits / (focus.hits + versus.hits)
    if focus.precision is None or versus.precision is None:
        name = focus.category if focus.precision is None else versus.category
        return raw, None, None, f"no judged row of '{name}': no precision-corrected ratio"
    assert focus.effective_n is not None and versus.effective_n is not None
    ratio = corrected_ratio(focus.precision, focus.hits, versus.precision, versus.hits)
    # The ratio rises with P_focus and falls with P_versus, so the extremes of their intervals bound it.
    focus_wide = wilson(focus.precision * focus.effective_n, focus.effective_n, Z_JOINT)
    versus_wide = wilson(versus.precision * versus.effective_n, versus.effective_n, Z_JOINT)
    assert focus_wide is not None and versus_wide is not None
    low = corrected_ratio(focus_wide.low, focus.hits, versus_wide.high, versus.hits)
    high = corrected_ratio(focus_wide.high, focus.hits, versus_wide.low, versus.hits)
    interval = Interval(low if low is not None else 0.0, high if high is not None else 1.0)
    note = (
        "95% interval: both precisions at their 97.5% Wilson intervals, taken at the extremes (together they hold "
        "at least 95% of the time); the counts are taken as they are"
    )
    return raw, ratio, interval, note


# --- ignore phrases -----------------------------------------------------------------------------------------


def _split_context(row: dict[str, str]) -> tuple[list[str], list[str], list[str]] | None:
    """The words before, of and after the match, read from ``before [[matched]] after``; None if not marked."""
    context = _text(row["context"])
    start = context.find("[[")
    end = context.rfind("]]")
    if start < 0 or end < start:
        return None
    return _words(context[:start]), _words(context[start + 2 : end]), _words(context[end + 2 :])


def _words(text: str) -> list[str]:
    # Punctuation stays as its own token, so no phrase spans "family. Leave" (an ignore term never would).
    return [token.lower() for token in _WORD.findall(text)]


def _candidates(row: dict[str, str]) -> set[str]:
    """Phrases of the matched words and one or two neighbours (no punctuation inside): what could be ignored."""
    parts = _split_context(row)
    if parts is None or not parts[1]:
        return set()
    before, matched, after = parts
    found = set()
    for left in range(3):
        for right in range(3 - left):
            if left + right == 0:
                continue
            if left > len(before) or right > len(after):
                continue
            neighbours = before[len(before) - left :] + after[:right]
            words = before[len(before) - left :] + matched + after[:right]
            # An edge word like "and" or "the" makes a phrase too general to ignore safely.
            edges = {words[0], words[-1]} & set(neighbours)
            if all(_is_word(word) for word in words) and not edges & _stop_words():
                found.add(" ".join(words))
    return found


@functools.cache
def _stop_words() -> frozenset[str]:
    """The stop words of the languages focuscount ships lexicons for (the CSV does not say its language)."""
    import importlib

    words: set[str] = set()
    for language in SHIPPED_LANGUAGES:
        try:
            words |= importlib.import_module(f"spacy.lang.{language}.stop_words").STOP_WORDS
        except ImportError:
            continue
    return frozenset(words)


def _is_word(token: str) -> bool:
    return bool(token) and (token[0].isalnum() or token[0] == "_")


def suggest_phrases(
    sheet: AuditSheet, judged_rows: list[tuple[int, bool]], max_phrases: int = MAX_PHRASES
) -> tuple[IgnorePhrase, ...]:
    """Ignore phrases that remove the most false hits (rows marked n) net of correct ones (rows marked y).

    A phrase is the matched words of a false hit with one or two neighbouring words;
    it removes a judged hit when it covers that hit's matched words.  Chosen greedily:
    each next phrase removes the most false hits not removed yet, minus the correct
    hits it removes (ties: fewer words, then alphabetical); a phrase that removes no
    more false hits than correct ones is never suggested.
    """
    false_rows: dict[str, set[int]] = defaultdict(set)
    correct_rows: dict[str, set[int]] = defaultdict(set)
    terms: dict[str, set[str]] = defaultdict(set)
    for index, verdict in judged_rows:
        for phrase in _candidates(sheet.rows[index]):
            (correct_rows if verdict else false_rows)[phrase].add(index)
            if not verdict:
                terms[phrase].add(_text(sheet.rows[index]["term"]))
    chosen: list[IgnorePhrase] = []
    removed: set[int] = set()
    while len(chosen) < max_phrases:
        best = None
        for phrase, rows in false_rows.items():
            new = len(rows - removed)
            net = new - len(correct_rows.get(phrase, ()))
            key = (-net, -new, len(phrase.split()), phrase)
            if new and net > 0 and (best is None or key < best[0]):
                best = (key, phrase)
        if best is None:
            break
        phrase = best[1]
        new_rows = false_rows[phrase] - removed
        correct = len(correct_rows.get(phrase, ()))
        chosen.append(IgnorePhrase(phrase, tuple(sorted(terms[phrase])), len(new_rows), correct))
        removed |= new_rows
    return tuple(chosen)


def toml_terms(phrases: Iterable[IgnorePhrase]) -> str:
    """The phrases as a line to paste into the ``terms`` list of ``[ignore]``: ``"a b", "c d",``."""
    return " ".join(json.dumps(item.phrase, ensure_ascii=False) + "," for item in phrases)


# --- rendering the score ------------------------------------------------------------------------------------

WEIGHTING_NOTE = (
    "Category precision weights each judged hit by term_hits / judged hits of its term (terms are sampled at "
    "different rates); its 95% Wilson interval uses Kish's effective sample size."
)


def render_score(score: AuditScore, output_format: str = "table") -> str:
    """The score as ``table``, ``json`` (schema ``focuscount/audit-score/v1``) or ``csv``."""
    if output_format == "json":
        return dumps_json(_score_json(score)) + "\n"
    if output_format == "csv":
        return _score_csv(score)
    return _score_table(score)


def _number(value: float | None, digits: int = 2) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value:.0%}"


def _score_table(score: AuditScore) -> str:
    from tabulate import tabulate

    where = for_terminal(os.fsdecode(score.path)) if score.path else "the audit"
    lexicon = f"lexicon {for_terminal(score.lexicon)} ({for_terminal(score.lexicon_sha)})" if score.lexicon else ""
    lines = [
        f"{where}: {lexicon + ', ' if lexicon else ''}{score.rows} rows, {score.judged} judged, "
        f"{score.rows - score.judged} not judged",
        "",
        "Precision per category",
    ]
    category_rows = [
        {
            "Category": for_terminal(item.category),
            "In ratio": item.pole or "no",
            "Hits": item.hits,
            "Judged": item.judged,
            "Correct": item.correct,
            "Precision": _number(item.precision),
            "95% interval": format_interval(item.interval),
            "Effective n": _number(item.effective_n, 1),
            "Coverage": _percent(item.coverage),
        }
        for item in score.categories
    ]
    lines += [tabulate(category_rows, headers="keys", tablefmt="simple", disable_numparse=True), WEIGHTING_NOTE]
    lines.append("Coverage: the share of the category's hits whose terms have judged hits.")
    lines += ["", "Precision per term"]
    term_rows = [
        {
            "Category": for_terminal(item.category),
            "Term": for_terminal(item.term or ""),
            "Hits": item.hits,
            "Judged": item.judged,
            "Correct": item.correct,
            "Precision": _number(item.precision),
            "95% interval": format_interval(item.interval),
        }
        for item in sorted(score.terms, key=lambda item: (_category_rank(score, item.category), -item.hits, item.term))
    ]
    lines.append(tabulate(term_rows, headers="keys", tablefmt="simple", disable_numparse=True))
    lines += ["", "Ratio (focus / (focus + versus))"]
    if score.raw_ratio is not None:
        lines.append(f"  raw:                 {score.raw_ratio:.2f}")
    if score.corrected_ratio is not None:
        interval = format_interval(score.corrected_interval)
        lines.append(f"  precision-corrected: {score.corrected_ratio:.2f}  95% interval {interval}")
    lines.append(f"  {score.ratio_note}")
    lines += ["", f"Ignore phrases that would remove the most false hits ({score.false_hits} rows marked n)"]
    if score.phrases:
        phrase_rows = [
            {
                "Phrase": for_terminal(item.phrase),
                "Term": for_terminal(", ".join(item.terms)),
                "False hits removed": item.false_removed,
                "Correct hits removed": item.correct_removed,
            }
            for item in score.phrases
        ]
        lines.append(tabulate(phrase_rows, headers="keys", tablefmt="simple", disable_numparse=True))
        lines += ["Paste into the terms of [ignore] in the lexicon:", f"  {for_terminal(toml_terms(score.phrases))}"]
    else:
        lines.append("  none: no phrase removes more false hits than correct ones")
    return for_ci_log("\n".join(lines) + "\n")


def _category_rank(score: AuditScore, name: str) -> int:
    return [item.category for item in score.categories].index(name)


def _precision_json(item: Precision) -> dict[str, object]:
    record: dict[str, object] = {"category": item.category}
    if item.term is not None:
        record["term"] = item.term
    record |= {
        "hits": item.hits,
        "rows": item.rows,
        "judged": item.judged,
        "correct": item.correct,
        "precision": item.precision,
        "interval": [item.interval.low, item.interval.high] if item.interval else None,
    }
    if item.term is None:
        record |= {"in_ratio": item.in_ratio, "pole": item.pole or None, "effective_n": item.effective_n}
        record["coverage"] = item.coverage
    return record


def _score_json(score: AuditScore) -> dict[str, object]:
    interval = score.corrected_interval
    return {
        "schema": SCORE_SCHEMA,
        "file": os.fsdecode(score.path) if score.path else None,
        "lexicon": {"name": score.lexicon, "hash": score.lexicon_sha},
        "rows": score.rows,
        "judged": score.judged,
        "not_judged": score.rows - score.judged,
        "weighting": WEIGHTING_NOTE,
        "categories": [_precision_json(item) for item in score.categories],
        "terms": [_precision_json(item) for item in score.terms],
        "ratio": {
            "raw": score.raw_ratio,
            "corrected": score.corrected_ratio,
            "corrected_interval": [interval.low, interval.high] if interval else None,
            "note": score.ratio_note,
        },
        "ignore_phrases": [
            {
                "phrase": item.phrase,
                "terms": list(item.terms),
                "false_removed": item.false_removed,
                "correct_removed": item.correct_removed,
            }
            for item in score.phrases
        ],
        "ignore_toml": toml_terms(score.phrases),
    }


_SCORE_CSV_COLUMNS = (
    "kind", "category", "term", "hits", "judged", "correct", "estimate", "low", "high", "effective_n", "coverage",
    "false_removed", "correct_removed",
)  # fmt: skip


def _score_csv(score: AuditScore) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_SCORE_CSV_COLUMNS)

    def put(values: dict[str, object]) -> None:
        writer.writerow([for_csv_cell(values.get(column, "")) for column in _SCORE_CSV_COLUMNS])

    for item in (*score.categories, *score.terms):
        put(
            {
                "kind": "category" if item.term is None else "term",
                "category": item.category,
                "term": item.term or "",
                "hits": item.hits,
                "judged": item.judged,
                "correct": item.correct,
                "estimate": _round(item.precision),
                "low": _round(item.interval.low if item.interval else None),
                "high": _round(item.interval.high if item.interval else None),
                "effective_n": _round(item.effective_n),
                "coverage": _round(item.coverage),
            }
        )
    for kind, value, interval in (
        ("raw ratio", score.raw_ratio, None),
        ("corrected ratio", score.corrected_ratio, score.corrected_interval),
    ):
        put(
            {
                "kind": kind,
                "estimate": _round(value),
                "low": _round(interval.low if interval else None),
                "high": _round(interval.high if interval else None),
            }
        )
    for phrase in score.phrases:
        put(
            {
                "kind": "ignore phrase",
                "term": phrase.phrase,
                "false_removed": phrase.false_removed,
                "correct_removed": phrase.correct_removed,
            }
        )
    return for_ci_log(buffer.getvalue())


def _round(value: float | None) -> object:
    return "" if value is None else round(value, 4)
