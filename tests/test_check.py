"""focuscount check: every rule, every format and every exit code, through the CLI."""

from __future__ import annotations

import json
import subprocess
import textwrap
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner
from helpers import ISSUE_LEXICON

from focuscount.baseline import load_report_baseline
from focuscount.cli import cli
from focuscount.config import Rule
from focuscount.errors import ConfigError
from focuscount.lexicon import load_lexicon
from focuscount.options import ReadOptions

STRATEGY = "Our patrons and customers come first. The library serves users.\n"  # 10 words, 3 vs 1
PLAN = "The library budget, library resources and administration.\n"  # 7 words, 0 vs 4


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "strategy.md").write_text(STRATEGY, encoding="utf-8")
    (tmp_path / "docs" / "plan.md").write_text(PLAN, encoding="utf-8")
    (tmp_path / "lexicon.toml").write_text(textwrap.dedent(ISSUE_LEXICON), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_STEP_SUMMARY", "FOCUSCOUNT_MIN_RATIO", "FOCUSCOUNT_PATHS"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def configure(project: Path, check: str) -> None:
    text = f'paths = ["docs"]\nlexicon = "lexicon.toml"\n\n[check]\n{textwrap.dedent(check)}'
    (project / "focuscount.toml").write_text(text, encoding="utf-8")


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check", *(str(arg) for arg in args)])
    return result.exit_code, result.stdout, result.stderr


def test_all_rules_pass_exit_0(project: Path) -> None:
    configure(project, "min_ratio = { overall = 0.3 }\nmin_words = 5\n")
    code, out, err = run()
    assert (code, err) == (0, "")
    assert out == "focuscount check passed: 0 errors, 0 warnings (3 checks on 2 documents; overall ratio 0.38)\n"


def test_min_ratio_overall_and_per_document_fail_exit_1(project: Path) -> None:
    configure(project, "min_ratio = { overall = 0.5, per_document = 0.4 }\n")
    code, out, _ = run()
    assert code == 1
    assert out.splitlines() == [
        "ERROR   (all documents): min_ratio: ratio 0.38 (95% interval 0.05–0.88) is below the minimum 0.50 "
        "(library 3, administration 1, resource 1)",
        "ERROR   docs/plan.md:1: min_ratio: ratio 0.00 (95% interval 0.00–0.49) is below the minimum 0.40 "
        "(library 2, administration 1, resource 1)",
        "focuscount check failed: 2 errors, 0 warnings (3 checks on 2 documents; overall ratio 0.38)",
    ]


def test_warnings_alone_pass(project: Path) -> None:
    configure(project, 'min_words = { per_document = 8, severity = "warning" }\n')
    code, out, _ = run()
    assert code == 0
    assert out.splitlines()[0] == "WARNING docs/plan.md: min_words: 7 words is below the minimum 8: too short to judge"


def test_max_institution_rate(project: Path) -> None:
    configure(project, "max_institution_rate = { per_document = 300, overall = 250 }\n")
    code, out, _ = run("-f", "json")
    assert code == 1
    data = json.loads(out)
    assert [(f["path"], f["rule"], f["measured"], f["threshold"]) for f in data["findings"]] == [
        (None, "max_institution_rate", 294.1176, 250.0),
        ("docs/plan.md", "max_institution_rate", 571.4286, 300.0),
    ]
    assert data["findings"][1]["top_terms"] == [
        {"category": "institution", "term": "library", "hits": 2},
        {"category": "institution", "term": "administration", "hits": 1},
        {"category": "institution", "term": "resource", "hits": 1},
    ]
    assert (data["passed"], data["errors"], data["warnings"], data["checks"]) == (False, 2, 0, 3)
    assert list(data["files"]) == ["(all documents)", "docs/plan.md"]


def test_document_without_hits_is_no_evidence_not_a_pass(project: Path) -> None:
    (project / "docs" / "empty.md").write_text("Nothing about anyone here.\n", encoding="utf-8")
    configure(project, "min_ratio = { per_document = 0.1 }\n")
    code, out, _ = run("-f", "line")
    assert code == 1  # plan.md fails; empty.md is reported, as a note
    assert out.splitlines()[-1] == (
        "docs/empty.md:1:1:min_ratio:no evidence: no customer or institution hits, so the ratio cannot be judged "
        "(minimum 0.10)"
    )


def test_line_format(project: Path) -> None:
    configure(project, "min_ratio = { per_document = 0.4 }\n")
    code, out, _ = run("--format", "line")
    assert code == 1
    assert out == (
        "docs/plan.md:1:1:min_ratio:ratio 0.00 (95% interval 0.00–0.49) is below the minimum 0.40 "
        "(library 2, administration 1, resource 1)\n"
    )


def test_github_format_and_step_summary(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = project / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    configure(project, 'min_ratio = { per_document = 0.4 }\nmin_words = { per_document = 8, severity = "warning" }\n')
    code, out, _ = run("-f", "github")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == (
        "::error file=docs/plan.md,line=1,endLine=1,title=focuscount min_ratio::ratio 0.00 (95%25 interval 0.00–0.49) "
        "is below the minimum 0.40 (library 2, administration 1, resource 1)"
    )
    # min_words is about the whole file: no line
    assert lines[1].startswith("::warning file=docs/plan.md,title=focuscount min_words::7 words")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("### focuscount check failed\n")
    assert "| error | docs/plan.md | min_ratio | 0.00 (0.00–0.49) | 0.40 |" in text


def test_junit_format(project: Path) -> None:
    configure(project, "min_ratio = { overall = 0.5, per_document = 0.4 }\n")
    code, out, _ = run("-f", "junit")
    assert code == 1
    root = ElementTree.fromstring(out.encode("utf-8"))
    (suite,) = root.findall("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("3", "2")
    cases = [(case.get("classname"), case.get("name"), case.find("failure") is not None) for case in suite]
    assert cases == [
        ("focuscount.min_ratio", "(all documents)", True),
        ("focuscount.min_ratio", "docs/plan.md", True),
        ("focuscount.min_ratio", "docs/strategy.md", False),
    ]


def test_output_file(project: Path) -> None:
    configure(project, "min_ratio = 0.3\n")
    code, out, err = run("-f", "json", "-o", "report.json")
    assert (code, out) == (0, "")
    assert err == "focuscount: wrote report.json\n"
    assert json.loads((project / "report.json").read_text(encoding="utf-8"))["passed"] is True


def test_default_rule_without_configuration(project: Path) -> None:
    code, out, _ = run("docs", "-l", "lexicon.toml")
    assert code == 1
    assert out.splitlines()[0].startswith(
        "ERROR   (all documents): min_ratio: ratio 0.38 (95% interval 0.05–0.88) is below the minimum 0.50"
    )


def test_command_line_overrides_file_and_environment(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    configure(project, "min_ratio = 0.5\n")
    monkeypatch.setenv("FOCUSCOUNT_MIN_RATIO", "0.9")
    assert run()[0] == 1
    assert run("--min-ratio", "0.3")[0] == 0
    monkeypatch.setenv("FOCUSCOUNT_MIN_RATIO", "0.2")
    assert run()[0] == 0


def test_unreadable_file_exits_2(project: Path) -> None:
    configure(project, "min_ratio = 0.1\n")
    (project / "docs" / "broken.pdf").write_bytes(b"not a pdf")
    code, _, err = run()
    assert code == 2
    assert "docs/broken.pdf: skipped: not a valid PDF" in err
    assert "Error: 1 file(s) could not be read; the check is incomplete" in err


def test_config_error_exits_2(project: Path) -> None:
    (project / "focuscount.toml").write_text('paths = ["docs"]\n[check]\nmin_ratio = 2\n', encoding="utf-8")
    code, _, err = run()
    assert code == 2
    assert "focuscount.toml:3: 'overall' of 'min_ratio' must be between 0 and 1, not 2" in err


def test_lexicon_error_exits_2(project: Path) -> None:
    (project / "bad.toml").write_text("nonsense = 1\n", encoding="utf-8")
    code, _, err = run("docs", "-l", "bad.toml")
    assert code == 2
    assert "bad.toml:1: unknown key 'nonsense'" in err


def test_usage_error_exits_2(project: Path) -> None:
    assert run("--format", "xml")[0] == 2
    assert run("--min-ratio", "2")[0] == 2


def test_baseline_report(project: Path) -> None:
    configure(project, "no_regression = { tolerance = 0.05 }\n")
    assert CliRunner().invoke(cli, ["analyze", "-f", "json", "-o", "before.json"]).exit_code == 0
    assert run("--baseline", "before.json")[0] == 0
    (project / "docs" / "strategy.md").write_text("The library serves users.\n", encoding="utf-8")
    code, out, _ = run("--baseline", "before.json")
    assert code == 1
    assert out.splitlines()[:2] == [
        "ERROR   (all documents): no_regression: ratio fell from 0.38 (before.json, 95% interval 0.05–0.88) "
        "to 0.17 (95% interval 0.02–0.70), a drop of 0.21 (tolerance 0.05) (library 3, administration 1, resource 1)",
        "ERROR   docs/strategy.md:1: no_regression: ratio fell from 0.75 (before.json, 95% interval 0.30–0.95) "
        "to 0.50 (95% interval 0.09–0.91), a drop of 0.25 (tolerance 0.05) (library 1)",
    ]


def test_baseline_finds_a_document_whose_name_is_not_utf8(project: Path) -> None:
    # The saved report spells the Latin-1 byte as \\xe9; the current run must key the file the same way.
    import os

    latin1 = project / "docs" / os.fsdecode(b"strat\xe9gie.md")
    (project / "docs" / "strategy.md").rename(latin1)
    configure(project, "no_regression = { tolerance = 0.05 }\n")
    assert CliRunner().invoke(cli, ["analyze", "-f", "json", "-o", "before.json"]).exit_code == 0
    assert "docs/strat\\\\xe9gie.md" in (project / "before.json").read_text(encoding="utf-8")
    latin1.write_text("The library serves users.\n", encoding="utf-8")
    code, out, _ = run("--baseline", "before.json")
    assert code == 1
    assert out.splitlines()[1] == (
        "ERROR   docs/strat\\xe9gie.md:1: no_regression: ratio fell from 0.75 (before.json, 95% interval 0.30–0.95) "
        "to 0.50 (95% interval 0.09–0.91), a drop of 0.25 (tolerance 0.05) (library 1)"
    )


def test_baseline_that_is_not_a_report_exits_2(project: Path) -> None:
    (project / "other.json").write_text("{}", encoding="utf-8")
    code, _, err = run("docs", "--baseline", "other.json")
    assert code == 2
    assert "baseline is not a focuscount report" in err


def git(project: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", *args],
        cwd=project, check=True, capture_output=True,
    )  # fmt: skip


def test_baseline_ref_reads_git_without_touching_the_checkout(project: Path) -> None:
    configure(project, "no_regression = { tolerance = 0.05 }\n")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "docs", "lexicon.toml")
    git(project, "commit", "-q", "-m", "first")
    (project / "docs" / "strategy.md").write_text("The library serves users.\n", encoding="utf-8")
    status_before = subprocess.run(["git", "status", "--porcelain"], cwd=project, capture_output=True, text=True).stdout
    code, out, _ = run("--baseline-ref", "main")
    assert code == 1
    assert out.splitlines()[0].startswith(
        "ERROR   (all documents): no_regression: ratio fell from 0.38 (main, 95% interval 0.05–0.88) to 0.17"
    )
    assert "docs/strategy.md:1: no_regression: ratio fell from 0.75 (main, 95% interval 0.30–0.95) to 0.50" in out
    status_after = subprocess.run(["git", "status", "--porcelain"], cwd=project, capture_output=True, text=True).stdout
    assert status_after == status_before
    assert (project / "docs" / "strategy.md").read_text(encoding="utf-8") == "The library serves users.\n"
    git(project, "commit", "-q", "-am", "second")
    assert run("--baseline-ref", "HEAD")[0] == 0


def test_baseline_ref_errors_exit_2(project: Path) -> None:
    configure(project, "min_ratio = 0.1\n")
    code, _, err = run("--baseline-ref", "main")
    assert code == 2
    assert "--baseline-ref:" in err
    git(project, "init", "-q", "-b", "main")
    code, _, err = run("--baseline-ref", "nosuchbranch")
    assert code == 2
    assert "unknown revision 'nosuchbranch'" in err
    code, _, err = run("--baseline-ref=--output=/tmp/x")  # never handed to git, where it would be an option
    assert code == 2
    assert err.splitlines()[-1] == "Error: --baseline-ref: '--output=/tmp/x' is not a git revision"


def test_regression_rule_without_baseline_exits_2(project: Path) -> None:
    configure(project, "no_regression = 0.05\n")
    code, _, err = run()
    assert code == 2
    assert "rule no_regression needs a baseline" in err


def test_init_writes_a_starter_and_never_overwrites(project: Path) -> None:
    result = CliRunner().invoke(cli, ["init"])
    assert result.exit_code == 0
    written = (project / "focuscount.toml").read_text(encoding="utf-8")
    assert written.startswith("# focuscount settings.")
    result = CliRunner().invoke(cli, ["init"])
    assert result.exit_code == 2
    assert "already exists; focuscount init never overwrites it" in result.stderr
    assert (project / "focuscount.toml").read_text(encoding="utf-8") == written


def test_starter_config_is_valid_and_checks(project: Path) -> None:
    assert CliRunner().invoke(cli, ["init"]).exit_code == 0
    code, out, err = run("-l", "lexicon.toml")
    assert code == 1, err
    assert "docs/plan.md:1: min_ratio" in out


BAD = Path(__file__).parent / "fixtures" / "bad"
SAVE_AGAIN = "save the baseline again with `focuscount analyze -f json -o FILE`"


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        (
            "baseline_wrong_types.json",
            "baseline field 'summary.ratio' must be a ratio from 0 to 1, or null, not \"high\"",
        ),
        ("baseline_documents_object.json", "baseline field 'documents' must be a list of documents, not an object"),
        ("baseline_missing_path.json", "baseline field 'documents[1].path' is missing"),
        (
            "baseline_nan_ratio.json",
            "baseline field 'documents[0].ratio' must be a ratio from 0 to 1, or null, not NaN",
        ),
    ],
)
def test_baseline_with_wrong_value_types_exits_2_naming_the_field(project: Path, fixture: str, message: str) -> None:
    configure(project, "min_ratio = 0.1\n")
    code, out, err = run("--baseline", BAD / fixture)
    assert (code, out) == (2, "")
    assert err == f"Error: {BAD / fixture}: {message}; {SAVE_AGAIN}\n"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda r: r["summary"].update(ratio=True), "baseline field 'summary.ratio' must be a ratio from 0 to 1, or null, not true"),
        (lambda r: r["summary"].update(ratio=1.5), "baseline field 'summary.ratio' must be a ratio from 0 to 1, or null, not 1.5"),
        (lambda r: r["summary"].update(ratio=float("inf")), "baseline field 'summary.ratio' must be a ratio from 0 to 1, or null, not Infinity"),
        (lambda r: r.update(summary=[0.5]), "baseline field 'summary' must be an object, not a list"),
        (lambda r: r.pop("summary"), "baseline field 'summary' is missing"),
        (lambda r: r["documents"].append("docs/new.md"), "baseline field 'documents[2]' must be an object with 'path' and 'ratio', not \"docs/new.md\""),
        (lambda r: r["documents"][0].update(path="docs/\u0000plan.md"), "baseline field 'documents[0].path' must be a non-empty string, not \"docs/\\u0000plan.md\""),
        (lambda r: r["documents"][0].update(path=""), "baseline field 'documents[0].path' must be a non-empty string, not \"\""),
        (lambda r: r["documents"][0].pop("ratio"), "baseline field 'documents[0].ratio' is missing"),
        (lambda r: r["lexicon"].update(hash=None), "baseline field 'lexicon.hash' must be a non-empty string, not null"),
    ],
)  # fmt: skip
def test_every_field_of_a_baseline_is_checked(tmp_path: Path, edit: Callable[[dict], object], message: str) -> None:
    report = json.loads((BAD / "baseline_wrong_types.json").read_text(encoding="utf-8"))
    report["summary"]["ratio"] = 0.375
    edit(report)
    path = tmp_path / "before.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_report_baseline(path)
    assert str(raised.value) == f"{path}: {message}; {SAVE_AGAIN}"


