"""The once-per-run warning about metadata dates, and --no-metadata-dates (flag, setting, environment)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from focuscount.cli import cli

WARNING = (
    "focuscount: warning: {} dated only by {} file metadata (unreliable: template, export or conversion dates); "
    "{} or a --dates CSV, or pass --no-metadata-dates\n"
)
TWO = WARNING.format("2 documents are", "their", "date them in their file names")
ONE = WARNING.format("1 document is", "its", "date it in its file name")


def word_file(path: Path, text: str, modified: dt.datetime) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    document.core_properties.created = dt.datetime(2013, 12, 23, 23, 15)  # python-docx's template date
    document.core_properties.modified = modified
    document.save(str(path))
    return path


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    word_file(docs / "minutes.docx", "The board thanked our patrons.", dt.datetime(2024, 3, 14, 16, 2))
    word_file(docs / "notes.docx", "Customers asked the library for longer hours.", dt.datetime(2024, 5, 2, 9, 0))
    word_file(docs / "2024-06-11 minutes.docx", "The library budget was approved.", dt.datetime(2024, 7, 1, 9, 0))
    (docs / "agenda.md").write_text("# Board meeting, 9 April 2024\n\nPatrons and users.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FOCUSCOUNT_METADATA_DATES", raising=False)
    return tmp_path


def sources(output: str) -> dict[str, tuple[str | None, str | None]]:
    return {Path(d["path"]).name: (d["date"], d["date_source"]) for d in json.loads(output)["documents"]}


DATED = {
    "2024-06-11 minutes.docx": ("2024-06-11", "filename"),
    "agenda.md": ("2024-04-09", "text"),
    "minutes.docx": ("2024-03-14", "metadata (unreliable)"),
    "notes.docx": ("2024-05-02", "metadata (unreliable)"),
}
UNDATED = {**DATED, "minutes.docx": (None, None), "notes.docx": (None, None)}


def test_one_warning_with_the_count(corpus: Path) -> None:
    result = CliRunner().invoke(cli, ["analyze", "docs", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == TWO
    assert sources(result.stdout) == DATED


def test_one_document_is_named_in_the_singular(corpus: Path) -> None:
    (corpus / "docs" / "notes.docx").unlink()
    result = CliRunner().invoke(cli, ["analyze", "docs"])
    assert (result.exit_code, result.stderr) == (0, ONE)
    assert "metadata (unreliable)" in result.stdout


def test_no_metadata_dates_leaves_them_undated_without_a_warning(corpus: Path) -> None:
    result = CliRunner().invoke(cli, ["analyze", "docs", "-f", "json", "--no-metadata-dates"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert sources(result.stdout) == UNDATED


def test_the_setting_turns_them_off_and_the_flag_back_on(corpus: Path) -> None:
    (corpus / "focuscount.toml").write_text("metadata_dates = false\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", "docs", "-f", "json"])
    assert (result.exit_code, result.stderr, sources(result.stdout)) == (0, "", UNDATED)
    result = CliRunner().invoke(cli, ["analyze", "docs", "-f", "json", "--metadata-dates"])
    assert (result.exit_code, result.stderr, sources(result.stdout)) == (0, TWO, DATED)


def test_the_environment_turns_them_off(corpus: Path) -> None:
    result = CliRunner().invoke(cli, ["analyze", "docs", "-f", "json"], env={"FOCUSCOUNT_METADATA_DATES": "no"})
    assert (result.exit_code, result.stderr, sources(result.stdout)) == (0, "", UNDATED)


def test_a_setting_that_is_not_a_boolean_names_the_file_and_line(corpus: Path) -> None:
    (corpus / "focuscount.toml").write_text('by = "month"\nmetadata_dates = "no"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", "docs"])
    assert (result.exit_code, result.stderr) == (
        2, f"Error: {corpus / 'focuscount.toml'}:2: 'metadata_dates' must be true or false, not 'no'\n",
    )  # fmt: skip


def test_an_environment_value_that_is_not_a_boolean_is_refused(corpus: Path) -> None:
    result = CliRunner().invoke(cli, ["analyze", "docs"], env={"FOCUSCOUNT_METADATA_DATES": "maybe"})
    assert (result.exit_code, result.stderr) == (
        2, "Error: FOCUSCOUNT_METADATA_DATES must be true or false, not 'maybe'\n",
    )  # fmt: skip


def test_report_and_chart_commands_warn_once_too(corpus: Path) -> None:
    result = CliRunner().invoke(cli, ["report", "docs", "-o", "report.html"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("dated only by their file metadata") == 1
