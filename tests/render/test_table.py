"""The terminal table and Markdown outputs: intervals, thin-evidence marks and footnotes, the trend line."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from helpers import ISSUE_LEXICON

from focuscount.analysis import Analysis, analyze
from focuscount.render.table import ratio_colour, render_markdown, render_table
from focuscount.terminal import TerminalLook, strip_sgr, visible_width

CUSTOMER = (
    "Patrons asked for longer opening hours.",
    "Volunteers ran the reading club.",
    "Users praised the new study room.",
    "Customers returned the survey.",
)
INSTITUTION = (
    "The library reviewed its budget.",
    "Resources were moved to storage.",
    "The administration filed the report.",
)
# Per meeting: customer and institution hits of the chair, then of the treasurer.
MEETINGS = {
    "2024-01-16": (3, 2, 1, 10),
    "2024-04-16": (6, 2, 2, 6),
    "2024-07-16": (9, 1, 3, 5),
    "2024-10-15": (2, 0, 0, 1),  # 3 hits: thin
}
PERIODS_NOTE = (
    "* thin evidence: fewer than 10 hits (customer + institution); left out of the trend (--include-thin counts them)"
)
NOTE = "* thin evidence: fewer than 10 hits (customer + institution)"


def talk(customer: int, institution: int) -> str:
    """A speaker's turn with exactly ``customer`` and ``institution`` hits of the issue's lexicon."""
    return " ".join([CUSTOMER[i % 4] for i in range(customer)] + [INSTITUTION[i % 3] for i in range(institution)])


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five dated board meetings (three well evidenced, one thin, one without hits), an undated note, a lexicon."""
    root = tmp_path_factory.mktemp("board")
    folder = root / "minutes"
    folder.mkdir()
    for day, (chair_c, chair_i, treasurer_c, treasurer_i) in MEETINGS.items():
        text = f"Chair: {talk(chair_c, chair_i)}\nTreasurer: {talk(treasurer_c, treasurer_i)}\n"
        (folder / f"{day}-board.txt").write_text(text, encoding="utf-8")
    (folder / "2025-01-21-board.txt").write_text(
        "Chair: The meeting opened at seven and closed at eight.\n", encoding="utf-8"
    )
    (folder / "notes.txt").write_text("Patrons, users and volunteers wrote in.\n", encoding="utf-8")
    (root / "lexicon.toml").write_text(textwrap.dedent(ISSUE_LEXICON), encoding="utf-8")
    return root


def analysis_of(board: Path, **options: object) -> Analysis:
    return analyze([board / "minutes"], board / "lexicon.toml", breakdowns=["speaker"], **options)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def analysis(board: Path) -> Analysis:
    return analysis_of(board)


def block(output: str, title: str) -> list[str]:
    """The lines of the block that starts with ``title`` (up to the next blank line after its table)."""
    lines = output.splitlines()
    start = lines.index(title)
    end = lines.index("", start + 2)
    return lines[start + 2 : end]


def test_every_ratio_cell_shows_its_interval_and_thin_ones_a_mark(analysis: Analysis) -> None:
    out = render_table(analysis)
    documents = block(out, "Documents (lexicon: library; ratio = customer / (customer + institution))")
    assert documents[0].endswith("Ratio (95% interval)")
    # Wilson intervals of 4 of 16, 8 of 16, 12 of 18, 2 of 3 and 3 of 3 hits.
    assert [line.split("  ")[-1] for line in documents[2:]] == [
        "0.25 (0.10–0.49)",
        "0.50 (0.28–0.72)",
        "0.67 (0.44–0.84)",
        "0.67 (0.21–0.94)*",
        "—",
        "1.00 (0.44–1.00)*",
        NOTE,
    ]


