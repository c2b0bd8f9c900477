"""The chart and report commands, and analyze --chart, through the CLI on the example corpus."""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import EXAMPLES, REPO

from focuscount.cli import cli

HEADERS = {".png": b"\x89PNG\r\n\x1a\n", ".pdf": b"%PDF-"}


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(arg) for arg in args])
    return result.exit_code, result.stdout, result.stderr


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data.startswith(HEADERS[".png"])
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("kind", ["ratio", "counts", "terms", "speakers", "sections"])
def test_every_kind_as_svg_with_title_and_source(tmp_path: Path, kind: str) -> None:
    target = tmp_path / f"{kind}.svg"
    code, out, err = run("chart", EXAMPLES, "--kind", kind, "-o", target)
    assert (code, out, err) == (0, "", f"focuscount: wrote {target}\n")
    svg = target.read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "Source: focuscount 0.1.0 · lexicon library" in svg
    assert "14 documents" in svg


def test_png_follows_dpi_and_title(tmp_path: Path) -> None:
    target = tmp_path / "ratio.png"
    assert run("chart", EXAMPLES, "-o", target, "--dpi", "100", "--title", "Board talk, 2024–2025")[0] == 0
    assert png_size(target) == (1280, 720)
    svg_target = tmp_path / "ratio.svg"
    run("chart", EXAMPLES, "-o", svg_target, "--title", "Board talk, 2024–2025", "--by", "quarter")
    svg = svg_target.read_text(encoding="utf-8")
    assert "Board talk, 2024–2025" in svg
    assert "Trend +0.262 per year (95% interval +0.217 to +0.306)" in svg  # by quarter: the numbers of analyze


def test_pdf_chart(tmp_path: Path) -> None:
    target = tmp_path / "ratio.pdf"
    assert run("chart", EXAMPLES / "minutes", "-o", target)[0] == 0
    assert target.read_bytes().startswith(HEADERS[".pdf"])


def test_analyze_also_draws_the_chart(tmp_path: Path) -> None:
    target = tmp_path / "trend.png"
    code, out, err = run("analyze", EXAMPLES, "--chart", target, "-f", "csv")
    assert code == 0
    assert out.startswith("row,label,path")
    assert err == f"focuscount: wrote {target}\n"
    assert png_size(target) == (2560, 1440)


def test_wrong_extension_fails_before_reading(tmp_path: Path) -> None:
    code, out, err = run("chart", EXAMPLES, "-o", tmp_path / "chart.gif")
    assert code == 2
    assert "chart format must be .png, .svg or .pdf, not '.gif'" in err
    code, out, err = run("analyze", EXAMPLES, "--chart", tmp_path / "chart.jpg")
    assert (code, out) == (2, "")


def test_speakers_chart_without_speakers_is_an_error(tmp_path: Path) -> None:
    code, _, err = run("chart", EXAMPLES / "talks", "--kind", "speakers", "-o", tmp_path / "s.png")
    assert code == 2
    assert "no speakers found" in err
    assert not (tmp_path / "s.png").exists()


def test_report_is_one_self_contained_file(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    code, out, err = run("report", EXAMPLES, "-o", target, "--title", "Alderbrook board, two years")
    assert (code, out, err) == (0, "", f"focuscount: wrote {target}\n")
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "<title>Alderbrook board, two years</title>" in html
    assert not re.search(r"""(src|href)=["']https?://""", html)
    assert "<link" not in html
    assert html.count("<svg") >= 3  # ratio, speakers, sections
    assert html.count("<details") == 14
    assert (
        "Trend: +0.257 per year (95% interval +0.202 to +0.313), rising, over 14 periods (14 documents), "
        "2024-01-16 to 2025-11-18"
    ) in html
    assert "<h2>Thin evidence (0)</h2>" in html
    assert "<mark" in html


def test_a_year_chart_has_no_trend_line_and_says_why(tmp_path: Path) -> None:
    target = tmp_path / "years.svg"
    code, out, err = run("chart", EXAMPLES, "--by", "year", "-o", target)
    assert (code, out, err) == (0, "", f"focuscount: wrote {target}\n")
    svg = target.read_text(encoding="utf-8")
    assert 'id="trend-line"' not in svg
    assert "Not enough periods for a trend (2 with enough evidence; 3 needed)." in svg
    assert 'id="ratio-intervals"' in svg


def test_min_hits_makes_thin_evidence_in_the_chart_and_the_report(tmp_path: Path) -> None:
    chart = tmp_path / "ratio.svg"
    assert run("chart", EXAMPLES, "--min-hits", "45", "-o", chart)[0] == 0
    svg = chart.read_text(encoding="utf-8")
    assert "Thin evidence (fewer than 45 hits):" in svg
    assert "hollow, left out of the trend" in svg
    assert "Trend +0.269 per year (95% interval +0.202 to +0.335)" in svg  # the eight meetings with 45 hits or more
    report = tmp_path / "report.html"
    assert run("report", EXAMPLES, "--min-hits", "45", "--include-thin", "-o", report)[0] == 0
    html = report.read_text(encoding="utf-8")
    assert "<h2>Thin evidence (6)</h2>" in html
    assert "a ratio on fewer than 45 hits, and thin periods are counted in the trend (--include-thin)." in html
    assert "over 14 periods (14 documents)" in html


def test_report_to_standard_output() -> None:
    code, out, _ = run("report", EXAMPLES / "talks")
    assert code == 0
    assert out.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("kind", ["ratio", "counts", "terms", "speakers", "sections"])
def test_readme_shows_each_chart_from_the_examples(kind: str) -> None:
    image = REPO / "docs" / "images" / f"{kind}.png"
    assert png_size(image) == (1280, 720)
    assert f"(images/{kind}.png)" in (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
