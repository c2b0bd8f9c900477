"""One self-contained HTML report: summary, charts, the tables of ``analyze``, top terms and every hit.

The file has no external assets and makes no network request: the CSS is inline,
the charts are inline SVG (from :mod:`focuscount.render.chart`), and the only
script, a few inline lines, opens the evidence before printing.  Every text that
comes from a document or a file name is escaped, with its control characters and
undecodable bytes made visible (:func:`focuscount.escape.for_html`).  The numbers in the tables come
from the same row helpers as the terminal tables, so they match ``analyze`` exactly, intervals and
thin-evidence marks included.  One sentence says what the intervals are, and a list names the
documents of thin evidence.  Printed, no table is wider than an A4 page: long paths wrap (at their
slashes first), and tables take a smaller type.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from focuscount.analysis import Analysis
from focuscount.dating import UNDATED_HINT
from focuscount.escape import for_ci_log, for_html, visible
from focuscount.evidence import Evidence
from focuscount.model import per_thousand
from focuscount.render.chart import chart_svg, source_line
from focuscount.render.evidence import keyword_in_context
from focuscount.render.rows import (
    BREAKDOWN_TITLES,
    breakdown_rows,
    document_rows,
    format_rate,
    format_ratio,
    format_ratio_interval,
    has_thin,
    period_rows,
    plural,
    report_only_note,
    report_only_rows,
    summary_line,
    thin_note,
)
from focuscount.render.table import NO_BREAKDOWN
from focuscount.terms import TermReport
from focuscount.uncertainty import format_interval

# Columns read as text (left-aligned); all others are numbers (right-aligned), as in the terminal tables.
TEXT_COLUMNS = frozenset({"Date", "Source", "Document", "Period", "Speaker", "Section", "Slide", "Term", "Word"})

# Stand-ins for <mark> and </mark> while the keyword-in-context line is escaped: private-use
# characters, which no reader produces.  A text that holds them anyway falls back to escaping each part.
_OPEN, _CLOSE = "\ue000", "\ue001"


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
    sections = [
        _summary(analysis),
        _ratio_chart(analysis),
        _periods(analysis),
        _documents(analysis),
        _thin_evidence(analysis),
        *(_breakdown(analysis, kind) for kind in analysis.breakdowns),
        _terms(analysis, term_report),
        _evidence(analysis, evidence_by_document),
        _left_out(analysis),
    ]
    body = "\n".join(section for section in sections if section)
    footer = f"{source_line(analysis)} · {analysis.pipeline}"
    page = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="focuscount">\n'
        f"<title>{_e(title)}</title>\n<style>\n{_CSS}\n</style>\n</head>\n<body>\n"
        f"<header>\n{_header(analysis, title)}\n</header>\n<main>\n{body}\n</main>\n"
        f"<footer>{_e(footer)}</footer>\n<script>\n{_SCRIPT}\n</script>\n</body>\n</html>\n"
    )
    # The report may be printed to a CI log (no -o): a document's "##[error]" must not become a command there.
    return for_ci_log(page, "markup")


# --- sections ----------------------------------------------------------------------------------------------------


def _header(analysis: Analysis, title: str) -> str:
    lexicon = analysis.lexicon
    span = analysis.date_range
    dates = "no dated documents" if span is None else " to ".join(dict.fromkeys(d.isoformat() for d in span))
    read = plural(len(analysis.documents), "document") + " read"
    if analysis.undated:
        read += f" ({len(analysis.undated)} undated)"
    skipped = [f"{len(analysis.unreadable)} unreadable"] if analysis.unreadable else []
    if analysis.unsupported:
        skipped.append(f"{plural(len(analysis.unsupported), 'other file')} skipped")
    facts = [
        (
            "Lexicon",
            f"{lexicon.name} ({lexicon.short_hash})" + (f": {lexicon.description}" if lexicon.description else ""),
        ),
        ("Ratio", f"{lexicon.focus} / ({lexicon.focus} + {lexicon.versus})"),
        *(
            [("Reported apart", ", ".join(lexicon.report_only) + ": counted, not in the ratio")]
            if lexicon.report_only
            else []
        ),
        ("Dates", dates),
        ("Documents", ", ".join([read, *skipped])),
        ("Periods", f"by {analysis.by}"),
    ]
    rows = "\n".join(f"<dt>{_e(name)}</dt><dd>{_e(value)}</dd>" for name, value in facts)
    return f'<h1>{_e(title)}</h1>\n<dl class="facts">\n{rows}\n</dl>'


def _summary(analysis: Analysis) -> str:
    lexicon = analysis.lexicon
    counts = analysis.counts
    tiles = [_tile("Overall ratio", format_ratio(analysis.ratio), _overall_note(analysis))]
    for category in lexicon.categories:
        rate = format_rate(per_thousand(counts[category.name], analysis.words))
        apart = " · not in the ratio" if category.report_only else ""
        tiles.append(
            _tile(category.label, f"{counts[category.name]:,}", f"{category.name} hits · {rate} per 1,000 words{apart}")
        )
    tiles.append(_tile("Words", f"{analysis.words:,}", plural(len(analysis.documents), "document")))
    return (
        '<section id="summary">\n<h2>Summary</h2>\n'
        f'<div class="tiles">{"".join(tiles)}</div>\n'
        f'<p class="trend">{_e(_trend_sentence(analysis))}</p>\n'
        f'<p class="intervals">{_e(intervals_sentence(analysis))}</p>\n'
        f'<p class="muted">{_e(summary_line(analysis))}</p>\n</section>'
    )


def intervals_sentence(analysis: Analysis) -> str:
    """What the intervals and the thin-evidence mark mean, in one sentence."""
    use = "counted in the trend (--include-thin)" if analysis.include_thin else "left out of the trend"
    return (
        "Each ratio comes with its 95% interval: the Wilson interval of its hits for a document (and a section "
        "or slide), and for a period, a speaker or the overall ratio the same made wider for hits clustering "
        "in documents (the design effect); * marks thin evidence, a ratio on fewer than "
        f"{plural(analysis.min_hits, 'hit')}, and thin periods are {use}."
    )


def _overall_note(analysis: Analysis) -> str:
    """``customer / (customer + institution) · 95% interval 0.44–0.59``, and ``· thin evidence`` when it is."""
    lexicon = analysis.lexicon
    note = f"{lexicon.focus} / ({lexicon.focus} + {lexicon.versus})"
    if analysis.interval is not None:
        note += f" · 95% interval {format_interval(analysis.interval)}"
    return note + (" · thin evidence" if analysis.ratio is not None and analysis.thin else "")


def _trend_sentence(analysis: Analysis) -> str:
    """The trend's one line, or why there is none: the same words as ``analyze``."""
    return analysis.trend.describe() if analysis.trend is not None else analysis.no_trend_reason


