"""--quiet, --wide, colour and NO_COLOR on the command line: warnings go, errors stay; terminals get fitted tables."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import EXAMPLES, FIXTURES

from focuscount import terminal
from focuscount.cli import cli

MEETING = EXAMPLES / "minutes" / "2025-01-21-board-minutes.txt"
BROKEN = FIXTURES / "corrupt.docx"


def run(*args: str | Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    environment = {"NO_COLOR": None, "TERM": "xterm", "COLUMNS": None, **(env or {})}
    result = CliRunner().invoke(cli, [str(arg) for arg in args], env=environment, color=True)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard output and standard error are terminals (the runner's streams are not)."""
    monkeypatch.setattr(terminal, "is_terminal", lambda stream: True)


def test_without_quiet_the_warning_and_the_error_are_shown(tmp_path: Path) -> None:
    code, out, err = run("analyze", BROKEN, MEETING, tmp_path / "missing.txt", "--no-cache")
    assert code == 2
    assert f"focuscount: warning: {BROKEN}: skipped: " in err
    assert f"focuscount: error: {tmp_path / 'missing.txt'}: no such file or directory" in err.splitlines()
    assert "2025-01-21-board-minutes.txt" in out


@pytest.mark.parametrize("where", ["group", "command"])
def test_quiet_silences_warnings_but_keeps_errors_and_the_output(tmp_path: Path, where: str) -> None:
    arguments = ["analyze", BROKEN, MEETING, tmp_path / "missing.txt", "--no-cache"]
    _, loud, _ = run(*arguments)
    quiet = ["-q", *arguments] if where == "group" else [*arguments, "--quiet"]
    code, out, err = run(*quiet)
    assert code == 2
    assert err.splitlines() == [f"focuscount: error: {tmp_path / 'missing.txt'}: no such file or directory"]
    assert out == loud  # the unreadable file is still listed in the output


def test_quiet_keeps_a_usage_error() -> None:
    code, _, err = run("-q", "analyze", MEETING, "--by", "decade")
    assert code == 2 and "Invalid value for '--by'" in err


def test_a_pipe_gets_the_full_table_whatever_columns_says() -> None:
    code, out, _ = run("analyze", MEETING, "--no-cache", env={"COLUMNS": "60"})
    assert code == 0
    assert "customer/1k" in out and "Fitted to the terminal" not in out
    assert "\x1b" not in out


def test_a_terminal_gets_a_fitted_coloured_table_and_wide_the_full_one(monkeypatch: pytest.MonkeyPatch) -> None:
    _, piped, _ = run("analyze", MEETING, "--no-cache", env={"COLUMNS": "100"})
    monkeypatch.setattr(terminal, "is_terminal", lambda stream: True)
    _, fitted, _ = run("analyze", MEETING, "--no-cache", env={"COLUMNS": "110"})
    assert "Fitted to the terminal: without the /1k columns" in fitted
    assert max(len(terminal.strip_sgr(line)) for line in fitted.splitlines()) <= 110
    assert "\x1b[34m0.58 (0.42–0.72)\x1b[39m" in fitted  # above one half: blue
    _, wide, _ = run("analyze", MEETING, "--no-cache", "--wide", env={"COLUMNS": "100"})
    assert "\x1b[34m0.58 (0.42–0.72)\x1b[39m" in wide  # --wide keeps the colour
    assert terminal.strip_sgr(wide) == piped  # and gives the full table, as a pipe gets it


def test_no_color_leaves_tables_and_warnings_plain(on_a_terminal: None) -> None:
    code, out, err = run("analyze", BROKEN, MEETING, "--no-cache", "--wide", env={"NO_COLOR": "1"})
    assert code == 0
    assert "\x1b" not in out and "\x1b" not in err
    assert "focuscount: warning:" in err


def test_warnings_are_yellow_and_errors_red_on_a_terminal(on_a_terminal: None, tmp_path: Path) -> None:
    _, _, err = run("analyze", BROKEN, MEETING, tmp_path / "missing.txt", "--no-cache")
    assert f"\x1b[33mfocuscount: warning:\x1b[39m {BROKEN}: skipped: " in err
    assert f"\x1b[31mfocuscount: error:\x1b[39m {tmp_path / 'missing.txt'}: no such file or directory" in err
    _, _, dumb = run("analyze", BROKEN, MEETING, "--no-cache", env={"TERM": "dumb"})
    assert "\x1b" not in dumb and "focuscount: warning:" in dumb


def test_a_file_gets_the_full_table_even_from_a_terminal(on_a_terminal: None, tmp_path: Path) -> None:
    target = tmp_path / "table.txt"
    code, _, _ = run("analyze", MEETING, "--no-cache", "-o", target, env={"COLUMNS": "60"})
    assert code == 0
    written = target.read_text(encoding="utf-8")
    assert "customer/1k" in written and "Fitted" not in written and "\x1b" not in written


def test_explain_fits_the_terminal_and_wide_gives_every_column(on_a_terminal: None) -> None:
    _, fitted, _ = run("explain", MEETING, "--no-cache", env={"COLUMNS": "80", "NO_COLOR": "1"})
    lines = fitted.splitlines()
    assert lines[0] == "Fitted to the terminal: every hit is in"
    assert "Location            Category     Term          In context" in lines
    assert all(len(terminal.strip_sgr(line)) <= 80 for line in lines)
    assert "line 15             customer     patron        1. [[Patron]] Voice" in lines
    _, wide, _ = run("explain", MEETING, "--no-cache", "--wide", env={"COLUMNS": "80"})
    assert wide.splitlines()[0].startswith("Document ")
    assert f"{MEETING}  line 15" in wide


def test_explain_in_a_pipe_is_the_full_table() -> None:
    _, out, _ = run("explain", MEETING, "--no-cache", env={"COLUMNS": "80"})
    assert out.splitlines()[0].startswith("Document ") and "[[Patron]]" in out
