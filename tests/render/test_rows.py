"""The display rows and number formats shared by the table, Markdown and CSV outputs: ratios with intervals."""

from __future__ import annotations

import textwrap
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import ISSUE_LEXICON

from focuscount.analysis import Analysis, analyze
from focuscount.render.rows import (
    NO_RATIO,
    RATIO_HEADER,
    breakdown_rows,
    document_rows,
    format_ratio_interval,
    has_thin,
    period_rows,
    thin_note,
)
from focuscount.render.summary import Summary
from focuscount.uncertainty import Interval


@pytest.fixture(scope="module")
def minutes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two dated meetings in Markdown (one of 12 hits, one of 3) and a lexicon."""
    root = tmp_path_factory.mktemp("rows")
    folder = root / "minutes"
    folder.mkdir()
    (folder / "2024-02-13-board.md").write_text(
        "# Opening\n\nThe chair welcomed everyone.\n\n"
        "# Services\n\nPatrons asked for longer hours. Users and volunteers ran the reading club. "
        "Customers returned the survey. Patrons praised the study room. Users asked for more seats. "
        "Volunteers shelved the returns. The library reviewed its budget. Resources were moved. "
        "The administration filed the report. The library closed early. Resources ran short.\n",
        encoding="utf-8",
    )
    (folder / "2024-05-14-board.md").write_text(
        "# Services\n\nPatrons wrote in. The library answered. Users agreed.\n", encoding="utf-8"
    )
    (root / "lexicon.toml").write_text(textwrap.dedent(ISSUE_LEXICON), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def analysis(minutes: Path) -> Analysis:
    return analyze([minutes / "minutes"], minutes / "lexicon.toml", breakdowns=["section"])


def test_ratio_cell_shows_the_interval_and_marks_thin_evidence() -> None:
    assert format_ratio_interval(0.43, Interval(0.31, 0.56), thin=False) == "0.43 (0.31–0.56)"
    assert format_ratio_interval(1.0, Interval(0.2065, 1.0), thin=True) == "1.00 (0.21–1.00)*"
    assert format_ratio_interval(0.6364, Interval(0.3144, 0.8697), thin=False) == "0.64 (0.31–0.87)"


def test_no_ratio_is_a_dash_with_no_interval_and_no_mark() -> None:
    assert format_ratio_interval(None, None, thin=True) == NO_RATIO == "—"
    assert format_ratio_interval(None, Interval(0.0, 1.0), thin=False) == "—"


def test_a_ratio_without_an_interval_is_shown_alone() -> None:
    # Rows built by hand (not by analyze) may carry no interval: the ratio is still shown.
    assert format_ratio_interval(0.5, None, thin=False) == "0.50"
    assert format_ratio_interval(0.5, None, thin=True) == "0.50*"


def test_document_period_and_section_rows_carry_the_interval(analysis: Analysis) -> None:
    documents = document_rows(analysis)
    assert list(documents[0])[-1] == RATIO_HEADER == "Ratio (95% interval)"
    # 7 of 12 hits (Wilson 0.3195–0.8067), then 2 of 3 (thin: 0.2077–0.9385).
    assert [(row["customer"], row["institution"], row[RATIO_HEADER]) for row in documents] == [
        (7, 5, "0.58 (0.32–0.81)"),
        (2, 1, "0.67 (0.21–0.94)*"),
    ]
    assert [row[RATIO_HEADER] for row in period_rows(analysis)] == ["0.58 (0.32–0.81)", "0.67 (0.21–0.94)*"]
    sections = breakdown_rows(analysis, "section")
    assert [(row["Section"], row[RATIO_HEADER]) for row in sections] == [
        ("Opening", "—"),  # no hit: no ratio, no interval, no thin mark
        ("Services", "0.58 (0.32–0.81)"),
        ("Services", "0.67 (0.21–0.94)*"),
    ]


def test_has_thin_ignores_rows_without_a_ratio(analysis: Analysis) -> None:
    opening, services, later = analysis.breakdowns["section"]
    assert opening.ratio is None and opening.thin  # zero hits is thin, but nothing is shown to mark
    assert not has_thin([opening, services])
    assert has_thin([opening, services, later])
    assert has_thin(analysis.documents)


def test_thin_note_names_the_threshold_and_what_the_trend_does(analysis: Analysis) -> None:
    assert thin_note(analysis) == "* thin evidence: fewer than 10 hits (customer + institution)"
    assert thin_note(analysis, periods=True) == (
        "* thin evidence: fewer than 10 hits (customer + institution); left out of the trend (--include-thin counts them)"
    )
    counted = replace(analysis, include_thin=True, min_hits=1)
    assert thin_note(counted, periods=True) == (
        "* thin evidence: fewer than 1 hit (customer + institution); counted in the trend (--include-thin)"
    )


def test_summary_line_quotes_the_overall_interval(analysis: Analysis) -> None:
    # 9 of 15 hits over two documents: their ratios differ less than chance, the design effect stays 1.
    assert Summary.of(analysis).ratio_text() == "0.60, 95% interval 0.36–0.80"
    assert Summary.of(analysis).line() == (
        "Overall ratio 0.60, 95% interval 0.36–0.80 (customer 9 vs institution 6 in 65 words) · "
        "2 documents read · 0 skipped · 2024-02-13 to 2024-05-14"
    )


def test_summary_line_says_when_the_overall_ratio_is_thin(minutes: Path) -> None:
    thin = analyze([minutes / "minutes" / "2024-05-14-board.md"], minutes / "lexicon.toml")
    assert Summary.of(thin).line().startswith(
        "Overall ratio 0.67, 95% interval 0.21–0.94, thin evidence (customer 2 vs institution 1 in 9 words) · "
    )
    assert "\n" not in Summary.of(thin).line()


def test_summary_line_without_a_ratio_has_no_interval(tmp_path: Path) -> None:
    (tmp_path / "2024-06-11-board.txt").write_text("The meeting opened at seven.\n", encoding="utf-8")
    quiet = analyze([tmp_path])
    assert Summary.of(quiet).ratio_text() == "—"
    # The default lexicon's report-only categories are shown too, though none was found.
    assert Summary.of(quiet).line().startswith(
        "Overall ratio — (customer 0 vs institution 0 in 5 words); not in the ratio: community 0, partners 0 · "
    )
