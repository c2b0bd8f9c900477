"""Charts of an :class:`~focuscount.analysis.Analysis` for slides, print and the HTML report.

Presenters cite these charts, so every choice here favours honesty at a glance:
the ratio axis always runs from 0% to 100%, a period without hits is a gap in the
line (never a zero), each point's marker area says how many words stand behind
it, a whisker shows its 95% interval, a hollow marker says it rests on thin
evidence, and a source line names the lexicon, the documents and the dates.

By month, quarter or year the line never bridges a period without documents
(2019 then 2023 by year is two dots, not a slope through three silent years).  By
meeting the points stay connected: meetings have no calendar slot that could be
empty.  The trend line is drawn only when there is a trend, labelled with the
same numbers as the text (:attr:`focuscount.timeline.Trend.label`); without one the
caption line says why.  Legends sit below the plot, so the plot keeps the width.
A set without any dated document has no time axis: its ratio chart is a bar per
document instead (with the same intervals and thin marks as the speaker bars).

How a chart looks on a slide (its size, a transparent background, larger fonts, a
subtitle, the organisation in the source line) is a :class:`ChartLook`.

matplotlib is imported only inside the functions that draw, so importing this
module (and the CLI that imports it) stays fast.  No pyplot is used: each chart is
a bare :class:`~matplotlib.figure.Figure` on an Agg canvas, so no display is
needed and no global matplotlib state (the backend of a host application, the
list of open figures) is touched.

Every text that comes from a file (titles, category labels, terms, speaker and
section names, file names) is drawn literally: ``$`` is never read as TeX
(``text.parse_math`` off, no usetex), and control characters and undecodable
bytes are shown as escapes (:func:`focuscount.escape.for_chart`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
import math
import textwrap
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from focuscount._version import __version__
from focuscount.analysis import Analysis
from focuscount.breakdown import NO_SECTION, NO_SPEAKER, BreakdownRow
from focuscount.errors import ConfigError
from focuscount.escape import for_chart
from focuscount.lexicon import Category, Lexicon
from focuscount.model import DocumentCounts, Period
from focuscount.output import write_atomic_with
from focuscount.render.chart_look import DEFAULT_LOOK, ChartLook
from focuscount.render.formats import CHART_KINDS, ChartKind
from focuscount.render.rows import document_date_label, plural
from focuscount.render.summary import Summary
from focuscount.terms import TermReport
from focuscount.timeline import midpoint
from focuscount.uncertainty import Interval

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.container import BarContainer
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.text import Text

CHART_FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
DEFAULT_DPI = 200

# 16:9 at 100 dpi is 1280×720: a projector's native size, where 11 pt text stays readable.
FIGSIZE = (12.8, 7.2)
OVER_TIME = ("ratio", "counts")  # the kinds with a date axis
DOCUMENTS = "documents"  # what a ratio chart of an undated set shows: a bar per document
BAR_AXIS_LABELS = {"speakers": "Speaker", "sections": "Section (document date · heading)", DOCUMENTS: "Document"}
INTERVAL_PLACES = 4  # a bar's whisker ends as a saved JSON report holds them, so a chart redrawn from it is the same
FIGURE_PAD = 0.08  # inches between the figure's edge (or the title) and the plots
SOURCE_BAND = 0.06  # the bottom strip of the figure kept for the source line
CAPTION_BAND = 0.1  # the same strip when a caption line sits above the source line
CALENDAR_GROUPINGS = ("month", "quarter", "year")  # groupings whose empty periods break the line

# Okabe–Ito: a palette that colour-blind viewers (and greyscale printers) can tell apart.
OKABE_ITO = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "bluish green": "#009E73",
    "reddish purple": "#CC79A7",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
}
FOCUS_COLOUR = OKABE_ITO["blue"]
VERSUS_COLOUR = OKABE_ITO["vermillion"]
OTHER_COLOURS = tuple(OKABE_ITO[name] for name in ("bluish green", "reddish purple", "orange", "sky blue", "yellow"))
TREND_COLOUR = OKABE_ITO["black"]
BALANCE_COLOUR = "#6E6E6E"
GAP_COLOUR = "#B0B0B0"
MUTED_COLOUR = "#555555"
INTERVAL_COLOUR = "#5B8DB8"  # the focus blue, lighter: whiskers under the markers
TEXT_COLOUR = "#222222"

MAX_MARKER_AREA = 320.0  # pt², the marker of the period with the most words; the others in proportion
PLOT_WIDTH = 600.0  # pt, about the width of the time axis: many periods get smaller markers, so they do not pile up
LEGEND_COLUMNS = 4  # entries side by side in a legend under the plot, at most
LEGEND_WRAP = 28  # characters of a legend label's line, when the labels must be wrapped to fit two columns
LEGEND_DROP = 44.0  # pt from the bottom of the axes to the legend: below the date labels and the axis label
MAX_BARS = 20  # more speakers, sections or documents than this would not be readable on one slide
MAX_LABEL = 48  # characters of a speaker or section name before it is cut with "…"
# A second cue besides colour, for greyscale print: focus, versus, then the others.
MARKERS = ("o", "s", "^", "D", "v", "P")
# The font sizes --font-scale multiplies (the sizes given in the code go through _points).
_FONT_KEYS = (
    "font.size", "axes.titlesize", "axes.labelsize", "xtick.labelsize", "ytick.labelsize", "legend.fontsize",
    "figure.titlesize",
)  # fmt: skip
SUBTITLE_SIZE = 13  # pt: under the 18 pt title, above the plot

_STYLE: dict[str, Any] = {
    "font.size": 12,
    "axes.titlesize": 13,
    "axes.labelsize": 12,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 11,
    "figure.titlesize": 18,
    "figure.titleweight": "bold",
    "text.color": TEXT_COLOUR,
    "axes.labelcolor": TEXT_COLOUR,
    "axes.titlecolor": TEXT_COLOUR,
    "axes.edgecolor": "#8A8A8A",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.axisbelow": True,
    "grid.color": "#E3E3E3",
    "grid.linewidth": 0.8,
    "xtick.color": "#444444",
    "ytick.color": "#444444",
    "legend.frameon": False,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    # Text from documents and lexicons is drawn as written: "$5,000 to $10,000" is no TeX formula.
    # Each Text takes this when it is made (inside the style), so it holds when saved outside it too.
    "text.parse_math": False,
    "text.usetex": False,
    "svg.fonttype": "none",  # text stays text: searchable, selectable, and testable
    "pdf.fonttype": 42,  # embed TrueType fonts, so text in the PDF stays text too
}


def render_chart(
    analysis: Analysis,
    path: Path | str,
    *,
    kind: ChartKind = "ratio",
    title: str | None = None,
    dpi: int = DEFAULT_DPI,
    term_report: TermReport | None = None,
    look: ChartLook = DEFAULT_LOOK,
) -> Path:
    """Draw the ``kind`` chart of ``analysis`` into ``path`` and return the path.

    The format follows the extension: ``.png`` (``dpi`` dots per inch on a
    12.8×7.2 inch figure unless ``look.size`` says otherwise; a size in pixels sets its
    own dpi), ``.svg`` or ``.pdf``.  The file is written atomically
    (a temporary file in the same folder, then a rename), so a failure never leaves
    half a chart.  ``kind="terms"`` needs ``term_report`` (from
    :func:`focuscount.terms.term_report` with the same lexicon); ``speakers`` and
    ``sections`` need the analysis run with that breakdown.  Raises
    :class:`ConfigError` for an unknown kind or extension, a missing folder, or
    missing data.
    """
    path = Path(path)
    file_format = chart_format(path)
    if dpi <= 0:
        raise ConfigError(path, f"chart dpi must be a positive number, not {dpi}")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ConfigError(path, f"cannot write chart: folder {folder} does not exist")
    dots = look.size.dpi(dpi)  # a size in pixels says its own
    with _styled(kind, look):
        figure = chart_figure(analysis, kind=kind, title=title, term_report=term_report, look=look)
        write_atomic_with(path, lambda stream: _save(figure, stream, file_format, dots), "chart")
    return path


def chart_svg(
    analysis: Analysis,
    *,
    kind: ChartKind = "ratio",
    title: str | None = None,
    term_report: TermReport | None = None,
    look: ChartLook = DEFAULT_LOOK,
) -> str:
    """The ``kind`` chart of ``analysis`` as an SVG document (text kept as text), e.g. to inline in HTML."""
    with _styled(kind, look):
        figure = chart_figure(analysis, kind=kind, title=title, term_report=term_report, look=look)
        buffer = io.BytesIO()
        _save(figure, buffer, "svg", DEFAULT_DPI)
    return buffer.getvalue().decode("utf-8")


def chart_figure(
    analysis: Analysis,
    *,
    kind: ChartKind = "ratio",
    title: str | None = None,
    term_report: TermReport | None = None,
    look: ChartLook = DEFAULT_LOOK,
) -> Figure:
    """The ``kind`` chart as a matplotlib Figure (on an Agg canvas), to inspect or save yourself.

    Inside :func:`render_chart` and :func:`chart_svg` it is built under the
    charts' style (fonts, colours, spines); called directly it takes that style
    too, but saving it later outside uses matplotlib's defaults for file options
    such as ``svg.fonttype``.
    """
    # Fail on missing data before drawing anything.
    rows, term_report, by_document = _chart_data(analysis, kind, term_report)
    from focuscount.render import chart_series

    # With --series, the charts over time draw a line per series on one axis.
    split = bool(analysis.series) and kind in OVER_TIME and not by_document
    caption = (chart_series.series_caption(analysis) if split else ratio_caption(analysis)) if kind == "ratio" else None
    width, height = look.size.inches()
    # The bands under the plot are as tall as their text: taller with larger fonts, a smaller share of a taller figure.
    lines = look.font_scale * FIGSIZE[1] / height
    with _styled(kind, look):
        figure = _new_figure((CAPTION_BAND if caption else SOURCE_BAND) * lines, (width, height))
        if by_document:
            _draw_breakdown(figure, analysis, DOCUMENTS, rows)
        elif kind == "ratio":
            (chart_series.draw_ratio_and_rates if split else _draw_ratio_and_rates)(figure, analysis)
        elif kind == "counts":
            (chart_series.draw_rates_only if split else _draw_rates_only)(figure, analysis)
        elif kind == "terms" and term_report is not None:
            _draw_terms(figure, term_report)
        else:
            _draw_breakdown(figure, analysis, kind, rows)
        if title is not None:
            shown = title
        else:
            shown = (
                chart_series.series_title(analysis, kind)
                if split
                else default_title(analysis, DOCUMENTS if by_document else kind)
            )
        heading = figure.suptitle(for_chart(shown), x=0.01, ha="left")
        source = source_line(analysis, over_time=kind in OVER_TIME and not by_document, organisation=look.organisation)
        raised = _draw_source(figure, source, 0.015 * lines)
        if caption:
            figure.text(
                0.01, 0.055 * lines + raised, for_chart(caption), fontsize=_points(11), color=MUTED_COLOUR,
                gid="caption",
            )  # fmt: skip
        if look.subtitle:
            _add_subtitle(figure, heading, look.subtitle)
    return figure


def check_chart(analysis: Analysis, kind: str, term_report: TermReport | None = None) -> None:
    """Raise the :class:`ConfigError` that drawing the ``kind`` chart of ``analysis`` would, without drawing it.

    A caller making many charts (``chart --kind all``) tells a chart that cannot be
    drawn (no speakers, no sections, no dates for the counts) from one that could not
    be written.
    """
    _chart_data(analysis, kind, term_report)


def _chart_data(
    analysis: Analysis, kind: str, term_report: TermReport | None
) -> tuple[tuple[BreakdownRow, ...], TermReport | None, bool]:
    """The rows and term report the ``kind`` chart needs, and whether it is a bar per document; or a ConfigError."""
    if kind not in CHART_KINDS:
        raise ConfigError(None, f"`kind` must be one of {', '.join(CHART_KINDS)}, not '{kind}'", parameters=("kind",))
    # Without a dated document there is no time axis: the ratio is a bar per document.
    by_document = kind in OVER_TIME and not analysis.periods and bool(analysis.documents)
    if by_document and kind == "counts":
        raise ConfigError(
            None,
            "no dated documents: the counts chart draws hits over time; date the documents "
            "(a date in the file name, or a --dates CSV), or draw the ratio chart, a bar per document",
        )
    if by_document:
        return document_rows(analysis), term_report, True
    if kind in ("speakers", "sections"):
        return _breakdown_for_chart(analysis, kind), term_report, False
    if kind == "terms":
        return (), _checked_term_report(analysis, term_report), False
    return (), term_report, False


def document_rows(analysis: Analysis) -> tuple[BreakdownRow, ...]:
    """One row per document, as the speaker and section bars have them: what an undated set's ratio chart draws.

    Each is named by its path below the folder all the documents share, so two
    ``minutes.txt`` in two folders stay apart.
    """
    paths = [counts.document.path for counts in analysis.documents]
    common = _common_folder(paths)
    return tuple(_document_row(counts, common) for counts in analysis.documents)


def _common_folder(paths: Sequence[Path]) -> Path | None:
    import os

    folders = [str(path.parent) for path in paths]
    try:
        common = os.path.commonpath(folders) if folders else ""
    except ValueError:  # absolute and relative paths mixed, or two drives
        return None
    return Path(common) if common not in ("", ".") else None


def _document_row(counts: DocumentCounts, common: Path | None) -> BreakdownRow:
    path = counts.document.path
    name = path.relative_to(common) if common is not None and path.is_relative_to(common) else path
    return BreakdownRow(
        DOCUMENTS, str(name), None, 1, counts.words, counts.counts, counts.ratio,
        interval=counts.interval, thin=counts.thin,
    )  # fmt: skip


def ratio_caption(analysis: Analysis) -> str | None:
    """The line above the source line of the ratio chart: why there is no trend line, when there is none."""
    return None if analysis.trend is not None else analysis.no_trend_reason


def default_title(analysis: Analysis, kind: str) -> str:
    """The title a chart gets unless one is given, e.g. ``Customer-centeredness, by meeting``."""
    centeredness = f"{for_chart(analysis.lexicon.focus.capitalize())}-centeredness"
    titles = {
        "ratio": f"{centeredness}, by {analysis.by}",
        "counts": f"Hits per 1,000 words, by {analysis.by}",
        "terms": "Top terms per category",
        "speakers": f"{centeredness}, by speaker",
        "sections": f"{centeredness}, by section",
        DOCUMENTS: f"{centeredness}, by document",
    }
    return titles[kind]


def source_line(analysis: Analysis, *, over_time: bool = False, organisation: str | None = None) -> str:
    """``Source: focuscount 0.1.0 · lexicon library (5d513bb319d1) · 14 documents · 2024-01-16 to 2025-11-18``.

    With ``over_time`` (charts with a date axis), undated documents are said to be left out.
    With ``organisation``, the line opens with it: ``Source: Alderbrook Public Library · focuscount …``.
    """
    line = Summary.of(analysis).source_line(over_time=over_time)
    if organisation and organisation.strip():
        line = f"Source: {organisation.strip()} · {line.removeprefix('Source: ')}"
    # The lexicon's name and the organisation come from files; the rest is numbers and dates.
    return for_chart(line)


Series = list[list[tuple[dt.date, float]]]


def ratio_series(analysis: Analysis) -> Series:
    """The ratio line as segments of ``(period midpoint, ratio)``: a period without hits ends a segment.

    This is what the ratio chart draws (as one line broken by gaps), so a period
    with no ratio shows as a break, never as a zero.  By month, quarter or year, a
    period without documents between two plotted ones breaks the line too.
    """
    return _segments(_line_points(analysis, lambda p: p.ratio))


def rate_series(analysis: Analysis, category: str) -> Series:
    """Hits of ``category`` per 1,000 words per period, as segments.

    Broken where a period has no words, and (by month, quarter or year) where a
    period without documents lies between two others.
    """
    return _segments(_line_points(analysis, lambda p: p.rate(category)))


def calendar_gaps(analysis: Analysis) -> list[tuple[dt.date, dt.date]]:
    """The stretches ``(first day, last day)`` without documents between two periods, by month, quarter or year.

    Empty by meeting: a meeting has no calendar slot that could be empty.
    """
    if analysis.by not in CALENDAR_GROUPINGS:
        return []
    gaps = []
    for before, after in zip(analysis.periods, analysis.periods[1:], strict=False):
        if after.start > before.end + dt.timedelta(days=1):
            gaps.append((before.end + dt.timedelta(days=1), after.start - dt.timedelta(days=1)))
    return gaps


def category_colours(lexicon: Lexicon) -> dict[str, str]:
    """The colour of each category: focus blue, versus vermillion, the others from the same palette."""
    colours = {lexicon.focus: FOCUS_COLOUR, lexicon.versus: VERSUS_COLOUR}
    others = iter(OTHER_COLOURS * (1 + len(lexicon.categories) // len(OTHER_COLOURS)))
    for name in lexicon.category_names:
        if name not in colours:
            colours[name] = next(others)
    return colours


def largest_marker_area(periods: int) -> float:
    """The area (pt²) of the marker with the most words: smaller when many periods share the axis.

    Areas stay proportional to words within a chart; only the scale shrinks, so that
    60 monthly markers sit side by side instead of on top of each other.
    """
    spacing = PLOT_WIDTH / max(periods, 1)
    return max(36.0, min(MAX_MARKER_AREA, (0.9 * spacing) ** 2))


# --- drawing over time -------------------------------------------------------------------------------------------


def _draw_ratio_and_rates(figure: Figure, analysis: Analysis) -> None:
    top, bottom = figure.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [2.4, 1]})
    handles = _draw_ratio(top, analysis) + _draw_rates(bottom, analysis)
    _date_axis(bottom, analysis)
    _legend_below(bottom, handles)


def _draw_rates_only(figure: Figure, analysis: Analysis) -> None:
    axes = figure.subplots()
    handles = _draw_rates(axes, analysis, ticks=7)
    _date_axis(axes, analysis)
    _legend_below(axes, handles)


def _legend_below(axes: Axes, handles: Sequence[Artist]) -> None:
    """One legend under the date axis (above the source line), so that the plots keep the figure's width.

    As many columns as fit the figure's width, at most :data:`LEGEND_COLUMNS`.
    """
    from matplotlib.transforms import offset_copy

    if not handles:
        return
    figure = axes.get_figure(root=True)
    assert figure is not None
    # Anchored below the tick labels and the axis label: constrained layout then makes room for it.
    anchor = offset_copy(axes.transAxes, figure, y=-_points(LEGEND_DROP), units="points")
    _fitted_legend(axes, handles, loc="upper center", bbox_to_anchor=(0.5, 0), bbox_transform=anchor)


def _fitted_legend(axes: Axes, handles: Sequence[Artist], **placement: object) -> None:
    """A legend of ``handles`` in as many columns (up to :data:`LEGEND_COLUMNS`) as fit the figure's width.

    When no two columns fit (a 4:3 slide, large fonts), long labels are wrapped first, so
    that a legend of one tall column does not squeeze the plots.
    """
    figure = axes.get_figure(root=True)
    assert figure is not None
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    labels = [str(handle.get_label()) for handle in handles]
    wrapped = ["\n".join(textwrap.fill(line, LEGEND_WRAP) for line in label.split("\n")) for label in labels]
    most = min(len(handles), LEGEND_COLUMNS)
    tries = [(columns, labels) for columns in range(most, 1, -1)]
    tries += [(columns, wrapped) for columns in range(most, 0, -1)] if wrapped != labels else [(1, labels)]
    for columns, texts in tries:
        legend = axes.legend(  # type: ignore[call-overload]  # ``placement`` is loc/bbox_to_anchor, which it takes
            handles=handles, labels=texts, ncols=columns, columnspacing=1.8, handletextpad=0.6, borderaxespad=0,
            **placement,
        )  # fmt: skip
        if legend.get_window_extent(renderer).width <= 0.96 * figure.bbox.width:
            return


def ratio_axis(axes: Axes, analysis: Analysis) -> tuple[str, str]:
    """The ratio's y axis, 0% to 100% with the formula as its label; returns the focus and versus names as drawn."""
    from matplotlib.ticker import FixedLocator, PercentFormatter

    focus, versus = for_chart(analysis.lexicon.focus), for_chart(analysis.lexicon.versus)
    axes.set_ylim(0, 1)
    axes.yaxis.set_major_locator(FixedLocator([0, 0.25, 0.5, 0.75, 1]))
    axes.yaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=0))
    # Two lines: the legend below leaves the ratio axes less height than the formula's length.
    axes.set_ylabel(f"Ratio = {focus} /\n({focus} + {versus})")
    axes.grid(axis="y")
    return focus, versus


