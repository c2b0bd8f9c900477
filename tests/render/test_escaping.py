"""Hostile file names and document text through every output channel of the CLI.

The folder holds a file name with a newline and a forged ``::error`` command, one
with a window-title escape sequence, a Latin-1 name that is not valid UTF-8, and
documents whose text holds escape sequences, an OSC 8 link, bidi overrides, a
spreadsheet formula at a cell start, ``|``, ``<script>``, a legacy ``##[error]``
command and ``$…$`` TeX.  Every format, to standard output and to ``-o``, must keep
each record on its line, run nothing, parse, and show the exact escaped spelling.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
import textwrap
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from focuscount.cli import cli

NEWLINE_NAME = "2024-03-01-a\n::error file=x::forged.txt"
TITLE_NAME = "2024-03-02-\x1b]0;title\x07|<b>.txt"
LATIN1_NAME = os.fsdecode(b"2024-03-03-minutes-caf\xe9.txt")
HOSTILE_TEXT = (
    "The board\x1b[2J\x1b]0;pwned\x07 heard the customer.\n\n"
    "A \x1b]8;;http://evil.example\x07 customer \x1b]8;;\x07 link.\n\n"
    "Read \u202eyrarbil\u202c for the customer.\n\n"
    '=HYPERLINK("http://evil.example","x") customer | <script>alert(1)</script>\n\n'
    "::error file=z::inside ##[error]legacy customer\n"
)
SECTIONS_TEXT = (
    "# $5,000 to $10,000 =SUM(A1) | \x1b]8;;http://evil.example\x07here\x1b]8;;\x07\n\n"
    "The customer and the library.\n\n"
    "## $\\frac{bad$ budget\n\n"
    "Our users and the library.\n"
)
LEXICON = """
name = "hostile"
[ratio]
focus = "customer"
versus = "institution"
[categories.customer]
label = "Customers $x^2$ | <b>bold</b> \\u001b[31m"
terms = ["customer", "patron", "user"]
[categories.institution]
label = "Institution"
terms = ["library"]
"""

# Shown once escaped for a terminal (and the line, text and CSV formats).
NEWLINE_SHOWN = "docs/2024-03-01-a\\n::error file=x::forged.txt"
TITLE_SHOWN = "docs/2024-03-02-\\x1b]0;title\\x07|<b>.txt"
LATIN1_SHOWN = "docs/2024-03-03-minutes-caf\\xe9.txt"

# Raw characters that must never reach an output: controls but the newline, separators, bidi, surrogates.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ud800-\udfff]")


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in (NEWLINE_NAME, TITLE_NAME, LATIN1_NAME):
        (docs / name).write_text("The customer and the library.\n", encoding="utf-8")
    (docs / "2024-03-04-hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (docs / "2024-03-05-sections.md").write_text(SECTIONS_TEXT, encoding="utf-8")
    (tmp_path / "hostile.toml").write_text(textwrap.dedent(LEXICON), encoding="utf-8")
    settings = 'paths = ["docs"]\nlexicon = "hostile.toml"\n\n[check]\nmin_ratio = { per_document = 0.9 }\n'
    (tmp_path / "focuscount.toml").write_text(settings, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for variable in [name for name in os.environ if name.startswith("FOCUSCOUNT_")] + ["GITHUB_STEP_SUMMARY"]:
        monkeypatch.delenv(variable, raising=False)
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def assert_safe(output: str, commands: int = 0) -> None:
    """No raw control character, no legacy command, and no line that starts a command but our own ``commands``."""
    assert RAW.search(output) is None, repr(RAW.search(output))
    assert "##[" not in output
    starting = [line for line in output.splitlines() if line.lstrip().startswith("::")]
    assert len(starting) == commands, starting
    for line in starting:
        assert re.match(r"::(error|warning) file=[^\n]*,line=1,endLine=[0-9]+,title=focuscount min_ratio::ratio ", line), line


def written(path: str) -> str:
    """A file written with -o: UTF-8 all through."""
    return Path(path).read_bytes().decode("utf-8")


# --- analyze ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "file"])
def test_analyze_table_shows_every_name_on_its_line(hostile: Path, to_file: bool) -> None:
    code, out, err = run("analyze", "--by-section", *(["-o", "out.txt"] if to_file else []))
    assert code == 0, err
    out = written("out.txt") if to_file else out
    assert_safe(out)
    rows = [line for line in out.splitlines() if line.startswith("2024-03-0")]
    assert [row.split()[2] for row in rows[:5]] == [
        "docs/2024-03-01-a\\n::error",
        TITLE_SHOWN,
        LATIN1_SHOWN,
        "docs/2024-03-04-hostile.txt",
        "docs/2024-03-05-sections.md",
    ]
    assert "docs/2024-03-05-sections.md " in out
    assert " $5,000 to $10,000 =SUM(A1) | \\x1b]8;;http://evil.example\\x07here\\x1b]8;;\\x07 " in out
    assert "docs/2024-03-05-sections.md                    $\\frac{bad$ budget      " in out


@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "file"])
def test_analyze_json_keeps_names_and_parses(hostile: Path, to_file: bool) -> None:
    code, out, err = run("analyze", "-f", "json", "--by-section", *(["-o", "out.json"] if to_file else []))
    assert code == 0, err
    out = written("out.json") if to_file else out
    assert_safe(out)
    data = json.loads(out)
    assert [document["path"] for document in data["documents"]][:3] == [
        "docs/" + NEWLINE_NAME,  # JSON escapes are lossless: a script gets the real name
        "docs/" + TITLE_NAME,
        LATIN1_SHOWN,  # bytes no JSON string can hold are spelled \xNN
    ]
    assert data["lexicon"]["categories"]["customer"] == "Customers $x^2$ | <b>bold</b> \x1b[31m"
    assert "\\u001b]0;title\\u0007" in out


@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "file"])
def test_analyze_csv_is_one_record_per_line_and_no_formula(hostile: Path, to_file: bool) -> None:
    code, out, err = run("analyze", "-f", "csv", "--by-section", *(["-o", "out.csv"] if to_file else []))
    assert code == 0, err
    out = written("out.csv") if to_file else out
    assert_safe(out)
    assert len(out.splitlines()) == 1 + 5 + 5 + 6  # header, documents, periods, sections
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["path"] for row in rows[:3]] == [NEWLINE_SHOWN, TITLE_SHOWN, LATIN1_SHOWN]
    sections = [row["label"] for row in rows if row["row"] == "section" and row["path"].endswith("sections.md")]
    assert sections == ["$5,000 to $10,000 =SUM(A1) | \\x1b]8;;http://evil.example\\x07here\\x1b]8;;\\x07", "$\\frac{bad$ budget"]
    assert rows[0]["ratio"] == "0.5"  # numbers stay numbers


@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "file"])
def test_analyze_markdown_escapes_pipes_html_and_controls(hostile: Path, to_file: bool) -> None:
    code, out, err = run("analyze", "-f", "markdown", "--by-section", *(["-o", "out.md"] if to_file else []))
    assert code == 0, err
    out = written("out.md") if to_file else out
    assert_safe(out)
    assert "| docs/2024-03-01-a\\\\n::error file=x::forged.txt " in out
    assert "| docs/2024-03-02-\\\\x1b\\]0;title\\\\x07\\|&lt;b&gt;.txt " in out
    assert "| docs/2024-03-03-minutes-caf\\\\xe9.txt " in out
    assert "| \\$5,000 to \\$10,000 =SUM(A1) \\| \\\\x1b\\]8;;http://evil.example\\\\x07here\\\\x1b\\]8;;\\\\x07 |" in out
    table_rows = [line for line in out.splitlines() if line.startswith("|")]
    assert {line.count("|") - line.count("\\|") for line in table_rows} == {10, 9}  # no cell split by a |


# --- explain and terms -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "file"])
def test_explain_table_shows_document_escapes(hostile: Path, to_file: bool) -> None:
    code, out, err = run("explain", "-c", "customer", *(["-o", "out.txt"] if to_file else []))
    assert code == 0, err
    out = written("out.txt") if to_file else out
    assert_safe(out)
    assert "The board\\x1b[2J\\x1b]0;pwned\\x07 heard the [[customer]]." in out
    assert "A \\x1b]8;;http://evil.example\\x07 [[customer]] \\x1b]8;;\\x07 link." in out
    assert "Read \\u202eyrarbil\\u202c for the [[customer]]" in out
    assert "##\\x5berror]legacy [[customer]]" in out
    assert out.count(f"{NEWLINE_SHOWN}  ") == 1 and out.count(f"{LATIN1_SHOWN}  ") == 1


def test_explain_json_keeps_the_text_exactly(hostile: Path) -> None:
    code, out, err = run("explain", "-f", "json", "-c", "customer")
    assert code == 0, err
    assert_safe(out)
    hits = json.loads(out)["hits"]
    assert [hit["path"] for hit in hits][:3] == ["docs/" + NEWLINE_NAME, "docs/" + TITLE_NAME, LATIN1_SHOWN]
    befores = [hit["before"] for hit in hits if hit["path"].endswith("hostile.txt")]
    assert befores[1] == "A \x1b]8;;http://evil.example\x07 "
    assert befores[2] == "Read \u202eyrarbil\u202c for the "


@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "file"])
def test_explain_csv_neutralises_a_formula_at_a_cell_start(hostile: Path, to_file: bool) -> None:
    code, out, err = run("explain", "-f", "csv", "-c", "customer", *(["-o", "out.csv"] if to_file else []))
    assert code == 0, err
    out = written("out.csv") if to_file else out
    assert_safe(out)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(out.splitlines()) == 1 + len(rows) == 1 + 10
    assert [row["path"] for row in rows[:3]] == [NEWLINE_SHOWN, TITLE_SHOWN, LATIN1_SHOWN]
    formula = next(row for row in rows if "HYPERLINK" in row["context"])
    assert formula["before"] == '\'=HYPERLINK("http://evil.example","x") '
    assert formula["context"] == '\'=HYPERLINK("http://evil.example","x") customer | <script>alert(1)</script>'
    assert (formula["segment"], formula["start"]) == ("3", "38")  # numbers, not neutralised
    link = next(row for row in rows if "evil.example\\x07" in row["before"])
    assert link["before"] == "A \\x1b]8;;http://evil.example\\x07 "


@pytest.mark.parametrize("output_format", ["table", "json"])
def test_terms_label_words_and_skipped_names_are_escaped(hostile: Path, output_format: str) -> None:
    broken = hostile / "broken"
    broken.mkdir()
    (broken / os.fsdecode(b"2024-04-02-caf\xe9.pdf")).write_bytes(b"not a pdf")
    code, out, err = run("terms", "docs", "broken", "--unmatched", "-f", output_format, "-o", f"terms.{output_format}")
    assert code == 0, err
    out = written(f"terms.{output_format}")
    assert_safe(out)
    assert_safe(err)
    assert err.startswith("focuscount: warning: broken/2024-04-02-caf\\xe9.pdf: skipped: ")
    if output_format == "table":
        assert out.startswith("Customers $x^2$ | <b>bold</b> \\x1b[31m (customer): 10 hits\n")
    else:
        data = json.loads(out)
        assert data["categories"]["customer"]["label"] == "Customers $x^2$ | <b>bold</b> \x1b[31m"
        assert [skipped["path"] for skipped in data["skipped"]] == ["broken/2024-04-02-caf\\xe9.pdf"]


# --- check -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "file"])
def test_check_text_and_line_formats(hostile: Path, to_file: bool) -> None:
    for output_format in ("text", "line"):
        code, out, _ = run("check", "-f", output_format, *(["-o", "out.txt"] if to_file else []))
        assert code == 1
        out = written("out.txt") if to_file else out
        assert_safe(out)
        paths = [line.split(":1:1:")[0] if output_format == "line" else line.split()[1] for line in out.splitlines()]
        if output_format == "line":
            assert paths[:3] == [NEWLINE_SHOWN, TITLE_SHOWN, LATIN1_SHOWN]
        else:
            assert f"ERROR   {NEWLINE_SHOWN}:1: min_ratio: ratio 0.50 (95% interval 0.09–0.91) is below the minimum 0.90 (library 1)" in out


def test_a_name_starting_with_a_command_in_the_line_format(hostile: Path) -> None:
    Path("::error file=y::forged.txt").write_text("The library and the customer.\n", encoding="utf-8")
    code, out, _ = run("check", "-f", "line", "::error file=y::forged.txt")
    assert code == 1
    assert_safe(out)
    assert out == (
        "\\x3a:error file=y::forged.txt:1:1:min_ratio:ratio 0.50 (95% interval 0.09–0.91) is below the minimum 0.90"
        " (library 1)\n"
    )


def test_check_github_commands_and_step_summary(hostile: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = hostile / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, _ = run("check", "-f", "github")
    assert code == 1
    assert_safe(out, commands=4)  # the hostile text has a ratio of 1.00 and passes
    lines = out.splitlines()
    assert lines[0].startswith("::error file=docs/2024-03-01-a\\n%3A%3Aerror file=x%3A%3Aforged.txt,line=1,")
    assert lines[1].startswith("::error file=docs/2024-03-02-\\x1b]0;title\\x07|<b>.txt,line=1,")
    assert lines[2].startswith("::error file=docs/2024-03-03-minutes-caf\\xe9.txt,line=1,")
    assert lines[-1].startswith("focuscount check failed: 4 errors")
    markdown = summary.read_bytes().decode("utf-8")
    assert_safe(markdown)
    assert "| error | docs/2024-03-01-a\\\\n::error file=x::forged.txt | min\\_ratio |" not in markdown
    forged = next(line for line in markdown.splitlines() if "| docs/2024-03-01-a\\\\n::error file=x::forged.txt |" in line)
    assert forged.startswith("| error | docs/2024-03-01-a\\\\n::error file=x::forged.txt | min_ratio | 0.50 (0.09–0.91) | 0.90 |")
    assert "| error | docs/2024-03-03-minutes-caf\\\\xe9.txt | min_ratio |" in markdown
    assert "(lexicon hostile)" in markdown


@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "file"])
def test_check_junit_always_parses(hostile: Path, to_file: bool) -> None:
    code, out, _ = run("check", "-f", "junit", *(["-o", "out.xml"] if to_file else []))
    assert code == 1
    out = written("out.xml") if to_file else out
    assert_safe(out)
    root = ElementTree.fromstring(out.encode("utf-8"))
    names = [case.get("name") for case in root.iter("testcase")]
    assert names[:3] == [NEWLINE_SHOWN, TITLE_SHOWN, LATIN1_SHOWN]
    assert [case.get("file") for case in root.iter("testcase")][:3] == names[:3]


def test_check_json_parses(hostile: Path) -> None:
    code, out, _ = run("check", "-f", "json", "-o", "check.json")
    assert code == 1
    out = written("check.json")
    assert_safe(out)
    assert list(json.loads(out)["files"])[:3] == ["docs/" + NEWLINE_NAME, "docs/" + TITLE_NAME, LATIN1_SHOWN]


# --- warnings, report and charts -------------------------------------------------------------------------------


def test_warnings_about_hostile_names_stay_on_one_line(hostile: Path) -> None:
    broken = hostile / "broken"
    broken.mkdir()
    (broken / "2024-04-01-x\n::warning::forged.pdf").write_bytes(b"not a pdf")
    (broken / os.fsdecode(b"2024-04-02-caf\xe9\x1b[2J.docx")).write_bytes(b"not a docx")
    (broken / "2024-04-03-fine.txt").write_text("The customer.\n", encoding="utf-8")
    code, _, err = run("analyze", "broken")
    assert code == 0
    assert_safe(err)
    lines = err.splitlines()
    assert len(lines) == 2 and all(line.startswith("focuscount: warning: broken/2024-04-0") for line in lines)
    assert lines[0].startswith("focuscount: warning: broken/2024-04-01-x\\n::warning::forged.pdf: skipped: ")
    assert lines[1].startswith("focuscount: warning: broken/2024-04-02-caf\\xe9\\x1b[2J.docx: skipped: ")


@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "file"])
def test_report_escapes_names_and_draws_tex_literally(hostile: Path, to_file: bool) -> None:
    code, out, err = run("report", *(["-o", "report.html"] if to_file else []))
    assert code == 0, err
    out = written("report.html") if to_file else out
    assert_safe(out)
    assert "<script>alert(1)</script>" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "<summary>docs/2024-03-02-\\x1b]0;title\\x07|&lt;b&gt;.txt — " in out
    assert "docs/2024-03-03-minutes-caf\\xe9.txt" in out
    assert "##&#91;error]legacy" in out
    assert "$\\frac{bad$ budget" in out  # the section name in its table and on the sections chart, drawn as text
    assert re.search(r"<text[^>]*>[^<]*\$5,000 to \$10,000", out)


@pytest.mark.parametrize("kind", ["sections", "terms", "ratio"])
def test_charts_draw_user_text_literally(hostile: Path, kind: str) -> None:
    code, _, err = run("chart", "-k", kind, "--title", "Budget $\\frac{$ from $5,000 to $10,000", "-o", "chart.svg")
    assert code == 0, err
    svg = written("chart.svg")
    assert_safe(svg)
    texts = [text.text or "" for text in ElementTree.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]
    assert "Budget $\\frac{$ from $5,000 to $10,000" in texts
    if kind == "sections":
        assert "2024-03-05 · $\\frac{bad$ budget" in texts
        assert "2024-03-05 · $5,000 to $10,000 =SUM(A1) | \\x1b]8;;http://evi…"  # cut to fit the chart in texts
    else:
        assert any("Customers $x^2$ | <b>bold</b> \\x1b[31m" in text for text in texts)
    code, _, err = run("chart", "-k", kind, "--title", "$\\frac{$", "-o", "chart.png")
    assert code == 0, err


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_explain_on_a_terminal_keeps_only_its_own_bold(hostile: Path) -> None:
    import pty
    import subprocess

    controller, terminal = pty.openpty()
    environment = {name: value for name, value in os.environ.items() if not name.startswith("FOCUSCOUNT_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "focuscount", "explain", "--wide", "-c", "customer", "docs/2024-03-04-hostile.txt"],
        stdout=terminal,
        stderr=subprocess.PIPE,
        env=environment,
    )
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal closed: the program is done
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    assert process.wait(timeout=120) == 0, process.stderr.read() if process.stderr else ""
    out = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    bold = re.findall(r"\x1b\[1m|\x1b\[0m", out)
    assert len(bold) == 2 * 5 and out.count("\x1b") == len(bold)  # five hits, each bold on and off, nothing else
    assert "The board\\x1b[2J\\x1b]0;pwned\\x07 heard the \x1b[1mcustomer\x1b[0m." in out


def test_a_chart_figure_saved_outside_the_chart_style_still_draws_tex_literally(hostile: Path) -> None:
    from focuscount.analysis import analyze
    from focuscount.render.chart import chart_figure

    analysis = analyze(["docs"], "hostile.toml", breakdowns=["section"])
    figure = chart_figure(analysis, kind="sections", title="$\\frac{$")
    figure.savefig(io.BytesIO(), format="png")  # matplotlib's own defaults: parse_math on
    labels = [label.get_text() for label in figure.axes[0].get_yticklabels()]
    assert "2024-03-05 · $\\frac{bad$ budget" in labels
