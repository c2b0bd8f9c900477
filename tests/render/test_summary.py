"""One Summary for every renderer: the closing line of ``analyze``, a chart's source line, the report's tiles."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import lexicon_from

from focuscount import __version__
from focuscount.analysis import Analysis
from focuscount.discovery import UNSUPPORTED, Skipped
from focuscount.render.chart import source_line
from focuscount.render.summary import CategoryTotal, Summary, Tile
from focuscount.render.table import render_markdown, render_table

MakeAnalysis = Callable[..., Analysis]

# Three board meetings of the Alderbrook Public Library and a memo nobody dated.
MEETINGS = [
    ("2024-01-16", 632, 15, 42),
    ("2024-03-19", 540, 22, 18),
    ("2024-05-21", 610, 31, 12),
    (None, 75, 2, 1),
]

SKIPPED = (
    Skipped(Path("minutes/2024-07-16-board-minutes.docx"), "not a DOCX file (a zip without word/document.xml)"),
    Skipped(Path("minutes/scan-of-agenda.jpg"), "unsupported format .jpg", UNSUPPORTED),
    Skipped(Path("minutes/attendance.xlsx"), "unsupported format .xlsx", UNSUPPORTED),
)


@pytest.fixture
def meetings(make_analysis: MakeAnalysis) -> Analysis:
    return dataclasses.replace(make_analysis(MEETINGS), skipped=SKIPPED)


def test_the_parts_of_the_summary(meetings: Analysis) -> None:
    summary = Summary.of(meetings)
    assert summary == Summary.of(meetings)  # a value: built twice, equal
    assert (summary.focus, summary.versus, summary.hits("customer"), summary.hits("institution")) == (
        "customer", "institution", 70, 73,
    )  # fmt: skip
    assert (summary.words, summary.documents, summary.undated) == (1_857, 4, 1)
    assert (summary.unreadable, summary.other_types, summary.skipped) == (1, 2, 3)
    assert (str(summary.first_date), str(summary.last_date)) == ("2024-01-16", "2024-05-21")
    assert summary.report_only == (
        CategoryTotal("community", "Community", 0, 0.0, True),
        CategoryTotal("partners", "Partners", 0, 0.0, True),
    )
    assert summary.hits("no such category") == 0
    with pytest.raises(dataclasses.FrozenInstanceError):
        summary.words = 0  # type: ignore[misc]


def test_the_line_of_analyze_with_undated_and_skipped_files(meetings: Analysis) -> None:
    line = (
        "Overall ratio 0.49, 95% interval 0.26–0.72 (customer 70 vs institution 73 in 1,857 words); "
        "not in the ratio: community 0, partners 0 · 4 documents read (1 undated) · "
        "3 skipped (1 unreadable, 2 of other types) · 2024-01-16 to 2024-05-21"
    )
    assert Summary.of(meetings).line() == line
    assert render_table(meetings).endswith(f"\n\n{line}\n")
    assert render_markdown(meetings).endswith(f"\n\n{line}\n")


def test_a_thin_overall_ratio_on_one_date(make_analysis: MakeAnalysis) -> None:
    analysis = make_analysis([("2024-02-06", 300, 3, 1)])
    summary = Summary.of(analysis)
    assert summary.thin
    assert summary.ratio_text() == "0.75, 95% interval 0.30–0.95, thin evidence"
    assert summary.dates() == "2024-02-06"
    assert summary.line() == (
        "Overall ratio 0.75, 95% interval 0.30–0.95, thin evidence (customer 3 vs institution 1 in 300 words); "
        "not in the ratio: community 0, partners 0 · 1 document read · 0 skipped · 2024-02-06"
    )
    assert summary.ratio_note() == "customer / (customer + institution) · 95% interval 0.30–0.95 · thin evidence"


def test_no_ratio_and_no_dated_document(make_analysis: MakeAnalysis) -> None:
    summary = Summary.of(make_analysis([(None, 120, 0, 0)]))
    assert (summary.ratio, summary.interval, summary.thin) == (None, None, False)
    assert summary.ratio_text() == "—"
    assert summary.dates() == "no dated documents"
    assert summary.line() == (
        "Overall ratio — (customer 0 vs institution 0 in 120 words); not in the ratio: community 0, partners 0 · "
        "1 document read (1 undated) · 0 skipped · no dated documents"
    )
    assert summary.ratio_note() == "customer / (customer + institution)"
    assert summary.tiles()[0] == Tile("Overall ratio", "—", "customer / (customer + institution)")


def test_a_lexicon_without_report_only_categories(meetings: Analysis) -> None:
    lexicon = lexicon_from()  # customer and institution only
    summary = Summary.of(dataclasses.replace(meetings, lexicon=lexicon))
    assert summary.report_only == ()
    assert summary.counts_text() == (
        "Overall ratio 0.49, 95% interval 0.26–0.72 (customer 70 vs institution 73 in 1,857 words)"
    )
    assert [tile.label for tile in summary.tiles()] == [
        "Overall ratio", "Customer-oriented", "Institution-oriented", "Words",
    ]  # fmt: skip


def test_report_only_counts_are_named_apart(meetings: Analysis) -> None:
    documents = tuple(
        dataclasses.replace(counts, counts={**counts.counts, "community": 4, "partners": 1})
        for counts in meetings.documents
    )
    summary = Summary.of(dataclasses.replace(meetings, documents=documents))
    assert summary.counts_text().endswith("in 1,857 words); not in the ratio: community 16, partners 4")
    assert summary.tiles()[3] == Tile("Community", "16", "community hits · 8.6 per 1,000 words · not in the ratio")


def test_the_chart_source_line(meetings: Analysis, make_analysis: MakeAnalysis) -> None:
    summary = Summary.of(meetings)
    start = f"Source: focuscount {__version__} · lexicon library ({meetings.lexicon.short_hash})"
    assert summary.source_line() == f"{start} · 4 documents (1 undated) · 2024-01-16 to 2024-05-21"
    assert summary.source_line(over_time=True) == (
        f"{start} · 4 documents (1 undated, not plotted) · 2024-01-16 to 2024-05-21"
    )
    assert source_line(meetings, over_time=True) == summary.source_line(over_time=True)
    one = make_analysis([("2024-05-02", 100, 1, 1)])
    assert Summary.of(one).source_line().endswith("· 1 document · 2024-05-02")


def test_a_lexicon_name_with_control_characters_is_escaped_by_the_chart_only(meetings: Analysis) -> None:
    lexicon = dataclasses.replace(meetings.lexicon, name="board\x1b[2J")
    analysis = dataclasses.replace(meetings, lexicon=lexicon)
    assert "lexicon board\x1b[2J (" in Summary.of(analysis).source_line()  # raw: each renderer escapes
    assert "lexicon board\\x1b[2J (" in source_line(analysis)


def test_the_report_header_and_tiles(meetings: Analysis) -> None:
    summary = Summary.of(meetings)
    assert summary.formula() == "customer / (customer + institution)"
    assert summary.header_documents() == "4 documents read (1 undated), 1 unreadable, 2 other files skipped"
    one_other = dataclasses.replace(meetings, skipped=SKIPPED[1:2])
    assert Summary.of(one_other).header_documents() == "4 documents read (1 undated), 1 other file skipped"
    assert summary.tiles() == (
        Tile("Overall ratio", "0.49", "customer / (customer + institution) · 95% interval 0.26–0.72"),
        Tile("Customer-oriented", "70", "customer hits · 37.7 per 1,000 words"),
        Tile("Institution-oriented", "73", "institution hits · 39.3 per 1,000 words"),
        Tile("Community", "0", "community hits · 0.0 per 1,000 words · not in the ratio"),
        Tile("Partners", "0", "partners hits · 0.0 per 1,000 words · not in the ratio"),
        Tile("Words", "1,857", "4 documents"),
    )
