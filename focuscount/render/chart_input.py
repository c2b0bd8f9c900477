"""An :class:`~focuscount.analysis.Analysis` rebuilt from a saved ``analyze -f json`` report, to chart without reading.

The report (schema ``focuscount/analyze/v1``, docs/schemas/analyze.schema.json) holds
every document's date, words, counts and term counts, and the speaker and section
rows when it was saved with ``--by-speaker`` and ``--by-section``.  From those the
periods, their 95% intervals and the trend are computed again exactly as
:func:`focuscount.analysis.analyze` computes them (the report's own rounded ratios
are not used), so a chart drawn from the report is the same file as one drawn from
the documents.  What a report lacks (the evidence of each hit) no chart needs; a
chart of a breakdown the report was saved without is an error that says how to save it.

Every field used is checked before it is trusted: a hand-edited or foreign file is
a :class:`ConfigError` naming the file and the field, never a crash.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from focuscount.analysis import Analysis
from focuscount.breakdown import BreakdownRow
from focuscount.discovery import UNREADABLE, UNSUPPORTED, Skipped
from focuscount.errors import ConfigError
from focuscount.lexicon import Category, Lexicon
from focuscount.model import Document, DocumentCounts, ratio_of
from focuscount.render.data import SCHEMA
from focuscount.safeio import read_input_json
from focuscount.series import SeriesRule, name_series, split_series
from focuscount.timeline import GROUPINGS, Grouping, group, trend
from focuscount.uncertainty import Interval, is_thin, wilson

SAVE_AGAIN = "save it again with `focuscount analyze -f json -o FILE`"
# The breakdown each chart kind draws, and the flag that saves it into the report.
KIND_BREAKDOWNS = {"speakers": ("speaker", "--by-speaker"), "sections": ("section", "--by-section")}
DATE_PRECISIONS = ("day", "month", "year")  # how much of a document's date is known
_HASH = re.compile(r"[0-9a-f]{64}")
_MISSING = object()


def load_saved_analysis(
    path: Path,
    *,
    by: Grouping | None = None,
    min_hits: int | None = None,
    include_thin: bool | None = None,
    series: str | None = None,
) -> Analysis:
    """The analysis saved in ``path``, its periods and trend computed again from the documents' counts.

    ``by``, ``min_hits`` and ``include_thin`` regroup the documents, or judge thin
    evidence, otherwise than the report did (None: as it did); ``series`` splits the
    documents anew by their saved paths (None: into the series the report saved, if any).  Raises
    :class:`ConfigError` naming the file (and the field) for anything but a report
    of ``focuscount analyze -f json``.
    """
    data = read_input_json(path, "saved report", "not a readable JSON report")
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise ConfigError(
            path, f"not a report of `focuscount analyze -f json` (schema {SCHEMA}); save one with "
            "`focuscount analyze PATHS -f json -o FILE`"
        )  # fmt: skip
    return _Report(path).analysis(data, by, min_hits, include_thin, series)


def check_saved_kind(analysis: Analysis, kind: str, path: Path) -> None:
    """A :class:`ConfigError` when the report ``analysis`` came from lacks the breakdown the ``kind`` chart draws."""
    wanted = KIND_BREAKDOWNS.get(kind)
    if wanted is not None and wanted[0] not in analysis.breakdowns:
        breakdown, flag = wanted
        raise ConfigError(
            path,
            f"the saved report has no {breakdown} rows for the {kind} chart: "
            f"save it with `focuscount analyze PATHS {flag} -f json -o FILE`",
        )


@dataclass(frozen=True)
class _Report:
    """Typed access to a report's fields; each error names the field by its JSON path."""

    path: Path

    def analysis(
        self, data: dict, by: Grouping | None, min_hits: int | None, include_thin: bool | None, series: str | None
    ) -> Analysis:
        lexicon = self.lexicon(self.table(data, "lexicon"))
        saved_by = self.string(data, "by")
        grouping = next((choice for choice in GROUPINGS if choice == saved_by), None)
        if grouping is None:
            raise self.wrong("by", f"one of {', '.join(GROUPINGS)}", saved_by)
        hits = self.whole(data, "min_hits") if min_hits is None else min_hits
        thin_counted = self.boolean(data, "include_thin") if include_thin is None else include_thin
        items = self.items(data, "documents")
        if not items:
            raise ConfigError(self.path, f"the saved report holds no documents; {SAVE_AGAIN}")
        documents = tuple(self.document(item, f"documents[{index}]", lexicon, hits) for index, item in items)
        grouping = by or grouping
        rule = self.series_rule(data) if series is None else series
        if series is not None:
            documents = tuple(name_series(documents, SeriesRule.parse(series)))
        elif rule is not None and any(c.series is None for c in documents):
            raise self.wrong("documents[].series", "each document's series (the report has series.rule)", None)
        periods = tuple(group(documents, grouping, lexicon.focus, lexicon.versus, hits))
        breakdowns = {
            kind: tuple(self.row(kind, row, f"breakdowns.{kind}[{index}]", lexicon, hits) for index, row in rows)
            for kind, rows in self.breakdowns(data).items()
        }
        return Analysis(
            lexicon=lexicon,
            by=grouping,
            documents=documents,
            periods=periods,
            trend=trend(periods, documents, lexicon.focus, lexicon.versus, thin_counted),
            skipped=tuple(self.skipped(item, f"skipped[{index}]") for index, item in self.items(data, "skipped")),
            pipeline=self.string(data, "pipeline"),
            breakdowns=breakdowns,
            min_hits=hits,
            include_thin=thin_counted,
            series_rule=rule,
            series=()
            if rule is None
            else split_series(documents, grouping, lexicon.focus, lexicon.versus, hits, thin_counted),
        )

    def series_rule(self, data: dict) -> str | None:
        """The rule the report was split by (``series.rule``), or None when it was not (or predates series)."""
        value = data.get("series")
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.wrong("series", "an object or null", value)
        return self.string(value, "rule", "series.rule")

    # --- the parts ---------------------------------------------------------------------------------------------

    def lexicon(self, data: dict) -> Lexicon:
        digest = self.string(data, "hash", "lexicon.hash")
        if not _HASH.fullmatch(digest):
            raise self.wrong("lexicon.hash", "64 lower-case hex digits (SHA-256)", digest)
        ratio = self.table(data, "ratio", "lexicon.ratio")
        focus = self.string(ratio, "focus", "lexicon.ratio.focus")
        versus = self.string(ratio, "versus", "lexicon.ratio.versus")
        labels = self.table(data, "categories", "lexicon.categories")
        for name, label in labels.items():
            if not isinstance(label, str):
                raise self.wrong(f"lexicon.categories.{name}", "a label (a string)", label)
        if focus == versus or focus not in labels or versus not in labels:
            raise self.wrong("lexicon.ratio", "two different categories of lexicon.categories", f"{focus} / {versus}")
        path = data.get("path")
        if path is not None and not isinstance(path, str):
            raise self.wrong("lexicon.path", "a string or null", path)
        categories = tuple(
            Category(name, label, (), report_only=name not in (focus, versus)) for name, label in labels.items()
        )
        return Lexicon(
            name=self.string(data, "name", "lexicon.name"),
            description="",
            language=self.string(data, "language", "lexicon.language"),
            focus=focus,
            versus=versus,
            categories=categories,
            ignore=(),
            path=Path(path) if path else None,
            sha256=digest,
        )

    def document(self, data: object, name: str, lexicon: Lexicon, min_hits: int) -> DocumentCounts:
        if not isinstance(data, dict):
            raise self.wrong(name, "an object", data)
        precision = self.optional_string(data, "date_precision", f"{name}.date_precision")
        if precision is not None and precision not in DATE_PRECISIONS:
            raise self.wrong(f"{name}.date_precision", f"one of {', '.join(DATE_PRECISIONS)}, or null", precision)
        date = self.date(data, f"{name}.date")
        document = Document(
            Path(self.string(data, "path", f"{name}.path")),
            self.string(data, "format", f"{name}.format"),
            (),
            title=self.optional_string(data, "title", f"{name}.title"),
            date=date,
            date_source=self.optional_string(data, "date_source", f"{name}.date_source") if date else None,
            date_precision=precision if date else None,
            date_note=self.optional_string(data, "date_note", f"{name}.date_note"),
        )
        counts = self.counts(data, f"{name}.counts")
        terms = self.table(data, "terms", f"{name}.terms")
        term_counts = {
            category: self.counts({"terms": items}, f"{name}.terms.{category}", key="terms")
            for category, items in terms.items()
        }
        focus, versus = counts.get(lexicon.focus, 0), counts.get(lexicon.versus, 0)
        return DocumentCounts(
            document,
            self.whole(data, "words", f"{name}.words"),
            counts,
            term_counts,
            ratio_of(focus, versus),
            interval=wilson(focus, focus + versus),
            thin=is_thin(focus + versus, min_hits),
            ignored_count=self.whole(data, "ignored", f"{name}.ignored"),
            furniture_words=self.whole(data, "furniture_words", f"{name}.furniture_words"),
            not_counted=self.counts(data, f"{name}.not_counted", key="not_counted"),
            language=self.optional_string(data, "language", f"{name}.language"),
            lexicon_name=self.optional_string(data, "lexicon", f"{name}.lexicon"),
            series=self.optional_string(data, "series", f"{name}.series"),
        )

    def breakdowns(self, data: dict) -> dict[str, list[tuple[int, object]]]:
        value = data.get("breakdowns", {})
        if not isinstance(value, dict):
            raise self.wrong("breakdowns", "an object", value)
        return {kind: self.items(value, kind, f"breakdowns.{kind}") for kind in value}

    def row(self, kind: str, data: object, name: str, lexicon: Lexicon, min_hits: int) -> BreakdownRow:
        if not isinstance(data, dict):
            raise self.wrong(name, "an object", data)
        counts = self.counts(data, f"{name}.counts")
        focus, versus = counts.get(lexicon.focus, 0), counts.get(lexicon.versus, 0)
        path = None if kind == "speaker" else Path(self.string(data, "path", f"{name}.path"))
        return BreakdownRow(
            kind,
            self.string(data, kind, f"{name}.{kind}"),
            path,
            self.whole(data, "documents", f"{name}.documents") if kind == "speaker" else 1,
            self.whole(data, "words", f"{name}.words"),
            counts,
            ratio_of(focus, versus),
            # A speaker's interval is pooled over the documents, which the report does not itemise: taken as saved.
            interval=self.interval(data, f"{name}.interval"),
            thin=is_thin(focus + versus, min_hits),
        )

    def skipped(self, data: object, name: str) -> Skipped:
        if not isinstance(data, dict):
            raise self.wrong(name, "an object", data)
        kind = self.string(data, "kind", f"{name}.kind")
        if kind not in (UNREADABLE, UNSUPPORTED):
            raise self.wrong(f"{name}.kind", f"{UNREADABLE} or {UNSUPPORTED}", kind)
        reason = data.get("reason")
        if not isinstance(reason, str):
            raise self.wrong(f"{name}.reason", "a string", reason)
        return Skipped(Path(self.string(data, "path", f"{name}.path")), reason, kind)

    # --- typed fields ------------------------------------------------------------------------------------------

    def wrong(self, name: str, wanted: str, value: object) -> ConfigError:
        if value is _MISSING:
            return ConfigError(self.path, f"report field '{name}' is missing; {SAVE_AGAIN}")
        return ConfigError(self.path, f"report field '{name}' must be {wanted}, not {_shown(value)}; {SAVE_AGAIN}")

    def table(self, data: dict, key: str, name: str | None = None) -> dict:
        value = data.get(key, _MISSING)
        if not isinstance(value, dict):
            raise self.wrong(name or key, "an object", value)
        return value

    def items(self, data: dict, key: str, name: str | None = None) -> list[tuple[int, object]]:
        value = data.get(key, _MISSING)
        if not isinstance(value, list):
            raise self.wrong(name or key, "a list", value)
        return list(enumerate(value))

    def string(self, data: dict, key: str, name: str | None = None) -> str:
        value = data.get(key, _MISSING)
        if not isinstance(value, str) or not value or "\0" in value:
            raise self.wrong(name or key, "a non-empty string", value)
        return value

    def optional_string(self, data: dict, key: str, name: str) -> str | None:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise self.wrong(name, "a string or null", value)
        return value

    def whole(self, data: dict, key: str, name: str | None = None) -> int:
        value = data.get(key, _MISSING)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.wrong(name or key, "a whole number, 0 or more", value)
        return value

    def boolean(self, data: dict, key: str) -> bool:
        value = data.get(key, _MISSING)
        if not isinstance(value, bool):
            raise self.wrong(key, "true or false", value)
        return value

    def counts(self, data: dict, name: str, key: str = "counts") -> dict[str, int]:
        table = self.table(data, key, name)
        for category, count in table.items():
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                raise self.wrong(f"{name}.{category}", "a whole number, 0 or more", count)
        return dict(table)

    def date(self, data: dict, name: str) -> dt.date | None:
        value = data.get("date")
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else _no_date()
        except ValueError as error:
            raise self.wrong(name, "a date (YYYY-MM-DD) or null", value) from error

    def interval(self, data: dict, name: str) -> Interval | None:
        value = data.get("interval")
        if value is None:
            return None
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not all(isinstance(end, int | float) and not isinstance(end, bool) for end in value)
            or not 0 <= value[0] <= value[1] <= 1
        ):
            raise self.wrong(name, "[low, high] from 0 to 1, or null", value)
        return Interval(float(value[0]), float(value[1]))


def _no_date() -> dt.date:
    raise ValueError("not a date")


def _shown(value: object) -> str:
    """A value as JSON would spell it, short: ``"high"``, ``-1``, ``an object``."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list) and len(value) > 2:
        return "a list"
    shown = json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= 40 else shown[:37] + "..."
