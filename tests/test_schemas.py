"""The JSON outputs of analyze, explain, terms and check against their JSON Schemas in docs/schemas/.

Every output comes from the real CLI, over the shipped examples and over a messy
corpus (an unreadable file, an undated one, a thin one, speakers and agenda items,
page furniture, a proper name), so a key added, renamed or retyped in a renderer
fails here until its schema says so.
"""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from focuscount.cli import cli

REPO = Path(__file__).resolve().parent.parent
SCHEMAS = REPO / "docs" / "schemas"
EXAMPLES = REPO / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
COMMANDS = ("analyze", "explain", "terms", "check")

# Minutes as a board secretary exports them: a letterhead, attendance, speakers, agenda items and a footer.
MINUTES = """\
Alderbrook Public Library - Board of Trustees
Minutes of the regular meeting, 12 March 2024
Present: J. Okafor (Chair), M. Lindqvist (Director), R. Patel, S. Moreau

1. Welcome and apologies

Chair: Welcome, everyone. Our patrons come first tonight, and the families who asked for
Saturday story times are here.

2. Director's report

Director: The library budget is tight. Staff turnover in the cataloguing department is high,
and the procedure for new collection purchases has changed. Patrons and readers asked for
longer hours; students want more study space and residents want the branch open on Sundays.

3. Friends of Alderbrook Public Library

Ms Patel: The Friends raised money for the community garden with local partners.

Alderbrook Public Library | Board minutes | Page 1 of 1
"""
# A file name and a first line without a date: counted, but in no period.
UNDATED = """\
Notes from the service planning workshop

Patrons asked for a quiet room; the library staff proposed a policy for booking it.
"""
# Three hits: a thin ratio at the default --min-hits 10.
THIN = "Attendance: R. Patel, S. Moreau\n\nPatrons asked about parking. The budget is unchanged.\n"
# Patrons and users only: a ratio of 1, for a baseline the later meeting falls from.
BASELINE_MEETING = "Patrons, users and readers asked for hours. Families and students came. " * 3 + "\n"
LATER_MEETING = "The library staff revised the budget, the policy and the procedure. " * 3 + "Patrons asked.\n"
CHECK_RULES = """\
[check]
min_ratio = { overall = 0.6, per_document = 0.5, severity = "error" }
max_institution_rate = { per_document = 90, severity = "warning" }
min_words = { per_document = 40, severity = "warning" }
"""


def schema(command: str) -> dict:
    return json.loads((SCHEMAS / f"{command}.schema.json").read_text(encoding="utf-8"))


def validator(command: str) -> Draft202012Validator:
    # Format checking stays off (the default): a "date" format is a note for readers; the pattern checks it.
    return Draft202012Validator(schema(command))


def errors(command: str, data: object) -> list[str]:
    """Every way ``data`` breaks the schema of ``command``, as ``$.path: message`` lines."""
    found = sorted(validator(command).iter_errors(data), key=lambda error: list(error.absolute_path))
    return [f"{error.json_path}: {error.message}" for error in found]


def run_json(*args: str | Path, exit_code: int = 0) -> dict:
    """Run ``focuscount ARGS -f json``, check its exit status and parse its standard output."""
    result = CliRunner().invoke(cli, [*(str(arg) for arg in args), "-f", "json"])
    assert result.exit_code == exit_code, (result.exit_code, result.stderr, result.exception)
    return json.loads(result.stdout)


