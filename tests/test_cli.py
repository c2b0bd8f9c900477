"""The command line: formats, exit codes, warnings and files, with exact numbers."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import ISSUE_LEXICON

from focuscount.cli import cli


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Three dated documents over two meetings and one undated note, plus a lexicon."""
    folder = tmp_path / "minutes"
    folder.mkdir()
    (folder / "2024-01-16-board.txt").write_text(
        "The library reviewed its internal procedures.\nOne patron wrote in.\n", encoding="utf-8"
    )
    (folder / "2024-03-12-board.txt").write_text(
        "Customers and library users came first.\nThe library listened to customers.\n", encoding="utf-8"
    )
    (folder / "2024-03-12-committee.md").write_text("# Committee\n\nA note on **resources**.\n", encoding="utf-8")
    (folder / "notes.txt").write_text("Users, users, users.\n", encoding="utf-8")
    (tmp_path / "lexicon.toml").write_text(textwrap.dedent(ISSUE_LEXICON), encoding="utf-8")
    return tmp_path


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(arg) for arg in args])
    return result.exit_code, result.stdout, result.stderr


def analyze_json(corpus: Path, *extra: str | Path) -> dict:
    code, out, err = run("analyze", corpus / "minutes", "-l", corpus / "lexicon.toml", "-f", "json", *extra)
    assert code == 0, err
    return json.loads(out)


def test_json_documents_periods_trend_and_summary(corpus: Path) -> None:
    data = analyze_json(corpus)
    assert data["schema"] == "focuscount/analyze/v1"
    assert data["lexicon"]["name"] == "library"
    assert len(data["lexicon"]["hash"]) == 64
    assert data["lexicon"]["hash_algorithm"] == "sha256"
    assert data["lexicon"]["ratio"] == {"focus": "customer", "versus": "institution"}
    rows = [
        (Path(d["path"]).name, d["date"], d["date_source"], d["words"], d["counts"], d["ratio"])
        for d in data["documents"]
    ]
    assert rows == [
        ("2024-01-16-board.txt", "2024-01-16", "filename", 10, {"customer": 1, "institution": 2}, 0.3333),
        ("2024-03-12-board.txt", "2024-03-12", "filename", 11, {"customer": 3, "institution": 1}, 0.75),
        ("2024-03-12-committee.md", "2024-03-12", "filename", 5, {"customer": 0, "institution": 1}, 0.0),
        ("notes.txt", None, None, 3, {"customer": 3, "institution": 0}, 1.0),
    ]
    first = data["documents"][0]
    assert first["format"] == "txt"
    assert first["rates"] == {"customer": 100.0, "institution": 200.0}
    assert first["terms"] == {"customer": {"patron": 1}, "institution": {"library": 1, "internal procedure": 1}}
    assert [(p["label"], p["documents"], p["words"], p["counts"], p["ratio"]) for p in data["periods"]] == [
        ("2024-01-16", 1, 10, {"customer": 1, "institution": 2}, 0.3333),
        ("2024-03-12", 2, 16, {"customer": 3, "institution": 2}, 0.6),
    ]
    assert data["periods"][1]["rates"] == {"customer": 187.5, "institution": 125.0}
    # Wilson intervals: 1 of 3, 3 of 4, 0 of 1, 3 of 3 hits; every ratio rests on fewer than 10 hits.
    assert [(d["interval"], d["thin"]) for d in data["documents"]] == [
        ([0.0615, 0.7923], True),
        ([0.3006, 0.9544], True),
        ([0.0, 0.7935], True),
        ([0.4385, 1.0], True),
    ]
    # 2024-03-12 pools 3 of 4 and 0 of 1: design effect 1.2, Wilson on 2.5 of 4.17 effective hits.
    assert [(p["interval"], p["thin"]) for p in data["periods"]] == [([0.0615, 0.7923], True), ([0.2094, 0.8947], True)]
    assert data["min_hits"] == 10
    assert data["include_thin"] is False
    assert data["trend"] is None
    assert data["trend_note"] == (
        "Not enough periods for a trend (0 with enough evidence; 3 needed; 2 thin left out, which --include-thin counts)."
    )
    assert data["summary"] == {
        "documents": 4,
        "dated": 3,
        "undated": 1,
        "unreadable": 0,
        "unsupported": 0,
        "words": 29,
        "counts": {"customer": 7, "institution": 4},
        "rates": {"customer": 241.379, "institution": 137.931},
        "ratio": 0.6364,
        "interval": [0.3144, 0.8697],  # 7 of 11 hits over four documents, design effect 1.377
        "thin": False,
        "first_date": "2024-01-16",
        "last_date": "2024-03-12",
    }
    assert [Path(p).name for p in data["undated"]] == ["notes.txt"]
    assert data["skipped"] == []


