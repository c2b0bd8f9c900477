"""Charts: every kind in every format, honest gaps, readable dates, clear errors, atomic and deterministic files."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import os
import re
import struct
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from matplotlib.colors import to_hex

from focuscount import __version__
from focuscount.analysis import Analysis
from focuscount.breakdown import NO_SECTION, NO_SPEAKER, BreakdownRow
from focuscount.errors import ConfigError
from focuscount.render import chart
from focuscount.render.chart import (
    CHART_KINDS,
    chart_figure,
    chart_svg,
    largest_marker_area,
    rate_series,
    ratio_series,
    render_chart,
    source_line,
)
from focuscount.terms import TermReport
from focuscount.timeline import midpoint

MakeAnalysis = Callable[..., Analysis]
HEADERS = {".png": b"\x89PNG\r\n\x1a\n", ".svg": b"<?xml", ".pdf": b"%PDF-"}


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk (it always comes first, right after the signature)."""
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def svg_texts(svg: str) -> list[str]:
    """The text of every <text> element (svg.fonttype none keeps text as text), unescaped."""
    import html

    return [
        html.unescape(re.sub(r"<[^>]+>", "", body)).strip()
        for body in re.findall(r"<text\b[^>]*>(.*?)</text>", svg, re.S)
    ]


# --- every kind, every format --------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
@pytest.mark.parametrize("kind", CHART_KINDS)
def test_every_kind_writes_every_format(
    kind: str, suffix: str, tmp_path: Path, examples_analysis: Analysis, examples_terms: TermReport
) -> None:
    path = tmp_path / f"chart{suffix}"
    written = render_chart(examples_analysis, path, kind=kind, dpi=40, term_report=examples_terms)
    assert written == path
    data = path.read_bytes()
    assert data.startswith(HEADERS[suffix])
    if suffix == ".png":
        assert png_size(data) == (512, 288)  # 12.8 × 7.2 inches at 40 dpi
    if suffix == ".svg":
        assert "<svg" in data[:1000].decode()
    assert data.rstrip().endswith({".png": b"IEND\xaeB`\x82", ".svg": b"</svg>", ".pdf": b"%%EOF"}[suffix])
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left behind


def test_png_size_follows_dpi(tmp_path: Path, examples_analysis: Analysis) -> None:
    render_chart(examples_analysis, tmp_path / "default.png")
    render_chart(examples_analysis, tmp_path / "slides.PNG", dpi=100)
    assert png_size((tmp_path / "default.png").read_bytes()) == (2560, 1440)  # default 200 dpi
    assert png_size((tmp_path / "slides.PNG").read_bytes()) == (1280, 720)  # a 16:9 projector's native size


# --- what the ratio chart says -----------------------------------------------------------------------------------


def test_ratio_svg_has_title_axis_labels_legend_and_source_line(examples_analysis: Analysis) -> None:
    texts = svg_texts(chart_svg(examples_analysis))
    lexicon = examples_analysis.lexicon
    assert "Customer-centeredness, by meeting" in texts
    for expected in (
        "Ratio = customer /",  # on two lines: the ratio axes are shorter than the formula
        "(customer + institution)",
        "Hits per 1,000 words",
        "Meeting date",
        "Ratio per meeting",
        "95% interval of each ratio",
        "Trend +0.257 per year (95% interval +0.202 to +0.313)",  # the numbers of analyze's trend line
        "50%: as many customer as institution hits",
        "Customer-oriented",
        "Institution-oriented",
        "0%",
        "50%",
        "100%",
        "2025",
        f"Source: focuscount {__version__} · lexicon library ({lexicon.short_hash}) · 14 documents · "
        "2024-01-16 to 2025-11-18",
    ):
        assert expected in texts, expected
    assert "Marker area ∝ words" in " ".join(texts)
    assert "(this size: 672 words)" in " ".join(texts)  # the longest meeting, the 2024 conference talk
    assert not any(text.startswith("Thin evidence") for text in texts)  # every meeting has 38 hits or more
    assert not any(text.startswith("Not enough periods") for text in texts)  # there is a trend: no caption


def test_title_overrides_the_default(examples_analysis: Analysis) -> None:
    texts = svg_texts(chart_svg(examples_analysis, kind="counts", title="Board <minutes> & talks"))
    assert "Board <minutes> & talks" in texts
    assert "Hits per 1,000 words, by meeting" not in texts