def test_baseline_nested_past_the_stack_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_report_baseline(path)
    assert str(raised.value) == f"{path}: baseline is not a readable JSON report (nested too deeply)"


def test_valid_fixture_shape_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    report = json.loads((BAD / "baseline_wrong_types.json").read_text(encoding="utf-8"))
    report["summary"]["ratio"] = 0.375
    path = tmp_path / "before.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    baseline = load_report_baseline(path)
    assert (baseline.ratio, baseline.documents) == (0.375, {"docs/plan.md": 0.0, "docs/strategy.md": 0.75})
    assert (baseline.lexicon_name, baseline.lexicon_hash) == ("library", report["lexicon"]["hash"])


OTHER_LEXICON = ISSUE_LEXICON.replace('"administration", ', "")  # one term fewer: other counts


def save_baseline_with_other_lexicon(project: Path) -> str:
    (project / "old.toml").write_text(textwrap.dedent(OTHER_LEXICON), encoding="utf-8")
    saved = CliRunner().invoke(cli, ["analyze", "docs", "-l", "old.toml", "-f", "json", "-o", "before.json"])
    assert saved.exit_code == 0, saved.stderr
    return json.loads((project / "before.json").read_text(encoding="utf-8"))["lexicon"]["hash"]


def test_baseline_made_with_another_lexicon_is_refused(project: Path) -> None:
    old_hash = save_baseline_with_other_lexicon(project)
    configure(project, "no_regression = { tolerance = 0.05 }\n")
    current = load_lexicon(project / "lexicon.toml").short_hash
    assert old_hash[:12] != current
    code, out, err = run("--baseline", "before.json")
    assert (code, out) == (2, "")
    assert err == (
        f"Error: before.json: baseline was counted with lexicon library ({old_hash[:12]}), not library ({current}), "
        "so its ratios are not comparable: save a new baseline, or pass --allow-lexicon-change to compare anyway\n"
    )