def test_the_footnote_is_the_line_right_under_each_table_with_a_thin_row(analysis: Analysis) -> None:
    out = render_table(analysis)
    assert block(out, "Documents (lexicon: library; ratio = customer / (customer + institution))")[-1] == NOTE
    periods = block(out, "Periods (by meeting)")
    assert periods[-2].startswith("2025-01-21 ") and periods[-2].endswith("  —")
    assert periods[-1] == PERIODS_NOTE
    speakers = block(out, "Speakers (3)")
    # Treasurer 6 of 28 hits in four meetings (design effect 1.02); Chair 20 of 25; the note's 3 of 3 is thin.
    assert [line.split("  ")[-1] for line in speakers[2:]] == [
        "0.21 (0.10–0.40)",
        "0.80 (0.61–0.91)",
        "1.00 (0.44–1.00)*",
        NOTE,
    ]
    assert out.count("thin evidence") == 3


def test_no_footnote_when_no_row_is_thin(board: Path) -> None:
    out = render_table(analysis_of(board, min_hits=3))
    assert "thin evidence" not in out
    assert "*" not in out
    assert block(out, "Speakers (3)")[-1].endswith("1.00 (0.44–1.00)")


def test_trend_line_is_the_trend_described(analysis: Analysis) -> None:
    assert analysis.trend is not None
    lines = render_table(analysis).splitlines()
    described = analysis.trend.describe()
    assert described.startswith(f"Trend: {analysis.trend.label}, ")
    assert described.endswith(", over 3 periods (3 documents), 2024-01-16 to 2024-07-16")
    assert lines[lines.index(PERIODS_NOTE) + 2] == described
    assert "Trend: needs" not in "\n".join(lines)


def test_with_include_thin_the_periods_note_says_they_count(board: Path) -> None:
    analysis = analysis_of(board, include_thin=True)
    assert analysis.trend is not None
    out = render_table(analysis)
    assert block(out, "Periods (by meeting)")[-1] == (
        "* thin evidence: fewer than 10 hits (customer + institution); counted in the trend (--include-thin)"
    )
    assert analysis.trend.describe().endswith(", over 4 periods (4 documents), 2024-01-16 to 2024-10-15")
    assert analysis.trend.describe() in out.splitlines()


def test_without_a_trend_the_reason_is_given(board: Path) -> None:
    analysis = analyze([board / "minutes" / "2024-01-16-board.txt", board / "minutes" / "2024-10-15-board.txt"],
                       board / "lexicon.toml")  # fmt: skip
    assert analysis.trend is None
    out = render_table(analysis)
    assert analysis.no_trend_reason in out.splitlines()
    assert analysis.no_trend_reason.startswith("Not enough periods for a trend (1 with enough evidence; 3 needed")


def test_without_dated_documents_there_are_no_periods_and_no_trend(board: Path) -> None:
    out = render_table(analyze([board / "minutes" / "notes.txt"], board / "lexicon.toml"))
    assert "Periods" not in out
    assert "No dated documents: no periods and no trend." in out.splitlines()
    assert out.splitlines()[-1].startswith(
        "Overall ratio 1.00, 95% interval 0.44–1.00, thin evidence (customer 3 vs institution 0 in 6 words) · "
    )


def test_markdown_escapes_the_mark_and_sets_the_footnote_apart(analysis: Analysis) -> None:
    out = render_markdown(analysis)
    assert "| Ratio (95% interval)   |" in out
    assert "| 0.25 (0.10–0.49)       |" in out
    assert "| 0.67 (0.21–0.94)\\*     |" in out  # a literal asterisk, never emphasis
    assert "| —                      |" in out
    # A blank line first: a line right under a table would be one more row; "\*": no list item.
    assert f"|\n\n\\{NOTE}\n\n## Periods (by meeting)" in out
    assert f"|\n\n\\{PERIODS_NOTE}\n\n{analysis.trend.describe()}\n\n## Speakers (3)" in out  # type: ignore[union-attr]
    assert out.count("thin evidence") == 3


# --- Output that fits the terminal (issue 14 §4) -------------------------------------------------------------------

