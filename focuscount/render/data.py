"""Machine-readable output: JSON (a documented, stable schema) and CSV."""

from __future__ import annotations

import csv
import io

from focuscount._version import __version__
from focuscount.analysis import Analysis
from focuscount.breakdown import BreakdownRow
from focuscount.dating import UNDATED_HINT
from focuscount.escape import dumps_json, for_ci_log, for_csv_cell
from focuscount.lexicon import Lexicon
from focuscount.model import DocumentCounts, Period, per_thousand
from focuscount.render.rows import RatioSource, document_date_label, ratio_names, round_or_none
from focuscount.series import Series
from focuscount.timeline import Trend
from focuscount.uncertainty import Interval

SCHEMA = "focuscount/analyze/v1"


def analysis_to_dict(analysis: Analysis) -> dict[str, object]:
    """The JSON document for ``analysis`` (schema ``focuscount/analyze/v1``, see docs/output.md)."""
    lexicon = analysis.lexicon
    span = analysis.date_range
    counts = analysis.counts
    words = analysis.words
    return {
        "schema": SCHEMA,
        "focuscount_version": __version__,
        "lexicon": {
            "name": lexicon.name,
            "hash": lexicon.sha256,
            "hash_algorithm": "sha256",
            "path": str(lexicon.path) if lexicon.path else None,
            "language": lexicon.language,
            "ratio": {"focus": lexicon.focus, "versus": lexicon.versus},
            # Counted and reported, never in the ratio.
            "report_only": list(lexicon.report_only),
            "by_language": analysis.lexicons_used or None,
            "categories": {c.name: c.label for c in lexicon.categories},
        },
        "pipeline": analysis.pipeline,
        "by": analysis.by,
        "min_hits": analysis.min_hits,
        "include_thin": analysis.include_thin,
        "summary": {
            "documents": len(analysis.documents),
            "dated": len(analysis.dated),
            "undated": len(analysis.undated),
            "unreadable": len(analysis.unreadable),
            "unsupported": len(analysis.unsupported),
            "words": words,
            "counts": counts,
            "rates": {name: round_or_none(per_thousand(n, words), 3) for name, n in counts.items()},
            "ratio": round_or_none(analysis.ratio, 4),
            "interval": _interval(analysis.interval),
            "thin": analysis.thin,
            "first_date": span[0].isoformat() if span else None,
            "last_date": span[1].isoformat() if span else None,
        },
        "documents": [_document(c) for c in analysis.documents],
        "periods": [_period(p) for p in analysis.periods],
        "trend": None if analysis.trend is None else _trend(analysis.trend),
        "trend_note": None if analysis.trend is not None else analysis.no_trend_reason,
        "breakdowns": {kind: [_breakdown(row) for row in rows] for kind, rows in analysis.breakdowns.items()},
        # With --series: the rule, and each series with its own periods and trend (null without it).
        "series": None
        if analysis.series_rule is None
        else {"rule": analysis.series_rule, "series": [_series(item) for item in analysis.series]},
        "undated": [str(c.document.path) for c in analysis.undated],
        "undated_hint": UNDATED_HINT if analysis.undated else None,
        "skipped": [{"path": str(s.path), "reason": s.reason, "kind": s.kind} for s in analysis.skipped],
    }


def render_json(analysis: Analysis) -> str:
    """``analysis`` as pretty-printed JSON."""
    return dumps_json(analysis_to_dict(analysis)) + "\n"


def render_csv(analysis: Analysis) -> str:
    """One CSV table: a row per document (``row=document``), per period (``row=period``), then per
    speaker, section or slide when asked for (``row=speaker`` …).

    With ``--series`` a last column ``series`` names each document's series, and each series
    adds a row of its totals (``row=series``) and one per period of its own (``row=series_period``).
    """
    lexicon = analysis.lexicon
    by_series = analysis.series_rule is not None
    header = ["row", "label", "path", "format", "date", "date_source", "start", "end", "documents", "words"]
    header += list(ratio_names(lexicon)) + [f"{name}_per_1000" for name in ratio_names(lexicon)]
    header += ["ratio", "ratio_low", "ratio_high", "thin"]
    # Report-only categories come after the ratio, named so that no one reads them into it.
    header += [cell for name in lexicon.report_only for cell in (f"{name}_report_only", f"{name}_report_only_per_1000")]
    header += ["series"] if by_series else []
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([for_csv_cell(name) for name in header])

    def write(cells: list[object], series: str | None = None) -> None:
        writer.writerow(cells + ([for_csv_cell(series or "")] if by_series else []))

    # The eight text cells of a row go through for_csv_cell (a speaker named "=cmd" is no formula);
    # the counts, rates and ratio are numbers focuscount writes, and stay numbers.  ``thin`` is true or
    # false, and like the interval empty when there is no ratio.
    for counts in analysis.documents:
        document = counts.document
        date = document.date.isoformat() if document.date else ""
        write(
            [*_text_cells("document", document_date_label(counts), str(document.path), document.format, date,
                          document.date_source or "", "", ""),
             1, counts.words, *_count_cells(lexicon, counts)],
            counts.series,
        )  # fmt: skip
    for period in analysis.periods:
        write(_period_cells("period", period, lexicon))
    for kind, rows in analysis.breakdowns.items():
        for row in rows:
            write(
                [*_text_cells(kind, row.key, str(row.path or ""), "", "", "", "", ""), row.documents, row.words,
                 *_count_cells(lexicon, row)]
            )  # fmt: skip
    for series in analysis.series:
        write(
            [*_text_cells("series", series.name, "", "", "", "", "", ""), len(series.documents), series.words,
             *_count_cells(lexicon, series)],
            series.name,
        )  # fmt: skip
        for period in series.periods:
            write(_period_cells("series_period", period, lexicon), series.name)
    return for_ci_log(buffer.getvalue())


