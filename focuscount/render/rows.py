"""Rows shared by the table, Markdown and CSV renderers, and number formatting."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from focuscount.analysis import Analysis
from focuscount.lexicon import Lexicon
from focuscount.model import DocumentCounts, per_thousand
from focuscount.uncertainty import Interval, format_interval

NO_RATIO = "—"  # shown when neither side of the ratio has a hit: never 0
THIN_MARK = "*"  # after a ratio that rests on fewer than min_hits hits
RATIO_HEADER = "Ratio (95% interval)"
NOT_IN_RATIO = "not in the ratio"  # said of a report-only category wherever it is shown


class RatioSource(Protocol):
    """What a row's numbers come from: a document's counts, a period, or a speaker, section or slide."""

    @property
    def counts(self) -> dict[str, int]: ...
    @property
    def words(self) -> int: ...
    @property
    def ratio(self) -> float | None: ...
    @property
    def interval(self) -> Interval | None: ...
    @property
    def thin(self) -> bool: ...


def format_ratio(ratio: float | None) -> str:
    """``0.48``, or ``—`` when there is no ratio."""
    return NO_RATIO if ratio is None else f"{ratio:.2f}"


def format_ratio_interval(ratio: float | None, interval: Interval | None, thin: bool) -> str:
    """``0.43 (0.31–0.56)``, ``1.00 (0.21–1.00)*`` on thin evidence, or ``—`` (no interval) without a ratio."""
    if ratio is None:
        return NO_RATIO
    text = format_ratio(ratio)
    if interval is not None:
        text += f" ({format_interval(interval)})"
    return text + (THIN_MARK if thin else "")


def shown_thin(item: RatioSource) -> bool:
    """True when a row shows a ratio marked as thin evidence (a row without a ratio shows no mark)."""
    return item.ratio is not None and item.thin


def has_thin(items: Iterable[RatioSource]) -> bool:
    """True when any of ``items`` shows a thin ratio (and so its table needs :func:`thin_note`)."""
    return any(shown_thin(item) for item in items)


def thin_note(analysis: Analysis, periods: bool = False) -> str:
    """The footnote under a table with thin rows; for the periods, it says whether they are in the trend.

    ``* thin evidence: fewer than 10 hits (customer + institution); left out of the trend (…)``.
    A thin document or speaker still counts in its period: only thin periods leave the trend.
    """
    lexicon = analysis.lexicon
    hits = f"{plural(analysis.min_hits, 'hit')} ({lexicon.focus} + {lexicon.versus})"
    note = f"{THIN_MARK} thin evidence: fewer than {hits}"
    if not periods:
        return note
    if analysis.include_thin:
        return note + "; counted in the trend (--include-thin)"
    return note + "; left out of the trend (--include-thin counts them)"


def format_rate(rate: float | None) -> str:
    """Hits per 1,000 words with one decimal, or ``—`` for an empty document."""
    return NO_RATIO if rate is None else f"{rate:.1f}"


def round_or_none(value: float | None, digits: int) -> float | None:
    """``value`` rounded, keeping None."""
    return None if value is None else round(value, digits)


def rate_header(category: str) -> str:
    """Column header for a category's hits per 1,000 words."""
    return f"{category}/1k"


def ratio_names(lexicon: Lexicon) -> tuple[str, str]:
    """The two categories that make the ratio: focus, then versus."""
    return lexicon.focus, lexicon.versus


def report_only_note(lexicon: Lexicon) -> str:
    """``; community and partners reported apart, not in the ratio`` (empty without report-only categories)."""
    names = lexicon.report_only
    if not names:
        return ""
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"; {listed} reported apart, not in the ratio"


def count_columns(lexicon: Lexicon, item: RatioSource, report_only: bool = True) -> dict[str, object]:
    """The columns every table row shares: hits and hits per 1,000 words of the ratio's two categories, the
    ratio with its interval, then (right of the ratio, so no one reads them into it) the report-only ones,
    unless ``report_only`` is False (the HTML report shows them in a table of their own)."""
    counts, words = item.counts, item.words
    poles = ratio_names(lexicon)
    columns: dict[str, object] = {name: counts.get(name, 0) for name in poles}
    columns.update({rate_header(name): format_rate(per_thousand(counts.get(name, 0), words)) for name in poles})
    columns[RATIO_HEADER] = format_ratio_interval(item.ratio, item.interval, item.thin)
    for name in lexicon.report_only if report_only else ():
        columns[name] = counts.get(name, 0)
        columns[rate_header(name)] = format_rate(per_thousand(counts.get(name, 0), words))
    return columns


