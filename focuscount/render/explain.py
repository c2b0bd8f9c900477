"""Output of ``explain``: every hit in context (keyword in context), as a table, JSON or CSV."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable, Iterable

from tabulate import tabulate

from focuscount._version import __version__
from focuscount.escape import dumps_json, for_ci_log, for_csv_cell, for_terminal
from focuscount.evidence import Evidence
from focuscount.lexicon import IGNORE, Lexicon
from focuscount.model import Hit
from focuscount.render.formats import EXPLAIN_FORMATS  # noqa: F401  (defined once there; importable here too)
from focuscount.render.rows import NOT_IN_RATIO, plural

EXPLAIN_SCHEMA = "focuscount/explain/v1"


def brackets(text: str) -> str:
    """Mark matched words where no terminal can make them bold."""
    return f"[[{text}]]"


def keyword_in_context(
    item: Evidence, highlight: Callable[[str], str] = brackets, escape: Callable[[str], str] = for_terminal
) -> str:
    """``before [[matched]] after`` on one line, the document's words escaped (for a terminal by default).

    The words are escaped before ``highlight`` marks them, so the bold of a terminal
    highlight stays while escape sequences in the document are shown, never run.
    """
    hit = item.hit
    matched = escape(" ".join(hit.matched_text.split()))
    return f"{escape(hit.before)}{highlight(matched)}{escape(hit.after)}"


def evidence_record(item: Evidence, lexicon: Lexicon | None = None) -> dict[str, object]:
    """One hit as a flat record (JSON and CSV); ``in_ratio`` says whether its category makes the ratio
    (false for a report-only category and for ignore terms; None without a lexicon)."""
    hit, location = item.hit, item.hit.location
    return {
        "path": str(item.path),
        "format": item.format,
        "location": str(location),
        "kind": location.kind,
        "number": location.number,
        "line": location.line,
        "part": location.part,
        "timestamp": location.timestamp,
        "speaker": location.speaker,
        "section": location.section,
        "notes": hit.in_notes,
        "ocr": hit.ocr,
        "category": hit.category,
        "in_ratio": None if lexicon is None else lexicon.in_ratio(hit.category),
        "counted": hit.reason is None,
        "reason": hit.reason,
        "term": hit.term,
        "matched": hit.matched_text,
        "before": hit.before,
        "after": hit.after,
        "context": hit.context,
        "segment": hit.segment,
        "start": hit.start,
        "end": hit.end,
    }


NOT_COUNTED = "not counted"  # the category column of a hit that counts nowhere (furniture, names, ignore)
OCR_MARK = "(OCR)"  # after the location of a hit whose words OCR read from a scanned page


def category_cell(hit: Hit, report_only: Iterable[str] = ()) -> str:
    """A hit's category, and why it counts nowhere when it does not: ``institution: page furniture``;
    a report-only category says it: ``community (not in the ratio)``."""
    if hit.reason is None:
        return f"{hit.category} ({NOT_IN_RATIO})" if hit.category in report_only else hit.category
    if hit.category == IGNORE:
        return IGNORE
    return f"{hit.category}: not counted ({hit.reason})"


def render_explain_table(
    items: Iterable[Evidence],
    highlight: Callable[[str], str] = brackets,
    show_speakers: bool = True,
    lexicon: Lexicon | None = None,
) -> str:
    """A table of hits (document, location, category, term, context) and a summary line.

    A hit read by OCR from a scanned page says so after its location: ``page 1, line 7 (OCR)``.
    """
    report_only = lexicon.report_only if lexicon is not None else ()
    rows = []
    per_category: Counter[str] = Counter()
    documents: set[str] = set()
    for item in items:
        per_category[NOT_COUNTED if item.hit.reason else item.hit.category] += 1
        documents.add(str(item.path))
        location = str(item.hit.location)
        if item.hit.ocr:
            location = f"{location} {OCR_MARK}"
        if show_speakers and item.hit.location.speaker:
            location = f"{location}, {item.hit.location.speaker}"
        row = {
            "Document": for_terminal(str(item.path)),
            "Location": for_terminal(location),
            "Category": for_terminal(category_cell(item.hit, report_only)),
            "Term": for_terminal(item.hit.term),
            "In context": keyword_in_context(item, highlight),
        }
        rows.append(row)
    if not rows:
        return "No hits.\n"
    table = tabulate(rows, headers="keys", tablefmt="simple", disable_numparse=True)
    total = sum(per_category.values())
    parts = ", ".join(f"{for_terminal(name)} {count}" for name, count in sorted(per_category.items()))
    summary = f"{plural(total, 'hit')} ({parts}) in {plural(len(documents), 'document')}"
    return for_ci_log(f"{table}\n\n{summary}\n")


def render_explain_json(items: Iterable[Evidence], lexicon: Lexicon, context_words: int) -> str:
    """Hits as JSON (schema ``focuscount/explain/v1``)."""
    data = {
        "schema": EXPLAIN_SCHEMA,
        "focuscount_version": __version__,
        "lexicon": {"name": lexicon.name, "hash": lexicon.sha256},
        "context_words": context_words,
        "report_only": list(lexicon.report_only),
        "hits": [evidence_record(item, lexicon) for item in items],
    }
    return dumps_json(data) + "\n"


def render_explain_csv(items: Iterable[Evidence], lexicon: Lexicon | None = None) -> str:
    """Hits as CSV, one row per hit."""
    buffer = io.StringIO()
    writer: csv.DictWriter[str] | None = None
    for item in items:
        record = evidence_record(item, lexicon)
        if writer is None:
            writer = csv.DictWriter(buffer, fieldnames=list(record), lineterminator="\n")
            writer.writeheader()
        # Every text is document text or a path (the numbers are ints, which pass as they are).
        writer.writerow({field: for_csv_cell(value) for field, value in record.items()})
    if writer is None:
        csv.writer(buffer, lineterminator="\n").writerow(_EVIDENCE_FIELDS)
    return for_ci_log(buffer.getvalue())


_EVIDENCE_FIELDS = (
    "path", "format", "location", "kind", "number", "line", "part", "timestamp", "speaker", "section", "notes",
    "ocr", "category", "in_ratio", "counted", "reason", "term", "matched", "before", "after", "context", "segment",
    "start", "end",
)  # fmt: skip