FULL_DOCUMENT_HEADER = (
    "Date        Source    Document                                              Words    customer    institution"
    "    customer/1k    institution/1k  Ratio (95% interval)      community    community/1k    partners    partners/1k"
)


def test_a_wide_enough_terminal_gets_exactly_the_full_table(examples_analysis: Analysis) -> None:
    full = render_table(examples_analysis)
    assert FULL_DOCUMENT_HEADER in full.splitlines()
    assert max(len(line) for line in full.splitlines()) == 275  # the sections table, widest
    assert render_table(examples_analysis, TerminalLook(width=275)) == full
    assert render_table(examples_analysis, TerminalLook(width=None, colour=False)) == full


def test_at_160_columns_only_the_per_1k_columns_go(examples_analysis: Analysis) -> None:
    out = render_table(examples_analysis, TerminalLook(width=160))
    lines = out.splitlines()
    assert "/1k" not in "\n".join(line for line in lines if not line.startswith("Fitted"))
    assert lines[2:6] == [
        "Fitted to the terminal: without the /1k columns (--wide shows the full table)",
        "Date        Source    Document                                              Words    customer    institution"
        "  Ratio (95% interval)      community    partners",
        "----------  --------  --------------------------------------------------  -------  ----------  -------------"
        "  ----------------------  -----------  ----------",
        "2024-01-16  filename  examples/minutes/2024-01-16-board-minutes.txt           632          15             42"
        "  0.26 (0.17–0.39)                  0           0",
    ]
    assert all(len(line) <= 160 for line in lines)


def test_at_120_columns_paths_are_relative_and_the_report_only_counts_go_last(examples_analysis: Analysis) -> None:
    out = render_table(examples_analysis, TerminalLook(width=120))
    lines = out.splitlines()
    assert all(len(line) <= 120 for line in lines)
    assert lines[0:9] == [
        "Documents (lexicon: library; ratio = customer / (customer + institution); community and partners reported"
        " apart, not in",
        "  the ratio)",
        "",
        "Fitted to the terminal: without the /1k columns; paths relative to examples/; without community, partners"
        " (--wide shows",
        "  the full table)",
        "Date        Source    Document                                     Words    customer    institution  Ratio (95%",
        "                                                                                                     interval)",
        "----------  --------  -----------------------------------------  -------  ----------  -------------"
        "  ----------------",
        "2024-01-16  filename  minutes/2024-01-16-board-minutes.txt           632          15             42"
        "  0.26 (0.17–0.39)",
    ]
    # A header wraps before a path: every row keeps one line.
    assert (
        "2024-10-03  filename  talks/2024-10-03-regional-conference.pptx      672          40             38"
        "  0.51 (0.40–0.62)"
    ) in lines
    # The periods table needs only the first step; its report-only counts stay.
    periods = lines.index("Periods (by meeting)")
    assert lines[periods + 2] == "Fitted to the terminal: without the /1k columns (--wide shows the full table)"
    assert lines[periods + 3] == (
        "Period        Docs    Words    customer    institution  Ratio (95% interval)      community    partners"
    )


