"""Human-readable output: plain-text tables for a terminal, and Markdown."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from tabulate import tabulate

from focuscount.analysis import Analysis
from focuscount.dating import UNDATED_HINT
from focuscount.escape import for_ci_log, for_markdown, for_terminal
from focuscount.render.rows import (
    BREAKDOWN_TITLES,
    RATIO_HEADER,
    RatioSource,
    breakdown_rows,
    document_rows,
    has_thin,
    period_rows,
    report_only_note,
    thin_note,
)
from focuscount.render.summary import Summary


def render_table(analysis: Analysis) -> str:
    """Per-document and per-period tables, the trend, undated and skipped files, and a summary."""
    return _render(analysis, tablefmt="simple", heading=lambda text: text)


def render_markdown(analysis: Analysis) -> str:
    """The same content as :func:`render_table` as a Markdown document."""
    return _render(analysis, tablefmt="github", heading=lambda text: f"## {text}")


def _render(analysis: Analysis, tablefmt: str, heading: Callable[[str], str]) -> str:
    markdown = tablefmt == "github"
    # Names, paths and speakers come from files: each is escaped for the channel before it is placed.
    escape = for_markdown if markdown else for_terminal
    lexicon = analysis.lexicon
    blocks: list[str] = []
    name, focus, versus = escape(lexicon.name), escape(lexicon.focus), escape(lexicon.versus)
    apart = escape(report_only_note(lexicon))
    used = analysis.lexicons_used
    if used:
        name = "by language: " + ", ".join(f"{escape(used_name)} {count}" for used_name, count in sorted(used.items()))
    title = f"Documents (lexicon: {name}; ratio = {focus} / ({focus} + {versus}){apart})"
    documents = _table(analysis, document_rows(analysis), analysis.documents, tablefmt, escape)
    blocks.append(heading(title) + "\n\n" + documents)
    if analysis.periods:
        periods = _table(analysis, period_rows(analysis), analysis.periods, tablefmt, escape, periods=True)
        blocks.append(heading(f"Periods (by {analysis.by})") + "\n\n" + periods)
    trend = analysis.trend
    blocks.append(escape(trend.describe() if trend is not None else analysis.no_trend_reason))
    for kind, rows in analysis.breakdowns.items():
        title = f"{BREAKDOWN_TITLES[kind]} ({len(rows)})"
        if rows:
            breakdown = _table(analysis, breakdown_rows(analysis, kind), rows, tablefmt, escape)
            blocks.append(heading(title) + "\n\n" + breakdown)
        else:
            blocks.append(heading(title) + "\n\n" + NO_BREAKDOWN[kind])
    if analysis.undated:
        bullet = "- " if markdown else "  "
        lines = ["Undated, left out of periods and trend:"]
        for counts in analysis.undated:
            note = f" ({counts.document.date_note})" if counts.document.date_note else ""
            lines.append(f"{bullet}{escape(str(counts.document.path))}{escape(note)}")
        lines.append(f"Hint: {UNDATED_HINT}.")
        blocks.append("\n".join(lines))
    if analysis.unreadable:
        bullet = "- " if markdown else "  "
        lines = ["Unreadable, not counted:"]
        lines.extend(
            f"{bullet}{escape(str(skipped.path))}: {escape(skipped.reason)}" for skipped in analysis.unreadable
        )
        blocks.append("\n".join(lines))
    blocks.append(escape(Summary.of(analysis).line()))
    return for_ci_log("\n\n".join(blocks) + "\n")


_TEXT_COLUMNS = {"Date", "Source", "Document", "Period", "Speaker", "Section", "Slide"}
_LEFT_COLUMNS = _TEXT_COLUMNS | {RATIO_HEADER}
NO_BREAKDOWN = {
    "speaker": "No speaker labels found (a speaker is named by a label such as 'Chair:' at the start of a line).",
    "section": "No sections found.",
    "slide": "No slides: --by-slide reports on .pptx and .odp decks, and on PDFs of landscape slides.",
}


def _table(
    analysis: Analysis,
    rows: list[dict[str, object]],
    items: Iterable[RatioSource],
    tablefmt: str,
    escape: Callable[[str], str],
    periods: bool = False,
) -> str:
    """A table, followed by the thin-evidence footnote when a row of it is marked thin."""
    text = _tabulate(rows, tablefmt, escape)
    if not has_thin(items):
        return text
    # In Markdown a line right under a table would be read as one more row of it.
    gap = "\n\n" if tablefmt == "github" else "\n"
    return text + gap + escape(thin_note(analysis, periods))


def _tabulate(rows: list[dict[str, object]], tablefmt: str, escape: Callable[[str], str]) -> str:
    # Text columns read left to right; numbers (and "—") line up on the right.  Ratio cells with their
    # intervals all have one width: on the left, their thin-evidence marks stand out past it.
    align = tuple("left" if key in _LEFT_COLUMNS else "right" for key in rows[0]) if rows else None
    escaped = [
        {escape(key): escape(value) if isinstance(value, str) else value for key, value in row.items()} for row in rows
    ]
    return tabulate(escaped, headers="keys", tablefmt=tablefmt, disable_numparse=True, colalign=align)