def _period_cells(row: str, period: Period, lexicon: Lexicon) -> list[object]:
    return [
        *_text_cells(row, period.label, "", "", "", "", period.start.isoformat(), period.end.isoformat()),
        period.documents, period.words, *_count_cells(lexicon, period),
    ]  # fmt: skip


def _text_cells(*cells: str) -> list[object]:
    return [for_csv_cell(cell) for cell in cells]


def _document(counts: DocumentCounts) -> dict[str, object]:
    document = counts.document
    return {
        "path": str(document.path),
        "format": document.format,
        "title": document.title,
        "date": document.date.isoformat() if document.date else None,
        "date_source": document.date_source,
        "date_precision": document.date_precision,
        "date_note": document.date_note,
        "words": counts.words,
        # With --language auto: the language identified and the lexicon that counted (null otherwise).
        "language": counts.language,
        "lexicon": counts.lexicon_name,
        "counts": counts.counts,
        "rates": {name: round_or_none(counts.rate(name), 3) for name in counts.counts},
        "ratio": round_or_none(counts.ratio, 4),
        "interval": _interval(counts.interval),
        "thin": counts.thin,
        "terms": counts.term_counts,
        "ignored": counts.ignored_count,
        "not_counted": counts.not_counted,
        "furniture_words": counts.furniture_words,
        "ocr_pages": document.ocr_pages,  # pages of a scan whose text OCR read (0: none)
        "series": counts.series,  # with --series, the series it is in (null without)
    }


def _series(series: Series) -> dict[str, object]:
    counts, words = series.counts, series.words
    return {
        "name": series.name,
        "documents": len(series.documents),
        "dated": series.dated,
        "words": words,
        "counts": counts,
        "rates": {name: round_or_none(per_thousand(n, words), 3) for name, n in counts.items()},
        "ratio": round_or_none(series.ratio, 4),
        "interval": _interval(series.interval),
        "thin": series.thin,
        "periods": [_period(p) for p in series.periods],
        "trend": None if series.trend is None else _trend(series.trend),
        "trend_note": None if series.trend is not None else series.no_trend_reason,
        "paths": [str(c.document.path) for c in series.documents],
    }


def _period(period: Period) -> dict[str, object]:
    return {
        "label": period.label,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "documents": period.documents,
        "words": period.words,
        "counts": period.counts,
        "rates": {name: round_or_none(period.rate(name), 3) for name in period.counts},
        "ratio": round_or_none(period.ratio, 4),
        "interval": _interval(period.interval),
        "thin": period.thin,
        "paths": [str(path) for path in period.paths],
    }


def _interval(interval: Interval | None) -> list[float] | None:
    """``[low, high]`` rounded to 4 places, or None."""
    return None if interval is None else [_round(interval.low), _round(interval.high)]


def _trend(trend: Trend) -> dict[str, object]:
    return {
        "change_per_year": _round(trend.change_per_year),
        "interval": [_round(trend.low), _round(trend.high)],
        "direction": trend.direction,
        "periods": trend.periods,
        "documents": trend.documents,
        "first_period": trend.first_period,
        "last_period": trend.last_period,
        "slope_per_year": _round(trend.slope_per_year),  # the same as change_per_year, kept for older readers
    }


def _round(value: float) -> float:
    # Adding 0.0 turns a -0.0 (a tiny negative rounded away) into 0.0.
    return round(value, 4) + 0.0


def _breakdown(row: BreakdownRow) -> dict[str, object]:
    data: dict[str, object] = {row.kind: row.key}
    if row.kind == "speaker":
        data["documents"] = row.documents
    else:
        data["path"] = str(row.path)
    data.update(
        {
            "words": row.words,
            "counts": row.counts,
            "rates": {name: round_or_none(row.rate(name), 3) for name in row.counts},
            "ratio": round_or_none(row.ratio, 4),
            "interval": _interval(row.interval),
            "thin": row.thin,
        }
    )
    return data


def _count_cells(lexicon: Lexicon, item: RatioSource) -> list[object]:
    """Hits and hits per 1,000 words of the ratio's categories, the ratio, its interval and the thin flag,
    then hits and hits per 1,000 words of each report-only category, as CSV cells."""
    counts, words = item.counts, item.words
    interval = _interval(item.interval) if item.ratio is not None else None
    low, high = interval if interval is not None else (None, None)
    thin = "" if item.ratio is None else str(item.thin).lower()
    poles = ratio_names(lexicon)

    def rate(name: str) -> str:
        return _csv_number(round_or_none(per_thousand(counts.get(name, 0), words), 3))

    cells: list[object] = [counts.get(name, 0) for name in poles]
    return (
        cells
        + [rate(name) for name in poles]
        + [_csv_number(round_or_none(item.ratio, 4)), _csv_number(low), _csv_number(high), thin]
        + [cell for name in lexicon.report_only for cell in (counts.get(name, 0), rate(name))]
    )


def _csv_number(value: float | None) -> str:
    return "" if value is None else repr(value)