def _ratio_chart(analysis: Analysis) -> str:
    by = analysis.by
    trend = "the trend" if analysis.trend is not None else "no trend line"
    caption = (
        f"The ratio per {by} (marker area in proportion to its words, whisker its 95% interval, hollow on thin "
        f"evidence) with the 50% balance line and {trend}; below, hits per 1,000 words of each category. "
        f"A {by} without hits is a gap, not 0%. "
    )
    if by != "meeting":
        caption += f"No line crosses a {by} without documents. "
    caption += "Undated documents are not plotted."
    return (
        f'<section id="chart">\n<h2>Over time</h2>\n'
        f"{_figure(chart_svg(analysis, kind='ratio'), f'Ratio chart by {by}', caption, 'ratio')}\n</section>"
    )


def _periods(analysis: Analysis) -> str:
    heading = f"<h2>Periods (by {_e(analysis.by)})</h2>"
    if not analysis.periods:
        return f'<section id="periods">\n{heading}\n<p>{_e(analysis.no_trend_reason)}</p>\n</section>'
    note = _thin_note(analysis, analysis.periods, periods=True)
    trend = _e(_trend_sentence(analysis))
    apart = _report_only_table(analysis)
    table = _table(period_rows(analysis, report_only=False))
    return f'<section id="periods">\n{heading}\n{table}\n{note}<p>{trend}</p>\n{apart}</section>'