def _draw_ratio(axes: Axes, analysis: Analysis) -> list[Artist]:
    focus, versus = ratio_axis(axes, analysis)
    rated = [p for p in analysis.periods if p.ratio is not None]
    if not rated:
        _note(axes, "No dated documents with hits")
        return []
    handles: list[Artist] = [_draw_ratio_line(axes, analysis), _draw_markers(axes, analysis)]
    handles.append(_draw_intervals(axes, rated))
    thin = _thin_handle(analysis, rated)
    if thin is not None:
        handles.append(thin)
    balance = axes.axhline(0.5, color=BALANCE_COLOUR, linestyle=(0, (5, 4)), linewidth=1.2, zorder=2)
    balance.set_label(f"50%: as many {focus} as {versus} hits")
    handles.append(balance)
    if analysis.trend is not None:
        handles.append(_draw_trend(axes, analysis))
    gap = _draw_gaps(axes, analysis)
    if gap is not None:
        handles.append(gap)
    return handles


def _draw_ratio_line(axes: Axes, analysis: Analysis) -> Line2D:
    # One line with NaN where a period has no ratio, or an empty period lies between two:
    # matplotlib breaks the line there.
    points = _line_points(analysis, lambda p: p.ratio)
    days = [day for day, _ in points]
    values = [math.nan if value is None else value for _, value in points]
    (line,) = axes.plot(on_time_axis(days), values, color=FOCUS_COLOUR, linewidth=2.2, zorder=3, gid="ratio-line")
    label = f"Ratio per {analysis.by}"
    if calendar_gaps(analysis):
        label += f"\n(no line across a {analysis.by} without documents)"
    line.set_label(label)
    return line


