"""``focuscount audit``: drawing to a file or standard output, protecting judgements, judging, scoring, errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import FIXTURES
from test_audit import JUDGED

from focuscount.audit import BOM, COLUMNS
from focuscount.cli import cli

AUDIT = FIXTURES / "audit"
DRAW = (str(AUDIT / "corpus"), "-l", str(AUDIT / "lexicon.toml"))


def run(*args: str | Path, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(arg) for arg in args], input=input)
    return result.exit_code, result.stdout, result.stderr


def rows_in(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


@pytest.fixture
def drawn(tmp_path: Path) -> Path:
    """A fresh sample of 6 hits (2 per category) of the audit fixtures."""
    target = tmp_path / "audit.csv"
    code, _, stderr = run("audit", *DRAW, "-n", "6", "-o", target)
    assert code == 0, stderr
    return target


def test_audit_writes_a_sample_file_with_a_byte_order_mark(tmp_path: Path) -> None:
    target = tmp_path / "audit.csv"
    code, stdout, stderr = run("audit", *DRAW, "--sample", "9", "--seed", "4", "-o", target)
    assert code == 0
    assert stdout == ""
    assert stderr == (
        f"focuscount: wrote {target}\n"
        "focuscount: drew 9 of 27 counted hits (customer 3, institution 3, community 3) with seed 4\n"
    )
    assert target.read_bytes().startswith(BOM.encode("utf-8") + b"id,category,in_ratio,pole,term,")
    rows = rows_in(target)
    assert [row["id"] for row in rows] == [str(number) for number in range(1, 10)]
    assert {row["correct"] for row in rows} == {""}
    assert list(rows[0]) == list(COLUMNS)


def test_audit_without_o_prints_the_csv_without_a_byte_order_mark() -> None:
    code, stdout, stderr = run("audit", *DRAW, "-n", "3")
    assert code == 0
    assert stdout.startswith("id,category,in_ratio,pole,term,matched,document,location,context,term_hits,")
    assert len(stdout.splitlines()) == 4
    assert stderr == "focuscount: drew 3 of 27 counted hits (customer 1, institution 1, community 1) with seed 1\n"


def test_the_same_seed_writes_the_same_file(tmp_path: Path) -> None:
    run("audit", *DRAW, "-n", "7", "--seed", "5", "-o", tmp_path / "a.csv")
    run("audit", *DRAW, "-n", "7", "--seed", "5", "-o", tmp_path / "b.csv")
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


def test_a_file_with_judgements_is_never_replaced_without_force(drawn: Path) -> None:
    text = drawn.read_text(encoding="utf-8-sig").replace(",,\n", ",y,\n", 1)
    drawn.write_text(BOM + text, encoding="utf-8")
    before = drawn.read_bytes()
    code, _, stderr = run("audit", *DRAW, "-n", "6", "--seed", "2", "-o", drawn)
    assert code == 2
    assert stderr == (
        f"Error: {drawn}: holds 1 judgement; a new sample would replace it: score it with --score, continue it "
        "with --resume, write the new sample elsewhere, or pass --force\n"
    )
    assert drawn.read_bytes() == before
    code, _, _ = run("audit", *DRAW, "-n", "6", "--seed", "2", "-o", drawn, "--force")
    assert code == 0
    assert {row["correct"] for row in rows_in(drawn)} == {""}


def test_a_sample_file_not_judged_yet_is_replaced(drawn: Path) -> None:
    code, _, _ = run("audit", *DRAW, "-n", "3", "-o", drawn)
    assert code == 0
    assert len(rows_in(drawn)) == 3


def test_a_device_is_written_and_never_replaced() -> None:
    code, _, stderr = run("audit", *DRAW, "-n", "3", "-o", "/dev/null")
    assert code == 0
    assert stderr.startswith("focuscount: wrote /dev/null\n")
    assert Path("/dev/null").is_char_device()


# --- judging in the terminal ----------------------------------------------------------------------------------


def test_interactive_judging_saves_every_answer(tmp_path: Path) -> None:
    target = tmp_path / "audit.csv"
    code, stdout, stderr = run("audit", *DRAW, "-n", "6", "-i", "-o", target, input="y\nN Family Foundation name\nq\n")
    assert code == 0, stderr
    assert stdout.count("y/n (a note may follow") == 3
    assert "[1/6] customer · term 'family' · " in stdout
    assert "[2/6] customer · term 'patron' · " in stdout
    rows = rows_in(target)
    assert [(row["correct"], row["note"]) for row in rows] == [
        ("y", ""), ("n", "Family Foundation name"), ("", ""), ("", ""), ("", ""), ("", ""),
    ]  # fmt: skip
    assert stderr.endswith(
        f"focuscount: {target}: 2 of 6 judged, 4 left; go on with `focuscount audit --resume {target}`; "
        f"score it with `focuscount audit --score {target}`\n"
    )


def test_resume_starts_at_the_first_unjudged_row_and_skip_undo_work(drawn: Path) -> None:
    run("audit", "--resume", drawn, input="y\ns\ny\n")  # rows 1 and 3 judged, row 2 skipped, then input ends
    assert [row["correct"] for row in rows_in(drawn)] == ["y", "", "y", "", "", ""]
    code, stdout, _ = run("audit", "--resume", drawn, input="n\nu\nu\nhelp\nq\n")
    assert code == 0
    shown = [line.split("]")[0] for line in stdout.splitlines() if line.startswith("[")]
    # Starts at row 2; n; undo shows row 2 again; a second undo has nothing left from this session.
    assert shown == ["[2/6", "[4/6", "[2/6", "[2/6", "[2/6"]
    assert "  nothing to undo in this session" in stdout
    assert "  y: the hit means what its category says; n: it does not;" in stdout
    assert [row["correct"] for row in rows_in(drawn)] == ["y", "", "y", "", "", ""]


def test_resume_of_a_fully_judged_file_says_so(drawn: Path) -> None:
    run("audit", "--resume", drawn, input="y\ny\ny\nn\nn\ny\n")
    assert [row["correct"] for row in rows_in(drawn)] == ["y", "y", "y", "n", "n", "y"]
    code, stdout, stderr = run("audit", "--resume", drawn)
    assert code == 0
    assert stdout == ""
    assert stderr == f"focuscount: all 6 rows of {drawn} are judged; score them with --score\n"


def test_interactive_without_a_terminal_and_without_input_is_an_error(drawn: Path) -> None:
    code, _, stderr = run("audit", "--resume", drawn, input="")
    assert code == 2
    assert stderr == (
        f"Error: {drawn}: no answers: standard input is not a terminal and is empty; run "
        f"`focuscount audit --resume {drawn}` in a terminal, or pipe answers (y, n, s, u, q, one a line)\n"
    )


def test_a_resumed_file_keeps_the_columns_and_separator_a_spreadsheet_gave_it(tmp_path: Path) -> None:
    target = tmp_path / "audit.csv"
    lines = JUDGED.splitlines()
    text = "\n".join(line.replace(",", ";") + (";extra" if n == 0 else ";") for n, line in enumerate(lines)) + "\n"
    target.write_text(text, encoding="utf-8")
    code, stdout, _ = run("audit", "--resume", target, input="y\nq\n")
    assert code == 0
    assert "[6/13] customer · term 'family' · c.txt, line 7" in stdout
    written = target.read_text(encoding="utf-8-sig").splitlines()
    assert written[0].endswith(";correct;note;extra")
    assert (
        written[6]
        == "6;customer;yes;focus;family;families;c.txt;line 7;more [[families]] at story time;10;50;t;abc;y;;"
    )


# --- scoring --------------------------------------------------------------------------------------------------


@pytest.fixture
def judged(tmp_path: Path) -> Path:
    target = tmp_path / "judged.csv"
    target.write_text(JUDGED, encoding="utf-8")
    return target


def test_score_table(judged: Path) -> None:
    code, stdout, stderr = run("audit", "--score", judged)
    assert code == 0, stderr
    lines = stdout.splitlines()
    assert lines[0] == f"{judged}: lexicon t (abc), 13 rows, 12 judged, 1 not judged"
    assert lines[3].split() == [
        "Category", "In", "ratio", "Hits", "Judged", "Correct", "Precision", "95%", "interval", "Effective", "n",
        "Coverage",
    ]  # fmt: skip
    assert lines[5].split() == ["customer", "focus", "50", "5", "3", "0.62", "0.24–0.90", "4.6", "80%"]
    assert lines[6].split() == ["institution", "versus", "80", "5", "4", "0.81", "0.38–0.97", "4.9", "100%"]
    assert lines[7].split() == ["community", "no", "7", "2", "1", "0.50", "0.09–0.91", "2.0", "100%"]
    assert lines[8].startswith("Category precision weights each judged hit by term_hits / judged hits of its term")
    assert "  raw:                 0.38" in lines
    assert "  precision-corrected: 0.32  95% interval 0.12–0.63" in lines
    assert lines[-1] == '  "community garden", "family leave", "use the library",'


def test_score_json(judged: Path) -> None:
    code, stdout, _ = run("audit", "--score", judged, "-f", "json")
    assert code == 0
    data = json.loads(stdout)
    assert data["schema"] == "focuscount/audit-score/v1"
    assert (data["rows"], data["judged"], data["not_judged"]) == (13, 12, 1)
    assert data["categories"][0]["precision"] == pytest.approx(0.625)
    assert data["ratio"]["corrected"] == pytest.approx(31.25 / 96.25)
    assert data["ignore_phrases"][1] == {
        "phrase": "family leave", "terms": ["family"], "false_removed": 1, "correct_removed": 0,
    }  # fmt: skip
    assert data["ignore_toml"] == '"community garden", "family leave", "use the library",'


def test_score_csv_to_a_file(judged: Path, tmp_path: Path) -> None:
    target = tmp_path / "score.csv"
    code, stdout, stderr = run("audit", "--score", judged, "-f", "csv", "-o", target)
    assert (code, stdout, stderr) == (0, "", f"focuscount: wrote {target}\n")
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[0]["kind"] == "category"
    assert (rows[0]["category"], rows[0]["estimate"], rows[0]["coverage"]) == ("customer", "0.625", "0.8")
    kinds = [row["kind"] for row in rows]
    assert kinds.count("term") == 5
    assert kinds[-5:] == ["raw ratio", "corrected ratio", "ignore phrase", "ignore phrase", "ignore phrase"]
    assert rows[-4]["estimate"] == "0.3247"  # 31.25 / 96.25


def test_a_wrong_judgement_is_one_error_line(judged: Path) -> None:
    judged.write_text(JUDGED.replace(",abc,N,a programme name", ",abc,perhaps,a programme name"), encoding="utf-8")
    code, stdout, stderr = run("audit", "--score", judged)
    assert (code, stdout) == (2, "")
    assert stderr == f"Error: {judged}: row 4 (id 3): correct is 'perhaps'; write y or n, or leave it blank\n"


def test_a_csv_that_is_not_an_audit_file_is_one_error_line(tmp_path: Path) -> None:
    other = tmp_path / "hits.csv"
    other.write_text("path,category,term,matched,context,correct\nminutes.txt,customer,patron,patrons,x,y\n")
    code, _, stderr = run("audit", "--score", other)
    assert code == 2
    assert stderr == (
        f"Error: {other}: not an audit file: missing columns id, in_ratio, pole, term_hits, category_hits "
        "(write one with `focuscount audit PATHS -o FILE.csv`)\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--score", "x.csv", "minutes"), "--score reads an audit file alone: give it no PATHS"),
        (("--resume", "x.csv", "minutes"), "--resume reads an audit file alone: give it no PATHS"),
        (("--score", "x.csv", "--resume", "y.csv"), "--score reports on a judged file; judge it first with --resume"),
        (("--score", "x.csv", "-i"), "--score reports on a judged file; judge it first with --resume"),
        ((*DRAW, "-f", "json"), "--format is for --score: the audit file itself is always CSV"),
        ((*DRAW, "-i"), "--interactive saves every answer into a file: give -o FILE.csv"),
        (("--resume", "x.csv", "-o", "y.csv"), "--resume saves its answers into FILE.csv itself: leave out -o"),
        ((*DRAW, "-n", "0"), "Invalid value for '--sample' / '-n': 0 is not in the range x>=1."),
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...], message: str) -> None:
    code, _, stderr = run("audit", *args)
    assert code == 2
    assert message in stderr


def test_a_missing_audit_file_is_named(tmp_path: Path) -> None:
    code, _, stderr = run("audit", "--score", tmp_path / "nowhere.csv")
    assert code == 2
    assert stderr == (
        f"Error: {tmp_path / 'nowhere.csv'}: audit file not found; draw one with `focuscount audit PATHS -o FILE.csv`\n"
    )


def test_no_documents_is_an_error(tmp_path: Path) -> None:
    code, _, stderr = run("audit", tmp_path, "-l", AUDIT / "lexicon.toml")
    assert code == 2
    assert stderr.startswith("Error: ")


def test_the_judged_examples_fixture_scores() -> None:
    """The README's example: the judgements made on the 40-hit sample of examples/ (see the fixture)."""
    code, stdout, _ = run("audit", "--score", AUDIT / "examples-judged.csv")
    assert code == 0
    assert stdout.splitlines()[0].endswith("40 rows, 40 judged, 0 not judged")