def test_table_output(corpus: Path) -> None:
    code, out, err = run("analyze", corpus / "minutes", "-l", corpus / "lexicon.toml")
    assert code == 0, err
    assert "Documents (lexicon: library; ratio = customer / (customer + institution))" in out
    assert "Periods (by meeting)" in out
    lines = out.splitlines()
    period_line = next(line for line in lines if line.startswith("2024-03-12 ") and "filename" not in line)
    assert period_line.split() == ["2024-03-12", "2", "16", "3", "2", "187.5", "125.0", "0.60", "(0.21–0.89)*"]
    notes = [line for line in lines if line.startswith("* thin evidence")]
    assert notes == [
        "* thin evidence: fewer than 10 hits (customer + institution)",
        "* thin evidence: fewer than 10 hits (customer + institution); left out of the trend (--include-thin counts them)",
    ]
    assert (
        "Not enough periods for a trend (0 with enough evidence; 3 needed; 2 thin left out, which --include-thin counts)."
        in lines
    )
    assert "Undated, left out of periods and trend" in out
    assert lines[-1] == (
        "Overall ratio 0.64, 95% interval 0.31–0.87 (customer 7 vs institution 4 in 29 words) · "
        "4 documents read (1 undated) · 0 skipped · 2024-01-16 to 2024-03-12"
    )


def test_markdown_output(corpus: Path) -> None:
    code, out, _ = run("analyze", corpus / "minutes", "-l", corpus / "lexicon.toml", "--format", "markdown")
    assert code == 0
    assert out.startswith("## Documents (lexicon: library;")
    assert "## Periods (by meeting)" in out
    assert "| Period     |   Docs |" in out
    assert "| 2024-03-12 |      2 |      16 |" in out
    assert "| 0.60 (0.21–0.89)\\*     |" in out  # the thin mark escaped: no emphasis
    # After a blank line, escaped: a line right under the table would be one more row, "* " a list item.
    assert "|\n\n\\* thin evidence: fewer than 10 hits (customer + institution)\n\n## Periods" in out


def test_csv_output(corpus: Path) -> None:
    code, out, _ = run("analyze", corpus / "minutes", "-l", corpus / "lexicon.toml", "-f", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["row"] for row in rows] == ["document"] * 4 + ["period"] * 2
    assert rows[0]["customer"] == "1"
    assert rows[0]["institution_per_1000"] == "200.0"
    assert (rows[0]["ratio"], rows[0]["ratio_low"], rows[0]["ratio_high"], rows[0]["thin"]) == (
        "0.3333", "0.0615", "0.7923", "true",
    )  # fmt: skip
    assert list(rows[0])[-4:] == ["ratio", "ratio_low", "ratio_high", "thin"]
    assert rows[3]["date"] == ""
    assert (rows[5]["label"], rows[5]["start"], rows[5]["words"], rows[5]["ratio"]) == (
        "2024-03-12",
        "2024-03-12",
        "16",
        "0.6",
    )
    assert (rows[5]["ratio_low"], rows[5]["ratio_high"], rows[5]["thin"]) == ("0.2094", "0.8947", "true")