def test_lexicon_change_allowed_by_flag_or_setting(project: Path) -> None:
    save_baseline_with_other_lexicon(project)  # old ratio 0.43 overall; now 0.38 with 'administration' counted
    configure(project, "no_regression = { tolerance = 0.01 }\n")
    code, out, _ = run("--baseline", "before.json", "--allow-lexicon-change")
    assert code == 1
    assert out.splitlines()[0].startswith(
        "ERROR   (all documents): no_regression: ratio fell from 0.43 (before.json, 95% interval 0.07–0.89) to 0.38"
    )
    configure(project, 'no_regression = { tolerance = 0.01, baseline = "before.json", allow_lexicon_change = true }\n')
    assert run()[:2] == (code, out)


def test_baseline_with_the_same_lexicon_needs_no_flag(project: Path) -> None:
    configure(project, "no_regression = { tolerance = 0.05 }\n")
    assert CliRunner().invoke(cli, ["analyze", "-f", "json", "-o", "before.json"]).exit_code == 0
    assert run("--baseline", "before.json")[0] == 0


def test_nan_gates_fail_loudly_from_every_source(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    configure(project, "min_ratio = 0.9\n")  # fails: the overall ratio is 0.38
    assert run()[0] == 1
    code, _, err = run("--min-ratio", "nan")
    assert code == 2
    assert err.endswith("Error: Invalid value for '--min-ratio': must be between 0 and 1, not 'nan'\n")
    monkeypatch.setenv("FOCUSCOUNT_MIN_RATIO", "nan")
    assert run() == (2, "", "Error: FOCUSCOUNT_MIN_RATIO must be between 0 and 1, not 'nan'\n")
    monkeypatch.delenv("FOCUSCOUNT_MIN_RATIO")
    configure(project, "min_ratio = nan\n")
    assert run() == (
        2,
        "",
        f"Error: {project / 'focuscount.toml'}:5: 'overall' of 'min_ratio' must be between 0 and 1, not nan\n",
    )


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--min-ratio", "nan", "must be between 0 and 1, not 'nan'"),
        ("--min-ratio", "inf", "must be between 0 and 1, not 'inf'"),
        ("--min-ratio", "-1", "must be between 0 and 1, not '-1'"),
        ("--min-ratio", "2", "must be between 0 and 1, not '2'"),
        ("--min-ratio", "half", "must be a number, not 'half'"),
        ("--max-file-mb", "nan", "must be a number of megabytes above 0 and at most 1000000, not 'nan'"),
        ("--max-file-mb", "inf", "must be a number of megabytes above 0 and at most 1000000, not 'inf'"),
        ("--max-file-mb", "-1", "must be a number of megabytes above 0 and at most 1000000, not '-1'"),
        ("--max-file-mb", "0", "must be a number of megabytes above 0 and at most 1000000, not '0'"),
    ],
)
def test_numeric_options_are_validated_like_the_settings(project: Path, option: str, value: str, message: str) -> None:
    code, out, err = run("docs", "-l", "lexicon.toml", option, value)
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == f"Error: Invalid value for '{option}': {message}"


