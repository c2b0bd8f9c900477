"""Every command takes its settings from focuscount.toml, the environment and the command line."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import ISSUE_LEXICON

from focuscount.cli import cli


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    docs = tmp_path / "docs"
    (docs / "drafts").mkdir(parents=True)
    (docs / "2024-01-16-board.md").write_text("Patrons and users.\n", encoding="utf-8")
    (docs / "2024-04-16-board.md").write_text("The library and its resources.\n", encoding="utf-8")
    (docs / "drafts" / "2024-05-01-idea.md").write_text("Customers!\n", encoding="utf-8")
    (tmp_path / "lexicons").mkdir()
    (tmp_path / "lexicons" / "ours.toml").write_text(textwrap.dedent(ISSUE_LEXICON), encoding="utf-8")
    (tmp_path / "focuscount.toml").write_text(
        'paths = ["docs"]\nexclude = ["drafts/*"]\nlexicon = "lexicons/ours.toml"\nby = "quarter"\n', encoding="utf-8"
    )
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")  # the settings are found upward
    for name in ("FOCUSCOUNT_BY", "FOCUSCOUNT_PATHS", "FOCUSCOUNT_LEXICON", "FOCUSCOUNT_EXCLUDE"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def analyze_json(*args: str) -> dict:
    result = CliRunner().invoke(cli, ["analyze", "-f", "json", *args])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_analyze_takes_paths_exclude_lexicon_and_by_from_the_settings(project: Path) -> None:
    data = analyze_json()
    assert [Path(d["path"]).name for d in data["documents"]] == ["2024-01-16-board.md", "2024-04-16-board.md"]
    assert data["by"] == "quarter"
    assert [p["label"] for p in data["periods"]] == ["2024-Q1", "2024-Q2"]
    assert data["lexicon"]["path"] == str(project / "lexicons" / "ours.toml")


def test_environment_and_options_win(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOCUSCOUNT_BY", "year")
    assert analyze_json()["by"] == "year"
    assert analyze_json("--by", "month")["by"] == "month"
    monkeypatch.setenv("FOCUSCOUNT_EXCLUDE", "nothing")
    assert len(analyze_json()["documents"]) == 3


def test_explicit_config_file(project: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.toml"
    other.write_text(f'paths = ["{project / "docs" / "drafts"}"]\n', encoding="utf-8")
    data = analyze_json("--config", str(other))
    assert [Path(d["path"]).name for d in data["documents"]] == ["2024-05-01-idea.md"]
    assert data["lexicon"]["name"] == "library"


def test_explain_and_terms_use_the_settings_too(project: Path) -> None:
    result = CliRunner().invoke(cli, ["terms", "-f", "csv"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1:] == [
        "customer,true,patron,1,0.5",  # in_ratio: both categories are the ratio's
        "customer,true,user,1,0.5",
        "institution,true,library,1,0.5",
        "institution,true,resource,1,0.5",
    ]
    result = CliRunner().invoke(cli, ["explain", "-f", "csv", "-t", "patron"])
    assert result.stdout.count("\n") == 2


def test_bad_settings_file_exits_2(project: Path) -> None:
    (project / "focuscount.toml").write_text('paths = ["docs"]\nlexicon = 3\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze"])
    assert result.exit_code == 2
    assert f"Error: {project / 'focuscount.toml'}:2: 'lexicon' must be a non-empty string, not 3" in result.stderr
