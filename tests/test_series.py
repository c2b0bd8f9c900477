"""Several series side by side (``--series``): the rules, the library's split, and analyze's outputs.

The fixture tests/fixtures/series/ holds two committees of one library: the Board's
minutes (one a year deeper, in board/2025/) and the Friends' (one of them a .docx),
each file name starting with its committee.  Made by
tests/fixtures/make_series_fixtures.py.
"""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import EXAMPLES, FIXTURES, REPO
from jsonschema import Draft202012Validator

from focuscount.analysis import analyze
from focuscount.cli import cli
from focuscount.errors import ConfigError
from focuscount.options import DEFAULT_READ
from focuscount.series import NO_PREFIX, OTHER, SeriesRule, folder_names, pattern_name, prefix_name

SERIES = FIXTURES / "series"
BOARD = ("board/board-2024-02-13.txt", "board/board-2024-06-11.txt", "board/2025/board-2025-01-14.md",
         "board/2025/board-2025-06-10.txt")  # fmt: skip
FRIENDS = ("friends/friends-2024-03-05.txt", "friends/friends-2024-09-10.md", "friends/friends-2025-02-04.docx",
           "friends/friends-2025-06-03.txt")  # fmt: skip


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(arg) for arg in args])
    return result.exit_code, result.stdout, result.stderr


# --- the rules ---------------------------------------------------------------------------------------------------