def _draw_intervals(axes: Axes, rated: Sequence[Period]) -> Line2D:
    """A vertical whisker over each ratio: its 95% interval."""
    from matplotlib.lines import Line2D

    shown = [p for p in rated if p.interval is not None]
    axes.vlines(
        on_time_axis([midpoint(p) for p in shown]),
        [p.interval.low for p in shown if p.interval is not None],
        [p.interval.high for p in shown if p.interval is not None],
        colors=INTERVAL_COLOUR,
        linewidth=1.6,
        zorder=3,
        gid="ratio-intervals",
    )
    return Line2D(
        [], [], linestyle="", marker="|", markersize=16, markeredgewidth=1.6, color=INTERVAL_COLOUR,
        label="95% interval of each ratio",
    )  # fmt: skip


def _thin_handle(analysis: Analysis, rated: Sequence[Period]) -> Line2D | None:
    """The legend entry of the hollow markers, when a period rests on thin evidence."""
    from matplotlib.lines import Line2D

    if not any(p.thin for p in rated):
        return None
    use = "counted in the trend" if analysis.include_thin else "left out of the trend"
    return Line2D(
        [], [], linestyle="", marker="o", markersize=9, markerfacecolor="none", markeredgecolor=FOCUS_COLOUR,
        markeredgewidth=1.6, label=f"Thin evidence (fewer than {plural(analysis.min_hits, 'hit')}):\nhollow, {use}",
    )  # fmt: skip