def _documents(analysis: Analysis) -> str:
    lexicon = analysis.lexicon
    note = (
        f"Lexicon {lexicon.name}; ratio = {lexicon.focus} / ({lexicon.focus} + {lexicon.versus})"
        f"{report_only_note(lexicon)}; — means no hits."
    )
    return (
        f'<section id="documents">\n<h2>Documents</h2>\n<p class="muted">{_e(note)}</p>\n'
        f"{_table(document_rows(analysis, report_only=False))}\n{_thin_note(analysis, analysis.documents)}</section>"
    )


def _report_only_table(analysis: Analysis) -> str:
    """The report-only categories per period, in a table of their own: counted, never in the ratio."""
    names = analysis.lexicon.report_only
    if not names or not analysis.periods:
        return ""
    listed = ", ".join(names)
    note = "Hits of these categories are counted and shown, and never added to either side of the ratio."
    return (
        f"<h3>Reported apart, not in the ratio: {_e(listed)}</h3>\n"
        f'<p class="muted">{_e(note)}</p>\n{_table(report_only_rows(analysis))}\n'
    )


def _thin_evidence(analysis: Analysis) -> str:
    """The documents whose ratio rests on fewer than ``min_hits`` hits, with their hits and interval."""
    lexicon = analysis.lexicon
    heading = f"<h2>Thin evidence ({len(analysis.thin_documents)})</h2>"
    if not analysis.thin_documents:
        text = f"None: every document rests on at least {plural(analysis.min_hits, 'hit')}."
        return f'<section id="thin">\n{heading}\n<p>{_e(text)}</p>\n</section>'
    items = []
    for counts in analysis.thin_documents:
        focus, versus = counts.counts.get(lexicon.focus, 0), counts.counts.get(lexicon.versus, 0)
        ratio = format_ratio_interval(counts.ratio, counts.interval, thin=False)
        detail = f"{plural(focus + versus, 'hit')} ({lexicon.focus} {focus}, {lexicon.versus} {versus}), ratio {ratio}"
        items.append(f'<li><span class="path">{_path(str(counts.document.path))}</span>: {_e(detail)}</li>')
    intro = (
        f"These documents rest on fewer than {plural(analysis.min_hits, 'hit')} ({lexicon.focus} + "
        f"{lexicon.versus}) each: their own ratios are marked *, and their hits still count in their period."
    )
    return f'<section id="thin">\n{heading}\n<p>{_e(intro)}</p>\n<ul>{"".join(items)}</ul>\n</section>'


def _breakdown(analysis: Analysis, kind: str) -> str:
    rows = analysis.breakdowns.get(kind, ())
    heading = f"<h2>{_e(BREAKDOWN_TITLES.get(kind, kind.capitalize()))} ({len(rows)})</h2>"
    if not rows:
        return f'<section id="{_e(kind)}s">\n{heading}\n<p>{_e(NO_BREAKDOWN.get(kind, "None found."))}</p>\n</section>'
    chart = ""
    if kind in ("speaker", "section"):
        chart = _optional_chart(analysis, f"{kind}s")
    table = _table(breakdown_rows(analysis, kind, report_only=False))
    return f'<section id="{_e(kind)}s">\n{heading}\n{chart}{table}\n{_thin_note(analysis, rows)}</section>'


def _optional_chart(analysis: Analysis, kind: str) -> str:
    """The speakers or sections chart, or nothing when there is no speaker or section to chart."""
    from focuscount.errors import ConfigError

    try:
        svg = chart_svg(analysis, kind=kind)
    except ConfigError:
        return ""
    caption = (
        f"The share of {analysis.lexicon.focus} hits among {analysis.lexicon.focus} and "
        f"{analysis.lexicon.versus} hits per {kind[:-1]}, with its 95% interval and the number of hits it "
        "rests on; pale, hatched bars are thin evidence."
    )
    return _figure(svg, f"Ratio by {kind[:-1]}", caption, kind) + "\n"