def test_source_line_names_lexicon_documents_and_dates(gap_analysis: Analysis, make_analysis: MakeAnalysis) -> None:
    short = gap_analysis.lexicon.short_hash
    assert source_line(gap_analysis, over_time=True) == (
        f"Source: focuscount {__version__} · lexicon library ({short}) · 5 documents (1 undated, not plotted) · "
        "2024-01-10 to 2024-04-10"
    )
    assert source_line(gap_analysis) == (
        f"Source: focuscount {__version__} · lexicon library ({short}) · 5 documents (1 undated) · "
        "2024-01-10 to 2024-04-10"
    )
    one = make_analysis([("2024-05-02", 100, 1, 1)])
    assert source_line(one).endswith("· 1 document · 2024-05-02")
    assert source_line(make_analysis([(None, 100, 1, 1)])).endswith("· no dated documents")


def test_ratio_axis_runs_from_0_to_100_percent_and_dates_are_dates(examples_analysis: Analysis) -> None:
    figure = chart_figure(examples_analysis)
    ratio_axes, rate_axes = figure.axes[:2]
    assert ratio_axes.get_ylim() == (0, 1)
    figure.draw_without_rendering()
    assert list(ratio_axes.get_yticks()) == [0, 0.25, 0.5, 0.75, 1]
    assert [percent(t.get_text()) for t in ratio_axes.get_yticklabels()] == [0, 25, 50, 75, 100]
    dates = assert_readable_dates(rate_axes.xaxis)
    # Both years of the examples have ticks, each year named on the axis (the padding may reach into 2026).
    assert {2024, 2025} <= {day.year for day, _ in dates} <= {2024, 2025, 2026}
    assert ratio_axes.get_shared_x_axes().joined(ratio_axes, rate_axes)


def test_trend_line_and_balance_line(examples_analysis: Analysis) -> None:
    import matplotlib.dates as mdates

    figure = chart_figure(examples_analysis)
    ratio_axes = figure.axes[0]
    trend = examples_analysis.trend
    assert trend is not None
    (line,) = [line for line in ratio_axes.get_lines() if line.get_gid() == "trend-line"]
    assert line.get_label() == f"Trend {trend.label}" == "Trend +0.257 per year (95% interval +0.202 to +0.313)"
    assert list(mdates.date2num(line.get_xdata())) == list(mdates.date2num([trend.start, trend.end]))
    assert list(line.get_ydata()) == pytest.approx([trend.fitted(trend.start), trend.fitted(trend.end)])
    (balance,) = [line for line in ratio_axes.get_lines() if list(line.get_ydata()) == [0.5, 0.5]]
    assert balance.get_linestyle() == "--"
    assert balance.get_label() == "50%: as many customer as institution hits"
    legend = [text.get_text() for text in figure.axes[1].get_legend().get_texts()]
    assert legend[0] == "Ratio per meeting"
    assert "Trend +0.257 per year (95% interval +0.202 to +0.313)" in legend


def test_marker_area_is_in_proportion_to_words(examples_analysis: Analysis) -> None:
    figure = chart_figure(examples_analysis)
    (markers,) = [c for c in figure.axes[0].collections if c.get_gid() == "ratio-markers"]
    words = [p.words for p in examples_analysis.periods]
    sizes = list(markers.get_sizes())
    largest = largest_marker_area(len(words))
    assert sizes == pytest.approx([largest * w / max(words) for w in words])
    assert max(sizes) == pytest.approx(largest)


def test_markers_shrink_when_many_periods_share_the_axis() -> None:
    assert largest_marker_area(14) == chart.MAX_MARKER_AREA
    assert largest_marker_area(60) < largest_marker_area(40) < chart.MAX_MARKER_AREA
    assert largest_marker_area(10_000) == 36.0  # never smaller than a 6 pt dot


def test_colour_blind_safe_colours(examples_analysis: Analysis) -> None:
    from matplotlib.colors import to_hex

    figure = chart_figure(examples_analysis)
    ratio_axes, rate_axes = figure.axes[:2]
    colours = {line.get_gid(): to_hex(line.get_color()) for line in [*ratio_axes.get_lines(), *rate_axes.get_lines()]}
    assert colours["ratio-line"] == "#0072b2"
    assert colours["rate-customer"] == "#0072b2"  # Okabe–Ito blue: the focus category
    assert colours["rate-institution"] == "#d55e00"  # Okabe–Ito vermillion: the versus category
    assert colours["trend-line"] == "#000000"


