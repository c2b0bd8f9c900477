"""Output of ``explain``: every hit in context (keyword in context), as a table, JSON or CSV."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable, Iterable

from focuscount._version import __version__
from focuscount.escape import dumps_json, for_ci_log, for_csv_cell, for_terminal
from focuscount.evidence import Evidence
from focuscount.lexicon import IGNORE, Lexicon
from focuscount.model import Hit
from focuscount.render.formats import EXPLAIN_FORMATS  # noqa: F401  (defined once there; importable here too)
from focuscount.render.rows import NOT_IN_RATIO, plural
from focuscount.render.table import PATH_COLUMN, TEXT_COLUMN, fitted_note, simple_table, table_width, wrap_columns
from focuscount.terminal import (
    FULL_TABLE,
    KEEP_TOGETHER,
    TerminalLook,
    common_folder,
    relative_path,
    visible_width,
    wrap_prose,
)

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
    look: TerminalLook = FULL_TABLE,
) -> str:
    """A table of hits (document, location, category, term, context) and a summary line.

    A hit read by OCR from a scanned page says so after its location: ``page 1, line 7 (OCR)``.
    On a terminal narrower than the table (``look.width``), the paths are shown relative to
    their common folder (and the Document column goes when every hit is in one document,
    named above the table), then the columns wrap, the widest first: a path only after a
    ``/``, the context at spaces, a highlighted match never (it stays on one line, marks and all).
    """
    items = list(items)
    if not items:
        return "No hits.\n"
    report_only = lexicon.report_only if lexicon is not None else ()
    per_category = Counter(NOT_COUNTED if item.hit.reason else item.hit.category for item in items)
    documents = sorted({str(item.path) for item in items})
    rows = [_explain_row(item, highlight, show_speakers, report_only) for item in items]
    above = ""
    if look.width is not None and table_width(rows) > look.width:
        rows, above = _fit_explain(items, highlight, show_speakers, report_only, documents, look.width)
    table = simple_table(rows, "simple")
    total = sum(per_category.values())
    parts = ", ".join(f"{for_terminal(name)} {count}" for name, count in sorted(per_category.items()))
    summary = f"{plural(total, 'hit')} ({parts}) in {plural(len(documents), 'document')}"
    return for_ci_log(f"{above}{table}\n\n{wrap_prose(summary, look.width)}\n")


def _explain_row(
    item: Evidence,
    highlight: Callable[[str], str],
    show_speakers: bool,
    report_only: Iterable[str],
    path: str | None = None,
) -> dict[str, object]:
    """One hit's row; ``path`` stands for its document's path when given ("" leaves the Document column out)."""
    location = str(item.hit.location)
    if item.hit.ocr:
        location = f"{location} {OCR_MARK}"
    if show_speakers and item.hit.location.speaker:
        location = f"{location}, {item.hit.location.speaker}"
    row: dict[str, object] = {} if path == "" else {"Document": for_terminal(str(item.path) if path is None else path)}
    row["Location"] = for_terminal(location)
    row["Category"] = for_terminal(category_cell(item.hit, report_only))
    row["Term"] = for_terminal(item.hit.term)
    row["In context"] = keyword_in_context(item, highlight)
    return row


CONTEXT_MINIMUM = 24  # the context is not wrapped narrower than this, nor than its highlighted word
_EXPLAIN_WRAPPING = {
    "Document": PATH_COLUMN,
    "Location": TEXT_COLUMN,
    "Category": TEXT_COLUMN,
    "Term": TEXT_COLUMN,
    "In context": TEXT_COLUMN,
}


def _fit_explain(
    items: list[Evidence],
    highlight: Callable[[str], str],
    show_speakers: bool,
    report_only: Iterable[str],
    documents: list[str],
    width: int,
) -> tuple[list[dict[str, object]], str]:
    """The rows of a hits table too wide for ``width`` columns, and the line to print above it."""
    folder = common_folder(documents)
    if len(documents) == 1:
        paths, said = {documents[0]: ""}, f"every hit is in {for_terminal(documents[0])}"
    elif folder is not None:
        paths = {path: relative_path(path, folder) for path in documents}
        said = f"paths relative to {for_terminal(folder)}/"
    else:
        paths, said = {path: path for path in documents}, ""

    def together(words: str) -> str:  # the words of a match are held together, so no wrap splits its highlight
        return highlight(words.replace(" ", KEEP_TOGETHER))

    rows, match_width = [], 0
    for item in items:
        row = _explain_row(item, together, show_speakers, report_only, paths[str(item.path)])
        mark = together(for_terminal(" ".join(item.hit.matched_text.split())))
        words = [visible_width(word) for word in str(row["In context"]).split() if mark in word]
        match_width = max([match_width, *words])
        rows.append(row)
    fitted = wrap_columns(rows, width, _EXPLAIN_WRAPPING, {"In context": max(match_width, CONTEXT_MINIMUM)})
    shown = [
        {key: value.replace(KEEP_TOGETHER, " ") if isinstance(value, str) else value for key, value in row.items()}
        for row in fitted
    ]
    return shown, wrap_prose(fitted_note([said]), width) + "\n" if said else ""


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
