"""``--min-hits`` and ``--include-thin``: thin evidence and the trend, from options, settings and variables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import focuscount
from focuscount.cli import cli

# Four meetings: the third rests on 3 hits.
MEETINGS = {
    "2024-01-16-board.txt": "Patrons and users asked for hours. " * 3 + "The library staff and the budget. " * 3,
    "2024-02-20-board.txt": "Patrons asked. " * 6 + "The library budget. " * 3,
    "2024-03-19-board.txt": "Patrons asked. The library budget.",
    "2024-04-16-board.txt": "Patrons and users asked for hours. " * 5 + "The library. " * 2,
}


@pytest.fixture
def minutes(tmp_path: Path) -> Path:
    folder = tmp_path / "minutes"
    folder.mkdir()
    for name, text in MEETINGS.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    return folder


def analyze_json(*args: str, env: dict[str, str] | None = None) -> dict:
    result = CliRunner().invoke(cli, ["analyze", *args, "-f", "json"], env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_library_marks_thin_documents_and_periods(minutes: Path) -> None:
    result = focuscount.analyze([minutes])
    assert [(c.document.path.name, sum(c.counts.values()), c.thin) for c in result.documents] == [
        ("2024-01-16-board.txt", 15, False),
        ("2024-02-20-board.txt", 12, False),
        ("2024-03-19-board.txt", 3, True),
        ("2024-04-16-board.txt", 12, False),
    ]
    assert [p.thin for p in result.periods] == [False, False, True, False]
    assert result.trend is not None and result.trend.periods == 3
    assert [c.document.path.name for c in result.thin_documents] == ["2024-03-19-board.txt"]
    assert focuscount.analyze([minutes], include_thin=True).trend.periods == 4
    high = focuscount.analyze([minutes], min_hits=13)
    assert high.trend is None
    assert high.no_trend_reason == (
        "Not enough periods for a trend (1 with enough evidence; 3 needed; 3 thin left out, which --include-thin counts)."
    )


def test_options_settings_and_variables(minutes: Path, tmp_path: Path) -> None:
    assert analyze_json(str(minutes))["trend"]["periods"] == 3
    assert analyze_json(str(minutes), "--include-thin")["trend"]["periods"] == 4
    assert analyze_json(str(minutes), "--min-hits", "13")["trend"] is None
    assert analyze_json(str(minutes), env={"FOCUSCOUNT_MIN_HITS": "13"})["trend"] is None
    assert analyze_json(str(minutes), env={"FOCUSCOUNT_INCLUDE_THIN": "1"})["trend"]["periods"] == 4
    settings = tmp_path / "focuscount.toml"
    settings.write_text("min_hits = 2\ninclude_thin = false\n", encoding="utf-8")
    assert analyze_json(str(minutes), "--config", str(settings))["trend"]["periods"] == 4


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["--min-hits", "-1"], None, "--min-hits"),
        (["--min-hits", "2.5"], None, "--min-hits"),
        ([], {"FOCUSCOUNT_MIN_HITS": "many"}, "FOCUSCOUNT_MIN_HITS must be a number, not 'many'"),
        ([], {"FOCUSCOUNT_INCLUDE_THIN": "maybe"}, "FOCUSCOUNT_INCLUDE_THIN must be true or false, not 'maybe'"),
    ],
)
def test_bad_values_exit_2_and_say_why(minutes: Path, args: list[str], env: dict[str, str] | None, message: str) -> None:
    result = CliRunner().invoke(cli, ["analyze", str(minutes), *args], env=env)
    assert result.exit_code == 2
    assert message in result.output


def test_a_bad_setting_names_the_file_and_line(minutes: Path, tmp_path: Path) -> None:
    settings = tmp_path / "focuscount.toml"
    settings.write_text('lexicon = "library"\nmin_hits = "ten"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(minutes), "--config", str(settings)])
    assert result.exit_code == 2
    assert "focuscount.toml:2: 'min_hits' must be a whole number, 0 or more, not 'ten'" in result.output
