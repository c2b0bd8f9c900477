"""Findings that point at the text: sections and lines, the whole set, unreadable and empty documents.

Real multi-section minutes from examples/: Markdown (headings, file lines), DOCX
(heading styles, paragraphs: no file line) and PDF (pages with lines: no file
line), counted with the shipped library lexicon.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import textwrap
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner
from helpers import CHECK_ENVIRONMENT, EXAMPLES, FIXTURES, run_check

from focuscount.analysis import analyze
from focuscount.cli import cli
from focuscount.spans import DocumentSpans, Span, document_spans, fell_most

MARCH_MD = "2024-03-19-board-minutes.md"
MAY_DOCX = "2024-05-21-board-minutes.docx"
JULY_PDF = "2024-07-16-board-minutes.pdf"
# A note with no focus or versus hit at all.
EMPTY = "Minutes of the summer social, 11 June 2024.\n\nThe meeting closed at 8 pm.\n"
# Three paragraphs, no headings: the second holds most institution hits (lines 5-7).
PLAIN = """\
Notes of the working group, 4 June 2024.

The library budget for the branch was discussed, and the staff
rota, the policy on overtime and the procedure for the new
contract were agreed.

Patrons asked for longer hours.
"""


@pytest.fixture
def minutes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "minutes"
    folder.mkdir()
    for name in (MARCH_MD, MAY_DOCX, JULY_PDF):
        shutil.copy(EXAMPLES / "minutes" / name, folder / name)
    monkeypatch.chdir(tmp_path)
    for name in CHECK_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def configure(project: Path, check: str, paths: str = '["minutes"]') -> None:
    (project / "focuscount.toml").write_text(f"paths = {paths}\n\n[check]\n{textwrap.dedent(check)}", encoding="utf-8")


run = run_check


def findings(out: str) -> dict[str, dict]:
    """The JSON findings of a check by file name."""
    return {Path(f["path"]).name if f["path"] else None: f for f in json.loads(out)["findings"]}


# --- spans -------------------------------------------------------------------------------------------------------


def spans_of(path: Path) -> DocumentSpans:
    found: list[DocumentSpans] = []
    analysis = analyze(
        [path], on_document=lambda counts: found.append(document_spans(counts, "customer", "institution"))
    )
    assert [c.document.path for c in analysis.documents] == [path]
    return found[0]


def test_markdown_sections_have_file_lines() -> None:
    spans = spans_of(EXAMPLES / "minutes" / MARCH_MD)
    assert spans.hotspot == Span("2. Staffing structure", "lines 15–21", 3, 17, 15, 21)
    assert spans.hotspot.describe() == 'section "2. Staffing structure" (lines 15–21)'
    # Every heading opens a section, and the lines before the first one are a section of their own.
    assert list(spans.sections)[:3] == [
        "Minutes of the Board of Trustees meeting held on Tuesday 19 March 2024",
        "1. Approval of the minutes",
        "2. Staffing structure",
    ]
    assert spans.sections["4.2 Fees and charges"] == Span("4.2 Fees and charges", "lines 35–37", 2, 0, 35, 37)
    assert spans.parts == 13  # the title, 8 numbered items and 4 sub-items


def test_docx_sections_are_paragraphs_without_file_lines() -> None:
    spans = spans_of(EXAMPLES / "minutes" / MAY_DOCX)
    assert spans.hotspot == Span("5.2 New library system", "paragraphs 20–22", 1, 13)
    # A section holding a table ends on the table, named as the reader names it.
    assert spans.sections["3. Community survey"].place == "paragraphs 10–14"


def test_pdf_sections_are_pages_and_their_lines() -> None:
    spans = spans_of(EXAMPLES / "minutes" / JULY_PDF)
    assert spans.hotspot == Span("4.1 Budget monitoring", "page 2, lines 12–15", 0, 6)
    # A section running over a page break, its footer and running head left out.
    assert spans.sections["2. Open Doors strategy"].place == "pages 1–2"


def test_without_headings_the_paragraph_with_most_versus_hits(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text(PLAIN, encoding="utf-8")
    spans = spans_of(tmp_path / "notes.txt")
    assert spans.hotspot == Span(None, "lines 3–5", 0, 8, 3, 5)
    assert spans.hotspot.describe() == "lines 3–5"
    assert spans.sections == {}


def test_the_section_that_fell_most() -> None:
    spans = spans_of(EXAMPLES / "minutes" / MARCH_MD)
    before = {"2. Staffing structure": 0.9, "4.2 Fees and charges": 0.5}
    section, fell_from = fell_most(spans, before, None) or (None, None)
    assert (section and section.section, fell_from) == ("2. Staffing structure", 0.9)
    # A section the baseline lacks falls from the document's baseline ratio.
    section, fell_from = fell_most(spans, {}, 0.4) or (None, None)
    assert section is not None and section.ratio is not None and fell_from == 0.4
    assert section.ratio == min(s.ratio for s in spans.sections.values() if s.ratio is not None)
    assert fell_most(spans, {}, None) is None  # nothing to compare with


# --- document findings point at the section ------------------------------------------------------------------


def test_min_ratio_points_at_the_section_with_most_versus_hits_in_every_format(minutes: Path) -> None:
    configure(minutes, "min_ratio = { per_document = 0.6 }\n")
    code, out, _ = run("-f", "line")
    assert code == 1
    assert out.splitlines() == [
        f"minutes/{MARCH_MD}:15:1:min_ratio:ratio 0.26 (95% interval 0.17–0.38) is below the minimum 0.60 "
        '(policy 6, staff 6, branch 4); most institution hits: section "2. Staffing structure" (lines 15–21), 17 of 45',
        # No file line in a DOCX or a PDF: the format needs a number, the message names the place.
        f"minutes/{MAY_DOCX}:1:1:min_ratio:ratio 0.40 (95% interval 0.28–0.53) is below the minimum 0.60 "
        '(budget 4, library 4, staff 4); most institution hits: section "5.2 New library system" (paragraphs 20–22), '
        "13 of 32",
        f"minutes/{JULY_PDF}:1:1:min_ratio:ratio 0.49 (95% interval 0.34–0.64) is below the minimum 0.60 "
        '(budget 4, staff 3, facility 2); most institution hits: section "4.1 Budget monitoring" (page 2, lines 12–15), '
        "6 of 21",
    ]
    code, out, _ = run("-f", "text")
    assert out.splitlines()[0].startswith(f"ERROR   minutes/{MARCH_MD}:15: min_ratio: ratio 0.26")
    assert out.splitlines()[1].startswith(f"ERROR   minutes/{MAY_DOCX}: min_ratio: ratio 0.40")

    code, out, _ = run("-f", "github")
    lines = out.splitlines()
    assert lines[0].startswith(f"::error file=minutes/{MARCH_MD},line=15,endLine=21,title=focuscount min_ratio::")
    assert lines[1].startswith(f"::error file=minutes/{MAY_DOCX},title=focuscount min_ratio::ratio 0.40")
    assert lines[2].startswith(f"::error file=minutes/{JULY_PDF},title=focuscount min_ratio::ratio 0.49")

    code, out, _ = run("-f", "json")
    found = findings(out)
    march, may = found[MARCH_MD], found[MAY_DOCX]
    assert (march["line"], march["end_line"], march["column"]) == (15, 21, 1)
    assert march["at"] == 'section "2. Staffing structure" (lines 15–21)'
    assert (may["line"], may["end_line"], may["column"]) == (None, None, None)
    assert may["at"] == 'section "5.2 New library system" (paragraphs 20–22)'
    assert found[JULY_PDF]["at"] == 'section "4.1 Budget monitoring" (page 2, lines 12–15)'


def test_max_institution_rate_points_at_the_same_section(minutes: Path) -> None:
    configure(minutes, "max_institution_rate = { per_document = 60 }\n")
    code, out, _ = run("-f", "json")
    assert code == 1
    march = findings(out)[MARCH_MD]
    assert (march["rule"], march["line"], march["end_line"]) == ("max_institution_rate", 15, 21)
    assert march["message"].endswith('; most institution hits: section "2. Staffing structure" (lines 15–21), 17 of 45')


def test_a_paragraph_when_there_are_no_headings(minutes: Path) -> None:
    (minutes / "minutes" / "2024-06-04-working-group.txt").write_text(PLAIN, encoding="utf-8")
    configure(minutes, "min_ratio = { per_document = 0.5 }\n")
    code, out, _ = run("minutes/2024-06-04-working-group.txt", "-f", "github")
    assert code == 1
    assert out.splitlines()[0] == (
        "::error file=minutes/2024-06-04-working-group.txt,line=3,endLine=5,title=focuscount min_ratio::"
        "ratio 0.11 (95%25 interval 0.02–0.43) is below the minimum 0.50 (branch 1, budget 1, contract 1); "
        "most institution hits: lines 3–5, 8 of 8"
    )


def test_a_one_paragraph_document_is_pointed_at_without_words(minutes: Path) -> None:
    (minutes / "plan.txt").write_text("The library budget and the staff rota.\n", encoding="utf-8")
    configure(minutes, "min_ratio = { per_document = 0.5 }\n")
    code, out, _ = run("plan.txt", "-f", "json")
    assert code == 1
    finding = json.loads(out)["findings"][0]
    assert (finding["line"], finding["end_line"], finding["at"]) == (1, 1, "line 1")
    assert (
        finding["message"]
        == "ratio 0.00 (95% interval 0.00–0.49) is below the minimum 0.50 (budget 1, library 1, rota 1)"
    )


# --- no_regression points at the section whose ratio fell most ---------------------------------------------------


def git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", *args],
        cwd=folder, check=True, capture_output=True,
    )  # fmt: skip


# Section 7 of the March minutes, rewritten to talk about the institution only.
BUSINESS_BEFORE = "## 7. Any other business\n"
BUSINESS_AFTER = (
    "## 7. Any other business\n\n"
    "The Director reported on the staff rota, the budget, the procurement policy and the procedure for the "
    "library accounts; the Treasurer added the staffing budget and the branch facilities.\n"
)


def later_march(project: Path) -> None:
    path = project / "minutes" / MARCH_MD
    text = path.read_text(encoding="utf-8")
    assert BUSINESS_BEFORE in text
    path.write_text(text.replace(BUSINESS_BEFORE, BUSINESS_AFTER), encoding="utf-8")


def test_no_regression_against_git_points_at_the_section_that_fell(minutes: Path) -> None:
    configure(minutes, 'no_regression = { tolerance = 0.01, baseline_ref = "main" }\n', paths=f'["minutes/{MARCH_MD}"]')
    git(minutes, "init", "-q", "-b", "main")
    git(minutes, "add", ".")
    git(minutes, "commit", "-q", "-m", "March minutes")
    later_march(minutes)
    code, out, _ = run("-f", "json")
    assert code == 1
    march = findings(out)[MARCH_MD]
    assert (march["line"], march["end_line"]) == (55, 59)
    assert march["at"] == 'section "7. Any other business" (lines 55–59)'
    assert march["message"].endswith('; fell most: section "7. Any other business" (lines 55–59), from 1.00 to 0.18')


def test_no_regression_against_a_report_with_sections(minutes: Path) -> None:
    path = f"minutes/{MARCH_MD}"
    configure(minutes, 'no_regression = { tolerance = 0.01, baseline = "before.json" }\n', paths=f'["{path}"]')
    saved = CliRunner().invoke(cli, ["analyze", path, "--by-section", "-f", "json", "-o", "before.json"])
    assert saved.exit_code == 0, saved.stderr
    later_march(minutes)
    march = findings(run("-f", "json")[1])[MARCH_MD]
    assert march["message"].endswith('; fell most: section "7. Any other business" (lines 55–59), from 1.00 to 0.18')


def test_no_regression_against_a_report_without_sections_points_at_most_versus_hits(minutes: Path) -> None:
    path = f"minutes/{MARCH_MD}"
    configure(minutes, 'no_regression = { tolerance = 0.01, baseline = "before.json" }\n', paths=f'["{path}"]')
    saved = CliRunner().invoke(cli, ["analyze", path, "-f", "json", "-o", "before.json"])
    assert saved.exit_code == 0, saved.stderr
    later_march(minutes)
    march = findings(run("-f", "json")[1])[MARCH_MD]
    assert (march["line"], march["end_line"]) == (15, 21)
    assert march["message"].endswith('; most institution hits: section "2. Staffing structure" (lines 15–21), 17 of 54')


def test_a_report_with_a_broken_section_row_is_refused(minutes: Path) -> None:
    path = f"minutes/{MARCH_MD}"
    configure(minutes, 'no_regression = { tolerance = 0.01, baseline = "before.json" }\n', paths=f'["{path}"]')
    assert CliRunner().invoke(cli, ["analyze", path, "--by-section", "-f", "json", "-o", "before.json"]).exit_code == 0
    report = json.loads((minutes / "before.json").read_text(encoding="utf-8"))
    report["breakdowns"]["section"][2]["ratio"] = "high"
    (minutes / "before.json").write_text(json.dumps(report), encoding="utf-8")
    code, out, err = run()
    assert (code, out) == (2, "")
    assert err == (
        "Error: before.json: baseline field 'breakdowns.section[2]' must have 'path', 'section' and 'ratio' "
        "(a ratio from 0 to 1, or null); save the baseline again with `focuscount analyze -f json -o FILE`\n"
    )


# --- the whole set: one spelling in every format ------------------------------------------------------------------


def test_the_whole_set_is_all_documents_in_every_format(minutes: Path) -> None:
    configure(minutes, "min_ratio = { overall = 0.6 }\n")
    message = "ratio 0.37 (95% interval 0.25–0.50) is below the minimum 0.60 (staff 13, budget 12, policy 8)"
    assert run("-f", "text")[1].splitlines()[0] == f"ERROR   (all documents): min_ratio: {message}"
    assert run("-f", "line")[1] == f"(all documents):1:1:min_ratio:{message}\n"
    data = json.loads(run("-f", "json")[1])
    assert [(f["path"], f["line"], f["at"]) for f in data["findings"]] == [(None, None, None)]
    assert list(data["files"]) == ["(all documents)"]
    github = run("-f", "github")[1].splitlines()[0]
    assert github == f"::error title=focuscount min_ratio::(all documents): {message.replace('%', '%25')}"
    suite = ElementTree.fromstring(run("-f", "junit")[1].encode("utf-8")).find("testsuite")
    assert suite is not None
    (case,) = suite.findall("testcase")
    assert (case.get("classname"), case.get("name"), case.get("file")) == (
        "focuscount.min_ratio",
        "(all documents)",
        None,
    )
    failure = case.find("failure")
    assert failure is not None and failure.text == f"(all documents): {message}"


# --- unreadable files: every format says so -----------------------------------------------------------------------


@pytest.fixture
def with_corrupt(minutes: Path) -> Path:
    shutil.copy(FIXTURES / "corrupt.pdf", minutes / "minutes" / "2024-09-17-board-minutes.pdf")
    configure(minutes, "min_ratio = { overall = 0.3 }\n")
    return minutes


CORRUPT = "minutes/2024-09-17-board-minutes.pdf"


def test_an_unreadable_file_makes_the_check_incomplete_not_passed(with_corrupt: Path) -> None:
    code, out, err = run()
    assert code == 2
    lines = out.splitlines()
    assert lines[0].startswith(f"ERROR   {CORRUPT}: unreadable: ")
    assert lines[-1] == (
        "focuscount check incomplete: 0 errors, 0 warnings, 1 file unreadable (1 check on 3 documents; overall ratio 0.37)"
    )
    assert "passed" not in out
    assert err.endswith("Error: 1 file(s) could not be read; the check is incomplete\n")


def test_an_unreadable_file_and_a_failed_rule(with_corrupt: Path) -> None:
    configure(with_corrupt, "min_ratio = { overall = 0.5 }\n")
    code, out, _ = run()
    assert code == 2
    assert out.splitlines()[-1].startswith("focuscount check failed: 1 error, 0 warnings, 1 file unreadable (")


def test_an_unreadable_file_in_the_line_json_github_and_junit_formats(with_corrupt: Path) -> None:
    code, out, _ = run("-f", "line")
    assert code == 2
    assert out.startswith(f"{CORRUPT}:1:1:unreadable:")

    data = json.loads(run("-f", "json")[1])
    assert (data["passed"], data["status"], data["errors"]) == (False, "incomplete", 0)
    assert [item["path"] for item in data["unreadable"]] == [CORRUPT]
    reason = data["unreadable"][0]["reason"]
    assert reason

    github = run("-f", "github")[1].splitlines()
    assert github[0] == f"::error file={CORRUPT},title=focuscount::unreadable: {reason}"
    assert github[-1].startswith("focuscount check incomplete: ")

    suite = ElementTree.fromstring(run("-f", "junit")[1].encode("utf-8")).find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "0", "1")
    case = suite.findall("testcase")[0]
    assert (case.get("classname"), case.get("name"), case.get("file")) == ("focuscount.unreadable", CORRUPT, CORRUPT)
    error = case.find("error")
    assert error is not None and error.get("message") == f"unreadable: {reason}"


def test_the_step_summary_lists_an_unreadable_file(with_corrupt: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = with_corrupt / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert run("-f", "github")[0] == 2
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("### focuscount check incomplete\n")
    assert f"- {CORRUPT}: " in text


# --- empty documents: no evidence, a note unless on_empty says otherwise -----------------------------------------


@pytest.fixture
def with_empty(minutes: Path) -> Path:
    (minutes / "minutes" / "2024-06-11-social.txt").write_text(EMPTY, encoding="utf-8")
    return minutes


SOCIAL = "minutes/2024-06-11-social.txt"
NO_EVIDENCE = "no evidence: no customer or institution hits, so the ratio cannot be judged (minimum 0.20)"


def test_a_document_without_hits_is_a_note_by_default(with_empty: Path) -> None:
    configure(with_empty, "min_ratio = { per_document = 0.2 }\n")
    code, out, _ = run()
    assert code == 0
    assert out.splitlines() == [
        f"INFO    {SOCIAL}: min_ratio: {NO_EVIDENCE}",
        "focuscount check passed: 0 errors, 0 warnings, 1 note (4 checks on 4 documents; overall ratio 0.37)",
    ]
    assert run("-f", "github")[1].splitlines()[0] == f"::notice file={SOCIAL},title=focuscount min_ratio::{NO_EVIDENCE}"
    data = json.loads(run("-f", "json")[1])
    assert (data["passed"], data["infos"], data["findings"][0]["severity"]) == (True, 1, "info")
    suite = ElementTree.fromstring(run("-f", "junit")[1].encode("utf-8")).find("testsuite")
    assert suite is not None and suite.get("failures") == "0"
    social = next(case for case in suite if case.get("name") == SOCIAL)
    output = social.find("system-out")
    assert social.find("failure") is None and output is not None and output.text == f"info: {SOCIAL}: {NO_EVIDENCE}"


@pytest.mark.parametrize(
    ("check", "code", "severity"),
    [
        ('on_empty = "error"\nmin_ratio = { per_document = 0.2 }\n', 1, "error"),
        ('min_ratio = { per_document = 0.2, on_empty = "warning" }\n', 0, "warning"),
        ('on_empty = "error"\nmin_ratio = { per_document = 0.2, on_empty = "info" }\n', 0, "info"),  # the rule wins
    ],
)
def test_on_empty_in_the_check_table_or_the_rule(with_empty: Path, check: str, code: int, severity: str) -> None:
    configure(with_empty, check)
    found, out, _ = run("-f", "json")
    assert found == code
    assert [(f["path"], f["severity"]) for f in json.loads(out)["findings"]] == [(SOCIAL, severity)]


def test_on_empty_with_the_command_line_rule_and_the_variable(
    with_empty: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    configure(with_empty, 'on_empty = "error"\n')  # no rule in the file: --min-ratio makes one
    code, out, _ = run("--min-ratio", "0.2", "minutes/2024-06-11-social.txt")
    assert code == 1
    assert out.splitlines()[0] == "ERROR   (all documents): min_ratio: " + NO_EVIDENCE
    configure(with_empty, "min_ratio = { per_document = 0.2 }\n")
    monkeypatch.setenv("FOCUSCOUNT_ON_EMPTY", "error")
    assert run()[0] == 1
    monkeypatch.setenv("FOCUSCOUNT_ON_EMPTY", "fatal")
    code, _, err = run()
    assert code == 2
    assert err == "Error: FOCUSCOUNT_ON_EMPTY must be one of info, warning, error, not 'fatal'\n"


@pytest.mark.parametrize(
    ("check", "line", "message"),
    [
        ('on_empty = "fatal"\n', 4, "on_empty must be one of info, warning, error, not 'fatal'"),
        (
            'min_ratio = { per_document = 0.2, on_empty = true }\n', 4,
            "on_empty of 'min_ratio' must be one of info, warning, error, not True",
        ),
        (
            'min_words = { per_document = 10, on_empty = "info" }\n', 4,
            "unknown key 'on_empty' in rule 'min_words' (allowed: per_document, severity)",
        ),
    ],
)  # fmt: skip
def test_on_empty_errors_name_the_file_and_line(with_empty: Path, check: str, line: int, message: str) -> None:
    configure(with_empty, check)
    code, out, err = run()
    assert (code, out) == (2, "")
    assert err == f"Error: {with_empty / 'focuscount.toml'}:{line}: {message}\n"