@pytest.mark.parametrize("kind", CHART_KINDS)
def test_every_text_is_readable_at_1280_by_720(kind: str, examples_analysis: Analysis, examples_terms) -> None:
    from matplotlib.text import Text

    figure = chart_figure(examples_analysis, kind=kind, term_report=examples_terms)
    assert tuple(figure.get_size_inches()) == (12.8, 7.2)
    sizes = {t.get_text(): t.get_fontsize() for t in figure.findobj(Text) if t.get_text() and t.get_visible()}
    assert sizes
    assert min(sizes.values()) >= 11, {text: size for text, size in sizes.items() if size < 11}


# --- gaps, not zeros ---------------------------------------------------------------------------------------------


def test_a_period_without_hits_breaks_the_line(gap_analysis: Analysis) -> None:
    january, february, march, april = gap_analysis.periods
    assert february.ratio is None
    assert ratio_series(gap_analysis) == [
        [(midpoint(january), 10 / 30)],
        [(midpoint(march), 15 / 25), (midpoint(april), 3 / 4)],
    ]


def test_the_gap_is_drawn_as_a_gap_never_as_zero(gap_analysis: Analysis) -> None:
    figure = chart_figure(gap_analysis)
    ratio_axes = figure.axes[0]
    (line,) = [line for line in ratio_axes.get_lines() if line.get_gid() == "ratio-line"]
    values = list(line.get_ydata())
    assert math.isnan(values[1])
    assert 0 not in values
    (markers,) = [c for c in ratio_axes.collections if c.get_gid() == "ratio-markers"]
    assert len(markers.get_offsets()) == 3  # no marker for the month without hits
    assert min(y for _, y in markers.get_offsets()) > 0.3
    legend = [text.get_text() for text in figure.axes[1].get_legend().get_texts()]
    assert "Month without hits:\nno ratio (a gap, not 0%)" in legend


def test_the_gap_is_two_pieces_of_line_in_the_svg(gap_analysis: Analysis) -> None:
    svg = chart_svg(gap_analysis)
    group = re.search(r'<g id="ratio-line">\s*<path d="([^"]+)"', svg)
    assert group is not None
    assert group.group(1).count("M") == 2  # two runs of line: January alone, then March to April


def test_rates_are_broken_only_where_a_period_has_no_words(gap_analysis: Analysis, make_analysis: MakeAnalysis) -> None:
    series = rate_series(gap_analysis, "customer")
    assert len(series) == 1  # February had words and no hit: a real 0 per 1,000 words
    assert [round(rate, 3) for _, rate in series[0]] == [20.0, 0.0, 25.0, 30.0]
    silent = make_analysis([("2024-01-10", 100, 1, 1), ("2024-02-10", 0, 0, 0), ("2024-03-10", 100, 1, 0)])
    assert [len(piece) for piece in rate_series(silent, "customer")] == [1, 1]


def test_no_dated_document_with_hits_still_makes_a_chart(tmp_path: Path, make_analysis: MakeAnalysis) -> None:
    silent = make_analysis([("2024-01-10", 500, 0, 0), (None, 50, 1, 1)])
    assert ratio_series(silent) == []
    render_chart(silent, tmp_path / "silent.png", dpi=20)
    assert "No dated documents with hits" in svg_texts(chart_svg(silent))
    # Without any dated document the ratio chart is a bar per document (tests/render/test_chart_look.py),
    # and the counts chart, which has only a time axis to draw on, says why it cannot be drawn.
    undated = make_analysis([(None, 50, 1, 1)])
    assert "Customer-centeredness, by document" in svg_texts(chart_svg(undated))
    with pytest.raises(ConfigError, match=r"^no dated documents: the counts chart draws hits over time"):
        chart_svg(undated, kind="counts")


def test_one_period_is_one_point_without_trend(make_analysis: MakeAnalysis) -> None:
    one = make_analysis([("2024-01-10", 500, 3, 0)])
    figure = chart_figure(one)
    assert [line.get_gid() for line in figure.axes[0].get_lines() if line.get_gid() == "trend-line"] == []
    assert ratio_series(one) == [[(midpoint(one.periods[0]), 1.0)]]