def _terms(analysis: Analysis, report: TermReport | None) -> str:
    if report is None:
        return ""
    blocks = []
    for category in report.lexicon.categories:
        rows = [
            {"Term": item.term, "Hits": f"{item.count:,}", "Share": f"{100 * (item.share or 0):.1f}%"}
            for item in report.top.get(category.name, ())
        ]
        apart = ", not in the ratio" if category.report_only else ""
        heading = f"{category.label} ({category.name}{apart}): {plural(report.totals.get(category.name, 0), 'hit')}"
        body = _table(rows) if rows else "<p>No hits.</p>"
        blocks.append(
            f'<div class="terms {_category_class(analysis, category.name)}"><h3>{_e(heading)}</h3>{body}</div>'
        )
    if report.unmatched is not None:
        rows = [{"Word": item.term, "Count": f"{item.count:,}"} for item in report.unmatched]
        heading = "Frequent words no term matched (stop words left out)"
        blocks.append(f'<div class="terms"><h3>{_e(heading)}</h3>{_table(rows) if rows else "<p>None.</p>"}</div>')
    note = f"{plural(report.documents, 'document')}, {plural(report.words, 'word')}, lexicon {report.lexicon.name}"
    return (
        '<section id="terms">\n<h2>Top terms</h2>\n'
        f'<div class="columns">{"".join(blocks)}</div>\n<p class="muted">{_e(note)}</p>\n</section>'
    )


def _evidence(analysis: Analysis, evidence_by_document: Mapping[Path, Sequence[Evidence]]) -> str:
    by_path = {Path(path): items for path, items in evidence_by_document.items()}
    order = [counts.document.path for counts in analysis.documents]
    known = set(order)
    order += sorted((path for path in by_path if path not in known), key=str)  # hits of documents not analysed
    blocks = [_evidence_block(analysis, path, by_path[path]) for path in order if by_path.get(path)]
    total = sum(len(items) for items in by_path.values())
    intro = (
        f"{plural(total, 'hit')} in {plural(len(blocks), 'document')}: every word behind the counts, "
        "with its location and context; the matched words are marked."
    )
    if not blocks:
        intro = "No hits."
    return f'<section id="evidence">\n<h2>Evidence</h2>\n<p>{_e(intro)}</p>\n{"".join(blocks)}</section>'


def _evidence_block(analysis: Analysis, path: Path, items: Sequence[Evidence]) -> str:
    per_category: dict[str, int] = {}
    rows = []
    for item in items:
        hit = item.hit
        per_category[hit.category] = per_category.get(hit.category, 0) + 1
        location = str(hit.location) + (f", {hit.location.speaker}" if hit.location.speaker else "")
        rows.append(
            f"<tr><td>{_e(location)}</td>"
            f'<td><span class="cat {_category_class(analysis, hit.category)}">{_e(hit.category)}</span></td>'
            f'<td>{_e(hit.term)}</td><td class="kwic">{_marked_context(item)}</td></tr>'
        )
    names = [name for name in analysis.lexicon.category_names if name in per_category]
    names += [name for name in per_category if name not in names]  # e.g. ignore, when asked for
    split = " · ".join(f"{name} {per_category[name]:,}" for name in names)
    head = "<thead><tr><th>Location</th><th>Category</th><th>Term</th><th>In context</th></tr></thead>"
    return (
        f"<details><summary>{_e(str(path))} — {_e(plural(len(items), 'hit'))} "
        f'<span class="muted">({_e(split)})</span></summary>\n'
        f'<div class="scroll"><table class="evidence">{head}<tbody>\n{chr(10).join(rows)}\n</tbody></table></div>'
        "</details>\n"
    )


def _left_out(analysis: Analysis) -> str:
    blocks = []
    if analysis.undated:
        items = "".join(
            f"<li>{_e(str(c.document.path))}{_e(f' ({c.document.date_note})' if c.document.date_note else '')}</li>"
            for c in analysis.undated
        )
        blocks.append(
            f"<h3>Undated: counted, but left out of the periods, chart and trend</h3><ul>{items}</ul>"
            f'<p class="muted">Hint: {_e(UNDATED_HINT)}.</p>'
        )
    if analysis.unreadable:
        items = "".join(f"<li>{_e(str(s.path))}: {_e(s.reason)}</li>" for s in analysis.unreadable)
        blocks.append(f"<h3>Unreadable, not counted</h3><ul>{items}</ul>")
    if analysis.unsupported:
        items = "".join(f"<li>{_e(str(s.path))}: {_e(s.reason)}</li>" for s in analysis.unsupported)
        blocks.append(f"<h3>Other files, skipped</h3><ul>{items}</ul>")
    if not blocks:
        return ""
    return f'<section id="left-out">\n<h2>Left out</h2>\n{"".join(blocks)}\n</section>'


