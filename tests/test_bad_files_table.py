"""Every row of the "What happens with bad files" table (docs/formats.md) is true.

The table is read from docs/formats.md; each row's case names a recipe below that makes
the situation in a fresh folder and runs focuscount on it.  The row's exit status
must be the one seen, and each code span of its "what focuscount says" column must
appear in the output (``N`` stands for a number, ``…`` for any text).  A row without
a recipe, or a recipe without a row, fails: the table and the tests move together.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bomb_files import many_members, package_bomb, pdf_flate_bomb, ratio_bomb
from click.testing import CliRunner
from helpers import ISSUE_LEXICON, REPO

from focuscount.cli import cli

FIXTURES = REPO / "tests" / "fixtures"
BAD = FIXTURES / "bad"
GOOD = "Our patrons and customers come first. The library serves users.\n"
SECTION = "## What happens with bad files"


@dataclass(frozen=True)
class Row:
    case: str
    says: tuple[str, ...]  # the code spans of the "what focuscount says" column
    status: int


def table_rows() -> list[Row]:
    text = (REPO / "docs" / "formats.md").read_text(encoding="utf-8")
    section = text[text.index(SECTION) :]
    section = section[: section.index("\n## ", len(SECTION))]
    rows = []
    for line in section.splitlines():
        if not line.startswith("| ") or line.startswith(("| case", "| ---")):
            continue
        cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
        case, says, status = cells
        rows.append(Row(case, tuple(re.findall(r"`([^`]+)`", says)), int(status)))
    return rows


def pattern(span: str) -> re.Pattern[str]:
    """A code span as a pattern: ``N`` is any number, ``…`` any text on the line."""
    escaped = re.escape(span)
    escaped = re.sub(r"\bN\b", r"\\d+(?:\\.\\d+)?", escaped).replace("…", ".*")
    return re.compile(escaped)


@dataclass
class Outcome:
    status: int
    output: str  # standard output and standard error together
    checks: list[Callable[[], None]] = field(default_factory=list)


def cli_run(*args: str, env: dict[str, str] | None = None) -> Outcome:
    result = CliRunner().invoke(cli, list(args), env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Outcome(result.exit_code, result.stdout + result.stderr)


def process_run(*args: str) -> Outcome:
    """A real process, for the cases that would hang a regressed run (bounded by a timeout)."""
    completed = subprocess.run(
        [sys.executable, "-m", "focuscount", *args], capture_output=True, text=True, timeout=60, check=False
    )
    return Outcome(completed.returncode, completed.stdout + completed.stderr)


def docs(tmp: Path) -> Path:
    folder = tmp / "docs"
    folder.mkdir(exist_ok=True)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    return folder


def counted(outcome: Outcome, name: str) -> Callable[[], None]:
    def check() -> None:
        assert name in outcome.output and "skipped:" not in outcome.output, outcome.output

    return check


def analyze_docs(tmp: Path, *more: str) -> Outcome:
    return cli_run("analyze", "docs", *more)


# ----------------------------------------------------------------- recipes, one per row


def fifo_in_folder(tmp: Path) -> Outcome:
    os.mkfifo(docs(tmp) / "x.txt")
    return process_run("analyze", "docs")


def socket_in_folder(tmp: Path) -> Outcome:
    docs(tmp)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind("docs/x.txt")
        return analyze_docs(tmp)
    finally:
        server.close()


def link_to_dev_zero(tmp: Path) -> Outcome:
    (docs(tmp) / "x.txt").symlink_to("/dev/zero")
    return process_run("analyze", "docs")


def loop_in_folder(tmp: Path) -> Outcome:
    (docs(tmp) / "loop.txt").symlink_to("loop.txt")
    return analyze_docs(tmp)


def loop_named(tmp: Path) -> Outcome:
    docs(tmp)
    Path("loop.txt").symlink_to("loop.txt")
    return cli_run("analyze", "docs/good.txt", "loop.txt")


def broken_link(tmp: Path) -> Outcome:
    (docs(tmp) / "broken.txt").symlink_to("missing.txt")
    return analyze_docs(tmp)


def _outside(tmp: Path) -> None:
    (tmp / "outside").mkdir()
    (tmp / "outside" / "secret.txt").write_text("The administration of the library.\n", encoding="utf-8")
    (docs(tmp) / "secret.txt").symlink_to(tmp / "outside" / "secret.txt")


def link_outside(tmp: Path) -> Outcome:
    _outside(tmp)
    return analyze_docs(tmp)


def link_outside_followed(tmp: Path) -> Outcome:
    _outside(tmp)
    outcome = analyze_docs(tmp, "--follow-links")
    outcome.checks.append(counted(outcome, "docs/secret.txt"))
    return outcome


def larger_than_limit(tmp: Path) -> Outcome:
    (docs(tmp) / "long.txt").write_text(GOOD * 20, encoding="utf-8")
    return analyze_docs(tmp, "--max-file-mb", "0.0001")


def package_expands(tmp: Path) -> Outcome:
    package_bomb(docs(tmp), "docx", inflated_mb=300)
    return analyze_docs(tmp)


def lying_header(tmp: Path) -> Outcome:
    package_bomb(docs(tmp), "odt", inflated_mb=300, declared="small")
    return analyze_docs(tmp)


def ratio(tmp: Path) -> Outcome:
    ratio_bomb(docs(tmp), "pptx", inflated_mb=20)
    return analyze_docs(tmp)


def many_parts(tmp: Path) -> Outcome:
    many_members(docs(tmp), "docx", count=10_001)
    return analyze_docs(tmp)


def pdf_stream(tmp: Path) -> Outcome:
    pdf_flate_bomb(docs(tmp), inflated_mb=300)
    return analyze_docs(tmp)


def zero_bytes(tmp: Path) -> Outcome:
    (docs(tmp) / "empty.pptx").write_bytes(b"")
    return analyze_docs(tmp)


def random_bytes(tmp: Path) -> Outcome:
    shutil.copy(BAD / "input_random_bytes.txt", docs(tmp) / "noise.txt")
    return analyze_docs(tmp)


def damaged_xref(tmp: Path) -> Outcome:
    shutil.copy(BAD / "pdf_damaged_xref.pdf", docs(tmp) / "damaged.pdf")
    outcome = analyze_docs(tmp)
    outcome.checks.append(counted(outcome, "docs/damaged.pdf"))
    return outcome


def no_page_list(tmp: Path) -> Outcome:
    pdf = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    (docs(tmp) / "pages.pdf").write_bytes(pdf)
    return analyze_docs(tmp)


def scanned(tmp: Path) -> Outcome:
    shutil.copy(FIXTURES / "scanned.pdf", docs(tmp) / "scan.pdf")
    return analyze_docs(tmp)


def encrypted(tmp: Path) -> Outcome:
    shutil.copy(FIXTURES / "encrypted.pdf", docs(tmp) / "locked.pdf")
    return analyze_docs(tmp)


def truncated_docx(tmp: Path) -> Outcome:
    data = (FIXTURES / "same_text.docx").read_bytes()
    (docs(tmp) / "cut.docx").write_bytes(data[: len(data) // 2])
    return analyze_docs(tmp)


def missing_path(tmp: Path) -> Outcome:
    docs(tmp)
    return cli_run("analyze", "docs", "nope.txt")


def nothing_readable(tmp: Path) -> Outcome:
    (tmp / "docs").mkdir()
    (tmp / "docs" / "empty.txt").write_bytes(b"")
    return analyze_docs(tmp)


def check_incomplete(tmp: Path) -> Outcome:
    (docs(tmp) / "empty.txt").write_bytes(b"")
    return cli_run("check", "docs", "--min-ratio", "0.1")


def date_out_of_range(tmp: Path) -> Outcome:
    docs(tmp)
    Path("dates.csv").write_text("path,date\ndocs/good.txt,9999-12-31\n", encoding="utf-8")
    return analyze_docs(tmp, "--dates", "dates.csv")


def nul_in_dates(tmp: Path) -> Outcome:
    docs(tmp)
    Path("dates.csv").write_bytes(b"path,date\ndocs/good.txt,2024-01-\x0016\n")
    return analyze_docs(tmp, "--dates", "dates.csv")


def fifo_as_dates(tmp: Path) -> Outcome:
    docs(tmp)
    os.mkfifo("dates.csv")
    return process_run("analyze", "docs", "--dates", "dates.csv")


def nan_in_settings(tmp: Path) -> Outcome:
    docs(tmp)
    Path("focuscount.toml").write_text("[check]\nmin_ratio = nan\n", encoding="utf-8")
    return cli_run("check", "docs")


def nan_in_environment(tmp: Path) -> Outcome:
    docs(tmp)
    return cli_run("check", "docs", env={"FOCUSCOUNT_MIN_RATIO": "nan"})


def nan_as_option(tmp: Path) -> Outcome:
    docs(tmp)
    return cli_run("check", "docs", "--min-ratio", "nan")


def baseline_wrong_type(tmp: Path) -> Outcome:
    docs(tmp)
    assert cli_run("analyze", "docs", "-f", "json", "-o", "before.json").status == 0
    report = json.loads(Path("before.json").read_text(encoding="utf-8"))
    report["summary"]["ratio"] = "high"
    Path("before.json").write_text(json.dumps(report), encoding="utf-8")
    return cli_run("check", "docs", "--baseline", "before.json")


def baseline_other_lexicon(tmp: Path) -> Outcome:
    docs(tmp)
    Path("other.toml").write_text(textwrap.dedent(ISSUE_LEXICON), encoding="utf-8")
    assert cli_run("analyze", "docs", "--lexicon", "other.toml", "-f", "json", "-o", "before.json").status == 0
    return cli_run("check", "docs", "--baseline", "before.json")


def regex_term(tmp: Path) -> Outcome:
    docs(tmp)
    return analyze_docs(tmp, "--lexicon", str(BAD / "lexicon_regex_term.toml"))


def table_description(tmp: Path) -> Outcome:
    docs(tmp)
    return analyze_docs(tmp, "--lexicon", str(BAD / "lexicon_table_description.toml"))


def forged_name(tmp: Path) -> Outcome:
    (docs(tmp) / "forged\n::error file=x::bad.txt").write_bytes(b"")
    outcome = analyze_docs(tmp)

    def no_forged_line() -> None:
        assert not any(line.startswith("::") for line in outcome.output.splitlines()), outcome.output

    outcome.checks.append(no_forged_line)
    return outcome


def latin1_name(tmp: Path) -> Outcome:
    docs(tmp)
    (tmp / "docs" / os.fsdecode(b"caf\xe9.txt")).write_text(GOOD, encoding="utf-8")
    return analyze_docs(tmp)


def escapes_in_text(tmp: Path) -> Outcome:
    (docs(tmp) / "title.txt").write_text("Our patrons \x1b]0;title\x07 came back.\n", encoding="utf-8")
    outcome = cli_run("explain", "docs")

    def nothing_raw() -> None:
        assert "\x1b" not in outcome.output and "\x07" not in outcome.output

    outcome.checks.append(nothing_raw)
    return outcome


def output_to_dev_null(tmp: Path) -> Outcome:
    docs(tmp)
    outcome = cli_run("analyze", "docs", "-o", "/dev/null")

    def still_a_device() -> None:
        assert stat.S_ISCHR(os.stat("/dev/null").st_mode)

    outcome.checks.append(still_a_device)
    return outcome


def output_to_folder(tmp: Path) -> Outcome:
    docs(tmp)
    return cli_run("analyze", "docs", "-o", "docs")


def _interrupted(tmp: Path, signal_number: int) -> Outcome:
    folder = docs(tmp)
    for number in range(600):
        (folder / f"minutes-{number:03}.txt").write_text(GOOD * 40, encoding="utf-8")
    Path("out.json").write_text("{}\n", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "focuscount", "analyze", "docs", "-f", "json", "-o", "out.json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(3)  # past start-up, well inside the reading of 600 files
    process.send_signal(signal_number)
    stdout, stderr = process.communicate(timeout=60)
    outcome = Outcome(process.returncode, stdout + stderr)

    def untouched() -> None:
        assert Path("out.json").read_text(encoding="utf-8") == "{}\n"
        assert sorted(os.listdir(".")) == ["docs", "out.json"]
        assert len(stderr.splitlines()) == 1, stderr

    outcome.checks.append(untouched)
    return outcome


def sigint(tmp: Path) -> Outcome:
    return _interrupted(tmp, signal.SIGINT)


def sigterm(tmp: Path) -> Outcome:
    return _interrupted(tmp, signal.SIGTERM)


RECIPES: dict[str, Callable[[Path], Outcome]] = {
    "a named pipe (FIFO) called `x.txt` in a folder": fifo_in_folder,
    "a socket called `x.txt` in a folder": socket_in_folder,
    "a link to `/dev/zero` called `x.txt`": link_to_dev_zero,
    "a symbolic link loop": loop_in_folder,
    "a symbolic link loop named on the command line": loop_named,
    "a broken link": broken_link,
    "a link in a folder that leads outside the folders given": link_outside,
    "the same with `--follow-links`": link_outside_followed,
    "a file larger than `--max-file-mb`": larger_than_limit,
    "a .docx, .pptx, .odt or .odp whose parts expand past the limit": package_expands,
    "a zip header that understates what its part expands to": lying_header,
    "a part that expands more than 200 times its compressed size": ratio,
    "a package of more than 10,000 parts": many_parts,
    "a PDF stream that expands past the limit": pdf_stream,
    "a zero-byte file, in any format": zero_bytes,
    "random bytes in a .txt": random_bytes,
    "a PDF with a damaged cross-reference table": damaged_xref,
    "a PDF whose pages cannot be found at all": no_page_list,
    "a scanned PDF without a text layer": scanned,
    "an encrypted PDF": encrypted,
    "a truncated .docx": truncated_docx,
    "a path given that does not exist": missing_path,
    "no readable document at all": nothing_readable,
    "`check` when any file is unreadable": check_incomplete,
    "a date outside 1900–2100 in a `--dates` row or in metadata": date_out_of_range,
    "a NUL byte in the `--dates` CSV": nul_in_dates,
    "a named pipe given as `--dates`, `--lexicon`, `--config` or `--baseline`": fifo_as_dates,
    "`min_ratio = nan` in the settings": nan_in_settings,
    "`FOCUSCOUNT_MIN_RATIO=nan`": nan_in_environment,
    "`--min-ratio nan`": nan_as_option,
    "a baseline report with a value of the wrong type": baseline_wrong_type,
    "a baseline report counted with another lexicon": baseline_other_lexicon,
    "a lexicon term in regular-expression syntax, such as `[a-z]*`": regex_term,
    "a lexicon category description that is a table": table_description,
    "a file name with a line break and `::error` in it": forged_name,
    "a file name in Latin-1": latin1_name,
    "document text with terminal escape sequences, in `explain`": escapes_in_text,
    "`-o /dev/null`": output_to_dev_null,
    "`-o` naming a folder": output_to_folder,
    "Ctrl-C (SIGINT) during a run": sigint,
    "SIGTERM during a run": sigterm,
}

ROWS = table_rows()


def test_every_row_has_a_recipe_and_every_recipe_a_row() -> None:
    assert [row.case for row in ROWS] == list(RECIPES)


@pytest.mark.parametrize("row", ROWS, ids=[row.case for row in ROWS])
def test_the_row_is_true(row: Row, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_STEP_SUMMARY", "FOCUSCOUNT_MIN_RATIO", "FOCUSCOUNT_PATHS", "FOCUSCOUNT_MAX_FILE_MB"):
        monkeypatch.delenv(name, raising=False)
    outcome = RECIPES[row.case](tmp_path)
    assert outcome.status == row.status, outcome.output
    assert "Traceback" not in outcome.output, outcome.output
    for span in row.says:
        assert pattern(span).search(outcome.output), f"{span!r} not in:\n{outcome.output}"
    for check in outcome.checks:
        check()