def test_an_empty_year_between_two_is_a_gap_in_the_line(make_analysis: MakeAnalysis) -> None:
    rows = [("2019-03-12", 800, 20, 20), ("2020-03-10", 700, 24, 16), ("2023-03-14", 900, 30, 10),
            ("2024-03-12", 600, 33, 7)]  # fmt: skip
    by_year = make_analysis(rows, by="year")
    assert [p.label for p in by_year.periods] == ["2019", "2020", "2023", "2024"]
    assert chart.calendar_gaps(by_year) == [(dt.date(2021, 1, 1), dt.date(2022, 12, 31))]
    first, second, third, fourth = (midpoint(p) for p in by_year.periods)
    assert ratio_series(by_year) == [[(first, 0.5), (second, 0.6)], [(third, 0.75), (fourth, 33 / 40)]]
    assert [len(piece) for piece in rate_series(by_year, "customer")] == [2, 2]  # the rates break there too
    svg = chart_svg(by_year)
    path = re.search(r'<g id="ratio-line">\s*<path d="([^"]+)"', svg)
    assert path is not None
    assert path.group(1).count("M") == 2  # 2019–2020, then 2023–2024: nothing drawn across 2021 and 2022
    assert "(no line across a year without documents)" in svg_texts(svg)
    # By meeting the same documents stay one line: a meeting has no calendar slot that could be empty.
    by_meeting = make_analysis(rows, by="meeting")
    assert chart.calendar_gaps(by_meeting) == []
    assert [len(piece) for piece in ratio_series(by_meeting)] == [4]
    assert "(no line across a year without documents)" not in svg_texts(chart_svg(by_meeting))


def test_adjacent_months_and_quarters_stay_connected(make_analysis: MakeAnalysis) -> None:
    months = make_analysis([("2024-01-31", 500, 10, 10), ("2024-02-01", 500, 12, 8), ("2024-04-15", 500, 14, 6)])
    assert chart.calendar_gaps(months) == [(dt.date(2024, 3, 1), dt.date(2024, 3, 31))]
    assert [len(piece) for piece in ratio_series(months)] == [2, 1]
    quarters = make_analysis([("2024-03-31", 500, 10, 10), ("2024-04-01", 500, 12, 8)], by="quarter")
    assert chart.calendar_gaps(quarters) == []
    assert [len(piece) for piece in ratio_series(quarters)] == [2]


# --- intervals, thin evidence, trend and legend ----------------------------------------------------------------


def test_each_ratio_has_a_whisker_for_its_interval(examples_analysis: Analysis) -> None:
    figure = chart_figure(examples_analysis)
    (whiskers,) = [c for c in figure.axes[0].collections if c.get_gid() == "ratio-intervals"]
    segments = whiskers.get_segments()
    assert len(segments) == 14
    lows_highs = [(round(float(s[0][1]), 4), round(float(s[1][1]), 4)) for s in segments]
    intervals = [p.interval for p in examples_analysis.periods]
    assert lows_highs == [(round(i.low, 4), round(i.high, 4)) for i in intervals if i is not None]
    assert lows_highs[0] == (0.1665, 0.3898)  # 2024-01-16: 15 of 57 hits, 0.17–0.39 as in the tables


# Four months: 30, 4, 25 and 20 hits; February rests on fewer than 10 hits.
THIN_ROWS = [("2024-01-10", 500, 10, 20), ("2024-02-10", 300, 3, 1), ("2024-03-10", 600, 15, 10),
             ("2024-04-10", 400, 12, 8)]  # fmt: skip


def test_thin_periods_are_hollow_and_named_in_the_legend(make_analysis: MakeAnalysis) -> None:
    analysis = make_analysis(THIN_ROWS)
    assert [p.thin for p in analysis.periods] == [False, True, False, False]
    figure = chart_figure(analysis)
    (markers,) = [c for c in figure.axes[0].collections if c.get_gid() == "ratio-markers"]
    faces = [float(alpha) for alpha in markers.get_facecolors()[:, 3]]
    assert faces == [1.0, 0.0, 1.0, 1.0]  # February: an outline only
    edges = [tuple(round(float(v), 3) for v in edge[:3]) for edge in markers.get_edgecolors()]
    assert edges[1] == (0.0, 0.447, 0.698)  # the focus blue, so the hollow marker is still seen
    assert edges[0] == (1.0, 1.0, 1.0)
    assert len(markers.get_sizes()) == 4  # the same area rule as every marker: words, not evidence
    legend = [text.get_text() for text in figure.axes[1].get_legend().get_texts()]
    assert "Thin evidence (fewer than 10 hits):\nhollow, left out of the trend" in legend
    included = dataclasses.replace(analysis, include_thin=True, min_hits=5)
    legend = [text.get_text() for text in chart_figure(included).axes[1].get_legend().get_texts()]
    assert "Thin evidence (fewer than 5 hits):\nhollow, counted in the trend" in legend