# --- pieces ------------------------------------------------------------------------------------------------------


def _table(rows: list[dict[str, object]]) -> str:
    """An HTML table of display rows (the dicts of :mod:`focuscount.render.rows`), numbers right-aligned."""
    if not rows:
        return ""
    keys = list(rows[0])
    classes = {key: _cell_class(key) for key in keys}
    # A header such as customer/1k may wrap after its slash, so a narrow page keeps room for the paths.
    head = "".join(f'<th scope="col"{classes[key]}>{_e(key).replace("/", "/<wbr>")}</th>' for key in keys)
    cell = {key: _path if key == "Document" else _e for key in keys}
    body = "\n".join(
        "<tr>" + "".join(f"<td{classes[key]}>{cell[key](str(row[key]))}</td>" for key in keys) + "</tr>" for row in rows
    )
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table></div>'


def _thin_note(analysis: Analysis, items: Sequence[object], *, periods: bool = False) -> str:
    """The footnote under a table that shows a thin ratio (nothing when none is thin)."""
    if not has_thin(items):  # type: ignore[arg-type]
        return ""
    return f'<p class="muted note">{_e(thin_note(analysis, periods))}</p>\n'


def _path(path: str) -> str:
    """A path, escaped, that may wrap after each folder separator (and anywhere, if a name is longer than a line)."""
    separators = "/" + (os.sep if os.sep != "/" else "")
    return re.sub(f"([{re.escape(separators)}])", r"\1<wbr>", _e(path))


def _cell_class(column: str) -> str:
    """Numbers line up on the right and never wrap; a path wraps (see the CSS), after its slashes first."""
    if column not in TEXT_COLUMNS:
        return ' class="num"'
    return ' class="path"' if column == "Document" else ""


def _tile(label: str, value: str, note: str) -> str:
    return (
        f'<div class="tile"><div class="label">{_e(label)}</div><div class="value">{_e(value)}</div>'
        f'<div class="note">{_e(note)}</div></div>'
    )


def _figure(svg: str, label: str, caption: str, prefix: str) -> str:
    return f'<figure class="chart">{inline_svg(svg, label, prefix)}<figcaption>{_e(caption)}</figcaption></figure>'


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
    return svg.replace("<svg", f'<svg role="img" aria-label="{_e(label)}"', 1).strip()


def _marked_context(item: Evidence) -> str:
    """The keyword-in-context line, escaped, with the matched words in ``<mark>``."""
    hit = item.hit
    if any(stand_in in text for text in (hit.before, hit.matched_text, hit.after) for stand_in in (_OPEN, _CLOSE)):
        matched = " ".join(hit.matched_text.split())
        return f"{_e(hit.before)}<mark>{_e(matched)}</mark>{_e(hit.after)}"
    line = keyword_in_context(item, lambda text: f"{_OPEN}{text}{_CLOSE}", escape=visible)
    return _e(line).replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>")


def _category_class(analysis: Analysis, category: str) -> str:
    lexicon = analysis.lexicon
    return {lexicon.focus: "focus", lexicon.versus: "versus"}.get(category, "other")


def _e(text: str) -> str:
    return for_html(text)


# Evidence is folded on screen; printed, it is all there (CSS where the browser can, else this script).
_SCRIPT = """(function () {
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (d) { d.open = true; opened.push(d); });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();"""