def test_at_80_columns_paths_wrap_after_a_slash_and_numbers_stay_whole(examples_analysis: Analysis) -> None:
    full = render_table(examples_analysis)
    out = render_table(examples_analysis, TerminalLook(width=80))
    lines = out.splitlines()
    start = lines.index("Date        Source    Document                               Words    customer    institution"
                        "  Ratio (95%")  # fmt: skip
    assert lines[start + 1].strip() == "interval)"
    assert lines[start + 3 : start + 7] == [
        "2024-01-16  filename  minutes/                                 632          15             42  0.26 (0.17–0.39)",
        "                      2024-01-16-board-minutes.txt",
        "",
        "2024-03-19  filename  minutes/2024-03-19-board-minutes.md      632          16             45  0.26 (0.17–0.38)",
    ]
    # Every file name is whole, on one line; every ratio with its interval is as in the full table.
    for counts in examples_analysis.documents:
        name = counts.document.path.name
        assert any(re.search(rf"(^|\s|/){re.escape(name)}(\s|$)", line) for line in lines), name
    assert re.findall(r"\d\.\d\d \(\d\.\d\d–\d\.\d\d\)\*?", full) == re.findall(
        r"\d\.\d\d \(\d\.\d\d–\d\.\d\d\)\*?", out
    )
    # The tables without paths fit; those with paths are as narrow as whole file names allow.
    periods, speakers, sections = (
        lines.index(title) for title in ("Periods (by meeting)", "Speakers (4)", "Sections (126)")
    )
    assert max(len(line) for line in lines[periods:sections]) <= 80
    assert max(len(line) for line in lines[:periods]) == 111
    assert lines[sections + 6 : sections + 10] == [
        "-----------------------------------  ------------  -------  ----------  -------------  -----------------",
        "minutes/                             (before the        76           0              0  —",
        "2024-01-16-board-minutes.txt         first",
        "                                     heading)",
    ]
    assert lines[speakers + 2 : speakers + 6] == [
        "Fitted to the terminal: without the /1k columns; without community, partners",
        "  (--wide shows the full table)",
        "Speaker        Docs    Words    customer    institution  Ratio (95%",
        "                                                         interval)",
    ]
    assert lines[-3:] == [
        "Overall ratio 0.50, 95% interval 0.42–0.59 (customer 351 vs institution 347 in",
        "  7,818 words); not in the ratio: community 5, partners 0 · 14 documents read ·",
        "  2 skipped (2 of other types) · 2024-01-16 to 2025-11-18",
    ]


def test_the_undated_list_keeps_its_indent_when_it_wraps(board: Path) -> None:
    out = render_table(analysis_of(board), TerminalLook(width=40))
    lines = out.splitlines()
    undated = lines.index("Undated, left out of periods and trend:")
    assert lines[undated + 1].startswith("  ") and lines[undated + 1].strip().endswith("notes.txt")


def test_markdown_never_adapts(examples_analysis: Analysis) -> None:
    assert "customer/1k" in render_markdown(examples_analysis)
    assert "\x1b" not in render_markdown(examples_analysis)


def test_colour_marks_the_ratio_above_and_below_one_half(examples_analysis: Analysis) -> None:
    plain = render_table(examples_analysis)
    coloured = render_table(examples_analysis, TerminalLook(colour=True))
    assert coloured != plain
    assert strip_sgr(coloured) == plain  # the layout is the same: tabulate measures the cells without the colour
    assert "\x1b[33m0.26 (0.17–0.39)\x1b[39m" in coloured
    assert "\x1b[34m0.51 (0.40–0.62)\x1b[39m" in coloured
    assert "Overall ratio 0.50" in coloured  # only the table cells are coloured
    assert "\x1b" not in render_table(examples_analysis, TerminalLook(width=80))  # no colour unless asked


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("0.50 (0.28–0.72)", "0.50 (0.28–0.72)"),
        ("0.67 (0.21–0.94)*", "\x1b[34m0.67 (0.21–0.94)\x1b[39m*"),
        ("0.49 (0.34–0.64)", "\x1b[33m0.49 (0.34–0.64)\x1b[39m"),
        ("1.00*", "\x1b[34m1.00\x1b[39m*"),
        ("—", "—"),
    ],
)
def test_ratio_colour(cell: str, shown: str) -> None:
    assert ratio_colour(cell) == shown


def test_colour_and_narrow_together_keep_the_lines_within_the_width(examples_analysis: Analysis) -> None:
    out = render_table(examples_analysis, TerminalLook(width=120, colour=True))
    assert max(visible_width(line) for line in out.splitlines()) <= 120
    assert strip_sgr(out) == render_table(examples_analysis, TerminalLook(width=120))