def test_no_trend_no_line_and_the_caption_says_why(gap_analysis: Analysis) -> None:
    assert gap_analysis.trend is None  # January and March: two periods with enough evidence
    figure = chart_figure(gap_analysis)
    assert [line for line in figure.axes[0].get_lines() if line.get_gid() == "trend-line"] == []
    legend = [text.get_text() for text in figure.axes[1].get_legend().get_texts()]
    assert not any(text.startswith("Trend") for text in legend)
    reason = gap_analysis.no_trend_reason  # the sentence of analyze, word for word
    assert reason.startswith("Not enough periods for a trend (2 with enough evidence; 3 needed; 1 thin left out")
    assert chart.ratio_caption(gap_analysis) == reason
    texts = svg_texts(chart_svg(gap_analysis))
    assert reason in texts
    assert texts.index(reason) == len(texts) - 1  # under the legend, next to the source line
    assert reason not in svg_texts(chart_svg(gap_analysis, kind="counts"))  # the counts chart draws no trend


def test_the_trend_is_drawn_only_over_the_periods_it_used(make_analysis: MakeAnalysis) -> None:
    import matplotlib.dates as mdates

    analysis = make_analysis([*THIN_ROWS, ("2024-05-10", 500, 16, 6)])
    trend = analysis.trend
    assert trend is not None
    assert (trend.first_period, trend.last_period, trend.periods) == ("2024-01", "2024-05", 4)  # February left out
    (line,) = [line for line in chart_figure(analysis).axes[0].get_lines() if line.get_gid() == "trend-line"]
    assert list(mdates.date2num(line.get_xdata())) == list(mdates.date2num([trend.start, trend.end]))
    assert line.get_label() == f"Trend {trend.label}"
    assert chart.ratio_caption(analysis) is None


def test_the_legend_sits_below_and_the_plots_keep_the_width(examples_analysis: Analysis) -> None:
    figure = chart_figure(examples_analysis)
    figure.draw_without_rendering()
    ratio_axes, rate_axes = figure.axes[:2]
    assert ratio_axes.get_legend() is None
    legend = rate_axes.get_legend()
    box, plot = legend.get_window_extent(), rate_axes.get_window_extent()
    width = figure.bbox.width
    assert box.y1 < plot.y0  # under the date axis
    assert box.x0 >= 0 and box.x1 <= width  # all of it on the figure
    assert not box.overlaps(rate_axes.xaxis.label.get_window_extent())
    for text in figure.texts:  # the source line stays clear of it
        assert not box.overlaps(text.get_window_extent())
    for axes in (ratio_axes, rate_axes):
        assert axes.get_window_extent().width > 0.88 * width  # before, a legend on the right took a fifth


def test_the_counts_chart_has_its_legend_below_too(examples_analysis: Analysis) -> None:
    figure = chart_figure(examples_analysis, kind="counts")
    figure.draw_without_rendering()
    (axes,) = figure.axes
    legend = axes.get_legend()
    assert [text.get_text() for text in legend.get_texts()] == [
        "Customer-oriented",
        "Institution-oriented",
        "Community (not in the ratio)",  # the default lexicon's report-only categories, drawn apart
        "Partners (not in the ratio)",
    ]
    assert legend.get_window_extent().y1 < axes.get_window_extent().y0
    assert axes.get_window_extent().width > 0.88 * figure.bbox.width


def test_thin_speakers_are_pale_and_hatched_with_intervals(examples_analysis: Analysis) -> None:
    rows = examples_analysis.breakdowns["speaker"]
    chair = next(row for row in rows if row.key == "Chair")
    assert (chair.counts["customer"], chair.counts["institution"]) == (5, 8)
    analysis = dataclasses.replace(
        examples_analysis,
        min_hits=20,
        breakdowns={**examples_analysis.breakdowns, "speaker": tuple(
            dataclasses.replace(row, thin=row.key == "Chair") for row in rows)},
    )  # fmt: skip
    figure = chart_figure(analysis, kind="speakers")
    (axes,) = figure.axes
    figure.draw_without_rendering()
    labels = [label.get_text() for label in axes.get_yticklabels()]
    assert labels == ["Chair", "Director", "Treasurer", NO_SPEAKER]
    focus_bars = axes.patches[:4]
    assert [bar.get_hatch() for bar in focus_bars] == ["//", None, None, None]
    assert [to_hex(bar.get_facecolor()) for bar in focus_bars] == ["#8cc0dc", "#0072b2", "#0072b2", "#0072b2"]
    (whiskers,) = [c for c in axes.collections if c.get_gid() == "breakdown-intervals"]
    spans = [(round(float(s[0][0]), 2), round(float(s[1][0]), 2)) for s in whiskers.get_segments()]
    by_key = {row.key: row.interval for row in rows}
    assert spans == [(round(by_key[k].low, 2), round(by_key[k].high, 2)) for k in labels]
    texts = svg_texts(chart_svg(analysis, kind="speakers"))
    assert "38% of 13 hits (thin)" in texts
    assert "17% of 64 hits" in texts
    assert "Thin evidence (fewer than 20 hits)" in texts
    assert "95% interval" in texts