def test_folder_and_prefix_are_names_and_anything_else_a_pattern() -> None:
    assert SeriesRule.parse("folder").kind == "folder"
    assert SeriesRule.parse("prefix").kind == "prefix"
    rule = SeriesRule.parse(r"(\d{4})")
    assert rule.kind == "pattern" and rule.pattern is not None and rule.pattern.pattern == r"(\d{4})"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("(", "`series` is not a valid regular expression (missing ), unterminated subpattern at position 0): '('"),
        ("  ", "`series` must be folder, prefix or a regular expression, not ''"),
    ],
)
def test_a_broken_rule_is_an_error_naming_the_parameter(text: str, message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        SeriesRule.parse(text)
    assert raised.value.message == message
    assert raised.value.parameters == ("series",)


def test_folder_names_take_the_first_folder_under_the_shared_one() -> None:
    paths = [Path("archive/board/2024/a.txt"), Path("archive/board/b.txt"), Path("archive/friends/c.pdf")]
    assert folder_names(paths) == ["board", "board", "friends"]


def test_a_file_directly_in_the_shared_folder_takes_its_name() -> None:
    paths = [Path("archive/minutes/a.txt"), Path("archive/minutes/b.txt")]
    assert folder_names(paths) == ["minutes", "minutes"]
    assert folder_names([Path("archive/notes.txt"), Path("archive/board/a.txt")]) == ["archive", "board"]
    assert folder_names([]) == []


def test_relative_and_absolute_paths_mix(tmp_path: Path) -> None:
    inside = tmp_path / "friends" / "a.txt"
    relative = Path(os.path.relpath(tmp_path / "board" / "b.txt"))
    assert folder_names([inside, relative]) == ["friends", "board"]


@pytest.mark.parametrize(
    ("name", "prefix"),
    [
        ("board-2024-03-12.docx", "board"),
        ("2024-03-12 board.md", "board"),
        ("friends_of_the_library-2024.pdf", "friends_of_the_library"),
        ("Finance Committee 12 March 2024.txt", "Finance Committee"),
        ("talk.v2.pptx", "talk"),
        ("2024-03-12.txt", NO_PREFIX),
        ("-", NO_PREFIX),
    ],
)
def test_prefix_is_the_name_before_its_digits(name: str, prefix: str) -> None:
    assert prefix_name(Path("minutes") / name) == prefix


def test_pattern_names_by_its_series_group_first_group_or_match() -> None:
    path = Path("archive/alderbrook/board/2024-03-12.txt")
    # The first match found decides: here the year, whose match leaves the series group empty.
    assert pattern_name(SeriesRule.parse(r"(?P<year>\d{4})|(?P<series>board)").pattern, Path("2024/board.txt")) == OTHER
    assert pattern_name(SeriesRule.parse(r"/(?P<series>board|friends)/").pattern, path) == "board"
    assert pattern_name(SeriesRule.parse(r"archive/(\w+)/").pattern, path) == "alderbrook"
    assert pattern_name(SeriesRule.parse(r"\d{4}").pattern, path) == "2024"
    assert pattern_name(SeriesRule.parse(r"friends").pattern, path) == OTHER
    assert pattern_name(SeriesRule.parse(r"board(-x)?").pattern, path) == OTHER  # its first group matched nothing


def test_a_pattern_sees_forward_slashes() -> None:
    assert pattern_name(SeriesRule.parse(r"^minutes/(\w+)/").pattern, Path("minutes") / "board" / "a.txt") == "board"


# --- the split ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("rule", ["folder", "prefix", r"(?P<series>board|friends)-\d{4}"])
def test_two_committees_each_with_its_own_periods_trend_and_interval(rule: str) -> None:
    analysis = analyze([SERIES], series=rule)
    assert analysis.series_rule == rule
    assert [series.name for series in analysis.series] == ["board", "friends"]
    board, friends = analysis.series
    assert sorted(str(c.document.path.relative_to(SERIES)) for c in board.documents) == sorted(BOARD)
    assert sorted(str(c.document.path.relative_to(SERIES)) for c in friends.documents) == sorted(FRIENDS)
    assert (len(board.documents), board.dated, board.words) == (4, 4, 429)
    assert (len(friends.documents), friends.dated, friends.words) == (4, 4, 387)
    assert (board.counts["customer"], board.counts["institution"]) == (23, 45)
    assert (friends.counts["customer"], friends.counts["institution"]) == (38, 13)
    assert round(board.ratio or 0, 4) == round(23 / 68, 4)
    assert round(friends.ratio or 0, 4) == round(38 / 51, 4)
    assert [p.label for p in board.periods] == ["2024-02-13", "2024-06-11", "2025-01-14", "2025-06-10"]
    assert [p.label for p in friends.periods] == ["2024-03-05", "2024-09-10", "2025-02-04", "2025-06-03"]
    assert [(p.counts["customer"], p.counts["institution"]) for p in board.periods] == [
        (1, 20),
        (4, 11),
        (9, 6),
        (9, 8),
    ]
    assert [(p.counts["customer"], p.counts["institution"]) for p in friends.periods] == [
        (12, 1), (9, 5), (10, 1), (7, 6)
    ]  # fmt: skip
    assert board.trend is not None and friends.trend is not None
    assert (board.trend.periods, friends.trend.periods) == (4, 4)
    assert round(board.trend.change_per_year, 3) == 0.414
    assert round(friends.trend.change_per_year, 3) == -0.225
    assert board.interval is not None and friends.interval is not None
    assert (round(board.interval.low, 2), round(board.interval.high, 2)) == (0.14, 0.61)
    assert (round(friends.interval.low, 2), round(friends.interval.high, 2)) == (0.53, 0.88)
    # The whole set keeps its own periods and trend.
    assert len(analysis.periods) == 8 and analysis.trend is not None and analysis.trend.periods == 8
    assert {c.series for c in analysis.documents} == {"board", "friends"}


def test_a_series_trend_is_the_trend_of_its_documents_alone() -> None:
    both = analyze([SERIES], series="folder")
    alone = analyze([SERIES / "friends"])
    friends = both.series[1]
    assert alone.trend is not None and friends.trend is not None
    assert friends.trend == alone.trend
    assert friends.periods == alone.periods
    assert friends.interval == alone.interval


def test_documents_the_pattern_misses_are_the_other_series_last() -> None:
    analysis = analyze([SERIES, EXAMPLES / "talks"], series="(board|friends)")
    assert [(s.name, len(s.documents)) for s in analysis.series] == [("board", 4), ("friends", 4), (OTHER, 2)]
    assert analysis.series[2].trend is None
    assert analysis.series[2].no_trend_reason == "Not enough periods for a trend (2 with enough evidence; 3 needed)."


def test_without_a_rule_there_are_no_series() -> None:
    analysis = analyze([SERIES])
    assert analysis.series == () and analysis.series_rule is None
    assert {c.series for c in analysis.documents} == {None}


def test_undated_documents_count_in_their_series_but_make_no_period(tmp_path: Path) -> None:
    (tmp_path / "board").mkdir()
    (tmp_path / "board" / "notes.txt").write_text("Patrons and customers asked; the library budget.", "utf-8")
    (tmp_path / "board" / "board-2024-02-13.txt").write_bytes((SERIES / BOARD[0]).read_bytes())
    analysis = analyze([tmp_path], series="folder", options=replace(DEFAULT_READ, metadata_dates=False))
    (board,) = analysis.series
    assert (len(board.documents), board.dated, len(board.periods)) == (2, 1, 1)
    assert board.counts["customer"] == 1 + 2


# --- analyze's outputs -------------------------------------------------------------------------------------------


def test_the_table_compares_the_series_and_gives_each_trend() -> None:
    code, out, err = run("analyze", SERIES, "--series", "folder", "--no-cache")
    assert (code, err) == (0, "")
    assert "Series (by folder; each with its own periods and trend)" in out
    assert "Periods (by meeting, per series)" in out
    table = out.split("Series (by folder; each with its own periods and trend)")[1].split("Periods (by")[0]
    rows = {line.split()[0]: line.split() for line in table.splitlines() if line.startswith(("board ", "friends "))}
    assert rows["board"][:6] == ["board", "4", "4", "429", "23", "45"]
    assert rows["friends"][:6] == ["friends", "4", "4", "387", "38", "13"]
    assert rows["board"][-4:] == ["+0.414", "no", "clear", "change"]
    assert (
        "Trend (board): +0.414 per year (95% interval -1.279 to +2.106), no clear change, over 4 periods "
        "(4 documents), 2024-02-13 to 2025-06-10" in out
    )
    assert (
        "Trend (friends): -0.225 per year (95% interval -1.348 to +0.898), no clear change, over 4 periods "
        "(4 documents), 2024-03-05 to 2025-06-03" in out
    )
    assert "Trend (all documents): +0.215 per year" in out
    assert (
        sum(1 for line in out.splitlines() if line.startswith("board     2024-") or line.startswith("board     2025-"))
        == 4
    )


def test_a_series_without_a_trend_says_why() -> None:
    code, out, _ = run("analyze", EXAMPLES, "--series", "folder", "--no-cache")
    assert code == 0
    assert "Trend (talks): none. Not enough periods for a trend (2 with enough evidence; 3 needed)." in out
    assert "Trend (minutes): +0.254 per year (95% interval +0.197 to +0.312), rising" in out


def test_markdown_has_the_series_table() -> None:
    code, out, _ = run("analyze", SERIES, "--series", "prefix", "-f", "markdown", "--no-cache")
    assert code == 0
    assert "## Series (by prefix; each with its own periods and trend)" in out
    assert "| board    |      4 |       4 |     429 |" in out


def test_json_carries_each_series_and_each_documents_series() -> None:
    code, out, _ = run("analyze", SERIES, "--series", "folder", "-f", "json", "--no-cache")
    assert code == 0
    data = json.loads(out)
    schema = json.loads((REPO / "docs" / "schemas" / "analyze.schema.json").read_text("utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(data)) == []
    assert data["series"]["rule"] == "folder"
    board, friends = data["series"]["series"]
    assert (board["name"], board["documents"], board["dated"], board["words"]) == ("board", 4, 4, 429)
    assert (board["counts"]["customer"], board["counts"]["institution"], board["ratio"]) == (23, 45, 0.3382)
    assert board["trend"]["change_per_year"] == 0.4135 and board["trend_note"] is None
    assert [p["label"] for p in friends["periods"]] == ["2024-03-05", "2024-09-10", "2025-02-04", "2025-06-03"]
    assert friends["ratio"] == 0.7451
    assert {d["series"] for d in data["documents"]} == {"board", "friends"}
    assert len(data["periods"]) == 8  # the whole set's periods are kept


def test_json_without_series_says_null() -> None:
    _, out, _ = run("analyze", SERIES, "-f", "json", "--no-cache")
    data = json.loads(out)
    assert data["series"] is None
    assert {d["series"] for d in data["documents"]} == {None}


def test_csv_names_each_rows_series_and_adds_series_rows() -> None:
    code, out, _ = run("analyze", SERIES, "--series", "folder", "-f", "csv", "--no-cache")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0])[-1] == "series"
    kinds = [(row["row"], row["series"]) for row in rows]
    assert kinds.count(("document", "board")) == 4 and kinds.count(("document", "friends")) == 4
    assert kinds.count(("period", "")) == 8
    assert kinds.count(("series_period", "board")) == 4 and kinds.count(("series_period", "friends")) == 4
    totals = {row["label"]: row for row in rows if row["row"] == "series"}
    assert (totals["board"]["documents"], totals["board"]["customer"], totals["board"]["institution"]) == (
        "4", "23", "45"
    )  # fmt: skip
    assert totals["friends"]["ratio"] == "0.7451"


def test_csv_without_series_has_no_series_column() -> None:
    _, out, _ = run("analyze", SERIES, "-f", "csv", "--no-cache")
    assert "series" not in out.splitlines()[0].split(",")


def test_the_setting_splits_too_and_the_option_wins(tmp_path: Path) -> None:
    settings = tmp_path / "focuscount.toml"
    settings.write_text('series = "(board|friends)"\n', "utf-8")
    _, out, _ = run("analyze", SERIES, "--config", settings, "-f", "json", "--no-cache")
    assert json.loads(out)["series"]["rule"] == "(board|friends)"
    _, out, _ = run("analyze", SERIES, "--config", settings, "--series", "folder", "-f", "json", "--no-cache")
    assert json.loads(out)["series"]["rule"] == "folder"


def test_a_broken_pattern_is_a_usage_error_before_any_reading(tmp_path: Path) -> None:
    code, out, err = run("analyze", SERIES, "--series", "(", "--no-cache")
    assert (code, out) == (2, "")
    assert (
        err
        == "Error: --series is not a valid regular expression (missing ), unterminated subpattern at position 0): '('\n"
    )


def test_a_broken_pattern_in_the_settings_names_the_file_and_line(tmp_path: Path) -> None:
    settings = tmp_path / "focuscount.toml"
    settings.write_text('by = "quarter"\nseries = "[a-"\n', "utf-8")
    code, _, err = run("analyze", SERIES, "--config", settings)
    assert code == 2
    assert err == (
        f"Error: {settings}:2: 'series' is not a valid regular expression "
        "(unterminated character set at position 0): '[a-'\n"
    )
    settings.write_text("series = 3\n", "utf-8")
    code, _, err = run("analyze", SERIES, "--config", settings)
    assert (code, err) == (2, f"Error: {settings}:1: 'series' must be folder, prefix or a regular expression, not 3\n")


def test_the_variable_splits_and_a_broken_one_names_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOCUSCOUNT_SERIES", "prefix")
    _, out, _ = run("analyze", SERIES, "-f", "json", "--no-cache")
    assert json.loads(out)["series"]["rule"] == "prefix"
    monkeypatch.setenv("FOCUSCOUNT_SERIES", "(")
    code, _, err = run("analyze", SERIES, "--no-cache")
    assert (code, err) == (
        2, "Error: FOCUSCOUNT_SERIES is not a valid regular expression (missing ), unterminated subpattern at "
        "position 0): '('\n",
    )  # fmt: skip