def test_audit_is_in_the_help() -> None:
    code, stdout, _ = run("--help")
    assert code == 0
    assert "audit" in stdout
    code, stdout, _ = run("audit", "--help")
    assert "focuscount audit --score audit.csv" in stdout
    assert "--lexicon" in stdout  # the corpus options are there for drawing


def test_the_judged_examples_fixture_is_the_sample_the_reference_draws(tmp_path: Path) -> None:
    """`audit examples/ --sample 40 --seed 1` draws exactly the rows judged in the fixture, with the current lexicon."""
    import os

    from helpers import REPO

    previous = os.getcwd()
    os.chdir(REPO)
    try:
        code, _, stderr = run("audit", "examples/", "--sample", "40", "--seed", "1", "-o", tmp_path / "audit.csv")
    finally:
        os.chdir(previous)
    assert code == 0, stderr
    drawn = list(csv.DictReader(io.StringIO((tmp_path / "audit.csv").read_text(encoding="utf-8-sig"))))
    judged = list(csv.DictReader(io.StringIO((AUDIT / "examples-judged.csv").read_text(encoding="utf-8-sig"))))
    fields = ("id", "category", "term", "matched", "document", "location", "context", "term_hits", "category_hits",
              "lexicon_sha")  # fmt: skip
    assert [[row[f] for f in fields] for row in drawn] == [[row[f] for f in fields] for row in judged]