def _draw_markers(axes: Axes, analysis: Analysis) -> Line2D:
    from matplotlib.lines import Line2D

    rated = [p for p in analysis.periods if p.ratio is not None]
    most = max((p.words for p in rated), default=0) or 1
    largest = largest_marker_area(len(analysis.periods))
    # Thin evidence is hollow: the same size (its words), only an outline.
    axes.scatter(
        on_time_axis([midpoint(p) for p in rated]),
        [math.nan if p.ratio is None else p.ratio for p in rated],
        s=[largest * p.words / most for p in rated],
        facecolors=["none" if p.thin else FOCUS_COLOUR for p in rated],
        edgecolors=[FOCUS_COLOUR if p.thin else "white" for p in rated],
        linewidths=[1.8 if p.thin else 0.8 for p in rated],
        zorder=4,
        clip_on=False,  # a ratio of exactly 0% or 100% keeps its whole marker
        gid="ratio-markers",
    )
    # A legend entry of the largest marker's size says what the sizes mean.
    return Line2D(
        [],
        [],
        linestyle="",
        marker="o",
        markersize=math.sqrt(largest),
        color=FOCUS_COLOUR,
        markeredgecolor="white",
        label=f"Marker area ∝ words\n(this size: {most:,} words)",
    )


def _draw_trend(axes: Axes, analysis: Analysis) -> Line2D:
    trend = analysis.trend
    assert trend is not None
    days = [trend.start, trend.end]
    (line,) = axes.plot(
        on_time_axis(days),
        [trend.fitted(day) for day in days],
        color=TREND_COLOUR,
        linestyle="-.",
        linewidth=1.6,
        zorder=3,
        gid="trend-line",
    )
    line.set_label(f"Trend {trend.label}")
    return line