def document_rows(analysis: Analysis, report_only: bool = True) -> list[dict[str, object]]:
    """One display row per document, in the analysis order."""
    rows = []
    for counts in analysis.documents:
        document = counts.document
        row: dict[str, object] = {
            "Date": document_date_label(counts),
            "Source": document.date_source or "undated",
            "Document": str(document.path),
        }
        if analysis.series_rule is not None:
            row[SERIES_HEADER] = counts.series or ""
        row["Words"] = counts.words
        row.update(count_columns(analysis.lexicon, counts, report_only))
        rows.append(row)
    return rows


def period_rows(analysis: Analysis, report_only: bool = True) -> list[dict[str, object]]:
    """One display row per period."""
    rows = []
    for period in analysis.periods:
        row: dict[str, object] = {"Period": period.label, "Docs": period.documents, "Words": period.words}
        row.update(count_columns(analysis.lexicon, period, report_only))
        rows.append(row)
    return rows


SERIES_HEADER = "Series"
TREND_HEADER = "Trend/year"


def series_rows(analysis: Analysis, report_only: bool = True) -> list[dict[str, object]]:
    """With ``--series``: one display row per series, to compare them (its trend in a few words)."""
    rows = []
    for series in analysis.series:
        row: dict[str, object] = {
            SERIES_HEADER: series.name,
            "Docs": len(series.documents),
            "Dated": series.dated,
            "Words": series.words,
        }
        row.update(count_columns(analysis.lexicon, series, report_only))
        trend = series.trend
        row[TREND_HEADER] = NO_RATIO if trend is None else f"{trend.change_per_year:+.3f} {trend.direction}"
        rows.append(row)
    return rows


def series_period_rows(analysis: Analysis, report_only: bool = True) -> list[dict[str, object]]:
    """With ``--series``: one display row per period of each series, series after series."""
    rows = []
    for series in analysis.series:
        for period in series.periods:
            row: dict[str, object] = {
                SERIES_HEADER: series.name,
                "Period": period.label,
                "Docs": period.documents,
                "Words": period.words,
            }
            row.update(count_columns(analysis.lexicon, period, report_only))
            rows.append(row)
    return rows


def series_trend_lines(analysis: Analysis) -> list[str]:
    """With ``--series``: each series' trend line, or why it has none, named: ``Trend (board): +0.084 …``."""
    lines = []
    for series in analysis.series:
        said = series.trend.describe() if series.trend is not None else series.no_trend_reason
        lines.append(_named(said, series.name))
    return lines


def _named(said: str, name: str) -> str:
    if said.startswith("Trend: "):
        return f"Trend ({name}): {said.removeprefix('Trend: ')}"
    return f"Trend ({name}): none. {said}"


BREAKDOWN_TITLES = {"speaker": "Speakers", "section": "Sections", "slide": "Slides"}


def breakdown_rows(analysis: Analysis, kind: str, report_only: bool = True) -> list[dict[str, object]]:
    """One display row per speaker (over all documents), section or slide (per document)."""
    rows = []
    for item in analysis.breakdowns.get(kind, ()):
        row: dict[str, object]
        if kind == "speaker":
            row = {"Speaker": item.key, "Docs": item.documents}
        else:
            row = {"Document": str(item.path), kind.capitalize(): item.key}
        row["Words"] = item.words
        row.update(count_columns(analysis.lexicon, item, report_only))
        rows.append(row)
    return rows


def report_only_rows(analysis: Analysis) -> list[dict[str, object]]:
    """Per period, hits and hits per 1,000 words of each report-only category (the HTML report's own table)."""
    rows = []
    for period in analysis.periods:
        row: dict[str, object] = {"Period": period.label, "Words": period.words}
        for name in analysis.lexicon.report_only:
            row[name] = period.counts.get(name, 0)
            row[rate_header(name)] = format_rate(per_thousand(period.counts.get(name, 0), period.words))
        rows.append(row)
    return rows


def document_date_label(counts: DocumentCounts) -> str:
    """The document's date as shown: ``2024-03-12``, ``2024-03`` for a month, ``2024`` for a year, ``undated``."""
    document = counts.document
    if document.date is None:
        return "undated"
    if document.date_precision == "year":
        return str(document.date.year)
    if document.date_precision == "month":
        return document.date.strftime("%Y-%m")
    return document.date.isoformat()


def plural(count: int, word: str) -> str:
    """``1 hit``, ``3 hits``."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"
