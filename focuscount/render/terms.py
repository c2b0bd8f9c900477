"""Output of ``terms``: the most frequent matched terms per category, unmatched words and names."""

from __future__ import annotations

import csv
import io

from tabulate import tabulate

from focuscount._version import __version__
from focuscount.escape import dumps_json, for_ci_log, for_csv_cell, for_terminal
from focuscount.render.formats import TERMS_FORMATS  # noqa: F401  (defined once there; importable here too)
from focuscount.render.rows import NOT_IN_RATIO, plural
from focuscount.terms import TermReport

TERMS_SCHEMA = "focuscount/terms/v1"


def render_terms_table(report: TermReport) -> str:
    """Top terms per category with counts and share of the category, then unmatched words."""
    blocks: list[str] = []
    for category in report.lexicon.categories:
        total = report.totals[category.name]
        apart = f", {NOT_IN_RATIO}" if category.report_only else ""
        heading = f"{for_terminal(category.label)} ({for_terminal(category.name)}{apart}): {plural(total, 'hit')}"
        rows = [
            {"Term": for_terminal(item.term), "Hits": item.count, "Share": f"{100 * (item.share or 0):.1f}%"}
            for item in report.top[category.name]
        ]
        body = (
            tabulate(rows, headers="keys", tablefmt="simple", colalign=("left", "right", "right"))
            if rows
            else "No hits."
        )
        blocks.append(f"{heading}\n\n{body}")
    if report.unmatched is not None:
        heading = "Frequent words no term matched (stop words left out): candidates for the lexicon"
        rows = [{"Word": for_terminal(item.term), "Count": item.count} for item in report.unmatched]
        body = tabulate(rows, headers="keys", tablefmt="simple", colalign=("left", "right")) if rows else "None."
        blocks.append(f"{heading}\n\n{body}")
    if report.names is not None:
        heading = "Names whose words counted nowhere (the names rule, and the lexicon's [ignore] names)"
        rows = [
            {
                "Name": for_terminal(item.name),
                "Count": item.count,
                "Hits removed": item.hits,
                "From": "lexicon" if item.listed else "rule",
            }
            for item in report.names
        ]
        colalign = ("left", "right", "right", "left")
        body = tabulate(rows, headers="keys", tablefmt="simple", colalign=colalign) if rows else "None."
        blocks.append(f"{heading}\n\n{body}")
    blocks.append(
        f"{plural(report.documents, 'document')}, {plural(report.words, 'word')}, "
        f"lexicon {for_terminal(report.lexicon.name)}"
    )
    return for_ci_log("\n\n".join(blocks) + "\n")


def render_terms_json(report: TermReport) -> str:
    """Top terms as JSON (schema ``focuscount/terms/v1``)."""
    data = {
        "schema": TERMS_SCHEMA,
        "focuscount_version": __version__,
        "lexicon": {"name": report.lexicon.name, "hash": report.lexicon.sha256},
        "documents": report.documents,
        "words": report.words,
        "categories": {
            category.name: {
                "label": category.label,
                "in_ratio": not category.report_only,
                "hits": report.totals[category.name],
                "terms": [
                    {"term": item.term, "count": item.count, "share": round(item.share or 0, 4)}
                    for item in report.top[category.name]
                ],
            }
            for category in report.lexicon.categories
        },
        "unmatched": None
        if report.unmatched is None
        else [{"word": item.term, "count": item.count} for item in report.unmatched],
        "names": None
        if report.names is None
        else [
            {"name": item.name, "count": item.count, "hits_removed": item.hits, "listed": item.listed}
            for item in report.names
        ],
        "skipped": [{"path": str(s.path), "reason": s.reason, "kind": s.kind} for s in report.skipped],
    }
    return dumps_json(data) + "\n"


def render_terms_csv(report: TermReport) -> str:
    """Top terms as CSV: category, term, count, share (``unmatched`` rows have no share).

    With names, a fifth column ``hits_removed`` and rows of category ``name`` (found by
    the names rule) or ``name (lexicon)``: the name, its count, the hits it removed.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    extra = [""] if report.names is not None else []
    header = ["category", "in_ratio", "term", "count", "share", *(["hits_removed"] if extra else [])]
    writer.writerow(header)
    for category in report.lexicon.categories:
        in_ratio = "false" if category.report_only else "true"
        for item in report.top[category.name]:
            share = repr(round(item.share or 0, 4))
            row = [for_csv_cell(category.name), in_ratio, for_csv_cell(item.term), item.count, share, *extra]
            writer.writerow(row)
    for item in report.unmatched or ():
        writer.writerow(["unmatched", "", for_csv_cell(item.term), item.count, "", *extra])
    for name in report.names or ():
        kind = "name (lexicon)" if name.listed else "name"
        writer.writerow([kind, "", for_csv_cell(name.name), name.count, "", name.hits])
    return for_ci_log(buffer.getvalue())