def test_no_thin_row_no_thin_entry(examples_analysis: Analysis) -> None:
    assert not any(row.thin for row in examples_analysis.breakdowns["speaker"])
    texts = svg_texts(chart_svg(examples_analysis, kind="speakers"))
    assert not any(text.startswith("Thin evidence") for text in texts)
    assert not any(text.endswith("(thin)") for text in texts)


# --- dates never overlap -----------------------------------------------------------------------------------------


def overlapping(labels: list) -> list[tuple[str, str]]:
    """Pairs of tick labels whose drawn boxes overlap."""
    boxes = [(label.get_text(), label.get_window_extent()) for label in labels]
    return [
        (first, second)
        for index, (first, box) in enumerate(boxes)
        for second, other in boxes[index + 1 :]
        if box.overlaps(other)
    ]


def visible_labels(axis) -> list:
    """The tick labels drawn: visible, with text, and inside the view (matplotlib keeps a tick or two beyond it)."""
    low, high = sorted(axis.get_view_interval())
    index = 0 if axis.axis_name == "x" else 1
    return [
        label
        for label in axis.get_ticklabels()
        if label.get_visible() and label.get_text() and low <= label.get_position()[index] <= high
    ]


def percent(text: str) -> int:
    """The number in a percent tick label (``25%``); fails on anything else."""
    found = re.fullmatch(r"(\d+)\s?%", text)
    assert found, f"not a percentage: {text!r}"
    return int(found[1])


def assert_readable_dates(axis) -> list[tuple[dt.date, str]]:
    """Check the date ticks drawn on ``axis`` read as human dates, and return them as (date, label) pairs.

    Which ticks matplotlib picks, and how many, is its business and changes between
    versions; what the chart promises is this: every label is the year or the short
    month name of its own tick (no ``2024-05-01``, no ``00:00``), the ticks run forward
    in time, there are few enough to read, none overlap, and every tick's year can be
    read off the axis: from its own label, an earlier label of the same year, or the
    offset text at the axis end.
    """
    import matplotlib.dates as mdates

    labels = visible_labels(axis)
    assert 3 <= len(labels) <= 12
    assert overlapping(labels) == []
    ticks = [(mdates.num2date(label.get_position()[0]).date(), label.get_text()) for label in labels]
    for day, text in ticks:
        assert text in (str(day.year), day.strftime("%b")), f"tick {day} is labelled {text!r}"
    days = [day for day, _ in ticks]
    assert days == sorted(set(days))
    offset = axis.get_offset_text().get_text()
    named = {int(offset)} if offset.isdigit() else set()
    for day, text in ticks:
        if text == str(day.year):
            named.add(day.year)
        assert day.year in named, f"the year of tick {day} ({text!r}) is not on the axis"
    return ticks


@pytest.mark.parametrize("by", ["month", "meeting"])
def test_sixty_periods_have_no_overlapping_dates(by: str, make_analysis: MakeAnalysis, monthly_rows) -> None:
    sixty = make_analysis(monthly_rows(60), by=by)
    assert len(sixty.periods) == 60
    figure = chart_figure(sixty)
    figure.draw_without_rendering()
    ratio_axes, rate_axes = figure.axes[:2]
    dates = visible_labels(rate_axes.xaxis)
    assert 3 <= len(dates) <= 12
    assert overlapping(dates) == []
    ticks = assert_readable_dates(rate_axes.xaxis)
    # Five years of months: the ticks span them all, from the first year to the last.
    assert ticks[0][0].year == 2020
    assert ticks[-1][0].year >= 2024
    assert visible_labels(ratio_axes.xaxis) == []  # the shared axis is labelled once, at the bottom
    for axes in (ratio_axes, rate_axes):
        assert overlapping(visible_labels(axes.yaxis)) == []


