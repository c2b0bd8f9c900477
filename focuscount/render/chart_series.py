"""The charts over time of an analysis split into series (``--series``): a line per series on one shared axis.

The ratio chart draws each series' ratio per period in a colour (and marker) of its
own, each point with its 95% whisker and a marker whose area says its words (one
scale for all series, so sizes compare), thin evidence hollow, and each series'
trend as a dash-dot line of its colour; below it, each series' hits per 1,000 words
of the focus (solid) and versus (dashed) category.  The counts chart is that lower
panel alone.  The time axis spans every series' periods, so the lines compare date
for date.  At most :data:`MAX_SERIES` series are drawn (those with the most words);
the caption says how many more there are.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING, Literal

from focuscount.analysis import Analysis
from focuscount.escape import for_chart
from focuscount.render import chart as base
from focuscount.render.rows import plural
from focuscount.series import Series
from focuscount.timeline import midpoint

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# Okabe–Ito, blue and vermillion first: told apart by colour-blind viewers; the markers tell them apart in grey.
SERIES_COLOURS = tuple(
    base.OKABE_ITO[name]
    for name in ("blue", "vermillion", "bluish green", "reddish purple", "orange", "sky blue", "yellow", "black")
)
MAX_SERIES = len(SERIES_COLOURS)
GUIDE_COLOUR = "#6E6E6E"  # the grey of legend entries that explain a style shared by every series


def drawn_series(analysis: Analysis) -> tuple[Series, ...]:
    """The series a chart draws: all of them, or the :data:`MAX_SERIES` with the most words (in name order)."""
    if len(analysis.series) <= MAX_SERIES:
        return analysis.series
    kept = sorted(analysis.series, key=lambda series: -series.words)[:MAX_SERIES]
    return tuple(series for series in analysis.series if series in kept)


def series_caption(analysis: Analysis) -> str | None:
    """Under the ratio chart: the series without a trend and why, and the series left out, if any."""
    notes = []
    drawn = drawn_series(analysis)
    untrended = [series for series in drawn if series.trend is None]
    if untrended:
        names = ", ".join(series.name for series in untrended)
        notes.append(f"No trend line for {names}: {untrended[0].no_trend_reason.rstrip('.').lower()}.")
    left_out = len(analysis.series) - len(drawn)
    if left_out:
        notes.append(f"{left_out} more series with fewer words not drawn (at most {MAX_SERIES}).")
    return " ".join(notes) if notes else None


def series_title(analysis: Analysis, kind: str) -> str:
    """``Customer-centeredness, by meeting: board and friends`` (three series or fewer), else ``…: 5 series``."""
    base_title = base.default_title(analysis, kind)
    names = [series.name for series in analysis.series]
    if len(names) > 3:
        return f"{base_title}: {len(names)} series"
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{base_title}: {listed}"


def draw_ratio_and_rates(figure: Figure, analysis: Analysis) -> None:
    """The ratio of each series above, their focus and versus rates below, one date axis."""
    top, bottom = figure.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [2.4, 1]})
    handles = _draw_ratios(top, analysis) + _draw_rates(bottom, analysis)
    base._date_axis(bottom, analysis)
    base._legend_below(bottom, handles)


def draw_rates_only(figure: Figure, analysis: Analysis) -> None:
    """Each series' focus and versus rates over time."""
    axes = figure.subplots()
    handles = _draw_rates(axes, analysis, ticks=7)
    base._date_axis(axes, analysis)
    base._legend_below(axes, handles)


def _view(analysis: Analysis, series: Series) -> Analysis:
    """The analysis as if it held the series alone (its periods, its trend), for the line helpers."""
    return replace(analysis, documents=series.documents, periods=series.periods, trend=series.trend, series=())


def _draw_ratios(axes: Axes, analysis: Analysis) -> list[Artist]:
    from matplotlib.lines import Line2D

    focus, versus = base.ratio_axis(axes, analysis)
    drawn = drawn_series(analysis)
    rated = [period for series in drawn for period in series.periods if period.ratio is not None]
    if not rated:
        base._note(axes, "No dated documents with hits")
        return []
    most = max(period.words for period in rated) or 1
    largest = base.largest_marker_area(max(len(series.periods) for series in drawn))
    handles: list[Artist] = []
    for index, series in enumerate(drawn):
        handles.append(_draw_one_ratio(axes, analysis, series, index, most, largest))
    balance = axes.axhline(0.5, color=base.BALANCE_COLOUR, linestyle=(0, (5, 4)), linewidth=1.2, zorder=2)
    balance.set_label(f"50%: as many {focus} as {versus} hits")
    handles.append(balance)
    handles.append(
        Line2D([], [], linestyle="", marker="o", markersize=math.sqrt(largest), color=GUIDE_COLOUR,
               markeredgecolor="white", label=f"Marker area ∝ words\n(this size: {most:,} words)")
    )  # fmt: skip
    handles.append(
        Line2D([], [], linestyle="", marker="|", markersize=16, markeredgewidth=1.6, color=GUIDE_COLOUR,
               label="95% interval of each ratio")
    )  # fmt: skip
    if any(period.thin for period in rated):
        use = "counted in the trend" if analysis.include_thin else "left out of the trend"
        handles.append(
            Line2D([], [], linestyle="", marker="o", markersize=9, markerfacecolor="none",
                   markeredgecolor=GUIDE_COLOUR, markeredgewidth=1.6,
                   label=f"Thin evidence (fewer than {plural(analysis.min_hits, 'hit')}):\nhollow, {use}")
        )  # fmt: skip
    if any(series.trend is not None for series in drawn):
        handles.append(
            Line2D([], [], color=GUIDE_COLOUR, linestyle="-.", linewidth=1.6, label="Trend of each series")
        )  # fmt: skip
    return handles