def _draw_gaps(axes: Axes, analysis: Analysis) -> Line2D | None:
    """A faint vertical line where a period has documents but no hits (no ratio), so the gap is explained."""
    gap = None
    for period in analysis.periods:
        if period.ratio is None:
            gap = axes.axvline(on_time_axis(midpoint(period)), color=GAP_COLOUR, linestyle=":", linewidth=1.4, zorder=1)
    if gap is not None:
        gap.set_label(f"{analysis.by.capitalize()} without hits:\nno ratio (a gap, not 0%)")
    return gap


def rates_axis(axes: Axes, analysis: Analysis, ticks: int) -> bool:
    """The y axis of hits per 1,000 words; False (with a note in the plot) when no period has a date to draw."""
    from matplotlib.ticker import MaxNLocator

    axes.set_ylabel("Hits per 1,000 words")
    axes.grid(axis="y")
    axes.yaxis.set_major_locator(MaxNLocator(nbins=ticks, integer=True))
    if not analysis.periods:
        axes.set_ylim(0, 1)
        _note(axes, "No dated documents")
        return False
    return True


def _draw_rates(axes: Axes, analysis: Analysis, *, ticks: int = 4) -> list[Artist]:
    if not rates_axis(axes, analysis, ticks):
        return []
    colours = category_colours(analysis.lexicon)
    highest = 0.0
    handles: list[Artist] = []
    for index, category in enumerate(_ordered_categories(analysis.lexicon)):
        points = _line_points(analysis, functools.partial(_rate_of, name=category.name))
        values = [math.nan if rate is None else rate for _, rate in points]
        highest = max([highest, *(rate for _, rate in points if rate is not None)])
        (line,) = axes.plot(
            on_time_axis([day for day, _ in points]), values, color=colours[category.name], linewidth=1.8,
            marker=MARKERS[index % len(MARKERS)], markersize=5, zorder=3,
            label=for_chart(category_label(category)), gid=f"rate-{category.name}",
            linestyle="--" if category.report_only else "-",
        )  # fmt: skip
        handles.append(line)
    axes.set_ylim(0, highest * 1.15 if highest > 0 else 1)
    return handles


def _date_axis(axes: Axes, analysis: Analysis) -> None:
    """Human dates (``Mar``, ``2024``) at a density that never overlaps, whatever the number of periods."""
    import matplotlib.dates as mdates

    # The locator picks ticks from the time span and the axis length, not from the
    # number of periods, and the concise formatter drops what the neighbours repeat.
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    axes.set_xlabel("Meeting date" if analysis.by == "meeting" else f"Date (middle of each {analysis.by})")
    days = [midpoint(p) for p in analysis.periods]
    if not days:
        today = dt.date(2000, 1, 1)  # an empty axis still needs a range; the note says there is nothing
        axes.set_xlim(on_time_axis(today - dt.timedelta(days=180)), on_time_axis(today + dt.timedelta(days=180)))
        axes.xaxis.set_major_formatter(mdates.DateFormatter(""))
        return
    first, last = min(days), max(days)
    # Pad so the first and last markers are not cut by the axes edges.
    pad = max((last - first) * 0.03, dt.timedelta(days=45))
    axes.set_xlim(on_time_axis(first - pad), on_time_axis(last + pad))


# --- bars --------------------------------------------------------------------------------------------------------


TERMS_TITLE_CHARACTERS = 124  # characters of title across the whole figure, shared by its panels