def test_by_month_and_year(corpus: Path) -> None:
    assert [p["label"] for p in analyze_json(corpus, "--by", "month")["periods"]] == ["2024-01", "2024-03"]
    (year,) = analyze_json(corpus, "--by", "year")["periods"]
    assert (year["label"], year["documents"], year["counts"], year["ratio"]) == (
        "2024", 3, {"customer": 4, "institution": 4}, 0.5,
    )  # fmt: skip
    assert analyze_json(corpus, "--by", "year")["trend"] is None


def test_ratio_without_hits_is_a_dash_and_null(tmp_path: Path) -> None:
    (tmp_path / "2024-01-16-quiet.txt").write_text("Nothing to see here.\n", encoding="utf-8")
    code, out, _ = run("analyze", tmp_path, "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert data["documents"][0]["ratio"] is None
    assert data["periods"][0]["ratio"] is None
    assert data["summary"]["ratio"] is None
    assert (data["documents"][0]["interval"], data["periods"][0]["interval"], data["summary"]["interval"]) == (
        None, None, None,
    )  # fmt: skip
    code, out, _ = run("analyze", tmp_path)
    assert out.splitlines()[-1].startswith("Overall ratio — (customer 0 vs institution 0 in 4 words)")
    assert "Not enough periods for a trend (0 with enough evidence; 3 needed)." in out
    assert "thin evidence" not in out  # no ratio, no mark, no footnote
    code, out, _ = run("analyze", tmp_path, "-f", "csv")
    (document,) = [row for row in csv.DictReader(io.StringIO(out)) if row["row"] == "document"]
    assert [document[key] for key in ("customer", "institution", "ratio", "ratio_low", "ratio_high", "thin")] == [
        "0", "0", "", "", "", "",
    ]  # fmt: skip
    # The report-only categories come after the ratio's columns, counted though not in the ratio.
    assert out.splitlines()[1].endswith(",0,0,0.0,0.0,,,,,0,0.0,0,0.0")


def test_unreadable_file_is_warned_listed_and_the_batch_goes_on(corpus: Path) -> None:
    (corpus / "minutes" / "2024-05-14-board.pdf").write_bytes(b"this is not a pdf at all")
    code, out, err = run("analyze", corpus / "minutes", "-l", corpus / "lexicon.toml", "-f", "json")
    assert code == 0
    warnings = err.strip().splitlines()
    assert len(warnings) == 1
    assert warnings[0].startswith("focuscount: warning: ")
    assert "2024-05-14-board.pdf: " in warnings[0]
    data = json.loads(out)
    assert data["summary"]["documents"] == 4
    assert data["summary"]["unreadable"] == 1
    (skipped,) = data["skipped"]
    assert Path(skipped["path"]).name == "2024-05-14-board.pdf"
    assert skipped["kind"] == "unreadable"


def test_unsupported_file_in_folder_is_skipped_quietly_and_counted(corpus: Path) -> None:
    (corpus / "minutes" / "budget.xlsx").write_bytes(b"PK\x03\x04")
    (corpus / "minutes" / ".hidden.txt").write_text("patrons", encoding="utf-8")
    (corpus / "minutes" / "~$board.docx").write_bytes(b"lock")
    code, out, err = run("analyze", corpus / "minutes", "-l", corpus / "lexicon.toml")
    assert code == 0
    assert err == ""
    assert "· 4 documents read (1 undated) · 1 skipped (1 of other types) ·" in out.splitlines()[-1]
    data = analyze_json(corpus)
    assert data["summary"]["unsupported"] == 1
    assert data["skipped"] == [
        {"path": str(corpus / "minutes" / "budget.xlsx"), "reason": "unsupported format .xlsx", "kind": "unsupported"}
    ]


def test_unsupported_file_named_explicitly_is_an_error_for_that_file(corpus: Path) -> None:
    other = corpus / "budget.xlsx"
    other.write_bytes(b"PK\x03\x04")
    code, _, err = run("analyze", corpus / "minutes", other, "-l", corpus / "lexicon.toml")
    assert code == 0
    assert err.startswith(f"focuscount: warning: {other}: skipped: unsupported format .xlsx; focuscount reads ")


def test_a_doc_that_is_not_one_is_skipped_before_any_conversion(corpus: Path) -> None:
    old = corpus / "minutes.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0")  # half of the signature every Word 97-2003 file starts with
    code, _, err = run("analyze", corpus / "minutes", old, "-l", corpus / "lexicon.toml")
    assert code == 0
    assert err == (
        f"focuscount: warning: {old}: skipped: not a Word 97-2003 file (it does not start like one); "
        "check that it really is a .doc\n"
    )