def test_numeric_options_in_range_are_taken(project: Path) -> None:
    assert run("docs", "-l", "lexicon.toml", "--min-ratio", "0.3", "--max-file-mb", "2")[0] == 0
    assert run("docs", "-l", "lexicon.toml", "--min-ratio", "1")[0] == 1


def test_check_run_refuses_a_nan_minimum_from_python(project: Path) -> None:
    from focuscount.check import check_run

    with pytest.raises(ConfigError) as raised:
        check_run([Path("docs")], "lexicon.toml", min_ratio=float("nan"))
    assert str(raised.value) == "min_ratio.overall must be between 0 and 1, not nan"


def committed(project: Path) -> None:
    configure(project, "no_regression = { tolerance = 0.05 }\n")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "docs", "lexicon.toml")
    git(project, "commit", "-q", "-m", "first")


def test_baseline_ref_reads_the_old_files_with_the_same_options(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import focuscount.check

    committed(project)
    real = focuscount.check.analyze
    calls: list[dict[str, object]] = []

    def spy(paths: list[Path], lexicon: object, *, options: ReadOptions, **rest: object) -> object:
        calls.append(options)
        return real(paths, lexicon, options=replace(options, model=None), **rest)  # no spaCy model here for tests

    monkeypatch.setattr(focuscount.check, "analyze", spy)
    code, _, err = run(
        "--baseline-ref", "main", "--model", "en_test_model", "--max-file-mb", "3", "--date-order", "dmy"
    )
    assert code == 0, err
    current, then = calls
    assert then == current.without_dates()  # the same options, field for field
    assert (then.model, then.date_order, then.limits.max_file_mb) == ("en_test_model", "dmy", 3.0)
    assert then.dates is None  # the manifest names the working tree, not the copies


def test_baseline_ref_obeys_the_size_limit(project: Path) -> None:
    # strategy.md was long (and customer-minded) at main; now it is short. With --max-file-mb the old copy is
    # over the limit, so it is skipped in the baseline too, and no per-document regression can be claimed for it.
    (project / "docs" / "strategy.md").write_text(STRATEGY * 40, encoding="utf-8")
    committed(project)
    (project / "docs" / "strategy.md").write_text("The library serves users.\n", encoding="utf-8")
    code, out, _ = run("--baseline-ref", "main")
    assert code == 1
    assert "docs/strategy.md:1: no_regression: ratio fell from 0.75 (main, 95% interval 0.68–0.81) to 0.50" in out
    code, out, _ = run("--baseline-ref", "main", "--max-file-mb", "0.001")  # 1,048 bytes: the old copy has 2,600
    assert (code, out) == (
        0,
        "focuscount check passed: 0 errors, 0 warnings (2 checks on 2 documents; overall ratio 0.17)\n",
    )


# --- confidence = "point" | "interval" -------------------------------------------------------------------------
# Three meetings with counts known by hand (customer vs institution hits) and their 95% Wilson intervals:
# board 0 vs 12 (0.00, 0.00–0.24), outreach 8 vs 2 (0.80, 0.49–0.94), finance 1 vs 3 (0.25, 0.05–0.70);
# overall 9 vs 17 (0.35, 0.06–0.81: wide, because the meetings disagree and the interval allows for it).
BOARD = """\
Minutes of the library board, 12 March 2024.
The administration presented the library budget for the coming year.
The board discussed resource planning and the internal procedure for purchasing.
The library director asked the administration to review each resource line.
Members agreed that library opening hours depend on staff resources.
The administration will report on the library building at the next meeting.
"""
OUTREACH = """\
Minutes of the outreach committee, 9 April 2024.
Volunteers described the reading club for patrons and the homework help for young users.
Customers asked for longer hours, and two patrons offered to recruit more volunteers.
The administration will ask each user group and customer panel for ideas before the library decides.
"""
FINANCE = """\
Minutes of the finance meeting, 14 May 2024.
The library budget was approved after the administration explained the resource costs.
One patron spoke during public comment.
"""
# Later versions: outreach 1 vs 9 (0.10, 0.02–0.40), finance 0 vs 4 (0.00, 0.00–0.49); overall 1 vs 25 (0.04, 0.01–0.19).
OUTREACH_LATER = """\
Minutes of the outreach committee, 9 April 2024.
The administration described the library budget for outreach and the resource plan.
The library will follow the internal procedure for events, and the administration will book library rooms.
Staff resources are limited, so the library postpones the reading club; one volunteer objected.
"""
FINANCE_LATER = """\
Minutes of the finance meeting, 14 May 2024.
The library budget was approved after the administration explained the resource costs.
The library closed the public comment early.
"""
BOARD_TXT, OUTREACH_TXT, FINANCE_TXT = (
    "minutes/2024-03-12-board.txt",
    "minutes/2024-04-09-outreach.txt",
    "minutes/2024-05-14-finance.txt",
)
BOARD_TERMS, FINANCE_TERMS = "(library 5, administration 3, resource 3)", "(administration 1, library 1, resource 1)"


@pytest.fixture
def minutes(project: Path) -> Path:
    (project / "minutes").mkdir()
    for name, text in ((BOARD_TXT, BOARD), (OUTREACH_TXT, OUTREACH), (FINANCE_TXT, FINANCE)):
        (project / name).write_text(text, encoding="utf-8")
    return project


def configure_minutes(project: Path, check: str) -> None:
    text = f'paths = ["minutes"]\nlexicon = "lexicon.toml"\n\n[check]\n{textwrap.dedent(check)}'
    (project / "focuscount.toml").write_text(text, encoding="utf-8")


def later_minutes(project: Path) -> None:
    (project / OUTREACH_TXT).write_text(OUTREACH_LATER, encoding="utf-8")
    (project / FINANCE_TXT).write_text(FINANCE_LATER, encoding="utf-8")


def test_min_ratio_point_fails_on_the_ratio_and_quotes_the_interval(minutes: Path) -> None:
    configure_minutes(minutes, "min_ratio = { overall = 0.5, per_document = 0.4 }\n")
    code, out, _ = run()
    assert code == 1
    assert out.splitlines() == [
        "ERROR   (all documents): min_ratio: ratio 0.35 (95% interval 0.06–0.81) is below the minimum 0.50 "
        "(library 7, administration 5, resource 4)",
        f"ERROR   {BOARD_TXT}:1: min_ratio: ratio 0.00 (95% interval 0.00–0.24) is below the minimum 0.40 {BOARD_TERMS}",
        f"ERROR   {FINANCE_TXT}:1: min_ratio: ratio 0.25 (95% interval 0.05–0.70) is below the minimum 0.40 "
        f"{FINANCE_TERMS}",
        "focuscount check failed: 3 errors, 0 warnings (4 checks on 3 documents; overall ratio 0.35)",
    ]


def test_min_ratio_interval_fails_only_when_the_upper_bound_is_below(minutes: Path) -> None:
    # overall 0.35 < 0.50, but its interval reaches 0.81; finance 0.25 < 0.40, but reaches 0.70; board tops out at 0.24
    configure_minutes(minutes, 'min_ratio = { overall = 0.5, per_document = 0.4, confidence = "interval" }\n')
    code, out, _ = run()
    assert code == 1
    assert out.splitlines() == [
        f"ERROR   {BOARD_TXT}:1: min_ratio: ratio 0.00 (95% interval 0.00–0.24): its upper bound 0.24 is below "
        f"the minimum 0.40 {BOARD_TERMS}",
        "focuscount check failed: 1 error, 0 warnings (4 checks on 3 documents; overall ratio 0.35)",
    ]


def test_min_ratio_interval_overall_fails_when_the_whole_interval_is_below(minutes: Path) -> None:
    configure_minutes(minutes, 'min_ratio = { overall = 0.9, confidence = "interval" }\n')
    code, out, _ = run()
    assert code == 1
    assert out.splitlines()[0] == (
        "ERROR   (all documents): min_ratio: ratio 0.35 (95% interval 0.06–0.81): its upper bound 0.81 is below "
        "the minimum 0.90 (library 7, administration 5, resource 4)"
    )


def test_min_ratio_interval_passes_where_point_fails(minutes: Path) -> None:
    configure_minutes(minutes, "min_ratio = { overall = 0.3, per_document = 0.2 }\n")  # board: 0.00, up to 0.24
    code, out, _ = run()
    assert code == 1
    assert out.splitlines()[0] == (
        f"ERROR   {BOARD_TXT}:1: min_ratio: ratio 0.00 (95% interval 0.00–0.24) is below the minimum 0.20 {BOARD_TERMS}"
    )
    assert run("--confidence", "interval") == (
        0,
        "focuscount check passed: 0 errors, 0 warnings (4 checks on 3 documents; overall ratio 0.35)\n",
        "",
    )


def test_min_ratio_without_hits_is_judged_as_before_in_interval_mode(minutes: Path) -> None:
    (minutes / "minutes" / "2024-06-11-social.txt").write_text("Minutes of the summer party.\n", encoding="utf-8")
    configure_minutes(minutes, 'min_ratio = { per_document = 0.1, confidence = "interval", on_empty = "error" }\n')
    code, out, _ = run("-f", "line")
    assert code == 1
    assert out == (
        "minutes/2024-06-11-social.txt:1:1:min_ratio:no evidence: no customer or institution hits, so the ratio "
        "cannot be judged (minimum 0.10)\n"
    )


def test_confidence_option_overrides_the_rule_both_ways(minutes: Path) -> None:
    configure_minutes(minutes, 'min_ratio = { overall = 0.5, per_document = 0.4, confidence = "interval" }\n')
    assert run()[1].splitlines()[-1].startswith("focuscount check failed: 1 error,")
    assert run("--confidence", "point")[1].splitlines()[-1].startswith("focuscount check failed: 3 errors,")


def test_confidence_option_applies_to_the_default_rule(minutes: Path) -> None:
    # No configuration: the default rule is min_ratio overall 0.5; 0.35 fails it, its interval (up to 0.81) does not.
    (minutes / "focuscount.toml").unlink(missing_ok=True)
    assert run("minutes", "-l", "lexicon.toml")[0] == 1
    assert run("minutes", "-l", "lexicon.toml", "--confidence", "interval")[0] == 0


def save_minutes_baseline(project: Path) -> None:
    saved = CliRunner().invoke(cli, ["analyze", "minutes", "-l", "lexicon.toml", "-f", "json", "-o", "before.json"])
    assert saved.exit_code == 0, saved.stderr


REGRESSION_POINT = [
    "ERROR   (all documents): no_regression: ratio fell from 0.35 (before.json, 95% interval 0.06–0.81) "
    "to 0.04 (95% interval 0.01–0.19), a drop of 0.31 (tolerance 0.05) (library 11, administration 6, resource 6)",
    f"ERROR   {OUTREACH_TXT}:1: no_regression: ratio fell from 0.80 (before.json, 95% interval 0.49–0.94) "
    "to 0.10 (95% interval 0.02–0.40), a drop of 0.70 (tolerance 0.05) (library 4, administration 2, resource 2)",
    f"ERROR   {FINANCE_TXT}:1: no_regression: ratio fell from 0.25 (before.json, 95% interval 0.05–0.70) "
    "to 0.00 (95% interval 0.00–0.49), a drop of 0.25 (tolerance 0.05) (library 2, administration 1, resource 1)",
    "focuscount check failed: 3 errors, 0 warnings (4 checks on 3 documents; overall ratio 0.04)",
]


def test_no_regression_point_fails_on_every_drop_and_quotes_both_intervals(minutes: Path) -> None:
    save_minutes_baseline(minutes)
    later_minutes(minutes)
    configure_minutes(minutes, 'no_regression = { tolerance = 0.05, baseline = "before.json" }\n')
    code, out, _ = run()
    assert (code, out.splitlines()) == (1, REGRESSION_POINT)


def test_no_regression_interval_fails_only_when_the_intervals_do_not_overlap(minutes: Path) -> None:
    # outreach 0.49–0.94 then 0.02–0.40: apart. finance 0.05–0.70 then 0.00–0.49, overall 0.06–0.81 then 0.01–0.19:
    # both overlap, so those drops could be chance and pass.
    save_minutes_baseline(minutes)
    later_minutes(minutes)
    configure_minutes(
        minutes, 'no_regression = { tolerance = 0.05, baseline = "before.json", confidence = "interval" }\n'
    )
    code, out, _ = run()
    assert code == 1
    assert out.splitlines() == [
        f"ERROR   {OUTREACH_TXT}:1: no_regression: ratio fell from 0.80 (before.json, 95% interval 0.49–0.94) "
        "to 0.10 (95% interval 0.02–0.40), a drop of 0.70 (tolerance 0.05); the 95% intervals do not overlap "
        "(library 4, administration 2, resource 2)",
        "focuscount check failed: 1 error, 0 warnings (4 checks on 3 documents; overall ratio 0.04)",
    ]
    assert run("--confidence", "point")[1].splitlines() == REGRESSION_POINT


def test_no_regression_interval_still_needs_a_drop_above_the_tolerance(minutes: Path) -> None:
    save_minutes_baseline(minutes)
    later_minutes(minutes)
    configure_minutes(minutes, 'no_regression = { tolerance = 0.75, confidence = "interval" }\n')  # outreach fell 0.70
    assert run("--baseline", "before.json") == (
        0,
        "focuscount check passed: 0 errors, 0 warnings (4 checks on 3 documents; overall ratio 0.04)\n",
        "",
    )


def strip_intervals(report: Path) -> None:
    """``report`` as saved before reports carried intervals."""
    data = json.loads(report.read_text(encoding="utf-8"))
    del data["summary"]["interval"]
    for document in data["documents"]:
        del document["interval"]
    report.write_text(json.dumps(data), encoding="utf-8")


def test_old_report_without_intervals_falls_back_to_the_ratios_with_a_note(minutes: Path) -> None:
    save_minutes_baseline(minutes)
    strip_intervals(minutes / "before.json")
    later_minutes(minutes)
    configure_minutes(minutes, 'no_regression = { tolerance = 0.05, confidence = "interval" }\n')
    code, out, _ = run("--baseline", "before.json")
    assert code == 1
    note = f"; judged on the ratios alone: before.json holds no interval ({SAVE_AGAIN})"
    assert out.splitlines() == [
        "ERROR   (all documents): no_regression: ratio fell from 0.35 (before.json) to 0.04 (95% interval 0.01–0.19), "
        f"a drop of 0.31 (tolerance 0.05){note} (library 11, administration 6, resource 6)",
        f"ERROR   {OUTREACH_TXT}:1: no_regression: ratio fell from 0.80 (before.json) to 0.10 (95% interval 0.02–0.40), "
        f"a drop of 0.70 (tolerance 0.05){note} (library 4, administration 2, resource 2)",
        f"ERROR   {FINANCE_TXT}:1: no_regression: ratio fell from 0.25 (before.json) to 0.00 (95% interval 0.00–0.49), "
        f"a drop of 0.25 (tolerance 0.05){note} (library 2, administration 1, resource 1)",
        "focuscount check failed: 3 errors, 0 warnings (4 checks on 3 documents; overall ratio 0.04)",
    ]
    code, out, _ = run("--baseline", "before.json", "--confidence", "point")  # point mode needs no note
    assert code == 1
    assert "judged on the ratios alone" not in out
    assert out.splitlines()[1] == (
        f"ERROR   {OUTREACH_TXT}:1: no_regression: ratio fell from 0.80 (before.json) to 0.10 (95% interval 0.02–0.40), "
        "a drop of 0.70 (tolerance 0.05) (library 4, administration 2, resource 2)"
    )


def test_no_regression_interval_against_a_git_revision(minutes: Path) -> None:
    configure_minutes(minutes, 'no_regression = { tolerance = 0.05, confidence = "interval" }\n')
    git(minutes, "init", "-q", "-b", "main")
    git(minutes, "add", "minutes", "lexicon.toml")
    git(minutes, "commit", "-q", "-m", "spring minutes")
    later_minutes(minutes)
    code, out, _ = run("--baseline-ref", "main")
    assert code == 1
    assert out.splitlines() == [
        f"ERROR   {OUTREACH_TXT}:1: no_regression: ratio fell from 0.80 (main, 95% interval 0.49–0.94) "
        "to 0.10 (95% interval 0.02–0.40), a drop of 0.70 (tolerance 0.05); the 95% intervals do not overlap "
        "(library 4, administration 2, resource 2)",
        "focuscount check failed: 1 error, 0 warnings (4 checks on 3 documents; overall ratio 0.04)",
    ]


def test_json_findings_carry_the_intervals_and_the_confidence(minutes: Path) -> None:
    save_minutes_baseline(minutes)
    later_minutes(minutes)
    configure_minutes(
        minutes,
        'min_ratio = { per_document = 0.4, confidence = "interval" }\n'
        'no_regression = { tolerance = 0.05, baseline = "before.json", confidence = "interval" }\n',
    )
    code, out, _ = run("-f", "json")
    assert code == 1
    data = json.loads(out)
    assert data["baseline"] == {"label": "before.json", "ratio": 0.3462, "interval": [0.0606, 0.8128]}
    found = [
        (f["path"], f["rule"], f["measured"], f["interval"], f["baseline_interval"], f["confidence"])
        for f in data["findings"]
    ]
    assert found == [
        (BOARD_TXT, "min_ratio", 0.0, [0.0, 0.2425], None, "interval"),  # outreach (up to 0.4042) and finance pass
        (OUTREACH_TXT, "no_regression", 0.1, [0.0179, 0.4042], [0.4902, 0.9433], "interval"),
    ]
    assert data["findings"][0]["message"] == (
        f"ratio 0.00 (95% interval 0.00–0.24): its upper bound 0.24 is below the minimum 0.40 {BOARD_TERMS}"
    )


def test_json_findings_of_other_rules_have_no_interval(minutes: Path) -> None:
    configure_minutes(minutes, "min_words = 30\n")
    data = json.loads(run("-f", "json")[1])
    (finding,) = data["findings"]
    assert (finding["path"], finding["interval"], finding["baseline_interval"], finding["confidence"]) == (
        FINANCE_TXT, None, None, "point",
    )  # fmt: skip
    assert data["baseline"] is None


def test_interval_findings_keep_each_formats_escaping(minutes: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = minutes / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    configure_minutes(minutes, 'min_ratio = { per_document = 0.4, confidence = "interval" }\n')
    message = f"ratio 0.00 (95% interval 0.00–0.24): its upper bound 0.24 is below the minimum 0.40 {BOARD_TERMS}"
    assert run("-f", "line")[1] == f"{BOARD_TXT}:1:1:min_ratio:{message}\n"
    github = run("-f", "github")[1].splitlines()[0]
    assert github == (
        f"::error file={BOARD_TXT},line=1,endLine=6,title=focuscount min_ratio::{message.replace('%', '%25')}"
    )
    assert summary.read_text(encoding="utf-8").splitlines()[-1] == (
        f"| error | {BOARD_TXT} | min_ratio | 0.00 (0.00–0.24) | 0.40 | {message} |"
    )
    root = ElementTree.fromstring(run("-f", "junit")[1].encode("utf-8"))
    failures = [case.find("failure") for case in root.iter("testcase") if case.find("failure") is not None]
    assert [failure.get("message") for failure in failures] == [message]


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ('min_ratio = { overall = 0.5, confidence = "high" }', "confidence of 'min_ratio' must be 'point' or 'interval', not 'high'"),
        ('min_ratio = { overall = 0.5, confidence = "Interval" }', "confidence of 'min_ratio' must be 'point' or 'interval', not 'Interval'"),
        ("min_ratio = { overall = 0.5, confidence = 0.95 }", "confidence of 'min_ratio' must be 'point' or 'interval', not 0.95"),
        ("no_regression = { tolerance = 0.05, confidence = true }", "confidence of 'no_regression' must be 'point' or 'interval', not True"),
        ('min_words = { per_document = 5, confidence = "interval" }', "unknown key 'confidence' in rule 'min_words' (allowed: per_document, severity)"),
        ('max_institution_rate = { overall = 90, confidence = "point" }', "unknown key 'confidence' in rule 'max_institution_rate' (allowed: overall, per_document, severity)"),
        ("min_ratio = { overall = 0.5, confidense = 1 }", "unknown key 'confidense' in rule 'min_ratio' (allowed: overall, per_document, confidence, on_empty, severity)"),
        ("no_regression = { tolerance = 0.05, level = 1 }", "unknown key 'level' in rule 'no_regression' (allowed: tolerance, baseline, baseline_ref, allow_lexicon_change, confidence, severity)"),
    ],
)  # fmt: skip
def test_confidence_settings_errors_name_file_and_line(minutes: Path, rule: str, message: str) -> None:
    configure_minutes(minutes, f'severity = "error"\n{rule}\n')
    assert run() == (2, "", f"Error: {minutes / 'focuscount.toml'}:6: {message}\n")