def _draw_terms(figure: Figure, report: TermReport) -> None:
    categories = _ordered_categories(report.lexicon)
    colours = category_colours(report.lexicon)
    panels = figure.subplots(1, len(categories), sharex=True, squeeze=False)[0]
    most = max((item.count for items in report.top.values() for item in items), default=0)
    rows = max((len(items) for items in report.top.values()), default=0)
    # A title wraps to the width of its panel, so that four panels' titles never run into each other.
    across = TERMS_TITLE_CHARACTERS * figure.get_figwidth() / FIGSIZE[0] / _font_scale()
    width = max(12, int(across / len(categories)))
    for axes, category in zip(panels, categories, strict=True):
        items = report.top.get(category.name, ())
        title = f"{for_chart(category.label)}: {plural(report.totals.get(category.name, 0), 'hit')}"
        title = textwrap.fill(title, width, break_long_words=False)
        if category.report_only:
            title += "\n(not in the ratio)"
        axes.set_title(
            title,
            loc="left",
            color=colours[category.name],
            fontweight="bold",
        )
        axes.set_xlabel("Hits")
        axes.set_ylabel("Term" if axes is panels[0] else "")
        axes.grid(axis="x")
        axes.tick_params(axis="y", length=0)
        axes.spines["left"].set_visible(False)
        if not items:
            axes.set_yticks([])
            _note(axes, "No hits")
            continue
        positions = range(len(items))
        bars = axes.barh(positions, [item.count for item in items], color=colours[category.name], height=0.7)
        axes.bar_label(bars, labels=[f"{item.count:,}" for item in items], padding=3, fontsize=_points(11))
        axes.set_yticks(list(positions), [for_chart(item.term) for item in items], parse_math=False)
        axes.set_ylim(rows - 0.5, -0.5)  # the most frequent term on top; bars as thick in every panel
    # Shared x: bars of different categories compare honestly; room on the right for the counts.
    panels[0].set_xlim(0, max(most, 1) * 1.15)


def _draw_breakdown(figure: Figure, analysis: Analysis, kind: str, rows: Sequence[BreakdownRow]) -> None:
    from matplotlib.ticker import PercentFormatter

    lexicon = analysis.lexicon
    shown = _busiest(rows, MAX_BARS)
    axes = figure.subplots()
    positions = list(range(len(shown)))
    focus = [row.ratio or 0.0 for row in shown]
    versus = [0.0 if row.ratio is None else 1 - row.ratio for row in shown]
    # A 100% bar split in two: the focus share from the left, the versus share to the right.
    # A row of thin evidence is paler and hatched, so that it does not read as firm as the others.
    bars = [
        axes.barh(
            positions, focus, color=[_paler(FOCUS_COLOUR) if row.thin else FOCUS_COLOUR for row in shown],
            height=0.7, label=for_chart(lexicon.category(lexicon.focus).label),
        ),
        axes.barh(
            positions, versus, left=focus, height=0.7,
            color=[_paler(VERSUS_COLOUR) if row.thin else VERSUS_COLOUR for row in shown],
            label=for_chart(lexicon.category(lexicon.versus).label),
        ),
    ]  # fmt: skip
    handles: list[Artist | BarContainer] = [
        *bars,
        axes.axvline(0.5, color=BALANCE_COLOUR, linestyle=(0, (5, 4)), linewidth=1.2, label="50%: balanced"),
    ]
    for container in bars:
        for bar, row in zip(container, shown, strict=True):
            if row.thin:
                bar.set_hatch("//")
                bar.set_edgecolor("white")
    handles.append(_draw_breakdown_intervals(axes, positions, shown))
    if any(row.thin for row in shown):
        handles.append(_thin_bar_handle(analysis.min_hits))
    for position, row in zip(positions, shown, strict=True):
        axes.text(
            1.01,
            position,
            _hits_note(lexicon, row),
            va="center",
            fontsize=_points(11),
            color=MUTED_COLOUR,
            clip_on=False,
        )
    # Names are cut shorter on a narrower figure, or with larger fonts: the bars keep half the width.
    longest = max(20, int(MAX_LABEL * figure.get_figwidth() / FIGSIZE[0] / _font_scale()))
    axes.set_yticks(positions, _breakdown_labels(analysis, shown, longest), parse_math=False)
    # Few rows keep slim bars (centred) rather than stretching to fill the slide.
    pad = max(0.0, (8 - len(shown)) / 2)
    axes.set_ylim(len(shown) - 0.5 + pad, -0.5 - pad)
    axes.tick_params(axis="y", length=0)
    axes.spines["left"].set_visible(False)
    axes.set_xlim(0, 1)
    axes.xaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=0))
    focus_name, versus_name = for_chart(lexicon.focus), for_chart(lexicon.versus)
    axes.set_xlabel(f"Share of hits: {focus_name} / ({focus_name} + {versus_name})")
    axes.set_ylabel(BAR_AXIS_LABELS[kind])
    if len(shown) < len(rows):
        noun = {"speakers": "speakers", DOCUMENTS: "documents"}.get(kind, "sections")
        axes.set_title(f"The {len(shown)} {noun} with the most hits, of {len(rows)}", loc="left", color=MUTED_COLOUR)
    # One row of four entries, or two rows of three with the thin entry: both fit right of the labels
    # on a 16:9 slide; a narrower one (4:3) or larger fonts take more rows.
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    labels = max((label.get_window_extent(renderer).width for label in axes.get_yticklabels()), default=0.0)
    room = 0.96 * figure.bbox.width - labels - axes.yaxis.label.get_window_extent(renderer).height
    for columns in range(len(handles) if len(handles) <= 4 else 3, 0, -1):
        legend = axes.legend(
            handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0 if len(shown) == len(rows) else 1.06),
            ncols=columns,
        )  # fmt: skip
        if legend.get_window_extent(renderer).width <= room:
            break


def _draw_breakdown_intervals(axes: Axes, positions: Sequence[int], rows: Sequence[BreakdownRow]) -> Line2D:
    """A horizontal whisker over each bar's split: the 95% interval of its ratio.

    The ends are rounded as a saved JSON report rounds them (4 places, a ten-thousandth of
    the bar: far below a pixel), so that a chart drawn from the report is the same file.
    """
    from matplotlib.lines import Line2D

    shown = [
        (position, Interval(_rounded(row.interval.low), _rounded(row.interval.high)))
        for position, row in zip(positions, rows, strict=True)
        if row.interval
    ]
    if shown:
        axes.hlines(
            [position for position, _ in shown], [iv.low for _, iv in shown], [iv.high for _, iv in shown],
            colors=TEXT_COLOUR, linewidth=1.4, zorder=3, gid="breakdown-intervals",
        )  # fmt: skip
        axes.plot(
            [iv.low for _, iv in shown] + [iv.high for _, iv in shown], [p for p, _ in shown] * 2,
            linestyle="", marker="|", markersize=9, markeredgewidth=1.4, color=TEXT_COLOUR, zorder=3,
        )  # fmt: skip
    return Line2D(
        [], [], color=TEXT_COLOUR, linewidth=1.4, marker="|", markersize=9, markeredgewidth=1.4,
        label="95% interval",
    )  # fmt: skip


