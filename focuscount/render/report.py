"""One self-contained HTML report: summary, charts, the tables of ``analyze``, top terms and every hit.

The file has no external assets and makes no network request: the CSS is inline,
the charts are inline SVG (from :mod:`focuscount.render.chart`), and the only
script, a few inline lines, opens the evidence before printing.  The page is the
Jinja2 template ``templates/report.html.j2`` (with ``templates/report.css``), shipped
inside the package; this module only gathers what it shows.  The template escapes
every value (autoescape), with control characters and undecodable bytes of a file
name or a document made visible (:func:`focuscount.escape.for_html`).  The numbers in the
tables come from the same row helpers as the terminal tables, so they match ``analyze``
exactly, intervals and thin-evidence marks included; the summary comes from
:class:`~focuscount.render.summary.Summary`, like the closing line of ``analyze``.  One
sentence says what the intervals are, and a list names the documents of thin evidence.
Printed, no table is wider than an A4 page: long paths wrap (at their slashes first), and
tables take a smaller type.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from focuscount.analysis import Analysis
from focuscount.dating import UNDATED_HINT
from focuscount.errors import ConfigError
from focuscount.escape import for_ci_log, for_html
from focuscount.evidence import Evidence
from focuscount.render.chart import chart_svg
from focuscount.render.formats import ChartKind
from focuscount.render.rows import (
    BREAKDOWN_TITLES,
    breakdown_rows,
    document_rows,
    format_ratio_interval,
    has_thin,
    period_rows,
    plural,
    report_only_note,
    report_only_rows,
    series_period_rows,
    series_rows,
    series_trend_lines,
    thin_note,
)
from focuscount.render.summary import Summary
from focuscount.render.table import NO_BREAKDOWN
from focuscount.terms import TermReport

if TYPE_CHECKING:
    import jinja2

TEMPLATE = "report.html.j2"
STYLESHEET = "report.css"

# Columns read as text (left-aligned); all others are numbers (right-aligned), as in the terminal tables.
TEXT_COLUMNS = frozenset(
    {"Date", "Source", "Document", "Period", "Speaker", "Section", "Slide", "Term", "Word", "Series", "Trend/year"}
)


def render_report(
    analysis: Analysis,
    term_report: TermReport | None,
    evidence_by_document: Mapping[Path, Sequence[Evidence]],
    *,
    title: str | None = None,
) -> str:
    """The whole report as one HTML document (a string; write it with :func:`focuscount.output.write_atomic`).

    ``term_report`` (from :func:`focuscount.terms.term_report`) gives the top terms
    (the section is left out when None); ``evidence_by_document`` maps each
    document path, as in ``analysis.documents``, to its hits (from
    :func:`focuscount.evidence.iter_evidence`).  ``title`` defaults to
    ``Customer-centeredness report`` (after the lexicon's focus category).
    """
    title = title or f"{analysis.lexicon.focus.capitalize()}-centeredness report"
    summary = Summary.of(analysis)
    environment = _environment()
    page = environment.get_template(TEMPLATE).render(
        title=title,
        css=Markup(_stylesheet()),
        facts=_facts(analysis, summary),
        summary=summary,
        tiles=summary.tiles(),
        trend=_trend_sentence(analysis),
        intervals=intervals_sentence(analysis),
        ratio_chart=_ratio_chart(analysis),
        by=analysis.by,
        no_trend_reason=analysis.no_trend_reason,
        periods=_periods(analysis),
        series=_series(analysis),
        documents=_documents(analysis),
        thin=_thin_evidence(analysis),
        breakdowns=[_breakdown(analysis, kind) for kind in analysis.breakdowns],
        terms=_terms(analysis, term_report),
        evidence=_evidence(analysis, evidence_by_document),
        left_out=_left_out(analysis),
        footer=f"{summary.source_line()} · {analysis.pipeline}",
    )
    # The report may be printed to a CI log (no -o): a document's "##[error]" must not become a command there.
    return for_ci_log(page, "markup")


def intervals_sentence(analysis: Analysis) -> str:
    """What the intervals and the thin-evidence mark mean, in one sentence."""
    use = "counted in the trend (--include-thin)" if analysis.include_thin else "left out of the trend"
    return (
        "Each ratio comes with its 95% interval: the Wilson interval of its hits for a document (and a section "
        "or slide), and for a period, a speaker or the overall ratio the same made wider for hits clustering "
        "in documents (the design effect); * marks thin evidence, a ratio on fewer than "
        f"{plural(analysis.min_hits, 'hit')}, and thin periods are {use}."
    )


# --- the template ------------------------------------------------------------------------------------------------


@functools.cache
def _environment() -> jinja2.Environment:
    """The Jinja2 environment of the report, made once: autoescape, StrictUndefined, block tags leave no lines."""
    import jinja2  # here, not at the top: only the report needs it, and the CLI starts faster without it

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("focuscount.render", "templates"),
        autoescape=True,
        # Every value is escaped the way for_html does it (control characters made visible, quotes as &quot;),
        # not only by autoescape's own rules; Markup (the charts, the macros) passes as it is.
        finalize=_escaped,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["path"] = _wrapped_path
    environment.filters["wrap_slashes"] = _wrapped_header
    return environment


def _stylesheet() -> str:
    """The report's CSS, from the package's templates folder (inlined: the report is one file)."""
    loader = _environment().loader
    assert loader is not None
    source, _, _ = loader.get_source(_environment(), STYLESHEET)
    return source


def _escaped(value: object) -> Markup:
    """``value`` as HTML: Markup as it is, anything else as text through :func:`focuscount.escape.for_html`."""
    if isinstance(value, Markup):
        return value
    return Markup(for_html(str(value)))  # the one escape of the page; the template's finalize calls it


def _wrapped_path(path: str) -> Markup:
    """A path, escaped, that may wrap after each folder separator (and anywhere, if a name is longer than a line)."""
    separators = "/" + (os.sep if os.sep != "/" else "")
    pieces = re.split(f"([{re.escape(separators)}])", path)
    # Odd pieces are the separators the split kept.
    return Markup("").join(
        _escaped(piece) + Markup("<wbr>") if index % 2 else _escaped(piece) for index, piece in enumerate(pieces)
    )


def _wrapped_header(text: str) -> Markup:
    """A column header that may wrap after its slash (``customer/1k``), so a narrow page keeps room for paths."""
    return Markup("/<wbr>").join(_escaped(piece) for piece in text.split("/"))


# --- what the template shows -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Column:
    name: str
    kind: str  # its cell's class: "num" (right-aligned, never wraps), "path" (wraps after slashes) or ""


@dataclass(frozen=True)
class _Table:
    columns: tuple[_Column, ...]
    rows: tuple[tuple[tuple[_Column, str], ...], ...]  # per row, each cell's column and text


@dataclass(frozen=True)
class _Figure:
    svg: Markup
    caption: str


@dataclass(frozen=True)
class _ReportOnly:
    names: str
    table: _Table


@dataclass(frozen=True)
class _Periods:
    table: _Table
    thin_note: str
    apart: _ReportOnly | None


@dataclass(frozen=True)
class _SeriesSection:
    split: str  # how the documents were split: "folder", "prefix" or "pattern REGEX"
    table: _Table
    thin_note: str
    trends: tuple[str, ...]  # each series' trend line, or why it has none


@dataclass(frozen=True)
class _Documents:
    note: str
    table: _Table
    thin_note: str


@dataclass(frozen=True)
class _Thin:
    intro: str
    items: tuple[tuple[str, str], ...]  # path, its hits and ratio


@dataclass(frozen=True)
class _Breakdown:
    kind: str
    title: str
    table: _Table
    chart: _Figure | None
    thin_note: str
    empty: str  # what the section says without rows


@dataclass(frozen=True)
class _TermsBlock:
    css_class: str  # focus, versus, other, or "" for the unmatched words
    heading: str
    table: _Table
    empty: str


@dataclass(frozen=True)
class _Terms:
    blocks: tuple[_TermsBlock, ...]
    note: str


@dataclass(frozen=True)
class _EvidenceRow:
    location: str
    css_class: str
    category: str
    term: str
    before: str
    matched: str
    after: str


@dataclass(frozen=True)
class _EvidenceBlock:
    path: str
    hits: str
    split: str
    rows: tuple[_EvidenceRow, ...]


@dataclass(frozen=True)
class _EvidenceSection:
    intro: str
    blocks: tuple[_EvidenceBlock, ...]


@dataclass(frozen=True)
class _LeftOut:
    undated: tuple[tuple[str, str], ...]  # path, " (why)" or ""
    unreadable: tuple[tuple[str, str], ...]  # path, reason
    unsupported: tuple[tuple[str, str], ...]
    hint: str


def _facts(analysis: Analysis, summary: Summary) -> list[tuple[str, str]]:
    """The header's facts: lexicon, ratio, the categories reported apart, dates, documents and periods."""
    lexicon = analysis.lexicon
    described = f": {lexicon.description}" if lexicon.description else ""
    apart = [("Reported apart", ", ".join(lexicon.report_only) + ": counted, not in the ratio")]
    return [
        ("Lexicon", f"{lexicon.name} ({lexicon.short_hash}){described}"),
        ("Ratio", summary.formula()),
        *(apart if lexicon.report_only else []),
        ("Dates", summary.dates()),
        ("Documents", summary.header_documents()),
        ("Periods", f"by {analysis.by}"),
    ]


def _trend_sentence(analysis: Analysis) -> str:
    """The trend's one line, or why there is none: the same words as ``analyze``."""
    said = analysis.trend.describe() if analysis.trend is not None else analysis.no_trend_reason
    return said.replace("Trend: ", "Trend (all documents): ", 1) if analysis.series else said


def _ratio_chart(analysis: Analysis) -> _Figure:
    by = analysis.by
    if analysis.series and analysis.periods:
        caption = (
            f"The ratio of each series per {by}, a colour and marker each, on one time axis (marker area in "
            "proportion to its words, whisker its 95% interval, hollow on thin evidence), with the 50% balance "
            f"line and each series' trend (dash-dot); below, each series' {analysis.lexicon.focus} (solid) and "
            f"{analysis.lexicon.versus} (dashed) hits per 1,000 words. A {by} without hits is a gap, not 0%. "
            "Undated documents are not plotted."
        )
        return _figure(chart_svg(analysis, kind="ratio"), f"Ratio chart of each series by {by}", caption, "ratio")
    trend = "the trend" if analysis.trend is not None else "no trend line"
    caption = (
        f"The ratio per {by} (marker area in proportion to its words, whisker its 95% interval, hollow on thin "
        f"evidence) with the 50% balance line and {trend}; below, hits per 1,000 words of each category. "
        f"A {by} without hits is a gap, not 0%. "
    )
    if by != "meeting":
        caption += f"No line crosses a {by} without documents. "
    caption += "Undated documents are not plotted."
    return _figure(chart_svg(analysis, kind="ratio"), f"Ratio chart by {by}", caption, "ratio")


def _periods(analysis: Analysis) -> _Periods:
    names = analysis.lexicon.report_only
    apart = _ReportOnly(", ".join(names), _table(report_only_rows(analysis))) if names and analysis.periods else None
    if analysis.series:  # each series' own periods, series after series
        periods = [period for series in analysis.series for period in series.periods]
        rows = series_period_rows(analysis, report_only=False)
        return _Periods(_table(rows), _thin_note(analysis, periods, periods=True), apart)
    return _Periods(
        _table(period_rows(analysis, report_only=False)), _thin_note(analysis, analysis.periods, periods=True), apart
    )


def _series(analysis: Analysis) -> _SeriesSection | None:
    """With ``--series``: the series compared in one table, and each one's trend."""
    rule = analysis.series_rule
    if rule is None:
        return None
    return _SeriesSection(
        rule if rule in ("folder", "prefix") else f"pattern {rule}",
        _table(series_rows(analysis, report_only=False)),
        _thin_note(analysis, analysis.series),
        tuple(series_trend_lines(analysis)),
    )


def _documents(analysis: Analysis) -> _Documents:
    lexicon = analysis.lexicon
    note = (
        f"Lexicon {lexicon.name}; ratio = {lexicon.focus} / ({lexicon.focus} + {lexicon.versus})"
        f"{report_only_note(lexicon)}; — means no hits."
    )
    return _Documents(
        note, _table(document_rows(analysis, report_only=False)), _thin_note(analysis, analysis.documents)
    )


def _thin_evidence(analysis: Analysis) -> _Thin:
    """The documents whose ratio rests on fewer than ``min_hits`` hits, with their hits and interval."""
    lexicon = analysis.lexicon
    if not analysis.thin_documents:
        return _Thin(f"None: every document rests on at least {plural(analysis.min_hits, 'hit')}.", ())
    items = []
    for counts in analysis.thin_documents:
        focus, versus = counts.counts.get(lexicon.focus, 0), counts.counts.get(lexicon.versus, 0)
        ratio = format_ratio_interval(counts.ratio, counts.interval, thin=False)
        detail = f"{plural(focus + versus, 'hit')} ({lexicon.focus} {focus}, {lexicon.versus} {versus}), ratio {ratio}"
        items.append((str(counts.document.path), detail))
    intro = (
        f"These documents rest on fewer than {plural(analysis.min_hits, 'hit')} ({lexicon.focus} + "
        f"{lexicon.versus}) each: their own ratios are marked *, and their hits still count in their period."
    )
    return _Thin(intro, tuple(items))


def _breakdown(analysis: Analysis, kind: str) -> _Breakdown:
    rows = analysis.breakdowns.get(kind, ())
    chart_kinds: dict[str, ChartKind] = {"speaker": "speakers", "section": "sections"}
    chart = _optional_chart(analysis, chart_kinds[kind]) if rows and kind in chart_kinds else None
    return _Breakdown(
        kind=kind,
        title=BREAKDOWN_TITLES.get(kind, kind.capitalize()),
        table=_table(breakdown_rows(analysis, kind, report_only=False)),
        chart=chart,
        thin_note=_thin_note(analysis, rows),
        empty=NO_BREAKDOWN.get(kind, "None found."),
    )


def _optional_chart(analysis: Analysis, kind: ChartKind) -> _Figure | None:
    """The speakers or sections chart, or nothing when there is no speaker or section to chart."""
    try:
        svg = chart_svg(analysis, kind=kind)
    except ConfigError:
        return None
    caption = (
        f"The share of {analysis.lexicon.focus} hits among {analysis.lexicon.focus} and "
        f"{analysis.lexicon.versus} hits per {kind[:-1]}, with its 95% interval and the number of hits it "
        "rests on; pale, hatched bars are thin evidence."
    )
    return _figure(svg, f"Ratio by {kind[:-1]}", caption, kind)


def _terms(analysis: Analysis, report: TermReport | None) -> _Terms | None:
    if report is None:
        return None
    blocks = []
    for category in report.lexicon.categories:
        rows: list[dict[str, object]] = [
            {"Term": item.term, "Hits": f"{item.count:,}", "Share": f"{100 * (item.share or 0):.1f}%"}
            for item in report.top.get(category.name, ())
        ]
        apart = ", not in the ratio" if category.report_only else ""
        heading = f"{category.label} ({category.name}{apart}): {plural(report.totals.get(category.name, 0), 'hit')}"
        blocks.append(_TermsBlock(_category_class(analysis, category.name), heading, _table(rows), "No hits."))
    if report.unmatched is not None:
        words: list[dict[str, object]] = [{"Word": item.term, "Count": f"{item.count:,}"} for item in report.unmatched]
        heading = "Frequent words no term matched (stop words left out)"
        blocks.append(_TermsBlock("", heading, _table(words), "None."))
    note = f"{plural(report.documents, 'document')}, {plural(report.words, 'word')}, lexicon {report.lexicon.name}"
    return _Terms(tuple(blocks), note)


def _evidence(analysis: Analysis, evidence_by_document: Mapping[Path, Sequence[Evidence]]) -> _EvidenceSection:
    by_path = {Path(path): items for path, items in evidence_by_document.items()}
    order = [counts.document.path for counts in analysis.documents]
    known = set(order)
    order += sorted((path for path in by_path if path not in known), key=str)  # hits of documents not analysed
    blocks = tuple(_evidence_block(analysis, path, by_path[path]) for path in order if by_path.get(path))
    total = sum(len(items) for items in by_path.values())
    intro = (
        f"{plural(total, 'hit')} in {plural(len(blocks), 'document')}: every word behind the counts, "
        "with its location and context; the matched words are marked."
    )
    return _EvidenceSection(intro if blocks else "No hits.", blocks)


def _evidence_block(analysis: Analysis, path: Path, items: Sequence[Evidence]) -> _EvidenceBlock:
    per_category: dict[str, int] = {}
    rows = []
    for item in items:
        hit = item.hit
        per_category[hit.category] = per_category.get(hit.category, 0) + 1
        location = str(hit.location) + (f", {hit.location.speaker}" if hit.location.speaker else "")
        # The matched words on one line, as in explain's keyword in context; the template marks them.
        matched = " ".join(hit.matched_text.split())
        css_class = _category_class(analysis, hit.category)
        rows.append(_EvidenceRow(location, css_class, hit.category, hit.term, hit.before, matched, hit.after))
    names = [name for name in analysis.lexicon.category_names if name in per_category]
    names += [name for name in per_category if name not in names]  # e.g. ignore, when asked for
    split = " · ".join(f"{name} {per_category[name]:,}" for name in names)
    return _EvidenceBlock(str(path), plural(len(items), "hit"), split, tuple(rows))


def _left_out(analysis: Analysis) -> _LeftOut:
    return _LeftOut(
        undated=tuple(
            (str(c.document.path), f" ({c.document.date_note})" if c.document.date_note else "")
            for c in analysis.undated
        ),
        unreadable=tuple((str(s.path), s.reason) for s in analysis.unreadable),
        unsupported=tuple((str(s.path), s.reason) for s in analysis.unsupported),
        hint=UNDATED_HINT,
    )


# --- pieces ------------------------------------------------------------------------------------------------------


def _table(rows: list[dict[str, object]]) -> _Table:
    """A table of display rows (the dicts of :mod:`focuscount.render.rows`); no columns when there is no row."""
    if not rows:
        return _Table((), ())
    columns = tuple(_Column(key, _cell_kind(key)) for key in rows[0])
    return _Table(columns, tuple(tuple((column, str(row[column.name])) for column in columns) for row in rows))


def _thin_note(analysis: Analysis, items: Sequence[object], *, periods: bool = False) -> str:
    """The footnote under a table that shows a thin ratio (empty when none is thin)."""
    if not has_thin(items):  # type: ignore[arg-type]
        return ""
    return thin_note(analysis, periods)


def _cell_kind(column: str) -> str:
    """Numbers line up on the right and never wrap; a path wraps (see the CSS), after its slashes first."""
    if column not in TEXT_COLUMNS:
        return "num"
    return "path" if column == "Document" else ""


def _figure(svg: str, label: str, caption: str, prefix: str) -> _Figure:
    return _Figure(Markup(inline_svg(svg, label, prefix)), caption)


def inline_svg(svg: str, label: str, prefix: str) -> str:
    """An SVG document made fit to sit inside HTML.

    No XML prolog, no metadata and no namespace declarations (the HTML parser
    supplies them), labelled for screen readers, and every id (with the references
    to it) prefixed by ``prefix``, so that two charts on one page never share an id.
    """
    start = svg.find("<svg")
    if start < 0:
        raise ValueError("not an SVG document")
    svg = svg[start:]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, count=1, flags=re.DOTALL)
    svg = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", svg)
    ids = set(re.findall(r'\bid="([^"]+)"', svg))

    def prefixed(match: re.Match[str]) -> str:
        name = match.group(2)
        return f"{match.group(1)}{prefix}-{name}{match.group(3)}" if name in ids else match.group(0)

    svg = re.sub(r'(\bid=")([^"]+)(")', prefixed, svg)
    svg = re.sub(r"(url\(#)([^)]+)(\))", prefixed, svg)
    svg = re.sub(r'(href="#)([^"]+)(")', prefixed, svg)
    # The SVG is edited as a string, not rendered by the template: its label is escaped here, as the template would.
    return svg.replace("<svg", f'<svg role="img" aria-label="{_escaped(label)}"', 1).strip()


def _category_class(analysis: Analysis, category: str) -> str:
    lexicon = analysis.lexicon
    return {lexicon.focus: "focus", lexicon.versus: "versus"}.get(category, "other")