def _draw_one_ratio(axes: Axes, analysis: Analysis, series: Series, index: int, most: int, largest: float) -> Artist:
    """One series: its line, whiskers, markers and trend; returns its legend entry."""
    colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
    marker = base.MARKERS[index % len(base.MARKERS)]
    view = _view(analysis, series)
    points = base._line_points(view, lambda period: period.ratio)
    axes.plot(
        base.on_time_axis([day for day, _ in points]),
        [math.nan if value is None else value for _, value in points],
        color=colour, linewidth=2.2, zorder=3, gid=f"series-{index}-line",
    )  # fmt: skip
    rated = [period for period in series.periods if period.ratio is not None]
    shown = [period for period in rated if period.interval is not None]
    axes.vlines(
        base.on_time_axis([midpoint(period) for period in shown]),
        [period.interval.low for period in shown if period.interval is not None],
        [period.interval.high for period in shown if period.interval is not None],
        colors=colour, alpha=0.55, linewidth=1.6, zorder=3, gid=f"series-{index}-intervals",
    )  # fmt: skip
    axes.scatter(
        base.on_time_axis([midpoint(period) for period in rated]),
        [math.nan if period.ratio is None else period.ratio for period in rated],
        s=[largest * period.words / most for period in rated],
        marker=marker,
        facecolors=["none" if period.thin else colour for period in rated],
        edgecolors=[colour if period.thin else "white" for period in rated],
        linewidths=[1.8 if period.thin else 0.8 for period in rated],
        zorder=4,
        clip_on=False,
        gid=f"series-{index}-markers",
    )
    trend = series.trend
    if trend is not None:
        days = [trend.start, trend.end]
        axes.plot(
            base.on_time_axis(days), [trend.fitted(day) for day in days], color=colour, linestyle="-.",
            linewidth=1.6, zorder=3, gid=f"series-{index}-trend",
        )  # fmt: skip
    from matplotlib.lines import Line2D

    ratio = "no ratio" if series.ratio is None else f"ratio {series.ratio:.2f}"
    said = f"trend {trend.change_per_year:+.3f}/year, {trend.direction}" if trend is not None else "no trend"
    label = f"{for_chart(series.name)}: {plural(len(series.documents), 'document')}, {ratio}\n{said}"
    return Line2D([], [], color=colour, linewidth=2.2, marker=marker, markersize=8, label=label)


def _draw_rates(axes: Axes, analysis: Analysis, *, ticks: int = 4) -> list[Artist]:
    from matplotlib.lines import Line2D

    if not base.rates_axis(axes, analysis, ticks):
        return []
    lexicon = analysis.lexicon
    styles: tuple[tuple[str, Literal["-", "--"]], ...] = ((lexicon.focus, "-"), (lexicon.versus, "--"))
    highest = 0.0
    for index, series in enumerate(drawn_series(analysis)):
        colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
        view = _view(analysis, series)
        for name, style in styles:
            points = base._line_points(view, lambda period, name=name: period.rate(name))  # type: ignore[misc]
            highest = max([highest, *(rate for _, rate in points if rate is not None)])
            axes.plot(
                base.on_time_axis([day for day, _ in points]),
                [math.nan if rate is None else rate for _, rate in points],
                color=colour, linestyle=style, linewidth=1.8, zorder=3, gid=f"series-{index}-rate-{name}",
                marker=base.MARKERS[index % len(base.MARKERS)], markersize=4,  # a lone point (gaps both sides) shows
            )  # fmt: skip
    axes.set_ylim(0, highest * 1.15 if highest > 0 else 1)
    return [
        Line2D([], [], color=GUIDE_COLOUR, linestyle=style, linewidth=1.8,
               label=f"{for_chart(base.category_label(lexicon.category(name)))} per 1,000 words")
        for name, style in styles
    ]  # fmt: skip