def test_dates_within_a_few_months_read_as_months(gap_analysis: Analysis) -> None:
    figure = chart_figure(gap_analysis)
    figure.draw_without_rendering()
    dates = visible_labels(figure.axes[1].xaxis)
    assert overlapping(dates) == []
    ticks = assert_readable_dates(figure.axes[1].xaxis)
    assert {day.year for day, _ in ticks} == {2024}
    months = [text for day, text in ticks if text == day.strftime("%b")]
    assert len(months) >= 3  # January to April: the ticks are months, not years


def test_twenty_sections_have_no_overlapping_labels(examples_analysis: Analysis) -> None:
    figure = chart_figure(examples_analysis, kind="sections")
    figure.draw_without_rendering()
    (axes,) = figure.axes
    labels = visible_labels(axes.yaxis)
    assert len(labels) == chart.MAX_BARS
    assert overlapping(labels) == []
    assert axes.get_title(loc="left") == "The 20 sections with the most hits, of 126"


# --- bars --------------------------------------------------------------------------------------------------------


def test_terms_chart_shows_top_terms_with_counts(examples_analysis: Analysis, examples_terms: TermReport) -> None:
    texts = svg_texts(chart_svg(examples_analysis, kind="terms", term_report=examples_terms))
    assert "Top terms per category" in texts
    assert "Customer-oriented: 351 hits" in texts
    assert "Institution-oriented: 347 hits" in texts
    # the report-only categories get panels too, with a second line that says they are not in the ratio
    assert "Community: 5 hits" in texts
    assert "Partners: 0 hits" in texts
    assert texts.count("(not in the ratio)") == 2
    for item in examples_terms.top["customer"] + examples_terms.top["institution"]:
        assert item.term in texts
    assert "50" in texts  # budget, the most frequent term, with its count on the bar
    figure = chart_figure(examples_analysis, kind="terms", term_report=examples_terms)
    customer, institution, community, partners = figure.axes  # a panel for each report-only category too
    assert ([bar.get_width() for bar in community.patches], len(partners.patches)) == ([5], 0)
    assert [bar.get_width() for bar in customer.patches] == [t.count for t in examples_terms.top["customer"]]
    assert customer.get_xlim() == institution.get_xlim()  # one scale: bars compare across categories


def test_speakers_chart_splits_each_bar_at_the_ratio(examples_analysis: Analysis) -> None:
    figure = chart_figure(examples_analysis, kind="speakers")
    (axes,) = figure.axes
    figure.draw_without_rendering()
    labels = [label.get_text() for label in axes.get_yticklabels()]
    assert labels == ["Chair", "Director", "Treasurer", NO_SPEAKER]  # by ratio; unnamed speech last
    rows = {row.key: row for row in examples_analysis.breakdowns["speaker"]}
    focus_bars = axes.patches[: len(labels)]
    assert [bar.get_width() for bar in focus_bars] == pytest.approx([rows[key].ratio for key in labels])
    texts = svg_texts(chart_svg(examples_analysis, kind="speakers"))
    assert "17% of 64 hits" in texts  # the Treasurer: 11 customer vs 53 institution hits
    assert "Customer-centeredness, by speaker" in texts


def test_terms_chart_needs_a_term_report(examples_analysis: Analysis, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="terms chart needs a term report"):
        render_chart(examples_analysis, tmp_path / "terms.png", kind="terms")
    assert list(tmp_path.iterdir()) == []


def test_terms_chart_refuses_a_report_of_another_lexicon(examples_analysis: Analysis, examples_terms) -> None:
    other = dataclasses.replace(examples_terms.lexicon, sha256="0" * 64, name="other")
    with pytest.raises(ConfigError, match="use the same lexicon"):
        chart_svg(examples_analysis, kind="terms", term_report=dataclasses.replace(examples_terms, lexicon=other))


@pytest.mark.parametrize(
    ("kind", "breakdowns", "message"),
    [
        ("speakers", {}, r"^no speaker breakdown: analyse with breakdowns=\['speaker'\]$"),
        ("sections", {}, r"^no section breakdown: analyse with breakdowns=\['section'\]$"),
        ("speakers", {"speaker": ()}, "no speakers found: speakers are named by labels like 'Chair:'"),
        ("sections", {"section": ()}, "no sections found: a section starts at a Markdown heading"),
    ],
)
def test_missing_breakdown_is_a_clear_error(
    kind: str, breakdowns: dict, message: str, gap_analysis: Analysis, tmp_path: Path
) -> None:
    analysis = dataclasses.replace(gap_analysis, breakdowns=breakdowns)
    with pytest.raises(ConfigError, match=message):
        render_chart(analysis, tmp_path / "chart.svg", kind=kind)
    assert list(tmp_path.iterdir()) == []