_CSS = """:root {
  --ink: #1f2328; --muted: #59636e; --rule: #d5dbe1; --band: #f3f5f7;
  --focus: #0072B2; --versus: #D55E00; --other: #009E73;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; color: var(--ink); background: #fff;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif;
}
header, main, footer { max-width: 80rem; margin: 0 auto; padding: 0 1.5rem; }
header { padding-top: 2rem; padding-bottom: 1rem; border-bottom: 3px solid var(--focus); }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 1rem; }
h2 { font-size: 1.4rem; margin: 2.5rem 0 0.75rem; padding-bottom: 0.3rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.05rem; margin: 1.25rem 0 0.5rem; }
p { margin: 0.5rem 0; }
.muted, figcaption, footer { color: var(--muted); }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1.25rem; margin: 0; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
.tiles { display: flex; flex-wrap: wrap; gap: 1rem; margin: 1rem 0; }
.tile { flex: 1 1 12rem; border: 1px solid var(--rule); border-radius: 8px; padding: 0.75rem 1rem; }
.tile .label { font-weight: 600; }
.tile .value { font-size: 2rem; font-weight: 700; line-height: 1.2; font-variant-numeric: tabular-nums; }
.tile:first-child .value { color: var(--focus); }
.tile .note { color: var(--muted); font-size: 0.85rem; }
.trend { font-weight: 600; }
figure.chart { margin: 1rem 0 1.5rem; }
figure.chart svg { display: block; width: 100%; height: auto; max-width: 72rem; }
figcaption { font-size: 0.9rem; margin-top: 0.25rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.875rem; font-variant-numeric: tabular-nums; }
th, td { padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; border-bottom: 1px solid var(--rule); }
thead th { background: var(--band); font-weight: 600; white-space: nowrap; border-bottom: 2px solid var(--rule); }
.num { white-space: nowrap; text-align: right; }
/* A long file name wraps (after a slash first, see <wbr>) rather than push the numbers off the page. */
.path { overflow-wrap: anywhere; min-width: 8rem; }
p.note { font-size: 0.85rem; }
tbody tr:hover { background: #f8fafc; }
.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 0 2rem; }
.terms.focus h3, .cat.focus { color: var(--focus); }
.terms.versus h3, .cat.versus { color: var(--versus); }
.cat.other { color: var(--other); }
.cat { font-weight: 600; }
details { border: 1px solid var(--rule); border-radius: 6px; margin: 0.5rem 0; }
summary { cursor: pointer; padding: 0.5rem 0.75rem; font-weight: 600; overflow-wrap: anywhere; }
summary .muted { font-weight: 400; }
details[open] > summary { border-bottom: 1px solid var(--rule); }
table.evidence td.kwic { min-width: 24rem; }
mark { background: #ffe08a; color: inherit; padding: 0 0.1em; border-radius: 2px; }
ul { padding-left: 1.25rem; }
footer { font-size: 0.85rem; padding-top: 2rem; padding-bottom: 2rem; }
@media print {
  @page { margin: 14mm 12mm; }
  body { font-size: 10pt; color: #000; }
  header, main, footer { max-width: none; padding: 0; }
  header { border-bottom: 2pt solid #000; }
  h2 { margin-top: 1.5rem; }
  h2, h3, summary { break-after: avoid; page-break-after: avoid; }
  tr, figure, .tile, dt, dd { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  thead th { background: none; border-bottom: 1pt solid #000; }
  tbody tr:hover { background: none; }
  .tile { border-color: #999; }
  .tile:first-child .value { color: #000; }
  .scroll { overflow: visible; }
  /* Wide tables fit an A4 page in portrait: smaller type, tighter cells, headers that wrap. */
  table { font-size: 7.5pt; }
  /* Words stay whole (a word longer than its cell breaks); a path may break anywhere, so its column gives way. */
  th, td { padding: 0.15rem 0.3rem; overflow-wrap: break-word; }
  thead th, thead th.num { white-space: normal; }
  #periods td:first-child, #documents td:first-child { white-space: nowrap; }
  .path { min-width: 0; }
  table.evidence td.kwic { min-width: 0; }
  figure.chart svg { max-width: 100%; }
  details { border: none; margin: 0.75rem 0; }
  details > summary { list-style: none; padding: 0; border: none; }
  details > summary::-webkit-details-marker { display: none; }
  details[open] > summary { border: none; }
  mark { background: none; font-weight: 700; text-decoration: underline; }
}
/* Its own block: a browser that does not know ::details-content drops only this rule. */
@media print {
  details::details-content { content-visibility: visible; display: block; }
}"""