def _rounded(value: float) -> float:
    # As focuscount.render.data rounds an interval; adding 0.0 makes a -0.0 a 0.0.
    return round(value, INTERVAL_PLACES) + 0.0


def _thin_bar_handle(min_hits: int) -> Artist:
    from matplotlib.patches import Patch

    return Patch(
        facecolor=_paler(FOCUS_COLOUR), edgecolor="white", hatch="//",
        label=f"Thin evidence (fewer than {plural(min_hits, 'hit')})",
    )  # fmt: skip


def _paler(colour: str, amount: float = 0.55) -> str:
    """``colour`` mixed with ``amount`` of white."""
    from matplotlib.colors import to_hex, to_rgb

    red, green, blue = (channel + (1 - channel) * amount for channel in to_rgb(colour))
    return to_hex((red, green, blue))


def _hits_note(lexicon: Lexicon, row: BreakdownRow) -> str:
    """``60% of 5 hits``: the ratio with the number of hits it rests on (a small number is a weak ratio)."""
    if row.ratio is None:
        return "no hits"
    hits = row.counts.get(lexicon.focus, 0) + row.counts.get(lexicon.versus, 0)
    return f"{row.ratio:.0%} of {plural(hits, 'hit')}" + (" (thin)" if row.thin else "")


def _breakdown_for_chart(analysis: Analysis, kind: str) -> tuple[BreakdownRow, ...]:
    """The speaker or section rows to chart; a clear error when the analysis has none."""
    if kind == "speakers":
        rows = analysis.breakdowns.get("speaker")
        if rows is None:
            raise ConfigError(None, "no speaker breakdown: analyse with breakdowns=['speaker']")
        if not any(row.key != NO_SPEAKER for row in rows):
            raise ConfigError(
                None,
                "no speakers found: speakers are named by labels like 'Chair:' or 'Ms Okafor:' "
                "at the start of a line or paragraph",
            )
        return rows
    rows = analysis.breakdowns.get("section")
    if rows is None:
        raise ConfigError(None, "no section breakdown: analyse with breakdowns=['section']")
    if not any(row.key != NO_SECTION for row in rows):
        raise ConfigError(
            None,
            "no sections found: a section starts at a Markdown heading, a DOCX heading style "
            "or a numbered agenda item on its own line",
        )
    return rows


def _busiest(rows: Sequence[BreakdownRow], limit: int) -> list[BreakdownRow]:
    """At most ``limit`` rows, those with the most hits, ordered by ratio (highest on top).

    Rows without a ratio, and the rest of the text (no speaker named, before the
    first heading), come last: they are not a speaker or section to rank.
    """
    indexed = list(enumerate(rows))
    indexed.sort(key=lambda item: (-sum(item[1].counts.values()), item[0]))
    kept = indexed[:limit]
    kept.sort(
        key=lambda item: (
            item[1].key in (NO_SPEAKER, NO_SECTION),
            item[1].ratio is None,
            -(item[1].ratio or 0.0),
            item[0],
        )
    )
    return [row for _, row in kept]


def _breakdown_labels(analysis: Analysis, rows: Sequence[BreakdownRow], longest: int = MAX_LABEL) -> list[str]:
    """Speakers by name; sections with their document's date (or file name), since titles repeat."""
    dates = {counts.document.path: document_date_label(counts) for counts in analysis.documents}
    labels = []
    for row in rows:
        label = _shorten(for_chart(row.key), longest)
        if row.path is not None:
            where = dates.get(row.path, "undated")
            label = f"{for_chart(row.path.name) if where == 'undated' else where} · {label}"
        labels.append(label)
    return labels


def _checked_term_report(analysis: Analysis, report: TermReport | None) -> TermReport:
    if report is None:
        raise ConfigError(
            None, "the terms chart needs a term report: pass term_report=focuscount.terms.term_report(paths, lexicon)"
        )
    if report.lexicon.sha256 != analysis.lexicon.sha256:
        raise ConfigError(
            None,
            f"the term report used lexicon '{report.lexicon.name}' ({report.lexicon.short_hash}), "
            f"the analysis '{analysis.lexicon.name}' ({analysis.lexicon.short_hash}): use the same lexicon",
        )
    return report


# --- helpers -----------------------------------------------------------------------------------------------------


def on_time_axis(days: Any) -> Any:
    """Dates (or a list of them) as matplotlib's x values: its date converter takes them as they are, but its
    type stubs know only numbers, so the values are passed as ``Any``."""
    return days


def _rate_of(period: Period, name: str) -> float | None:
    return period.rate(name)


def _line_points(analysis: Analysis, value: Callable[[Period], float | None]) -> list[tuple[dt.date, float | None]]:
    """``(period midpoint, value)`` for each period, with a ``None`` break where an empty period lies between."""
    gaps = iter(calendar_gaps(analysis))
    gap = next(gaps, None)
    points: list[tuple[dt.date, float | None]] = []
    for period in analysis.periods:
        while gap is not None and gap[1] < period.start:
            points.append((gap[0], None))
            gap = next(gaps, None)
        points.append((midpoint(period), value(period)))
    return points


def _segments(points: Sequence[tuple[dt.date, float | None]]) -> Series:
    segments: Series = []
    current: list[tuple[dt.date, float]] = []
    for day, value in points:
        if value is None:
            if current:
                segments.append(current)
            current = []
        else:
            current.append((day, value))
    if current:
        segments.append(current)
    return segments


def category_label(category: Category) -> str:
    """A category's label as a chart shows it: a report-only category says it is not in the ratio."""
    return f"{category.label} (not in the ratio)" if category.report_only else category.label