def test_only_unnamed_speech_is_no_speakers(gap_analysis: Analysis) -> None:
    rest = {"customer": 3, "institution": 1}
    analysis = dataclasses.replace(
        gap_analysis,
        breakdowns={
            "speaker": (BreakdownRow("speaker", NO_SPEAKER, None, 1, 100, rest, 0.75),),
            "section": (BreakdownRow("section", NO_SECTION, Path("a.txt"), 1, 100, rest, 0.75),),
        },
    )
    with pytest.raises(ConfigError, match="no speakers found"):
        chart_svg(analysis, kind="speakers")
    with pytest.raises(ConfigError, match="no sections found"):
        chart_svg(analysis, kind="sections")


# --- files -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["chart.jpg", "chart.html", "chart"])
def test_other_extensions_are_refused(name: str, tmp_path: Path, gap_analysis: Analysis) -> None:
    with pytest.raises(ConfigError, match=r"chart format must be \.png, \.svg or \.pdf") as caught:
        render_chart(gap_analysis, tmp_path / name)
    assert caught.value.path == tmp_path / name
    assert list(tmp_path.iterdir()) == []


def test_unknown_kind_missing_folder_and_bad_dpi(tmp_path: Path, gap_analysis: Analysis) -> None:
    with pytest.raises(ConfigError, match="`kind` must be one of ratio, counts, terms, speakers, sections"):
        render_chart(gap_analysis, tmp_path / "chart.png", kind="pie")
    with pytest.raises(ConfigError, match=r"folder .* does not exist"):
        render_chart(gap_analysis, tmp_path / "missing" / "chart.png")
    with pytest.raises(ConfigError, match="dpi must be a positive number"):
        render_chart(gap_analysis, tmp_path / "chart.png", dpi=0)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_the_old_file_and_no_half_file(
    tmp_path: Path, gap_analysis: Analysis, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "chart.png"
    path.write_bytes(b"the chart of last month")

    def broken(figure, stream, *args) -> None:
        stream.write(b"\x89PNG half a chart")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(chart, "_save", broken)
    with pytest.raises(ConfigError, match="No space left on device"):
        render_chart(gap_analysis, path)
    assert path.read_bytes() == b"the chart of last month"
    assert [p.name for p in tmp_path.iterdir()] == ["chart.png"]


def test_a_new_chart_is_readable_by_others(tmp_path: Path, gap_analysis: Analysis) -> None:
    path = render_chart(gap_analysis, tmp_path / "chart.svg")
    umask = os.umask(0)
    os.umask(umask)
    # What any new file gets under the user's umask (0644 under 022, 0664 under 002), not the 0600 of a
    # private temporary file.
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask


def test_svg_and_pdf_are_the_same_on_every_run(tmp_path: Path, examples_analysis: Analysis) -> None:
    for suffix in (".svg", ".pdf"):
        first = render_chart(examples_analysis, tmp_path / f"first{suffix}").read_bytes()
        second = render_chart(examples_analysis, tmp_path / f"second{suffix}").read_bytes()
        assert first == second, suffix
    svg = (tmp_path / "first.svg").read_text(encoding="utf-8")
    assert "<dc:date>" not in svg
    assert f"focuscount {__version__} with matplotlib" in svg


def referenced_ids(svg: str) -> set[str]:
    """Ids that other elements point at (clip paths, markers): the ones that must not clash."""
    return set(re.findall(r"url\(#([^)]+)\)", svg)) | set(re.findall(r'href="#([^"]+)"', svg))


def test_svg_ids_differ_between_kinds(examples_analysis: Analysis) -> None:
    ratio = referenced_ids(chart_svg(examples_analysis))
    speakers = referenced_ids(chart_svg(examples_analysis, kind="speakers"))
    assert ratio
    assert speakers
    assert ratio & speakers == set()  # the salt differs per kind: clip paths of two charts never swap


def test_importing_the_module_does_not_import_matplotlib() -> None:
    code = "import sys, focuscount.render.chart; print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "False"


def test_rendering_touches_no_global_matplotlib_state(gap_analysis: Analysis) -> None:
    import matplotlib

    backend = matplotlib.get_backend()
    before = dict(matplotlib.rcParams)
    chart_svg(gap_analysis)
    assert matplotlib.get_backend() == backend
    assert dict(matplotlib.rcParams) == before
    assert "matplotlib.pyplot" not in sys.modules or not __import__("matplotlib.pyplot").pyplot.get_fignums()
