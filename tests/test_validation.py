"""Everything a user points focuscount at, end to end: special files refused at once, impossible dates survived.

The settings file, the lexicon, the dates manifest and the baseline report are
read as regular files only, so a named pipe or a device exits 2 with its kind
named instead of hanging (each run has a timeout, so a regression fails here
rather than blocking the suite).  Documents whose metadata or manifest row gives
a date outside 1900–2100 are warned about and counted as undated; chart and
report still draw.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import ISSUE_LEXICON

from focuscount.cli import cli

TIMEOUT = 60  # seconds; a read that blocks on a pipe would wait forever
MEMORY_LIMIT = 2 << 30  # bytes of address space for the child (spaCy and its tables need well under this)
NOTE = "is outside 1900–2100; the document counts as undated"
METADATA_FIX = "(put the date in its file name or in a --dates CSV)"


def _bounded_memory() -> None:
    """In the child: a read of /dev/zero that never ends fails with MemoryError instead of filling the machine."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def focuscount(cwd: Path, *args: object) -> subprocess.CompletedProcess[str]:
    """A real process, so a blocking open() or read() is caught by the timeout, and an endless one by the memory bound."""
    return subprocess.run(
        [sys.executable, "-m", "focuscount", *(str(arg) for arg in args)],
        cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT, check=False,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
        preexec_fn=_bounded_memory if sys.platform.startswith("linux") else None,
    )  # fmt: skip


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "2024-03-12-board.md").write_text("Our patrons and the library.\n", encoding="utf-8")
    (tmp_path / "lexicon.toml").write_text(textwrap.dedent(ISSUE_LEXICON), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name in ("FOCUSCOUNT_MIN_RATIO", "FOCUSCOUNT_PATHS", "FOCUSCOUNT_DATES", "FOCUSCOUNT_LEXICON"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")


@needs_fifo
@pytest.mark.parametrize(
    ("command", "option", "name"),
    [
        ("analyze", "--dates", "dates.csv"),
        ("analyze", "--lexicon", "ours.toml"),
        ("analyze", "--lexicon", "ours"),  # not a shipped name: the file is tried, and refused
        ("analyze", "--config", "focuscount.toml"),
        ("check", "--baseline", "before.json"),
    ],
)
def test_a_named_pipe_as_a_small_input_exits_2_at_once(folder: Path, command: str, option: str, name: str) -> None:
    os.mkfifo(folder / name)  # nobody ever writes to it: opening it for reading the usual way blocks forever
    result = focuscount(folder, command, "docs", option, name)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"Error: {name}: a named pipe, not a file\n"


@pytest.mark.parametrize(
    ("command", "option"),
    [("analyze", "--dates"), ("analyze", "--lexicon"), ("analyze", "--config"), ("check", "--baseline")],
)
def test_dev_zero_as_a_small_input_exits_2_at_once(folder: Path, command: str, option: str) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    result = focuscount(folder, command, "docs", option, "/dev/zero")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "Error: /dev/zero: a character device, not a file\n"


def test_a_link_to_dev_zero_named_like_a_lexicon(folder: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    (folder / "ours.toml").symlink_to("/dev/zero")
    result = focuscount(folder, "analyze", "docs", "--lexicon", "ours.toml")
    assert (result.returncode, result.stderr) == (2, "Error: ours.toml: a character device, not a file\n")


def far_docx(path: Path, text: str, created: str) -> Path:
    """A .docx whose core properties say it was created and modified on ``created`` (as Word writes, 4-digit year)."""
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    document.core_properties.created = dt.datetime(2024, 1, 1)
    document.core_properties.modified = dt.datetime(2024, 1, 1)  # metadata dates come from the modified date
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "docProps/core.xml":
                data = data.replace(b"2024-01-01T00:00:00Z", f"{created}T00:00:00Z".encode())
            target.writestr(item, data)
    return path


def far_pdf(path: Path, text: str, created: str) -> Path:
    """A one-page PDF whose /CreationDate is ``created`` (D:YYYYMMDD…)."""
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), invariant=1)
    pdf.setDateFormatter(lambda *_: created)
    pdf.drawString(72, 720, text)
    pdf.save()
    return path


@pytest.fixture
def impossible_dates(folder: Path) -> Path:
    docs = folder / "docs"
    far_docx(docs / "strategy.docx", "The board thanked our patrons and customers.", "9999-12-31")
    far_docx(docs / "archive.docx", "Patrons asked the library for longer hours.", "0001-01-01")
    far_pdf(docs / "plan.pdf", "The library budget and the administration.", "D:99991231000000")
    (docs / "notes.md").write_text("Volunteers met the library users.\n", encoding="utf-8")
    (docs / "memo.md").write_text("Customers and the library.\n", encoding="utf-8")
    (folder / "dates.csv").write_text(
        "path,date\ndocs/notes.md,9999-12-31\ndocs/memo.md,0001-01-01\n", encoding="utf-8"
    )
    return folder


def expected_warnings(folder: Path) -> list[str]:
    docs = Path("docs")
    return [
        f"focuscount: warning: {docs / 'archive.docx'}: date 0001-01-01 from the file's metadata {NOTE} {METADATA_FIX}",
        f"focuscount: warning: {docs / 'memo.md'}: date 0001-01-01 from dates.csv:3 {NOTE} (correct that row)",
        f"focuscount: warning: {docs / 'notes.md'}: date 9999-12-31 from dates.csv:2 {NOTE} (correct that row)",
        f"focuscount: warning: {docs / 'plan.pdf'}: date 9999-12-31 from the file's metadata {NOTE} {METADATA_FIX}",
        f"focuscount: warning: {docs / 'strategy.docx'}: date 9999-12-31 from the file's metadata {NOTE} {METADATA_FIX}",
    ]


def test_analyze_counts_impossible_dates_as_undated(impossible_dates: Path) -> None:
    result = CliRunner().invoke(cli, ["analyze", "docs", "-l", "lexicon.toml", "--dates", "dates.csv", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert sorted(result.stderr.splitlines()) == expected_warnings(impossible_dates)
    data = json.loads(result.stdout)
    dated = {Path(d["path"]).name: (d["date"], d["date_source"]) for d in data["documents"]}
    assert dated == {
        "2024-03-12-board.md": ("2024-03-12", "filename"),
        "archive.docx": (None, None), "memo.md": (None, None), "notes.md": (None, None),
        "plan.pdf": (None, None), "strategy.docx": (None, None),
    }  # fmt: skip
    assert (data["summary"]["first_date"], data["summary"]["last_date"]) == ("2024-03-12", "2024-03-12")


@pytest.mark.parametrize("kind", ["ratio", "counts"])
def test_chart_draws_with_impossible_dates(impossible_dates: Path, kind: str) -> None:
    args = ["chart", "docs", "-l", "lexicon.toml", "--dates", "dates.csv", "-k", kind, "-o", "chart.svg"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    assert sorted(result.stderr.splitlines()[:-1]) == expected_warnings(impossible_dates)
    assert result.stderr.splitlines()[-1] == "focuscount: wrote chart.svg"
    svg = (impossible_dates / "chart.svg").read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "5 undated, not plotted" in svg


def test_report_writes_with_impossible_dates(impossible_dates: Path) -> None:
    result = CliRunner().invoke(cli, ["report", "docs", "-l", "lexicon.toml", "--dates", "dates.csv", "-o", "r.html"])
    assert result.exit_code == 0, result.stderr
    assert sorted(result.stderr.splitlines()[:-1]) == expected_warnings(impossible_dates)
    html = (impossible_dates / "r.html").read_text(encoding="utf-8")
    assert "date 9999-12-31 from the file&#x27;s metadata is outside 1900–2100" in html


def test_committed_far_future_manifest_through_the_cli(folder: Path) -> None:
    bad = Path(__file__).resolve().parent / "fixtures" / "bad"
    args = [
        "analyze",
        bad.parent / "same_text.md",
        bad.parent / "same_text.txt",
        "--dates",
        bad / "dates_far_future.csv",
    ]
    result = CliRunner().invoke(cli, [*map(str, args), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"focuscount: warning: {bad.parent / 'same_text.md'}: date 9999-12-31 from {bad / 'dates_far_future.csv'}:3 "
        f"{NOTE} (correct that row)",
        f"focuscount: warning: {bad.parent / 'same_text.txt'}: date 0001-01-01 from {bad / 'dates_far_future.csv'}:4 "
        f"{NOTE} (correct that row)",
    ]
    assert json.loads(result.stdout)["summary"]["undated"] == 2


def test_committed_nul_manifest_through_the_cli(folder: Path) -> None:
    manifest = Path(__file__).resolve().parent / "fixtures" / "bad" / "dates_nul.csv"
    result = CliRunner().invoke(cli, ["analyze", "docs", "-l", "lexicon.toml", "--dates", str(manifest)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error: {manifest}:3: line holds a NUL byte: a dates manifest is a plain-text CSV of path,date rows\n"
    )


def test_committed_bad_lexicons_through_the_cli(folder: Path) -> None:
    bad = Path(__file__).resolve().parent / "fixtures" / "bad"
    result = CliRunner().invoke(cli, ["analyze", "docs", "-l", str(bad / "lexicon_table_description.toml")])
    assert (result.exit_code, result.stderr) == (
        2, f"Error: {bad / 'lexicon_table_description.toml'}:12: description of category 'customer' must be a "
        "string, not a table\n",
    )  # fmt: skip
    result = CliRunner().invoke(cli, ["analyze", "docs", "-l", str(bad / "lexicon_regex_term.toml")])
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"Error: {bad / 'lexicon_regex_term.toml'}:14: term '[a-z]*' in [categories.customer]"
    )


def test_committed_nan_gate_through_the_cli(folder: Path) -> None:
    config = Path(__file__).resolve().parent / "fixtures" / "bad" / "config_nan_threshold.toml"
    result = CliRunner().invoke(cli, ["check", "docs", "-l", "lexicon.toml", "--config", str(config)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: {config}:5: 'overall' of 'min_ratio' must be between 0 and 1, not nan\n"
