"""--debug and FOCUSCOUNT_DEBUG: the cause of an error or a skipped file, with its traceback; library parameter
names shown as the CLI's flags; library warnings kept off stderr otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import REPO

import focuscount.readers.text as text_reader
from focuscount.cli import PARAMETER_FLAGS, cli, in_cli_terms
from focuscount.errors import ConfigError

MINUTES = REPO / "examples" / "minutes" / "2024-03-19-board-minutes.md"
TRUNCATED_PDF = REPO / "tests" / "fixtures" / "bad" / "held_truncated.pdf"
INTERNAL = "internal error while reading this file (please report it, with --debug output): AttributeError: "


def run(*args: str | Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner(env={"FOCUSCOUNT_DEBUG": "", **(env or {})}).invoke(cli, [str(arg) for arg in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def buggy_text_reader(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A .txt reader with a bug of focuscount's own, and a folder holding one .txt file."""

    def read(path: Path, limits: object) -> object:
        words: str | None = None
        return words.split()  # type: ignore[union-attr]

    monkeypatch.setattr(text_reader, "read", read)
    (tmp_path / "2024-02-01-minutes.txt").write_text("Patrons asked for longer hours.\n", encoding="utf-8")
    return tmp_path


def test_an_internal_error_is_reported_as_ours_not_as_a_bad_file(buggy_text_reader: Path) -> None:
    code, _, err = run("analyze", buggy_text_reader, MINUTES)
    assert code == 0
    skipped = buggy_text_reader / "2024-02-01-minutes.txt"
    assert f"focuscount: warning: {skipped}: skipped: {INTERNAL}'NoneType' object has no attribute 'split'" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("how", [("--debug",), ()], ids=["--debug", "FOCUSCOUNT_DEBUG=1"])
def test_debug_shows_the_cause_with_its_traceback(buggy_text_reader: Path, how: tuple[str, ...]) -> None:
    env = {} if how else {"FOCUSCOUNT_DEBUG": "1"}
    code, _, err = run(*how, "analyze", buggy_text_reader, MINUTES, env=env)
    assert code == 0
    lines = err.splitlines()
    warning = next(index for index, line in enumerate(lines) if INTERNAL in line)
    assert lines[warning + 1] == "Traceback (most recent call last):"
    assert lines[warning + 1 :].count("AttributeError: 'NoneType' object has no attribute 'split'") == 1
    assert any("return words.split()" in line for line in lines)  # the line of the bug itself


def test_debug_shows_the_traceback_behind_an_error() -> None:
    code, _, err = run("--debug", "analyze", REPO / "tests" / "no-such-folder")
    assert code == 2
    assert "Traceback (most recent call last):" in err
    assert "focuscount.errors.NoDocumentsError: no readable document (1 not found)" in err
    assert err.splitlines()[-1].startswith("Error: no readable document (1 not found)")


def test_without_debug_an_error_is_one_line() -> None:
    code, _, err = run("analyze", REPO / "tests" / "no-such-folder")
    assert code == 2
    assert err.splitlines() == [
        f"focuscount: error: {REPO / 'tests' / 'no-such-folder'}: no such file or directory",
        err.splitlines()[-1],
    ]
    assert err.splitlines()[-1].startswith("Error: no readable document (1 not found)")


def test_library_warnings_stay_off_stderr_unless_debugging() -> None:
    """pdfminer warns three times about this damaged PDF: the user sees one line for the file, not those."""
    code, _, err = run("analyze", TRUNCATED_PDF, MINUTES)
    assert code == 0
    assert err.splitlines() == [f"focuscount: warning: {TRUNCATED_PDF}: skipped: " + err.split(": skipped: ")[1].strip()]
    _, _, debugged = run("--debug", "analyze", TRUNCATED_PDF, MINUTES)
    pdfminer = [line for line in debugged.splitlines() if line.startswith("focuscount: debug: pdfminer")]
    assert len(pdfminer) == 3


def test_a_library_parameter_is_shown_as_the_flag_that_sets_it(tmp_path: Path) -> None:
    code, _, err = run("explain", MINUTES, "-c", "patrons")
    assert code == 2
    assert err.splitlines()[-1].startswith("Error: unknown category 'patrons' in --category; lexicon 'library' has ")
    code, _, err = run("explain", MINUTES, "-t", "clients")
    assert code == 2
    assert err.splitlines()[-1] == (
        "Error: 'clients' in --term is not a term of lexicon 'library' (give it as written in the lexicon)"
    )


def test_a_rule_without_a_baseline_names_the_flags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "focuscount.toml").write_text("[check.no_regression]\ntolerance = 0.05\n", encoding="utf-8")
    (tmp_path / "2024-02-01-minutes.txt").write_text("Patrons asked the library for hours.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = run("check", ".")
    assert code == 2
    assert err.splitlines()[-1] == (
        f"Error: {tmp_path / 'focuscount.toml'}: rule no_regression needs a baseline: --baseline (a report saved "
        "by analyze as JSON), --baseline-ref (a git revision), or 'baseline' / 'baseline_ref' in the rule"
    )


def test_the_library_message_names_the_parameter() -> None:
    from focuscount.check import check_run

    with pytest.raises(ConfigError) as raised:
        check_run([MINUTES], rules=[__import__("focuscount").Rule("no_regression", thresholds={"tolerance": 0.1})])
    assert "`baseline` (a report saved by analyze as JSON), `baseline_ref` (a git revision)" in str(raised.value)
    assert raised.value.parameters == ("baseline", "baseline_ref")


def test_in_cli_terms_replaces_only_named_parameters_in_backquotes() -> None:
    assert in_cli_terms("`by` must be one of meeting, month", ("by",)) == "--by must be one of meeting, month"
    assert in_cli_terms("`by` and by and `top`", ("by",)) == "--by and by and `top`"
    assert in_cli_terms("`nope` stays", ("nope",)) == "`nope` stays"  # no flag for it: the library's name stays
    assert all(flag.startswith("--") for flag in PARAMETER_FLAGS.values())