def test_a_missing_path_is_an_error_and_the_rest_goes_on(corpus: Path) -> None:
    code, out, err = run("analyze", corpus / "minutes", corpus / "nope.txt", "-l", corpus / "lexicon.toml")
    assert code == 2  # as in ruff and Vale: a path given that does not exist is the user's mistake
    assert err == f"focuscount: error: {corpus / 'nope.txt'}: no such file or directory\n"
    assert "Overall ratio" in out  # the other paths are still read and reported


def test_no_readable_document_exits_2(tmp_path: Path) -> None:
    (tmp_path / "broken.pdf").write_bytes(b"garbage")
    code, out, err = run("analyze", tmp_path)
    assert code == 2
    assert out == ""
    assert "broken.pdf" in err
    assert "Error: no readable document (1 unreadable); focuscount reads" in err


def test_empty_folder_exits_2(tmp_path: Path) -> None:
    code, _, err = run("analyze", tmp_path)
    assert code == 2
    assert "Error: no documents found" in err


def test_bad_lexicon_exits_2_with_file_and_line(corpus: Path) -> None:
    bad = corpus / "bad.toml"
    bad.write_text('name = "x"\nweights = 1\n', encoding="utf-8")
    code, out, err = run("analyze", corpus / "minutes", "-l", bad)
    assert code == 2
    assert out == ""
    assert f"Error: {bad}:2: unknown key 'weights'" in err


def test_unknown_lexicon_name_exits_2(corpus: Path) -> None:
    code, _, err = run("analyze", corpus / "minutes", "-l", "nosuch")
    assert code == 2
    assert "unknown lexicon 'nosuch'" in err


def test_usage_errors_exit_2(corpus: Path) -> None:
    assert run("analyze", corpus / "minutes", "--by", "week")[0] == 2
    assert run("analyze", corpus / "minutes", "--format", "xml")[0] == 2
    assert run("analyze")[0] == 2


def test_bad_dates_manifest_exits_2(corpus: Path) -> None:
    manifest = corpus / "dates.csv"
    manifest.write_text("path,date\nminutes/notes.txt,someday\n", encoding="utf-8")
    code, _, err = run("analyze", corpus / "minutes", "--dates", manifest)
    assert code == 2
    assert f"{manifest}:2: 'someday' is not a date" in err


def test_dates_manifest_dates_the_undated(corpus: Path) -> None:
    manifest = corpus / "dates.csv"
    manifest.write_text("path,date\nminutes/notes.txt,2024-05-14\n", encoding="utf-8")
    data = analyze_json(corpus, "--dates", manifest)
    assert data["undated"] == []
    assert [(p["label"], p["ratio"]) for p in data["periods"]][-1] == ("2024-05-14", 1.0)
    notes = next(d for d in data["documents"] if d["path"].endswith("notes.txt"))
    assert (notes["date"], notes["date_source"]) == ("2024-05-14", "manifest")