def _ordered_categories(lexicon: Lexicon) -> list[Category]:
    """Focus first, versus second, then the other categories in file order."""
    first = [lexicon.category(lexicon.focus), lexicon.category(lexicon.versus)]
    return first + [c for c in lexicon.categories if c.name not in (lexicon.focus, lexicon.versus)]


def _note(axes: Axes, text: str) -> None:
    axes.text(
        0.5, 0.5, text, transform=axes.transAxes, ha="center", va="center", fontsize=_points(16), color=MUTED_COLOUR
    )


def _shorten(text: str, longest: int = MAX_LABEL) -> str:
    return text if len(text) <= longest else text[: longest - 1].rstrip() + "…"


def _new_figure(band: float = SOURCE_BAND, size: tuple[float, float] = FIGSIZE) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    # Constrained layout keeps labels and outside legends in the figure; the bottom band is the source line's.
    engine = ConstrainedLayoutEngine(h_pad=FIGURE_PAD, w_pad=0.1, rect=(0, band, 1, 1 - band))
    figure = Figure(figsize=size, layout=engine)
    FigureCanvasAgg(figure)
    return figure


def _draw_source(figure: Figure, source: str, bottom: float) -> float:
    """The source line at ``bottom``; broken at its `` · `` into more lines when the figure is too narrow for it.

    Returns how much higher (a share of the figure's height) the band under the plot
    became, so that nothing is cut at the right edge of a 4:3 slide or with large fonts.
    """
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    room = 0.98 * figure.bbox.width
    text = figure.text(0.01, bottom, source, fontsize=_points(11), color=MUTED_COLOUR)
    if text.get_window_extent(renderer).width <= room:
        return 0.0
    lines: list[str] = []
    for part in source.split(" · "):
        text.set_text(f"{lines[-1]} · {part}" if lines else part)
        if lines and text.get_window_extent(renderer).width <= room:
            lines[-1] = f"{lines[-1]} · {part}"
        else:
            lines.append(part)
    text.set_text(lines[-1])
    step = 1.3 * _points(11) / 72 / figure.get_figheight()  # one line, as a share of the height
    for index, line in enumerate(reversed(lines[:-1]), start=1):
        figure.text(0.01, bottom + index * step, line, fontsize=_points(11), color=MUTED_COLOUR)
    raised = (len(lines) - 1) * step
    _take_from_layout(figure, below=raised)
    return raised


def _take_from_layout(figure: Figure, *, above: float = 0.0, below: float = 0.0) -> None:
    """Take ``above`` and ``below`` (shares of the figure's height) off the area the layout places the plots in."""
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    engine = figure.get_layout_engine()
    assert isinstance(engine, ConstrainedLayoutEngine)
    left, bottom, width, share = engine.get()["rect"]  # share: of the figure's height, from the bottom up
    rect = (left, bottom + below, width, share - below - above)
    figure.set_layout_engine(ConstrainedLayoutEngine(h_pad=FIGURE_PAD, w_pad=0.1, rect=rect))


def _add_subtitle(figure: Figure, heading: Text, subtitle: str) -> None:
    """``subtitle`` in a line of its own under the title, the plot moved down to make room for it.

    Constrained layout keeps room for the title only; the subtitle's line is taken off
    the top of the layout's area, and the subtitle is placed where the layout puts the
    title (at the top, :data:`FIGURE_PAD` down), one title's height lower.
    """
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    height = figure.bbox.height
    pad = FIGURE_PAD * figure.dpi / height  # the layout's pad, as a share of the figure's height
    title_height = heading.get_window_extent(renderer).height / height
    text = figure.text(
        0.01, 1 - pad - title_height - pad / 2, for_chart(subtitle), fontsize=_points(SUBTITLE_SIZE),
        color=MUTED_COLOUR, va="top", gid="subtitle",
    )  # fmt: skip
    _take_from_layout(figure, above=text.get_window_extent(renderer).height / height + pad / 2)


def _points(size: float) -> float:
    """A font size in the code (11 pt), times the chart's ``font_scale`` (the style in force says it)."""
    return size * _font_scale()


def _font_scale() -> float:
    import matplotlib

    return float(matplotlib.rcParams["font.size"]) / _STYLE["font.size"]


@contextlib.contextmanager
def _styled(kind: str, look: ChartLook = DEFAULT_LOOK) -> Iterator[None]:
    import matplotlib

    # A fixed salt per kind makes SVG ids the same on every run (regenerated images do not churn)
    # and different between kinds (two charts inlined in one HTML page do not share ids).
    style: Any = {**_STYLE, "svg.hashsalt": f"focuscount-{kind}"}  # keys matplotlib's stubs list one by one
    if look.font_scale != 1:
        style.update({key: _STYLE[key] * look.font_scale for key in _FONT_KEYS})
    if look.transparent:
        # Nothing painted behind the plots: on a slide, its own background shows through.
        style.update({"figure.facecolor": "none", "axes.facecolor": "none", "savefig.facecolor": "none"})
        style["savefig.transparent"] = True
    with matplotlib.rc_context(style):
        yield


def chart_format(path: Path) -> str:
    """The chart format for ``path``'s extension (png, svg, pdf), or a :class:`ConfigError`."""
    found = CHART_FORMATS.get(path.suffix.lower())
    if found is None:
        raise ConfigError(path, f"chart format must be .png, .svg or .pdf, not '{path.suffix or '(no extension)'}'")
    return found


def _save(figure: Figure, stream: IO[bytes], chart_format: str, dpi: float) -> None:
    creator = f"focuscount {__version__} with matplotlib"
    title = figure.get_suptitle()
    metadata: dict[str, str | None]
    if chart_format == "png":
        metadata = {"Software": creator, "Title": title}
        figure.savefig(stream, format="png", dpi=dpi, metadata=metadata)
        return
    if chart_format == "svg":
        # No date, so that a regenerated chart is byte for byte the same.
        metadata = {"Date": None, "Creator": creator, "Title": title}
    else:
        metadata = {"CreationDate": None, "Creator": creator, "Producer": creator, "Title": title}
    figure.savefig(stream, format=chart_format, metadata=metadata)