def valid(command: str, data: dict) -> dict:
    assert errors(command, data) == []
    assert data["schema"] == f"focuscount/{command}/v1"
    return data


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    """A folder of minutes with an unreadable PDF, an undated note, a thin one and a stray spreadsheet."""
    folder = tmp_path / "minutes"
    folder.mkdir()
    (folder / "2024-03-12-board-minutes.txt").write_text(MINUTES, encoding="utf-8")
    (folder / "workshop-notes.md").write_text(UNDATED, encoding="utf-8")
    (folder / "2024-04-09-board-minutes.txt").write_text(THIN, encoding="utf-8")
    shutil.copy(FIXTURES / "corrupt.pdf", folder / "2024-05-14-board-minutes.pdf")
    (folder / "budget.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    return folder


@pytest.mark.parametrize("command", COMMANDS)
def test_each_schema_is_a_valid_draft_2020_12_schema(command: str) -> None:
    document = schema(command)
    Draft202012Validator.check_schema(document)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert document["properties"]["schema"]["const"] == f"focuscount/{command}/v1"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_property_has_a_title_and_a_description(command: str) -> None:
    missing: list[str] = []

    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                if not (sub.get("title") and sub.get("description")):
                    missing.append(f"{where}/{name}")
            for key, sub in node.items():
                walk(sub, f"{where}/{key}")
        elif isinstance(node, list):
            for index, sub in enumerate(node):
                walk(sub, f"{where}/{index}")

    walk(schema(command), "#")
    assert missing == []


def test_analyze_examples_with_every_breakdown() -> None:
    data = valid("analyze", run_json("analyze", EXAMPLES, "--by-speaker", "--by-section", "--by-slide"))
    summary = data["summary"]
    assert (summary["documents"], summary["dated"], summary["unsupported"], summary["words"]) == (14, 14, 2, 7818)
    assert summary["ratio"] == 0.5029
    assert sorted(data["breakdowns"]) == ["section", "slide", "speaker"]
    assert all(data["breakdowns"][kind] for kind in ("section", "slide", "speaker"))
    assert data["trend"]["direction"] == "rising"
    assert data["lexicon"]["report_only"] == ["community", "partners"]


def test_analyze_by_quarter_without_breakdowns() -> None:
    data = valid("analyze", run_json("analyze", EXAMPLES / "minutes", "--by", "quarter"))
    assert data["by"] == "quarter"
    assert data["breakdowns"] == {}
    assert [period["label"] for period in data["periods"]][:2] == ["2024-Q1", "2024-Q2"]


def test_analyze_messy_folder(messy: Path) -> None:
    data = valid("analyze", run_json("analyze", messy, "--by-speaker", "--by-section"))
    summary = data["summary"]
    assert (summary["documents"], summary["dated"], summary["undated"]) == (3, 2, 1)
    assert (summary["unreadable"], summary["unsupported"]) == (1, 1)
    assert [item["kind"] for item in data["skipped"]] == ["unreadable", "unsupported"]
    assert data["undated"] == [str(messy / "workshop-notes.md")]
    assert data["undated_hint"] is not None
    thin = next(d for d in data["documents"] if d["path"].endswith("2024-04-09-board-minutes.txt"))
    assert thin["thin"] is True
    assert (thin["counts"]["customer"], thin["counts"]["institution"]) == (1, 1)
    assert data["trend"] is None and data["trend_note"]
    assert {row["speaker"] for row in data["breakdowns"]["speaker"]} >= {"Chair", "Director"}


def test_analyze_with_a_path_that_does_not_exist(messy: Path) -> None:
    data = valid("analyze", run_json("analyze", messy, messy / "nope.txt", exit_code=2))
    assert data["skipped"][-1] == {
        "path": str(messy / "nope.txt"),
        "reason": "no such file or directory",
        "kind": "missing",
    }
    data = valid("terms", run_json("terms", messy, messy / "nope.txt", exit_code=2))
    assert data["skipped"][-1]["kind"] == "missing"


def test_analyze_a_document_without_hits_has_null_ratios(tmp_path: Path) -> None:
    (tmp_path / "2024-06-11-board-minutes.txt").write_text("Present: R. Patel\n\nThe meeting closed at 8pm.\n")
    data = valid("analyze", run_json("analyze", tmp_path))
    document = data["documents"][0]
    # No hits is the thinnest evidence: thin is true (the CSV leaves the cell empty).
    assert (document["ratio"], document["interval"], document["thin"]) == (None, None, True)
    assert data["summary"]["ratio"] is None


def test_analyze_with_language_auto(tmp_path: Path) -> None:
    pytest.importorskip("py3langid", reason="py3langid is the optional language identifier")
    (tmp_path / "2024-05-01-beirat.txt").write_text(
        "Die Kundinnen und Kunden der Stadtbibliothek wünschen sich längere Öffnungszeiten am Samstag. "
        "Die Leiterin berichtete, dass das Personal knapp ist und der Haushalt noch nicht beschlossen wurde. "
        "Viele Familien und Jugendliche nutzen den neuen Lernraum.\n",
        encoding="utf-8",
    )
    (tmp_path / "2024-05-03-board.txt").write_text(MINUTES, encoding="utf-8")
    data = valid("analyze", run_json("analyze", tmp_path, "--language", "auto"))
    assert data["lexicon"]["by_language"] == {"library-de": 1, "library": 1}
    assert [(d["language"], d["lexicon"]) for d in data["documents"]] == [("de", "library-de"), ("en", "library")]


def test_explain_examples() -> None:
    data = valid("explain", run_json("explain", EXAMPLES))
    assert data["hits"] and all(hit["counted"] for hit in data["hits"])
    assert {hit["kind"] for hit in data["hits"]} >= {"line", "page", "slide", "paragraph"}


def test_explain_ignored_matches_and_report_only_categories(messy: Path) -> None:
    # The conference PDF repeats its footer on every page: page furniture.
    talk = EXAMPLES / "talks" / "2025-10-09-regional-conference.pdf"
    data = valid("explain", run_json("explain", messy, talk, "--ignored", "-C", "3"))
    reasons = {hit["reason"] for hit in data["hits"] if not hit["counted"]}
    assert "page furniture" in reasons
    assert any(reason.startswith("name: ") for reason in reasons)
    community = [hit for hit in data["hits"] if hit["category"] == "community"]
    assert community and not any(hit["in_ratio"] for hit in community)
    assert data["context_words"] == 3


def test_explain_speaker_notes_and_transcript_cues() -> None:
    data = valid("explain", run_json("explain", FIXTURES / "deck.pptx", FIXTURES / "meeting.vtt"))
    assert any(hit["notes"] and hit["part"] == "notes" for hit in data["hits"])
    assert any(hit["kind"] == "cue" and hit["timestamp"] for hit in data["hits"])


def test_explain_with_no_hits(tmp_path: Path) -> None:
    (tmp_path / "2024-06-11-board-minutes.txt").write_text("The meeting closed at 8pm.\n")
    assert valid("explain", run_json("explain", tmp_path))["hits"] == []


def test_terms_examples_with_unmatched_words_and_names() -> None:
    data = valid("terms", run_json("terms", EXAMPLES, "--unmatched", "--names", "-n", "5"))
    assert (data["documents"], data["words"]) == (14, 7818)
    assert data["unmatched"] and data["names"]
    assert data["categories"]["community"]["in_ratio"] is False


def test_terms_messy_folder_without_options(messy: Path) -> None:
    data = valid("terms", run_json("terms", messy))
    assert (data["unmatched"], data["names"]) == (None, None)
    assert [item["kind"] for item in data["skipped"]] == ["unreadable", "unsupported"]
    assert data["categories"]["partners"]["terms"] == [] or data["categories"]["partners"]["hits"] > 0


def test_check_examples_with_failing_rules() -> None:
    data = valid("check", run_json("check", "--config", EXAMPLES / "ci" / "focuscount.toml", exit_code=1))
    assert (data["passed"], data["errors"], data["warnings"], data["checks"]) == (False, 2, 2, 43)
    assert data["baseline"] is None
    assert {finding["rule"] for finding in data["findings"]} == {"min_ratio", "max_institution_rate"}


def test_check_messy_folder_every_rule(messy: Path, tmp_path: Path) -> None:
    config = tmp_path / "focuscount.toml"
    config.write_text(CHECK_RULES, encoding="utf-8")
    # The unreadable PDF makes the check incomplete (exit 2), after the findings are written.
    data = valid("check", run_json("check", messy, "--config", config, exit_code=2))
    assert {finding["rule"] for finding in data["findings"]} >= {"min_words", "min_ratio"}
    words = next(finding for finding in data["findings"] if finding["rule"] == "min_words")
    assert words["top_terms"] == [] and words["interval"] is None
    ratios = [finding for finding in data["findings"] if finding["rule"] == "min_ratio"]
    assert ratios and all(finding["confidence"] == "point" and finding["interval"] for finding in ratios)


def test_check_against_a_baseline_report(tmp_path: Path) -> None:
    folder = tmp_path / "minutes"
    folder.mkdir()
    meeting = folder / "2024-03-12-board-minutes.txt"
    meeting.write_text(BASELINE_MEETING, encoding="utf-8")
    report = tmp_path / "baseline.json"
    result = CliRunner().invoke(cli, ["analyze", str(folder), "-f", "json", "-o", str(report)])
    assert result.exit_code == 0, result.stderr
    valid("analyze", json.loads(report.read_text(encoding="utf-8")))
    meeting.write_text(LATER_MEETING, encoding="utf-8")
    data = valid(
        "check",
        run_json("check", folder, "--baseline", report, "--min-ratio", "0", "--confidence", "interval", exit_code=1),
    )
    assert data["baseline"] == {"label": "baseline.json", "ratio": 1.0, "interval": data["baseline"]["interval"]}
    regressions = [finding for finding in data["findings"] if finding["rule"] == "no_regression"]
    assert [finding["path"] for finding in regressions] == [None, str(meeting)]
    assert all(finding["baseline_interval"] and finding["confidence"] == "interval" for finding in regressions)
    assert data["files"]["(all documents)"] == [regressions[0]]


def test_check_against_a_git_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    monkeypatch.chdir(tmp_path)
    meeting = tmp_path / "2024-03-12-board-minutes.txt"
    meeting.write_text("Patrons asked for Sunday hours. The library budget.\n", encoding="utf-8")
    for args in (("init", "-q", "-b", "main"), ("add", meeting.name), ("commit", "-q", "-m", "March minutes")):
        subprocess.run(
            ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", *args],
            cwd=tmp_path, check=True, capture_output=True,
        )  # fmt: skip
    meeting.write_text("The library budget, the staff rota, the policy and the procedure.\n", encoding="utf-8")
    data = valid("check", run_json("check", ".", "--baseline-ref", "main", "--min-ratio", "0", exit_code=1))
    assert data["baseline"]["label"] == "main"
    # Read from git, the baseline's ratio is computed, not read from a report: 1 of 3 hits.
    assert round(data["baseline"]["ratio"], 4) == 0.3333
    assert [finding["rule"] for finding in data["findings"]] == ["no_regression", "no_regression"]


def test_check_that_passes(tmp_path: Path) -> None:
    (tmp_path / "2024-03-12-board-minutes.txt").write_text(BASELINE_MEETING, encoding="utf-8")
    data = valid("check", run_json("check", tmp_path))
    assert (data["passed"], data["findings"], data["files"]) == (True, [], {})


@pytest.mark.parametrize(("command", "options"), [("explain", ["--ignored"]), ("analyze", ["--by-slide"])])
def test_every_fixture_format(command: str, options: list[str]) -> None:
    # Corrupt, encrypted and fake files are skipped; the rest show every format and location kind a reader names.
    data = valid(command, run_json(command, FIXTURES, *options))
    if command == "explain":
        formats = schema("explain")["$defs"]["hit"]["properties"]["format"]["enum"]
        assert {hit["format"] for hit in data["hits"]} == set(formats)


@pytest.fixture(scope="module")
def outputs() -> dict[str, dict]:
    """One real output of each command, to break on purpose."""
    return {
        "analyze": run_json("analyze", EXAMPLES / "minutes"),
        "explain": run_json("explain", EXAMPLES / "minutes" / "2024-01-16-board-minutes.txt"),
        "terms": run_json("terms", EXAMPLES / "minutes"),
        "check": run_json("check", "--config", EXAMPLES / "ci" / "focuscount.toml", exit_code=1),
    }


@pytest.mark.parametrize("command", COMMANDS)
def test_control_the_unbroken_output_is_valid(outputs: dict[str, dict], command: str) -> None:
    assert errors(command, outputs[command]) == []


# (command, where, what to do, the error expected)
BREAKAGES = [
    ("analyze", ("summary",), ("del", "ratio"), "$.summary: 'ratio' is a required property"),
    ("analyze", ("documents", 0), ("set", "words", "632"), "$.documents[0].words: '632' is not of type 'integer'"),
    ("analyze", ("documents", 0), ("set", "words", 632.5), "$.documents[0].words: 632.5 is not of type 'integer'"),
    ("analyze", ("documents", 0), ("set", "date_source", "guess"), "$.documents[0].date_source: 'guess' is not one of"),
    ("analyze", ("summary",), ("set", "ratio", 1.5), "$.summary.ratio: 1.5 is greater than the maximum of 1"),
    ("analyze", (), ("set", "surprise", True), "$: Additional properties are not allowed ('surprise' was unexpected)"),
    ("explain", ("hits", 0), ("del", "term"), "$.hits[0]: 'term' is a required property"),
    ("explain", ("hits", 0), ("set", "counted", "yes"), "$.hits[0].counted: 'yes' is not of type 'boolean'"),
    ("terms", (), ("set", "documents", None), "$.documents: None is not of type 'integer'"),
    ("terms", (), ("del", "categories"), "$: 'categories' is a required property"),
    ("check", ("findings", 0), ("set", "severity", "fatal"), "$.findings[0].severity: 'fatal' is not one of"),
    ("check", (), ("set", "passed", 0), "$.passed: 0 is not of type 'boolean'"),
    ("check", ("findings", 0), ("set", "interval", [0.2]), "$.findings[0].interval: [0.2] is too short"),
]


@pytest.mark.parametrize(("command", "where", "change", "expected"), BREAKAGES)
def test_control_a_broken_output_is_caught(
    outputs: dict[str, dict], command: str, where: tuple, change: tuple, expected: str
) -> None:
    data = copy.deepcopy(outputs[command])
    target = data
    for step in where:
        target = target[step]
    if change[0] == "del":
        del target[change[1]]
    else:
        target[change[1]] = change[2]
    found = errors(command, data)
    assert len(found) == 1 and found[0].startswith(expected), found
    with pytest.raises(ValidationError):
        validator(command).validate(data)