def test_ambiguous_date_is_warned(tmp_path: Path) -> None:
    (tmp_path / "minutes.txt").write_text("Board meeting 03/04/2024\nPatrons spoke.\n", encoding="utf-8")
    code, out, err = run("analyze", tmp_path, "-f", "json")
    assert code == 0
    assert "ambiguous date '03/04/2024' on line 1" in err
    assert json.loads(out)["documents"][0]["date"] is None
    code, out, err = run("analyze", tmp_path, "-f", "json", "--date-order", "dmy")
    assert err == ""
    assert json.loads(out)["documents"][0]["date"] == "2024-04-03"


def test_output_file_is_written(corpus: Path) -> None:
    target = corpus / "report.json"
    code, out, err = run("analyze", corpus / "minutes", "-l", corpus / "lexicon.toml", "-f", "json", "-o", target)
    assert code == 0
    assert out == ""
    assert err == f"focuscount: wrote {target}\n"
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["documents"] == 4
    assert [p.name for p in corpus.iterdir() if p.name.startswith(".report")] == []


def test_output_into_missing_folder_exits_2(corpus: Path) -> None:
    target = corpus / "missing" / "report.json"
    code, _, err = run("analyze", corpus / "minutes", "-o", target)
    assert code == 2
    assert "does not exist" in err
    assert not target.exists()


def test_default_lexicon_is_the_shipped_one(corpus: Path) -> None:
    code, out, _ = run("analyze", corpus / "minutes", "-f", "json")
    assert code == 0
    assert json.loads(out)["lexicon"]["name"] == "library"


def test_lexicons_command_lists_the_default() -> None:
    code, out, _ = run("lexicons")
    assert code == 0
    assert out.startswith("library: Customer-oriented versus institution-oriented language in library meetings")


def test_every_command_has_help() -> None:
    for name, command in cli.commands.items():
        assert command.help, name
        code, out, _ = run(name, "--help")
        assert code == 0
        assert out.startswith(f"Usage: cli {name}") or out.startswith(f"Usage: focuscount {name}")


def test_help_and_version_do_not_import_spacy() -> None:
    script = (
        "import sys\n"
        "from focuscount.cli import main\n"
        "sys.argv = ['focuscount', sys.argv[1]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "assert 'spacy' not in sys.modules, 'spacy imported'\n"
        "assert 'pdfminer' not in sys.modules\n"
    )
    for flag in ("--help", "--version"):
        result = subprocess.run([sys.executable, "-c", script, flag], capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "focuscount", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.strip() == "focuscount, version 0.1.0"


@pytest.mark.parametrize(
    "suffix", [".txt", ".md", ".pdf", ".docx", ".pptx", ".html", ".odt", ".odp", ".rtf", ".vtt", ".srt"]
)
def test_garbage_in_any_format_never_crashes(tmp_path: Path, suffix: str) -> None:
    import random

    noise = random.Random(suffix).randbytes(4096)
    for name, data in (("noise", noise), ("zip", b"PK\x03\x04" + noise), ("empty", b"")):
        (tmp_path / f"{name}{suffix}").write_bytes(data)
    (tmp_path / "2024-01-16-good.txt").write_text("Patrons came.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    for line in result.stderr.splitlines():
        assert line.startswith("focuscount: warning: "), line
        assert "Traceback" not in line
    data = json.loads(result.stdout)
    assert data["summary"]["documents"] + data["summary"]["unreadable"] == 4


def test_manifest_rows_that_date_nothing_are_warned(corpus: Path) -> None:
    manifest = corpus / "dates.csv"
    manifest.write_text("path,date\nminutes/notes.txt,2024-05-14\nminutes/typo.txt,2024-06-11\n", encoding="utf-8")
    code, _, err = run("analyze", corpus / "minutes", "--dates", manifest, "-f", "json")
    assert code == 0
    assert err == f"focuscount: warning: {manifest}:3: no document read matches 'minutes/typo.txt'\n"