def test_confidence_in_a_rule_subtable_of_pyproject(minutes: Path) -> None:
    (minutes / "pyproject.toml").write_text(
        '[tool.focuscount]\npaths = ["minutes"]\nlexicon = "lexicon.toml"\n\n'
        '[tool.focuscount.check.min_ratio]\nper_document = 0.4\nconfidence = "interval"\n',
        encoding="utf-8",
    )
    from focuscount.config import read_config

    (rule,) = read_config(minutes / "pyproject.toml").rules
    assert rule == Rule("min_ratio", "error", {"per_document": 0.4}, confidence="interval")
    code, out, _ = run()
    assert (code, out.splitlines()[-1]) == (
        1, "focuscount check failed: 1 error, 0 warnings (3 checks on 3 documents; overall ratio 0.35)",
    )  # fmt: skip
    (minutes / "pyproject.toml").write_text(
        '[tool.focuscount]\npaths = ["minutes"]\n\n[tool.focuscount.check.min_ratio]\nper_document = 0.4\n'
        'confidence = "likely"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as raised:
        read_config(minutes / "pyproject.toml")
    assert (raised.value.line, raised.value.message) == (
        4, "confidence of 'min_ratio' must be 'point' or 'interval', not 'likely'",
    )  # fmt: skip


def test_confidence_option_is_validated(minutes: Path) -> None:
    code, out, err = run("minutes", "-l", "lexicon.toml", "--confidence", "likely")
    assert (code, out) == (2, "")
    assert (
        err.splitlines()[-1] == "Error: Invalid value for '--confidence': 'likely' is not one of 'point', 'interval'."
    )


def test_check_run_refuses_an_unknown_confidence_from_python(minutes: Path) -> None:
    from focuscount.check import check_run

    with pytest.raises(ConfigError) as raised:
        check_run([Path("minutes")], "lexicon.toml", confidence="likely")  # type: ignore[arg-type]
    assert str(raised.value) == "`confidence` must be 'point' or 'interval', not 'likely'"
    assert raised.value.parameters == ("confidence",)


@pytest.mark.parametrize(
    ("interval", "shown"),
    [
        ([0.5], "[0.5]"),
        ([0.6, 0.4], "[0.6, 0.4]"),
        (["low", 0.4], '["low", 0.4]'),
        ([True, 1], "[true, 1]"),
        ([-0.1, 0.4], "[-0.1, 0.4]"),
        ([0.2, float("nan")], "[0.2, NaN]"),
        ({"low": 0.1, "high": 0.4}, '{"low": 0.1, "high": 0.4}'),
        ("0.1–0.4", '"0.1–0.4"'),
    ],
)
def test_malformed_interval_in_a_baseline_exits_2_naming_the_field(minutes: Path, interval: object, shown: str) -> None:
    save_minutes_baseline(minutes)
    report = minutes / "before.json"
    data = json.loads(report.read_text(encoding="utf-8"))
    data["documents"][1]["interval"] = interval
    report.write_text(json.dumps(data), encoding="utf-8")
    configure_minutes(minutes, "no_regression = 0.05\n")
    code, out, err = run("--baseline", "before.json")
    assert (code, out) == (2, "")
    assert err == (
        "Error: before.json: baseline field 'documents[1].interval' must be [low, high] (two ratios from 0 to 1, "
        f"low first) or null, not {shown}; {SAVE_AGAIN}\n"
    )
