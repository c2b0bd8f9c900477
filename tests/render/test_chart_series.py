"""Charts and the HTML report of an analysis split into series (``--series``)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner
from helpers import EXAMPLES, FIXTURES

from focuscount.analysis import analyze
from focuscount.cli import cli
from focuscount.options import DEFAULT_READ
from focuscount.render.chart import chart_svg
from focuscount.render.chart_series import MAX_SERIES, drawn_series, series_caption
from focuscount.render.report import render_report

SERIES = FIXTURES / "series"


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(arg) for arg in args])
    return result.exit_code, result.stdout, result.stderr


def gids(svg: str) -> set[str]:
    return set(re.findall(r'id="([^"]+)"', svg))


def test_the_ratio_chart_draws_a_line_markers_whiskers_and_trend_per_series() -> None:
    svg = chart_svg(analyze([SERIES], series="folder"), kind="ratio")
    found = gids(svg)
    for index in (0, 1):
        for part in ("line", "markers", "intervals", "trend", "rate-customer", "rate-institution"):
            assert f"series-{index}-{part}" in found
    assert "series-2-line" not in found and "ratio-line" not in found
    assert "Customer-centeredness, by meeting: board and friends" in svg
    assert "board: 4 documents, ratio 0.34" in svg and "trend +0.414/year, no clear change" in svg
    assert "friends: 4 documents, ratio 0.75" in svg and "trend -0.225/year, no clear change" in svg
    assert "Trend of each series" in svg and "Customer-oriented per 1,000 words" in svg


def test_a_series_without_a_trend_is_named_in_the_caption() -> None:
    analysis = analyze([EXAMPLES], series="folder")
    assert series_caption(analysis) == (
        "No trend line for talks: not enough periods for a trend (2 with enough evidence; 3 needed)."
    )
    svg = chart_svg(analysis, kind="ratio")
    assert "series-1-trend" not in gids(svg) and "series-0-trend" in gids(svg)
    assert "No trend line for talks" in svg


def test_the_counts_chart_draws_each_series_rates() -> None:
    svg = chart_svg(analyze([SERIES], series="prefix"), kind="counts")
    found = gids(svg)
    assert {"series-0-rate-customer", "series-1-rate-institution"} <= found
    assert "Hits per 1,000 words, by meeting: board and friends" in svg


def test_more_series_than_colours_keep_those_with_most_words(tmp_path: Path) -> None:
    for index in range(MAX_SERIES + 2):
        folder = tmp_path / f"committee{index:02}"
        folder.mkdir()
        words = " ".join(["patrons asked the library"] * (index + 1))
        (folder / "2024-03-12.txt").write_text(words, "utf-8")
    analysis = analyze([tmp_path], series="folder")
    drawn = drawn_series(analysis)
    assert [series.name for series in drawn] == [f"committee{index:02}" for index in range(2, MAX_SERIES + 2)]
    assert series_caption(analysis) == (
        "No trend line for committee02, committee03, committee04, committee05, committee06, committee07, "
        "committee08, committee09: not enough periods for a trend (0 with enough evidence; 3 needed; 1 thin left "
        "out, which --include-thin counts). 2 more series with fewer words not drawn (at most 8)."
    )
    assert "Customer-centeredness, by meeting: 10 series" in chart_svg(analysis, kind="ratio")


def test_undated_series_still_get_a_bar_per_document(tmp_path: Path) -> None:
    for name in ("board", "friends"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "notes.txt").write_text("Patrons and customers asked the library.", "utf-8")
    analysis = analyze([tmp_path], series="folder", options=replace(DEFAULT_READ, metadata_dates=False))
    svg = chart_svg(analysis, kind="ratio")
    assert "Customer-centeredness, by document" in svg


def test_a_chart_from_a_saved_report_keeps_its_series(tmp_path: Path) -> None:
    saved = tmp_path / "analysis.json"
    assert run("analyze", SERIES, "--series", "folder", "-f", "json", "-o", saved, "--no-cache")[0] == 0
    direct, redrawn, resplit = tmp_path / "direct.svg", tmp_path / "redrawn.svg", tmp_path / "resplit.svg"
    assert run("chart", SERIES, "--series", "folder", "-o", direct, "--no-cache")[0] == 0
    assert run("chart", "--from", saved, "-o", redrawn)[0] == 0
    assert redrawn.read_bytes() == direct.read_bytes()
    code, _, err = run("chart", "--from", saved, "--series", "(friends)", "-o", resplit)
    assert (code, err) == (0, f"focuscount: wrote {resplit}\n")
    assert "Customer-centeredness, by meeting: friends and (other)" in resplit.read_text("utf-8")


def test_the_report_compares_the_series_in_one_table() -> None:
    analysis = analyze([SERIES], series="folder")
    page = render_report(analysis, None, {})
    section = page.split('<section id="series">')[1].split("</section>")[0]
    assert "<h2>Series (by folder)</h2>" in section
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", section)
    assert cells[:6] == ["board", "4", "4", "429", "23", "45"]
    assert "friends" in cells and "0.75 (0.53–0.88)" in cells and "-0.225 no clear change" in cells
    assert "<li>Trend (board): +0.414 per year (95% interval -1.279 to +2.106), no clear change" in section
    assert "<h2>Periods (by meeting, per series)</h2>" in page
    assert "Trend (all documents): +0.215 per year" in page
    assert "series-0-line" in page and "series-1-trend" in page


def test_the_report_without_series_has_no_series_section() -> None:
    page = render_report(analyze([SERIES]), None, {})
    assert '<section id="series">' not in page and "Trend (all documents)" not in page


def test_report_and_chart_commands_take_series(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    assert run("report", SERIES, "--series", "prefix", "-o", page, "--no-cache")[0] == 0
    assert "<h2>Series (by prefix)</h2>" in page.read_text("utf-8")
    chart = tmp_path / "ratio.png"
    code, _, err = run("chart", SERIES, "--series", "prefix", "-o", chart, "--no-cache")
    assert (code, err) == (0, f"focuscount: wrote {chart}\n")
